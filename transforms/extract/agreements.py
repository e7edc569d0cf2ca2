"""Agreement events: treaties, pacts, alliances, deals, ceasefires ... and what happens to them.

The component `agreement_extractor` sets `doc._.agreements` to a list of
`records.AgreementEvent`.

How it works, on the dependency parse:
1. Agreement nominals: named agreements from `lexicons/agreement_names.tsv`
   (`Visiting Forces Agreement`, `VFA`, `New START`), trigger nouns and phrases from
   `lexicons/agreement_triggers.json` (`pact`, `alliance`, `cease-fire`, ...), and
   negotiation nouns with a topic (`talks on limiting nuclear missiles`).
2. For each nominal, climb the tree to what governs it: a verb whose object, passive
   subject or prepositional object it is (`end a pact`, `the pact was scrapped`,
   `withdraw from the treaty`, `agreed to a ceasefire`), through light nouns
   (`ruled out the possibility of an alliance`); an action noun (`a proposal for a
   cease-fire`); a participle on the nominal (`an agreement signed in 1998`). Cue
   words -> action come from `lexicons/agreement_actions.json`; heads such as `try to`,
   `urge to`, `refuse to` turn the action (negotiate, propose, reject); negation and
   modals go to `polarity` / `modality`.
3. Parties: the clause's subject (climbing through `it would` / `decided to`), the
   passive agent, `with X`, `between X and Y`, and the nominal's own modifiers
   (`a Russia-Philippines alliance`, `an Indian proposal`), coded by transforms.extract.actors.
4. `the pact` / `the agreement` with no name of its own takes the last named one.
A nominal with no action is a `mention` (kept, the scorer ignores them).
"""
from __future__ import annotations

import json
import os
from typing import Dict, List, Optional, Set, Tuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from transforms.extract.actors import get_resolver, tag_actors
from transforms.nlp.doctext import doc_text, word_positions
from transforms.nlp.guard import guarded
from transforms.nlp.lexicon import load_json, load_tsv
from transforms.extract.records import AgreementEvent

