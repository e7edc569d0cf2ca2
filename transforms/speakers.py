"""Who is speaking: from the words of a speaker mention to a name, a title and a code.

`SpeakerIndex(doc)` is built once per Doc. It knows the article's people (spaCy
PERSON entities and the actor tagger's person mentions), their fullest names
and titles, and the speakers seen so far, so that `resolve(token)` can turn
`he`, `Khovaev`, `the ambassador` or `the official` into `Igor Khovaev` /
`a senior State Department official`, and `the Kremlin` into a government
speaker with its code. Plain data out: `Speaker`.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
from typing import Dict, List, Optional, Tuple

_LEX_DIR = os.path.join(os.path.dirname(__file__), "lexicons")

with open(os.path.join(_LEX_DIR, "statement_speakers.json"), encoding="utf-8") as _f:
    _SPK = json.load(_f)
PERSON_PRONOUNS = set(_SPK["person_pronouns"])
GROUP_PRONOUNS = set(_SPK["group_pronouns"])
RELATIVE_PRONOUNS = set(_SPK["relative_pronouns"])
TITLE_WORDS = set(_SPK["title_words"])
HONORIFICS = set(_SPK["honorifics"])
DETERMINERS = set(_SPK["determiners"])
PERSON_NOUNS = set(_SPK["person_nouns"])

_actor_resolver = None
_actor_resolver_tried = False


def actor_resolver():
    """The shared actor resolver (transforms.actors), or None while it is not available."""
    global _actor_resolver, _actor_resolver_tried
    if not _actor_resolver_tried:
        _actor_resolver_tried = True
        try:
            from transforms.actors import get_resolver  # noqa: WPS433 - optional, written concurrently
            _actor_resolver = get_resolver()
        except Exception:  # noqa: BLE001 - absent or broken: speakers simply get no code
            _actor_resolver = None
    return _actor_resolver


def code_of(text: str) -> Optional[str]:
    r = actor_resolver()
    if r is None or not text:
        return None
    try:
        return r.code(text)
    except Exception:  # noqa: BLE001
        return None


@dataclasses.dataclass
class Speaker:
    name: Optional[str]                 # the fullest name the article gives
    mention: Optional[str]              # as written
    title: Optional[str] = None
    code: Optional[str] = None
    is_person: bool = False
    head: str = ""                      # lower-cased head word of the mention (official, ministry)
    position: int = 0                   # char offset of the mention


def _clean(text: str) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", text)          # (WFP), (AKK)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—–\"“”'")
    return text


def _strip_possessive(text: str) -> str:
    return re.sub(r"(’s|'s|’|')$", "", text).strip()


class SpeakerIndex:
    def __init__(self, doc):
        self.doc = doc
        self.history: List[Speaker] = []
        # people: token index -> (entity start, entity end) for PERSON entities and person mentions
        self.person_spans: List[Tuple[int, int]] = []      # token spans
        self.fullest: Dict[str, str] = {}                   # surname (lower) -> fullest name
        self.person_title: Dict[str, str] = {}              # fullest name -> title
        self.person_code: Dict[str, str] = {}
        self.title_to_person: List[Tuple[int, str, str]] = []   # (char pos, title word, fullest)
        self.person_subjects: List[Tuple[int, str]] = []    # (char pos, fullest) people as subjects
        self.group_subjects: List[Tuple[int, Speaker]] = []
        self.mentions = list(doc._.actor_mentions or []) if doc.has_extension("actor_mentions") else []
        self._token_person: Dict[int, Tuple[int, int]] = {}
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                spans.append((ent.start, ent.end))
        char_to_tok = None
        for m in self.mentions:
            if m.get("kind") == "person":
                if char_to_tok is None:
                    char_to_tok = doc.char_span
                sp = char_to_tok(m["start_char"], m["end_char"], alignment_mode="expand")
                if sp is not None:
                    spans.append((sp.start, sp.end))
        # names: strip honorifics and possessives; surname -> fullest
        names = []
        for s, e in sorted(set(spans)):
            while s < e and (doc[s].lower_ in HONORIFICS or doc[s].lower_ in TITLE_WORDS):
                s += 1
            while e > s and doc[e - 1].tag_ == "POS" or (e > s and doc[e - 1].is_punct):
                e -= 1
            if e <= s:
                continue
            name = _strip_possessive(doc[s:e].text)
            if not name or not name[0].isupper():
                continue
            names.append((s, e, name))
            for i in range(s, e):
                self._token_person[i] = (s, e)
        for s, e, name in names:
            key = name.split()[-1].lower()
            if len(name.split()) > len(self.fullest.get(key, "").split()):
                self.fullest[key] = name
        for s, e, name in names:
            full = self.full_name(name)
            title = self._title_before(s)
            if title and full not in self.person_title:
                self.person_title[full] = title
                for w in title.lower().split():
                    if w in TITLE_WORDS:
                        self.title_to_person.append((doc[s].idx, w, full))
            head = doc[e - 1]
            if head.dep_ in ("nsubj", "nsubjpass"):
                self.person_subjects.append((doc[s].idx, full))
            code = self._code_in(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            if code and full not in self.person_code:
                self.person_code[full] = code

    # --- people ---------------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        name = _strip_possessive(name)
        parts = name.split()
        if not parts:
            return name
        full = self.fullest.get(parts[-1].lower())
        if full and len(full.split()) >= len(parts):
            return full
        return name

    def _title_before(self, s: int) -> Optional[str]:
        """`Russian Ambassador to Manila` before `Igor Khovaev`; `President` before `Duterte`."""
        doc = self.doc
        i = s - 1
        sent_start = doc[s].sent.start
        while i >= sent_start and doc[i].head.i >= s and doc[i].head.i < s + 6 and not doc[i].is_punct \
                and doc[i].dep_ in ("compound", "amod", "nmod", "prep", "pobj", "det", "poss", "case", "punct"):
            i -= 1
        # climb over `to Manila` style prepositional post-modifiers of the title
        j = i + 1
        toks = [t for t in doc[j:s] if t.dep_ != "det" and t.tag_ != "POS"]
        words = [t.text for t in toks]
        if not words or not any(t.text[:1].isupper() for t in toks):
            return None
        if not any(w.lower() in TITLE_WORDS for w in words):
            return None
        return " ".join(words)

    def _title_in(self, s: int, e: int, ps: int, pe: int) -> Optional[str]:
        """The title the mention gives a named person: pre-modifiers or an apposition."""
        doc = self.doc
        toks = [t for t in doc[s:ps] if t.dep_ != "det" and t.tag_ != "POS" and not t.is_punct]
        if toks and any(t.text[:1].isupper() for t in toks):
            title = _clean(" ".join(t.text for t in toks))
            if title:
                return title
        for t in doc[pe:e]:
            if t.dep_ == "appos" and self.person_at(t) is None:
                a, b = t.left_edge.i, t.right_edge.i + 1
                words = doc[a:b].text.split()
                if words and words[0].lower() in DETERMINERS:
                    words = words[1:]
                return _clean(" ".join(words)) or None
        return None

    def _code_in(self, start: int, end: int) -> Optional[str]:
        best = None
        for m in self.mentions:
            if m.get("code") and m["start_char"] < end and start < m["end_char"]:
                if m.get("kind") == "person":
                    return m["code"]
                best = best or m["code"]
        return best

    def person_at(self, tok) -> Optional[Tuple[int, int]]:
        return self._token_person.get(tok.i)

    # --- resolution -----------------------------------------------------------------------
    def _antecedent_person(self, pos: int) -> Optional[Speaker]:
        best_pos, best = -1, None
        for sp in self.history:
            if sp.is_person and sp.position < pos and sp.position > best_pos and sp.name:
                best_pos, best = sp.position, sp
        for p, full in self.person_subjects:
            if best_pos < p < pos:
                best_pos = p
                best = Speaker(full, full, self.person_title.get(full), self.person_code.get(full), True,
                               full.split()[-1].lower(), p)
        return best

    def _antecedent_group(self, pos: int) -> Optional[Speaker]:
        best = None
        for sp in self.history:
            if not sp.is_person and sp.position < pos and sp.name and sp.head not in PERSON_PRONOUNS:
                if best is None or sp.position > best.position:
                    best = sp
        for p, sp in self.group_subjects:
            if p < pos and (best is None or p > best.position):
                best = sp
        return best

    def note_subject(self, tok) -> None:
        """Remember an organisation or country seen as a clause subject (for a later `it said`)."""
        if tok.ent_type_ in ("ORG", "GPE", "NORP") and tok.dep_ in ("nsubj", "nsubjpass"):
            s, e = tok.left_edge.i, tok.i + 1
            text = _clean(self.doc[s:e].text)
            words = text.split()
            if words and words[0].lower() in DETERMINERS:
                text = " ".join(words[1:])
            sp = Speaker(text, text, None, self._code_in(self.doc[s].idx, tok.idx + len(tok)) or code_of(text),
                         False, tok.lower_, tok.idx)
            self.group_subjects.append((tok.idx, sp))

    def mention_span(self, tok) -> Tuple[int, int]:
        """Token span of the speaker mention: the subject's subtree, relative clauses and all."""
        s, e = tok.left_edge.i, tok.right_edge.i + 1
        doc = self.doc
        while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].dep_ in ("cc",)):
            e -= 1
        while s < e - 1 and doc[s].is_punct:
            s += 1
        return s, e

    def resolve(self, tok, sent_start_char: int) -> Speaker:
        doc = self.doc
        s, e = self.mention_span(tok)
        mention = doc[s:e].text
        low = tok.lower_
        pos = tok.idx
        if tok.tag_ in ("PRP",) or low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            if low in PERSON_PRONOUNS:
                ante = self._antecedent_person(pos)
            else:
                ante = self._antecedent_group(pos)
                if ante is None and low in ("they", "we"):
                    ante = None
            if ante is not None:
                sp = dataclasses.replace(ante, mention=mention, position=pos)
            else:
                sp = Speaker(None, mention, None, None, low in PERSON_PRONOUNS, low, pos)
            self.history.append(sp)
            return sp
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head, sent_start_char)
        # a person named in the mention (the head, or an apposition)
        person = self.person_at(tok)
        if person is None:
            for child in tok.children:
                if child.dep_ == "appos" and self.person_at(child) is not None:
                    person = self.person_at(child)
                    break
        if person is None and tok.pos_ == "PROPN" and tok.lower_ in self.fullest:
            person = (tok.i, tok.i + 1)
        if person is not None:
            ps, pe = person
            name = _strip_possessive(doc[ps:pe].text)
            while name.split() and name.split()[0].lower().strip(".") in HONORIFICS:
                name = " ".join(name.split()[1:])
            full = self.full_name(name)
            title = self._title_in(s, e, ps, pe) or self.person_title.get(full)
            code = self._code_in(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) or self.person_code.get(full)
            sp = Speaker(full, mention, title, code, True, full.split()[-1].lower(), pos)
            self.history.append(sp)
            return sp
        # a description seen before: `the official`, `the ambassador`, `the paper`
        first = doc[s].lower_
        if first in ("the", "this") and tok.pos_ == "NOUN":
            for prev in reversed(self.history):
                if prev.head == tok.lemma_.lower() or prev.head == low or (
                        prev.mention and re.search(r"\b%s\b" % re.escape(low), prev.mention.lower())) or (
                        prev.title and re.search(r"\b%s\b" % re.escape(low), prev.title.lower())):
                    sp = dataclasses.replace(prev, mention=mention, position=pos)
                    self.history.append(sp)
                    return sp
            for p, word, full in reversed(self.title_to_person):
                if p < pos and (word == low or word == tok.lemma_.lower()):
                    sp = Speaker(full, mention, self.person_title.get(full), self.person_code.get(full),
                                 True, full.split()[-1].lower(), pos)
                    self.history.append(sp)
                    return sp
        # anything else: the words themselves, without determiner, apposition or brackets
        e2 = e
        for child in tok.children:
            if child.dep_ in ("appos", "relcl", "acl") and child.i > tok.i:
                e2 = min(e2, child.left_edge.i)
        while e2 > tok.i + 1 and (doc[e2 - 1].is_punct or doc[e2 - 1].dep_ == "cc"):
            e2 -= 1
        name = _clean(doc[s:e2].text)
        words = name.split()
        if words and words[0].lower() in DETERMINERS:
            name = " ".join(words[1:])
        code = self._code_in(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) or code_of(name)
        title = None
        is_person = tok.lower_ in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS
        sp = Speaker(name or None, mention, title, code, is_person, tok.lemma_.lower(), pos)
        self.history.append(sp)
        return sp
