"""One actor resolver shared by every extractor: names -> codes.

Codes are ISO 3166-1 alpha-3 for states (`USA`, `PHL`, `RUS`) or the short name of an
international organisation (`NATO`, `ASEAN`, `EU`, `UN`).

    from transforms.extract.actors import get_resolver, codes_in_span
    r = get_resolver()
    r.code("the Philippines")      -> "PHL"
    r.code("Russian")              -> "RUS"
    r.code("the Kremlin")          -> "RUS"
    r.code("NATO")                 -> "NATO"

The `actor_tagger` component sets `doc._.actor_mentions` to a list of dicts
{start_char, end_char, text, code, kind}, kind in country, demonym, capital,
organisation, person. A person counts when the article ties them to a state
(`Philippine President Rodrigo Duterte` -> PHL; later `Duterte`,
`the Duterte administration` -> PHL) or the person lexicon knows them.

Data: transforms/lexicons/actor_variants.tsv (country names and variants, on top of
pycountry), actor_demonyms.tsv, actor_capitals.tsv (capitals and seats of government),
actor_organisations.tsv, actor_persons.tsv.
"""
from __future__ import annotations

import functools
import os
import re
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import numpy
import pycountry
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from transforms.nlp.memory import BoundedCache
from transforms.nlp.doctext import declare_extension, per_doc
from transforms.nlp.guard import guarded
from transforms.nlp.lexicon import lexicon_path, load_json, load_lines, load_tsv

LOOKUP_MEMO_ENTRIES = 20_000

declare_extension("actor_mentions")

# lexicon file -> kind of the mentions it yields (later files do not override earlier ones)
LEXICON_FILES = (
    ("organisations.tsv", "organisation"),
    ("variants.tsv", "country"),
    ("demonyms.tsv", "demonym"),
    ("capitals.tsv", "capital"),
    ("persons.tsv", "person"),
)

KINDS = ("country", "demonym", "capital", "organisation", "person")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")


def read_tsv(name: str, folder: Optional[str] = None) -> List[Tuple[str, str]]:
    """(surface, code) rows of an actor lexicon; rows missing either are left out."""
    return [(row[0], row[1]) for row in load_tsv("actors", name, folder) if row[0] and row[1]]


def _plural(demonym: str, without_plural: frozenset) -> Optional[str]:
    if demonym.endswith(("ese", "sh", "ch", "s", ".", "hman", "sman", "woman", "men")) or demonym.endswith("Zealand"):
        return None
    if demonym in without_plural:
        return None
    return demonym + "s"


def _norm(text: str) -> str:
    text = " ".join(text.translate(_QUOTES).split())
    text = _LEADING.sub("", text)
    text = _POSSESSIVE.sub("", text)
    return text.strip(" ,.;:") if not text.endswith(".") or text.count(".") < 2 else text.strip(" ,;:")


def _subdivision_codes(types: frozenset, entries: Dict[str, Tuple[str, str]]) -> Dict[str, str]:
    """First-level subdivision name -> its country's alpha-3 (`Michigan` -> USA), for the names
    of one country only that are no other actor (`Georgia` is a state and a country: left out)."""
    seen: Dict[str, set] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in types and len(sub.name) >= 4:
            seen.setdefault(sub.name, set()).add(sub.country_code)
    out = {}
    for name, countries in seen.items():
        if len(countries) == 1 and name not in entries:
            country = pycountry.countries.get(alpha_2=next(iter(countries)))
            if country is not None:
                out[name] = country.alpha_3
    return out