MAX_SENTENCE_CHARS = 600

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJ_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative", "obj"}
PRONOUNS = {"it", "they", "we", "he", "she", "i", "you", "who", "which", "that"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc", "punct", "mark"}


def _load_names(folder: Optional[str] = None) -> Dict[str, Tuple[str, Optional[str], str]]:
    """surface -> (canonical name, acronym, type)."""
    out: Dict[str, Tuple[str, Optional[str], str]] = {}
    for surface, canon, acro, atype in (row[:4] for row in load_tsv("agreements", "names.tsv", folder, columns=4)):
        out[surface] = (canon or surface, acro or None, atype or "other")
    return out


class Lexicon:
    def __init__(self):
        trig = load_json("agreements", "triggers.json")
        act = load_json("agreements", "actions.json")
        self.names = _load_names()
        self.nouns: Dict[str, str] = trig["nouns"]
        self.phrases: Dict[str, str] = trig["phrases"]
        self.noun_needs_modifier = set(trig["noun_needs_modifier"])
        self.type_modifiers: Dict[str, str] = trig["type_modifiers"]
        self.negotiation_nouns = set(trig["negotiation_nouns"])
        self.negotiation_topics = set(trig["negotiation_topics"])
        self.light_nouns = set(trig["light_nouns"])
        self.hedge_nouns = set(trig.get("hedge_nouns", []))
        self.skip_after = set(trig["skip_after"])
        self.verbs: Dict[str, str] = act["verbs"]
        self.verb_preps: Dict[str, str] = act["verb_preps"]
        self.action_nouns: Dict[str, str] = act["nouns"]
        self.intransitive: Dict[str, str] = act["intransitive"]
        self.negative_interest = set(act["negative_interest"])
        self.ready_adjectives: Dict[str, str] = act.get("ready_adjectives", {})
        self.to_negotiate = set(act["to_negotiate"])
        self.to_propose = set(act["to_propose"])
        self.to_reject = set(act["to_reject"])
        self.planned_heads = set(act["planned_heads"])
        self.modal_planned = set(act["modal_planned"])
        self.modal_possible = set(act["modal_possible"])


_LEX: Optional[Lexicon] = None


def get_lexicon() -> Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = Lexicon()
    return _LEX


# ----------------------------------------------------------------------------- nominals

class Nominal:
    """One agreement mention: its head token, span, name and type."""

    def __init__(self, span: Span, head: Token, name=None, acronym=None, atype="other",
                 negotiation=False, named=False):
        self.span = span
        self.head = head
        self.name = name
        self.acronym = acronym
        self.atype = atype
        self.negotiation = negotiation
        self.named = named
        self.topic: Optional["Nominal"] = None


def _build_matchers(vocab, lex: Lexicon):
    names = PhraseMatcher(vocab, attr="ORTH")
    from spacy.lang.en import English
    tok = English().tokenizer
    surfaces = list(lex.names)
    names.add("NAME", [tok(s) for s in surfaces])
    phrases = PhraseMatcher(vocab, attr="LOWER")
    phrases.add("PHRASE", [tok(s) for s in lex.phrases])
    return names, phrases


def _phrase_head(span: Span) -> Token:
    return span.root


def _type_from_modifiers(tokens, lex: Lexicon) -> Optional[str]:
    for t in tokens:
        low = t.lower_
        if low in lex.type_modifiers:
            return lex.type_modifiers[low]
        if t.lemma_.lower() in lex.type_modifiers:
            return lex.type_modifiers[t.lemma_.lower()]
    return None


def _modifier_tokens(head: Token) -> List[Token]:
    """Left modifiers of the noun (compound, amod, nmod), with their own compounds."""
    out = []
    for c in head.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod"):
            out.extend(t for t in c.subtree if t.i < head.i)
    # `free - trade pact` hyphen chains
    return sorted(set(out), key=lambda t: t.i)


def find_nominals(doc: Doc, lex: Lexicon, matchers) -> List[Nominal]:
    names_m, phrases_m = matchers
    spans = []
    for _, s, e in names_m(doc):
        spans.append(Span(doc, s, e, label="NAME"))
    for _, s, e in phrases_m(doc):
        spans.append(Span(doc, s, e, label="PHRASE"))
    memo = getattr(lex, "_noun_memo", None)
    if memo is None:
        # only a token whose form or lemma is an agreement or negotiation noun can count
        lex._noun_words = set(lex.nouns) | set(lex.negotiation_nouns)
        memo = lex._noun_memo = ({}, {})
    for i in word_positions(doc, lex._noun_words, memo):
        t = doc[i]
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        low = t.lower_
        lem = t.lemma_.lower()
        if lem in lex.nouns or low in lex.nouns:
            if (lem == "deal" or low == "deal") and t.i > 0 and doc[t.i - 1].lower_ in lex.skip_after:
                continue
            if lem in lex.noun_needs_modifier and not _modifier_tokens(t):
                continue
            if lem == "framework" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
                continue
            spans.append(Span(doc, t.i, t.i + 1, label="NOUN"))
        elif low in lex.negotiation_nouns or lem in lex.negotiation_nouns:
            spans.append(Span(doc, t.i, t.i + 1, label="NEGOTIATION"))
    spans = filter_spans(spans)
    out: List[Nominal] = []
    for sp in spans:
        if sp.label_ == "NAME":
            canon, acro, atype = lex.names[sp.text]
            out.append(Nominal(sp, _phrase_head(sp), canon, acro, atype, named=True))
        elif sp.label_ == "PHRASE":
            out.append(Nominal(sp, _phrase_head(sp), atype=lex.phrases.get(sp.text.lower(), "ceasefire")))
        elif sp.label_ == "NEGOTIATION":
            out.append(Nominal(sp, sp.root, atype="other", negotiation=True))
        else:
            t = sp.root
            atype = _type_from_modifiers(_modifier_tokens(t), lex) or lex.nouns.get(t.lemma_.lower(), lex.nouns.get(t.lower_, "other"))
            out.append(Nominal(sp, t, atype=atype))
    # an agreement noun that only modifies another agreement noun (`ceasefire agreement`)
    heads = {n.head.i for n in out}
    merged = []
    for n in out:
        h = n.head
        if h.dep_ in ("compound", "amod", "nmod") and h.head.i in heads and h.head.i != h.i:
            other = next(o for o in out if o.head.i == h.head.i)
            if other.atype == "other" and n.atype != "other":
                other.atype = n.atype
            if n.named and not other.named:
                other.name, other.acronym, other.named = n.name, n.acronym, True
                if n.atype != "other":
                    other.atype = n.atype
            continue
        merged.append(n)
    # `an agreement on the terms of a cessation of hostilities`: the agreement is of its topic's type
    by_head = {n.head.i: n for n in merged}
    for n in merged:
        if n.atype != "other" or n.named:
            continue
        for c in n.head.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "for", "of", "about"):
                typed = [by_head[t.i] for t in c.subtree if t.i in by_head and by_head[t.i].atype != "other"]
                if typed:
                    n.atype = typed[0].atype
                    n.topic = typed[0]
                    break
    return merged


# ----------------------------------------------------------------------------- actions

def _verb_key(v: Token) -> List[str]:
    """`rule out` style keys first, then the lemma."""
    lemma = v.lemma_.lower()
    keys = []
    for c in v.children:
        if c.dep_ == "prt":
            keys.append(f"{lemma} {c.lower_}")
    keys.append(lemma)
    return keys


