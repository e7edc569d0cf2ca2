"""The pipeline's own flags. Everything else on the command line goes to Beam."""
from __future__ import annotations

import argparse
from typing import List, Tuple

from transforms import DEFAULT_MODEL
from transforms.io.sources import Limits

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "out"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline.run",
        description="Extract dates, agreements, exercises and statements from news articles "
                    "into Parquet tables. Unknown flags (--runner, --direct_num_workers, "
                    "--setup_file, ...) pass through to Apache Beam.")
    p.add_argument("--input", action="append", default=None,
                   help="file, directory or glob (local, gs://, s3://, ...); repeat for several "
                        f"(default: {DEFAULT_INPUT}/)")
    p.add_argument("--output", default=DEFAULT_OUTPUT,
                   help="output directory; a rerun replaces it whole once the run succeeded "
                        f"(default: {DEFAULT_OUTPUT}/)")
    p.add_argument("--spacy_model", default=DEFAULT_MODEL,
                   help=f"spaCy pipeline to load by name on each worker (default: {DEFAULT_MODEL})")
    p.add_argument("--batch_size", type=int, default=64, help="most articles per nlp.pipe batch")
    p.add_argument("--batch_words", type=int, default=10_000,
                   help="about this many words per nlp.pipe batch at most, punctuation marks counted "
                        "as words as spaCy's tokens are: spaCy's working memory grows with a batch's "
                        "tokens (an article longer than this is a batch of its own)")
    p.add_argument("--max_article_bytes", type=int, default=Limits.max_article_bytes,
                   help="larger articles (files or JSONL lines) are rejected as too_large")
    p.add_argument("--max_input_bytes", type=int, default=Limits.max_input_bytes,
                   help="larger files (JSONL, inflated .gz/.bz2) are rejected as too_large")
    p.add_argument("--follow_symlinks", action="store_true",
                   help="read symlinks that point outside the input tree (default: reject them)")
    p.add_argument("--staging", default=None,
                   help="where the run writes before publishing (default: OUTPUT.staging-<run id>, "
                        "a sibling of --output)")
    p.add_argument("--quiet", action="store_true", help="print no run summary")
    return p


def parse(argv: List[str] = None) -> Tuple[argparse.Namespace, List[str]]:
    """(our options, Beam's flags)."""
    known, beam_args = parser().parse_known_args(argv)
    known.input = known.input or [DEFAULT_INPUT]
    if known.batch_size < 1:
        parser().error("--batch_size must be at least 1")
    if known.batch_words < 1:
        parser().error("--batch_words must be at least 1")
    return known, beam_args


def limits_of(options: argparse.Namespace) -> Limits:
    return Limits(max_article_bytes=options.max_article_bytes, max_input_bytes=options.max_input_bytes)
