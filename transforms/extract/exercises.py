"""Exercise events: military exercises, drills, war games, manoeuvres, joint patrols,
naval port visits and ship exchanges.

    nlp = build_nlp()
    doc = nlp(make_doc(nlp, "Russia will hold naval drills with China in the Baltic Sea next month.",
                       datetime.date(2020, 2, 25)))
    doc._.exercises -> [ExerciseEvent(action="planned", participants=["RUS", "CHN"],
                                      exercise_kind="naval_exercise", location="Baltic Sea", ...)]

How it works, one sentence at a time over the dependency parse:
1. Triggers: nouns whose lemma is an exercise word (`exercise`, `drill`, `war game`,
   `manoeuvre`, `patrol`, `visit`/`port call` of ships), kept when their modifiers,
   agents or the article say they are military (`joint exercises`, `naval patrols`,
   `visits by navy ships`, not `police patrols` nor `exercise restraint`), and names
   from the exercise gazetteer (`Balikatan`, `RIMPAC`, `Cobra Gold`).
2. Status: climb from the trigger to what governs it: a status noun (`the start of the
   drills`, `talks about joint patrols`), a verb (`called off`, `plans to hold`,
   `is conducting`, `held`), its auxiliaries and tense (`will hold` -> planned,
   `are holding` -> ongoing, `held` -> held), negation; a trigger that is only referred
   to (`sets the terms for joint exercises`, `angered by patrols`) is a `mention`.
3. Participants: codes (transforms.extract.actors) in the trigger's own modifiers and agents
   (`U.S.-South Korean drills`, `drills staged by Seoul and Washington`), the subject of
   the holding verb (`Jordan and Britain agreed to undertake ...`), partners
   (`with`, `ask X to`), `the two nations` resolved to the last pair named before,
   `the drills` with no participant inherit those of the previous exercise.
4. Kind, location (as written, with its code), exercise name, governing date.

Cue words live in lexicons/exercise_lexicon.json, names in lexicons/exercise_series.txt
(filtered by lexicons/exercise_name_stoplist.txt).
"""
from __future__ import annotations

import functools
import json
import os
import re
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from transforms.nlp.doctext import doc_text, word_positions
from transforms.nlp.guard import guarded
from transforms.nlp.lexicon import load_json, load_lines
from transforms.extract.records import ExerciseEvent


