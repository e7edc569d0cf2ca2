"""The whole graph on one screen: read, annotate, write."""
from __future__ import annotations

import apache_beam as beam

from pipeline.options import limits_of
from transforms.beam.annotate import AnnotateArticles
from transforms.beam.read import ReadArticles
from transforms.beam.write import WriteTables


def build(p: beam.Pipeline, options, staging: str):
    # ReadArticles spreads the files (and pieces of JSON Lines files) over workers itself.
    read = p | "ReadArticles" >> ReadArticles(options.input, limits_of(options), options.follow_symlinks)
    tables = read["articles"] | "AnnotateArticles" >> AnnotateArticles(
        options.spacy_model, options.batch_size, options.batch_words)
    tables["rejects"] = (tables["rejects"], read["rejects"]) | "AllRejects" >> beam.Flatten()
    return tables | "WriteTables" >> WriteTables(staging)
