"""Input patterns -> the files they name, each with its key, or a Reject: what `--input` means.

A path that exists is taken as written, even with `[`, `*` or `?` in its name; a
directory means every file below it; anything else is a glob (local, or matched by
Beam's filesystems for `gs://`, `s3://`, ...). Every entry a local walk meets is
accounted for: a regular file is read; a FIFO, socket or device, a dangling symlink, a
symlink loop, a symlink to a directory (unless `--follow_symlinks`) or to a file outside
the input tree (likewise) becomes a Reject saying so. Nothing here opens a file, so a
FIFO cannot hang the run.

A file's key is its path relative to the input root (the directory given, or the part
of a glob before its first glob character; a single file's own name): article ids are
made from it, so two files with the same name and bytes in different folders stay two
articles, and the ids do not depend on where the folder lives.
"""
from __future__ import annotations

import dataclasses
import glob
import os
import stat
from typing import Iterator, List, Optional, Set, Union

from apache_beam.io.filesystems import FileSystems

from transforms.io.sources import COMPRESSED_SUFFIXES, TEXT_SUFFIXES, Reject

_GLOB_CHARS = "*?["
READABLE_SUFFIXES = TEXT_SUFFIXES + tuple(s + c for s in TEXT_SUFFIXES for c in COMPRESSED_SUFFIXES)


@dataclasses.dataclass(frozen=True)
class InputFile:
    path: str           # as the filesystem names it (absolute for local files)
    key: str            # relative to the input root: what the article id is made from


def is_local(path: str) -> bool:
    return "://" not in path


def has_glob(pattern: str) -> bool:
    return any(c in pattern for c in _GLOB_CHARS)


def glob_root(pattern: str) -> str:
    """The directory a pattern cannot leave: the directory part before its first glob character."""
    cut = min((pattern.find(c) for c in _GLOB_CHARS if c in pattern), default=len(pattern))
    return os.path.dirname(pattern[:cut]) if is_local(pattern) else pattern[:cut].rsplit("/", 1)[0]


def _unsupported(path: str) -> Optional[Reject]:
    if path.lower().endswith(READABLE_SUFFIXES):
        return None
    return Reject(path, "read", "unsupported_format",
                  f"{path} is not .txt, .json or .jsonl (optionally .gz/.bz2); rename or remove it")


def _key(path: str, root: str) -> str:
    rel = os.path.relpath(path, root) if is_local(path) else path[len(root):].lstrip("/")
    return rel if rel and rel != "." and not rel.startswith("..") else os.path.basename(path)


class _LocalWalk:
    """Classifies what a local walk meets; `seen` guards against directory cycles."""

    def __init__(self, root: str, follow_symlinks: bool):
        self.root = os.path.realpath(root)
        self.follow = follow_symlinks
        self.seen: Set[str] = set()       # folders read so far
        self.stack: List[str] = []        # the folders the walk is inside

    def entry(self, path: str, key_root: str) -> Iterator[Union[InputFile, Reject]]:
        try:
            info = os.lstat(path)
        except OSError as exc:
            yield Reject(path, "read", "unreadable", f"{path} could not be examined: {exc.strerror}")
            return
        if stat.S_ISLNK(info.st_mode):
            yield from self._symlink(path, key_root)
        elif stat.S_ISDIR(info.st_mode):
            yield from self.directory(path, key_root)
        elif stat.S_ISREG(info.st_mode):
            yield _unsupported(path) or InputFile(path, _key(path, key_root))
        else:
            yield Reject(path, "read", "not_a_regular_file",
                         f"{path} is a FIFO, socket or device, not a file; remove it from the input")

    def _symlink(self, path: str, key_root: str) -> Iterator[Union[InputFile, Reject]]:
        try:
            target = os.stat(path)
        except OSError as exc:
            reason = "symlink_loop" if exc.errno == 40 else "dangling_symlink"   # 40: ELOOP
            yield Reject(path, "read", reason, f"{path} is a symlink that leads nowhere ({exc.strerror}); "
                                               "fix or remove it")
            return
        real = os.path.realpath(path)
        outside = os.path.commonpath([self.root, real]) != self.root
        if stat.S_ISDIR(target.st_mode):
            if not self.follow:
                yield Reject(path, "read", "directory_symlink",
                             f"{path} is a symlink to the directory {real}; pass --follow_symlinks to read it")
            else:
                yield from self.directory(path, key_root)
        elif not stat.S_ISREG(target.st_mode):
            yield Reject(path, "read", "not_a_regular_file",
                         f"{path} leads to {real}, a FIFO, socket or device, not a file; remove it from the input")
        elif outside and not self.follow:
            yield Reject(path, "read", "symlink_outside",
                         f"{path} is a symlink to {real}, outside the input tree; pass --follow_symlinks to read it")
        else:
            yield _unsupported(path) or InputFile(path, _key(path, key_root))

    def directory(self, path: str, key_root: str) -> Iterator[Union[InputFile, Reject]]:
        real = os.path.realpath(path)
        if real in self.stack:
            yield Reject(path, "read", "symlink_loop", f"{path} leads back to {real}, a folder it is in; "
                                                       "remove the loop")
            return
        if real in self.seen:
            yield Reject(path, "read", "already_read", f"{path} leads to {real}, whose files are read under "
                                                       "their own path")
            return
        self.seen.add(real)
        self.stack.append(real)
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            yield Reject(path, "read", "unreadable", f"the folder {path} could not be listed: {exc.strerror}")
            names = []
        # real entries first: a folder reached by its own path and by a symlink is read by its own
        paths = [os.path.join(path, name) for name in names]
        for entry in sorted(paths, key=os.path.islink):
            yield from self.entry(entry, key_root)
        self.stack.pop()