STATUSES = ("planned", "held", "ongoing", "cancelled", "suspended", "mention")
KINDS = ("joint_exercise", "naval_exercise", "air_exercise", "land_exercise", "port_visit",
         "command_post", "other")

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative", "obj", "pobj"}
CLAUSE_LINKS = {"xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "ccomp", "prep"}
NP_SKIP_DEPS = {"relcl", "acl", "advcl", "punct", "prep", "appos", "parataxis"}


# ---------------------------------------------------------------- lexicons

class Lexicon:
    """The cue words of exercise_lexicon.json as sets, loaded once."""

    def __init__(self, folder: Optional[str] = None):
        data = load_json("exercises", "lexicon.json", folder)
        self.trigger_nouns: Dict[str, str] = data["trigger_nouns"]
        s = lambda key: {w.lower() for w in data[key]}  # noqa: E731
        self.war_game_modifiers = s("war_game_modifiers")
        self.ship_words = s("ship_words")
        self.port_call_modifiers = s("port_call_modifiers")
        self.military_modifiers = s("military_modifiers")
        self.military_nouns = s("military_nouns")
        self.doc_military_words = s("doc_military_words")
        self.exclude_modifiers = s("exclude_modifiers")
        self.exclude_agent_words = s("exclude_agent_words")
        self.kind_cues = {k: {w.lower() for w in v} for k, v in data["kind_cues"].items()}
        self.status_verbs = {k: {w.lower() for w in v} for k, v in data["status_verbs"].items()}
        self.status_nouns = {k: {w.lower() for w in v} for k, v in data["status_nouns"].items()}
        self.status_modifiers = {k: {w.lower() for w in v} for k, v in data["status_modifiers"].items()}
        self.future_aux = s("future_aux")
        self.negations = s("negations")
        self.habitual_marks = s("habitual_marks")
        self.location_preps = s("location_preps")
        self.participant_preps = s("participant_preps")
        self.destination_preps = s("destination_preps")
        self.pair_anaphors = s("pair_anaphors")
        self.location_heads = s("location_heads")

    def verb_class(self, phrase: str, form: Optional[str] = None) -> Optional[str]:
        """The status class of a verb lemma (with its particle: `call off`); `form`, the word as
        written, is tried de-inflected when the lemmatiser went wrong (`staged` -> `stag`)."""
        tries = [phrase]
        if form:
            f = form.lower()
            tries += [f, f[:-1], f[:-2], f[:-3], f[:-3] + "e", f[:-2] + "e"] if len(f) > 4 else [f]
        for p in tries:
            for cls in ("cancelled", "suspended", "planned", "reference", "start", "hold"):
                if p in self.status_verbs[cls]:
                    return cls
        return None


@functools.lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return Lexicon()


@functools.lru_cache(maxsize=1)
def exercise_names() -> Tuple[str, ...]:
    """Gazetteer names less the stoplist, longest first."""
    stop = {w.lower() for w in load_lines("exercises", "name_stoplist.txt")}
    names = {n for n in load_lines("exercises", "series.txt") if n.lower() not in stop and len(n) >= 4}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def _resolver():
    try:
        from transforms.extract.actors import get_resolver
    except ImportError:  # the actors module is written by another helper
        return None
    return get_resolver()


class Mentions:
    """The actor mentions of a doc (transforms.extract.actors), indexed by token, less country names
    inside sea names (`South China Sea`), plus the parts of hyphenated pairs
    (`U.S.-South Korean` -> USA, KOR) that the tagger leaves whole."""

    def __init__(self, doc: Doc, lex: "Lexicon"):
        self.doc = doc
        self.by_token: Dict[int, Tuple[int, str]] = {}   # token index -> (mention id, code)
        mentions = doc._.actor_mentions
        if mentions is None:
            try:
                from transforms.extract.actors import tag_actors
                mentions = tag_actors(doc)
            except ImportError:  # the actors module is written by another helper
                mentions = []
        for k, m in enumerate(mentions):
            span = doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
            if span is None or not m.get("code"):
                continue
            if self._inside_place_name(span, lex):
                continue
            for t in span:
                self.by_token.setdefault(t.i, (k, m["code"]))
        self._hyphen_parts(len(mentions))

    @staticmethod
    def _inside_place_name(span: Span, lex: "Lexicon") -> bool:
        """`China` in `South China Sea`: a country name that is part of a larger place name."""
        doc = span.doc
        if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in lex.location_heads:
            return True  # `Sea of Japan`
        j = span.end
        while j < len(doc) and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN":
            if doc[j].lower_ in lex.location_heads:
                return True
            j += 1
        return False

    def _hyphen_parts(self, next_id: int) -> None:
        r = _resolver()
        if r is None:
            return
        for t in self.doc:
            if "-" not in t.text.strip("-") or not t.text[:1].isupper():
                continue
            parts = [p for p in re.split(r"[-–]", t.text) if p]
            if len(parts) < 2:
                continue
            for j, part in enumerate(parts):
                surface = part
                if j == len(parts) - 1 and t.i + 1 < len(self.doc) and self.doc[t.i + 1].text[:1].isupper():
                    surface = f"{part} {self.doc[t.i + 1].text}"
                try:
                    code = r.code(surface) or (r.code(part) if surface != part else None)
                except Exception:  # noqa: BLE001
                    code = None
                if code:
                    self.by_token.setdefault(-(t.i * 10 + j + 1), (next_id, code))
                    next_id += 1

    def codes(self, tokens: Iterable[Token]) -> List[str]:
        out: List[str] = []
        for t in sorted(tokens, key=lambda x: x.i):
            for key in [-(t.i * 10 + j) for j in range(1, 10)] + [t.i]:
                hit = self.by_token.get(key)
                if hit and hit[1] not in out:
                    out.append(hit[1])
        return out

    def codes_in_chars(self, start: int, end: int) -> List[str]:
        return self.codes(t for t in self.doc if start <= t.idx < end)


_CTX: Dict[int, Mentions] = {}


def _mentions(doc: Doc) -> Mentions:
    m = _CTX.get(id(doc))
    if m is None or m.doc is not doc:
        m = Mentions(doc, get_lexicon())
        _CTX.clear()
        _CTX[id(doc)] = m
    return m


def _codes_in_span(doc: Doc, start: int, end: int) -> List[str]:
    if start >= end:
        return []
    return _mentions(doc).codes_in_chars(start, end)


def _codes_of(doc: Doc, tokens: Iterable[Token]) -> List[str]:
    return _mentions(doc).codes(tokens)


def _governing_timex(doc: Doc, start: int, end: int):
    try:
        from transforms.extract.dates import governing_timex
    except ImportError:
        return None
    timexes = doc._.timexes or []
    if not timexes:
        return None
    return governing_timex(doc, timexes, start, end)


# ---------------------------------------------------------------- small token helpers

def _low(t: Token) -> str:
    return t.lower_


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _phrase(v: Token) -> str:
    """A verb's lemma with its particle: `call off`, `carry out`, `take part`."""
    prt = [c for c in v.children if c.dep_ == "prt"]
    if prt:
        return f"{_lemma(v)} {_low(prt[0])}"
    if _lemma(v) == "take":
        for c in v.children:
            if c.dep_ in ("dobj", "attr") and _lemma(c) in ("part", "place"):
                return "take"
    return _lemma(v)


def _modifiers(t: Token) -> List[Token]:
    return [c for c in t.children if c.dep_ in ("amod", "compound", "nmod", "nummod", "poss", "npadvmod", "advmod")]


def _modifier_words(t: Token) -> Set[str]:
    """Lower-cased words of the modifiers left of t (`joint naval` in `joint naval patrols`)."""
    words: Set[str] = set()
    for c in _modifiers(t):
        for x in c.subtree:
            if x.i < t.i:
                words.add(_low(x))
                words.add(_lemma(x))
                for part in re.split(r"[-–]", _low(x)):
                    if part:
                        words.add(part)
    return words


def _subtree_span(t: Token, skip: Iterable[str] = ("relcl", "acl", "advcl")) -> Tuple[int, int]:
    skip = set(skip)
    toks = [t]
    stack = [c for c in t.children if c.dep_ not in skip]
    while stack:
        x = stack.pop()
        toks.append(x)
        stack.extend(c for c in x.children if c.dep_ not in skip)
    return min(x.idx for x in toks), max(x.idx + len(x.text) for x in toks)


def _np_tokens(t: Token, skip: Iterable[str] = ("relcl", "acl", "advcl", "appos", "parataxis")) -> List[Token]:
    skip = set(skip)
    toks = [t]
    stack = [c for c in t.children if c.dep_ not in skip]
    while stack:
        x = stack.pop()
        toks.append(x)
        stack.extend(c for c in x.children if c.dep_ not in skip)
    return toks


def _np_codes(doc: Doc, t: Token) -> List[str]:
    """Codes named by t's noun phrase and its coordinated nouns (`India and the United States`),
    not by its clauses nor its place phrases (`troops in Alaska`)."""
    toks = _np_tokens(t)
    place = set()
    for c in t.children:
        if c.dep_ == "prep" and _low(c) in ("in", "at", "near", "off", "around", "against", "to", "into", "on"):
            place |= {x.i for x in c.subtree}
    return _codes_of(doc, [x for x in toks if x.i not in place])


def _auxes(v: Token) -> List[Token]:
    return [c for c in v.children if c.dep_ in ("aux", "auxpass")]


def _negated(v: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and _low(c) in lex.negations) for c in v.children)