class ActorResolver:
    """Surface form -> (code, kind). Case-sensitive first, then case-insensitive
    for forms that are not short acronyms (`us` is a pronoun, `US` a state)."""

    def __init__(self, lexicon_dir: Optional[str] = None):
        rules = load_json("actors", "rules.json", lexicon_dir)
        self.host_prepositions = frozenset(rules["host_prepositions"])
        self.title_prepositions = frozenset(rules["title_prepositions"])
        self.region_qualifiers = frozenset(rules["region_qualifiers"])
        self.stance_prefixes = frozenset(rules["stance_prefixes"])
        self.kin_nouns = frozenset(rules["kin_nouns"])
        self.topic_nouns = frozenset(rules["topic_nouns"])
        self.envoy_nouns = frozenset(rules["envoy_nouns"])
        self.envoy_prepositions = frozenset(rules["envoy_prepositions"])
        self.not_host_before_to = frozenset(rules["not_host_before_to"])
        # `China` in `South China Sea`: the words after (or before `of`) that make a place name
        self.geo_features = frozenset(load_lines("actors", "geo_features.txt", lexicon_dir))
        without_plural = frozenset(rules["demonyms_without_plural"])
        self.entries: Dict[str, Tuple[str, str]] = {}
        for fname, kind in LEXICON_FILES:
            if not os.path.exists(lexicon_path("actors", fname, lexicon_dir)):
                continue
            for surface, code in read_tsv(fname, lexicon_dir):
                self._add(surface, code, kind)
                if kind == "demonym":
                    plural = _plural(surface, without_plural)
                    if plural:
                        self._add(plural, code, kind)
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                name = getattr(c, attr, None)
                if name and "," not in name and "(" not in name:
                    self._add(name, c.alpha_3, "country")
        self.lower: Dict[str, Tuple[str, str]] = {}
        for surface, val in self.entries.items():
            if len(surface) > 4 and not surface.isupper():
                self.lower.setdefault(surface.lower(), val)
        self.subdivisions = _subdivision_codes(frozenset(rules["subdivision_types"]), self.entries)
        self.region_abbreviations: Dict[str, str] = rules["region_abbreviations"]
        self.homonym_subdivisions: Dict[str, str] = rules["homonym_subdivisions"]
        self.region_words = frozenset(rules["region_words"])
        self.region_possessive_words = frozenset(rules["region_possessive_words"])
        self.party_state = re.compile(rules["party_state_pattern"])
        self.party_state_code: str = rules["party_state_code"]
        self._matchers: Dict[int, PhraseMatcher] = {}
        # lookup() memo (the lexicon is fixed), bounded: it must not grow with the corpus
        self._cache: Dict[str, Optional[Tuple[str, str]]] = BoundedCache(LOOKUP_MEMO_ENTRIES)

    def _add(self, surface: str, code: str, kind: str) -> None:
        self.entries.setdefault(surface, (code, kind))

    def lookup(self, text: str) -> Optional[Tuple[str, str]]:
        """(code, kind) for a name as written, or None."""
        if not text:
            return None
        try:
            return self._cache[text]
        except KeyError:
            pass
        hit = self._cache[text] = self._lookup(text)
        return hit

    def _lookup(self, text: str) -> Optional[Tuple[str, str]]:
        for cand in (text.strip(), _norm(text)):
            if cand in self.entries:
                return self.entries[cand]
        n = _norm(text)
        if n.lower() in self.lower:
            return self.lower[n.lower()]
        if len(n) > 4:
            try:
                c = pycountry.countries.lookup(n)
                return (c.alpha_3, "country")
            except LookupError:
                pass
        return None

    def code(self, text: str) -> Optional[str]:
        hit = self.lookup(text)
        return hit[0] if hit else None

    def qualifies_region(self, word: str) -> bool:
        """A capitalised compass word (`East`, `Northern`) that, before a region's name, makes the
        name of another region: `East Midlands` is England's, not Zimbabwe's `Midlands`."""
        return word[:1].isupper() and word.lower() in self.region_qualifiers

    def kind(self, text: str) -> Optional[str]:
        hit = self.lookup(text)
        return hit[1] if hit else None

    def matcher(self, nlp_or_vocab) -> PhraseMatcher:
        """A PhraseMatcher over the lexicon (case-sensitive), one per vocab."""
        vocab = getattr(nlp_or_vocab, "vocab", nlp_or_vocab)
        key = id(vocab)
        if key not in self._matchers:
            make = nlp_or_vocab.make_doc if hasattr(nlp_or_vocab, "make_doc") else None
            m = PhraseMatcher(vocab, attr="ORTH")
            for kind in KINDS:
                surfaces = [s for s, (_, k) in self.entries.items() if k == kind]
                if make is None:
                    docs = [Doc(vocab, words=s.split()) for s in surfaces]
                else:
                    docs = list(make.pipe(surfaces)) if hasattr(make, "pipe") else [make(s) for s in surfaces]
                # variants with typographic apostrophes
                extra = [s.replace("'", "’") for s in surfaces if "'" in s]
                docs += [make(s) if make else Doc(vocab, words=s.split()) for s in extra]
                m.add(kind, docs)
            self._matchers[key] = m
        return self._matchers[key]


@functools.lru_cache(maxsize=4)
def get_resolver(lexicon_dir: Optional[str] = None) -> ActorResolver:
    """The resolver of the actor lexicons in `lexicon_dir` (None: the package's), one per
    process: every extractor that codes a name shares it."""
    return ActorResolver(lexicon_dir)


# ----------------------------------------------------------------------------- tagging

# POS tags of the words a title before a name is made of (`Russian Ambassador to Manila`)
_PREFIX_POS = {"PROPN", "NOUN", "ADJ", "ADP", "PART", "NUM"}
# entities whose names may hold a state's name without being about it (`Washington Post`)
_SKIP_CONTAINER = {"ORG", "FAC", "WORK_OF_ART", "PERSON", "EVENT", "LAW", "PRODUCT"}


def _container_ent(doc: Doc, span: Span, ents=None) -> Optional[Span]:
    for ent in (doc.ents if ents is None else ents):
        if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
            return ent
    return None