def _expand_local(pattern: str, follow_symlinks: bool) -> Iterator[Union[InputFile, Reject]]:
    pattern = os.path.abspath(os.path.expanduser(pattern))
    if os.path.isdir(pattern):              # a folder given by name (a symlink to one too)
        yield from _LocalWalk(pattern, follow_symlinks).directory(pattern, pattern)
        return
    if os.path.lexists(pattern):            # a file, taken as written, glob characters and all
        key_root = os.path.dirname(pattern)
        yield from _LocalWalk(key_root, follow_symlinks).entry(pattern, key_root)
        return
    root = glob_root(pattern)
    walk = _LocalWalk(root, follow_symlinks)
    seen = set()
    for path in sorted(glob.glob(pattern, recursive=True, include_hidden=True)):
        if os.path.realpath(path) in walk.seen and not os.path.islink(path):
            continue    # a folder inside one the glob named (`**`): already read whole
        for item in walk.entry(path, root):
            # a folder the glob names is read whole; `**` names its files too: once each
            where = item.path if isinstance(item, InputFile) else item.source_path
            if where not in seen:
                seen.add(where)
                yield item


def _expand_remote(pattern: str) -> Iterator[Union[InputFile, Reject]]:
    if pattern.endswith("/"):
        pattern += "**"
    matches = FileSystems.match([pattern])[0].metadata_list
    root = glob_root(pattern)
    for m in sorted(matches, key=lambda m: m.path):
        yield _unsupported(m.path) or InputFile(m.path, _key(m.path, root))


def expand_pattern(pattern: str, follow_symlinks: bool = False) -> Iterator[Union[InputFile, Reject]]:
    """The files a pattern names (a directory means every file below it), or Rejects; lazily,
    so a caller that only asks whether there is a file stops at the first."""
    found = False
    try:
        for item in _expand_local(pattern, follow_symlinks) if is_local(pattern) else _expand_remote(pattern):
            found = True
            yield item
    except Exception as exc:  # noqa: BLE001 - bad pattern, unknown scheme, no credentials
        yield Reject(pattern, "read", "bad_pattern", f"input pattern {pattern!r} could not be matched: {exc}")
        return
    if not found:
        yield Reject(pattern, "read", "no_match", f"input pattern {pattern!r} matches no file; check the path")


def missing_filesystem(pattern: str) -> Optional[str]:
    """What to install when no Beam filesystem serves the pattern's scheme, else None."""
    if is_local(pattern):
        return None
    scheme = pattern.split("://", 1)[0]
    try:
        FileSystems.get_filesystem(pattern)
    except ValueError:
        extra = {"gs": "gcp", "s3": "aws", "az": "azure", "hdfs": "hadoop"}.get(scheme)
        return f"pip install 'apache-beam[{extra}]'" if extra else f"a Beam filesystem for {scheme}://"
    return None