def _subject(v: Token) -> Optional[Token]:
    """The subject of v, inherited through xcomp / conj / participle advcl."""
    seen = 0
    while v is not None and seen < 6:
        seen += 1
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        if v.tag_ in ("VBD", "VBZ", "VBP") and v.dep_ in ("advcl", "ccomp"):
            return None  # a finite clause has its own subject, even where the parser lost it
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp") and v.head is not v:
            # `asked the US to do patrols`: the object of ask is the subject of do
            if v.dep_ == "xcomp":
                objs = [c for c in v.head.children if c.dep_ in ("dobj",)]
                if objs and _lemma(v.head) in ("ask", "invite", "urge", "allow", "want", "call", "press", "push"):
                    return objs[0]
            v = v.head
            continue
        if v.dep_ in ("relcl", "acl") and v.head is not v:
            return v.head
        return None
    return None


# ---------------------------------------------------------------- the extractor

class ExerciseExtractor:
    def __init__(self, nlp: Language):
        self.lex = get_lexicon()
        self.name_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = exercise_names()
        self.name_matcher.add("EXERCISE_NAME", list(nlp.tokenizer.pipe(names)))
        self.canonical = {n.lower(): n for n in names}

    def __call__(self, doc: Doc) -> Doc:
        doc._.exercises = []
        try:
            doc._.exercises = extract_exercises(doc, self.lex, self.name_matcher, self.canonical)
        finally:
            _CTX.clear()  # the mentions memo must not keep a Doc alive after its batch
        return doc


@Language.factory("exercise_extractor")
def make_exercise_extractor(nlp: Language, name: str):
    return guarded("exercise_extractor", ExerciseExtractor(nlp))


# ---------------------------------------------------------------- names

def _capitalised(span: Span) -> bool:
    words = [t for t in span if t.is_alpha and len(t) > 1]
    return bool(words) and all(t.text[0].isupper() for t in words if _low(t) not in ("of", "the", "de", "del", "al"))


def find_names(doc: Doc, matcher: PhraseMatcher, canonical: Dict[str, str]) -> List[Tuple[Span, str, bool]]:
    """(span, canonical name, standalone) for gazetteer names written capitalised.

    `standalone`: the name alone says it is an exercise (one distinctive word such as
    `Balikatan`, or several capitalised words not opening the sentence); otherwise it
    only names a trigger it stands next to (`Cobra Gold exercises`)."""
    spans = [doc[s:e] for _, s, e in matcher(doc)]
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out, last_end = [], -1
    for sp in spans:
        if sp.start < last_end or not _capitalised(sp):
            continue
        # a longer capitalised run around the name is another name (`Operation Iron Fist` is fine,
        # `Cooperation Council` is not a match of `Cooperation`)
        last_end = sp.end
        if _codes_of(doc, sp):
            continue  # a state or organisation named like an exercise (`Djibouti`)
        standalone = len(sp) >= 2 and sp.start != sp.sent.start or (len(sp) == 1 and len(sp.text) >= 5)
        out.append((sp, canonical.get(sp.text.lower(), sp.text), standalone))
    return out


# ---------------------------------------------------------------- triggers

def _doc_is_military(doc: Doc, lex: Lexicon) -> bool:
    text = doc_text(doc).lower()
    pattern = getattr(lex, "_military_re", None)
    if pattern is None:
        # one alternation: it matches where any one of the words would, with word boundaries
        words = sorted(lex.doc_military_words, key=lambda w: (-len(w), w))
        pattern = lex._military_re = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") \
            if words else None
    return bool(pattern is not None and pattern.search(text))


def _agent_words(t: Token) -> Set[str]:
    words = set()
    for c in t.children:
        if c.dep_ == "prep" and _low(c) in ("by", "of", "from", "with"):
            for x in c.subtree:
                words.add(_low(x))
                words.add(_lemma(x))
        if c.dep_ == "agent":
            for x in c.subtree:
                words.add(_low(x))
    return words


def _verb_of(t: Token) -> Optional[Token]:
    """The verb t is an argument of (through prepositions)."""
    h = t
    for _ in range(4):
        if h.dep_ == "conj":
            h = h.head
            continue
        if h.dep_ == "pobj":
            h = h.head.head
            if h.pos_ in ("VERB", "AUX"):
                return h
            continue
        if h.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd"):
            return h.head
        return None
    return None


