"""The pipeline's own flags. Everything else on the command line goes to Beam."""
from __future__ import annotations

import argparse
from typing import List, Tuple

from pipeline.safety import UsageError
from transforms import DEFAULT_MODEL
from transforms.io.sources import Limits

DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "out"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline.run", allow_abbrev=False,
        description="Extract dates, agreements, exercises and statements from news articles "
                    "into Parquet tables. Unknown flags (--runner, --direct_num_workers, "
                    "--setup_file, ...) pass through to Apache Beam.")
    p.add_argument("--input", action="append", default=None,
                   help="file, directory or glob (local, gs://, s3://, ...); repeat for several "
                        f"(default: {DEFAULT_INPUT}/)")
    p.add_argument("--output", default=DEFAULT_OUTPUT,
                   help="output directory: new, empty, or written by an earlier run, which this run "
                        f"replaces whole (or adds to, with --mode append) once it succeeded (default: {DEFAULT_OUTPUT}/)")
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
    p.add_argument("--mode", choices=("replace", "append"), default="replace",
                   help="replace: the run's tables replace the output whole (default); append: the run "
                        "adds its rows, reading only inputs not yet in the output with the same bytes")
    p.add_argument("--reprocess", action="store_true",
                   help="append mode: read every input again, even those already in the output")
    p.add_argument("--progress_seconds", type=float, default=30.0,
                   help="report progress (articles done of the total, words/s, ETA) this often")
    p.add_argument("--quiet", action="store_true", help="print no progress and no run summary")
    return p


def unknown_flags(beam_args: List[str]) -> List[str]:
    """The flags among `beam_args` that no Beam options class defines either."""
    from apache_beam.options.pipeline_options import PipelineOptions, _BeamArgumentParser

    beam_parser = _BeamArgumentParser(allow_abbrev=False)
    classes = {}
    for cls in PipelineOptions.__subclasses__():   # as PipelineOptions.get_all_options collects them
        classes.setdefault(str(cls), cls)
    for cls in classes.values():
        cls._add_argparse_args(beam_parser)  # noqa: SLF001 - Beam's own way to list its flags
    _, unknown = beam_parser.parse_known_args(beam_args)
    return [arg for arg in unknown if arg.startswith("-")]


def parse(argv: List[str] = None) -> Tuple[argparse.Namespace, List[str]]:
    """(our options, Beam's flags); a UsageError for a flag neither defines or a bad value."""
    known, beam_args = parser().parse_known_args(argv)
    known.input = known.input or [DEFAULT_INPUT]
    unknown = unknown_flags(beam_args)
    if unknown:
        raise UsageError(f"unknown flag {unknown[0]} (neither the pipeline's nor Beam's); "
                         "see python -m pipeline.run --help")
    for flag in ("batch_size", "batch_words", "max_article_bytes", "max_input_bytes"):
        if getattr(known, flag) < 1:
            raise UsageError(f"--{flag} must be at least 1")
    return known, beam_args


def limits_of(options: argparse.Namespace) -> Limits:
    return Limits(max_article_bytes=options.max_article_bytes, max_input_bytes=options.max_input_bytes)
