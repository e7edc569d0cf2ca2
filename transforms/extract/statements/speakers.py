"""Who is speaking: from the words of a speaker mention to a name, a title and a code.

`SpeakerIndex(doc, lexicon)` is built once per Doc. It knows the article's people (spaCy
PERSON entities and the actor tagger's person mentions), their fullest names
and titles, and the speakers seen so far, so that `resolve(token)` can turn
`he`, `Khovaev`, `the ambassador` or `the official` into `Igor Khovaev` /
`a senior State Department official`, and `the Kremlin` into a government
speaker with its code. Plain data out: `Speaker`.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from typing import Dict, FrozenSet, List, Optional, Tuple

import numpy
from spacy.attrs import LOWER

from transforms.extract.actors import (
    ActorResolver, actor_index, after_stance_prefix, get_resolver, host_before, in_hyphen_compound, regions_in_words,
    topic_after)
from transforms.extract.statements.lexicon import StatementLexicon
from transforms.nlp.doctext import doc_text
from transforms.nlp.syntax import token_chars

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# `Ambassador to Manila Igor Khovaev`: a place after these is not part of the name
HOST_PREPS = ("to", "in", "of", "at")
# words that may link the parts of a title before a name (`Minister of Defence`)
TITLE_LINKS = ("to", "of", "for", "and")
DASHES = ("—", "–", "--", ":")
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
POSSESSIVE_PRONOUNS = ("his", "her", "its", "their")
PLURAL_PRONOUNS = ("they", "them", "their", "we", "our")
NEW_REFERENT_WORDS = frozenset({"another", "other", "different"})
DESCRIPTION_DETERMINERS = ("the", "this")     # `the official`: a description of someone named before
SOURCE_PREPS = ("from", "by", "of")           # `a statement from the ministry`
_STATE_ABBREVIATION_RE = re.compile(r"^[A-Z][a-z]{1,4}\.$")   # `Ind.`, `Mich.` after a dateline
_LEADING_CAPS_RE = re.compile(r"^(?:[A-Z]{4,}[ /,]+)+(?=[A-Z][a-z])")
_ACRONYM_RE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|for|the|and|on|de)\s+)*){1,8})\(([A-Z]{2,8})\)")


@dataclasses.dataclass
class Speaker:
    name: Optional[str]                 # the fullest name the article gives
    mention: Optional[str]              # as written
    title: Optional[str] = None
    code: Optional[str] = None
    is_person: bool = False
    head: str = ""                      # lower-cased head word of the mention (official, ministry)
    position: int = 0                   # char offset of the mention
    plural: bool = False                # `officials`, `Obama and Putin`: a `they`, never a `he`


@dataclasses.dataclass(frozen=True)
class _Mention:
    """A speaker mention being resolved: its head token and token span."""
    tok: object                         # the head token
    start: int                          # token span [start, end) of the whole mention
    end: int
    core: FrozenSet[int]                # its tokens without relative clauses and verbal post-modifiers
    text: str                           # as written

    @property
    def pos(self) -> int:
        return self.tok.idx

    @property
    def low(self) -> str:
        return self.tok.lower_

    @property
    def lemma(self) -> str:
        return self.tok.lemma_.lower()


def _clean(text: str) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", text)          # (WFP), (AKK)
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—–\"“”'")
    return text


# a given name hyphenated in lower case (`Ki-moon`, `Jong-un`, `Ing-wen`): the family name comes first
_SURNAME_FIRST_RE = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def _surname_keys(name: str) -> List[str]:
    parts = name.split()
    last = parts[-1].lower()
    keys = [last]
    if "-" in last:
        head, _, tail = last.partition("-")
        if len(head) <= 3 and tail:
            keys.append(tail)          # al-Jubeir ~ Jubeir
    if len(parts) == 2 and _SURNAME_FIRST_RE.match(parts[1]):
        keys.append(parts[0].lower())  # Ban Ki-moon ~ Ban
    return keys


def _split_at_line_breaks(doc, s: int, e: int) -> List[Tuple[int, int]]:
    """The parts of token span [s, e) between line breaks: a name never runs from a headline
    or a paragraph into the next."""
    parts, start = [], s
    for i in range(s, e + 1):
        if i == e or (doc[i].is_space and "\n" in doc[i].text):     # (spaCy keeps a line break a token)
            if i > start:
                parts.append((start, i))
            start = i + 1
    return parts


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> FrozenSet[str]:
    """The words of a name, lower-cased, with the surname's particle-less form (`al-Jubeir`: `jubeir`)."""
    words = {w.lower().strip(".") for w in name.split()}
    return frozenset(words | set(_surname_keys(name)))


def _strip_possessive(text: str) -> str:
    return re.sub(r"(’s|'s|’|')$", "", text).strip()


def _drop_determiner(text: str, determiners: FrozenSet[str]) -> str:
    """`the Foreign Ministry` -> `Foreign Ministry` (words re-joined by single spaces when one is dropped)."""
    words = text.split()
    if words and words[0].lower() in determiners:
        return " ".join(words[1:])
    return text


@functools.lru_cache(maxsize=8)
def _party_state_re(pattern: str):
    return re.compile(pattern)


def _word_pattern(word: str):
    return re.compile(r"\b%s\b" % re.escape(word))