def trigger_family(t: Token, lex: Lexicon, doc_military: bool, seen_families: Set[str],
                   named: Iterable[int] = ()) -> Optional[str]:
    """exercise / drill / war_game / manoeuvre / patrol / visit for a trigger token, or None."""
    if t.pos_ not in ("NOUN", "PROPN") and not t.tag_.startswith("NN") and not (
            t.tag_ == "VBZ" and t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "attr")):
        return None  # `joint air force drills` is sometimes tagged as a verb in object position
    fam = lex.trigger_nouns.get(_low(t)) or lex.trigger_nouns.get(_lemma(t))
    if fam is None:
        return None
    mods = _modifier_words(t)
    if mods & lex.exclude_modifiers:
        return None
    if t.dep_ == "compound" and lex.trigger_nouns.get(_lemma(t.head)) is None and fam != "drill":
        return None  # `border patrol agents`, `exercise bike`
    if t.dep_ == "compound" and fam == "drill" and _lemma(t.head) not in ("exercise", "session", "program", "programme"):
        return None  # `drill sergeant`
    agents = _agent_words(t)
    subj = _subject(t.head) if t.dep_ in OBJECT_DEPS else None
    subj_words = {_lemma(x) for x in subj.subtree} if subj is not None else set()
    verb = _verb_of(t)
    if verb is not None and t.dep_ != "nsubj":
        s = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if s is not None:
            subj_words |= {_lemma(x) for x in s.subtree}
    if (agents | subj_words) & lex.exclude_agent_words and not (subj_words & lex.military_nouns):
        return None  # `the police had been conducting a training exercise`
    military = bool(mods & lex.military_modifiers) or bool((agents | subj_words) & lex.military_nouns)
    # a named exercise (`the Balikatan exercises`), or a state holding it (`Seoul postponed the drills`)
    named = set(named)
    if any(x.i in named for x in t.subtree) or (t.i - 1 in named) or (t.i + 1 in named):
        military = True
    if fam not in ("visit", "port_call") and not military:
        if subj is None and verb is not None and t.dep_ != "nsubj":
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and _np_codes(t.doc, subj):
            military = True
    if fam == "game":
        if not (mods & lex.war_game_modifiers) and not (t.i > 0 and _low(t.doc[t.i - 1]) in lex.war_game_modifiers):
            return None
        return "war_game"
    if fam == "port_call":
        return "visit" if mods & lex.port_call_modifiers else None
    if fam == "visit":
        words = mods | agents | (subj_words if mods & lex.kind_cues["port_visit"] else set())
        if words & lex.ship_words:
            return "visit"
        return None
    if fam == "patrol":
        if agents & lex.exclude_agent_words:
            return None
        if military or "patrol" in seen_families:
            return "patrol"
        if doc_military and _codes_of(t.doc, _np_tokens(t)):
            return "patrol"  # `U.S. patrols in the South China Sea`
        return None
    if fam == "exercise":
        if t.dep_ == "dobj" and _lemma(t.head) in ("exercise",):
            return None
        if military or "exercise" in seen_families:
            return "exercise"
        odd = {_low(c) for c in t.children if c.dep_ in ("amod", "compound")} - lex.military_modifiers
        odd = {w for w in odd if not _codes_of(t.doc, [c for c in t.children if _low(c) == w])}
        if doc_military and not odd and (_codes_of(t.doc, _np_tokens(t)) or "exercises" == _low(t)):
            # `Russia is conducting exercises`: plural, a state holding it, a military article
            if any(c.dep_ == "prep" and _low(c) in ("in", "of") and _low(t) == "exercise" for c in t.children):
                return None  # `an exercise in futility`, `the exercise of power`
            return "exercise"
        return None
    # drills, war games, manoeuvres
    if military or doc_military or fam in seen_families:
        return fam
    return None


# ---------------------------------------------------------------- status

def _habitual(v: Token, lex: Lexicon) -> bool:
    x = v
    for _ in range(3):
        if x.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and _low(c) in lex.habitual_marks for c in x.children):
            return True
        if x.head is x:
            break
        x = x.head
    return False


def tense_status(v: Token, lex: Lexicon, depth: int = 0) -> str:
    """held / ongoing / planned / cancelled / suspended / mention from a verb's form and what governs it."""
    auxes = _auxes(v)
    aux_low = [_low(a) for a in auxes]
    if _negated(v, lex):
        return "mention"
    if any(a in lex.future_aux for a in aux_low):
        return "planned"
    if "going" in aux_low or (v.dep_ == "xcomp" and _lemma(v.head) == "go" and v.head.tag_ == "VBG"):
        return "planned"
    infinitive = "to" in aux_low or (v.tag_ == "VB" and not auxes)
    bare_participle = v.tag_ == "VBG" and not auxes
    if (infinitive or bare_participle) and depth < 5 and v.dep_ in CLAUSE_LINKS and v.head is not v:
        h = v.head
        if h.dep_ == "prep" or h.pos_ == "ADP":
            h = h.head
        if h.pos_ in ("NOUN", "PROPN"):
            ns = noun_status(h, lex)
            if ns is not None:
                if ns == "planned":
                    up = _governing_verb_status(h, lex, depth + 1)
                    if up in ("cancelled", "suspended", "mention"):
                        return up
                return ns
            return _governing_verb_status(h, lex, depth + 1) or "mention"
        if h.pos_ in ("VERB", "AUX"):
            cls = lex.verb_class(_phrase(h))
            if cls in ("cancelled", "suspended"):
                return cls
            if cls == "planned":
                return "mention" if _negated(h, lex) else "planned"
            if cls == "reference" and v.dep_ != "advcl":
                return "mention"
            return tense_status(h, lex, depth + 1)
        if h.pos_ == "ADJ":  # `hopeful of launching them`, `ready to hold drills`
            return "planned"
        return "mention"
    if infinitive:
        return "planned"
    if v.tag_ == "VBG":
        if "had" in aux_low:
            return "held"  # `had been conducting`
        if any(a in ("is", "are", "am", "'s", "'re", "been") for a in aux_low):
            return "ongoing"
        return "held"  # was holding
    if v.tag_ in ("VBD",):
        return "held"
    if v.tag_ == "VBN":
        if any(a in ("being",) for a in aux_low):
            return "ongoing"
        if not auxes and v.dep_ in ("acl", "amod", "relcl") and v.head is not v:
            return "held"
        if any(a in ("is", "are", "am") for a in aux_low):
            return "ongoing" if _lemma(v) in lex.status_verbs["start"] else "held"
        return "held"
    if v.tag_ in ("VBZ", "VBP"):
        if _habitual(v, lex):
            return "mention"
        if _lemma(v) == "be":
            return "ongoing"
        return "held"  # headline present: `Russia holds drills near border`
    return "mention"