def _person_prefix_code(doc: Doc, ent: Span, mentions_by_tok: Dict[int, dict], r: ActorResolver) -> Optional[str]:
    """`Russian Ambassador to Manila Igor Khovaev` -> RUS: the leftmost state named in the
    title words right before the name, unless it follows `to` (the host)."""
    i = ent.start - 1
    found = []
    last_start = -1
    steps = 0
    sent_start = ent.sent.start if doc.has_annotation("SENT_START") else 0
    while i >= sent_start and steps < 8:
        t = doc[i]
        if t.is_punct and t.text not in ("-", "’s", "'s"):
            break
        joined = t.text in ("-", "–") and not t.whitespace_ and i > sent_start and not doc[i - 1].whitespace_
        if t.pos_ not in _PREFIX_POS and i not in mentions_by_tok and t.lower_ not in ("'s", "’s") and not joined:
            break       # (a hyphen inside a title word goes on: `U.N. Secretary-General`)
        if t.pos_ == "ADP" and t.lower_ not in r.host_prepositions | r.title_prepositions:
            break
        if i in mentions_by_tok:
            m = mentions_by_tok[i]
            first = i
            while first - 1 >= 0 and mentions_by_tok.get(first - 1) is m:
                first -= 1
            caps = doc[first:i + 1].text
            if m["kind"] in ("country", "capital") and caps.isupper() and len(caps) > 3 and "." not in caps and (
                    first == 0 or "\n" in doc[first - 1].text or doc[first - 1].text == "/"):
                break       # `LONDON New York developer Donald Trump`, `WASHINGTON/LONDON President ...`: a dateline
            if after_dateline_place(doc, first):
                break       # `HIROSHIMA, Japan Barack Obama`, `AUGUSTA, Georgia Englishman ...`: the dateline's region
            if found and last_start == i + 1 and doc[first:i + 1].text.isalpha() and doc[first:i + 1].text.isupper():
                # two place names side by side (`AMMAN U.S. Secretary of State ...`): the outer one,
                # in capitals, is a dateline, not part of the title (`U.N. Syria envoy` is a title)
                break
            host = host_before(doc, first, r, m["kind"] in ("country", "capital"), i)
            topic = topic_after(doc, first, i, r, mentions_by_tok)
            if not in_hyphen_compound(doc, i) and not topic and not after_stance_prefix(doc, first, r):
                found.append((m["code"], host))
            # jump to the mention's first token
            while i - 1 >= 0 and mentions_by_tok.get(i - 1) is m:
                i -= 1
            last_start = i
        i -= 1
        steps += 1
    own = [c for c, host in found if not host]
    if own:
        return own[-1]  # leftmost
    return None


def after_dateline_place(doc: Doc, first: int) -> bool:
    """A place starting at token `first` that follows a dateline in capitals opening the paragraph
    (`AUGUSTA, Georgia`, `HIROSHIMA, Japan`): the region of the dateline, no title's."""
    if first < 2 or doc[first - 1].text != ",":
        return False
    j = first - 2
    while j >= 0 and ((doc[j].is_upper and doc[j].is_alpha) or doc[j].text in ("-", "/")):
        j -= 1
    return j < first - 2 and (j < 0 or "\n" in doc[j].text or doc[j].is_space) and doc[j + 1].is_alpha


def host_before(doc: Doc, first: int, r: ActorResolver, place: bool = True, last: Optional[int] = None) -> bool:
    """The state starting at token `first` follows a host preposition (`Ambassador to Manila`,
    `envoy to the United States`) or `for`/`on` after an envoy noun (`special envoy for Syria`):
    where the person is sent or what they handle, not their own. `place`: the mention names
    the place itself (a country, a capital), so `the` may stand between; a demonym after `the`
    begins an institution's name (`at the Swedish Migration Agency`), the person's own, and so
    does a place before a noun (`adviser to the U.S. president`; `last`: the place's last token)."""
    j = first - 1
    if j >= 1 and doc[j].lower_ == "the":
        if not place or (last is not None and last + 1 < len(doc) and doc[last + 1].pos_ in ("NOUN", "PROPN")):
            return False
        j -= 1
    if j < 0:
        return False
    if doc[j].lower_ in r.host_prepositions:
        return not (doc[j].lower_ == "to" and j >= 1 and doc[j - 1].lower_ in r.not_host_before_to)
    return doc[j].lower_ in r.envoy_prepositions and j >= 1 and doc[j - 1].lower_ in r.envoy_nouns


def topic_after(doc: Doc, first: int, last: int, r: ActorResolver, owners=()) -> bool:
    """The state in tokens [first, last] is what the person handles: before a topic noun (`an
    Afghanistan expert`), or before an envoy noun after an owner (`his Syria envoy`, `Obama's
    Syria envoy`, `U.N. Syria envoy`; `owners`: token indices of other actors)."""
    if last + 1 >= len(doc):
        return False
    nxt = doc[last + 1].lower_
    if nxt in r.topic_nouns:
        return True
    if nxt in r.envoy_nouns and first > 0:
        b = doc[first - 1]
        return b.tag_ in ("PRP$", "POS") or (first - 1) in owners
    return False