def verb_action(v: Token, prep: Optional[Token], lex: Lexicon) -> Optional[str]:
    keys = _verb_key(v)
    if prep is not None:
        p = prep.lower_
        for k in keys:
            if f"{k} {p}" in lex.verb_preps:
                return lex.verb_preps[f"{k} {p}"]
        # `call for`, `push for` as verb + prep
        for k in keys:
            if k in lex.verb_preps and False:
                return lex.verb_preps[k]
        return None
    for k in keys:
        if k in lex.verbs:
            return lex.verbs[k]
    return None


def _is_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


class Governor:
    """What acts on a nominal: a verb (with the prep through which it governs) or an action noun."""

    def __init__(self, token: Token, action: str, prep: Optional[Token] = None, via_noun=False,
                 passive=False, path: Optional[List[Token]] = None):
        self.token = token
        self.action = action
        self.prep = prep
        self.via_noun = via_noun
        self.passive = passive
        self.path = path or []


def find_governors(nom: Nominal, lex: Lexicon) -> List[Governor]:
    """Climb from the nominal to what happens to it (possibly several: `rejected a proposal
    for a cease-fire` is a reject and a propose)."""
    govs: List[Governor] = []
    cur = nom.head
    path: List[Token] = [cur]
    # participles and relative clauses on the nominal: `an agreement signed in 1998`
    for c in nom.head.children:
        if c.dep_ == "relcl" and _is_verb(c) and any(ch.dep_ == "nsubj" and ch.lower_ in ("that", "which")
                                                     for ch in c.children):
            # `a cessation of hostilities that could begin in days`
            hit = next((lex.intransitive[k] for k in _verb_key(c) if k in lex.intransitive), None)
            if hit:
                govs.append(Governor(c, hit, path=[nom.head]))
                continue
        if c.dep_ in ("acl", "relcl") and _is_verb(c):
            act = verb_action(c, None, lex)
            if act and (c.tag_ == "VBN" or any(ch.dep_ == "nsubjpass" for ch in c.children)
                        or c.dep_ == "acl"):
                if not any(ch.dep_ in ("dobj",) for ch in c.children):
                    govs.append(Governor(c, act, passive=True, path=[nom.head]))
    hops = 0
    while hops < 6:
        hops += 1
        dep, h = cur.dep_, cur.head
        if h.i == cur.i:
            break
        if dep in OBJ_DEPS and _is_verb(h):
            act = verb_action(h, None, lex)
            if act:
                govs.append(Governor(h, act, passive=(dep == "nsubjpass"), path=path))
            elif not any(g.action == "reject" for g in govs) and h.lemma_ == "have" and any(c.dep_ == "det" and c.lower_ == "no" for c in cur.children) \
                    and cur.lemma_ in lex.negative_interest:
                govs.append(Governor(h, "reject", path=path))
            break
        if dep in ("nsubj",) and _is_verb(h) and cur.i == nom.head.i:
            for k in _verb_key(h):
                if k in lex.intransitive:
                    govs.append(Governor(h, lex.intransitive[k], path=path))
                    break
            else:
                # `the agreement entered into force`, `the deal took effect`
                for c in h.children:
                    if c.dep_ in ("prep", "dobj"):
                        key = f"{h.lemma_.lower()} {c.lower_}"
                        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                        if obj is not None:
                            key2 = f"{key} {obj.lower_}"
                            if key2 in lex.intransitive:
                                govs.append(Governor(h, lex.intransitive[key2], path=path))
                                break
                        if f"{h.lemma_.lower()} {c.lower_}" in lex.intransitive:
                            govs.append(Governor(h, lex.intransitive[key], path=path))
                            break
            break
        if dep == "pobj" and h.dep_ in ("prep", "agent", "dative"):
            p, g = h, h.head
            if _is_verb(g):
                act = verb_action(g, p, lex)
                if act is None and p.lower_ == "for":
                    act = lex.verb_preps.get(f"{g.lemma_.lower()} for")
                if act:
                    govs.append(Governor(g, act, prep=p, path=path))
                break
            if g.pos_ == "ADJ" and p.lower_ == "for" and g.lower_ in lex.ready_adjectives:
                # `ready for a ceasefire`
                govs.append(Governor(g, lex.ready_adjectives[g.lower_], prep=p, path=path))
                break
            if g.pos_ in ("NOUN", "PROPN"):
                glem = g.lemma_.lower()
                if glem in lex.action_nouns and p.lower_ in ("of", "for", "on", "to", "from", "with", "over", "about"):
                    govs.append(Governor(g, lex.action_nouns[glem], prep=p, via_noun=True, path=path))
                    cur = g
                    path = path + [g]
                    continue
                if glem == "interest" and p.lower_ == "in" and any(c.lower_ in ("no", "not") for c in g.children):
                    govs.append(Governor(g, "reject", prep=p, via_noun=True, path=path))
                    cur = g
                    continue
                if glem in lex.light_nouns or g.lower_ in lex.light_nouns:
                    cur = g
                    path = path + [g]
                    continue
            break
        if dep in ("compound", "nmod", "amod") and h.pos_ in ("NOUN", "PROPN"):
            hlem = h.lemma_.lower()
            if hlem in lex.action_nouns:
                govs.append(Governor(h, lex.action_nouns[hlem], via_noun=True, path=path))
                cur = h
                path = path + [h]
                continue
            break
        if dep in ("conj", "appos") and h.pos_ in ("NOUN", "PROPN"):
            cur = h
            continue
        break
    return govs


