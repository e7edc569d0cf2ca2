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

from transforms.nlp.doctext import doc_text
from transforms.nlp.lexicon import load_json

_SPK = load_json("statements", "speakers.json")
PERSON_PRONOUNS = set(_SPK["person_pronouns"])
GROUP_PRONOUNS = set(_SPK["group_pronouns"])
RELATIVE_PRONOUNS = set(_SPK["relative_pronouns"])
TITLE_WORDS = set(_SPK["title_words"])
HONORIFICS = set(_SPK["honorifics"])
DETERMINERS = set(_SPK["determiners"])
PERSON_NOUNS = set(_SPK["person_nouns"])
DOCUMENT_NOUNS = set(_SPK["document_nouns"])
GROUP_NOUNS = set(_SPK["group_nouns"])
SAY_LEMMAS = set(load_json("statements", "cues.json")["verbs"])

_actor_resolver = None
_actor_resolver_tried = False


def actor_resolver():
    """The shared actor resolver (transforms.extract.actors), or None while it is not available."""
    global _actor_resolver, _actor_resolver_tried
    if not _actor_resolver_tried:
        _actor_resolver_tried = True
        try:
            from transforms.extract.actors import get_resolver  # noqa: WPS433 - optional, written concurrently
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


def _surname_keys(name: str) -> List[str]:
    last = name.split()[-1].lower()
    keys = [last]
    if "-" in last:
        head, _, tail = last.partition("-")
        if len(head) <= 3 and tail:
            keys.append(tail)          # al-Jubeir ~ Jubeir
    return keys


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
        self._pending_subjects: List = []    # noted subject tokens not yet turned into speakers
        self.mentions = list(doc._.actor_mentions or []) if doc.has_extension("actor_mentions") else []
        self._token_person: Dict[int, Tuple[int, int]] = {}
        self._acronyms: Optional[Dict[str, str]] = None
        nonperson_tok = set()
        for m in self.mentions:
            if m.get("kind") != "person":
                sp = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
                if sp is not None:
                    nonperson_tok.update(range(sp.start, sp.end))
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                st = ent.start
                while st < ent.end - 1 and (st in nonperson_tok or (
                        st > 0 and doc[st - 1].lower_ in ("to", "in", "of", "at") and (
                            code_of(doc[st].text) or ent.end - st >= 3))):
                    st += 1          # `Ambassador to Manila Igor Khovaev` -> `Igor Khovaev`
                if st in nonperson_tok:
                    continue
                spans.append((st, ent.end))
        for m in self.mentions:
            if m.get("kind") == "person":
                sp = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
                if sp is not None:
                    st = sp.start
                    if st > 0 and doc[st - 1].lower_ in ("to", "in", "of", "at") and sp.end - st >= 3:
                        st += 1
                    spans.append((st, sp.end))
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
            for key in _surname_keys(name):
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
            if head.dep_ in ("nsubj", "nsubjpass") and (head.head.dep_ == "ROOT" or head.head.lemma_ in SAY_LEMMAS):
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
        full = None
        for key in _surname_keys(name):
            full = full or self.fullest.get(key)
        if full and len(full.split()) >= len(parts):
            return full
        return name

    def _title_before(self, s: int) -> Optional[str]:
        """`Russian Ambassador to Manila` before `Igor Khovaev`; `President` before `Duterte`."""
        doc = self.doc
        sent_start = doc[s].sent.start
        i = s - 1
        while i >= sent_start and i >= s - 8 and not doc[i].is_punct and (
                doc[i].text[:1].isupper() or doc[i].lower_ in ("to", "of", "for", "and", "'s", "’s")):
            i -= 1
        toks = [t for t in doc[i + 1:s]]
        while toks and (toks[0].lower_ in ("to", "of", "for", "and") or toks[0].pos_ in ("ADV", "DET", "ADP")):
            toks = toks[1:]
        words = [t.text for t in toks]
        if not words or not any(w.lower() in TITLE_WORDS for w in words):
            return None
        return " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")

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
        if best is not None:
            return best
        for p, sp in self.subjects_before(pos):
            if p < pos and (best is None or p > best.position):
                best = sp
        return best

    def note_subject(self, tok) -> None:
        """Remember an organisation or country seen as a clause subject (for a later `it said`).

        Lazily: the speaker is made when a resolution asks for the subjects before it
        (`subjects_before`); most subjects are never asked for."""
        self._pending_subjects.append(tok)

    def subjects_before(self, pos: int) -> List[Tuple[int, Speaker]]:
        """The group subjects noted so far, all those before char `pos` made into speakers."""
        if self._pending_subjects:
            keep = []
            for tok in self._pending_subjects:
                if tok.idx < pos:
                    self._note_subject_now(tok)
                else:
                    keep.append(tok)
            self._pending_subjects = keep
        return self.group_subjects

    def _note_subject_now(self, tok) -> None:
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.ent_type_ in ("ORG", "GPE", "NORP") or (
                tok.head.dep_ in ("ROOT", "ccomp") and tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "PERSON"
                and tok.lemma_.lower() not in PERSON_NOUNS)):
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
        doc = self.doc
        s, e = tok.left_edge.i, tok.right_edge.i + 1
        # `co - chairman` parsed as three subjects: take the adjacent ones too
        j = s - 1
        while j >= 0 and doc[j].head.i == tok.head.i and doc[j].dep_ == tok.dep_ and doc[j].i != tok.head.i:
            s = doc[j].left_edge.i
            j = s - 1
        # a dateline before a dash is not part of the subject: `SEOUL, South Korea — North Korea`
        for k in range(tok.i - 1, s - 1, -1):
            if doc[k].text in ("—", "–", "--", ":") or "\n" in doc[k].text:
                s = k + 1
                break
        while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].dep_ in ("cc",)) and doc[e - 1].text not in (")",):
            e -= 1
        while s < e - 1 and doc[s].is_punct:
            s += 1
        return s, e

    def _acronym(self, text: str, pos: int) -> Optional[str]:
        if self._acronyms is None:
            self._acronyms = {}
            for m in re.finditer(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|for|the|and|on|de)\s+)*){1,8})\(([A-Z]{2,8})\)",
                                 doc_text(self.doc)):
                self._acronyms.setdefault(m.group(2), _clean(m.group(1)))
            for ent in self.doc.ents:
                if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and len(ent) > 1:
                    words = [w for w in re.split(r"[\s-]+", ent.text) if w and w[0].isupper()]
                    init = "".join(w[0] for w in words)
                    if len(init) >= 2:
                        self._acronyms.setdefault(init, _clean(ent.text))
        return self._acronyms.get(text)

    def _remember(self, sp: Speaker) -> Speaker:
        self.history.append(sp)
        return sp

    def resolve(self, tok, sent_start_char: int) -> Speaker:
        doc = self.doc
        s, e = self.mention_span(tok)
        mention = doc[s:e].text
        low = tok.lower_
        pos = tok.idx
        if tok.tag_ in ("PRP",) or low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            ante = self._antecedent_person(pos) if low in PERSON_PRONOUNS else self._antecedent_group(pos)
            if ante is not None:
                return self._remember(dataclasses.replace(ante, mention=mention, position=pos))
            return self._remember(Speaker(None, mention, None, None, low in PERSON_PRONOUNS, low, pos))
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head, sent_start_char)
        # tokens of the mention proper: without relative clauses and other verbal post-modifiers
        core = set(range(s, e))
        for t in doc[s:e]:
            if t.dep_ in ("relcl", "acl") and t.head.i == tok.i:
                core -= {x.i for x in t.subtree}
        # `a statement issued by the ministry`, `the North's statement`: the source of the document
        if tok.lemma_.lower() in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
            poss = [t for t in tok.children if t.dep_ == "poss" and t.pos_ == "PROPN"]
            if poss:
                owner = doc[poss[0].left_edge.i:poss[0].i + 1].text
                for prev in reversed(self.history):
                    if prev.mention and owner + "'s" in prev.mention.replace("’", "'") and prev.name:
                        return self._remember(dataclasses.replace(prev, mention=mention, position=pos))
            for t in doc[s:e]:
                if t.dep_ == "pobj" and t.head.dep_ == "agent" or (t.dep_ == "poss" and t.head.i == tok.i) \
                        or (t.dep_ == "pobj" and t.head.lower_ in ("from", "by", "of") and t.head.head.i == tok.i):
                    inner = self.resolve(t, sent_start_char)
                    self.history.pop()
                    return self._remember(dataclasses.replace(inner, mention=mention, position=pos))
        # a person named in the mention (the head, an apposition, or the name after a title)
        person = self.person_at(tok)
        if person is None:
            # the name after a title (`Ambassador to Manila Igor Khovaev`) or in apposition,
            # not a person the head is related to (`an aide to Ehud Barak`)
            titled = tok.lower_ in TITLE_WORDS and tok.text[:1].isupper()
            for i in sorted(core):
                t = doc[i]
                if self.person_at(t) is None:
                    continue
                chain = t
                while chain.i != tok.i and chain.head.i != chain.i:
                    if chain.dep_ in ("appos", "flat", "conj") or titled or (
                            chain.dep_ == "compound" and (chain.head.pos_ == "PROPN" or chain.head.lower_ in TITLE_WORDS)):
                        chain = chain.head
                        continue
                    if chain.dep_ in ("pobj", "prep") and titled:
                        chain = chain.head
                        continue
                    break
                if chain.i == tok.i:
                    person = self.person_at(t)
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
            return self._remember(Speaker(full, mention, title, code, True, full.split()[-1].lower(), pos))
        # `KPA` -> `Korean People's Army`
        if tok.is_upper and len(low) >= 2 and e - s <= 2:
            long = self._acronym(tok.text, pos)
            if long:
                code = self._code_in(doc[s].idx, tok.idx + len(tok)) or code_of(long) or code_of(tok.text)
                return self._remember(Speaker(long, mention, None, code, False, low, pos))
        # a description seen before: `the official`, `the second official`, `the ambassador`
        first = doc[s].lower_
        has_proper = any(doc[i].pos_ == "PROPN" for i in core)
        if first in ("the", "this") and tok.pos_ == "NOUN" and not has_proper:
            mods = {doc[i].lower_ for i in core if i != tok.i and doc[i].lower_ not in DETERMINERS}
            best, best_score = None, -1
            for k, prev in enumerate(self.history):
                if prev.head not in (low, tok.lemma_.lower()) and not (
                        prev.mention and re.search(r"\b%s\b" % re.escape(low), prev.mention.lower())) and not (
                        prev.title and re.search(r"\b%s\b" % re.escape(low), prev.title.lower())):
                    continue
                plural_ok = prev.mention is None or re.search(r"\b%s\b" % re.escape(low), (prev.mention or "").lower() + " " + (prev.title or "").lower()) or prev.is_person
                if not plural_ok:
                    continue
                words = set(re.findall(r"[\w'-]+", (prev.mention or "").lower()))
                score = 10 * len(mods & words) + k
                if score > best_score:
                    best, best_score = prev, score
            group_noun = low not in PERSON_NOUNS and tok.lemma_.lower() not in PERSON_NOUNS
            if best is not None and group_noun:
                # `the paper` after `an influential paper ... the state-run Global Times`: the named one
                for prev in reversed(self.history):
                    if prev.position <= best.position:
                        break
                    if not prev.is_person and prev.name and any(w[:1].isupper() for w in prev.name.split()) \
                            and prev.head not in GROUP_PRONOUNS:
                        best = prev
                        break
            if best is not None:
                return self._remember(dataclasses.replace(best, mention=mention, position=pos))
            if group_noun and low in GROUP_NOUNS and not mods:
                ante = None
                for p, sp in self.subjects_before(pos):
                    if p < pos and (ante is None or p > ante.position):
                        ante = sp
                if ante is not None and ante.name:
                    return self._remember(dataclasses.replace(ante, mention=mention, position=pos))
            for p, word, full in reversed(self.title_to_person):
                if p < pos and (word == low or word == tok.lemma_.lower()):
                    return self._remember(Speaker(full, mention, self.person_title.get(full),
                                                  self.person_code.get(full), True, full.split()[-1].lower(), pos))
        # a common noun with a proper-name apposition: `the main rebel group, Forces for ... (FDD)`
        if tok.pos_ == "NOUN":
            for child in tok.children:
                if child.dep_ in ("appos", "compound") and child.pos_ == "PROPN" and child.i > tok.i or (
                        child.dep_ == "appos" and child.pos_ == "PROPN"):
                    a, b = child.left_edge.i, child.right_edge.i + 1
                    name = _clean(doc[a:b].text)
                    words = name.split()
                    if words and words[0].lower() in DETERMINERS:
                        name = " ".join(words[1:])
                    if name:
                        title = _clean(doc[s:min(tok.i + 1, a)].text)
                        code = self._code_in(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) or code_of(name)
                        return self._remember(Speaker(name, mention, title or None, code, False, low, pos))
        # anything else: the words themselves, without determiner, apposition or brackets
        e2 = e
        for child in tok.children:
            if child.dep_ in ("appos", "relcl", "acl") and child.i > tok.i:
                e2 = min(e2, child.left_edge.i)
        while e2 > tok.i + 1 and (doc[e2 - 1].is_punct or doc[e2 - 1].dep_ == "cc"):
            e2 -= 1
        name = _clean(doc[s:max(e2, tok.i + 1)].text)
        words = name.split()
        if words and words[0].lower() in DETERMINERS:
            name = " ".join(words[1:])
        code = self._code_in(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) or code_of(name)
        is_person = low in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS
        return self._remember(Speaker(name or None, mention, None, code, is_person, tok.lemma_.lower(), pos))
