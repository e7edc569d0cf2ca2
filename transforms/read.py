"""ReadArticles: input patterns -> Articles, with a Reject for anything unreadable.

Thin Beam wrapper around `transforms.sources` (the logic, Beam-free) and
`expand_pattern` below. Every matched file ends in `articles` or `rejects`.
Files are cut into `Piece`s (a file, or a run of lines of a JSON Lines file) and only
the pieces are shuffled, so that one big file spreads over all workers while the
articles are read after the shuffle: nothing the size of the corpus is held between
stages (a shuffle is materialised by every runner, in memory by DirectRunner).
"""
from __future__ import annotations

import dataclasses
import os
from typing import Iterator, List, Union

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from transforms.sources import (COMPRESSED_SUFFIXES, PIECE_BYTES, TEXT_SUFFIXES, Limits, Reject,
                                read_piece, split_source)

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


@dataclasses.dataclass
class ReadArticles(beam.PTransform):
    """patterns -> {'articles': PCollection[Article], 'rejects': PCollection[row]}"""

    patterns: List[str]
    limits: Limits = Limits()
    follow_symlinks: bool = False
    piece_bytes: int = PIECE_BYTES

    def __post_init__(self):
        super().__init__()

    def expand(self, pbegin):
        matched = (
            pbegin
            | "Patterns" >> beam.Create(self.patterns)
            | "MatchFiles" >> beam.FlatMap(expand_pattern, self.follow_symlinks)
            | "SplitMatchRejects" >> beam.ParDo(_SplitRejects()).with_outputs("rejects", main="paths"))
        pieces = (
            matched.paths
            | "SplitFiles" >> beam.FlatMap(split_source, self.limits, self.piece_bytes)
            | "SplitPieceRejects" >> beam.ParDo(_SplitRejects()).with_outputs("rejects", main="pieces"))
        read = (
            pieces.pieces
            | "SpreadPieces" >> beam.Reshuffle()
            | "ReadPieces" >> beam.FlatMap(read_piece, self.limits)
            | "SplitReadRejects" >> beam.ParDo(_SplitRejects()).with_outputs("rejects", main="articles"))
        rejects = (matched.rejects, pieces.rejects, read.rejects) | "AllReadRejects" >> beam.Flatten()
        return {"articles": read.articles, "rejects": rejects}


class _SplitRejects(beam.DoFn):
    """Rejects to their own output as rows; everything else passes."""

    def __init__(self):
        self.rejected = Metrics.counter(self.__class__, "inputs_rejected")

    def process(self, item):
        if isinstance(item, Reject):
            from transforms.rows import reject_row
            self.rejected.inc()
            yield pvalue.TaggedOutput("rejects", reject_row(item))
        else:
            yield item
