"""Tree helpers every extractor shares: the verb a token hangs from, the date that
governs an event, a sentence's bounds, a noun phrase's tokens, a verb's subject.

Plain functions of spaCy tokens and spans (the parse); they read no lexicon and
no Doc extension, so they are tested on their own and used the same way by every
extractor.
"""
from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span, Token

_EVENT_TYPES = ("DATE", "TIME")


def governing_verb(tok: Token) -> Optional[Token]:
    """The nearest verb at or above `tok` (an adjectival participle does not count)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod",):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def governing_timex(doc: Doc, timexes: Sequence, start_char: int, end_char: int):
    """The date expression (of `timexes`: records with start_char, end_char and
    timex_type, as the date tagger makes them) that dates an event whose trigger is at
    [start_char, end_char), or None.

    Among the DATE/TIME expressions of the trigger's sentence: the one whose dependency
    path reaches the trigger (or the verb the trigger hangs from) in the fewest steps;
    otherwise the nearest one in the sentence; None when the sentence has none.
    """
    if not timexes:
        return None
    trig = doc.char_span(start_char, end_char, alignment_mode="expand")
    if trig is None or len(trig) == 0:
        return None
    sent = trig[0].sent if doc.has_annotation("SENT_START") else doc[:]
    s0, s1 = sent.start_char, sent.end_char
    cands = [t for t in timexes if t.timex_type in _EVENT_TYPES and s0 <= t.start_char and t.end_char <= s1]
    if not cands:
        return None
    trig_ids = {t.i for t in trig}
    head_verb = governing_verb(trig.root)
    # the verbs that govern the trigger's verb (`announced` for `it would end a pact`):
    # a date on them dates the event too, at a cost per step
    governors = {}
    if head_verb is not None:
        v, k = head_verb, 1
        while v.head is not v and k < 6 and v.dep_ in ("ccomp", "xcomp", "advcl", "conj", "csubj"):
            v = v.head
            governors.setdefault(v.i, k)
            k += 1
    best, best_d = None, None
    for tx in cands:
        sp = doc.char_span(tx.start_char, tx.end_char, alignment_mode="expand")
        if sp is None or len(sp) == 0:
            continue
        t, d, hit = sp.root, 0, None
        while True:
            if t.i in trig_ids:
                hit = d
                break
            if head_verb is not None and t.i == head_verb.i:
                hit = d + 1
                break
            if t.i in governors:
                hit = d + 1 + 2 * governors[t.i]
                break
            if t.head is t or d > 12:
                break
            # a clause of its own in between (`a pact signed in 1998`): the date is that clause's
            if d > 0 and t.pos_ in ("VERB", "AUX") and t.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "conj", "acl"):
                break
            t = t.head
            d += 1
        if hit is not None and (best_d is None or hit < best_d):
            best, best_d = tx, hit
    if best is not None:
        return best
    mid = (start_char + end_char) / 2
    return min(cands, key=lambda tx: abs((tx.start_char + tx.end_char) / 2 - mid))


def governing_date(doc: Doc, start_char: int, end_char: int, timexes: Optional[Sequence] = None):
    """`governing_timex` over the Doc's own date expressions (`doc._.timexes`, or `timexes`)."""
    if timexes is None:
        timexes = doc._.timexes if doc.has_extension("timexes") else None
    if not timexes:
        return None
    return governing_timex(doc, timexes, start_char, end_char)


def sentence_bounds(sent: Span) -> Tuple[int, int]:
    """The sentence's character offsets without its leading and trailing whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start + 1)


def subtree_tokens(t: Token, skip: Iterable[str] = ("relcl", "acl", "advcl", "appos", "parataxis")) -> List[Token]:
    """`t` and its dependents, not descending into arcs labelled `skip` (a noun phrase
    without its clauses, by default)."""
    skip = set(skip)
    toks = [t]
    stack = [c for c in t.children if c.dep_ not in skip]
    while stack:
        x = stack.pop()
        toks.append(x)
        stack.extend(c for c in x.children if c.dep_ not in skip)
    return toks


def token_chars(doc: Doc, a: int, b: int) -> Tuple[int, int]:
    """Character offsets of the token span [a, b)."""
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