def noun_status(n: Token, lex: Lexicon) -> Optional[str]:
    low, lem = _low(n), _lemma(n)
    for cls in ("held", "planned", "cancelled", "suspended"):
        if low in lex.status_nouns[cls] or lem in lex.status_nouns[cls]:
            return cls
    if low in lex.status_nouns["hypothetical"] or lem in lex.status_nouns["hypothetical"]:
        return "mention"
    return None


def _governing_verb_status(n: Token, lex: Lexicon, depth: int) -> Optional[str]:
    """Status of a noun that holds the trigger (`plans to hold drills` -> `called off plans`)."""
    v = _verb_of(n)
    if v is None:
        return None
    cls = lex.verb_class(_phrase(v))
    if cls in ("cancelled", "suspended"):
        return cls
    if cls == "reference" or _negated(v, lex):
        return "mention"
    return None


def verb_status(v: Token, role: str, lex: Lexicon) -> Tuple[str, float]:
    """Status for a trigger attached to verb v as `role` (dobj, nsubj, prep:in ...)."""
    phrase = _phrase(v)
    cls = lex.verb_class(phrase, v.text if not any(c.dep_ == "prt" for c in v.children) else None)
    lem = _lemma(v)
    if _negated(v, lex):
        return "mention", 0.3
    if lem == "call" and phrase != "call off":
        cls = "reference" if phrase != "call for" else "planned"
    if lem == "set" and not any(c.dep_ == "xcomp" for c in v.children):
        cls = None
    if cls == "cancelled" and role in ("dobj", "nsubjpass", "pobj", "prep:of"):
        return "cancelled", 0.8
    if cls == "suspended" and role in ("dobj", "nsubjpass", "pobj", "prep:of"):
        return "suspended", 0.8
    if cls == "planned":
        if role in ("nsubj",) and lem not in ("set",):
            return "mention", 0.3  # `the drills raised concerns`
        if lem == "set" or lem in ("schedule",):
            t = tense_status(v, lex)
            if t == "planned" or v.tag_ in ("VBZ", "VBP") or any(_low(a) in ("is", "are") for a in _auxes(v)):
                return "planned", 0.8
            if t == "held":
                return "held", 0.6  # `were set to start Monday`
            return t, 0.6
        up = tense_status(v, lex)
        if up in ("cancelled", "suspended", "mention"):
            return up, 0.5
        return "planned", 0.8
    if cls == "reference":
        return "mention", 0.3
    if cls == "start":
        t = tense_status(v, lex)
        if t == "held" and v.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
            return "ongoing", 0.7
        return t, 0.7
    if cls == "hold":
        if role == "nsubj" and lem not in lex.status_verbs["subject_event"] and lem not in ("involve",):
            return "mention", 0.3
        return tense_status(v, lex), 0.8
    if lem in lex.status_verbs["subject_event"] and role in ("nsubj", "nsubjpass"):
        if v.tag_ in ("VBZ", "VBP") and not _habitual(v, lex):
            return "ongoing", 0.6  # `the drills include strikes on ...`
        return tense_status(v, lex), 0.6
    if lem == "be" and role == "nsubj" and any(
            c.dep_ in ("attr", "acomp") and any(x.dep_ in ("acl", "relcl") and lex.verb_class(_phrase(x), x.text) == "hold"
                                               for x in c.subtree) for c in v.children):
        return tense_status(v, lex), 0.5
    if lem == "be" and role == "nsubj":
        if any(c.dep_ == "prep" and _low(c) in lex.location_preps | {"under", "to"} for c in v.children) or any(
                _low(c) in ("underway", "on") for c in v.children):
            return tense_status(v, lex), 0.5
        return "mention", 0.3
    return "mention", 0.3


def exercise_status(t: Token, lex: Lexicon) -> Tuple[str, float, Optional[Token]]:
    """(status, confidence, predicate verb or None) for a trigger token."""
    # the trigger's own clause: `drills staged by Seoul`, `drills that were set to start`
    clause_status = None
    for c in t.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            cls = lex.verb_class(_phrase(c), c.text)
            if cls in ("hold", "start", "planned", "cancelled", "suspended") and not _negated(c, lex):
                role = "nsubj" if any(x.dep_ in ("nsubj",) and _low(x) in ("that", "which") for x in c.children) else "dobj"
                if c.tag_ == "VBN" and not _auxes(c):
                    role = "nsubjpass"
                st, _ = verb_status(c, role, lex)
                if cls == "hold" and role == "nsubj":
                    st = tense_status(c, lex)
                if st != "mention":
                    clause_status = (st, 0.6, c)
                    break
    own = None
    mods = {_low(c) for c in t.children if c.dep_ in ("amod", "compound", "advmod")}
    for cls in ("cancelled", "suspended", "planned", "ongoing", "held"):
        if mods & lex.status_modifiers[cls]:
            own = cls
            break

    cur = t
    result: Optional[Tuple[str, float, Optional[Token]]] = None
    for _ in range(8):
        while cur.dep_ in ("conj", "appos") and cur.head is not cur:
            if cur.pos_ in ("NOUN", "PROPN") and cur.head.pos_ in ("VERB", "AUX"):
                break  # `organized exercises, and the exchange of visits`: a noun hung on the verb
            cur = cur.head
        d, h = cur.dep_, cur.head
        if d == "conj" and h.pos_ in ("VERB", "AUX"):
            d = "dobj"
        if h is cur or d == "ROOT":
            break
        if d == "pobj" or (d == "pcomp" and h.pos_ == "ADP"):
            prep, h2 = h, h.head
            if h2 is h:
                break
            if h2.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ") and h2.pos_ != "ADJ":
                ns = noun_status(h2, lex)
                if ns == "planned":
                    up = _governing_verb_status(h2, lex, 0)
                    result = (up or "planned", 0.7, _verb_of(h2))
                    break
                if ns is not None:
                    v2 = _verb_of(h2)
                    cls2 = lex.verb_class(_phrase(v2), v2.text) if v2 is not None else None
                    if ns != "mention" and cls2 == "planned":
                        # `sought an end to the exercises`, `demanded a halt to the drills`
                        result = ("mention", 0.3, None)
                        break
                    # the subject of `the start of the drills angered Pyongyang` is no participant
                    result = (ns, 0.6, v2 if cls2 in ("hold", "start", "cancelled", "suspended") else None)
                    break
                cur = h2
                continue
            if h2.pos_ == "ADJ":  # `hopeful of`, `ready for`
                result = ("planned" if _lemma(h2) in ("ready", "hopeful", "keen", "eager", "prepared") else "mention",
                          0.4, None)
                break
            if h2.pos_ in ("VERB", "AUX"):
                result = (*verb_status(h2, "prep:" + _low(prep), lex), h2)
                if result[0] == "mention" and _low(prep) in ("in", "for") and lex.verb_class(_phrase(h2)) in ("hold", "start"):
                    result = (tense_status(h2, lex), 0.7, h2)  # `took part in`, `participated in`
                break
            break
        if d in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "obj"):
            if h.pos_ in ("VERB", "AUX"):
                role = d if d != "attr" else "dobj"
                result = (*verb_status(h, role, lex), h)
            break
        if d in ("compound", "amod", "nmod", "poss", "npadvmod") and h.pos_ in ("NOUN", "PROPN"):
            ns = noun_status(h, lex)
            if ns is not None:
                result = (ns, 0.5, _verb_of(h))
                break
            cur = h
            continue
        break
    if result is None or result[0] == "mention":
        if clause_status is not None:
            return clause_status
        if result is None and own is not None:
            return own, 0.5, None
        if result is not None and own in ("cancelled", "suspended") and result[1] < 0.5:
            return own, 0.5, result[2]
        return result or ("mention", 0.2, None)
    if own in ("cancelled", "suspended") and result[0] != own:
        return own, 0.6, result[2]
    return result


