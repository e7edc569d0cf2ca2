"""Staging directory -> `--output`: whole runs or nothing, and nothing of anyone else's.

A run writes into its own staging directory (`OUTPUT.staging-<run id>`, created first
with a `_STAGING` marker), each table's files named `<table>/part-<run id>-<hash>.parquet`. After the
pipeline succeeded: every table gets at least an empty file with its schema (so SQL over
a table with no rows still works), unfinished `.tmp` files are removed, the run's
`inputs` and `runs` rows are written (`pipeline.ledger`), and `_SUCCESS` (a JSON run
summary) last.

Local output: the staging directory and `--output` are exchanged in one atomic
`renameat2(RENAME_EXCHANGE)` (or renamed into place when there is no output yet), then
the previous output, now under the staging name, is deleted. In append mode the staging
directory first gets a hard link to every file of the output (`link_previous`), so the
exchange adds the run and leaves earlier files as they were. A run killed at any
instant leaves the old output or the new one under `OUTPUT`, never neither. Where the
kernel or filesystem cannot exchange, the old output is first renamed to
`OUTPUT.old-<run id>`, and the next run puts it back if it finds `OUTPUT` missing.
Object stores (`gs://`, `s3://`), which cannot rename directories: in replace mode the
old `_SUCCESS` is removed first and the old files deleted; the new files are copied,
`runs` last, and `_SUCCESS` written last; readers follow `pipeline.current`.

Only directories that carry the pipeline's marker (or are empty) are ever replaced or
deleted; `pipeline.safety` refuses anything else before the run starts, and publish
checks again.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import datetime
import json
import os
import posixpath
import shutil
import socket
from typing import Dict, List, Optional

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from pipeline.safety import (PIPELINE, STAGING_MARKER, SUCCESS, UsageError, is_run_summary, replaceable,
                             written_by_pipeline)
from schemas.tables import SCHEMA_VERSION, TABLES
from transforms.io.parquet import TMP_SUFFIX, resolve_filesystem, run_prefix

__all__ = ["SUCCESS", "create_staging", "clear_stale_staging", "finalise_tables", "link_previous", "publish",
           "reject_reasons", "staging_dir"]


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


def create_staging(staging: str, run_id: str) -> None:
    """Make the run's staging directory, marked as the pipeline's (so that only such
    directories are ever deleted); a UsageError if it cannot be written."""
    fs, path = resolve_filesystem(staging)
    marker = json.dumps({"written_by": PIPELINE, "run_id": run_id, "pid": os.getpid(),
                         "host": socket.gethostname()}).encode("utf-8")
    try:
        if fs.get_file_info(path).type != pafs.FileType.NotFound and _is_local(fs) and os.listdir(path):
            raise UsageError(f"--staging {staging} is not empty; give a new directory")
        fs.create_dir(path, recursive=True)
        # written whole or not at all: a marker half-written by a killed run would keep the next
        # run from recognising (and removing) the directory
        with fs.open_output_stream(posixpath.join(path, STAGING_MARKER + TMP_SUFFIX)) as f:
            f.write(marker)
        fs.move(posixpath.join(path, STAGING_MARKER + TMP_SUFFIX), posixpath.join(path, STAGING_MARKER))
    except (OSError, pa.ArrowException) as exc:
        raise UsageError(f"cannot write the staging directory {staging}: {getattr(exc, 'strerror', None) or exc}; "
                         "check that the output's folder is writable and has space") from exc


def remove_staging(staging: str) -> None:
    """Delete this run's staging directory (after a failure): only if it is the pipeline's."""
    fs, path = resolve_filesystem(staging)
    if fs.get_file_info(path).type != pafs.FileType.Directory:
        return
    if not _is_local(fs) or written_by_pipeline(path) or not os.listdir(path):
        fs.delete_dir(path)


def clear_stale_staging(output: str, keep: str = None) -> List[str]:
    """With the output's lock held (so no other run is writing): remove the staging
    directories that killed runs into the same output left behind, and put back an
    output that a publish without atomic exchange was killed in the middle of. Only
    siblings carrying the pipeline's marker are touched; returns what was removed."""
    removed = []
    fs, out_path = resolve_filesystem(output)
    if not _is_local(fs):
        return removed
    olds = [p for p in _siblings(output, ".old-") if written_by_pipeline(p)]
    if olds and not os.path.lexists(out_path):
        os.rename(sorted(olds)[-1], out_path)   # the newest old output, back in place
    for path in _siblings(output, ".staging-") + _siblings(output, ".old-"):
        if path != keep and os.path.isdir(path) and written_by_pipeline(path):
            fs.delete_dir(path)
            removed.append(path)
    return removed


