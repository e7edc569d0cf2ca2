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

from schemas.tables import PARTITIONS, TABLES
from transforms.io.parquet import ShardWriter, hive_directory, resolve_filesystem


class WriteParquetShards(beam.DoFn):
    """Rows of one table -> Parquet files, one per bundle (and Hive partition, for a
    table in `PARTITIONS`), or more: a file is cut at `max_rows` rows. Rows are
    streamed to the file in row groups, so memory does not grow with a bundle."""

    def __init__(self, staging: str, table: str, max_rows: int = 1_000_000):
        self.staging, self.table, self.max_rows = staging, table, max_rows
        self.key = PARTITIONS.get(table)
        self.files = Metrics.counter(self.__class__, f"{table}_files")

    def setup(self):
        schema = TABLES[self.table]
        # Hive layout: the key lives in the directory name, not in the files
        self._schema = schema.remove(schema.get_field_index(self.key)) if self.key else schema
        self._fs, root = resolve_filesystem(self.staging)
        self._table_dir = posixpath.join(root, self.table)

    def start_bundle(self):
        self._writers = {}

    def process(self, row):
        partition = None
        if self.key:
            partition = hive_directory(self.key, row[self.key])
            row = {k: v for k, v in row.items() if k != self.key}
        writer = self._writers.get(partition)
        if writer is None:
            directory = posixpath.join(self._table_dir, partition) if partition else self._table_dir
            writer = self._writers[partition] = ShardWriter(self._fs, directory, self._schema)
        writer.add(row)
        if writer.n_rows >= self.max_rows:
            self._close(writer)

    def finish_bundle(self):
        for writer in self._writers.values():
            self._close(writer)
        self._writers = {}

    def _close(self, writer: ShardWriter):
        if writer.close():
            self.files.inc()


@dataclasses.dataclass
class WriteTables(beam.PTransform):
    """{table name: PCollection[row]} -> Parquet files under STAGING/<table>/."""

    staging: str
    max_rows_per_file: int = 1_000_000

    def __post_init__(self):
        super().__init__()

    def expand(self, tables):
        return {name: tables[name] | f"Write_{name}" >> beam.ParDo(
                    WriteParquetShards(self.staging, name, self.max_rows_per_file))
                for name in TABLES}
