"""A worker's resident memory must not grow with the number of articles it sees.

spaCy's lemmatizer caches every (word, tag, morphology) it meets in a dict without
bound; its entries, made all through the run, also keep Python's memory arenas from
being released. `bound_caches` gives such components a `BoundedCache`; our own memos
are `BoundedCache`s too.

(Fixing glibc's mmap threshold, so that spaCy's per-batch arrays are unmapped after
each batch, was tried and dropped: it flattened RSS no better than the other measures
once they were in, and the page faults of re-mapped arrays cost 11 % of spaCy's time
on news, 4.4 million minor faults against 0.9 million for 500 articles.)
"""
from __future__ import annotations

LEMMA_CACHE_ENTRIES = 20_000    # about 3 MB; the first met, in news the common words


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
