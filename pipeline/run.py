"""Entry point: `python -m pipeline.run [--input ...] [--output ...] [Beam flags]`.

With no arguments it reads `seeds/` and writes `out/`. Without `--runner` (or
with `--runner DirectRunner`) the pipeline runs on Beam's in-process
FnApiRunner, as DirectRunner would after its PrismRunner attempt, but without
trying to download Prism: deterministic, offline and quiet.
"""
from __future__ import annotations

import logging
import os
import sys
import time
import uuid
from typing import List

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pipeline import graph, options as opts
from pipeline.publish import clear_stale_staging, finalise_tables, publish, reject_reasons, staging_dir

_LOCAL_RUNNERS = (None, "DirectRunner", "direct", "FnApiRunner")


def local_runner(pipeline_options: PipelineOptions):
    """Beam's in-process FnApiRunner for local runs; None (Beam resolves `--runner`) otherwise.

    DirectRunner first tries to download and start the Prism runner, then falls back to
    this very FnApiRunner, built the same way (`direct_runner.DirectRunner.run_pipeline`).
    No public option skips the Prism attempt without other effects (only unsafe triggers,
    interactive mode or `--update_compatibility_version` do), so this builds the runner
    from Beam's internals, here only; tests/test_runner.py fails loudly if an upgrade
    moves them or DirectRunner stops trying Prism (then this can go).
    """
    name = pipeline_options.view_as(StandardOptions).runner
    if name not in _LOCAL_RUNNERS:
        return None
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(pipeline_options.get_all_options())
    return fn_runner.FnApiRunner(provision_info=fn_runner.ExtendedProvisionInfo(
        beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded)))


def run(argv: List[str] = None) -> dict:
    """Run the pipeline; return the summary (rows per table, output path)."""
    options, beam_args = opts.parse(argv)
    pipeline_options = PipelineOptions(beam_args)
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    staging = options.staging or staging_dir(options.output, run_id)
    clear_stale_staging(options.output, keep=staging)
    started, cpu_started = time.monotonic(), time.process_time()
    with beam.Pipeline(runner=local_runner(pipeline_options), options=pipeline_options) as p:
        graph.build(p, options, staging)
    counts = finalise_tables(staging)
    output = options.output if "://" in options.output else os.path.abspath(options.output)
    summary = {"output": output, "inputs": options.input,
               "spacy_model": options.spacy_model, "rows": counts,
               "rejects_by_reason": reject_reasons(staging),
               "seconds": round(time.monotonic() - started, 1),
               # CPU of this process (all threads); with the in-process runner, all the work
               "cpu_seconds": round(time.process_time() - cpu_started, 1)}
    publish(staging, options.output, summary)
    return summary


def format_summary(summary: dict) -> str:
    rows = summary["rows"]
    reasons = summary.get("rejects_by_reason") or {}
    lines = [f"read {rows['articles']:,} articles, rejected {rows['rejects']:,} "
             f"in {summary['seconds']} s (model {summary['spacy_model']})"]
    if reasons:
        lines.append("  rejects: " + ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items())))
    lines += [f"  {name:<11}{count:>9,} rows" for name, count in rows.items()]
    lines.append(f"tables in {summary['output']}/ (rejects says what was not read, and why)")
    return "\n".join(lines)


def main(argv: List[str] = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Beam warns about optional cloud clients it does not need here.
    logging.getLogger("root").setLevel(logging.ERROR)
    summary = run(argv)
    if not opts.parse(argv)[0].quiet:
        print(format_summary(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