def _parquet_files(fs: pafs.FileSystem, directory: str, run_id: Optional[str] = None) -> List[str]:
    """The table's Parquet files (of the run `run_id` only, if given)."""
    infos = fs.get_file_info(pafs.FileSelector(directory, recursive=True, allow_not_found=True))
    prefix = run_prefix(run_id) if run_id else ""
    return sorted(i.path for i in infos if i.type == pafs.FileType.File
                  and i.path.endswith(".parquet") and posixpath.basename(i.path).startswith(prefix))


def finalise_tables(staging: str, run_id: Optional[str] = None) -> Dict[str, int]:
    """Give every table its final layout in `staging`; return the rows per table of the
    run `run_id` (of every file, without one)."""
    fs, root = resolve_filesystem(staging)
    counts = {}
    for name, schema in TABLES.items():
        directory = posixpath.join(root, name)
        fs.create_dir(directory, recursive=True)
        for info in fs.get_file_info(pafs.FileSelector(directory, recursive=True, allow_not_found=True)):
            if info.path.endswith(TMP_SUFFIX):   # a write that a failed attempt left unfinished
                fs.delete_file(info.path)
        files = _parquet_files(fs, directory, run_id)
        counts[name] = sum(pq.ParquetFile(fs.open_input_file(f)).metadata.num_rows for f in files)
        if not _parquet_files(fs, directory):   # a table no run gave a row yet: its schema, no rows
            empty = posixpath.join(directory, f"{run_prefix(run_id or 'none')}empty.parquet")
            pq.write_table(schema.empty_table(), empty, filesystem=fs)
    return counts


def reject_reasons(staging: str, run_id: Optional[str] = None) -> Dict[str, int]:
    """{reason: rows} of the staged rejects table (of the run `run_id`), for the run summary."""
    fs, root = resolve_filesystem(staging)
    counts: Dict[str, int] = {}
    for f in _parquet_files(fs, posixpath.join(root, "rejects"), run_id):
        for reason in pq.read_table(fs.open_input_file(f), columns=["reason"]).column("reason").to_pylist():
            counts[reason] = counts.get(reason, 0) + 1
    return counts


def link_previous(output: str, staging: str) -> int:
    """Append mode on a local disk: every file of the published output, hard-linked into the
    staging directory under the same name (a copy keeping its times where links cannot be
    made), so the exchange publishes earlier runs' files untouched (same inode, bytes and
    mtime) beside the new run's. Returns the number of files."""
    out_path, stage_path = os.path.abspath(output), os.path.abspath(staging)
    if not os.path.isdir(out_path):
        return 0
    done = 0
    for folder, _, names in os.walk(out_path):
        for name in names:
            source = os.path.join(folder, name)
            if folder == out_path and name in (SUCCESS, STAGING_MARKER):
                continue
            target = os.path.join(stage_path, os.path.relpath(source, out_path))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
            done += 1
    return done


def _copy_tree(fs, source: str, target: str) -> None:
    """Copy the staged files to the object store, `runs` last: a run's `runs` row is its
    commit (`pipeline.current`)."""
    files = [i.path for i in fs.get_file_info(pafs.FileSelector(source, recursive=True))
             if i.type == pafs.FileType.File]
    last = posixpath.join(source, "runs") + "/"
    for path in sorted(files, key=lambda p: p.startswith(last)):
        dest = posixpath.join(target, posixpath.relpath(path, source))
        fs.create_dir(posixpath.dirname(dest), recursive=True)
        fs.copy_file(path, dest)


