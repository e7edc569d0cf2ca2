"""The whole graph on one screen: read, annotate, write."""
from __future__ import annotations

from typing import Optional

import apache_beam as beam

from pipeline.options import limits_of
from transforms.beam.annotate import AnnotateArticles
from transforms.beam.read import ReadArticles
from transforms.beam.write import WriteTables


def build(p: beam.Pipeline, options, staging: str, run_id: str, matched: list, total_articles: int = 0,
          progress_seconds: Optional[float] = None):
    # `matched`: the entries of --input this run reads (pipeline.ledger chose them).
    # ReadArticles spreads the files (and pieces of JSON Lines files) over workers itself.
    read = p | "ReadArticles" >> ReadArticles(options.input, limits_of(options), options.follow_symlinks,
                                              matched=matched)
    tables = read["articles"] | "AnnotateArticles" >> AnnotateArticles(
        options.spacy_model, options.batch_size, options.batch_words, total_articles, progress_seconds)
    tables["rejects"] = (tables["rejects"], read["rejects"]) | "AllRejects" >> beam.Flatten()
    return tables | "WriteTables" >> WriteTables(staging, run_id)
