"""Staging directory -> `--output`: whole tables or nothing.

After the pipeline succeeded: every table gets at least an empty file with its
schema (so SQL over a table with no rows still works; `events` arrives already in
Hive partitions, `events/published_year=2020/...`, from `transforms.beam.write`),
unfinished `.tmp` files are removed, and `_SUCCESS` (a JSON run summary) is
written last.

Local output: `_SUCCESS` goes into the staging directory, which then replaces
`--output` by a rename: a reader sees the old complete output, no directory for
an instant, or the new complete output; never a part.
Object stores (`gs://`, `s3://`), which cannot rename directories: the old
`_SUCCESS` is removed first, the old tables deleted, the new files copied, and
`_SUCCESS` written last, so a reader that waits for `_SUCCESS` never sees a part.
A run that dies leaves only `OUTPUT.staging-<run id>`, which the next run into
the same output removes.
"""
from __future__ import annotations

import datetime
import json
import os
import posixpath
from typing import Dict, List

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from schemas.tables import SCHEMA_VERSION, TABLES
from transforms.io.parquet import TMP_SUFFIX, resolve_filesystem

SUCCESS = "_SUCCESS"


def _is_local(fs: pafs.FileSystem) -> bool:
    return isinstance(fs, pafs.LocalFileSystem)


def staging_dir(output: str, run_id: str) -> str:
    if "://" in output:
        return f"{output.rstrip('/')}.staging-{run_id}"
    return f"{os.path.abspath(output).rstrip(os.sep)}.staging-{run_id}"


def _siblings(output: str, marker: str) -> List[str]:
    """Paths (as URIs/paths like `output`) next to `output` named `<output><marker>*`."""
    fs, path = resolve_filesystem(output)
    parent, name = posixpath.split(path.rstrip("/"))
    try:
        infos = fs.get_file_info(pafs.FileSelector(parent or "/", allow_not_found=True))
    except (OSError, pa.ArrowException):
        return []
    prefix = output.rstrip("/")[: len(output.rstrip("/")) - len(name)]
    return [prefix + posixpath.basename(i.path) for i in infos
            if posixpath.basename(i.path).startswith(name + marker)]


def clear_stale_staging(output: str, keep: str = None) -> None:
    """Remove what killed runs into the same output left behind."""
    for uri in _siblings(output, ".staging-") + _siblings(output, ".old-"):
        if uri != keep:
            fs, path = resolve_filesystem(uri)
            fs.delete_dir(path)


def _parquet_files(fs: pafs.FileSystem, directory: str) -> List[str]:
    infos = fs.get_file_info(pafs.FileSelector(directory, recursive=True, allow_not_found=True))
    return sorted(i.path for i in infos if i.type == pafs.FileType.File
                  and i.path.endswith(".parquet"))


def finalise_tables(staging: str) -> Dict[str, int]:
    """Give every table its final layout in `staging`; return rows per table."""
    fs, root = resolve_filesystem(staging)
    counts = {}
    for name, schema in TABLES.items():
        directory = posixpath.join(root, name)
        fs.create_dir(directory, recursive=True)
        for info in fs.get_file_info(pafs.FileSelector(directory, recursive=True, allow_not_found=True)):
            if info.path.endswith(TMP_SUFFIX):   # a write that a failed attempt left unfinished
                fs.delete_file(info.path)
        files = _parquet_files(fs, directory)
        counts[name] = sum(pq.ParquetFile(fs.open_input_file(f)).metadata.num_rows for f in files)
        if not files:
            pq.write_table(schema.empty_table(), posixpath.join(directory, "part-00000-of-00001.parquet"),
                           filesystem=fs)
    return counts


def reject_reasons(staging: str) -> Dict[str, int]:
    """{reason: rows} of the staged rejects table, for the run summary."""
    fs, root = resolve_filesystem(staging)
    counts: Dict[str, int] = {}
    for f in _parquet_files(fs, posixpath.join(root, "rejects")):
        for reason in pq.read_table(fs.open_input_file(f), columns=["reason"]).column("reason").to_pylist():
            counts[reason] = counts.get(reason, 0) + 1
    return counts


def _copy_tree(fs, source: str, target: str) -> None:
    for info in fs.get_file_info(pafs.FileSelector(source, recursive=True)):
        if info.type == pafs.FileType.File:
            dest = posixpath.join(target, posixpath.relpath(info.path, source))
            fs.create_dir(posixpath.dirname(dest), recursive=True)
            fs.copy_file(info.path, dest)


def publish(staging: str, output: str, summary: dict) -> None:
    """Write _SUCCESS last and put the staged tables in place of `output`."""
    fs, stage_path = resolve_filesystem(staging)
    _, out_path = resolve_filesystem(output)
    marker = json.dumps(dict(summary, schema_version=SCHEMA_VERSION,
                             finished=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")),
                        indent=2, sort_keys=True).encode("utf-8")
    exists = fs.get_file_info(out_path).type != pafs.FileType.NotFound
    if _is_local(fs):
        with fs.open_output_stream(posixpath.join(stage_path, SUCCESS)) as f:
            f.write(marker)
        old = f"{out_path}.old-{stage_path.rsplit('-', 1)[-1]}"
        if exists:
            fs.move(out_path, old)
        fs.move(stage_path, out_path)
        if exists:
            info = fs.get_file_info(old)
            fs.delete_dir(old) if info.type == pafs.FileType.Directory else fs.delete_file(old)
        return
    if exists:
        if fs.get_file_info(posixpath.join(out_path, SUCCESS)).type == pafs.FileType.File:
            fs.delete_file(posixpath.join(out_path, SUCCESS))
        fs.delete_dir_contents(out_path, missing_dir_ok=True)
    _copy_tree(fs, stage_path, out_path)
    with fs.open_output_stream(posixpath.join(out_path, SUCCESS)) as f:
        f.write(marker)
    fs.delete_dir(stage_path)
