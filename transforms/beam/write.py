"""WriteTables: one Parquet table per contract table, into a staging directory.

Each table's rows are written by a DoFn fused with the step that makes them, through
`transforms.io.parquet.ShardWriter` (a row group at a time, files named after their
rows). The run never writes under `--output`: `pipeline.publish` moves the staged tables
there once the pipeline succeeded.

Why not Beam's `WriteToParquet`: its temporary files end in `.parquet`, a rerun
with another shard count leaves stale shards, and each sink adds a handful of
stages (about a second of start-up per run for our seven tables).
"""
from __future__ import annotations

import dataclasses
import posixpath

import apache_beam as beam
from apache_beam.metrics import Metrics

from schemas.tables import TABLES
from transforms.io.parquet import ShardWriter, resolve_filesystem, run_prefix


class WriteParquetShards(beam.DoFn):
    """Rows of one table -> Parquet files under STAGING/<table>/part-<run id>-<hash>.parquet, one per bundle,
    or more: a file is cut at `max_rows` rows. Each row gets the run's id. Rows are
    streamed to the file in row groups, so memory does not grow with a bundle."""

    def __init__(self, staging: str, table: str, run_id: str, max_rows: int = 1_000_000):
        self.staging, self.table, self.run_id, self.max_rows = staging, table, run_id, max_rows
        self.files = Metrics.counter(self.__class__, f"{table}_files")

    def setup(self):
        self._fs, root = resolve_filesystem(self.staging)
        self._directory = posixpath.join(root, self.table)

    def start_bundle(self):
        self._writer = None

    def process(self, row):
        if self._writer is None:
            self._writer = ShardWriter(self._fs, self._directory, TABLES[self.table], prefix=run_prefix(self.run_id))
        self._writer.add(dict(row, run_id=self.run_id))
        if self._writer.n_rows >= self.max_rows:
            self._close()

    def finish_bundle(self):
        self._close()

    def _close(self):
        if self._writer is not None and self._writer.close():
            self.files.inc()
        self._writer = None


@dataclasses.dataclass
class WriteTables(beam.PTransform):
    """{table name: PCollection[row]} -> Parquet files under STAGING/<table>/, named after the run."""

    staging: str
    run_id: str
    max_rows_per_file: int = 1_000_000

    def __post_init__(self):
        super().__init__()

    def expand(self, tables):
        return {name: tables[name] | f"Write_{name}" >> beam.ParDo(
                    WriteParquetShards(self.staging, name, self.run_id, self.max_rows_per_file))
                for name in TABLES}
