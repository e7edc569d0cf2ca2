"""What a run reads, and the record it leaves: the `inputs` and `runs` tables.

Before the pipeline starts, the launcher expands `--input` once and hashes every file's
bytes (as stored). In append mode, an input whose path and hash equal its current
version in the output (`pipeline.current`) is skipped; one whose hash differs is read
again and its new rows replace the old ones by the reader rule; `--reprocess` reads
everything. The graph is then given exactly that list, so what was hashed is what is
read. The run leaves one `inputs` row per entry it read (files, and entries that can
only be rejects, such as a dangling symlink) and, last, its `runs` row.
"""
from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from importlib import metadata
from typing import Iterable, List, Optional, Tuple, Union

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from pipeline.current import current_inputs
from transforms.io.parquet import write_rows
from transforms.io.paths import InputFile, expand_pattern
from transforms.io.sources import COMPRESSED_SUFFIXES, Limits, Reject, RejectError, is_json_lines, stream_bytes

PACKAGE = "defence-event-pipeline"


@dataclasses.dataclass
class Entry:
    """One entry `--input` names: a file (with its size, hash and about how many articles
    it holds) or a Reject (not a readable file)."""

    item: Union[InputFile, Reject]
    size_bytes: Optional[int] = None
    sha256: Optional[str] = None
    articles: int = 0

    @property
    def path(self) -> str:
        return self.item.path if isinstance(self.item, InputFile) else self.item.source_path


def _hash_and_count(path: str) -> Tuple[int, str, int]:
    """(size, sha256, lines) of the file's bytes as stored, in one read: the lines are
    what the progress line counts of an uncompressed JSON Lines file."""
    digest, size, lines, last = hashlib.sha256(), 0, 0, b"\n"
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return size, digest.hexdigest(), lines + (last != b"\n")


def _article_estimate(path: str, limits: Limits, stored_lines: Optional[int]) -> int:
    """One article a file; a JSON Lines file's lines, for the progress line: those of the
    stored bytes, or, for an archive, of its inflated bytes (a second read)."""
    if not is_json_lines(path):
        return 1
    if stored_lines is not None and not path.lower().endswith(COMPRESSED_SUFFIXES):
        return stored_lines
    lines, last = 0, b"\n"
    try:
        for chunk in stream_bytes(path, limits):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    except RejectError:
        return 0
    return lines + (last != b"\n")


def scan(patterns: Iterable[str], follow_symlinks: bool, limits: Limits) -> List[Entry]:
    """Every entry the patterns name, files hashed (a file that cannot be read stays in the
    list unhashed: the read step rejects it with the reason)."""
    entries = []
    for pattern in patterns:
        for item in expand_pattern(pattern, follow_symlinks):
            entry = Entry(item)
            if isinstance(item, InputFile):
                stored_lines = None
                try:
                    entry.size_bytes, entry.sha256, stored_lines = _hash_and_count(item.path)
                except Exception:  # noqa: BLE001 - unreadable: the read step says why
                    pass
                if entry.size_bytes is not None and entry.size_bytes > limits.max_input_bytes:
                    stored_lines = 0  # rejected as too_large when read: no articles
                entry.articles = _article_estimate(item.path, limits, stored_lines)
            entries.append(entry)
    return entries


@dataclasses.dataclass
class Plan:
    read: List[Entry]           # what this run reads
    skipped: List[Entry]        # already in the output with the same bytes
    replaced: List[Entry]       # in the output with other bytes: read again


def plan(entries: List[Entry], output: str, append: bool, reprocess: bool) -> Plan:
    """Which entries this run reads: all of them, except in append mode (without
    `--reprocess`) those whose current version in `output` has the same bytes."""
    previous = current_inputs(output) if append else {}
    read, skipped, replaced = [], [], []
    for entry in entries:
        known = previous.get(entry.path)
        if known is None:
            read.append(entry)
        elif known[1] == entry.sha256 and not reprocess and (entry.sha256 or isinstance(entry.item, Reject)):
            skipped.append(entry)
        else:
            read.append(entry)
            if known[1] != entry.sha256:
                replaced.append(entry)
    return Plan(read, skipped, replaced)


def write_inputs(staging: str, run_id: str, entries: List[Entry]) -> None:
    if entries:
        write_rows(staging, "inputs", [{"path": e.path, "size_bytes": e.size_bytes, "sha256": e.sha256}
                                       for e in entries], run_id)


def _version(distribution: str) -> Optional[str]:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def model_version(model: str) -> Optional[str]:
    """The spaCy model package's version, without loading it."""
    return _version(model) or _version(model.replace("_", "-"))


def run_row(run_id: str, started: datetime.datetime, mode: str, options, the_plan: Plan,
            summary: dict) -> dict:
    """The run's `runs` row."""
    flags = {k: v for k, v in sorted(vars(options).items()) if k not in ("input", "output", "staging")}
    return {"run_id": run_id, "started": started, "ended": datetime.datetime.now(datetime.timezone.utc),
            "mode": mode, "input_patterns": list(options.input),
            "inputs_read": len(the_plan.read), "inputs_skipped": len(the_plan.skipped),
            "inputs_replaced": len(the_plan.replaced),
            "rows": list(summary["rows"].items()), "rejects_by_reason": list(summary["rejects_by_reason"].items()),
            "package_version": _version(PACKAGE), "spacy_model": options.spacy_model,
            "spacy_model_version": model_version(options.spacy_model),
            "options": json.dumps(flags, sort_keys=True, default=str),
            "seconds": summary["seconds"], "cpu_seconds": summary["cpu_seconds"]}


def write_run(staging: str, row: dict) -> None:
    write_rows(staging, "runs", [row], row["run_id"])


def articles_of(entries: List[Entry]) -> int:
    return sum(e.articles for e in entries)
