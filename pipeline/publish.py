"""Staging directory -> `--output`: whole tables or nothing.

After the pipeline succeeded: every table gets at least an empty file with its
schema (so SQL over a table with no rows still works), `events` is rewritten
with Hive partitions (`events/published_year=2020/...`), `_SUCCESS` is written
into the staging directory last, and the staging directory then replaces
`--output` by a rename. A reader therefore sees the old complete output, no
directory for an instant, or the new complete output; never a part. A run that
dies leaves only `OUTPUT.staging-<run id>`, which the next run of the same
output removes.
"""
from __future__ import annotations

import datetime
import glob
import json
import os
import shutil
from typing import Dict

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.tables import PARTITIONS, SCHEMA_VERSION, TABLES

SUCCESS = "_SUCCESS"


def staging_dir(output: str, run_id: str) -> str:
    return f"{os.path.abspath(output).rstrip(os.sep)}.staging-{run_id}"


def clear_stale_staging(output: str, keep: str = None) -> None:
    """Remove what killed runs into the same output left behind."""
    for path in glob.glob(f"{glob.escape(os.path.abspath(output).rstrip(os.sep))}.staging-*"):
        if path != keep:
            shutil.rmtree(path, ignore_errors=True)


def _parquet_files(directory: str):
    return sorted(os.path.join(r, f) for r, dirs, fs in os.walk(directory)
                  for f in fs if f.endswith(".parquet") and "beam-temp" not in r)


def finalise_tables(staging: str) -> Dict[str, int]:
    """Give every table its final layout in `staging`; return rows per table."""
    counts = {}
    for name, schema in TABLES.items():
        directory = os.path.join(staging, name)
        os.makedirs(directory, exist_ok=True)
        for leftover in glob.glob(os.path.join(directory, "beam-temp-*")):
            shutil.rmtree(leftover, ignore_errors=True)
        files = _parquet_files(directory)
        counts[name] = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
        if name in PARTITIONS and counts[name]:
            _partition(directory, files, schema, PARTITIONS[name])
        elif not files:
            pq.write_table(schema.empty_table(), os.path.join(directory, "part-00000-of-00001.parquet"))
    return counts


def _partition(directory: str, files, schema: pa.Schema, key: str) -> None:
    partitioned = directory + ".partitioned"
    ds.write_dataset(
        ds.dataset(files, schema=schema, format="parquet"), partitioned, format="parquet",
        partitioning=ds.partitioning(pa.schema([schema.field(key)]), flavor="hive"),
        basename_template="part-{i}.parquet", existing_data_behavior="error")
    shutil.rmtree(directory)
    os.rename(partitioned, directory)


def publish(staging: str, output: str, summary: dict) -> None:
    """Write _SUCCESS last into staging, then swap staging in for `output`."""
    output = os.path.abspath(output)
    marker = dict(summary, schema_version=SCHEMA_VERSION,
                  finished=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))
    with open(os.path.join(staging, SUCCESS), "w", encoding="utf-8") as f:
        json.dump(marker, f, indent=2, sort_keys=True)
    old = None
    if os.path.lexists(output):
        old = f"{output}.old-{os.path.basename(staging).rsplit('-', 1)[-1]}"
        os.rename(output, old)
    os.rename(staging, output)
    if old:
        if os.path.isdir(old) and not os.path.islink(old):
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.remove(old)