# ----------------------------------------------------------------------------- modality

def _verb_chain_up(v: Token) -> List[Token]:
    """The verbs above v through xcomp / ccomp / acl: `plans to sign`, `announced it would end`."""
    out = []
    cur = v
    for _ in range(4):
        if cur.dep_ in ("xcomp", "ccomp", "acl", "advcl", "conj", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
            if cur.dep_ == "prep":
                cur = cur.head
            out.append(cur)
        else:
            break
    return out


def deep_negated(v: Token) -> bool:
    """`not in the habit of entering into alliances`: a negated verb above a noun the action hangs on."""
    cur = v
    via_noun = False
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.pos_ in ("NOUN", "PROPN"):
            via_noun = True
        if _is_verb(cur):
            return via_noun and any(c.dep_ == "neg" for c in cur.children)
    return False


def _conj_root(v: Token) -> Token:
    """`to stop fighting and to respect the ceasefire`: the first verb of a coordination."""
    w = v
    for _ in range(4):
        if w.dep_ == "conj" and _is_verb(w.head) and w.head.i != w.i:
            w = w.head
        else:
            break
    return w


def modality_of(v: Token, lex: Lexicon) -> Tuple[str, str, Optional[str]]:
    """(polarity, modality, turned action) for the governing token."""
    polarity = "positive"
    modality = "asserted"
    turned = None
    for c in v.children:
        if c.dep_ == "neg" or c.lower_ in ("never",):
            polarity = "negative"
        if c.dep_ == "aux":
            if c.lower_ in lex.modal_planned:
                modality = "planned"
            elif c.lower_ in lex.modal_possible:
                modality = "possible"
    w = _conj_root(v)
    ups = _verb_chain_up(w) if w.dep_ in ("xcomp", "acl", "ccomp", "advcl", "pcomp") else []
    for u in ups[:3]:
        if u.pos_ == "NOUN" and lex.action_nouns.get(u.lemma_.lower()) in ("propose",):
            return polarity, "proposed", "propose@%d" % u.i
    for i, u in enumerate(ups[:2]):
        lem = u.lemma_.lower()
        direct = i == 0 and w.dep_ in ("xcomp", "acl")
        if direct and lem in lex.to_reject:
            turned = "reject"
        elif direct and lem in lex.to_negotiate:
            turned = "negotiate"
        elif direct and lem in lex.to_propose:
            turned = "propose"
        if lem in lex.planned_heads and modality == "asserted":
            modality = "planned"
        if any(c.dep_ == "neg" for c in u.children) and i == 0 and direct:
            polarity = "negative"
    return polarity, modality, turned


# ----------------------------------------------------------------------------- parties

def _np_tokens(t: Token) -> List[Token]:
    """The noun phrase of t without its clauses."""
    out = [t]
    for c in t.children:
        if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct", "cc") or (c.dep_ == "prep" and c.lower_ not in ("of",)):
            continue
        if c.dep_ == "conj":
            out.extend(_np_tokens(c))
            continue
        out.extend(_np_tokens(c))
    return out


SIDES_WORDS = {"sides", "parties", "each", "both", "countries", "nations", "neighbors", "neighbours", "foes", "rivals"}


def _doc_pair(doc: Doc, by_tok: Dict[int, dict]) -> List[str]:
    """The article's two most named states: who `both sides` / `each other` are."""
    key = "_agreement_doc_pair"
    cache = doc.user_data.get(key)
    if cache is not None:
        return cache
    counts: Dict[str, int] = {}
    seen = set()
    for m in by_tok.values():
        if id(m) in seen:
            continue
        seen.add(id(m))
        counts[m["code"]] = counts.get(m["code"], 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    pair = [c for c, n in top if n >= 2] if len(top) == 2 and top[1][1] >= 2 else []
    doc.user_data[key] = pair
    return pair


def _resolve_pronoun(t: Token, by_tok: Dict[int, dict]) -> Optional[str]:
    """`he` / `she`: the nearest person named before it in the sentence, else the previous one."""
    sent = t.sent
    doc = t.doc
    start = sent.start
    prev = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(t.i - 1, prev - 1, -1):
        m = by_tok.get(i)
        if m and m["kind"] == "person":
            return m["code"]
        if i < start and m is not None:
            break
    return None


def _codes_of_tokens(tokens, by_tok: Dict[int, dict]) -> List[str]:
    out = []
    for t in sorted(tokens, key=lambda t: t.i):
        m = by_tok.get(t.i)
        code = m["code"] if m else None
        if "-" in t.text and len(t.text) > 3:
            # `U.S.-Soviet`, `Russia-Philippines` as one token: each side is a party
            parts = [get_resolver().code(x) for x in t.text.split("-") if x]
            if len(parts) >= 2 and all(parts):
                for c in parts:
                    if c not in out:
                        out.append(c)
                continue
        if code is None and t.lower_ in ("he", "she") and t.pos_ == "PRON":
            code = _resolve_pronoun(t, by_tok)
        if code is None and t.lower_ in SIDES_WORDS and t.lower_ != "each":
            for c in _doc_pair(t.doc, by_tok):
                if c not in out:
                    out.append(c)
            continue
        if code is None and t.lower_ == "each" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "other":
            for c in _doc_pair(t.doc, by_tok):
                if c not in out:
                    out.append(c)
            continue
        if code and code not in out:
            out.append(code)
    return out


def _subject(v: Token) -> Optional[Token]:
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    return None


def _agent(v: Token) -> Optional[Token]:
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def subject_codes(v: Token, by_tok: Dict[int, dict]) -> Tuple[List[str], List[str]]:
    """Codes and names of the clause's subject, climbing through `decided to`, `it would`,
    `decision to` (the deciding noun's possessor)."""
    cur = v
    for _ in range(5):
        ag = _agent(cur) if cur.tag_ == "VBN" else None
        subj = ag or _subject(cur)
        if subj is not None:
            codes = _codes_of_tokens(_np_tokens(subj), by_tok)
            if codes:
                return codes, [subj.text]
            if subj.lower_ not in PRONOUNS:
                return [], []
        # noun heads: `Duterte's decision to end`
        if cur.pos_ in ("NOUN", "PROPN") and cur.i != v.i:
            codes = _codes_of_tokens([t for c in cur.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                                      for t in c.subtree], by_tok)
            if codes:
                return codes, [cur.text]
        if cur.dep_ in ("xcomp", "ccomp", "acl", "advcl", "conj", "pcomp", "relcl", "acomp") and cur.head.i != cur.i:
            nxt = cur.head
            if nxt.dep_ == "prep":
                nxt = nxt.head
            if cur.dep_ == "relcl":
                codes = _codes_of_tokens(_np_tokens(nxt), by_tok)
                if codes:
                    return codes, [nxt.text]
            cur = nxt
            continue
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            cur = cur.head.head
            continue
        break
    return [], []


def _phrase_in_objects(head: Token) -> List[Token]:
    """Objects of `in` anywhere in the noun phrase (not in its clauses): `a cessation of
    hostilities in Syria`."""
    out: List[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "conj", "appos"):
                continue
            if c.dep_ == "prep" and c.lower_ == "in":
                out.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ in ("prep", "pobj"):
                stack.append(c)
    return out


def _prep_objects(t: Token, preps=("with", "between", "among", "by")) -> List[Token]:
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend(_np_tokens(g))
    return out


def party_codes(nom: Nominal, gov: Optional[Governor], by_tok: Dict[int, dict], stance: bool = False) -> List[str]:
    codes: List[str] = []

    def add(cs):
        for c in cs:
            if c not in codes:
                codes.append(c)
    head = nom.head
    # the nominal's own modifiers: `a Russia-Philippines alliance`, `U.S.-Soviet talks`
    add(_codes_of_tokens([t for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                          for t in c.subtree if t.i < head.i], by_tok))
    add(_codes_of_tokens(_prep_objects(head), by_tok))
    if len(codes) >= 2:
        # the nominal names its own sides (`U.S.-Soviet talks`, `a pact between X and Y`)
        return codes
    # `a framework agreement for peace between the Israelis and the Palestinians`
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "on"):
            for g in c.children:
                if g.dep_ == "pobj":
                    add(_codes_of_tokens(_prep_objects(g, ("between",)), by_tok))
    if nom.atype == "ceasefire" and not stance:
        # the war it stops: `a cessation of hostilities in Syria`, `an agreement on a truce in X`
        for h in [head] + ([nom.topic.head] if nom.topic is not None else []):
            add(_codes_of_tokens([t for t in _phrase_in_objects(h) if t.i in by_tok
                                  and by_tok[t.i]["kind"] == "country"], by_tok))
    if gov is not None:
        for t in gov.path:
            if t.i != head.i:
                add(_codes_of_tokens([x for c in t.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                                      for x in c.subtree], by_tok))
                add(_codes_of_tokens(_prep_objects(t), by_tok))
        g = gov.token
        if gov.via_noun:
            add(_codes_of_tokens([x for c in g.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                                  for x in c.subtree], by_tok))
            add(_codes_of_tokens(_prep_objects(g, ("with", "between", "among", "by", "from")), by_tok))
            # the noun's verb: `X rejected a proposal`, `X renewed negotiations`
            if g.dep_ in OBJ_DEPS | {"nsubj"} and _is_verb(g.head):
                sc, _ = subject_codes(g.head, by_tok) if g.dep_ != "nsubj" else ([], [])
                add(sc)
                add(_codes_of_tokens(_prep_objects(g.head), by_tok))
            elif g.dep_ == "pobj" and g.head.dep_ == "prep" and _is_verb(g.head.head):
                sc, _ = subject_codes(g.head.head, by_tok)
                add(sc)
        else:
            sc, _ = subject_codes(g, by_tok) if not gov.passive or _agent(g) is not None or g.dep_ != "acl" \
                else ([], [])
            if gov.passive and _agent(g) is not None:
                add(_codes_of_tokens(_np_tokens(_agent(g)), by_tok))
            add(sc)
            add(_codes_of_tokens(_prep_objects(g), by_tok))
    return codes


# ----------------------------------------------------------------------------- dates

def _governing_date(doc: Doc, start: int, end: int, anchor: Token):
    timexes = doc._.timexes or []
    if not timexes:
        return None
    try:
        from transforms.extract.dates import governing_timex  # written concurrently; tolerate absence
    except Exception:  # noqa: BLE001
        governing_timex = None
    if governing_timex is not None:
        try:
            return governing_timex(doc, timexes, start, end)
        except Exception:  # noqa: BLE001
            pass
    # fallback: a timex whose head attaches to the anchor verb, without crossing another verb
    best = None
    for tx in timexes:
        span = doc.char_span(tx.start_char, tx.end_char, alignment_mode="expand")
        if span is None:
            continue
        cur = span.root
        for _ in range(4):
            if cur.i == anchor.i:
                best = tx
                break
            if cur.head.i == cur.i or (_is_verb(cur.head) and cur.head.i != anchor.i):
                break
            cur = cur.head
        if best is not None:
            break
    return best


# ----------------------------------------------------------------------------- extraction

def _sentence_bounds(doc: Doc, tokens: List[Token]) -> Tuple[int, int]:
    sent = tokens[0].sent
    s, e = sent.start_char, sent.end_char
    if e - s > MAX_SENTENCE_CHARS:
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t) for t in tokens)
        s = max(s, lo - 200)
        e = min(e, hi + 200)
    text = doc_text(doc)
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _negotiation_has_topic(t: Token, lex: Lexicon) -> bool:
    if t.dep_ == "pobj" and t.head.lower_ in ("in", "at", "during", "of", "after", "before", "since"):
        # `a settlement reached in nuclear talks` still counts; `in the negotiations on X` does not
        return any(c.dep_ in ("compound", "amod") and c.lower_ in lex.negotiation_topics for c in t.children)
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "about", "over", "to"):
            return True
        if c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
        if c.dep_ in ("compound", "amod") and c.lower_ in lex.negotiation_topics:
            return True
    return False


