"""Per-Doc helpers for the extractors, which run one after another on the same Doc.

`per_doc(fn)` keeps `fn(doc)` in the Doc's own `user_data`, so it is computed once per
Doc, lives exactly as long as the Doc, and threads sharing a model never mix two Docs up.
`doc_text(doc)` is `doc.text` so kept: spaCy rebuilds it from every token on each access
(about a millisecond for a news article), and the extractors and the row builder need it
several times; `remember_text` fills it from the text the Doc was made from.
"""
from __future__ import annotations

import functools

from spacy.tokens import Doc

MEMO_LIMIT = 20_000    # word_positions memos stop growing here (~2 MB each): the frequent words fit


def _key(fn) -> str:
    return f"events:{fn.__module__}.{fn.__qualname__}"


def per_doc(fn):
    key = _key(fn)

    @functools.wraps(fn)
    def cached(doc):
        held = doc.user_data.get(key)
        if held is None:
            held = doc.user_data[key] = fn(doc)
        return held

    return cached


@per_doc
def doc_text(doc) -> str:
    return doc.text


def remember_text(doc, text: str) -> None:
    """Keep the text a Doc was made from as its `doc_text` (spaCy's tokenisation is
    lossless, so it is `doc.text`, without rebuilding it)."""
    doc.user_data[_key(doc_text.__wrapped__)] = text


@per_doc
def _token_hashes(doc):
    """(LOWER and LEMMA per token, distinct LOWERs, distinct LEMMAs)."""
    import numpy
    from spacy.attrs import LEMMA, LOWER
    arr = doc.to_array([LOWER, LEMMA])
    return arr, numpy.unique(arr[:, 0]).tolist(), numpy.unique(arr[:, 1]).tolist()


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


def declare_extension(name: str, default=None) -> None:
    """`Doc._.<name>`, declared once whoever asks first (modules may be re-imported)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


# The article's metadata on its Doc: extractors read them (relative dates, datelines).
declare_extension("published_date")
declare_extension("dateline")


def set_metadata(doc, published_date=None, dateline=None) -> None:
    doc._.published_date = published_date
    doc._.dateline = dateline
