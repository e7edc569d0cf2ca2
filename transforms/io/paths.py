"""Input patterns -> the files they name, or a Reject: what `--input` means.

A directory means every file below it; a glob is matched by Beam's filesystems (so
`gs://`, `s3://` and any other registered scheme work); a local symlink out of the input
tree is refused unless asked for. Used by the read step and by tools that list inputs.
"""
from __future__ import annotations

import os
from typing import Iterator, Union

from apache_beam.io.filesystems import FileSystems

from transforms.io.sources import COMPRESSED_SUFFIXES, TEXT_SUFFIXES, Reject

_GLOB_CHARS = "*?["


def _is_local(path: str) -> bool:
    return "://" not in path


def _glob_root(pattern: str) -> str:
    """The directory a pattern cannot leave: the directory part before its first glob character."""
    cut = min((pattern.find(c) for c in _GLOB_CHARS if c in pattern), default=len(pattern))
    return os.path.dirname(pattern[:cut])


def expand_pattern(pattern: str, follow_symlinks: bool = False) -> Iterator[Union[str, Reject]]:
    """The files a pattern names (a directory means every file below it), or a Reject."""
    if _is_local(pattern):
        pattern = os.path.abspath(os.path.expanduser(pattern))
    if _is_local(pattern) and os.path.isdir(pattern):
        pattern = os.path.join(pattern, "**")
    elif not _is_local(pattern) and pattern.endswith("/"):
        pattern += "**"
    try:
        matches = FileSystems.match([pattern])[0].metadata_list
    except Exception as exc:  # noqa: BLE001 - bad pattern, unknown scheme, no credentials
        yield Reject(pattern, "read", "bad_pattern", f"input pattern {pattern!r} could not be matched: {exc}")
        return
    if not matches:
        yield Reject(pattern, "read", "no_match", f"input pattern {pattern!r} matches no file; check the path")
        return
    root = os.path.realpath(_glob_root(pattern)) if _is_local(pattern) else None
    for meta in sorted(matches, key=lambda m: m.path):
        path = meta.path
        if root is not None:
            if os.path.isdir(path):
                continue  # `**` lists directories too; their files are matched themselves
            real = os.path.realpath(path)
            if not follow_symlinks and real != os.path.abspath(path) and \
                    os.path.commonpath([root, real]) != root:
                yield Reject(path, "read", "symlink_outside",
                             f"{path} is a symlink to {real}, outside the input tree; "
                             "pass --follow_symlinks to read it")
                continue
        if not path.lower().endswith(TEXT_SUFFIXES + tuple(
                s + c for s in TEXT_SUFFIXES for c in COMPRESSED_SUFFIXES)):
            yield Reject(path, "read", "unsupported_format",
                         f"{path} is not .txt, .json or .jsonl (optionally .gz/.bz2); rename or remove it")
            continue
        yield path
