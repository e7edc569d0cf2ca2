"""A worker's resident memory must not grow with the number of articles it sees.

Two things made it grow, beyond what Python objects account for:

- glibc's malloc serves a block over its mmap threshold (128 KiB) with a mapping of
  its own, returned to the system on free. But each such free raises the threshold to
  the freed size (up to 32 MiB), so spaCy's per-batch arrays (a few MB each) soon come
  from the heap, where freed space is kept and fragments: RSS crept up batch after
  batch. Setting the threshold explicitly also switches that adjustment off
  (`fix_mmap_threshold`).
- spaCy's lemmatizer caches every (word, tag, morphology) it meets in a dict without
  bound; its entries, made all through the run, also keep Python's memory arenas from
  being released (`bound_caches`; our own memos are `BoundedCache`s too).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os

MMAP_THRESHOLD = 128 * 1024     # glibc's own default, made fixed
LEMMA_CACHE_ENTRIES = 20_000    # about 3 MB; the first met, in news the common words
_M_MMAP_THRESHOLD = -3          # mallopt parameter, from glibc's malloc.h


def fix_mmap_threshold(nbytes: int = MMAP_THRESHOLD) -> bool:
    """Fix glibc's mmap threshold for this process; False where that is not possible
    (not glibc) or not wanted (the user set `MALLOC_MMAP_THRESHOLD_` themselves)."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # noqa: B018 - only glibc has it (musl, macOS do not)
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return mallopt(_M_MMAP_THRESHOLD, nbytes) == 1


class BoundedCache(dict):
    """A cache dict that stops taking new entries at `limit`; the ones it has stay."""

    def __init__(self, limit: int, entries=()):
        super().__init__(entries)
        self.limit = limit

    def __setitem__(self, key, value):
        if len(self) < self.limit or key in self:
            super().__setitem__(key, value)


def bound_caches(nlp, entries: int = LEMMA_CACHE_ENTRIES) -> int:
    """Give every pipeline component that keeps a plain-dict `cache` (spaCy's
    lemmatizers) a bounded one; returns how many were bounded."""
    bounded = 0
    for _, component in nlp.pipeline:
        cache = getattr(component, "cache", None)
        if type(cache) is dict:
            component.cache = BoundedCache(entries, cache)
            bounded += 1
    return bounded
