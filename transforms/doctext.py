"""Per-Doc helpers for the extractors, which run one after another on the same Doc.

`per_doc(fn)` keeps `fn(doc)` for the last Doc seen (one slot, the Doc itself the key
by identity, replaced atomically so threads sharing a model never mix two Docs up).
`doc_text(doc)` is `doc.text` so kept: spaCy rebuilds it from every token on each access
(about a millisecond for a news article) and the extractors need it several times.
"""
from __future__ import annotations

import functools

MEMO_LIMIT = 200_000   # word_positions memos stop growing here: no cache grows with the corpus


def per_doc(fn):
    last = [(None, None)]   # [(doc, value)]: one tuple, swapped in one assignment

    @functools.wraps(fn)
    def cached(doc):
        held_doc, value = last[0]
        if held_doc is doc:
            return value
        value = fn(doc)
        last[0] = (doc, value)
        return value

    return cached


@per_doc
def doc_text(doc) -> str:
    return doc.text


def word_positions(doc, words, memo: tuple) -> list:
    """Indices, in order, of the tokens whose lower-cased form or lower-cased lemma is in `words`.

    A pre-filter for extractors that only look at cue words: one pass over the token
    array instead of a Token object per token. `memo` is a pair of dicts owned by the
    caller for its `words` (LOWER hash -> bool, LEMMA hash -> bool), filled as hashes are met.
    """
    if not len(doc):
        return []
    import numpy
    from spacy.attrs import LEMMA, LOWER
    low_ok, lem_ok = memo
    strings = doc.vocab.strings
    arr = doc.to_array([LOWER, LEMMA])
    good_low, good_lem = [], []
    for h in numpy.unique(arr[:, 0]).tolist():
        ok = low_ok.get(h)
        if ok is None:
            ok = strings[h] in words
            if len(low_ok) < MEMO_LIMIT:
                low_ok[h] = ok
        if ok:
            good_low.append(h)
    for h in numpy.unique(arr[:, 1]).tolist():
        ok = lem_ok.get(h)
        if ok is None:
            ok = strings[h].lower() in words
            if len(lem_ok) < MEMO_LIMIT:
                lem_ok[h] = ok
        if ok:
            good_lem.append(h)
    if not good_low and not good_lem:
        return []
    mask = numpy.isin(arr[:, 0], good_low) | numpy.isin(arr[:, 1], good_lem)
    return numpy.nonzero(mask)[0].tolist()