def extract_agreements(doc: Doc, lex: Optional[Lexicon] = None, matchers=None) -> List[AgreementEvent]:
    lex = lex or get_lexicon()
    matchers = matchers or _build_matchers(doc.vocab, lex)
    mentions = doc._.actor_mentions
    if mentions is None:
        mentions = tag_actors(doc)
    by_tok: Dict[int, dict] = {}
    for m in mentions:
        span = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            by_tok[t.i] = m
    events: List[AgreementEvent] = []
    seen: Set[Tuple[int, str]] = set()
    last_named: Optional[Nominal] = None
    last_typed: Optional[Nominal] = None
    for nom in find_nominals(doc, lex, matchers):
        if not nom.named and nom.atype == "other" and last_typed is not None \
                and nom.head.lower_ in ("agreement", "accord", "deal", "understanding") \
                and any(c.lower_ in ("the", "this", "that", "any") for c in nom.head.children) \
                and not any(t.i in by_tok or t.lower_ in lex.type_modifiers for t in _modifier_tokens(nom.head)):
            # `the agreement`, `any deal` after `a ceasefire agreement`: the same kind of deal
            nom.atype = last_typed.atype
        if nom.atype != "other" and not nom.negotiation:
            last_typed = nom
        if nom.named:
            last_named = nom
        elif last_named is not None and nom.head.lower_ in ("pact", "agreement", "accord", "treaty", "deal") \
                and any(c.lower_ in ("the", "this", "that") for c in nom.head.children) \
                and not _modifier_tokens(nom.head):
            nom.name, nom.acronym = last_named.name, last_named.acronym
            if nom.atype == "other":
                nom.atype = last_named.atype
        govs = find_governors(nom, lex)
        if nom.negotiation:
            # talks / negotiations are the event itself when they have a topic
            nego_govs = [g for g in govs if g.action in ("negotiate", "terminate", "suspend", "extend")]
            if nom.head.head.lemma_.lower() in ("hold", "have", "attend", "host", "join") or any(
                    g.token.lemma_.lower() in ("hold", "have") for g in govs):
                continue
            if not _negotiation_has_topic(nom.head, lex) and not any(
                    g.token.lemma_.lower() in ("renew", "resume", "return", "stop", "start", "begin", "open")
                    for g in govs):
                continue
            atype = _type_from_modifiers(list(nom.head.subtree), lex) or "other"
            nom.atype = atype
            govs = [Governor(nom.head, "negotiate", via_noun=True, path=[nom.head])]
            del nego_govs
        if not govs:
            ev = _make_event(doc, nom, None, "mention", by_tok, lex)
            if ev:
                events.append(ev)
            continue
        for gov in govs:
            polarity, modality, turned = modality_of(gov.token, lex) if not gov.via_noun else ("positive", "asserted", None)
            action = gov.action
            if turned and turned.startswith("propose@"):
                noun = doc[int(turned.split("@")[1])]
                turned = "propose"
                # `rejected an Indian proposal for signing ...`: the proposal is an event, and so is its fate
                if noun.dep_ in OBJ_DEPS and _is_verb(noun.head):
                    act2 = verb_action(noun.head, None, lex)
                    if act2 in ("reject", "sign") and (noun.head.i, act2) not in seen:
                        seen.add((noun.head.i, act2))
                        g2 = Governor(noun.head, act2, via_noun=False, path=[noun])
                        ev2 = _make_event(doc, nom, g2, act2, by_tok, lex)
                        if ev2:
                            add_codes = _codes_of_tokens([x for c in noun.children
                                                          if c.dep_ in ("amod", "compound", "poss", "nmod")
                                                          for x in c.subtree], by_tok)
                            for c in add_codes:
                                if c not in ev2.parties:
                                    ev2.parties.append(c)
                            ev2.actors = list(ev2.parties)
                            events.append(ev2)
                gov = Governor(noun, "propose", via_noun=True, path=gov.path + [noun])
            if turned and action in ("sign", "ratify", "implement", "extend", "negotiate", "terminate"):
                if turned == "negotiate" and action != "sign":
                    turned = None
                if turned:
                    action = turned
            if not gov.via_noun and action == "sign" and modality == "possible" and any(
                    c.lower_ in ("must", "should") for c in gov.token.children):
                action = "propose"
            override = None
            if turned == "propose" and not gov.via_noun:
                u = _conj_root(gov.token).head
                objs = [c for c in u.children if c.dep_ in ("dobj",)]
                objs += [g for c in u.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children
                         if g.dep_ == "pobj"]
                if objs:
                    override = _codes_of_tokens(_np_tokens(objs[0]), by_tok) or None
            if action == "sign" and any(t.lemma_.lower() in lex.hedge_nouns for t in gov.path):
                # `agreed to the possibility of a truce`: a stance, not a signature
                action = "propose"
            if not gov.via_noun and deep_negated(gov.token):
                action = "mention"
            if gov.via_noun and gov.token.dep_ in ("nsubj", "nsubjpass") and gov.token.head.i != gov.token.i:
                hv = gov.token.head
                keys = _verb_key(hv) + [k for x in hv.children if x.dep_ == "xcomp" for k in _verb_key(x)]
                if not any(k in lex.intransitive for k in keys):
                    action = "mention"
            key = (gov.token.i, action)
            if key in seen:
                continue
            seen.add(key)
            ev = _make_event(doc, nom, gov, action, by_tok, lex, polarity, modality, override)
            if ev:
                events.append(ev)
    _share_parties(events)
    _carry_parties(events)
    _demote_unknown_deals(events)
    return events