def check_remote_output(output: str) -> None:
    """An object-store `--output` is replaced only if it is empty or holds the pipeline's
    `_SUCCESS` (the remote form of `safety.replaceable`)."""
    try:
        fs, path = resolve_filesystem(output)
        infos = fs.get_file_info(pafs.FileSelector(path, allow_not_found=True))
    except (OSError, pa.ArrowException) as exc:
        raise UsageError(f"--output {output} cannot be opened here ({exc}); install pyarrow's support for "
                         "that filesystem or write locally") from exc
    if not infos:
        return
    try:
        with fs.open_input_stream(posixpath.join(path, SUCCESS)) as f:
            summary = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError, pa.ArrowException):
        summary = None
    if not is_run_summary(summary):
        raise UsageError(f"--output {output} holds files the pipeline did not write; give a new or empty location")


def check_appendable(output: str) -> None:
    """Append mode adds to an output of the same schema (major version), or starts one."""
    fs, path = resolve_filesystem(output)
    try:
        with fs.open_input_stream(posixpath.join(path, SUCCESS)) as f:
            summary = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError, pa.ArrowException):
        return   # nothing published there yet: the first run starts it (safety checked the rest)
    found = str(summary.get("schema_version", "?")) if isinstance(summary, dict) else "?"
    if found.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise UsageError(f"--output {output} holds tables of schema {found}, this pipeline writes {SCHEMA_VERSION}; "
                         "append to a new --output, or rewrite this one once with --mode replace")


def _exchange(a: str, b: str) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where
    the system cannot, so the caller falls back to two renames."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, a.encode(), at_fdcwd, b.encode(), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (38, 22, 95):   # ENOSYS, EINVAL, EOPNOTSUPP: not on this kernel or filesystem
        return False
    raise OSError(err, os.strerror(err), b)


def _delete_previous(path: str) -> None:
    """Delete a previous output now out of the way (it was checked to be the pipeline's or
    empty; a symlink or file is never there, `safety` refuses those)."""
    if os.path.isdir(path) and (written_by_pipeline(path) or not os.listdir(path)):
        pafs.LocalFileSystem().delete_dir(path)


def _publish_local(fs: pafs.FileSystem, stage_path: str, out_path: str, marker: bytes) -> None:
    with fs.open_output_stream(posixpath.join(stage_path, SUCCESS)) as f:
        f.write(marker)
    fs.delete_file(posixpath.join(stage_path, STAGING_MARKER))
    if not os.path.lexists(out_path):
        os.rename(stage_path, out_path)
        return
    if not replaceable(out_path):
        raise UsageError(f"{out_path} changed during the run and now holds files the pipeline did not write; "
                         f"the new tables are in {stage_path}")
    if _exchange(stage_path, out_path):
        _delete_previous(stage_path)          # the old output, now under the staging name
        return
    old = f"{out_path}.old-{stage_path.rsplit('-', 1)[-1]}"
    os.rename(out_path, old)                  # killed here: the next run puts `old` back
    os.rename(stage_path, out_path)
    _delete_previous(old)


def publish(staging: str, output: str, summary: dict, append: bool = False) -> None:
    """Write _SUCCESS last and put the staged tables in place of `output`. On a local disk
    the staging directory holds the whole new output in both modes (in append mode, the
    earlier runs' files linked in by `link_previous`); on an object store, in append mode,
    the run's files are added beside the earlier ones, `runs` last."""
    fs, stage_path = resolve_filesystem(staging)
    _, out_path = resolve_filesystem(output)
    marker = json.dumps(dict(summary, schema_version=SCHEMA_VERSION,
                             finished=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")),
                        indent=2, sort_keys=True).encode("utf-8")
    if _is_local(fs):
        _publish_local(fs, stage_path, out_path, marker)
        return
    check_remote_output(output)
    exists = fs.get_file_info(out_path).type != pafs.FileType.NotFound
    if exists and not append:
        if fs.get_file_info(posixpath.join(out_path, SUCCESS)).type == pafs.FileType.File:
            fs.delete_file(posixpath.join(out_path, SUCCESS))
        fs.delete_dir_contents(out_path, missing_dir_ok=True)
    fs.delete_file(posixpath.join(stage_path, STAGING_MARKER))
    _copy_tree(fs, stage_path, out_path)
    with fs.open_output_stream(posixpath.join(out_path, SUCCESS)) as f:
        f.write(marker)
    fs.delete_dir(stage_path)
