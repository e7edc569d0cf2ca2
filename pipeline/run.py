"""Entry point: `python -m pipeline.run [--input ...] [--output ...] [Beam flags]`.

With no arguments it reads `seeds/` and writes `out/`. Without `--runner` (or
with `--runner DirectRunner`) the pipeline runs on Beam's in-process
FnApiRunner, as DirectRunner would after its PrismRunner attempt, but without
trying to download Prism: deterministic, offline and quiet.
"""
from __future__ import annotations

import contextlib
import datetime
import errno
import importlib.util
import logging
import os
import sys
import time
import uuid
from typing import List, Optional

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pipeline import graph, ledger, options as opts
from pipeline.current import committed_runs
from pipeline.publish import (check_appendable, check_remote_output, clear_stale_staging, create_staging,
                              finalise_tables, link_previous, publish, reject_reasons, remove_staging, staging_dir)
from pipeline.safety import OutputLock, UsageError, check_local_paths, first_errno, is_remote
from transforms.io.paths import InputFile, expand_pattern, missing_filesystem

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


def check_inputs(patterns: List[str]) -> None:
    """Refuse a run whose inputs cannot be read at all: a scheme with no filesystem here,
    or a list of patterns that names no file (one pattern of several matching nothing
    becomes a `no_match` reject row instead)."""
    for pattern in patterns:
        missing = missing_filesystem(pattern)
        if missing:
            raise UsageError(f"--input {pattern}: no filesystem for its scheme here; {missing}")
    if not any(isinstance(found, InputFile) for pattern in patterns for found in expand_pattern(pattern)):
        raise UsageError(f"--input {' '.join(patterns)} matches no file; check the path (the output is left as it is)")


def check_model(model: str) -> None:
    """A local run needs the spaCy model here (a remote runner's workers install it)."""
    if os.path.isdir(model) or importlib.util.find_spec(model.replace("-", "_")) is not None:
        return
    raise UsageError(f"spaCy model {model!r} is not installed: pip install {model.replace('_', '-')} "
                     "(or pass --spacy_model with an installed one)")


def _write_failure(exc: BaseException, staging: str) -> Optional[UsageError]:
    """A one-line error for a run that could not write its tables, or None."""
    err = first_errno(exc)
    if err == errno.ENOSPC:
        return UsageError(f"no space left on the device of {staging} while writing the tables; free space or "
                          "choose another --output (nothing was published)")
    if err in (errno.EACCES, errno.EROFS, errno.EPERM):
        return UsageError(f"cannot write the tables under {staging} ({os.strerror(err)}); choose a writable "
                          "--output (nothing was published)")
    return None


def run(argv: List[str] = None) -> dict:
    """Run the pipeline; return the summary (rows per table, output path). Refusals and
    write failures raise a UsageError; nothing is published unless the run succeeded."""
    options, beam_args = opts.parse(argv)
    pipeline_options = PipelineOptions(beam_args)
    runner = local_runner(pipeline_options)
    check_inputs(options.input)
    if runner is not None:
        check_model(options.spacy_model)
    if is_remote(options.output):
        check_remote_output(options.output)
    check_local_paths(options.output, options.input, options.staging)
    append = options.mode == "append"
    if append:
        check_appendable(options.output)
    started = datetime.datetime.now(datetime.timezone.utc)
    # run ids sort in the order runs started (to the microsecond): the reader rule's "latest"
    run_id = started.strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:8]
    lock = OutputLock(options.output, run_id) if not is_remote(options.output) else contextlib.nullcontext()
    with lock:
        staging = options.staging or staging_dir(options.output, run_id)
        clear_stale_staging(options.output, keep=staging)
        if append and max(committed_runs(options.output), default="") >= run_id:
            raise UsageError(f"--output {options.output} holds a run newer than this one ({run_id}): is this "
                             "machine's clock behind? Fix the clock before appending")
        create_staging(staging, run_id)
        try:
            the_plan = ledger.plan(ledger.scan(options.input, options.follow_symlinks, opts.limits_of(options)),
                                   options.output, append, options.reprocess)
            if not options.quiet:
                print(format_plan(run_id, options.mode, the_plan), file=sys.stderr, flush=True)
            summary = _run_into(staging, options, pipeline_options, runner, run_id, the_plan)
            ledger.write_inputs(staging, run_id, the_plan.read)
            ledger.write_run(staging, ledger.run_row(run_id, started, options.mode, options, the_plan, summary))
            publish(staging, options.output, summary, append=append)
        except UsageError:
            raise   # publish refused: the tables stay in staging, as the message says
        except BaseException as exc:
            remove_staging(staging)
            failure = _write_failure(exc, staging)
            if failure is not None:
                raise failure from exc
            raise
    return summary


def _run_into(staging: str, options, pipeline_options: PipelineOptions, runner, run_id: str,
              the_plan: ledger.Plan) -> dict:
    started, cpu_started = time.monotonic(), time.process_time()
    if the_plan.read:   # nothing new to read (append mode): no pipeline, the run is still recorded
        progress = None if options.quiet else options.progress_seconds
        with beam.Pipeline(runner=runner, options=pipeline_options) as p:
            graph.build(p, options, staging, run_id, [e.item for e in the_plan.read],
                        ledger.articles_of(the_plan.read), progress)
    if options.mode == "append" and not is_remote(options.output):
        link_previous(options.output, staging)
    counts = finalise_tables(staging, run_id)
    output = options.output if is_remote(options.output) else os.path.abspath(options.output)
    return {"output": output, "inputs": options.input, "run_id": run_id, "mode": options.mode,
            "inputs_read": len(the_plan.read), "inputs_skipped": len(the_plan.skipped),
            "inputs_replaced": len(the_plan.replaced),
            "spacy_model": options.spacy_model, "rows": counts,
            "rejects_by_reason": reject_reasons(staging, run_id),
            "seconds": round(time.monotonic() - started, 1),
            # CPU of this process (all threads); with the in-process runner, all the work
            "cpu_seconds": round(time.process_time() - cpu_started, 1)}


def format_plan(run_id: str, mode: str, the_plan: ledger.Plan) -> str:
    line = (f"run {run_id} ({mode}): reading {len(the_plan.read):,} inputs, about "
            f"{ledger.articles_of(the_plan.read):,} articles")
    if mode == "append":
        line += (f"; {len(the_plan.skipped):,} already in the output with the same bytes, skipped; "
                 f"{len(the_plan.replaced):,} changed, read again")
    return line


def format_summary(summary: dict) -> str:
    rows = summary["rows"]
    reasons = summary.get("rejects_by_reason") or {}
    lines = [f"read {rows['articles']:,} articles, rejected {rows['rejects']:,} "
             f"in {summary['seconds']} s (model {summary['spacy_model']}; run {summary['run_id']}, {summary['mode']})"]
    if reasons:
        lines.append("  rejects: " + ", ".join(f"{reason} {n}" for reason, n in sorted(reasons.items())))
    lines += [f"  {name:<11}{count:>9,} rows" for name, count in rows.items()]
    lines.append(f"tables in {summary['output']}/ (rejects says what was not read, and why)")
    return "\n".join(lines)


def main(argv: List[str] = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Beam warns about optional cloud clients it does not need here.
    logging.getLogger("root").setLevel(logging.ERROR)
    try:
        summary = run(argv)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not opts.parse(argv)[0].quiet:
        print(format_summary(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
