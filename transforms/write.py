"""WriteTables: one Parquet table per contract table, into a staging directory.

Each table's rows are written by a DoFn fused with the step that makes them:
rows are buffered per bundle and written with pyarrow as `part-<hash>.parquet`,
where the hash is of the rows themselves, so a retried bundle overwrites its own
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

import apache_beam as beam
from apache_beam.metrics import Metrics

from schemas.tables import TABLES

TMP_SUFFIX = ".tmp"


def write_rows(staging: str, table: str, rows: list) -> str:
    """Write rows as one Parquet file of `table` under `staging`; return its path."""
    import pyarrow as pa
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    schema = TABLES[table]
    digest = hashlib.sha256()
    for key in sorted(repr(sorted(r.items())) for r in rows):
        digest.update(key.encode("utf-8"))
    fs, root = pafs.FileSystem.from_uri(staging if "://" in staging else os.path.abspath(staging))
    directory = posixpath.join(root, table)
    fs.create_dir(directory, recursive=True)
    final = posixpath.join(directory, f"part-{digest.hexdigest()[:24]}.parquet")
    tmp = final + TMP_SUFFIX
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, filesystem=fs, compression="snappy")
    fs.move(tmp, final)
    return final


class WriteParquetShards(beam.DoFn):
    """Rows of one table -> Parquet files, one or more per bundle: a file is cut at
    `max_rows` rows or about `max_bytes` of text, so memory does not grow with a bundle."""

    def __init__(self, staging: str, table: str, max_rows: int = 20_000, max_bytes: int = 16 << 20):
        self.staging, self.table, self.max_rows, self.max_bytes = staging, table, max_rows, max_bytes
        self.files = Metrics.counter(self.__class__, f"{table}_files")

    def start_bundle(self):
        self._rows, self._bytes = [], 0

    def process(self, row):
        self._rows.append(row)
        self._bytes += sum(len(v) for v in row.values() if isinstance(v, str))
        if len(self._rows) >= self.max_rows or self._bytes >= self.max_bytes:
            self._flush()

    def finish_bundle(self):
        self._flush()

    def _flush(self):
        rows, self._rows, self._bytes = self._rows, [], 0
        if rows:
            write_rows(self.staging, self.table, rows)
            self.files.inc()


@dataclasses.dataclass
class WriteTables(beam.PTransform):
    """{table name: PCollection[row]} -> Parquet files under STAGING/<table>/."""

    staging: str
    max_rows_per_file: int = 20_000

    def __post_init__(self):
        super().__init__()

    def expand(self, tables):
        return {name: tables[name] | f"Write_{name}" >> beam.ParDo(
                    WriteParquetShards(self.staging, name, self.max_rows_per_file))
                for name in TABLES}