def in_hyphen_compound(doc: Doc, last: int) -> bool:
    """A place or demonym ending at token `last` inside a hyphenated word (`Canadian-born`,
    `Baghdad-based`, `Cuban-American`): where the person was born, works or comes from, not
    whose office they hold."""
    return last + 2 < len(doc) and doc[last + 1].text in ("-", "–") and not doc[last].whitespace_ \
        and doc[last + 2].is_alpha


def after_stance_prefix(doc: Doc, first: int, r: "ActorResolver") -> bool:
    """A state or demonym starting at token `first` right after `pro-` / `anti-` (`pro-Iraq war
    MP`, `Anti-American cleric`): the person's stance, not their country."""
    return first >= 2 and doc[first - 1].text in ("-", "–") and not doc[first - 2].whitespace_ \
        and doc[first - 2].lower_ in r.stance_prefixes


def _title_subdivision_code(doc: Doc, ent: Span, r: ActorResolver) -> Optional[str]:
    """`Michigan Governor Rick Snyder`, `New York Mayor Bill de Blasio` -> USA: a subdivision's
    name among the capitalised title words right before the name (not after a host `to`/`in`)."""
    i = ent.start - 1
    lo = max(ent.sent.start if doc.has_annotation("SENT_START") else 0, ent.start - 8)
    while i >= lo and (doc[i].text[:1].isupper() or doc[i].lower_ in r.title_prepositions) and not doc[i].is_punct:
        i -= 1
    words = [t.text for t in doc[i + 1:ent.start]]
    # a title word must follow the place: `Ohio Gov.`
    return next((code for end, code in regions_in_words(words, r) if end < len(words)), None)


def regions_in_words(words: Sequence[str], r: ActorResolver) -> Iterator[Tuple[int, str]]:
    """(end, country code) of each first-level region named among a title's words, the
    longest first at each start; none right after a host preposition (`Ambassador to Ohio`) or a
    compass word (`East Midlands MEP`: England's region, not Zimbabwe's `Midlands`)."""
    for a in range(len(words)):
        if a > 0 and (words[a - 1].lower() in r.host_prepositions or r.qualifies_region(words[a - 1])):
            continue
        for b in range(min(len(words), a + 3), a, -1):
            code = r.subdivisions.get(" ".join(words[a:b]))
            if code:
                yield b, code


def _party_state_code(doc: Doc, ent: Span, r: ActorResolver) -> Optional[str]:
    """`Sen. Jane Doe (D-Vt.)` -> USA (rules.json party_state_pattern)."""
    j = ent.end
    if j >= len(doc) or doc[j].text != "(":
        return None
    return r.party_state_code if r.party_state.match(doc[j:j + 8].text) else None


def _person_suffix_code(doc: Doc, ent: Span, mentions_by_tok: Dict[int, dict], r: ActorResolver) -> Optional[str]:
    """`Sergei Lavrov of Russia`, `Lavrov, Russia's foreign minister,` -> RUS."""
    j = ent.end
    if j < len(doc) and doc[j].lower_ == "of" and j + 1 < len(doc):
        k = j + 1
        if doc[k].lower_ == "the" and k + 1 < len(doc):
            k += 1
        if k in mentions_by_tok and mentions_by_tok[k]["kind"] != "person":
            return mentions_by_tok[k]["code"]
        for n in (3, 2, 1):         # `Gov. Rick Snyder of Michigan`
            if doc[k:k + n].text in r.subdivisions:
                return r.subdivisions[doc[k:k + n].text]
    if j < len(doc) and doc[j].text == ",":
        k = j + 1
        steps = 0
        # up to a verb or a relative clause (`Obama, who was in Poland for a NATO summit,`: no tie)
        # ... or a quote (`a nominee for "Hotel Chile"`: a title of a work, no tie)
        while k < len(doc) and steps < 7 and doc[k].text not in (",", ".", ";", "(", ")") and not doc[k].is_quote \
                and doc[k].pos_ not in ("VERB", "AUX", "CCONJ") and doc[k].tag_ not in ("WP", "WDT") \
                and doc[k].lower_ not in r.kin_nouns:           # `both sons of Cuban immigrants`
            # (nor past `and`: `X, and the Palestinian leader, Y` names another person)
            if k in mentions_by_tok and mentions_by_tok[k]["kind"] != "person":
                last = k
                while mentions_by_tok.get(last + 1) is mentions_by_tok[k]:
                    last += 1
                topic = topic_after(doc, k, last, r, mentions_by_tok)      # `an Afghanistan expert`
                if not host_before(doc, k, r, mentions_by_tok[k]["kind"] in ("country", "capital"), last) \
                        and not in_hyphen_compound(doc, last) and not topic:
                    return mentions_by_tok[k]["code"]
                steps += last - k
                k = last            # the rest of the place is no new mention (`to the United States`)
            k += 1
            steps += 1
    return None