# ---------------------------------------------------------------- participants, location, kind

def _chain(v: Optional[Token]) -> List[Token]:
    out = []
    while v is not None and len(out) < 6:
        out.append(v)
        if v.dep_ in ("xcomp", "advcl", "conj", "pcomp") and v.head is not v:
            h = v.head
            if h.pos_ == "ADP":
                h = h.head
            if h.pos_ in ("NOUN", "PROPN"):
                h = _verb_of(h)
            v = h
        else:
            break
    return out


def _pair_before(doc: Doc, sent: Span) -> List[str]:
    """`the two nations`: the two codes named most often so far among those of the last sentences."""
    sents = [s for s in doc.sents if s.end <= sent.end]
    counts: Dict[str, int] = {}
    for s in sents:
        for c in _codes_in_span(doc, s.start_char, s.end_char):
            counts[c] = counts.get(c, 0) + 1
    recent: List[str] = []
    for s in reversed(sents[-4:]):
        for c in _codes_in_span(doc, s.start_char, s.end_char):
            if c not in recent:
                recent.append(c)
    if len(recent) < 2:
        return recent
    return sorted(recent, key=lambda c: -counts.get(c, 0))[:2]


def participants_of(t: Token, pred: Optional[Token], doc: Doc, lex: Lexicon) -> Tuple[List[str], List[Token]]:
    """Codes of the participants, and the tokens (subjects) they came from."""
    codes: List[str] = []

    def add(cs: Iterable[str]):
        for c in cs:
            if c not in codes:
                codes.append(c)

    # the trigger's own modifiers: `U.S.-South Korean military drills`, `China's drills`
    add(_codes_of(doc, [x for x in _np_tokens(t, skip=NP_SKIP_DEPS) if x.i <= t.i]))
    for c in t.children:
        if c.dep_ == "prep" and _low(c) in lex.participant_preps:
            add(_codes_of(doc, _np_tokens(c)))
        if c.dep_ == "agent":
            add(_codes_of(doc, _np_tokens(c)))
        if c.dep_ in ("acl", "relcl"):
            for x in c.children:
                if x.dep_ == "agent" or (x.dep_ == "prep" and _low(x) in ("by", "with")):
                    add(_codes_of(doc, _np_tokens(x)))
    for h in (t, pred):
        for c in (h.children if h is not None else []):
            if c.dep_ in ("acl", "relcl", "ccomp") and _lemma(c) in ("involve", "include", "bring", "draw", "feature"):
                for x in c.children:
                    if x.dep_ == "dobj":
                        add(_codes_of(doc, _np_tokens(x)))
    subjects: List[Token] = []
    if pred is not None and t.dep_ not in ("nsubj",) or (pred is not None and _lemma(pred) in ("join",)):
        for v in _chain(pred):
            cls = lex.verb_class(_phrase(v))
            if cls == "reference":
                break
            s = _subject(v)
            if s is not None and s.i != t.i and not any(x.i == t.i for x in s.subtree):
                if (_low(s) in lex.pair_anaphors and s.tag_ == "NNS" and s.pos_ == "NOUN"
                        and any(_low(c) in ("two", "both", "three") for c in s.children)):
                    add(_pair_before(doc, t.sent))
                elif _low(s) in ("that", "which", "who") and s.head.dep_ == "relcl":
                    add(_np_codes(doc, s.head.head))
                else:
                    add(_np_codes(doc, s))
                subjects.append(s)
            for c in v.children:
                if c.dep_ == "prep" and _low(c) in ("with", "alongside", "between", "among"):
                    add(_codes_of(doc, _np_tokens(c)))
                if c.dep_ == "dobj" and c.i != t.i and _lemma(v) in ("ask", "invite", "urge", "join", "host"):
                    add(_np_codes(doc, c))
            if s is None and v.tag_ in ("VBD", "VBZ", "VBP") and v.dep_ in ("advcl", "ccomp"):
                # the parser lost the subject (`as South Korea and the United States conduct ...`):
                # the words right before the verb
                j, left = v.i - 1, []
                while j >= v.sent.start and doc[j].pos_ not in ("VERB", "AUX", "SCONJ") and doc[j].text not in (",", ";", ":"):
                    if doc[j].pos_ == "ADP" and not left:
                        break
                    left.append(doc[j])
                    if doc[j].pos_ == "ADP":
                        break
                    j -= 1
                add(_codes_of(doc, left))
                if left:
                    break
            if s is not None:
                break
        if pred.dep_ == "xcomp" and _lemma(pred.head) in ("ask", "invite", "urge", "press", "push"):
            s = next((c for c in pred.head.children if c.dep_ == "nsubj"), None)
            if s is not None:
                add(_np_codes(doc, s))
    return codes, subjects


