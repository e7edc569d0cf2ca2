"""Per-Doc helpers for the extractors, which run one after another on the same Doc.

`per_doc(fn)` keeps `fn(doc)` for the last Doc seen (one slot, the Doc itself the key
by identity, replaced atomically so threads sharing a model never mix two Docs up).
`doc_text(doc)` is `doc.text` kept in the Doc's `user_data`: spaCy rebuilds it from every
token on each access (about a millisecond for a news article), and the extractors and
the row builder need it several times, not always while the Doc is the last one seen.
"""
from __future__ import annotations

import functools

MEMO_LIMIT = 20_000    # word_positions memos stop growing here (~2 MB each): the frequent words fit


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


_TEXT_KEY = "events.doc_text"
_TOKEN_HASHES_KEY = "events.token_hashes"


def remember_text(doc, text: str) -> None:
    """Keep the text a Doc was made from as its `doc_text` (spaCy's tokenisation is
    lossless, so it is `doc.text`, without rebuilding it)."""
    doc.user_data[_TEXT_KEY] = text


def doc_text(doc) -> str:
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _token_hashes(doc):
    """(LOWER and LEMMA per token, distinct LOWERs, distinct LEMMAs), once per Doc."""
    held = doc.user_data.get(_TOKEN_HASHES_KEY)
    if held is None:
        import numpy
        from spacy.attrs import LEMMA, LOWER
        arr = doc.to_array([LOWER, LEMMA])
        held = doc.user_data[_TOKEN_HASHES_KEY] = (
            arr, numpy.unique(arr[:, 0]).tolist(), numpy.unique(arr[:, 1]).tolist())
    return held


def word_positions(doc, words, memo: tuple) -> list:
    """Indices, in order, of the tokens whose lower-cased form or lower-cased lemma is in `words`.

    A pre-filter for extractors that only look at cue words: one pass over the token
    array instead of a Token object per token. `memo` is a pair of dicts owned by the
    caller for its `words` (LOWER hash -> bool, LEMMA hash -> bool), filled as hashes are met.
    """
    if not len(doc):
        return []
    import numpy
    low_ok, lem_ok = memo
    strings = doc.vocab.strings
    arr, lows, lemmas = _token_hashes(doc)
    good_low, good_lem = [], []
    for h in lows:
        ok = low_ok.get(h)
        if ok is None:
            ok = strings[h] in words
            if len(low_ok) < MEMO_LIMIT:
                low_ok[h] = ok
        if ok:
            good_low.append(h)
    for h in lemmas:
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