def in_place_name(doc: Doc, start: int, end: int, geo_features: frozenset) -> bool:
    """`China` in `South China Sea`, `Japan` in `Sea of Japan`: part of a place's name
    (`geo_features`: the resolver's `geo_features`). The one place-name rule: the tagger
    drops such mentions, so no extractor sees them."""
    if end < len(doc) and doc[end].text in geo_features:
        return True
    if start >= 1 and doc[start - 1].text == "New":
        return True         # `Jersey` in `New Jersey` (a country named whole, `Papua New Guinea`, is matched whole)
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].text in geo_features


def _lexicon_spans(doc: Doc, r: ActorResolver, matcher: PhraseMatcher, ents) -> List[Span]:
    """Lexicon matches, less those inside a place name or an entity that is not about the
    state (`Washington Post`, `George Washington`), plus NER entities the resolver knows."""
    spans = []
    for match_id, s, e in matcher(doc):
        span = Span(doc, s, e, label=match_id)
        kind = doc.vocab.strings[match_id]
        if kind != "person" and in_place_name(doc, s, e, r.geo_features):
            continue
        if _inside_other_entity(doc, span, kind, r, ents):
            continue
        spans.append(span)
    # NER entities the matcher missed but the resolver knows (`the Republic of Fiji`)
    covered = {i for sp in spans for i in range(sp.start, sp.end)}
    for ent in ents:
        if ent.label_ in ("GPE", "NORP", "ORG") and not any(i in covered for i in range(ent.start, ent.end)):
            hit = r.lookup(ent.text)
            if hit:
                spans.append(Span(doc, ent.start, ent.end, label=hit[1]))
    return filter_spans(spans)


def _inside_other_entity(doc: Doc, span: Span, kind: str, r: ActorResolver, ents) -> bool:
    cont = _container_ent(doc, span, ents)
    if cont is None or cont.label_ not in _SKIP_CONTAINER or r.lookup(cont.text) is not None:
        return False
    after_title_prep = span.start > 0 and doc[span.start - 1].lower_ in r.host_prepositions
    if span.start == cont.start and kind != "person" and (
            cont.label_ == "PERSON" or (cont.label_ == "ORG" and after_title_prep)):
        return False  # `Manila Igor Khovaev`: the NER swallowed a title's place; keep the place
    if kind == "capital" or cont.label_ in ("PERSON", "WORK_OF_ART") and kind != "person":
        # `Washington Post`, `Moscow State University`, `George Washington`
        cont_start = cont.start + (1 if doc[cont.start].lower_ == "the" else 0)
        return not (cont.label_ == "ORG" and cont_start < span.start)
    return False


class _Mentions:
    """Mentions being tagged, in the order found, with the token -> mention map."""

    def __init__(self):
        self.items: List[dict] = []
        self.by_tok: Dict[int, dict] = {}

    def add(self, doc: Doc, start: int, end: int, code: str, kind: str) -> dict:
        first, last = doc[start], doc[end - 1]
        d = {"start_char": first.idx, "end_char": last.idx + len(last.text), "text": doc[start:end].text,
             "code": code, "kind": kind}
        self.items.append(d)
        for i in range(start, end):
            self.by_tok[i] = d
        return d