def _clause_codes(doc: Doc, v: Token, lex: Lexicon) -> List[str]:
    """Codes a clause names outside its place phrases and its embedded reported speech."""
    skip: Set[int] = set()
    for x in v.subtree:
        if x.dep_ == "prep" and _low(x) in lex.location_preps and x.head.pos_ in ("VERB", "AUX"):
            skip |= {y.i for y in x.subtree}
        if x.dep_ in ("ccomp", "parataxis") and x is not v:
            skip |= {y.i for y in x.subtree}
    return _codes_of(doc, [x for x in v.subtree if x.i not in skip])


def _location_phrases(t: Token, pred: Optional[Token], lex: Lexicon) -> List[Token]:
    heads = [t] + ([pred] if pred is not None else [])
    out = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and _low(c) in lex.location_preps:
                objs = [x for x in c.children if x.dep_ == "pobj"]
                if not objs:
                    continue
                o = objs[0]
                if o.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                    continue
                words = {_lemma(x) for x in o.subtree}
                placey = (o.ent_type_ in ("GPE", "LOC", "FAC") or o.pos_ == "PROPN"
                          or _lemma(o) in lex.location_heads or bool(words & lex.location_heads & {_lemma(o)}))
                if placey:
                    out.append(o)
    return out


def location_of(t: Token, pred: Optional[Token], doc: Doc, lex: Lexicon) -> Tuple[Optional[str], Optional[str], Optional[Token]]:
    locs = _location_phrases(t, pred, lex)
    if not locs:
        return None, None, None
    o = locs[0]
    start, end = _subtree_span(o, skip=("relcl", "acl", "advcl", "appos"))
    toks = [x for x in doc if start <= x.idx < end]
    while toks and toks[0].dep_ == "det":
        toks = toks[1:]
    if not toks:
        return None, None, None
    text = doc_text(doc)[toks[0].idx:end].strip(" ,.;")
    code = None
    r = _resolver()
    if r is not None:
        try:
            code = r.code(text)
        except Exception:  # noqa: BLE001 - a resolver hiccup must not lose the event
            code = None
    if code is None:
        cs = _codes_of(doc, toks)
        code = cs[0] if len(cs) == 1 else None
    return text, code, o


def exercise_kind(t: Token, family: str, participants: Sequence[str], subjects: Sequence[Token],
                  location: Optional[str], lex: Lexicon) -> str:
    if family == "visit":
        return "port_visit"
    mods = _modifier_words(t)
    around = set(mods)
    for s in subjects:
        around |= {_lemma(x) for x in s.subtree} | {_low(x) for x in s.subtree}
    around |= _agent_words(t)
    loc_words = set(re.findall(r"[a-z\-]+", (location or "").lower()))
    cues = lex.kind_cues
    if mods & cues["command_post"] or ("command" in mods and "post" in mods):
        return "command_post"
    # the trigger's own words first (`air force drills over the North Sea`), then who holds it,
    # then where; patrols are naval unless said otherwise
    for words in (mods, around):
        for kind in ("naval_exercise", "air_exercise", "land_exercise"):
            if kind == "land_exercise" and words is not mods:
                continue
            if words & cues[kind]:
                return kind
    if loc_words & cues["naval_exercise"] or family == "patrol":
        return "naval_exercise"
    if mods & cues["joint_exercise"] or len(participants) >= 2:
        return "joint_exercise"
    return "other"


# ---------------------------------------------------------------- the whole doc

def _name_for(t: Token, names: List[Tuple[Span, str, bool]]) -> Optional[Tuple[Span, str, bool]]:
    lo = min(x.i for x in t.subtree)
    hi = max(x.i for x in t.subtree)
    for item in names:
        sp = item[0]
        if lo <= sp.start and sp.end - 1 <= hi:
            return item
        if sp.end == t.i or sp.start == t.i + 1:
            return item
    return None


def _trigger_candidates(doc: Doc, lex: Lexicon) -> List[Token]:
    """The tokens whose form or lemma is a trigger noun, in order: only they can have a family."""
    memo = getattr(lex, "_trigger_memo", None)
    if memo is None:
        memo = lex._trigger_memo = ({}, {})
    return [doc[i] for i in word_positions(doc, lex.trigger_nouns, memo)]


def _sentence_bounds(sent: Span) -> Tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, max(end, start + 1)


