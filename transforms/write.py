"""WriteTables: one Parquet table per contract table, into a staging directory.

Each table's rows are written by a DoFn fused with the step that makes them:
rows are buffered per bundle as Arrow record batches and written with pyarrow as
`part-<hash>.parquet`, where the hash is of the rows themselves (in any order), so a retried bundle overwrites its own
file instead of adding a second copy. A file is written under a temporary name
and renamed when complete. The run never writes under `--output`:
`pipeline.publish` moves the staged tables there once the pipeline succeeded.

Why not Beam's `WriteToParquet`: its temporary files end in `.parquet`, a rerun
with another shard count leaves stale shards, and each sink adds a handful of
stages (about a second of start-up per run for our seven tables).
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
from typing import Optional

import apache_beam as beam
from apache_beam.metrics import Metrics

from schemas.tables import TABLES

TMP_SUFFIX = ".tmp"


def row_digest(row: dict) -> bytes:
    """A row's own hash; a file's name hashes the sorted row hashes, so any order of
    the same rows gives the same name."""
    return hashlib.sha256(repr(sorted(row.items())).encode("utf-8")).digest()


class ShardBuffer:
    """Rows of one table on their way to one Parquet file, held as Arrow record
    batches (a fraction of the memory of the row dicts), plus each row's hash."""

    def __init__(self, table: str, batch_rows: int = 1_000):
        self.table, self.batch_rows = table, batch_rows
        self.rows, self.batches, self.digests = [], [], []
        self.n_rows = self.n_bytes = 0

    def add(self, row: dict) -> None:
        self.rows.append(row)
        self.digests.append(row_digest(row))
        self.n_rows += 1
        if len(self.rows) >= self.batch_rows:
            self._compact()

    def _compact(self) -> None:
        import pyarrow as pa

        if self.rows:
            batch = pa.RecordBatch.from_pylist(self.rows, schema=TABLES[self.table])
            self.batches.append(batch)
            self.n_bytes += batch.nbytes
            self.rows = []

    def write(self, staging: str) -> Optional[str]:
        """Write what is buffered as one file under STAGING/<table>/ and empty the buffer."""
        import pyarrow as pa
        import pyarrow.fs as pafs
        import pyarrow.parquet as pq

        if not self.n_rows:
            return None
        self._compact()
        digest = hashlib.sha256(b"".join(sorted(self.digests))).hexdigest()[:24]
        table = pa.Table.from_batches(self.batches, schema=TABLES[self.table])
        self.batches, self.digests, self.n_rows, self.n_bytes = [], [], 0, 0
        fs, root = pafs.FileSystem.from_uri(staging if "://" in staging else os.path.abspath(staging))
        directory = posixpath.join(root, self.table)
        fs.create_dir(directory, recursive=True)
        final = posixpath.join(directory, f"part-{digest}.parquet")
        tmp = final + TMP_SUFFIX
        pq.write_table(table, tmp, filesystem=fs, compression="snappy")
        fs.move(tmp, final)
        return final


def write_rows(staging: str, table: str, rows: list) -> str:
    """Write rows as one Parquet file of `table` under `staging`; return its path."""
    buffer = ShardBuffer(table)
    for row in rows:
        buffer.add(row)
    return buffer.write(staging)


class WriteParquetShards(beam.DoFn):
    """Rows of one table -> Parquet files, one or more per bundle: a file is cut at
    `max_rows` rows or `max_bytes` of Arrow data, so memory does not grow with a bundle."""

    def __init__(self, staging: str, table: str, max_rows: int = 50_000, max_bytes: int = 32 << 20):
        self.staging, self.table, self.max_rows, self.max_bytes = staging, table, max_rows, max_bytes
        self.files = Metrics.counter(self.__class__, f"{table}_files")

    def start_bundle(self):
        self._buffer = ShardBuffer(self.table)

    def process(self, row):
        self._buffer.add(row)
        if self._buffer.n_rows >= self.max_rows or self._buffer.n_bytes >= self.max_bytes:
            self._flush()

    def finish_bundle(self):
        self._flush()

    def _flush(self):
        if self._buffer.write(self.staging):
            self.files.inc()


@dataclasses.dataclass
class WriteTables(beam.PTransform):
    """{table name: PCollection[row]} -> Parquet files under STAGING/<table>/."""

    staging: str
    max_rows_per_file: int = 50_000

    def __post_init__(self):
        super().__init__()

    def expand(self, tables):
        return {name: tables[name] | f"Write_{name}" >> beam.ParDo(
                    WriteParquetShards(self.staging, name, self.max_rows_per_file))
                for name in TABLES}
