"""What a run may touch: checked before any work, so a mistyped flag never costs data.

- `--output` must be a directory the pipeline wrote itself (it holds the pipeline's
  `_SUCCESS` or `_STAGING` marker), an empty directory, or nothing yet; never a file,
  an input, a folder inside an input or holding one, nor the working directory or a
  folder holding it. `--staging` likewise, and never `--output` itself or inside it.
- Two runs into one output never interleave: `OUTPUT.lock` (a sibling file) is held
  with `flock` for the whole run; a second run fails at once, naming the holder. The
  lock goes when the process ends, however it ends, so a killed run leaves no stale lock.

Every refusal is a `UsageError`: one line saying what is wrong and what to do.
"""
from __future__ import annotations

import datetime
import errno
import json
import os
import re
import socket
from typing import Iterable, List, Optional

from transforms.io.paths import glob_root, has_glob, is_local

SUCCESS = "_SUCCESS"            # the run summary, written last: a published output
STAGING_MARKER = "_STAGING"     # written first into a staging directory: this run's
PIPELINE = "defence-event-pipeline"

class UsageError(Exception):
    """A run refused before (or stopped without) doing harm: the message is for the user."""


def is_remote(path: str) -> bool:
    return not is_local(path)


def _real(path: str) -> str:
    return os.path.realpath(os.path.expanduser(path))


def _inside(path: str, folder: str) -> bool:
    """`path` is `folder` or below it (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def input_root(pattern: str) -> str:
    """The file or directory an input pattern reads from: the path itself if it exists
    (`data/in[1]` is a folder, not a glob), else the folder above its first glob character."""
    expanded = os.path.expanduser(pattern)
    if os.path.exists(expanded) or not has_glob(expanded):
        return _real(expanded)
    return _real(glob_root(expanded) or ".")


def _marker(directory: str, name: str) -> Optional[dict]:
    try:
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_run_summary(data) -> bool:
    """`data` (a parsed `_SUCCESS`) is a run summary the pipeline wrote."""
    return isinstance(data, dict) and "schema_version" in data and "rows" in data


def written_by_pipeline(directory: str) -> bool:
    """The directory carries the pipeline's own marker: a run summary (`_SUCCESS`) or a
    staging marker (`_STAGING`)."""
    if is_run_summary(_marker(directory, SUCCESS)):
        return True
    staging = _marker(directory, STAGING_MARKER)
    return staging is not None and staging.get("written_by") == PIPELINE


def replaceable(directory: str) -> bool:
    """Nothing there, an empty directory, or one the pipeline wrote."""
    if not os.path.lexists(directory):
        return True
    if os.path.islink(directory) or not os.path.isdir(directory):
        return False
    return not os.listdir(directory) or written_by_pipeline(directory)


def check_local_paths(output: str, inputs: Iterable[str], staging: Optional[str] = None,
                      cwd: Optional[str] = None) -> None:
    """Refuse an `--output` / `--staging` that could destroy inputs or someone's files."""
    cwd = _real(cwd or os.getcwd())
    targets = [("--output", output)] + ([("--staging", staging)] if staging else [])
    roots = [input_root(p) for p in inputs if not is_remote(p)]
    for flag, target in targets:
        if is_remote(target):
            continue
        real = _real(target)
        if os.path.islink(target):
            raise UsageError(f"{flag} {target} is a symlink; give the directory itself ({real}) or a new one")
        if os.path.lexists(target) and not os.path.isdir(target):
            raise UsageError(f"{flag} {target} is a file, not a directory; give a new or empty directory "
                             "(the pipeline writes a folder of tables)")
        if _inside(cwd, real):
            raise UsageError(f"{flag} {target} holds the working directory ({cwd}); give a directory of its own")
        for root in roots:
            if _inside(real, root) or _inside(root, real):
                where = "is" if real == root else ("is inside" if _inside(real, root) else "holds")
                raise UsageError(f"{flag} {target} {where} the input {root}; write the tables somewhere else")
        if not replaceable(target):
            raise UsageError(f"{flag} {target} holds files the pipeline did not write; give a new or empty "
                             "directory, or one a previous run wrote")
    if staging and not is_remote(staging) and not is_remote(output):
        s, o = _real(staging), _real(output)
        if _inside(s, o) or _inside(o, s):
            raise UsageError(f"--staging {staging} and --output {output} overlap; stage the run beside the "
                             "output, not in it")


def holder_of(lock_path: str) -> str:
    info = _marker(os.path.dirname(lock_path) or ".", os.path.basename(lock_path)) or {}
    if not info:
        return "another run"
    return (f"run {info.get('run_id')} (pid {info.get('pid')} on {info.get('host')}, "
            f"started {info.get('started')})")


class OutputLock:
    """`OUTPUT.lock`, held with flock while a run lives. A file of that name that the
    pipeline did not write is refused, never overwritten."""

    def __init__(self, output: str, run_id: str):
        self.output = output
        self.path = _real(output).rstrip(os.sep) + ".lock"
        self.run_id = run_id
        self._fd: Optional[int] = None

    def acquire(self) -> "OutputLock":
        import fcntl

        try:   # `--output new/folder/out`: its parent is made, as the staging directory's would be
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--output {self.output}: its folder {os.path.dirname(self.path)} cannot be made "
                             f"({exc.strerror}); choose a writable --output") from exc
        if os.path.lexists(self.path) and _marker(os.path.dirname(self.path), os.path.basename(self.path)) is None \
                and os.path.getsize(self.path) > 0:
            raise UsageError(f"{self.path} exists and was not written by the pipeline; move it away or choose "
                             "another --output")
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UsageError(f"--output {self.output}: cannot create the lock {self.path} ({exc.strerror}); "
                             "choose a writable --output") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise UsageError(f"{self.path} is held by {holder_of(self.path)}: wait for it to finish, or "
                                 "write to another --output") from exc
            raise
        info = {"written_by": PIPELINE, "run_id": self.run_id, "pid": os.getpid(), "host": socket.gethostname(),
                "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info).encode("utf-8"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)   # closing drops the flock; the file stays for the next run
            self._fd = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


_ERRNO_IN_TEXT = re.compile(r"\[Errno (\d+)\]")


def first_errno(exc: BaseException) -> Optional[int]:
    """The errno of the first OSError in an exception's chain; Beam wraps a worker's
    error, sometimes only as text (`... [Errno 28] No space left on device ...`)."""
    seen: List[BaseException] = []
    while exc is not None and exc not in seen:
        seen.append(exc)
        if isinstance(exc, OSError) and exc.errno:
            return exc.errno
        found = _ERRNO_IN_TEXT.search(str(exc))
        if found:
            return int(found.group(1))
        exc = exc.__cause__ or exc.__context__
    return None
