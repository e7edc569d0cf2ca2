"""ReadArticles: input patterns -> Articles, with a Reject for anything unreadable.

Thin Beam wrapper around `transforms.io.paths` (what the patterns name) and
`transforms.io.sources` (files -> pieces -> Article | Reject). Every matched file ends
in `articles` or `rejects`.
Files are cut into `Piece`s (a file, or a run of lines of a JSON Lines file) and only
the pieces are shuffled, so that one big file spreads over all workers while the
articles are read after the shuffle: nothing the size of the corpus is held between
stages (a shuffle is materialised by every runner, in memory by DirectRunner).
"""
from __future__ import annotations

import dataclasses
from typing import List, Optional

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from transforms.io.paths import expand_pattern
from transforms.io.rows import reject_row
from transforms.io.sources import PIECE_BYTES, Limits, Reject, read_piece, split_source


@dataclasses.dataclass
class ReadArticles(beam.PTransform):
    """patterns -> {'articles': PCollection[Article], 'rejects': PCollection[row]}

    With `matched` (what `expand_pattern` gave for the patterns, as the launcher's ledger
    chose them), exactly those entries are read and the patterns are not matched again."""

    patterns: List[str]
    limits: Limits = Limits()
    follow_symlinks: bool = False
    piece_bytes: int = PIECE_BYTES
    matched: Optional[list] = None

    def __post_init__(self):
        super().__init__()

    def expand(self, pbegin):
        if self.matched is not None:
            entries = pbegin | "Matched" >> beam.Create(self.matched)
        else:
            entries = (pbegin
                       | "Patterns" >> beam.Create(self.patterns)
                       | "MatchFiles" >> beam.FlatMap(expand_pattern, self.follow_symlinks))
        matched = (
            entries
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
            self.rejected.inc()
            yield pvalue.TaggedOutput("rejects", reject_row(item))
        else:
            yield item
