"""WriteTables: one Parquet table per contract table, into a staging directory.

The run never writes under `--output` itself: Beam's Parquet sink leaves stale
shards on a rerun with another shard count and names its temporary files
`*.parquet`, so readers could see partial or doubled tables. `pipeline.publish`
moves the staged tables to `--output` once the pipeline has succeeded.
"""
from __future__ import annotations

import dataclasses

import apache_beam as beam
from apache_beam.io.parquetio import WriteToParquet

from schemas.tables import TABLES


def table_prefix(staging: str, table: str) -> str:
    return f"{staging.rstrip('/')}/{table}/part"


@dataclasses.dataclass
class WriteTables(beam.PTransform):
    """{table name: PCollection[row]} -> Parquet files under STAGING/<table>/."""

    staging: str

    def __post_init__(self):
        super().__init__()

    def expand(self, tables):
        results = {}
        for name, schema in TABLES.items():
            results[name] = tables[name] | f"Write_{name}" >> WriteToParquet(
                table_prefix(self.staging, name), schema=schema,
                file_name_suffix=".parquet", codec="snappy",
                # Beam's default buffers 64 MB per sink before a row group: with seven sinks
                # and article texts that is memory growing with the corpus; 8 MB is plenty
                row_group_buffer_size=8 * 1024 * 1024)
        return results