def _demote_unknown_deals(events: List[AgreementEvent]) -> None:
    """A deal with no name, no known kind and no state or organisation among its parties
    (`the party signed a two-year deal for Brighton to host the conference`) is seldom an
    agreement between states: keep it as a `mention` rather than claim an event."""
    for ev in events:
        if ev.action != "mention" and not ev.parties and not ev.agreement_name and ev.agreement_type == "other":
            ev.action, ev.confidence = "mention", 0.3
            ev.event_date = ev.date_start = ev.date_end = None


STANCE_ACTIONS = ("propose", "reject", "mention")


def _carry_parties(events: List[AgreementEvent]) -> None:
    """An agreement's parties are the agreement's, not the sentence's: once the article
    reports it reached (`X and Y reached a ceasefire in Z`), later events on the same
    agreement (same name, or same type when unnamed) whose sentence names only some of the
    sides (`the two sides were filling out the details`, `it could begin in days`) take the
    full set. Stances (propose, reject) stay with whoever takes them."""
    base: Dict[tuple, List[str]] = {}
    for ev in sorted(events, key=lambda e: e.sentence_start):
        if ev.action in STANCE_ACTIONS:
            continue
        key = ("name", ev.agreement_name) if ev.agreement_name else (
            ("type", ev.agreement_type) if ev.agreement_type not in (None, "other") else None)
        if key is None:
            continue
        known = base.get(key)
        if known is not None and set(ev.parties) < set(known):
            ev.parties = list(known)
            ev.actors = list(known)
        elif known is None and ev.action == "sign" and len(ev.parties) >= 2:
            base[key] = list(ev.parties)


