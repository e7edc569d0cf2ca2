"""How a run is going: articles done of the total, words per second and an ETA.

The annotating step counts what each worker process annotated (one `Progress` per
process, shared by its DoFn instances with the model) and reports at most every
`every` seconds: a plain line on standard error when that is a terminal, else a log
line (logger `pipeline.progress`, INFO), which is what Dataflow and Airflow collect.
With several worker processes each reports its own share, against the run's total.
"""
from __future__ import annotations

import logging
import sys
import time
from typing import Optional

LOG = logging.getLogger("pipeline.progress")
LOG.setLevel(logging.INFO)   # what --progress_seconds asks for; --quiet turns the counting off


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Counts articles and words as they are annotated; `report` says how far along."""

    def __init__(self, total_articles: int, every: Optional[float], clock=time.monotonic):
        self.total = total_articles
        self.every = every
        self.clock = clock
        self.started = clock()
        self.last = self.started
        self.articles = self.words = 0

    def add(self, articles: int, words: int) -> Optional[str]:
        """Count a batch; return (and emit) the progress line when one is due."""
        self.articles += articles
        self.words += words
        now = self.clock()
        if self.every is None or now - self.last < self.every:
            return None
        self.last = now
        line = self.line(now)
        if sys.stderr.isatty():
            print(line, file=sys.stderr, flush=True)
        else:
            LOG.info(line)
            if not logging.getLogger().handlers and not LOG.handlers:
                print(f"INFO pipeline.progress: {line}", file=sys.stderr, flush=True)
        return line

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.articles / elapsed
        left = max(self.total - self.articles, 0)
        eta = _duration(left / rate) if rate and self.total else "unknown"
        share = f" ({100 * self.articles / self.total:.0f} %)" if self.total else ""
        return (f"progress: {self.articles:,} of {self.total:,} articles{share}, "
                f"{self.words / elapsed:,.0f} words/s, ETA {eta}")