def extract_exercises(doc: Doc, lex: Optional[Lexicon] = None, name_matcher: Optional[PhraseMatcher] = None,
                      canonical: Optional[Dict[str, str]] = None) -> List[ExerciseEvent]:
    lex = lex or get_lexicon()
    names: List[Tuple[Span, str, bool]] = []
    if name_matcher is not None:
        names = find_names(doc, name_matcher, canonical or {})
    doc_military = _doc_is_military(doc, lex)
    seen_families: Set[str] = set()
    events: List[ExerciseEvent] = []
    last_with_participants: Dict[str, List[str]] = {}
    used_names: Set[int] = set()

    candidates: List[Tuple[Token, str, Optional[Tuple[Span, str, bool]]]] = []
    named_tokens = {i for sp, _, _ in names for i in range(sp.start, sp.end)}
    for t in _trigger_candidates(doc, lex):
        fam = trigger_family(t, lex, doc_military, seen_families, named_tokens)
        if fam is None:
            continue
        if t.dep_ == "conj" and t.head.i in {c[0].i for c in candidates}:
            prev = next(c for c in candidates if c[0].i == t.head.i)
            if (prev[1] == "visit") == (fam == "visit"):
                continue  # `exercises and drills`: one event
        seen_families.add(fam)
        nm = _name_for(t, names)
        if nm is not None:
            used_names.add(nm[0].start)
        candidates.append((t, fam, nm))
    for sp, canon, standalone in names:
        if sp.start in used_names or not standalone:
            continue
        if any(sp.start <= c[0].i < sp.end for c in candidates):
            continue
        candidates.append((sp.root, "named", (sp, canon, standalone)))
    candidates.sort(key=lambda c: c[0].i)

    for t, fam, nm in candidates:
        status, conf, pred = exercise_status(t, lex)
        # a mention's participants come from the trigger alone: the subject of `sets the terms
        # for joint exercises` does not take part in them
        participants, subjects = participants_of(t, pred if status != "mention" else None, doc, lex)
        location, location_code, _ = location_of(t, pred, doc, lex)
        group = "visit" if fam == "visit" else "exercise"
        if fam == "visit" and location_code and location_code not in participants:
            participants.append(location_code)
        if fam == "visit":
            for c in (pred.children if pred is not None else []):
                if c.dep_ == "prep" and _low(c) in lex.destination_preps:
                    for code in _codes_of(doc, _np_tokens(c)):
                        if code not in participants:
                            participants.append(code)
        mods = _modifier_words(t)
        if len(participants) < 2 and mods & lex.kind_cues["joint_exercise"]:
            # `joint exercises with US troops in the Philippines`: the other side is the subject's
            # or the host's, else another state the clause names (`the issue of joint patrols came
            # up when India's minister visited the U.S. Pacific Command`)
            extra = []
            for s in subjects:
                extra += _np_codes(doc, s)
            if location_code:
                extra.append(location_code)
            if pred is not None:
                extra += _clause_codes(doc, pred, lex)
            for code in extra:
                if len(participants) >= 2:
                    break
                if code not in participants:
                    participants.append(code)
        if not participants:
            participants = list(last_with_participants.get(group, []))
        if not participants and location_code and status != "mention":
            participants = [location_code]  # the host: `the Balikatan exercises began in the Philippines`
        if participants:
            last_with_participants[group] = list(participants)
        kind = exercise_kind(t, fam, participants, subjects, location, lex)
        sent_start, sent_end = _sentence_bounds(t.sent)
        anchor_start, anchor_end = (nm[0].start_char, nm[0].end_char) if fam == "named" else (t.idx, t.idx + len(t.text))
        event_date = date_start = date_end = None
        tx = _governing_timex(doc, anchor_start, anchor_end)
        if tx is not None:
            event_date, date_start, date_end = tx.value, tx.range_start, tx.range_end
            pub = doc._.published_date
            starts = pred is not None and (lex.verb_class(_phrase(pred), pred.text) == "start" or any(
                c.dep_ == "xcomp" and lex.verb_class(_phrase(c), c.text) == "start" for c in pred.children))
            if (status == "held" and starts and pub is not None and date_start is not None
                    and date_end is not None and date_start <= pub <= date_end):
                status = "ongoing"  # `the drills were set to start Monday`, written that Monday
        if participants:
            conf = min(1.0, conf + 0.1)
        events.append(ExerciseEvent(
            action=status, actors=list(participants), sentence_start=sent_start, sentence_end=sent_end,
            anchor_start=anchor_start, anchor_end=anchor_end, confidence=round(conf, 2),
            event_date=event_date, date_start=date_start, date_end=date_end,
            exercise_name=nm[1] if nm else None, exercise_kind=kind, participants=list(participants),
            location=location, location_code=location_code, trigger=t.text if fam != "named" else nm[0].text,
        ))
    return _dedupe(events)


def _dedupe(events: List[ExerciseEvent]) -> List[ExerciseEvent]:
    """One event per exercise a sentence states: a second trigger of the same group in the same
    sentence with the same status and no new participant is the same exercise."""
    out: List[ExerciseEvent] = []
    rank = {"cancelled": 0, "suspended": 0, "planned": 1, "ongoing": 1, "held": 1, "mention": 3}
    for ev in events:
        group = ev.exercise_kind == "port_visit"
        twin = None
        for o in out:
            if o.sentence_start == ev.sentence_start and (o.exercise_kind == "port_visit") == group:
                if not set(ev.participants) - set(o.participants) or not set(o.participants) - set(ev.participants):
                    twin = o
                    break
        if twin is None:
            out.append(ev)
            continue
        if ev.action == "mention":
            if not twin.exercise_name and ev.exercise_name:
                twin.exercise_name = ev.exercise_name
            continue
        if twin.action == "mention" or rank[ev.action] < rank[twin.action]:
            # keep the stronger statement, carry over what the other knew
            ev.exercise_name = ev.exercise_name or twin.exercise_name
            ev.location = ev.location or twin.location
            ev.location_code = ev.location_code or twin.location_code
            for c in (twin.participants if twin.action != "mention" else []):
                if c not in ev.participants:
                    ev.participants.append(c)
            ev.actors = list(ev.participants)
            out[out.index(twin)] = ev
        else:
            twin.exercise_name = twin.exercise_name or ev.exercise_name
            twin.location = twin.location or ev.location
            for c in ev.participants:
                if c not in twin.participants:
                    twin.participants.append(c)
            twin.actors = list(twin.participants)
    return out