def _share_parties(events: List[AgreementEvent]) -> None:
    """An acl event (`an agreement signed with Washington`) shares the parties of the main
    event on the same nominal (`X would end an agreement signed with Washington`)."""
    by_nom: Dict[Tuple[int, int], List[AgreementEvent]] = {}
    for ev in events:
        by_nom.setdefault(getattr(ev, "_nom", (0, 0)), []).append(ev)
    for evs in by_nom.values():
        if len(evs) < 2:
            continue
        union: List[str] = []
        for ev in evs:
            if ev.action == "mention":
                continue
            for c in ev.parties:
                if c not in union:
                    union.append(c)
        if not any(getattr(ev, "_shared", False) for ev in evs):
            continue
        for ev in evs:
            if ev.action != "mention":
                ev.parties = list(union)
                ev.actors = list(union)
    for ev in events:
        for attr in ("_nom", "_shared"):
            if hasattr(ev, attr):
                delattr(ev, attr)


def _make_event(doc: Doc, nom: Nominal, gov: Optional[Governor], action: str, by_tok, lex: Lexicon,
                polarity="positive", modality="asserted", override=None) -> Optional[AgreementEvent]:
    anchor = gov.token if gov is not None else nom.head
    tokens = [anchor, nom.head]
    s, e = _sentence_bounds(doc, tokens)
    parties = list(override) if override else party_codes(nom, gov, by_tok, stance=action in STANCE_ACTIONS)
    if nom.atype == "ceasefire" and len(parties) < 2 and action != "mention" and (
            action not in ("propose", "reject") or not parties):
        # a ceasefire binds the sides of the conflict the article is about
        for c in _doc_pair(doc, by_tok):
            if c not in parties:
                parties.append(c)
    names = []
    for c in parties:
        for t in doc[anchor.sent.start:anchor.sent.end]:
            m = by_tok.get(t.i)
            if m and m["code"] == c and m["text"] not in names:
                names.append(m["text"])
                break
    lo = min(anchor.idx, nom.span.start_char)
    hi = max(anchor.idx + len(anchor), nom.span.end_char)
    tx = _governing_date(doc, lo, hi, anchor) if action != "mention" else None
    ev = AgreementEvent(
        action=action, actors=list(parties), sentence_start=s, sentence_end=e,
        anchor_start=anchor.idx, anchor_end=anchor.idx + len(anchor),
        confidence=0.3 if action == "mention" else (0.7 if len(parties) >= 1 else 0.5),
        event_date=tx.value if tx is not None else None,
        date_start=tx.range_start if tx is not None else None,
        date_end=tx.range_end if tx is not None else None,
        agreement_name=nom.name, agreement_acronym=nom.acronym, agreement_type=nom.atype or "other",
        parties=list(parties), party_names=names, polarity=polarity, modality=modality,
        trigger=anchor.text,
    )
    ev._nom = (nom.head.i, nom.head.i)
    ev._shared = gov is not None and gov.passive and gov.token.dep_ in ("acl", "relcl") and gov.token.head.i == nom.head.i
    return ev


class AgreementExtractor:
    def __init__(self, nlp: Language):
        self.lex = get_lexicon()
        self.matchers = _build_matchers(nlp.vocab, self.lex)
        get_resolver()

    def __call__(self, doc: Doc) -> Doc:
        doc._.agreements = []
        doc._.agreements = extract_agreements(doc, self.lex, self.matchers)
        return doc


@Language.factory("agreement_extractor")
def make_agreement_extractor(nlp: Language, name: str):
    return guarded("agreement_extractor", AgreementExtractor(nlp))
