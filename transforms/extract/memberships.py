"""Alliance and organisation membership as agreement events (GUIDELINES: joining, acceding,
admission, becoming a member, enlargement are `extend`; an invitation or application to
join is `propose`; a refusal or a veto is `reject`; leaving is `withdraw`).

An organisation the actor index names (`NATO`, `the European Union`) is the agreement when
a membership cue governs it: a verb whose object it is (`joined NATO`, `acceded to the
EU`, `was admitted into ASEAN`) or a noun whose complement or modifier it is (`accession
to NATO`, `NATO membership`, `a member of the alliance`). The cue words are in
`lexicons/agreements/triggers.json` (`membership_verbs`, `membership_nouns`,
`membership_preps`; cue word -> action). The agreements component turns each into a nominal with a governor
and lets its usual rules decide the action (`bid to join` -> propose, `blocked ... bid` ->
reject, negation, condition) and the parties (the joining state), adding the organisation.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from spacy.tokens import Doc, Token

# a membership noun's object often hangs from the verb above it in the small model's parse
# (`vetoed [Finland's accession] [to NATO]`): look one head up for the noun
OBJECT_DEPS = ("dobj", "nsubjpass", "pobj", "attr")


def _org_tokens(doc: Doc, by_tok: Dict[int, dict], organisations) -> List[Token]:
    """The head token of each mention of an organisation of `organisations` (codes)."""
    seen, out = set(), []
    for i, m in by_tok.items():
        if m["kind"] != "organisation" or m["code"] not in organisations or id(m) in seen:
            continue
        seen.add(id(m))
        toks = [doc[j] for j in range(i, len(doc)) if by_tok.get(j) is m]
        heads = [t for t in toks if t.head.i not in {x.i for x in toks} or t.head.i == t.i]
        out.append(heads[0] if heads else toks[-1])
    return sorted(out, key=lambda t: t.i)


PREDICATE_DEPS = ("attr", "oprd")
# copulas of a predicate noun that state membership rather than its start (`became a member` is joining)
STATUS_COPULAS = ("be", "remain", "stay")


def membership_cue(org: Token, verbs, nouns, preps, predicate_nouns=(), subject_verbs=()) -> Optional[Tuple[Token, bool]]:
    """(cue token, is a noun) of the membership cue that governs the organisation, if any;
    a noun of `predicate_nouns` only as a predicate of a verb that is no status copula (`became a member of
    NATO`, not `is a member of NATO`); a verb of
    `subject_verbs` with the organisation as its subject (`NATO admitted Albania`)."""
    cue = _cue(org, verbs, nouns, preps, subject_verbs)
    if cue is not None and cue[1] and cue[0].lemma_.lower() in predicate_nouns and (
            cue[0].dep_ not in PREDICATE_DEPS or cue[0].head.lemma_.lower() in STATUS_COPULAS):
        return None     # `fellow OPEC members`; `Norway is a member of NATO` (a state, not joining)
    return cue


def _cue(org: Token, verbs, nouns, preps, subject_verbs=()) -> Optional[Tuple[Token, bool]]:
    h = org.head
    if org.dep_ in ("dobj", "nsubjpass") and h.lemma_.lower() in verbs:
        return h, False
    if org.dep_ == "nsubj" and h.lemma_.lower() in subject_verbs and any(c.dep_ == "dobj" for c in h.children):
        return h, False     # `the EU admitted Croatia`: the organisation takes the member in
    if org.dep_ in ("compound", "poss", "nmod") and h.lemma_.lower() in nouns and h.pos_ == "NOUN":
        return h, True
    if org.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in preps:
        g = h.head
        if g.lemma_.lower() in verbs and g.pos_ in ("VERB", "AUX"):
            return g, False
        if g.lemma_.lower() in nouns and g.pos_ == "NOUN":
            return g, True
        if g.pos_ in ("VERB", "AUX"):
            noun = next((c for c in g.children if c.dep_ in OBJECT_DEPS and c.lemma_.lower() in nouns
                         and c.pos_ == "NOUN" and c.i < h.i), None)
            if noun is not None:
                return noun, True
    return None


def _anaphor_tokens(doc: Doc, orgs: List[Token], by_tok: Dict[int, dict], anaphors) -> List[Tuple[Token, str]]:
    """`the bloc` / `the union` (nouns of `anaphors`, with `the` and no other modifier) after an
    organisation mentioned in its sentence or the one before: (token, that organisation's code)."""
    out = []
    if not orgs or not anaphors:
        return out
    for t in doc:
        if t.lemma_.lower() not in anaphors or t.pos_ != "NOUN" or t.i in by_tok:
            continue
        if [c.lower_ for c in t.lefts] != ["the"]:
            continue
        before = [o for o in orgs if o.i < t.i]
        if not before:
            continue
        last = before[-1]
        if last.sent.start != t.sent.start and (
                t.sent.start == 0 or doc[t.sent.start - 1].sent.start != last.sent.start):
            continue
        out.append((t, by_tok[last.i]["code"]))
    return out


def membership_targets(doc: Doc, by_tok: Dict[int, dict], organisations, verbs, nouns, preps,
                       predicate_nouns=(), subject_verbs=(), anaphors=()) -> List[Tuple[Token, Token, bool, str]]:
    """(organisation token, cue token, cue is a noun, organisation code) for every organisation
    of `organisations` (codes) a membership cue governs, and for every `the bloc` that stands
    for the organisation named just before (`Britons voted to leave the bloc`)."""
    out = []
    orgs = _org_tokens(doc, by_tok, organisations)
    targets = [(o, by_tok[o.i]["code"]) for o in orgs] + _anaphor_tokens(doc, orgs, by_tok, anaphors)
    for org, code in sorted(targets, key=lambda x: x[0].i):
        cue = membership_cue(org, verbs, nouns, preps, predicate_nouns, subject_verbs)
        if cue is not None:
            out.append((org, cue[0], cue[1], code))
    return out