class SpeakerIndex:
    def __init__(self, doc, lexicon: Optional[StatementLexicon] = None,
                 resolver: Optional[ActorResolver] = None):
        self.doc = doc
        self.lex = lexicon or StatementLexicon.load()
        self.resolver = resolver or get_resolver()
        self.actors = actor_index(doc)
        self.history: List[Speaker] = []
        self.fullest: Dict[str, List[Tuple[int, str]]] = {}   # surname (lower) -> (char pos, name) as given
        self.person_title: Dict[str, str] = {}              # fullest name -> title
        self.person_code: Dict[str, str] = {}
        self.person_gender: Dict[str, str] = {}            # name as given -> "f" / "m"
        self.title_to_person: List[Tuple[int, str, str]] = []   # (char pos, title word, fullest)
        self.person_subjects: List[Tuple[int, str, int]] = []   # (char pos, fullest, char pos of its verb)
        self.group_subjects: List[Tuple[int, Speaker]] = []
        self._pending_subjects: List = []    # noted subject tokens not yet turned into speakers
        self._token_person: Dict[int, Tuple[int, int]] = {}   # token index -> its person's token span
        self._acronyms: Optional[Dict[str, str]] = None
        self.dateline_code = self._dateline_code()
        self._region_country: Optional[str] = None
        self._org_country: Optional[Dict[str, str]] = None
        names = self._person_names(self._person_spans())
        self._index_surnames(names)
        self._index_people(names)

    # --- people ---------------------------------------------------------------------------
    def _lexicon_code(self, text: str) -> Optional[str]:
        """The actor code of a name as written (the actor lexicon), or None."""
        return self.resolver.code(text) if text else None

    def _person_code_at(self, s: int, e: int) -> Optional[str]:
        """The code the actor tagger tied the person named in tokens [s, e) to (never another
        actor's that happens to overlap the name)."""
        a, b = token_chars(self.doc, s, e)
        for m in self.actors.mentions:
            if m.get("kind") == "person" and m.get("code") and m["start_char"] < b and a < m["end_char"]:
                return m["code"]
        return None

    def _title_code(self, s: int, ps: int) -> Optional[str]:
        """The state or organisation in the title words [s, ps) before a name, not a host after
        `to`/`in`/`at` (`Russian Ambassador to Manila`: RUS)."""
        doc = self.doc
        by_token = self.actors.by_token
        for i in range(s, ps):
            if doc[i].lower_ in self.resolver.kin_nouns:
                return None         # `the son of Cuban immigrants`: where the family comes from
            if doc[i].is_quote:
                return None         # `a nominee for "Hotel Chile"`: a title of a work, no tie
            m = by_token.get(i)
            if m is not None and m.get("kind") != "person" and m.get("code") and (
                    i == s or by_token.get(i - 1) is not m):
                last = i
                while by_token.get(last + 1) is m:
                    last += 1
                if host_before(doc, i, self.resolver, m.get("kind") in ("country", "capital"), last):
                    continue
                topic = topic_after(doc, i, last, self.resolver, by_token)
                if not in_hyphen_compound(doc, last) and not topic and not after_stance_prefix(doc, i, self.resolver):
                    return m["code"]        # (not `Canadian-born`, `an Afghanistan expert`, `pro-Russia`)
        return self._title_region_code(s, ps)

    def _title_region_code(self, s: int, e: int) -> Optional[str]:
        """A first-level region of one country among the words [s, e) of a description (`a Missouri
        woman`, `, of Silver Spring, Maryland`, `Florida athletic director`): its country, unless
        after a host preposition or inside a hyphenated word (`Texas-based`)."""
        doc, r = self.doc, self.resolver
        for i in range(s, e):
            if doc[i].lower_ in r.kin_nouns:
                return None
            if not doc[i].text[:1].isupper() or host_before(doc, i, r) or (i > 0 and r.qualifies_region(doc[i - 1].text)):
                continue        # (`East Midlands MEP`: England's region, not Zimbabwe's `Midlands`)
            for n in (3, 2, 1):
                if i + n <= e and doc[i:i + n].text in r.subdivisions and not in_hyphen_compound(doc, i + n - 1) \
                        and not topic_after(doc, i, i + n - 1, r):
                    return r.subdivisions[doc[i:i + n].text]
        return None

    def _core_code(self, m: "_Mention") -> Optional[str]:
        """The code of an actor in the mention's own words, not in its relative clauses (`King
        Felipe, who visited Obama in the White House,`: no USA): a person's first."""
        best = None
        by_token = self.actors.by_token
        for i in sorted(m.core):
            a = by_token.get(i)
            if a is not None and a.get("code"):
                if a.get("kind") == "person":
                    return a["code"]
                best = best or a["code"]
        return best

    def _span_code(self, s: int, e: int) -> Optional[str]:
        """The code of an actor mention overlapping the token span [s, e)."""
        return self.actors.code_overlapping(*token_chars(self.doc, s, e))

    def _nonperson_tokens(self) -> set:
        doc = self.doc
        out = set()
        for m in self.actors.mentions:
            if m.get("kind") != "person":
                sp = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
                if sp is not None:
                    out.update(range(sp.start, sp.end))
        return out

    def _person_spans(self) -> List[Tuple[int, int]]:
        """Token spans of the PERSON entities (not inside another actor) and person mentions."""
        doc = self.doc
        nonperson_tok = self._nonperson_tokens()
        spans = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                st = ent.start
                while st < ent.end - 1 and (st in nonperson_tok or (
                        st > 0 and doc[st - 1].lower_ in HOST_PREPS and (
                            self._lexicon_code(doc[st].text) or ent.end - st >= 3))):
                    st += 1          # `Ambassador to Manila Igor Khovaev` -> `Igor Khovaev`
                if st in nonperson_tok:
                    continue
                st = self._after_dateline(st, ent.end - 1)     # `HELSINKI Nokia`
                spans += _split_at_line_breaks(doc, st, ent.end)    # `..., says Blair\n\nTony Blair has`
        for m in self.actors.mentions:
            if m.get("kind") == "person":
                sp = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
                if sp is not None:
                    st = sp.start
                    if st > 0 and doc[st - 1].lower_ in HOST_PREPS and sp.end - st >= 3:
                        st += 1
                    spans.append((st, sp.end))
        return spans

    def _person_names(self, spans) -> List[Tuple[int, int, str]]:
        """(start, end, name) without honorifics and possessives; marks the tokens of each person."""
        doc, lex = self.doc, self.lex
        names = []
        for s, e in sorted(set(spans)):
            # `President Duterte` -> `Duterte`, but `Mr. King` keeps `King`
            while s < e - 1 and (doc[s].lower_ in lex.honorifics or doc[s].lower_ in lex.title_words):
                s += 1
            while e > s and doc[e - 1].tag_ == "POS" or (e > s and doc[e - 1].is_punct):
                e -= 1
            if e <= s:
                continue
            name = _strip_possessive(doc[s:e].text)
            if not name or not name[0].isupper():
                continue
            self._note_gender(s, name)
            names.append((s, e, name))
            for i in range(s, e):
                self._token_person[i] = (s, e)
        return names

    def _note_gender(self, s: int, name: str) -> None:
        """The person's gender where the article shows it: an honorific or gendered title right
        before the name (`Mrs.`, `spokeswoman`), else the given name (gender.json)."""
        gender = self.lex.gender
        before = self.doc[s - 1].lower_ if s > 0 else ""
        sex = gender.get(before) or (gender.get(name.split()[0].lower()) if len(name.split()) > 1 else None)
        if sex and name not in self.person_gender:
            self.person_gender[name] = sex

    def gender_of(self, full: str) -> Optional[str]:
        """"f", "m" or None for a person's fullest name (any of the names it was given as)."""
        if full in self.person_gender:
            return self.person_gender[full]
        for name, sex in self.person_gender.items():
            if _name_words(name) <= _name_words(full):
                return sex
        return None

    def _index_surnames(self, names) -> None:
        """surname (lower) -> the names the article gives with it, in text order."""
        for s, e, name in names:
            for key in _surname_keys(name):
                self.fullest.setdefault(key, []).append((self.doc[s].idx, name))

    def _index_people(self, names) -> None:
        """Each person's title, code, and whether they are a clause subject."""
        doc = self.doc
        for s, e, name in names:
            full = self.full_name(name, doc[s].idx)
            title = self._title_before(s) or self._premodifier_title(s, e)
            if title and full not in self.person_title:
                self.person_title[full] = title
                for w in title.lower().split():
                    if w in self.lex.title_words:
                        self.title_to_person.append((doc[s].idx, w, full))
            head = doc[e - 1]
            if head.dep_ in SUBJECT_DEPS and (head.head.dep_ == "ROOT" or head.head.lemma_ in self.lex.say_verbs):
                self.person_subjects.append((doc[s].idx, full, head.head.idx))
            code = self._person_code_at(s, e)
            desc = self._description_of(s, e)
            if desc is not None:
                # `the Dutch foreign minister, Karel Smit,`, `Smit is the Dutch foreign minister`
                ds, de = desc
                text = _clean(_drop_determiner(doc[ds:de].text, self.lex.determiners))
                if text and full not in self.person_title:
                    self.person_title[full] = text
                for t in doc[ds:de]:
                    if t.lower_ in self.lex.title_words or t.lemma_.lower() in self.lex.person_nouns:
                        self.title_to_person.append((doc[ds].idx, t.lower_, full))
                code = code or self._title_code(ds, de)
            if not code and full not in self.person_code:
                code = self._implied_code(title or self.person_title.get(full), e) \
                    or self._affiliation_code(title or self.person_title.get(full))
            if code and full not in self.person_code:
                self.person_code[full] = code

    def _dateline_code(self) -> Optional[str]:
        """The country of the article's dateline (`WASHINGTON`, `AUSTIN, Texas`, `ELKHART, Ind.`,
        `KABUL/PESHAWAR, Pakistan`, a header's `MANILA`), or None."""
        doc = self.doc
        given = getattr(doc._, "dateline", None) if doc.has_extension("dateline") else None
        if given:
            parts = given.split(",")
        elif len(doc) > 2:
            k = self._after_dateline(0, min(len(doc) - 1, 12))
            parts = doc[0:k].text.split(",") if k > 0 else []
        else:
            parts = []
        for part in reversed(parts):
            code = self._place_code(part.strip().split("/")[-1].strip())
            if code:
                return code
        return None

    def _place_code(self, text: str) -> Optional[str]:
        """The country of a place as a dateline writes it (a capital, a country, a region)."""
        if not text:
            return None
        r = self.resolver
        code = r.region_abbreviations.get(text) or r.subdivisions.get(text) or r.subdivisions.get(text.title())
        if code:
            return code
        hit = r.lookup(text.title() if text.isupper() else text)
        return hit[0] if hit and hit[1] in ("capital", "country") else None

    def _implied_code(self, title: Optional[str], e: int) -> Optional[str]:
        """A person's country the article gives without naming it: `, R-Texas` after the name,
        a party in the title (`Republican presidential candidate`), or an unqualified domestic
        office (`Mayor`, `Sen.`, `police chief`) in an article datelined in that country or naming
        only its regions (`region_country`)."""
        doc, lex = self.doc, self.lex
        after = doc_text(doc)[doc[e - 1].idx + len(doc[e - 1].text):doc[e - 1].idx + 40] if e > 0 else ""
        if _party_state_re(lex.party_state_after_name["pattern"]).match(after):
            return lex.party_state_after_name["code"]
        if not title:
            return None
        written = re.findall(r"[\w.'’-]+", title)
        words = [w.lower() for w in written]
        for k, w in enumerate(words):
            # `Republican presidential candidate`, not a word of a longer party name (`Republican People's Party`)
            # nor after a word that makes another party (`Liberal Democrat deputy leader`)
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if k and words[k - 1] in lex.other_party_prefixes and written[k - 1][:1].isupper():
                continue
            if w in lex.party_codes and not (written[k + 1:k + 2] and written[k + 1][:1].isupper() and not (
                    nxt in lex.party_name_words or nxt in lex.title_words or nxt.rstrip(".") in lex.title_words)):
                return lex.party_codes[w]
        region = self._region_in_title(written)
        if region:
            return region
        if any(w in lex.domestic_titles for w in words) and not any(
                w in lex.international_titles or self.resolver.lookup(w) for w in words):
            return self.dateline_code or self.region_country()
        return None

    def _region_in_title(self, written: List[str]) -> Optional[str]:
        """The country of a first-level region named in a title's words (`Colorado woman`, `Ohio
        Gov.`), not after a host preposition (`lawyer in Texas`) nor in a hyphenated word (`Texas-based`,
        one word here)."""
        return next((code for _, code in regions_in_words(written, self.resolver)), None)

    def region_country(self) -> Optional[str]:
        """The country whose first-level regions the article names (`Texas`, `Ohio`, `Ind.`) at
        least twice when it names no other country's: where its local offices are. Computed once."""
        if self._region_country is None:
            r, doc = self.resolver, self.doc
            seen: Dict[str, int] = {}
            for t in doc:
                if not t.is_title and not t.text.endswith("."):
                    continue
                for n in (1, 2):
                    words = doc[t.i:t.i + n].text
                    code = r.subdivisions.get(words) or r.region_abbreviations.get(words)
                    if code and not in_hyphen_compound(doc, t.i + n - 1):
                        seen[code] = seen.get(code, 0) + 1
                        break
            best = [c for c, n in seen.items() if n >= 2]
            self._region_country = best[0] if len(best) == 1 and len(seen) == 1 else ""
        return self._region_country or None

    def _affiliation_code(self, title: Optional[str]) -> Optional[str]:
        """The country of an organisation named in a person's title (`Acme chief executive`, `head
        of Acme`), where the article ties that organisation to one (`org_countries`): whom the
        person speaks for."""
        if not title:
            return None
        for name, code in self.org_countries().items():
            if name in title and re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(name), title):
                return code
        return None

    def org_countries(self) -> Dict[str, str]:
        """The organisations the article itself ties to a country, proper name -> code: `German
        carmaker Acme` (a demonym, common nouns, the name), `Japan's Acme`, `the Tokyo-based Acme`,
        `Acme, based in Ohio`. No gazetteer of companies. Computed once."""
        if self._org_country is None:
            found: Dict[str, str] = {}
            doc, seats = self.doc, self.lex.seat_words
            for m in self.actors.mentions:
                if m.get("kind") not in ("country", "demonym") or not m.get("code"):
                    continue
                sp = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
                if sp is None or sp.end >= len(doc):
                    continue
                k = sp.end
                if m["kind"] == "country" and doc[k].tag_ == "POS":
                    name = self._proper_run(k + 1, 0)                    # `Japan's Acme`
                elif m["kind"] == "demonym":
                    name = self._proper_run(k, 1)                        # `German carmaker Acme`
                else:
                    name = None
                if name:
                    found.setdefault(name, m["code"])
            strings = doc.vocab.strings
            hits = numpy.nonzero(numpy.isin(doc.to_array(LOWER), [strings[w] for w in seats]))[0].tolist()
            for t in (doc[i] for i in hits):     # (a numpy scan: a Python loop over every token costs)
                if t.lower_ not in seats or t.i < 2:
                    continue
                if doc[t.i - 1].text == "-":                             # `the Ohio-based Acme`
                    code = self._place_ending(t.i - 1)
                    name = self._proper_run(t.i + 1, 0, 3) if code else None
                elif doc[t.i - 1].text == "," and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "in":
                    code = self._place_code(self._capitals_from(t.i + 2))   # `Acme, based in Ohio`
                    j = t.i - 1
                    while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].ent_type_ != "PERSON":
                        j -= 1
                    name = doc[j:t.i - 1].text if code and j < t.i - 1 else None
                else:
                    continue
                if name and code:
                    found.setdefault(name, code)
            self._org_country = {n: c for n, c in found.items()
                                 if not self.resolver.lookup(n) and n.lower() not in self.lex.title_words}
        return self._org_country

    def _proper_run(self, k: int, min_nouns: int, max_nouns: int = 3) -> Optional[str]:
        """From token k: up to `max_nouns` lower-case common nouns (at least `min_nouns`), then a
        run of proper nouns that names no person, holds no title word and modifies no common noun
        after it: the run, or None."""
        doc, lex, n = self.doc, self.lex, 0
        while k < len(doc) and n < max_nouns and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ"):
            if doc[k].lower_ in lex.title_words or doc[k].lemma_.lower() in lex.person_nouns:
                return None     # `French president Jean Roe`: a person
            k, n = k + 1, n + 1
        if n < min_nouns:
            return None
        j = k
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            if doc[j].lower_ in lex.title_words:
                return None
            j += 1
        if j < len(doc) and doc[j].is_lower and doc[j].pos_ == "NOUN":
            return None         # `a Brazil-based Acme executive`: the place is the executive's
        # a name tagged PERSON only as one word after a noun of kind that is no given name
        # (`German carmaker Acme`), not `German writer Jane Roe`
        if any(doc[i].ent_type_ == "PERSON" for i in range(k, j)) and (
                j - k > 1 or n == 0 or doc[k].lower_ in lex.gender):
            return None
        return doc[k:j].text if j > k else None

    def _place_ending(self, i: int) -> Optional[str]:
        """The country of a place whose last token is before token i (`Hong Kong`-based)."""
        for n in (1, 2, 3):
            if i - n >= 0:
                code = self._place_code(self.doc[i - n:i].text)
                if code:
                    return code
        return None

    def _capitals_from(self, k: int) -> str:
        j = k
        while j < len(self.doc) and self.doc[j].text[:1].isupper() and j < k + 3:
            j += 1
        return self.doc[k:j].text

    def _description_of(self, s: int, e: int) -> Optional[Tuple[int, int]]:
        """The token span of a description the article equates with the person named in [s, e):
        an apposition either way round, or the other side of `is`; its head a person noun or a
        title word."""
        doc, lex = self.doc, self.lex
        head = doc[e - 1]
        while s <= head.head.i < e and head.head.i != head.i:
            head = head.head
        cands = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            cands.append(head.head)
        gov = head.head
        if gov.lemma_ == "be" and head.dep_ in ("nsubj", "attr"):
            cands += [c for c in gov.children if c.dep_ in ("attr", "nsubj") and c.i != head.i]
        for d in cands:
            if d.pos_ != "NOUN" or not (d.lower_ in lex.title_words or d.lemma_.lower() in lex.person_nouns):
                continue
            skip = {x.i for c in d.children if c.dep_ in ("relcl", "acl", "appos") or s <= c.i < e
                    for x in c.subtree}
            toks = [t.i for t in d.subtree if t.i not in skip and not (s <= t.i < e)]
            a, b = min(toks), max(toks) + 1
            if b - a != len(toks):
                b = d.i + 1           # a gap: keep the words up to the head
                a = min(i for i in toks if i <= d.i)
            a = self._after_dateline(a, d.i)        # `DUBLIN Northern Ireland's deputy leader, ...`
            while a < b and (doc[a].is_punct or doc[a].lower_ in lex.determiners):
                a += 1
            while b > a and doc[b - 1].is_punct:
                b -= 1
            if a < b:
                return a, b
        return None

    def full_name(self, name: str, pos: Optional[int] = None) -> str:
        """The fullest name the article gives this person: one holding all the words of `name`
        (`Jeb Bush` never becomes `George W. Bush`); for a bare surname, the last such person
        named before char `pos` (the fullest one when none is)."""
        name = _strip_possessive(name)
        parts = name.split()
        if not parts:
            return name
        words = _name_words(name)
        known = [(p, n) for key in _surname_keys(name) for p, n in self.fullest.get(key, ())
                 if words <= _name_words(n)]
        if not known:
            return name
        if len(parts) == 1 and pos is not None:
            before = [(p, n) for p, n in known if p < pos and len(n.split()) > 1]
            if before:
                return max(before)[1]
        full = max(known, key=lambda pn: (len(pn[1].split()), -pn[0]))[1]
        return full if len(full.split()) >= len(parts) else name

    def _person_speaker(self, full: str, mention: str, pos: int) -> Speaker:
        """A known person, with the title and code the article gives them."""
        return Speaker(full, mention, self.person_title.get(full), self.person_code.get(full), True,
                       full.split()[-1].lower(), pos)

    def _title_before(self, s: int) -> Optional[str]:
        """`Russian Ambassador to Manila` before `Igor Khovaev`; `President` before `Duterte`."""
        doc = self.doc
        sent_start = doc[s].sent.start
        i = s - 1
        while i >= sent_start and i >= s - 8 and not doc[i].is_punct and (
                doc[i].text[:1].isupper() or doc[i].lower_ in TITLE_LINKS + ("'s", "’s")):
            i -= 1
        toks = [t for t in doc[self._after_dateline(i + 1, s):s]]
        # a sentence may open with a conjunction before the title (`But Sen. X`, `And Foreign Minister Y`)
        while toks and (toks[0].lower_ in TITLE_LINKS or toks[0].pos_ in ("ADV", "DET", "ADP", "CCONJ", "SCONJ")):
            toks = toks[1:]
        words = [t.text for t in toks]
        if not words or not any(w.lower() in self.lex.title_words for w in words):
            return None
        return " ".join(words).replace(" 's", "'s").replace(" ’s", "’s")

    def _premodifier_title(self, s: int, e: int) -> Optional[str]:
        """`Republican presidential candidate Jane Roe`: the modifiers the parse hangs before a name,
        when their head is a title word or a person noun (a lower-case title `_title_before` stops at)."""
        doc, lex = self.doc, self.lex
        head = doc[e - 1]
        mods = [c for c in head.children if c.i < s and c.dep_ in ("compound", "amod", "nmod")]
        if not mods or not any(c.lower_ in lex.title_words or c.lemma_.lower() in lex.person_nouns for c in mods):
            return None
        a = self._after_dateline(min(c.left_edge.i for c in mods), s)
        if any(t.is_punct and t.text not in ("-", "'s", "’s") for t in doc[a:s]) or s - a > 8:
            return None
        return _clean(doc[a:s].text) or None

    def _title_in(self, s: int, e: int, ps: int, pe: int) -> Optional[str]:
        """The title the mention gives a named person: pre-modifiers or an apposition."""
        doc = self.doc
        toks = [t for t in doc[s:ps] if t.dep_ != "det" and t.tag_ != "POS" and not t.is_punct]
        if toks and any(t.text[:1].isupper() for t in toks):
            title = _clean(" ".join(t.text for t in toks))
            if title:
                return title
        appos = self._apposition(pe, e)
        if appos:
            return _clean(_drop_determiner(doc[appos[0]:appos[1]].text, self.lex.determiners)) or None
        return None

    def _apposition(self, pe: int, e: int) -> Optional[Tuple[int, int]]:
        """The token span of an apposition in [pe, e) after a person's name (`, assistant director
        of the FBI`), not an age (`Smith, 54,`) nor another person."""
        for t in self.doc[pe:e]:
            if t.dep_ == "appos" and self.person_at(t) is None and not t.like_num:
                return t.left_edge.i, t.right_edge.i + 1
        return None

    def _apposition_head(self, pe: int, e: int) -> Optional[Tuple[int, int]]:
        """The apposition's own words: up to a dash, a bracket or a relative clause (`chief of Acme
        -- the firm that makes Russia Today's shows`: no tie to Russia)."""
        appos = self._apposition(pe, e)
        if appos is None:
            return None
        a, b = appos
        for i in range(a, b):
            t = self.doc[i]
            if t.text in ("--", "—", "–", "(", ";") or t.tag_ in ("WP", "WDT", "WP$"):
                return (a, i) if i > a else None
        return appos

    def person_at(self, tok) -> Optional[Tuple[int, int]]:
        return self._token_person.get(tok.i)

    # --- antecedents ----------------------------------------------------------------------
    def _antecedent_person(self, pos: int, sex: Optional[str] = None,
                           content: Optional[Tuple[int, int]] = None) -> Optional[Speaker]:
        """The latest person before char `pos` (a speaker or a clause subject) whose gender, where
        known, is `sex`; for `she`, a person the article shows to be a woman before one whose
        gender it does not show (most people named in the news are men, and the given-name
        list cannot know every name). A person named in what the pronoun's own statement says
        (`content`, char span), or the subject of its verb, is someone else (`Jeb Bush, he said,
        was not honorable`; `"I am glad Mark came," he said`)."""
        cands = [(sp.position, sp) for sp in self.history
                 if sp.is_person and not sp.plural and sp.position < pos and sp.name]
        cands += [(p, full) for p, full, verb in self.person_subjects if p < pos and not (
            content and (content[0] <= p < content[1] or content[0] <= verb < content[1]))]
        best, best_key = None, None
        for p, who in cands:
            known = self._sex_of(who) if sex else None
            if known is not None and known != sex:
                continue
            key = (sex == "f" and known == "f", p)
            if best_key is None or key > best_key:
                best, best_key = who, key
        if isinstance(best, str):
            return self._person_speaker(best, best, best_key[1])
        return best

    def _sex_of(self, who) -> Optional[str]:
        """"f", "m" or None for a speaker or a fullest name: the name's, else the description's head
        (`the spokeswoman`)."""
        if isinstance(who, str):
            return self.gender_of(who)
        return self.gender_of(who.name) or self.lex.gender.get(who.head)

    def _agrees(self, name: str, sex: Optional[str]) -> bool:
        known = self.gender_of(name) if sex else None
        return known is None or known == sex

    def _antecedent_group(self, pos: int, plural: bool = False) -> Optional[Speaker]:
        """The latest organisation (or, for `they`, also people: `officials`) before char `pos`."""
        best = None
        for sp in self.history:
            if (not sp.is_person or (plural and sp.plural)) and sp.position < pos and sp.name \
                    and sp.head not in self.lex.person_pronouns:
                if best is None or sp.position > best.position:
                    best = sp
        if best is not None:
            return best
        return self._latest_subject_before(pos)

    def _latest_source_before(self, pos: int) -> Optional[Speaker]:
        """The latest speaker before char `pos`, when it is no person."""
        before = [sp for sp in self.history if sp.position < pos]
        best = max(before, key=lambda sp: sp.position, default=None)
        return best if best is not None and not best.is_person else None

    def _latest_subject_before(self, pos: int) -> Optional[Speaker]:
        best = None
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
        if tok.is_upper and self._after_dateline(tok.left_edge.i, tok.i + 1) > tok.i:
            return      # `MUMBAI Indian online marketplace Snapdeal has ...`: the dateline is no subject
        if tok.dep_ in SUBJECT_DEPS and (tok.ent_type_ in ("ORG", "GPE", "NORP") or (
                tok.head.dep_ in ("ROOT", "ccomp") and tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "PERSON"
                and tok.lemma_.lower() not in self.lex.person_nouns)):
            doc = self.doc
            s, e = self._after_dateline(tok.left_edge.i, tok.i), tok.i + 1
            # a subject never reaches back over a line break into a headline (`... pounds 5.05\n\nThe wage`)
            s = max([s] + [k + 1 for k in range(s, tok.i) if "\n" in doc[k].text])
            mention = _drop_determiner(_clean(doc[s:e].text), self.lex.determiners)
            k = s + (doc[s].lower_ in self.lex.determiners)
            # `the radical Islamic Jihad movement`: its name starts at the proper noun
            while k < tok.i and doc[k].pos_ in ("ADJ", "ADV") and doc[k].is_lower and any(
                    doc[j].pos_ == "PROPN" for j in range(k + 1, e)):
                k += 1
            text = _drop_determiner(_clean(doc[k:e].text), self.lex.determiners)
            if tok.is_upper and e - k == 1:
                text = self._acronym(tok.text) or text
            sp = Speaker(text, mention, None, self._span_code(s, e) or self._lexicon_code(text),
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
            if doc[k].text in DASHES or "\n" in doc[k].text:
                s = k + 1
                break
        s = self._after_dateline(s, tok.i)
        if self.person_at(tok) is not None:
            # `Both Mr. King and Mr. Schultz`: each named person is a speaker of their own
            e = min([e] + [c.left_edge.i for c in tok.children if c.dep_ in ("conj", "cc") and c.i > tok.i])
            while s < tok.i and doc[s].dep_ == "preconj":
                s += 1
        while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].dep_ == "cc") and doc[e - 1].text != ")":
            e -= 1
        while s < e - 1 and doc[s].is_punct:
            s += 1
        return s, e

    def _after_dateline(self, s: int, head: int) -> int:
        """The first token after a dateline opening the paragraph without a dash
        (`SEOUL South Korea's LG ...`, `WASHINGTON/NEW YORK Officials ...`), else `s`."""
        doc = self.doc
        if s > 1 and doc[s - 1].text == ",":
            # `FORT WORTH, Texas Lawyers ...` from `Texas`: the region after a dateline is no part either
            j = s - 2
            while j >= 0 and (doc[j].is_upper or doc[j].text in ("-", "/")) and not doc[j].like_num:
                j -= 1
            if j < s - 2 and (j < 0 or "\n" in doc[j].text) and self._after_dateline(j + 1, head) > j + 1:
                return max(s, self._after_dateline(j + 1, head))
        if s > 0 and "\n" not in doc[s - 1].text and doc[s - 1].text != "/":     # `FLINT, Mich/WASHINGTON`
            return s
        k = s
        entries = self.resolver.entries
        # `WASHINGTON U.N. Secretary-General`: an actor written in capitals (U.N., NATO) ends the run
        while k < head and (doc[k].is_upper or doc[k].text in ("/", ",", "-")) and not doc[k].like_num \
                and not (k > s and doc[k].text in entries) and not (k > s and len(doc[k].text) == 1 and doc[k].is_alpha):
            k += 1
        nxt = doc[k]
        if k == s or k > head or not nxt.text[:1].isupper() or (
                nxt.is_upper and nxt.text not in entries and len(nxt.text) > 1):     # `A major group`
            return s
        run = doc[s:k].text
        hit = self.resolver.lookup(run.title()) or self.resolver.lookup(run)
        words = sum(1 for t in doc[s:k] if t.is_alpha)
        word = run.strip(" ,/-")
        # `ADEN Islamic State ...`: a short unknown word in capitals is a place, unless it recurs (an acronym)
        once = hit is None and len(word) >= 4 and word.isalpha() and doc_text(doc).count(word) == 1
        # `BRUSSELS`: a name the lexicon writes in lower case, in capitals here (an acronym is `NATO` there)
        titled = word.isalpha() and word not in self.resolver.entries and word.title() in self.resolver.entries
        if "/" in run or words > 1 or (hit and hit[1] in ("capital", "country")) or (hit is None and len(run) >= 5) \
                or once or titled:
            return self._after_dateline_region(k) if doc[k - 1].text == "," else k
        return s

    def _after_dateline_region(self, k: int) -> int:
        """After `HANOVER,`: the first token after the region or country that follows (`Germany`,
        `Texas`, `Ind.`) when another capitalised word follows it, else `k`."""
        doc = self.doc
        for n in (3, 2, 1):
            if k + n >= len(doc) or not doc[k + n].text[:1].isupper():
                continue
            place = doc[k:k + n].text
            if place in self.resolver.subdivisions or self.resolver.kind(place) in ("country", "capital") or (
                    n == 1 and _STATE_ABBREVIATION_RE.match(place)):
                return k + n
        return k

    def _acronym(self, text: str) -> Optional[str]:
        """`KPA` -> `Korean People's Army`, from `... (KPA)` in the text or an entity's initials."""
        if self._acronyms is None:
            self._acronyms = {}
            for m in _ACRONYM_RE.finditer(doc_text(self.doc)):
                # `TAIPEI Taiwan Semiconductor ... (TSMC)`: a dateline in capitals is not part of the name
                long = _LEADING_CAPS_RE.sub("", _clean(m.group(1)))
                self._acronyms.setdefault(m.group(2), long)
            names = [ent.text for ent in self.doc.ents if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and len(ent) > 1]
            # the actor lexicon's organisations too (`Korean People's Army` inside a longer entity)
            names += [m["text"] for m in self.actors.mentions if m.get("kind") == "organisation" and " " in m["text"]]
            for long in names:
                words = [w for w in re.split(r"[\s-]+", long) if w and w[0].isupper()]
                init = "".join(w[0] for w in words)
                if len(init) >= 2:
                    self._acronyms.setdefault(init, _clean(long))
        long = self._acronyms.get(text)
        return _drop_determiner(long, self.lex.determiners) if long else None

    def _remember(self, sp: Speaker) -> Speaker:
        self.history.append(sp)
        return sp

    # --- resolution -----------------------------------------------------------------------
    def resolve(self, tok, span: Optional[Tuple[int, int]] = None,
                content: Optional[Tuple[int, int]] = None) -> Speaker:
        """The speaker a subject token stands for (`span`: its mention's token span when the
        parse does not give it; `content`: the char span of what it states, whose people a
        pronoun does not stand for); remembered for later mentions."""
        s, e = span or self.mention_span(tok)
        mention = self.doc[s:e].text
        low = tok.lower_
        lex = self.lex
        if tok.tag_ == "PRP" or low in lex.person_pronouns or low in lex.group_pronouns:
            return self._remember(self._pronoun_speaker(low, mention, tok.idx, content))
        if low in lex.relative_pronouns and tok.head.dep_ == "relcl":
            # `the study, which notes that ...`: the antecedent speaks; the mention is as written
            return dataclasses.replace(self.resolve(tok.head.head), mention=mention, position=tok.idx)
        if tok.is_upper:
            # `FORT WORTH, Texas Lawyers for ... said`, the dateline parsed as the subject (even as a
            # person's name): the phrase after it is the speaker
            start = tok.i      # from the paragraph's start (a heading before it may hang on the subject)
            while start > tok.left_edge.i and "\n" not in self.doc[start - 1].text:
                start -= 1
            k = self._after_dateline(start, tok.right_edge.i)
            if k > tok.i:
                # the head of what follows the dateline (an apposition, a conjunct, ...)
                after = [t for t in tok.subtree if t.i >= k and t.head.i < k]
                if after:
                    return self.resolve(after[0])
        m = _Mention(tok, s, e, self._mention_core(tok, s, e), mention)
        plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" and s <= c.i < e for c in tok.children)
        for resolve_pass in (self._document_source, self._named_person, self._acronym_expansion,
                             self._possessed, self._related_person, self._earlier_description,
                             self._proper_apposition, self._the_words):
            sp = resolve_pass(m)
            if sp is not None:
                return self._remember(dataclasses.replace(sp, plural=plural) if plural else sp)
        return None     # never: `_the_words` always answers

    def _pronoun_speaker(self, low: str, mention: str, pos: int,
                         content: Optional[Tuple[int, int]] = None) -> Speaker:
        is_person = low in self.lex.person_pronouns
        if is_person:
            ante = self._antecedent_person(pos, PRONOUN_GENDER.get(low), content)
        else:
            ante = self._antecedent_group(pos, low in PLURAL_PRONOUNS)
        if ante is not None:
            return dataclasses.replace(ante, mention=mention, position=pos)
        return Speaker(None, mention, None, None, is_person, low, pos)

    def _mention_core(self, tok, s: int, e: int) -> FrozenSet[int]:
        """Tokens of the mention proper: without relative clauses and other verbal post-modifiers."""
        core = set(range(s, e))
        for t in self.doc[s:e]:
            if t.dep_ in ("relcl", "acl") and t.head.i == tok.i:
                core -= {x.i for x in t.subtree}
        return frozenset(core)

    def _document_source(self, m: _Mention) -> Optional[Speaker]:
        """`a statement issued by the ministry`, `the North's statement`: the source of the document."""
        doc, tok = self.doc, m.tok
        if m.lemma not in self.lex.document_nouns and m.low not in self.lex.document_nouns:
            return None
        poss = [t for t in tok.children if t.dep_ == "poss" and t.pos_ == "PROPN"]
        if poss:
            owner = doc[poss[0].left_edge.i:poss[0].i + 1].text.lower() + "'s"
            for prev in reversed(self.history):
                if prev.mention and owner in prev.mention.replace("’", "'").lower() and prev.name:
                    return dataclasses.replace(prev, mention=m.text, position=m.pos)
        for t in doc[m.start:m.end]:
            if t.dep_ == "pobj" and t.head.dep_ == "agent" or (t.dep_ == "poss" and t.head.i == tok.i) \
                    or (t.dep_ == "pobj" and t.head.lower_ in SOURCE_PREPS and t.head.head.i == tok.i):
                inner = self.resolve(t)
                self.history.pop()
                return dataclasses.replace(inner, mention=m.text, position=m.pos)
        return None

    def _possessed(self, m: _Mention) -> Optional[Speaker]:
        """`his lawyer`, `its spokesman`: the owner's (`Jane Doe's lawyer`), the owner found as a
        pronoun's antecedent: a person subject earlier in the sentence, else the one before."""
        doc, tok, lex = self.doc, m.tok, self.lex
        if tok.pos_ != "NOUN":
            return None
        poss = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS and c.i < tok.i]
        if not poss:
            return None
        p = poss[0]
        if p.lower_ in PRONOUN_GENDER:
            owner = self._subject_in_sentence(p, PRONOUN_GENDER[p.lower_]) or \
                self._antecedent_person(p.idx, PRONOUN_GENDER[p.lower_])
        else:
            owner = self._antecedent_group(p.idx)
        if owner is None or not owner.name:
            return None
        words = [t for t in doc[p.i + 1:tok.i + 1] if not t.is_punct]
        own = " ".join(t.text for t in words)
        code = owner.code if m.lemma in lex.owner_nouns else self._span_code(p.i + 1, tok.i + 1)
        is_person = m.low in lex.person_nouns or m.lemma in lex.person_nouns
        return Speaker(f"{_strip_possessive(owner.name)}'s {own}", m.text, None, code, is_person, m.lemma, m.pos)

    def _related_person(self, m: _Mention) -> Optional[Speaker]:
        """`an aide to Prime Minister Jane Doe`, `a spokesman for Doe`: the named person's
        (`Jane Doe's aide`), with their country."""
        doc, tok = self.doc, m.tok
        if tok.pos_ != "NOUN" or m.lemma not in self.lex.owner_nouns:
            return None
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("to", "of", "for"):
                continue
            for obj in prep.children:
                person = self.person_at(obj) if obj.dep_ == "pobj" else None
                if person is None:
                    continue
                full = self.full_name(_strip_possessive(doc[person[0]:person[1]].text), obj.idx)
                words = [t.text for t in doc[m.start:tok.i + 1] if t.dep_ != "det" and not t.is_punct]
                code = self._person_code_at(*person) or self.person_code.get(full)
                return Speaker(f"{full}'s {' '.join(words)}", m.text, None, code, True, m.lemma, m.pos)
        return None

    def _subject_in_sentence(self, tok, sex: Optional[str]) -> Optional[Speaker]:
        """The last person subject before `tok` in its sentence, of gender `sex` where known: a
        named person, or a description (`a Saudi businessman`)."""
        doc = self.doc
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            t = doc[i]
            if t.dep_ not in SUBJECT_DEPS:
                continue
            person = self.person_at(t)
            if person is not None:
                full = self.full_name(_strip_possessive(doc[person[0]:person[1]].text), t.idx)
                if self._agrees(full, sex):
                    return self._person_speaker(full, full, t.idx)
            elif t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.person_nouns:
                s, e = self.mention_span(t)
                return self._the_words(_Mention(t, s, e, self._mention_core(t, s, e), doc[s:e].text))
        return None

    def _person_named_in(self, m: _Mention) -> Optional[Tuple[int, int]]:
        """The name after a title (`Ambassador to Manila Igor Khovaev`) or in apposition,
        not a person the head is related to (`an aide to Ehud Barak`)."""
        doc, tok, title_words = self.doc, m.tok, self.lex.title_words
        titled = tok.lower_ in title_words and tok.text[:1].isupper()
        for i in sorted(m.core):
            t = doc[i]
            if self.person_at(t) is None:
                continue
            chain = t
            while chain.i != tok.i and chain.head.i != chain.i:
                if chain.dep_ in ("appos", "flat", "conj") or titled or (
                        chain.dep_ == "compound" and (chain.head.pos_ == "PROPN" or chain.head.lower_ in title_words)):
                    chain = chain.head
                    continue
                if chain.dep_ in ("pobj", "prep") and titled:
                    chain = chain.head
                    continue
                break
            if chain.i == tok.i:
                return self.person_at(t)
        return None

    def _named_person(self, m: _Mention) -> Optional[Speaker]:
        """A person named in the mention: the head, an apposition, the name after a title, a known surname."""
        doc, tok = self.doc, m.tok
        person = self.person_at(tok)
        if person is None:
            person = self._person_named_in(m)
        if person is None and (tok.pos_ == "PROPN" or tok.is_upper) and tok.lower_ in self.fullest:
            person = (tok.i, tok.i + 1)
        if person is None:
            return None
        ps, pe = person
        name = _strip_possessive(doc[ps:pe].text)
        while name.split() and name.split()[0].lower().strip(".") in self.lex.honorifics:
            name = " ".join(name.split()[1:])
        full = self.full_name(name, m.pos)
        title = self._title_in(m.start, m.end, ps, pe) or self.person_title.get(full)
        # the person's own country only: the tie the article gives them (title, `of Russia`,
        # apposition) there or earlier, else the title words of this mention; never a place
        # elsewhere in the mention or a namesake's
        appos = self._apposition_head(pe, m.end)
        code = self._person_code_at(ps, pe) or self.person_code.get(full) or self._title_code(m.start, ps) \
            or (self._title_code(*appos) if appos else None) or self._implied_code(title, pe) \
            or self._affiliation_code(title)
        return Speaker(full, m.text, title, code, True, full.split()[-1].lower(), m.pos)

    def _acronym_expansion(self, m: _Mention) -> Optional[Speaker]:
        """`KPA` -> `Korean People's Army`."""
        tok = m.tok
        if not (tok.is_upper and len(m.low) >= 2 and m.end - m.start <= 2):
            return None
        long = self._acronym(tok.text)
        if not long:
            return None
        code = self._span_code(m.start, tok.i + 1) or self._lexicon_code(long) or self._lexicon_code(tok.text)
        return Speaker(long, m.text, None, code, False, m.low, m.pos)

    def _earlier_description(self, m: _Mention) -> Optional[Speaker]:
        """A description seen before: `the official`, `the second official`, `the ambassador`."""
        doc, tok, lex = self.doc, m.tok, self.lex
        if doc[m.start].lower_ not in DESCRIPTION_DETERMINERS or tok.pos_ != "NOUN" \
                or any(doc[i].pos_ == "PROPN" for i in m.core):
            return None
        mods = {doc[i].lower_ for i in m.core if i != tok.i and doc[i].lower_ not in lex.determiners}
        if mods & NEW_REFERENT_WORDS:
            return None         # `the head of another rebel group`: someone not described before
        group_noun = m.low not in lex.person_nouns and m.lemma not in lex.person_nouns
        best = self._best_earlier_match(m, mods)
        narrower = lex.role_hypernyms.get(m.low) or lex.role_hypernyms.get(m.lemma) or ()
        if best is None and narrower:
            # `the officer` after `a navy commander`: the last person described by a narrower role
            best = max((sp for sp in self.history if sp.is_person and sp.position < m.pos and (
                sp.head in narrower or (sp.title and set(sp.title.lower().split()) & set(narrower)))),
                key=lambda sp: sp.position, default=None)
        if best is not None and group_noun:
            best = self._named_group_after(best)
        if best is not None:
            return dataclasses.replace(best, mention=m.text, position=m.pos)
        if group_noun and m.low in lex.group_nouns:
            # `the group`: the organisation last named as a subject; `the monitoring group`: the
            # organisation that spoke last, when no other source did since
            ante = self._latest_subject_before(m.pos) if not mods else self._latest_source_before(m.pos)
            if ante is not None and self._named_organisation(ante):
                return dataclasses.replace(ante, mention=m.text, position=m.pos)
        for p, word, full in reversed(self.title_to_person):
            if p < m.pos and (word == m.low or word == m.lemma or word in narrower) and self._fits_title(mods, full):
                return self._person_speaker(full, m.text, m.pos)
        return None

    def _fits_title(self, mods: set, full: str) -> bool:
        """`the Dutch minister` fits `Dutch foreign minister`; `the head of another group` does not
        fit `head of the political office`: every word of the description is in the person's title."""
        title = set(re.findall(r"[\w'-]+", (self.person_title.get(full) or "").lower()))
        return all(w in title or not w[:1].isalnum() for w in mods)

    def _best_earlier_match(self, m: _Mention, mods: set) -> Optional[Speaker]:
        """The earlier speaker whose head, mention or title has the word, the one sharing most modifiers
        (the latest on a tie)."""
        word = _word_pattern(m.low)
        best, best_score = None, -1
        for k, prev in enumerate(self.history):
            if prev.head not in (m.low, m.lemma) and not (
                    prev.mention and word.search(prev.mention.lower())) and not (
                    prev.title and word.search(prev.title.lower())):
                continue
            plural_ok = prev.mention is None or word.search(
                (prev.mention or "").lower() + " " + (prev.title or "").lower()) or prev.is_person
            if not plural_ok:
                continue
            words = set(re.findall(r"[\w'-]+", (prev.mention or "").lower()))
            score = 10 * len(mods & words) + k
            if score > best_score:
                best, best_score = prev, score
        return best

    def _named_organisation(self, sp: Speaker) -> bool:
        """`Xinhua`, `the Syrian Observatory`: a proper name that is no state (`the agency` after
        `Iran has ...` is not Iran, nor after `the army ...` the army)."""
        if not sp.name:
            return False
        # `the radical Islamic Jihad movement`: the capitalised words name it
        proper = " ".join(w for w in sp.name.split() if w[:1].isupper() and w.lower() not in self.lex.determiners)
        return bool(proper) and all(self.resolver.kind(n) not in ("country", "demonym", "capital")
                                    for n in (sp.name, proper))

    def _named_group_after(self, best: Speaker) -> Speaker:
        """`the paper` after `an influential paper ... the state-run Global Times`: the named one."""
        for prev in reversed(self.history):
            if prev.position <= best.position:
                break
            if not prev.is_person and prev.name and any(w[:1].isupper() for w in prev.name.split()) \
                    and prev.head not in self.lex.group_pronouns:
                return prev
        return best

    def _proper_apposition(self, m: _Mention) -> Optional[Speaker]:
        """A common noun with a proper-name apposition: `the main rebel group, Forces for ... (FDD)`."""
        doc, tok = self.doc, m.tok
        if tok.pos_ != "NOUN":
            return None
        for child in tok.children:
            if child.dep_ in ("appos", "compound") and child.pos_ == "PROPN" and child.i > tok.i or (
                    child.dep_ == "appos" and child.pos_ == "PROPN"):
                a, b = child.left_edge.i, child.right_edge.i + 1
                name = _drop_determiner(_clean(doc[a:b].text), self.lex.determiners)
                if name:
                    title = _clean(doc[m.start:min(tok.i + 1, a)].text)
                    code = self._core_code(m) or self._lexicon_code(name)
                    return Speaker(name, m.text, title or None, code, False, m.low, m.pos)
        return None

    def _the_words(self, m: _Mention) -> Speaker:
        """Anything else: the words themselves, without determiner, apposition or brackets."""
        doc, tok = self.doc, m.tok
        e2 = m.end
        for child in tok.children:
            if child.dep_ in ("appos", "relcl", "acl") and child.i > tok.i:
                e2 = min(e2, child.left_edge.i)
        while e2 > tok.i + 1 and (doc[e2 - 1].is_punct or doc[e2 - 1].dep_ == "cc"):
            e2 -= 1
        name = _strip_possessive(_drop_determiner(_clean(doc[m.start:max(e2, tok.i + 1)].text), self.lex.determiners))
        name = self._states_in_full(m.start, max(e2, tok.i + 1)) or name
        code = self._core_code(m) or self._lexicon_code(name)
        is_person = m.low in self.lex.person_nouns or m.lemma in self.lex.person_nouns
        return Speaker(name or None, m.text, None, code, is_person, m.lemma, m.pos)

    def _states_in_full(self, s: int, e: int) -> Optional[str]:
        """`the U.S. and South Korea` -> `United States and South Korea` when the article writes
        it so: a mention of states only, each by the fullest name the article gives it."""
        doc = self.doc
        parts, i = [], s
        while i < e:
            m = self.actors.by_token.get(i)
            if m is not None and m.get("kind") == "country":
                parts.append(m)
                while i < e and self.actors.by_token.get(i) is m:
                    i += 1
                continue
            if doc[i].lower_ not in ("the", "and", ",", "'s", "’s"):
                return None
            i += 1
        if not parts:
            return None
        fullest = {}
        for m in self.actors.mentions:
            if m.get("kind") == "country":
                text = _drop_determiner(m["text"], self.lex.determiners)
                if len(text) > len(fullest.get(m["code"], "")):
                    fullest[m["code"]] = text
        return " and ".join(fullest[m["code"]] for m in parts) if len(parts) > 1 else fullest[parts[0]["code"]]