def _region_after(doc: Doc, end: int, own: str, r: ActorResolver) -> Optional[str]:
    """The country of a region written after a comma at token `end` (`, Pennsylvania`, `, Pa.`,
    `, Georgia` unless the place before is of the country `Georgia` names: `Tbilisi, Georgia`)."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    for n in (3, 2, 1):
        words = doc[end + 1:end + 1 + n].text
        code = r.subdivisions.get(words) or r.region_abbreviations.get(words)
        if code is None and n == 1 and words in r.homonym_subdivisions and r.code(words) != own:
            code = r.homonym_subdivisions[words]
        if code:
            return code
    return None


def _subdivision_places(doc: Doc, found: "_Mentions", r: ActorResolver) -> None:
    """Places that only look like countries: `Lebanon, Pennsylvania` and `Holland, Mich.` are
    towns of the region's country; a region named like a country (`Georgia`) after `<Place>,`
    (`Atlanta, Georgia`, `AUGUSTA, Georgia`, `Alabama, Georgia`), before `, <region>` or before
    one of its offices (`Georgia Gov.`, `a Georgia Republican`, `Gov. Nathan Deal of Georgia`:
    rules.json `region_words`) is the region (rules.json `homonym_subdivisions`), unless the place is the country's own
    (`Tbilisi, Georgia`)."""
    recoded = []
    for d in found.items:
        if d["kind"] not in ("country", "capital"):
            continue
        span = doc.char_span(d["start_char"], d["end_char"])
        if span is None:
            continue
        code = _region_after(doc, span.end, d["code"], r)
        home = r.homonym_subdivisions.get(d["text"])
        if code is None and home and span.start >= 2 and doc[span.start - 1].text == ",":
            prev = doc[span.start - 2]
            before = found.by_tok.get(prev.i)
            if prev.text[:1].isupper() and prev.ent_type_ not in ("DATE", "TIME", "PERSON") and (
                    prev.pos_ == "PROPN" or prev.is_upper) and (
                    before is None or before["code"] == home) and prev.text not in r.entries:
                code = home
            elif r.subdivisions.get(prev.text) == home:
                code = home
        if code is None and home and span.end < len(doc) and doc[span.end].lower_ in r.region_words:
            code = home         # `a Georgia Republican`, `Georgia state lawmakers`
        if code is None and home and span.end + 1 < len(doc) and doc[span.end].lower_ in ("'s", "’s") \
                and doc[span.end + 1].lower_ in r.region_possessive_words:
            code = home         # `Georgia's Republican Governor Nathan Deal`
        if code is None and home and _office_holder_of(doc, span.start, r):
            code = home         # `Gov. Nathan Deal of Georgia`, `Sen. Jane Roe of Georgia`
        if code and code != d["code"]:
            recoded.append((d, code))
    for d, code in recoded:        # after all are read: `TBILISI, Georgia` reads TBILISI's own code
        d["code"] = code


ACRONYM_MAX_LETTERS = 6


def _acronym_of(doc: Doc, paren: int) -> Optional[str]:
    """The acronym written in parentheses at token `paren` (`(MAF)`): a short word of
    capitals between `(` and `)`, else None."""
    if paren + 2 >= len(doc) or doc[paren + 2].text != ")":
        return None
    word = doc[paren + 1].text
    return word if 2 <= len(word) <= ACRONYM_MAX_LETTERS and word.isalpha() and word.isupper() else None


def _defined_code(doc: Doc, paren: int, acronym: str, found: "_Mentions") -> Optional[str]:
    """The one code of the name an acronym is defined for: the capitalised words right before
    `(` whose initials it is (`Mongolian Armed Forces (MAF)`), with a possessive owner before
    them (`Iran's Islamic Revolutionary Guard Corps (IRGC)`)."""
    start = paren - len(acronym)
    if start < 0 or "".join(doc[i].text[:1] for i in range(start, paren)) != acronym:
        return None
    if start >= 2 and doc[start - 1].lower_ in ("'s", "’s"):
        start -= 2
    codes = {found.by_tok[i]["code"] for i in range(start, paren) if i in found.by_tok}
    return codes.pop() if len(codes) == 1 else None


def _defined_acronyms(doc: Doc, found: "_Mentions") -> None:
    """An acronym the article defines for a state's organisation (`the Mongolian Armed Forces
    (MAF)`, `The Philippine Air Force (PAF)`) has that state's code where the article later
    writes it alone (`hosted by the MAF`)."""
    defined: Dict[str, str] = {}
    for t in doc:
        if t.text == "(":
            acronym = _acronym_of(doc, t.i)
            if acronym and acronym not in defined and t.i + 1 not in found.by_tok:
                code = _defined_code(doc, t.i, acronym, found)
                if code:
                    defined[acronym] = code
        elif t.text in defined and t.i not in found.by_tok and doc[t.i - 1].text != "(":
            found.add(doc, t.i, t.i + 1, defined[t.text], "organisation")


def _office_holder_of(doc: Doc, start: int, r: ActorResolver, most: int = 4) -> bool:
    """`<office> <Name> of` before token `start`: the region of one of its offices
    (rules.json `region_words`) written after the holder's name, `Gov. Nathan Deal of`."""
    if start < 3 or doc[start - 1].lower_ != "of":
        return False
    i = start - 2
    while i >= 0 and start - 2 - i < most and doc[i].pos_ == "PROPN" and doc[i].lower_ not in r.region_words:
        i -= 1
    return i >= 0 and i < start - 2 and doc[i].lower_ in r.region_words


def _person_entity(doc: Doc, ent: Span, by_tok: Dict[int, dict], r: ActorResolver) -> Optional[Span]:
    """The person an entity names, without the state names the NER put in front of it;
    None if the entity is no person (`Ambassador to Manila Igor Petrov` read as one ORG
    counts: its rest is the person)."""
    if ent.label_ == "ORG" and ent.start in by_tok and ent.start > 0 and doc[ent.start - 1].lower_ in r.host_prepositions:
        rest = [t for t in ent if t.i not in by_tok]
        if not (2 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in rest)):
            return None
    elif ent.label_ != "PERSON":
        return None
    start = ent.start
    while start < ent.end - 1 and start in by_tok and by_tok[start]["kind"] != "person":
        start += 1
    return Span(doc, start, ent.end, label="PERSON")


def _tie_persons(doc: Doc, found: _Mentions, ents, r: ActorResolver) -> Tuple[Dict[str, str], "_NamedPersons"]:
    """Tie each PERSON entity to a state (title before it, `of Russia` after it, an earlier
    mention of the surname, the person lexicon); returns surname -> code, and the persons
    named with more than one word, by surname, in text order."""
    surname_code: Dict[str, str] = {}
    surname_names: Dict[str, frozenset] = {}     # surname -> the words of the name that gave its code
    named: _NamedPersons = {}
    by_tok = found.by_tok
    persons = []
    for ent in ents:
        ent = _person_entity(doc, ent, by_tok, r)
        toks = [t for t in ent if t.pos_ == "PROPN" or t.is_title] if ent is not None else []
        if toks and not any(i in by_tok and by_tok[i]["kind"] != "person" for i in range(ent.start, ent.end)):
            persons.append((ent, toks, frozenset(t.text for t in toks)))
    shared = _shared_surnames(persons)
    for ent, toks, words in persons:
        last = toks[-1].text
        before = _last_named_before(named, last, ent.start) if len(toks) == 1 else None
        if before is not None:
            # a bare surname is the person of that name named last before it (as the speaker
            # index reads it): `Mr Howard` after `Michael Howard` takes his code or none, never
            # that of a `John Howard` named elsewhere in the article
            earlier = before[1]
        elif len(toks) == 1 and last in shared:
            earlier = None      # a headline's `Howard` in an article of two Howards: either
        else:
            # an earlier namesake's code only for the same person: `Bush` or `George Bush` after
            # `George W. Bush`, never `Jeb Bush` (nor `Michael Howard` after `John Howard`)
            same_person = last in surname_code and (words <= surname_names[last] or surname_names[last] <= words)
            earlier = surname_code[last] if same_person else None
        code = (_person_prefix_code(doc, ent, by_tok, r) or _person_suffix_code(doc, ent, by_tok, r)
                or _title_subdivision_code(doc, ent, r) or _party_state_code(doc, ent, r)
                or earlier or _lexicon_person_code(ent, toks, r))
        if len(toks) > 1:
            named.setdefault(last, []).append((ent.start, code))
        if not code:
            continue
        replaced = []
        for i in range(ent.start, ent.end):
            if i in by_tok and not any(by_tok[i] is d for d in replaced):
                replaced.append(by_tok[i])
        found.items = [d for d in found.items if not any(d is x for x in replaced)]
        found.add(doc, ent.start, ent.end, code, "person")
        if last not in surname_code:
            surname_code[last] = code
            surname_names[last] = words
    return {name: code for name, code in surname_code.items() if name not in shared}, named


# surname -> (first token, code or None) of each person named with more than one word, in text order
_NamedPersons = Dict[str, List[Tuple[int, Optional[str]]]]


def _shared_surnames(persons) -> set:
    """The surnames the article gives two different people (`John Howard`, `Michael Howard`):
    the words of neither name hold the other's. `persons`: (entity, its name tokens, their words)."""
    by_last: Dict[str, List[frozenset]] = {}
    for _, toks, words in persons:
        if len(toks) > 1:
            by_last.setdefault(toks[-1].text, []).append(words)
    return {last for last, seen in by_last.items()
            if any(not (a <= b or b <= a) for k, a in enumerate(seen) for b in seen[k + 1:])}


def _last_named_before(named: _NamedPersons, surname: str, tok: int) -> Optional[Tuple[int, Optional[str]]]:
    """The person of that surname named (with more than one word) last before token `tok`."""
    best = None
    for entry in named.get(surname, ()):
        if entry[0] < tok:
            best = entry
    return best


def _lexicon_person_code(ent: Span, toks: List[Token], r: ActorResolver) -> Optional[str]:
    """The person lexicon's code for the name as written, or for its first and last words
    (`Vladimir V. Putin`); a bare surname only when the name is one word, so that a namesake
    (`Michael Howard` for the lexicon's `Howard`) never takes it."""
    cands = [ent.text]
    if len(toks) > 2:
        cands.append(toks[0].text + " " + toks[-1].text)
    if len(toks) == 1:
        cands.append(toks[-1].text)
    for cand in cands:
        if r.kind(cand) == "person":
            return r.code(cand)
    return None


def _later_surnames(doc: Doc, found: _Mentions, tied: Tuple[Dict[str, str], _NamedPersons]) -> None:
    """Later bare surnames the NER did not label as PERSON (`the Duterte administration`): the
    code of the person of that surname named last before them."""
    surname_code, named = tied
    surnames = set(surname_code) | {name for name, entries in named.items() if any(c for _, c in entries)}
    if not surnames:
        return
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH)
    hits = numpy.nonzero(numpy.isin(orths, [strings[name] for name in surnames]))[0].tolist()
    for t in (doc[i] for i in hits):
        if t.i in found.by_tok or t.text not in surnames:
            continue
        if t.ent_type_ == "PERSON" and _in_longer_person_name(doc, t):
            continue        # `Michael Howard` left untied above is a namesake of `John Howard`, not him
        before = _last_named_before(named, t.text, t.i)
        code = surname_code.get(t.text) if before is None else before[1]
        if code:
            found.add(doc, t.i, t.i + 1, code, "person")


def _in_longer_person_name(doc: Doc, t: Token) -> bool:
    """The token is one word of a PERSON entity with another proper name in it (`Michael Howard`,
    `Howard Dean`): `_tie_persons` has judged that name already."""
    start = t.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return any(w.i != t.i and w.pos_ == "PROPN" and w.is_title for w in doc[start:end])


def tag_actors(doc: Doc, resolver: Optional[ActorResolver] = None, matcher: Optional[PhraseMatcher] = None) -> List[dict]:
    """The Doc's actor mentions ({start_char, end_char, text, code, kind}), in text order:
    lexicon and NER names of states and organisations, then persons tied to a state."""
    r = resolver or get_resolver()
    ents = doc.ents         # spaCy rebuilds the tuple on each access
    found = _Mentions()
    for sp in _lexicon_spans(doc, r, matcher or r.matcher(doc.vocab), ents):
        hit = r.lookup(sp.text)
        if hit:
            code, kind = hit
            found.add(doc, sp.start, sp.end, code, sp.label_ if sp.label_ in KINDS else kind)
    _subdivision_places(doc, found, r)
    _later_surnames(doc, found, _tie_persons(doc, found, ents, r))
    _defined_acronyms(doc, found)
    found.items.sort(key=lambda d: d["start_char"])
    return found.items

class ActorIndex:
    """The Doc's actor mentions, indexed by token: built once per Doc (`actor_index(doc)`)
    and read by every extractor.

    `mentions` are the actor tagger's (`doc._.actor_mentions`; tagged here if the
    component did not run); `by_token` maps a token index to the mention covering it.
    """

    def __init__(self, doc: Doc):
        mentions = doc._.actor_mentions
        self.mentions: List[dict] = tag_actors(doc) if mentions is None else mentions
        self.by_token: Dict[int, dict] = {}
        for m in self.mentions:
            span = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token[t.i] = m

    def mentions_in_chars(self, start_char: int, end_char: int) -> List[dict]:
        """The mentions inside [start_char, end_char)."""
        return [m for m in self.mentions if m["start_char"] >= start_char and m["end_char"] <= end_char]

    def codes_in_chars(self, start_char: int, end_char: int) -> List[str]:
        """Codes of the mentions inside [start_char, end_char), first-seen order, unique."""
        out: List[str] = []
        for m in self.mentions_in_chars(start_char, end_char):
            if m["code"] not in out:
                out.append(m["code"])
        return out

    def code_overlapping(self, start_char: int, end_char: int) -> Optional[str]:
        """The code of a person mention overlapping [start_char, end_char), else of the
        first other mention overlapping it."""
        best = None
        for m in self.mentions:
            if m.get("code") and m["start_char"] < end_char and start_char < m["end_char"]:
                if m.get("kind") == "person":
                    return m["code"]
                best = best or m["code"]
        return best


actor_index = per_doc(ActorIndex)


def codes_in_span(doc: Doc, start_char: int, end_char: int) -> List[str]:
    """Codes of the actor mentions inside [start_char, end_char), first-seen order, unique."""
    return actor_index(doc).codes_in_chars(start_char, end_char)


def mentions_in_span(doc: Doc, start_char: int, end_char: int) -> List[dict]:
    return actor_index(doc).mentions_in_chars(start_char, end_char)


class ActorTagger:
    """Sets `doc._.actor_mentions` (see `tag_actors`)."""

    def __init__(self, nlp: Language, lexicons: Optional[str] = None):
        self.resolver = get_resolver(lexicons)
        self.matcher = self.resolver.matcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_mentions = []
        doc._.actor_mentions = tag_actors(doc, self.resolver, self.matcher)
        return doc


@Language.factory(
    "actor_tagger", default_config={"lexicons": None}, assigns=["doc._.actor_mentions"],
    requires=["doc.ents", "token.pos", "token.dep", "token.is_sent_start"])
def make_actor_tagger(nlp: Language, name: str, lexicons: Optional[str]):
    """`lexicons`: a folder holding the actor lexicons (None: transforms/lexicons/actors)."""
    return guarded("actor_tagger", ActorTagger(nlp, lexicons))
