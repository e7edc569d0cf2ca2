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
3. Participants: codes of the actor mentions (transforms.extract.actors `actor_index`)
   in the trigger's own modifiers and agents, plus the parts of hyphenated pairs
   (`U.S.-South Korean drills`), `drills staged by Seoul and Washington`, the subject of
   the holding verb (`Jordan and Britain agreed to undertake ...`), partners
   (`with`, `ask X to`), `the two nations` resolved to the last pair named before,
   `the drills` with no participant inherit those of the previous exercise.
4. Kind, location (as written, with its code), exercise name, governing date.

Cue words live in lexicons/exercises/lexicon.json, names in lexicons/exercises/series.txt
(filtered by lexicons/exercises/name_stoplist.txt); the `exercise_extractor` component
loads them when it is made.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from typing import Dict, Iterable, List, Optional, Pattern, Sequence, Set, Tuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from transforms.extract.actors import ActorIndex, ActorResolver, actor_index, get_resolver
from transforms.extract.records import ExerciseEvent
from transforms.nlp.doctext import doc_text, per_doc, word_positions
from transforms.nlp.guard import guarded
from transforms.nlp.lexicon import load_json, load_lines
from transforms.nlp.syntax import governing_date, sentence_bounds, subtree_tokens


STATUSES = ("planned", "held", "ongoing", "cancelled", "suspended", "mention")
KINDS = ("joint_exercise", "naval_exercise", "air_exercise", "land_exercise", "port_visit",
         "command_post", "other")

OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative", "obj", "pobj"}
CLAUSE_LINKS = {"xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "ccomp", "prep"}
NP_SKIP_DEPS = {"relcl", "acl", "advcl", "punct", "prep", "appos", "parataxis"}
MODIFIER_DEPS = ("amod", "compound", "nmod", "nummod", "poss", "npadvmod", "advmod")
NOUN_POS = ("NOUN", "PROPN")
VERB_POS = ("VERB", "AUX")
PAIR_POS = ("PROPN", "NOUN", "ADJ")   # a coordinated pair of states: `X and Y`, `American and Cuban`
BE_STATE_DEPS = ("prep", "acomp", "attr")   # `was on track to`, `is ready to`, `is the first to`: no `be to` plan
FINITE_TAGS = ("VBD", "VBZ", "VBP")
NON_PLACE_ENTS = ("DATE", "TIME", "CARDINAL", "ORDINAL")
PLACE_ENTS = ("GPE", "LOC", "FAC")
FUNCTION_POS = ("ADP", "SCONJ", "DET", "PRON", "ADV", "CCONJ", "AUX")
RELATIVE_PRONOUNS = ("that", "which", "who")
THING_RELATIVES = ("that", "which")
# forms of `be` among a verb's auxiliaries: progressive (`are holding`), present (`are held`)
PROGRESSIVE_AUX = ("is", "are", "am", "'s", "'re", "been")
PRESENT_BE = ("is", "are", "am")
FREE_RELATIVE_DEPS = ("ccomp", "dobj", "xcomp", "pcomp")   # how a `what` clause hangs on its verb
PAST_AUX = ("was", "were", "had", "has", "have", "been")
HYPHENS = r"[-–]"

# the order a verb's status classes are tried in (a verb in two lists takes the first)
VERB_CLASS_ORDER = ("cancelled", "suspended", "planned", "reference", "start", "hold")
NOUN_STATUS_ORDER = ("held", "planned", "cancelled", "suspended")
MODIFIER_STATUS_ORDER = ("cancelled", "suspended", "planned", "ongoing", "held")


# ---------------------------------------------------------------- lexicons

WordSet = Set[str]
WordSets = Dict[str, Set[str]]


def _lowered(words: Iterable[str]) -> Set[str]:
    return {w.lower() for w in words}


@dataclass
class Lexicon:
    """The cue words of lexicons/exercises/lexicon.json: every `WordSet` field is the
    lower-cased list of the same key, every `WordSets` field a dict of such lists."""

    trigger_nouns: Dict[str, str]
    war_game_modifiers: WordSet
    ship_words: WordSet
    port_call_modifiers: WordSet
    military_modifiers: WordSet
    military_nouns: WordSet
    doc_military_words: WordSet
    weak_military_words: WordSet
    exclude_modifiers: WordSet
    exclude_agent_words: WordSet
    kind_cues: WordSets
    status_verbs: WordSets
    status_nouns: WordSets
    status_modifiers: WordSets
    future_aux: WordSet
    negations: WordSet
    habitual_marks: WordSet
    location_preps: WordSet
    participant_preps: WordSet
    destination_preps: WordSet
    pair_anaphors: WordSet
    location_heads: WordSet
    take_objects: WordSet
    name_particles: WordSet
    agent_preps: WordSet
    drill_compound_heads: WordSet
    country_needing_families: WordSet
    exercise_word_families: WordSet
    exercise_verbs: WordSet
    abstract_exercise_preps: WordSet
    object_control_verbs: WordSet
    schedule_verbs: WordSet
    schedule_adjectives: WordSet
    state_preps: WordSet
    underway_words: WordSet
    start_state_verbs: WordSet
    under_way_phrases: WordSet
    verb_complements: WordSet
    readiness_adjectives: WordSet
    participation_preps: WordSet
    place_preps: WordSet
    including_verbs: WordSet
    partner_preps: WordSet
    partnership_nouns: WordSet
    clause_agent_preps: WordSet
    inviting_verbs: WordSet
    asking_verbs: WordSet
    pair_quantifiers: WordSet
    anaphor_determiners: WordSet
    setting_preps: WordSet
    setting_nouns: WordSet
    refusal_heads: WordSet
    name_prefixes: WordSet
    confidence: Dict[str, float]
    schedule_complements: WordSet
    recurrence_marks: WordSet
    participation_verbs: WordSet
    participation_nouns: WordSet
    participant_list_verbs: WordSet
    participant_nouns: WordSet
    participating_modifiers: WordSet
    service_words: WordSet
    speaker_pronouns: WordSet
    armed_modifiers: WordSet
    listing_preps: WordSet
    completion_verbs: WordSet
    edition_determiners: WordSet
    patrol_compound_heads: WordSet
    possibility_verbs: WordSet
    visit_verbs: WordSet
    fleet_words: WordSet
    ship_prefixes: Dict[str, str]
    part_preps: WordSet
    part_nouns: WordSet
    fixed_phrase_classes: Dict[str, str]
    xcomp_only_verbs: WordSet
    # one alternation of doc_military_words: it matches where any one of them would
    military_re: Optional[Pattern] = field(init=False, default=None)
    # word_positions' memo for trigger_nouns (LOWER hash -> bool, LEMMA hash -> bool)
    trigger_memo: Tuple[dict, dict] = field(init=False, default_factory=lambda: ({}, {}))
    prefix_memo: Tuple[dict, dict] = field(init=False, default_factory=lambda: ({}, {}))
    participation_memo: Tuple[dict, dict] = field(init=False, default_factory=lambda: ({}, {}))
    service_memo: Tuple[dict, dict] = field(init=False, default_factory=lambda: ({}, {}))
    visit_memo: Tuple[dict, dict] = field(init=False, default_factory=lambda: ({}, {}))
    edition_memo: Tuple[dict, dict] = field(init=False, default_factory=lambda: ({}, {}))

    def __post_init__(self):
        words = sorted(self.doc_military_words, key=lambda w: (-len(w), w))
        if words:
            self.military_re = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")

    @classmethod
    def load(cls, folder: Optional[str] = None) -> "Lexicon":
        data = load_json("exercises", "lexicon.json", folder)
        values = {}
        for f in fields(cls):
            if f.type == "WordSet":
                values[f.name] = _lowered(data[f.name])
            elif f.type == "WordSets":
                values[f.name] = {k: _lowered(v) for k, v in data[f.name].items()}
        return cls(trigger_nouns=data["trigger_nouns"], confidence=data["confidence"],
                   ship_prefixes=data["ship_prefixes"],
                   fixed_phrase_classes={k.lower(): v for k, v in data["fixed_phrase_classes"].items()
                                         if not k.startswith("_")}, **values)

    def verb_class(self, phrase: str, form: Optional[str] = None) -> Optional[str]:
        """The status class of a verb lemma (with its particle: `call off`); `form`, the word as
        written, is tried de-inflected when the lemmatiser went wrong (`staged` -> `stag`)."""
        tries = [phrase]
        if form:
            f = form.lower()
            tries += [f, f[:-1], f[:-2], f[:-3], f[:-3] + "e", f[:-2] + "e"] if len(f) > 4 else [f]
        for p in tries:
            for cls in VERB_CLASS_ORDER:
                if p in self.status_verbs[cls]:
                    return cls
        return None


def exercise_names(folder: Optional[str] = None) -> Tuple[str, ...]:
    """Gazetteer names less the stoplist, longest first."""
    stop = {w.lower() for w in load_lines("exercises", "name_stoplist.txt", folder)}
    names = {n for n in load_lines("exercises", "series.txt", folder) if n.lower() not in stop and len(n) >= 4}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


# ---------------------------------------------------------------- actor codes

def hyphen_part_codes(doc: Doc, resolver: ActorResolver) -> Dict[int, List[str]]:
    """token index -> codes of the parts of a capitalised hyphenated token, in order
    (`U.S.-South Korean` -> USA, KOR), which the actor tagger leaves whole."""
    out: Dict[int, List[str]] = {}
    for t in doc:
        if "-" not in t.text.strip("-") or not t.text[:1].isupper():
            continue
        parts = [p for p in re.split(HYPHENS, t.text) if p]
        if len(parts) < 2:
            continue
        for j, part in enumerate(parts):
            surface = part
            if j == len(parts) - 1 and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
                surface = f"{part} {doc[t.i + 1].text}"
            try:
                code = resolver.code(surface) or (resolver.code(part) if surface != part else None)
            except Exception:  # noqa: BLE001 - a resolver hiccup must not lose the event
                code = None
            if code:
                out.setdefault(t.i, []).append(code)
    return out


@dataclass
class ExerciseActors:
    """The Doc's actor codes by token: the actor index's mentions and hyphenated pairs' parts."""

    index: ActorIndex
    hyphen_codes: Dict[int, List[str]]

    def codes(self, tokens: Iterable[Token]) -> List[str]:
        """Codes named on `tokens`, in token order (a token's hyphen parts before its mention), unique."""
        out: List[str] = []
        for t in sorted(tokens, key=lambda x: x.i):
            found = list(self.hyphen_codes.get(t.i, ()))
            mention = self.index.by_token.get(t.i)
            if mention and mention.get("code"):
                found.append(mention["code"])
            for code in found:
                if code not in out:
                    out.append(code)
        return out

    def codes_in_chars(self, doc: Doc, start: int, end: int) -> List[str]:
        """Codes named on the tokens that start in [start, end)."""
        if start >= end:
            return []
        return self.codes(t for t in doc if start <= t.idx < end)


@functools.lru_cache(maxsize=None)
def _ship_prefixes() -> Tuple[Dict[str, str], frozenset, Tuple[dict, dict]]:
    """The lexicon's ship prefixes, their lower-cased forms and the word_positions memo for
    them: read once per process, not once per Doc."""
    prefixes = load_json("exercises", "lexicon.json").get("ship_prefixes", {})
    return prefixes, frozenset(p.lower() for p in prefixes), ({}, {})


def ship_prefix_codes(doc: Doc) -> Dict[int, List[str]]:
    """token index -> the country of a ship prefix before a capitalised name (`USS Blue Ridge`)."""
    prefixes, words, memo = _ship_prefixes()
    out: Dict[int, List[str]] = {}
    for i in word_positions(doc, words, memo):
        code = prefixes.get(doc[i].text)
        if code and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            out[i] = [code]
    return out


@per_doc
def exercise_actors(doc: Doc) -> ExerciseActors:
    """Built once per Doc and kept in its user_data: it lives exactly as long as the Doc.
    Country names inside place names (`South China Sea`) are already left out by the
    actor tagger (`in_place_name`)."""
    codes = hyphen_part_codes(doc, get_resolver())
    for i, more in ship_prefix_codes(doc).items():
        codes.setdefault(i, []).extend(more)
    return ExerciseActors(actor_index(doc), codes)


def _codes_of(doc: Doc, tokens: Iterable[Token]) -> List[str]:
    return exercise_actors(doc).codes(tokens)


# ---------------------------------------------------------------- small token helpers

def _low(t: Token) -> str:
    return t.lower_


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _phrase(v: Token, lex: Lexicon) -> str:
    """A verb's lemma with its particle or complement: `call off`, `carry out`, `take part`,
    `put on hold`, `cut short`."""
    prt = [c for c in v.children if c.dep_ == "prt"]
    if prt:
        return f"{_lemma(v)} {_low(prt[0])}"
    for c in v.children:   # `put the drills on hold`, `were cut short`
        if c.dep_ == "prep":
            comp = " ".join([_low(c)] + [_low(x) for x in c.children if x.dep_ == "pobj"][:1])
        elif c.dep_ in ("advmod", "acomp", "oprd"):
            comp = _low(c)
        else:
            continue
        if comp in lex.verb_complements:
            return f"{_lemma(v)} {comp}"
    if _lemma(v) == "take":
        for c in v.children:
            if c.dep_ in ("dobj", "attr") and _lemma(c) in lex.take_objects:
                return "take"
    return _lemma(v)


def _modifiers(t: Token) -> List[Token]:
    return [c for c in t.children if c.dep_ in MODIFIER_DEPS]


def _modifier_words(t: Token) -> Set[str]:
    """Lower-cased words of the modifiers left of t (`joint naval` in `joint naval patrols`)."""
    words: Set[str] = set()
    for c in _modifiers(t):
        for x in c.subtree:
            if x.i < t.i:
                words.add(_low(x))
                words.add(_lemma(x))
                for part in re.split(HYPHENS, _low(x)):
                    if part:
                        words.add(part)
    return words


def _char_extent(toks: Sequence[Token]) -> Tuple[int, int]:
    return min(x.idx for x in toks), max(x.idx + len(x.text) for x in toks)


def _np_codes(doc: Doc, t: Token, lex: Lexicon) -> List[str]:
    """Codes named by t's noun phrase and its coordinated nouns (`India and the United States`),
    not by its clauses nor its place phrases (`troops in Alaska`)."""
    toks = subtree_tokens(t)
    place = set()
    for c in t.children:
        if c.dep_ == "prep" and _low(c) in lex.place_preps:
            place |= {x.i for x in c.subtree}
    return _codes_of(doc, [x for x in toks if x.i not in place])


def _auxes(v: Token) -> List[Token]:
    return [c for c in v.children if c.dep_ in ("aux", "auxpass")]


def _negated(v: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and _low(c) in lex.negations) for c in v.children)


def subject_inherited_through_clauses(v: Token, lex: Lexicon) -> Optional[Token]:
    """The subject of v, inherited through xcomp / conj / participle advcl; the object of a
    control verb for its xcomp (`asked the US to do patrols`); the head of a relative clause."""
    seen = 0
    while v is not None and seen < 6:
        seen += 1
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        if v.tag_ in FINITE_TAGS and v.dep_ in ("advcl", "ccomp"):
            return None  # a finite clause has its own subject, even where the parser lost it
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp") and v.head is not v:
            # `asked the US to do patrols`: the object of ask is the subject of do
            if v.dep_ == "xcomp":
                objs = [c for c in v.head.children if c.dep_ in ("dobj",)]
                if objs and _lemma(v.head) in lex.object_control_verbs:
                    return objs[0]
            v = v.head
            continue
        if v.dep_ in ("relcl", "acl") and v.head is not v:
            return v.head
        return None
    return None


def _clause_subject(v: Token) -> Optional[Token]:
    return next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)


# ---------------------------------------------------------------- the component

class ExerciseExtractor:
    """Sets `doc._.exercises`; the lexicon and the gazetteer are loaded when it is made."""

    def __init__(self, nlp: Language, lexicons: Optional[str] = None):
        self.lex = Lexicon.load(lexicons)
        self.name_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = exercise_names(lexicons)
        self.name_matcher.add("EXERCISE_NAME", list(nlp.tokenizer.pipe(names)))
        self.canonical = {n.lower(): n for n in names}

    def __call__(self, doc: Doc) -> Doc:
        doc._.exercises = []
        doc._.exercises = extract_exercises(doc, self.lex, self.name_matcher, self.canonical)
        return doc


@Language.factory(
    "exercise_extractor",
    default_config={"lexicons": None},
    assigns=["doc._.exercises"],
    requires=["doc._.timexes", "doc._.actor_mentions", "token.dep", "token.head", "token.is_sent_start",
              "token.pos", "token.tag", "token.lemma", "token.ent_type", "doc.ents"],
)
def make_exercise_extractor(nlp: Language, name: str, lexicons: Optional[str]):
    return guarded("exercise_extractor", ExerciseExtractor(nlp, lexicons))


# ---------------------------------------------------------------- names

def _capitalised(span: Span, lex: Lexicon) -> bool:
    words = [t for t in span if t.is_alpha and len(t) > 1]
    return bool(words) and all(t.text[0].isupper() for t in words if _low(t) not in lex.name_particles)


def find_names(doc: Doc, matcher: PhraseMatcher, canonical: Dict[str, str],
               lex: Lexicon) -> List[Tuple[Span, str, bool]]:
    """(span, canonical name, standalone) for gazetteer names written capitalised.

    `standalone`: the name alone says it is an exercise (one distinctive word such as
    `Balikatan`, or several capitalised words not opening the sentence); otherwise it
    only names a trigger it stands next to (`Cobra Gold exercises`)."""
    spans = [doc[s:e] for _, s, e in matcher(doc)]
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    out, last_end = [], -1
    for sp in spans:
        if sp.start < last_end or not _capitalised(sp, lex):
            continue
        # a longer capitalised run around the name is another name (`Operation Iron Fist` is fine,
        # `Cooperation Council` is not a match of `Cooperation`)
        last_end = sp.end
        if _actor_named(doc, sp, lex):
            continue  # a state or organisation named like an exercise (`Djibouti`)
        standalone = len(sp) >= 2 and sp.start != sp.sent.start or (len(sp) == 1 and len(sp.text) >= 5) \
            or _edition_year_after(doc, sp.end)
        out.append((sp, canonical.get(sp.text.lower(), sp.text), standalone))
    return out


SHORT_EDITIONS = frozenset(str(n) for n in range(10, 40))   # `Anakonda 16`, `Keen Edge 24`
EDITION_YEAR = re.compile(r"^(?:19[89]\d|20[0-4]\d)$")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)")
NAME_WITH_YEAR = re.compile(r"^([A-Z][A-Za-z]+)[-–](?:19[89]\d|20[0-4]\d)$")
MAX_NAME_WORDS = 3


def _name_words_before(doc: Doc, end: int) -> int:
    """The start of the run of capitalised words (at most MAX_NAME_WORDS) that ends at `end`."""
    start = end
    while start > 0 and end - start < MAX_NAME_WORDS + 2:
        if doc[start - 1].is_alpha and doc[start - 1].text[0].isupper():
            start -= 1
        elif start > 1 and start < end and doc[start - 1].text in ("-", "–") and doc[start - 2].is_alpha \
                and doc[start - 2].text[0].isupper():
            start -= 2   # `Defender-Europe`
        else:
            break
    # a capitalised function word opens the sentence, not the name (`Since 2018`, `In 2019`)
    while start < end and (doc[start].is_stop or doc[start].pos_ in FUNCTION_POS):
        start += 1
    return start


def _actor_named(doc: Doc, sp: Span, lex: Lexicon) -> bool:
    """Every word of the span (its `Exercise` prefix and years aside) names a state or an
    organisation (`Djibouti`, `South Korea`), unlike `Cope India`, a name with a country in it."""
    actors = exercise_actors(doc)
    words = [t for t in sp if t.is_alpha and _low(t) not in lex.name_prefixes]
    return bool(words) and all(t.i in actors.index.by_token or t.i in actors.hyphen_codes for t in words)


def _edition_year_after(doc: Doc, i: int) -> bool:
    """An edition year follows position i (`Sea Breeze 2020`, `Sea Breeze-2020`)."""
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    return i < len(doc) and bool(EDITION_YEAR.match(doc[i].text))


def pattern_names(doc: Doc, lex: Lexicon) -> List[Tuple[Span, str, bool]]:
    """Exercise names the gazetteer need not know: in a military article `Exercise Northern
    Edge`, `Operation X` (a capitalised prefix and capitalised words) and capitalised words
    with an edition year (`Arctic Edge 2025`, `Shakti-2024`) in a sentence that speaks of an
    exercise, and again wherever the article repeats them; in any article a proper name among
    a trigger's modifiers (`the Silver Hawk exercise`), and alone wherever it recurs. Names
    of states or organisations are left out. Only cue words' positions are visited."""
    out: List[Tuple[Span, str, bool]] = []
    if _doc_is_military(doc, lex):
        out += _prefix_names(doc, lex)
        quoted = _quoted_names(doc, lex)
        out += quoted
        out += _recurrences(doc, [sp for sp, _, _ in quoted], {i for sp, _, _ in out for i in range(sp.start, sp.end)})
        edition = _edition_names(doc, lex)
        # a name with a year counts where a sentence about an exercise gave it, and wherever it recurs
        named = {name for _, name, about in edition if about}
        out += [(sp, name, True) for sp, name, _ in edition if name in named]
        # and wherever the article writes the name without its year (`Arctic Edge began Aug. 1`)
        out += _recurrences(doc, _name_parts([(sp, name) for sp, name, _ in edition if name in named]),
                            {i for sp, _, _ in out for i in range(sp.start, sp.end)})
    modifier_names = _modifier_names(doc, lex) + _following_names(doc, lex)
    # a proper name that modifies a trigger names it there, and stands for it alone elsewhere
    out += [(sp, sp.text, False) for sp in modifier_names]
    out += _recurrences(doc, modifier_names, {sp.start for sp, _, _ in out})
    found = sorted([(sp, name, st) for sp, name, st in out if not _actor_named(doc, sp, lex) and _low(sp[0]) not in MONTHS],
                   key=lambda n: (n[0].start, -len(n[0])))
    kept: List[Tuple[Span, str, bool]] = []
    for n in found:   # not a name inside a longer one (`Shield of the Union-2023`, not `Union-2023`)
        if not any(k[0].start <= n[0].start and n[0].end <= k[0].end for k in kept[-3:]):
            kept.append(n)
    return kept


def _prefix_names(doc: Doc, lex: Lexicon) -> List[Tuple[Span, str, bool]]:
    """`Exercise Northern Edge`, `Operation X`."""
    out = []
    for i in word_positions(doc, lex.name_prefixes, lex.prefix_memo):
        if not doc[i].text[0].isupper():
            continue
        end = i + 1
        while end < len(doc) and end - i <= MAX_NAME_WORDS and doc[end].is_alpha and doc[end].text[0].isupper():
            end += 1
        if end > i + 1:
            out.append((doc[i:end], doc[i + 1:end].text, True))
    return out


QUOTED_NAME = re.compile(r"[\"“'‘]((?:[A-Z][\w]*)(?:[ -](?:of|the|de|del|al|[A-Z][\w]*))*)(?:[-–](?:19[89]\d|20[0-4]\d))?[\"”'’]")
QUOTED_MAX_WORDS = 5
QUOTED_GAP = 3   # modifiers that may stand between the quoted name and its trigger (`Russian-Belarusian`)


def _quoted_names(doc: Doc, lex: Lexicon) -> List[Tuple[Span, str, bool]]:
    """A quoted capitalised name before a trigger noun, modifiers between (`'Shield of the
    Union' Russian-Belarusian drills`, `the "Steppe Eagle-2023" joint exercise`), its year off."""
    out = []
    text = doc_text(doc)
    for m in QUOTED_NAME.finditer(text):
        sp = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if sp is None or len(m.group(1).split()) > QUOTED_MAX_WORDS:
            continue
        j = doc.char_span(m.start(), m.end(), alignment_mode="expand").end
        for k in range(j, min(j + QUOTED_GAP + 1, len(doc))):
            x = doc[k]
            if _low(x) in lex.trigger_nouns or _lemma(x) in lex.trigger_nouns:
                name_end = sp.start + len([t for t in sp if t.idx < m.start(1) + len(m.group(1))])
                out.append((doc[sp.start:name_end], m.group(1), True))
                break
            if x.pos_ not in ("ADJ", "PROPN", "NOUN", "PUNCT") or x.is_punct and x.text not in ("-", "–"):
                break
    return out


def _edition_names(doc: Doc, lex: Lexicon) -> List[Tuple[Span, str, bool]]:
    """(span, name, in a sentence about an exercise) for capitalised words with an edition year
    (`Arctic Edge 2025`), or a two-digit one in a sentence about an exercise (`Anakonda 16`)."""
    out = []
    short = [doc[i:i + 1] for i in word_positions(doc, SHORT_EDITIONS, lex.edition_memo)
             if i > 0 and doc[i - 1].text[:1].isupper() and _low(doc[i - 1]) not in MONTHS
             and doc[i].ent_type_ != "DATE" and _sentence_speaks_of_exercise(doc[i], lex)]
    years = [doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in YEAR_IN_TEXT.finditer(doc_text(doc))]
    for sp in years + short:
        if sp is None:
            continue
        t = sp[-1]
        named = NAME_WITH_YEAR.match(t.text)
        if named:
            out.append((doc[t.i:t.i + 1], named.group(1), _sentence_speaks_of_exercise(t, lex)))
            continue
        if not (EDITION_YEAR.match(t.text) or t.text in SHORT_EDITIONS) or t.i == 0:
            continue
        end = t.i - 1 if doc[t.i - 1].text in ("-", "–") else t.i
        start = _name_words_before(doc, end)
        if start < end - 1 and _low(doc[start]) in lex.name_prefixes:
            start += 1   # `Exercise Blue Reef 2021`: the name is `Blue Reef`
        if start < end and not _actor_named(doc, doc[start:end], lex) \
                and not any(doc[k].ent_type_ == "DATE" and doc[k].pos_ != "PROPN" for k in range(start, end)):
            out.append((doc[start:t.i + 1], doc[start:end].text, _sentence_speaks_of_exercise(t, lex)))
    return out


def _modifier_names(doc: Doc, lex: Lexicon) -> List[Span]:
    """`the multinational Kavkaz defence exercise`, `the Freedom Flag exercise`: the run of
    capitalised words a proper-name modifier of a trigger opens."""
    out = []
    for t in _trigger_candidates(doc, lex):
        if t.pos_ != "NOUN":
            continue
        words = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_alpha
                 and c.text[0].isupper() and c.ent_type_ not in PLACE_ENTS + ("NORP",)]
        if not words:
            continue
        start, end = words[0].i, words[0].i + 1
        while start > words[0].left_edge.i and doc[start - 1].is_alpha and doc[start - 1].text[0].isupper():
            start -= 1
        while end < t.i and doc[end].is_alpha and doc[end].text[0].isupper():
            end += 1
        out.append(doc[start:end])
    return out


def _following_names(doc: Doc, lex: Lexicon) -> List[Span]:
    """`the joint military exercise Ekuverin`, `exercise Anakonda 16`: the proper name right
    after a lower-case trigger noun (not a place, a nationality, a date nor a state)."""
    out = []
    for t in _trigger_candidates(doc, lex):
        if t.pos_ != "NOUN" or not t.text[:1].islower() or t.i + 1 >= len(doc):
            continue
        end = t.i + 1
        while end < len(doc) and end - t.i <= MAX_NAME_WORDS and doc[end].pos_ == "PROPN" and doc[end].is_alpha \
                and doc[end].text[0].isupper() and doc[end].ent_type_ not in PLACE_ENTS + ("NORP", "DATE", "TIME") \
                and _low(doc[end]) not in MONTHS and _low(doc[end]) not in WEEKDAYS:
            end += 1
        if end > t.i + 1 and not _actor_named(doc, doc[t.i + 1:end], lex):
            out.append(doc[t.i + 1:end])
    return out


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "spring", "summer", "autumn", "fall", "winter")


def _name_parts(found: List[Tuple[Span, str]]) -> List[Span]:
    """The words of each span that are its name (`Arctic Edge` of `Arctic Edge 2025`)."""
    out = []
    for sp, name in found:
        for k in range(1, len(sp)):
            if sp[:k].text == name:
                out.append(sp[:k])
                break
    return out


def _recurrences(doc: Doc, names: List[Span], taken: Set[int]) -> List[Tuple[Span, str, bool]]:
    """Other places the article writes one of `names` (two words or more), capitalised alike."""
    by_first: Dict[str, List[Tuple[str, int]]] = {}
    for sp in names:
        if len(sp) >= 2 and (sp.text, len(sp)) not in by_first.get(sp[0].text, ()):
            by_first.setdefault(sp[0].text, []).append((sp.text, len(sp)))
    out: List[Tuple[Span, str, bool]] = []
    if not by_first:
        return out
    for t in doc:
        for text, n in by_first.get(t.text, ()):
            if t.i not in taken and doc[t.i:t.i + n].text == text:
                out.append((doc[t.i:t.i + n], text, True))
    return out


def _sentence_speaks_of_exercise(t: Token, lex: Lexicon) -> bool:
    return any(_low(x) in lex.trigger_nouns or _lemma(x) in lex.trigger_nouns for x in t.sent)


def _name_said_military(doc: Doc, ev: ExerciseEvent, lex: Lexicon) -> bool:
    """Some sentence that writes the event's name (`ev.trigger`) also has an exercise word
    (not `game`, `visit`: `this game`) or a military word (`The navies held Sea Breeze`), not
    only a weak one (`stadium security staff`, `centuries of war`)."""
    name = ev.trigger or ""
    for sent in doc.sents:
        if name not in sent.text:
            continue
        if any(lex.trigger_nouns.get(_low(x)) in lex.exercise_word_families for x in sent):
            return True
        if lex.military_re is not None and any(w not in lex.weak_military_words
                                               for w in lex.military_re.findall(sent.text.lower())):
            return True
    return False


def _merge_names(names: List[Tuple[Span, str, bool]], more: List[Tuple[Span, str, bool]]) -> List[Tuple[Span, str, bool]]:
    """The gazetteer's names, and the pattern names that overlap none of them, in text order."""
    taken = {i for sp, _, _ in names for i in range(sp.start, sp.end)}
    extra = [n for n in more if not any(i in taken for i in range(n[0].start, n[0].end))]
    return sorted(names + extra, key=lambda n: n[0].start)


# ---------------------------------------------------------------- triggers

def _doc_is_military(doc: Doc, lex: Lexicon) -> bool:
    """The article uses a military word (once per Doc and lexicon)."""
    key = f"events:exercises.military_doc:{id(lex)}"
    held = doc.user_data.get(key)
    if held is None:
        held = doc.user_data[key] = bool(lex.military_re is not None and lex.military_re.search(doc_text(doc).lower()))
    return held


def _agent_words(t: Token, lex: Lexicon) -> Set[str]:
    words = set()
    for c in t.children:
        if c.dep_ == "prep" and _low(c) in lex.agent_preps:
            for x in c.subtree:
                words.add(_low(x))
                words.add(_lemma(x))
        if c.dep_ == "agent":
            for x in c.subtree:
                words.add(_low(x))
    return words


def verb_taking_argument(t: Token) -> Optional[Token]:
    """The verb t is an argument of (through prepositions and coordination)."""
    h = t
    for _ in range(4):
        if h.dep_ == "conj":
            h = h.head
            continue
        if h.dep_ == "pobj":
            h = h.head.head
            if h.pos_ in VERB_POS:
                return h
            continue
        if h.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd"):
            return h.head
        return None
    return None


@dataclass
class TriggerContext:
    """What the family tests read around a trigger noun."""

    mods: Set[str]              # its modifiers' words
    agents: Set[str]            # words of its `by`/`of`/... phrases and agents
    subj: Optional[Token]       # the subject of the verb it is the object of
    subj_words: Set[str]        # lemmas of that subject, or of its verb's subject
    verb: Optional[Token]       # the verb it is an argument of
    military: bool = False


def _trigger_context(t: Token, lex: Lexicon) -> TriggerContext:
    subj = subject_inherited_through_clauses(t.head, lex) if t.dep_ in OBJECT_DEPS else None
    subj_words = {_lemma(x) for x in subj.subtree} if subj is not None else set()
    verb = verb_taking_argument(t)
    if verb is not None and t.dep_ != "nsubj":
        s = _clause_subject(verb)
        if s is not None:
            subj_words |= {_lemma(x) for x in s.subtree}
    return TriggerContext(_modifier_words(t), _agent_words(t, lex), subj, subj_words, verb)


def _is_military(t: Token, fam: str, ctx: TriggerContext, lex: Lexicon, named: Set[int]) -> bool:
    """Military by its modifiers or agents, a name beside it, or a state as its holder."""
    if ctx.mods & lex.military_modifiers or (ctx.agents | ctx.subj_words) & lex.military_nouns:
        return True
    # a named exercise (`the Balikatan exercises`), or a state holding it (`Seoul postponed the drills`)
    if any(x.i in named for x in t.subtree) or (t.i - 1 in named) or (t.i + 1 in named):
        return True
    if fam not in ("visit", "port_call"):
        subj = ctx.subj
        if subj is None and ctx.verb is not None and t.dep_ != "nsubj":
            subj = _clause_subject(ctx.verb)
        if subj is not None and _np_codes(t.doc, subj, lex):
            return True
    return False


def _not_a_trigger(t: Token, fam: str, ctx: TriggerContext, lex: Lexicon) -> bool:
    """Excluded by its modifiers, its head (`border patrol agents`, `drill sergeant`) or who holds it."""
    if ctx.mods & lex.exclude_modifiers and not ctx.mods & (lex.military_modifiers - lex.exclude_modifiers):
        return True  # `fire drill`, not `live-firing exercise`
    if t.dep_ == "compound" and fam == "patrol" and _lemma(t.head) in lex.patrol_compound_heads:
        return False  # `patrol flights`, `patrol missions`
    if t.dep_ == "compound" and lex.trigger_nouns.get(_lemma(t.head)) is None and fam != "drill":
        return True  # `border patrol agents`, `exercise bike`
    if t.dep_ == "compound" and fam == "drill" and _lemma(t.head) not in lex.drill_compound_heads:
        return True  # `drill sergeant`
    return False


def _excluded_holder(ctx: TriggerContext, lex: Lexicon) -> bool:
    # `the police had been conducting a training exercise`
    # (not `Revolutionary Guards held naval war games`: a military modifier says whose they are)
    return bool((ctx.agents | ctx.subj_words) & lex.exclude_agent_words and not (ctx.subj_words & lex.military_nouns)
                and not ctx.mods & lex.armed_modifiers)


def _exercise_family(t: Token, ctx: TriggerContext, lex: Lexicon, doc_military: bool,
                     seen_families: Set[str]) -> Optional[str]:
    if t.dep_ == "dobj" and _lemma(t.head) in lex.exercise_verbs:
        return None
    if ctx.military or "exercise" in seen_families:
        return "exercise"
    odd = {_low(c) for c in t.children if c.dep_ in ("amod", "compound")} - lex.military_modifiers
    odd = {w for w in odd if not _codes_of(t.doc, [c for c in t.children if _low(c) == w])}
    if doc_military and not odd and (_codes_of(t.doc, subtree_tokens(t)) or "exercises" == _low(t)):
        # `Russia is conducting exercises`: plural, a state holding it, a military article
        if any(c.dep_ == "prep" and _low(c) in lex.abstract_exercise_preps and _low(t) == "exercise"
               for c in t.children):
            return None  # `an exercise in futility`, `the exercise of power`
        return "exercise"
    return None


def _family_of(t: Token, fam: str, ctx: TriggerContext, lex: Lexicon, doc_military: bool,
               seen_families: Set[str]) -> Optional[str]:
    """The family a military-or-not trigger of lexicon family `fam` ends up in, or None."""
    if fam == "game":
        if not (ctx.mods & lex.war_game_modifiers) and not (t.i > 0 and _low(t.doc[t.i - 1]) in lex.war_game_modifiers):
            return None
        return "war_game"
    if fam == "port_call":
        return "visit" if ctx.mods & lex.port_call_modifiers else None
    if fam == "visit":
        words = ctx.mods | ctx.agents | (ctx.subj_words if ctx.mods & lex.kind_cues["port_visit"] else set())
        if words & lex.ship_words:
            return "visit"
        # `a Chinese navy flotilla arrived in Manila for a three-day visit`: a ship makes it
        subj = ctx.subj if ctx.subj is not None else (_clause_subject(ctx.verb) if ctx.verb is not None else None)
        return "visit" if subj is not None and _is_ship(subj, lex) else None
    if fam == "patrol":
        if ctx.agents & lex.exclude_agent_words:
            return None
        if ctx.military or "patrol" in seen_families:
            return "patrol"
        if doc_military and _codes_of(t.doc, subtree_tokens(t)):
            return "patrol"  # `U.S. patrols in the South China Sea`
        return None
    if fam == "exercise":
        return _exercise_family(t, ctx, lex, doc_military, seen_families)
    if fam == "edition":
        # `another iteration took place in the spring`, after an exercise: an edition of it
        # (`the tenth edition of the exercise` is the exercise's own trigger)
        refers = any(c.dep_ == "det" and _low(c) in lex.edition_determiners or c.dep_ == "poss" for c in t.children)
        of_phrase = any(c.dep_ == "prep" and _low(c) == "of" for c in t.children)
        return "exercise" if refers and not of_phrase and "exercise" in seen_families else None
    # drills, war games, manoeuvres
    if ctx.military or doc_military or fam in seen_families:
        return fam
    return None


def trigger_family(t: Token, lex: Lexicon, doc_military: bool, seen_families: Set[str],
                   named: Iterable[int] = ()) -> Optional[str]:
    """exercise / drill / war_game / manoeuvre / patrol / visit for a trigger token, or None."""
    if t.pos_ not in NOUN_POS and not t.tag_.startswith("NN") and not (
            t.tag_ == "VBZ" and t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "attr")):
        return None  # `joint air force drills` is sometimes tagged as a verb in object position
    fam = lex.trigger_nouns.get(_low(t)) or lex.trigger_nouns.get(_lemma(t))
    if fam is None:
        return None
    ctx = _trigger_context(t, lex)
    if fam == "patrol" and t.dep_ == "compound" and _lemma(t.head) in lex.patrol_compound_heads:
        ctx = _trigger_context(t.head, lex)   # `patrol flights`: what is said of the flights
    if _not_a_trigger(t, fam, ctx, lex) or _excluded_holder(ctx, lex):
        return None
    ctx.military = _is_military(t, fam, ctx, lex, set(named))
    return _family_of(t, fam, ctx, lex, doc_military, seen_families)


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


def _status_from_governor(v: Token, lex: Lexicon, depth: int) -> str:
    """The status of an infinitive or bare participle (`plans to hold`, `hopeful of launching`)
    from the noun, verb or adjective it hangs from."""
    h = v.head
    if h.dep_ == "prep" or h.pos_ == "ADP":
        h = h.head
    if h.pos_ in NOUN_POS:
        ns = noun_status(h, lex)
        if ns is not None:
            if ns == "planned":
                up = _governing_verb_status(h, lex, depth + 1)
                if up in ("cancelled", "suspended", "mention"):
                    return up
            return ns
        return _governing_verb_status(h, lex, depth + 1) or "mention"
    if h.pos_ in VERB_POS:
        if _be_to(v):
            # `were to take part`, `is to begin`, `was to be the first exercise`: a plan, told
            # at any tense (what happened to it other sentences say)
            return "mention" if _negated(h, lex) or _negated(v, lex) else "planned"
        cls = lex.verb_class(_phrase(h, lex))
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


def _be_to(v: Token) -> bool:
    """v is the infinitive of a `be to` plan: `were to begin`, `is to take place`."""
    return (v.dep_ == "xcomp" and v.head is not v and _lemma(v.head) == "be"
            and any(c.dep_ == "aux" and _low(c) == "to" for c in v.children)
            and not any(c.dep_ in BE_STATE_DEPS and v.head.i < c.i < v.i for c in v.head.children))  # `was on track to`


def _schedule_complement(c: Token, lex: Lexicon) -> bool:
    """c (an infinitive) says when or that the exercise happens (`to begin`, `to take place`),
    not what it is for (`to anger Beijing`)."""
    return _phrase(c, lex) in lex.schedule_complements or _lemma(c) in lex.schedule_complements


def _be_to_complement(v: Token, lex: Lexicon) -> Optional[Token]:
    """The infinitive of `be` v when it states a plan for its subject (`the drills were to
    begin`, `the exercise is to take place`): a schedule complement, not a purpose."""
    for c in v.children:
        if _be_to(c) and _schedule_complement(c, lex):
            return c
    return None


def _status_from_form(v: Token, lex: Lexicon, auxes: List[Token], aux_low: List[str]) -> str:
    """The status a verb's own form and auxiliaries give (`are holding`, `held`, `holds`)."""
    if v.tag_ == "VBG":
        if "had" in aux_low:
            return "held"  # `had been conducting`
        if any(a in PROGRESSIVE_AUX for a in aux_low):
            return "ongoing"
        return "held"  # was holding
    if v.tag_ in ("VBD",):
        return "held"
    if v.tag_ == "VBN":
        if any(a in ("being",) for a in aux_low):
            return "ongoing"
        if not auxes and v.dep_ in ("acl", "amod", "relcl") and v.head is not v:
            return "held"
        if any(a in PRESENT_BE for a in aux_low):
            return "ongoing" if _lemma(v) in lex.status_verbs["start"] else "held"
        return "held"
    if v.tag_ in ("VBZ", "VBP"):
        if _habitual(v, lex):
            return "mention"
        if _lemma(v) == "be":
            return "ongoing"
        return "held"  # headline present: `Russia holds drills near border`
    return "mention"


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
        return _status_from_governor(v, lex, depth)
    if infinitive:
        return "planned"
    return _status_from_form(v, lex, auxes, aux_low)


def noun_status(n: Token, lex: Lexicon) -> Optional[str]:
    low, lem = _low(n), _lemma(n)
    for cls in NOUN_STATUS_ORDER:
        if low in lex.status_nouns[cls] or lem in lex.status_nouns[cls]:
            return cls
    if low in lex.status_nouns["hypothetical"] or lem in lex.status_nouns["hypothetical"]:
        return "mention"
    return None


def _governing_verb_status(n: Token, lex: Lexicon, depth: int) -> Optional[str]:
    """Status of a noun that holds the trigger (`plans to hold drills` -> `called off plans`)."""
    v = verb_taking_argument(n)
    if v is None:
        return None
    cls = lex.verb_class(_phrase(v, lex))
    if cls in ("cancelled", "suspended"):
        return cls
    if cls == "reference" or _negated(v, lex):
        return "mention"
    return None


def _planned_verb_status(v: Token, role: str, lem: str, lex: Lexicon) -> Tuple[str, float]:
    """A trigger under a planning verb: `plans to hold`, `set to start`, `scheduled`."""
    if role in ("nsubj",) and lem not in ("set",):
        return "mention", 0.3  # `the drills raised concerns`
    if role == "nsubjpass" and lem not in lex.schedule_verbs and any(
            c.dep_ == "xcomp" and not _schedule_complement(c, lex)
            for c in v.children):
        return "mention", 0.3  # `the exercise is intended to improve coordination`: its purpose, not its plan
    if lem in lex.schedule_verbs:
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


def _be_status(v: Token, lex: Lexicon) -> Tuple[str, float]:
    """`the drills are ones held every year`, `the drills are under way`, else a mention."""
    if any(c.dep_ in ("attr", "acomp") and any(x.dep_ in ("acl", "relcl") and lex.verb_class(_phrase(x, lex), x.text) == "hold"
                                               for x in c.subtree) for c in v.children):
        return tense_status(v, lex), 0.5
    if any(c.dep_ == "prep" and _low(c) in lex.location_preps | lex.state_preps for c in v.children) or any(
            _low(c) in lex.underway_words for c in v.children):
        return tense_status(v, lex), 0.5
    return "mention", 0.3


def _verb_class_of(v: Token, phrase: str, lex: Lexicon) -> Optional[str]:
    """A governing verb's class: a lemma of fixed_phrase_classes takes its phrase's class there,
    or the lemma's (`call` is a reference but `call off` cancels and `call for` plans); a verb
    of xcomp_only_verbs has a class only over an infinitive (`set to`)."""
    cls = lex.verb_class(phrase, v.text if not any(c.dep_ == "prt" for c in v.children) else None)
    lem = _lemma(v)
    if lem in lex.fixed_phrase_classes:
        cls = lex.fixed_phrase_classes.get(phrase, lex.fixed_phrase_classes[lem])
    if lem in lex.xcomp_only_verbs and not any(c.dep_ == "xcomp" for c in v.children):
        cls = None
    if lem in lex.start_state_verbs and _under_way(v, lex):
        cls = "start"   # `the drills got under way on Monday`: they began
    return cls


def _under_way(v: Token, lex: Lexicon) -> bool:
    """v has a phrase of under_way_phrases beside it (`got underway`; `got under way`, parsed as
    a preposition and its object)."""
    return any((c.dep_ in ("advmod", "acomp", "prt") and _low(c) in lex.under_way_phrases)
               or (c.dep_ == "prep" and any(f"{_low(c)} {_low(x)}" in lex.under_way_phrases for x in c.children))
               for c in v.children)


def _refused(v: Token, lex: Lexicon) -> bool:
    """A negated participation verb that says it will not happen: `decided not to take part`,
    `will not join the drills`."""
    if lex.verb_class(_phrase(v, lex), v.text) not in ("hold", "start"):
        return False
    if any(_low(a) in lex.future_aux for a in _auxes(v)):
        return True
    return v.dep_ == "xcomp" and _lemma(v.head) in lex.refusal_heads


def _recurrent(v: Token, lex: Lexicon) -> bool:
    """`are held every other year`, `held alternately in X and Y`: the series, not one exercise."""
    return any(c.dep_ in ("advmod", "npadvmod") and any(_low(x) in lex.recurrence_marks for x in c.subtree)
               for c in v.children)


def _free_relative_head(v: Token) -> Optional[Token]:
    """The verb whose object is the `what` clause v heads (`staged what they call war games`
    -> `staged`), or None."""
    if v.dep_ not in FREE_RELATIVE_DEPS or v.head is v or v.head.pos_ not in VERB_POS:
        return None
    if not any(c.tag_ == "WP" and _low(c) == "what" for c in v.children):
        return None
    return v.head


def verb_status(v: Token, role: str, lex: Lexicon) -> Tuple[str, float]:
    """Status for a trigger attached to verb v as `role` (dobj, nsubj, prep:in ...)."""
    if _phrase(v, lex) in lex.possibility_verbs:
        # `drills should not be ruled out`: possible, so in view; `ruled out drills`: none
        return ("planned", 0.4) if _negated(v, lex) else ("mention", 0.3)
    if _negated(v, lex):
        return ("cancelled", 0.6) if _refused(v, lex) else ("mention", 0.3)
    if _recurrent(v, lex):
        return "mention", 0.3
    cls = _verb_class_of(v, _phrase(v, lex), lex)
    lem = _lemma(v)
    if cls in ("cancelled", "suspended") and role in ("dobj", "nsubjpass", "pobj", "prep:of", "prep:from"):
        return cls, 0.8
    if cls == "planned":
        return _planned_verb_status(v, role, lem, lex)
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
    inf = _be_to_complement(v, lex) if lem == "be" and role == "nsubj" else None
    if inf is not None:   # `the drills were to begin Monday`; `were not to take place`: none
        return ("mention", 0.3) if _negated(v, lex) or _negated(inf, lex) else ("planned", 0.6)
    if lem == "be" and role == "dobj" and _be_to(v):
        return tense_status(v, lex), 0.5   # `this was to be the first fleet exercise`
    if lem == "be" and role == "nsubj" and _scheduled_by_adjective(v, lex):
        # `the drills are due to start next week`, `is likely to take place in May`
        return ("mention", 0.3) if _negated(v, lex) else ("planned", 0.6)
    if lem == "be" and role == "nsubj":
        return _be_status(v, lex)
    return "mention", 0.3


def _scheduled_by_adjective(v: Token, lex: Lexicon) -> bool:
    """`be` with a schedule adjective whose infinitive is a schedule complement (`due to
    begin`, `likely to take place`), not a purpose (`is likely to anger Beijing`)."""
    for a in v.children:
        if a.dep_ == "acomp" and _lemma(a) in lex.schedule_adjectives:
            for c in list(a.children) + list(v.children):
                if c.dep_ == "xcomp" and _schedule_complement(c, lex) and not _negated(c, lex):
                    return True
    return False


Status = Tuple[str, float, Optional[Token]]   # (status, confidence, predicate verb or None)


def _own_clause_status(t: Token, lex: Lexicon) -> Optional[Status]:
    """The trigger's own clause: `drills staged by Seoul`, `drills that were set to start`."""
    for c in t.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ in VERB_POS:
            cls = lex.verb_class(_phrase(c, lex), c.text)
            if cls in ("hold", "start", "planned", "cancelled", "suspended") and not _negated(c, lex):
                role = "nsubj" if any(x.dep_ in ("nsubj",) and _low(x) in THING_RELATIVES for x in c.children) else "dobj"
                if c.tag_ == "VBN" and not _auxes(c):
                    role = "nsubjpass"
                st, _ = verb_status(c, role, lex)
                if cls == "hold" and role == "nsubj":
                    st = tense_status(c, lex)
                if st != "mention":
                    return st, 0.6, c
    return None


def _modifier_status(t: Token, lex: Lexicon) -> Optional[str]:
    """`the planned drills`, `the postponed exercises`."""
    mods = {_low(c) for c in t.children if c.dep_ in ("amod", "compound", "advmod")}
    for cls in MODIFIER_STATUS_ORDER:
        if mods & lex.status_modifiers[cls]:
            return cls
    return None


def _status_under_noun(h2: Token, lex: Lexicon) -> Optional[Status]:
    """The trigger is the object of a preposition on noun h2 (`the start of the drills`)."""
    ns = noun_status(h2, lex)
    if ns == "planned":
        up = _governing_verb_status(h2, lex, 0)
        return up or "planned", 0.7, verb_taking_argument(h2)
    if ns is None:
        return None
    v2 = verb_taking_argument(h2)
    cls2 = lex.verb_class(_phrase(v2, lex), v2.text) if v2 is not None else None
    if ns != "mention" and cls2 == "planned":
        # `sought an end to the exercises`, `demanded a halt to the drills`
        return "mention", 0.3, None
    # the subject of `the start of the drills angered Pyongyang` is no participant
    return ns, 0.6, v2 if cls2 in ("hold", "start", "cancelled", "suspended") else None


def _status_through_preposition(h: Token, lex: Lexicon) -> Tuple[Optional[Status], Optional[Token]]:
    """The trigger hangs from preposition h: (status, None) when what governs h decides it,
    (None, noun) to climb on from a noun with no status, (None, None) to stop."""
    prep, h2 = h, h.head
    if h2 is h:
        return None, None
    setting = _low(prep) in lex.setting_preps
    if _low(prep) == "of" and _lemma(h2) in lex.setting_nouns and h2.dep_ == "pobj" and h2.head.head.pos_ in VERB_POS:
        # `told reporters on the sidelines of the drills`: the exercise is the setting of the verb
        prep, h2, setting = h2.head, h2.head.head, True
    if h2.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ") and h2.pos_ != "ADJ":
        status = _status_under_noun(h2, lex)
        return (status, None) if status is not None else (None, h2)
    if h2.pos_ == "ADJ":  # `hopeful of`, `ready for`
        return ("planned" if _lemma(h2) in lex.readiness_adjectives else "mention", 0.4, None), None
    if h2.pos_ == "ADP" and h2.head.pos_ in VERB_POS and h2.dep_ in ("prep", "prt", "advmod"):
        # `pulled out of the exercise`, the particle parsed as a preposition
        v = h2.head
        cls = lex.verb_class(f"{_lemma(v)} {_low(h2)}")
        if cls in ("cancelled", "suspended"):
            return ((cls, 0.8, v) if not _negated(v, lex) else ("mention", 0.3, None)), None
    if h2.pos_ in VERB_POS:
        result = (*verb_status(h2, "prep:" + _low(prep), lex), h2)
        if result[0] == "mention" and _low(prep) in lex.participation_preps and lex.verb_class(_phrase(h2, lex)) in ("hold", "start"):
            result = (tense_status(h2, lex), 0.7, h2)  # `took part in`, `participated in`
        elif result[0] == "mention" and setting and _told_as_past(_participle_teller(h2), lex) \
                and not _negated(h2, lex) and lex.verb_class(_phrase(h2, lex), h2.text) not in ("reference", "planned"):
            # `test-fired a missile during a naval exercise`, `a truck overturned during a
            # training exercise`, `was killed during drills`: the exercise took place when that
            # did (a past tense only: captions and plans say less)
            result = ("held", 0.5, h2)
        elif result[0] == "mention" and _part_of(prep, lex) and not _negated(h2, lex) \
                and lex.verb_class(_phrase(h2, lex), h2.text) not in ("reference", "planned"):
            # `trained with X as part of the exercise`, `are conducting drills as part of it`:
            # the exercise is in the state of what is done as part of it
            status, teller = tense_status(h2, lex), _participle_teller(h2)
            if status == "mention" and teller is not h2 and _told_as_past(teller, lex):
                status = "held"   # `the admiral, aboard a ship visiting Haifa as part of a drill, said`
            if status != "mention":
                result = (status, 0.5, h2)
        return result, None
    return None, None


def _participle_teller(v: Token) -> Token:
    """The verb whose tense tells when a bare participle's act took place: for a participle
    that modifies a noun (`a ship visiting Haifa`, no auxiliary) the nearest verb above it
    that has a tense (`the admiral aboard a ship visiting Haifa said`); else v itself."""
    if not (v.tag_ == "VBG" and v.dep_ == "acl" and not _auxes(v)):
        return v
    for up in v.ancestors:
        if up.pos_ in VERB_POS and up.tag_ in FINITE_TAGS + ("VBN",):
            return up
    return v


def _told_as_past(v: Token, lex: Lexicon) -> bool:
    """A past tense (`test-fired`), a past passive (`was killed`), or a bare participle
    (`the truck overturned during ...`, often tagged VBN): not `will be`, `is being`."""
    if v.tag_ == "VBD":
        return True
    if v.tag_ != "VBN":
        return False
    auxes = [_low(a) for a in _auxes(v)]
    return all(a in PAST_AUX for a in auxes)


def _part_of(prep: Token, lex: Lexicon) -> bool:
    """`as part of`: a preposition whose object is a part noun."""
    return _low(prep) in lex.part_preps and any(c.dep_ == "pobj" and _lemma(c) in lex.part_nouns for c in prep.children)


def _coordination_top(cur: Token) -> Token:
    """Up from a conjunct or apposition to the word that carries the role."""
    while cur.dep_ in ("conj", "appos") and cur.head is not cur:
        if cur.pos_ in NOUN_POS and cur.head.pos_ in VERB_POS:
            break  # `organized exercises, and the exchange of visits`: a noun hung on the verb
        cur = cur.head
    return cur


def _governors_status(t: Token, lex: Lexicon) -> Optional[Status]:
    """Climb from the trigger through prepositions and nouns to what gives it a status."""
    cur = t
    for _ in range(8):
        cur = _coordination_top(cur)
        d, h = cur.dep_, cur.head
        if d == "conj" and h.pos_ in VERB_POS:
            d = "dobj"
        if h is cur or d == "ROOT":
            return None
        if d == "pobj" or (d == "pcomp" and h.pos_ == "ADP"):
            result, cur = _status_through_preposition(h, lex)
            if cur is None:
                return result
            continue
        if d in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "obj"):
            if h.pos_ in VERB_POS:
                role = d if d != "attr" else "dobj"
                outer = _free_relative_head(h) if _verb_class_of(h, _phrase(h, lex), lex) == "reference" else None
                if outer is not None:
                    # `launched what the ministry termed routine drills`: the naming verb only
                    # labels what the verb outside the `what` clause did
                    return (*verb_status(outer, "dobj", lex), outer)
                return (*verb_status(h, role, lex), h)
            return None
        if d in ("compound", "amod", "nmod", "poss", "npadvmod") and h.pos_ in NOUN_POS:
            ns = noun_status(h, lex)
            if ns is not None:
                return ns, 0.5, verb_taking_argument(h)
            cur = h
            continue
        return None
    return None


def _present_passive(v: Optional[Token]) -> bool:
    """`is led by`, `are hosted by`: a present passive, which describes rather than dates."""
    return v is not None and v.tag_ == "VBN" and any(c.dep_ == "auxpass" and _low(c) in PRESENT_BE for c in v.children)


def exercise_status(t: Token, lex: Lexicon) -> Status:
    """(status, confidence, predicate verb or None) for a trigger token."""
    clause_status = _own_clause_status(t, lex)
    own = _modifier_status(t, lex)
    result = _governors_status(t, lex)
    if clause_status is not None and result is not None and _present_passive(result[2]):
        return clause_status   # `the exercise, which began Friday, is led by X`: the clause dates it
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
    if own == "ongoing" and result[0] == "held":
        return own, result[1], result[2]   # `trained as part of their ongoing exercise`
    return result


# ---------------------------------------------------------------- participants, location, kind

def _chain(v: Optional[Token]) -> List[Token]:
    """v and the verbs it is a clause of (`agreed to hold`: hold, agreed)."""
    out = []
    while v is not None and len(out) < 6:
        out.append(v)
        if v.dep_ in ("xcomp", "advcl", "conj", "pcomp") and v.head is not v:
            h = v.head
            if h.pos_ == "ADP":
                h = h.head
            if h.pos_ in NOUN_POS:
                h = verb_taking_argument(h)
            v = h
        else:
            break
    return out


def _pair_before(doc: Doc, sent: Span, anaphor: Optional[Token] = None) -> List[str]:
    """`the two nations`: the last pair its own sentence coordinates before it (`threats against
    X and Y as the two allies began drills`), else the two codes named most often so far among
    those of the last sentences."""
    actors = exercise_actors(doc)
    for x in reversed(doc[sent.start:anaphor.i] if anaphor is not None else []):
        if x.dep_ == "conj" and x.head.i < x.i and x.pos_ in PAIR_POS and x.head.pos_ in PAIR_POS:
            first = actors.codes(doc[x.head.left_edge.i:x.head.i + 1])
            second = actors.codes(x.subtree)
            if first and second and first[-1] != second[0]:
                return [first[-1], second[0]]
    sents = [s for s in doc.sents if s.end <= sent.end]
    counts: Dict[str, int] = {}
    for s in sents:
        for c in actors.codes_in_chars(doc, s.start_char, s.end_char):
            counts[c] = counts.get(c, 0) + 1
    recent: List[str] = []
    for s in reversed(sents[-4:]):
        for c in actors.codes_in_chars(doc, s.start_char, s.end_char):
            if c not in recent:
                recent.append(c)
    if len(recent) < 2:
        return recent
    return sorted(recent, key=lambda c: -counts.get(c, 0))[:2]


def _add_new(codes: List[str], more: Iterable[str]) -> None:
    for c in more:
        if c not in codes:
            codes.append(c)


def _trigger_phrase_codes(t: Token, pred: Optional[Token], doc: Doc, lex: Lexicon) -> List[str]:
    """Codes in the trigger's own words: its modifiers (`U.S.-South Korean military drills`,
    `China's drills`), its partner and agent phrases, what it or its verb is said to involve."""
    codes: List[str] = []
    _add_new(codes, _codes_of(doc, [x for x in subtree_tokens(t, skip=NP_SKIP_DEPS) if x.i <= t.i]))
    for c in t.children:
        if c.dep_ == "prep" and _low(c) in lex.participant_preps:
            _add_new(codes, _codes_of(doc, subtree_tokens(c)))
        _add_new(codes, _partnership_codes(c, doc, lex))   # `drills in partnership with X`
        if c.dep_ == "agent":
            _add_new(codes, _codes_of(doc, subtree_tokens(c)))
        if c.dep_ in ("acl", "relcl"):
            for x in c.children:
                if x.dep_ == "agent" or (x.dep_ == "prep" and _low(x) in lex.clause_agent_preps):
                    _add_new(codes, _codes_of(doc, subtree_tokens(x)))
    for h in (t, pred):
        for c in (h.children if h is not None else []):
            # `drills involving X`, `has launched near Alaska, involving X's aircraft`
            if c.dep_ in ("acl", "relcl", "ccomp", "advcl") and _lemma(c) in lex.including_verbs:
                for x in c.children:
                    if x.dep_ == "dobj":
                        _add_new(codes, _codes_of(doc, subtree_tokens(x)))
    if pred is not None and t.dep_ == "nsubj" and t.head.i == pred.i and _lemma(pred) in lex.including_verbs \
            and not _negated(pred, lex):
        # `the exercise involved troops from X and Y`, `will bring together sailors from X`
        for x in pred.children:
            if x.dep_ in ("dobj", "ccomp", "xcomp") and _names_forces(x, doc, lex) \
                    or x.dep_ == "prep" and _low(x) in lex.agent_preps:
                _add_new(codes, _codes_of(doc, subtree_tokens(x)))   # (`brought together troops | from X`)
    if pred is not None:
        _add_new(codes, _participation_object_codes(pred, t, doc, lex))
    return codes


def _names_forces(x: Token, doc: Doc, lex: Lexicon) -> bool:
    """The object of an including verb names who takes part: forces (`troops from X`,
    `several of the U.S.'s partners`) or states themselves (`involved Japan and India`), not
    what is done (`include simulated strikes on X's leaders`)."""
    head = x
    if x.dep_ in ("ccomp", "xcomp"):
        head = next((c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")), x)
    of = next((c for c in head.children if c.dep_ == "prep" and _low(c) == "of"), None)
    if of is not None and head.pos_ in ("NOUN", "ADJ", "NUM", "PRON"):
        head = next((c for c in of.children if c.dep_ == "pobj"), head)   # `several of the partners`
    return _lemma(head) in lex.military_nouns or _low(head) in lex.pair_anaphors or bool(_codes_of(doc, [head]))


def _participation_object_codes(pred: Token, t: Token, doc: Doc, lex: Lexicon) -> List[str]:
    """`the exercise saw participation from X and Y`, `drew the involvement of X`: the
    countries of a participation noun the predicate takes as its object."""
    codes: List[str] = []
    for c in pred.children:
        if c.dep_ in ("dobj", "attr") and c.i != t.i and _lemma(c) in lex.participation_nouns:
            for x in c.children:
                if x.dep_ == "prep" and _low(x) in lex.participant_preps:
                    _add_new(codes, _codes_of(doc, subtree_tokens(x)))
    return codes


def _subject_codes(s: Token, t: Token, doc: Doc, lex: Lexicon) -> List[str]:
    """Codes of a holding verb's subject: `the two nations` -> the last pair named, `which`
    -> what the relative clause is on, else its noun phrase."""
    if (_low(s) in lex.pair_anaphors and s.tag_ == "NNS" and s.pos_ == "NOUN"
            and any(_low(c) in lex.pair_quantifiers for c in s.children)):
        return _pair_before(doc, s.sent, s)
    if _low(s) in RELATIVE_PRONOUNS and s.head.dep_ == "relcl":
        return _np_codes(doc, s.head.head, lex)
    if _low(s) in lex.speaker_pronouns and s.head.dep_ == "ccomp":
        # `Beijing said it will hold drills`: the pronoun is the one who says so
        speaker = _clause_subject(s.head.head)
        if speaker is not None and speaker is not s:
            return _np_codes(doc, speaker, lex)
    return _np_codes(doc, s, lex)


def _words_before_verb(doc: Doc, v: Token) -> List[Token]:
    """The words right before a verb back to the clause's start, a verb or a preposition
    (where the parser lost the subject: `as South Korea and the United States conduct ...`)."""
    j, left = v.i - 1, []
    while j >= v.sent.start and doc[j].pos_ not in ("VERB", "AUX", "SCONJ") and doc[j].text not in (",", ";", ":"):
        if doc[j].pos_ == "ADP" and not left:
            break
        left.append(doc[j])
        if doc[j].pos_ == "ADP":
            break
        j -= 1
    return left


def _holder_codes(t: Token, pred: Token, doc: Doc, lex: Lexicon,
                  codes: List[str], subjects: List[Token]) -> None:
    """Add the codes of who holds the exercise: the subjects of the predicate's verb chain,
    its `with` partners, the invited (`ask Tokyo to hold`)."""
    for v in _chain(pred):
        if lex.verb_class(_phrase(v, lex)) == "reference":
            break
        s = subject_inherited_through_clauses(v, lex)
        if s is not None and s.i != t.i and not any(x.i == t.i for x in s.subtree):
            _add_new(codes, _subject_codes(s, t, doc, lex))
            subjects.append(s)
        for c in v.children:
            if c.dep_ == "prep" and _low(c) in lex.partner_preps or c.dep_ == "agent":
                # `with X`; `drills inspected by X's leader`
                _add_new(codes, _codes_of(doc, subtree_tokens(c)))
            _add_new(codes, _partnership_codes(c, doc, lex))   # `in cooperation with X`
            if c.dep_ == "dobj" and c.i != t.i and _lemma(v) in lex.inviting_verbs:
                _add_new(codes, _np_codes(doc, c, lex))
        if s is None and v.tag_ in FINITE_TAGS and v.dep_ in ("advcl", "ccomp"):
            left = _words_before_verb(doc, v)
            _add_new(codes, _codes_of(doc, left))
            if left:
                break
        if s is not None:
            break


def _partnership_codes(c: Token, doc: Doc, lex: Lexicon) -> List[str]:
    """The partners of `in cooperation with X`, `in partnership with X` (c: the `in` child of
    the verb or trigger): each conjunct of X that is a state or forces (`the U.S. Pacific
    Command`), not a thing of theirs (`a United Nations peace support fund`)."""
    codes: List[str] = []
    if c.dep_ != "prep" or _low(c) != "in":
        return codes
    for o in c.children:
        if o.dep_ != "pobj" or _lemma(o) not in lex.partnership_nouns:
            continue
        for w in o.children:
            if w.dep_ == "prep" and _low(w) in lex.partner_preps:
                for x in _listed_items(w):
                    if _names_forces(x, doc, lex):
                        _add_new(codes, _codes_of(doc, subtree_tokens(x, skip=("conj", "cc", "appos"))))
    return codes


def participants_of(t: Token, pred: Optional[Token], doc: Doc, lex: Lexicon) -> Tuple[List[str], List[Token]]:
    """Codes of the participants, and the tokens (subjects) they came from."""
    codes = _trigger_phrase_codes(t, pred, doc, lex)
    subjects: List[Token] = []
    if pred is not None and t.dep_ not in ("nsubj",) or (pred is not None and _lemma(pred) in ("join",)):
        _holder_codes(t, pred, doc, lex, codes, subjects)
        if pred.dep_ == "xcomp" and _lemma(pred.head) in lex.asking_verbs:
            s = next((c for c in pred.head.children if c.dep_ == "nsubj"), None)
            if s is not None:
                _add_new(codes, _np_codes(doc, s, lex))
    return codes, subjects


def _clause_codes(doc: Doc, v: Token, lex: Lexicon) -> List[str]:
    """Codes a clause names outside its place phrases and its embedded reported speech."""
    skip: Set[int] = set()
    for x in v.subtree:
        if x.dep_ == "prep" and _low(x) in lex.location_preps and x.head.pos_ in VERB_POS:
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
                if o.ent_type_ in NON_PLACE_ENTS:
                    continue
                words = {_lemma(x) for x in o.subtree}
                placey = (o.ent_type_ in PLACE_ENTS or o.pos_ == "PROPN"
                          or _lemma(o) in lex.location_heads or bool(words & lex.location_heads & {_lemma(o)}))
                if placey:
                    out.append(o)
    return out


def location_of(t: Token, pred: Optional[Token], doc: Doc, lex: Lexicon) -> Tuple[Optional[str], Optional[str], Optional[Token]]:
    """(the place as written, its code, its head token) of the trigger's or predicate's place phrase."""
    locs = _location_phrases(t, pred, lex)
    if not locs:
        return None, None, None
    o = locs[0]
    start, end = _char_extent(subtree_tokens(o, skip=("relcl", "acl", "advcl", "appos")))
    toks = [x for x in doc if start <= x.idx < end]
    while toks and toks[0].dep_ == "det":
        toks = toks[1:]
    if not toks:
        return None, None, None
    text = doc_text(doc)[toks[0].idx:end].strip(" ,.;")
    try:
        code = get_resolver().code(text)
    except Exception:  # noqa: BLE001 - a resolver hiccup must not lose the event
        code = None
    if code is None:
        cs = _codes_of(doc, toks)
        code = cs[0] if len(cs) == 1 else None
    if code is None:
        code = _subdivision_country(text)
    return text, code, o


def _subdivision_country(place: str) -> Optional[str]:
    """The country of a first-level subdivision the place is or ends with (`Kerala`,
    `Eielson Air Force Base, Alaska`), where the name is one country's only."""
    resolver = get_resolver()
    subdivisions = getattr(resolver, "subdivisions", {})
    features = getattr(resolver, "geo_features", frozenset())
    for part in (place, place.split(",")[-1].strip()):
        last = part.split()[-1:] or [""]
        if last[0] in features or last[0].lower() in features or last[0].title() in features:
            continue  # `Red Sea` is a sea before it is a state of Sudan
        if part in subdivisions:
            return subdivisions[part]
    return None


def exercise_kind(t: Token, family: str, participants: Sequence[str], subjects: Sequence[Token],
                  location: Optional[str], lex: Lexicon) -> str:
    if family == "visit":
        return "port_visit"
    mods = _modifier_words(t)
    around = set(mods)
    for s in subjects:
        around |= {_lemma(x) for x in s.subtree} | {_low(x) for x in s.subtree}
    around |= _agent_words(t, lex)
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

Name = Tuple[Span, str, bool]   # (span, canonical name, standalone), as find_names gives them


@dataclass
class Candidate:
    """A trigger token (or a standalone name's root) with its family and the name it carries."""

    token: Token
    family: str
    name: Optional[Name]
    by_verb: bool = False    # a ship's visit told by its verb (`visited Da Nang`)


def _name_for(t: Token, names: List[Name]) -> Optional[Name]:
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
    """The tokens whose form or lemma is a trigger noun, in order: only they can have a family
    (found once per Doc and lexicon)."""
    key = f"events:exercises.trigger_candidates:{id(lex)}"
    held = doc.user_data.get(key)
    if held is None:
        held = doc.user_data[key] = [doc[i] for i in word_positions(doc, lex.trigger_nouns, lex.trigger_memo)]
    return held


def _triggers(doc: Doc, lex: Lexicon, names: List[Name]) -> Tuple[List[Candidate], Set[int]]:
    """The trigger nouns with a family (one per `exercises and drills`), and the starts of the names they carry."""
    doc_military = _doc_is_military(doc, lex)
    seen_families: Set[str] = set()
    used_names: Set[int] = set()
    candidates: List[Candidate] = []
    named_tokens = {i for sp, _, _ in names for i in range(sp.start, sp.end)}
    for t in _trigger_candidates(doc, lex):
        fam = trigger_family(t, lex, doc_military, seen_families, named_tokens)
        if fam is None:
            continue
        if t.dep_ == "conj" and t.head.i in {c.token.i for c in candidates}:
            prev = next(c for c in candidates if c.token.i == t.head.i)
            if (prev.family == "visit") == (fam == "visit"):
                continue  # `exercises and drills`: one event
        seen_families.add(fam)
        nm = _name_for(t, names)
        if nm is not None:
            used_names.add(nm[0].start)
        candidates.append(Candidate(t, fam, nm))
    return candidates, used_names


def _ship_visits(doc: Doc, lex: Lexicon) -> List[Candidate]:
    """Verbs of a ship visiting a port (`a U.S. aircraft carrier visited Da Nang`, `two
    frigates docked in Manila`, `called at Qingdao`): whose subject (or agent) names a ship."""
    out = []
    for i in word_positions(doc, lex.visit_verbs, lex.visit_memo):
        v = doc[i]
        if v.pos_ != "VERB" or (_lemma(v) == "call" and not any(c.dep_ == "prep" and _low(c) == "at" for c in v.children)):
            continue
        who = [c for c in v.children if c.dep_ == "nsubj"]
        who += [x for c in v.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
        if any(_is_ship(x, lex) for w in who for x in [w] + [c for c in w.children if c.dep_ == "conj"]):
            out.append(Candidate(v, "visit", None, by_verb=True))
    return out


def _is_ship(t: Token, lex: Lexicon) -> bool:
    """A noun that is a ship (`frigate`, `the aircraft carrier`, `USS Blue Ridge`), not a navy's people."""
    if _lemma(t) in lex.ship_words - lex.fleet_words or _low(t) in lex.ship_words - lex.fleet_words:
        return True
    return any(x.text in lex.ship_prefixes for x in t.lefts) or t.text in lex.ship_prefixes


def _verb_visit_place(v: Token, doc: Doc, lex: Lexicon) -> Tuple[Optional[str], Optional[str]]:
    """(place, code) of what a ship visits (`visited Da Nang`)."""
    for c in v.children:
        if c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ in PLACE_ENTS or c.pos_ == "PROPN"):
            toks = [x for x in subtree_tokens(c) if x.dep_ != "det" and not x.is_punct]
            text = doc_text(doc)[min(x.idx for x in toks):max(x.idx + len(x.text) for x in toks)]
            try:
                code = get_resolver().code(text)
            except Exception:  # noqa: BLE001 - a resolver hiccup must not lose the event
                code = None
            codes = _codes_of(doc, toks)
            return text, code or (codes[0] if len(codes) == 1 else None) or _subdivision_country(text)
    return None, None


def _candidates(doc: Doc, lex: Lexicon, names: List[Name]) -> List[Candidate]:
    """Triggers, then the standalone names no trigger carries (`RIMPAC will start in June`), in token order."""
    candidates, used_names = _triggers(doc, lex, names)
    candidates += _ship_visits(doc, lex)
    for sp, canon, standalone in names:
        if sp.start in used_names or not standalone:
            continue
        if any(sp.start <= c.token.i < sp.end for c in candidates):
            continue
        candidates.append(Candidate(sp.root, "named", (sp, canon, standalone)))
    candidates.sort(key=lambda c: c.token.i)
    return candidates


def _visit_destination_codes(pred: Optional[Token], doc: Doc, lex: Lexicon) -> List[str]:
    """`sent two frigates to Manila`: the port a visit is to."""
    codes: List[str] = []
    for c in (pred.children if pred is not None else []):
        if c.dep_ == "prep" and _low(c) in lex.destination_preps:
            _add_new(codes, _codes_of(doc, subtree_tokens(c)))
    return codes


def _joint_partners(t: Token, pred: Optional[Token], subjects: List[Token], location_code: Optional[str],
                    doc: Doc, lex: Lexicon) -> List[str]:
    """`joint exercises with US troops in the Philippines`: the other side is the subject's
    or the host's, else another state the clause names (`the issue of joint patrols came
    up when India's minister visited the U.S. Pacific Command`)."""
    extra: List[str] = []
    for s in subjects:
        extra += _np_codes(doc, s, lex)
    if location_code:
        extra.append(location_code)
    if pred is not None:
        extra += _clause_codes(doc, pred, lex)
    return extra


def _event_participants(c: Candidate, status: str, pred: Optional[Token], location_code: Optional[str],
                        doc: Doc, lex: Lexicon, last_with_participants: Dict[str, List[str]],
                        own: List[str]):
    """(participants, subjects) of one event: its own, a visit's host, a joint exercise's other
    side (all of which it also adds to `own`), else those of the group's last event, else the host."""
    t, fam = c.token, c.family
    # a mention's participants come from the trigger alone: the subject of `sets the terms
    # for joint exercises` does not take part in them
    participants, subjects = participants_of(t, pred if status != "mention" else None, doc, lex)
    group = "visit" if fam == "visit" else "exercise"
    if fam == "visit":
        if location_code and location_code not in participants:
            participants.append(location_code)
        _add_new(participants, _visit_destination_codes(pred, doc, lex))
    if len(participants) < 2 and _modifier_words(t) & lex.kind_cues["joint_exercise"]:
        for code in _joint_partners(t, pred, subjects, location_code, doc, lex):
            if len(participants) >= 2:
                break
            if code not in participants:
                participants.append(code)
    own.extend(participants)
    if not participants:
        participants = list(last_with_participants.get(group, []))
    if not participants and location_code and status != "mention":
        participants = [location_code]  # the host: `the Balikatan exercises began in the Philippines`
    if participants:
        last_with_participants[group] = list(participants)
    return participants, subjects


def _starts(pred: Optional[Token], lex: Lexicon) -> bool:
    """`begin the drills`, `set to start`: the predicate or its xcomp is a start verb."""
    if pred is None:
        return False
    phrase = _phrase(pred, lex)
    return lex.verb_class(phrase, pred.text) == "start" or _verb_class_of(pred, phrase, lex) == "start" or any(
        c.dep_ == "xcomp" and lex.verb_class(_phrase(c, lex), c.text) == "start" for c in pred.children)


def _dated_status(doc: Doc, status: str, pred: Optional[Token], anchor: Tuple[int, int], lex: Lexicon):
    """(status, event_date, date_start, date_end) with the governing date of the anchor."""
    tx = governing_date(doc, anchor[0], anchor[1])
    if tx is None:
        return status, None, None, None
    date_start, date_end = tx.range_start, tx.range_end
    pub = doc._.published_date
    return _status_by_date(status, pred, pub, tx.value, date_start, date_end, lex), tx.value, date_start, date_end


DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _status_by_date(status: str, pred: Optional[Token], pub, value: Optional[str], date_start, date_end,
                    lex: Lexicon) -> str:
    """The status the governing date's days correct: a start or a plan whose days hold the
    publication day is under way (`were set to start Monday`, written that Monday; `is
    scheduled from June 14 to 28`, written on the 14th); a start in a year before the
    publication's is over (`was launched in 2003`)."""
    if pub is None or date_start is None or date_end is None:
        return status
    if status == "held" and _starts(pred, lex) and date_start <= pub <= date_end:
        return "ongoing"
    if status == "planned" and DAY_VALUE.match(value or "") and date_start == pub:
        return "ongoing"  # the day it was planned to start is the day of writing
    if status == "ongoing" and _starts(pred, lex) and date_end.year < pub.year:
        return "held"
    return status


def _event(c: Candidate, doc: Doc, lex: Lexicon, last_with_participants: Dict[str, List[str]],
           own_codes: Dict[int, List[str]]) -> ExerciseEvent:
    """The event of one candidate; `own_codes[id(event)]`: the participants its own sentence
    names (not inherited from an earlier event)."""
    t, fam, nm = c.token, c.family, c.name
    if c.by_verb:   # a ship's visit told by its verb
        status, conf, pred = ("mention" if _negated(t, lex) else tense_status(t, lex)), 0.7, t
    else:
        status, conf, pred = exercise_status(t, lex)
    location, location_code, _ = location_of(t, pred, doc, lex)
    if location is None and c.by_verb:
        location, location_code = _verb_visit_place(t, doc, lex)
    if location and nm and nm[1].lower() in location.lower():
        location, location_code = None, None   # `took part in Keen Edge`: the exercise, not a place
    own: List[str] = []
    participants, subjects = _event_participants(c, status, pred, location_code, doc, lex, last_with_participants, own)
    kind = exercise_kind(t, fam, participants, subjects, location, lex)
    sent_start, sent_end = sentence_bounds(t.sent)
    anchor_start, anchor_end = (nm[0].start_char, nm[0].end_char) if fam == "named" else (t.idx, t.idx + len(t.text))
    status, event_date, date_start, date_end = _dated_status(doc, status, pred, (anchor_start, anchor_end), lex)
    if participants:
        conf = min(1.0, conf + 0.1)
    conf *= lex.confidence["scale"]
    ev = ExerciseEvent(
        action=status, actors=list(participants), sentence_start=sent_start, sentence_end=sent_end,
        anchor_start=anchor_start, anchor_end=anchor_end, confidence=round(conf, 2),
        event_date=event_date, date_start=date_start, date_end=date_end,
        exercise_name=nm[1] if nm else None, exercise_kind=kind, participants=list(participants),
        location=location, location_code=location_code, trigger=t.text if fam != "named" else nm[0].text,
    )
    own_codes[id(ev)] = own
    return ev


def extract_exercises(doc: Doc, lex: Optional[Lexicon] = None, name_matcher: Optional[PhraseMatcher] = None,
                      canonical: Optional[Dict[str, str]] = None) -> List[ExerciseEvent]:
    """The exercise events of a Doc (with the package's lexicon unless `lex` is given;
    gazetteer names only with a `name_matcher`)."""
    lex = lex or Lexicon.load()
    names: List[Name] = []
    if name_matcher is not None:
        names = find_names(doc, name_matcher, canonical or {}, lex)
        names = _merge_names(names, pattern_names(doc, lex))
    # an anaphoric `the drills` with no participant inherits those of the group's last event
    last_with_participants: Dict[str, List[str]] = {}
    candidates = _candidates(doc, lex, names)
    own_codes: Dict[int, List[str]] = {}
    events = [_event(c, doc, lex, last_with_participants, own_codes) for c in candidates]
    family_of = {id(ev): c.family for c, ev in zip(candidates, events)}
    keys = _exercise_keys(candidates, events, lex, doc._.published_date)
    completed = {id(ev) for c, ev in zip(candidates, events) if ev.action == "held" and _completes(c, lex)}
    described = {id(ev) for c, ev in zip(candidates, events) if ev.action == "planned" and _described(c, lex)}
    # the countries each exercise's own sentences name (an inherited `the drills` adds none)
    named_for: Dict[str, List[str]] = {}
    for ev in events:
        _add_new(named_for.setdefault(keys[id(ev)], []), own_codes[id(ev)])
    title_end = _title_end(doc)
    body_stated = {ev.sentence_start for ev in events if ev.anchor_start >= title_end and ev.action != "mention"}
    listed = _listed_exercises(candidates, events, keys, lex)
    aliases: Dict[str, str] = {}
    events = _dedupe(events, {ev.anchor_start for c, ev in zip(candidates, events) if _whole_of_a_part(c.token, lex)},
                     keys, aliases)
    if aliases:   # an unnamed exercise a sentence also names is the named one, wherever it recurs
        keys = {i: aliases.get(k, k) for i, k in keys.items()}
        for unnamed, named in aliases.items():
            _add_new(named_for.setdefault(named, []), named_for.pop(unnamed, []))
    for parent_key, ev in listed:
        keys[id(ev)] = "name:" + (ev.exercise_name or "").lower()
        _add_new(named_for.setdefault(keys[id(ev)], []), named_for.get(parent_key, []))
        events.append(ev)
    extra = _participation_sentences(doc, events, keys, lex)
    for key, codes in extra.items():
        _add_new(named_for.setdefault(key, []), codes)
    events = _over_not_under_way(events, keys, completed)
    out = _one_per_exercise_and_status(events, keys, lex.confidence, named_for, doc._.published_date,
                                       title_end, body_stated, described)
    if any(not ev.participants and ev.action != "mention" for ev in out):
        # an exercise the article names no country for is the one of the armed services it names
        service = _service_country(doc, lex)
        for ev in out:
            if service and not ev.participants and ev.action != "mention":
                ev.participants, ev.actors = [service], [service]
                ev.confidence = round(ev.confidence * lex.confidence["service_country"], 2)
    for ev in out:
        family = family_of.get(id(ev), "named")
        if not ev.participants and (family in lex.country_needing_families
                                    or family == "named" and not _name_said_military(doc, ev, lex)):
            ev.action = "mention"   # `officers on a routine patrol`, `New Horizons`: no country, no exercise
    return out


SERVICE_WINDOW = 3   # words before a service's name that may hold its country (`U.S. Indo-Pacific Command`)


def _service_country(doc: Doc, lex: Lexicon) -> Optional[str]:
    """The country whose armed services the article names most (`U.S. Navy`, `the Pakistan
    Navy`, `U.S. European Command`), the first named on a tie, or None."""
    counts: Dict[str, int] = {}
    order: List[str] = []
    actors = exercise_actors(doc)
    for i in word_positions(doc, lex.service_words, lex.service_memo):
        left = [doc[j] for j in range(max(0, i - SERVICE_WINDOW), i) if doc[j].sent.start == doc[i].sent.start]
        while left and any(x.is_punct or x.pos_ in VERB_POS for x in left):
            left = left[1:]   # only the words after the last break
        codes = actors.codes(left)
        if len(codes) == 1:
            counts[codes[0]] = counts.get(codes[0], 0) + 1
            if codes[0] not in order:
                order.append(codes[0])
    if not counts:
        return None
    return max(order, key=lambda c: counts[c])


def _described(c: Candidate, lex: Lexicon) -> bool:
    """The candidate's predicate is a copula (`the drills will be the largest ever`)."""
    if c.by_verb:
        return False
    pred = exercise_status(c.token, lex)[2]
    return pred is not None and _lemma(pred) == "be"


def _completes(c: Candidate, lex: Lexicon) -> bool:
    """The candidate's statement is that the exercise ended (`wrapped up`, `concluded`)."""
    if c.by_verb:
        return False
    pred = exercise_status(c.token, lex)[2]
    return pred is not None and (_phrase(pred, lex) in lex.completion_verbs or _lemma(pred) in lex.completion_verbs)


def _over_not_under_way(events: List[ExerciseEvent], keys: Dict[int, str], completed: Set[int]) -> List[ExerciseEvent]:
    """An exercise the article says ended is not also under way: its `ongoing` statements
    (`as it began the exercise on February 1`) are its course, unless of another year."""
    def year(ev: ExerciseEvent) -> str:
        y = (ev.event_date or "")[:4]
        return y if y.isdigit() else ""   # `PRESENT_REF`, `XXXX-02-01`: no year known

    ended: Dict[str, Set[str]] = {}
    for ev in events:
        if id(ev) in completed:
            ended.setdefault(keys[id(ev)], set()).add(year(ev))
    out = []
    for ev in events:
        years = ended.get(keys[id(ev)])
        if years is not None and ev.action == "ongoing" and (year(ev) in years or "" in years or not year(ev)):
            continue
        out.append(ev)
    return out


def _listed_exercises(candidates: List[Candidate], events: List[ExerciseEvent], keys: Dict[int, str],
                      lex: Lexicon) -> List[Tuple[str, ExerciseEvent]]:
    """(the key of the exercise they are listed under, event) for the named exercises an
    event's predicate or trigger lists (`parts of the exercise were scrapped, including Dynamic
    Front and Saber Strike`, `drills such as Cobra Gold were cancelled`): each has the status
    of the statement that lists it."""
    out: List[Tuple[str, ExerciseEvent]] = []
    seen: Set[int] = set()
    for c, ev in zip(candidates, events):
        if ev.action == "mention" or c.by_verb or c.family == "named":
            continue
        pred = exercise_status(c.token, lex)[2]
        for h in [c.token] + ([pred] if pred is not None else []):
            for p in h.children:
                if p.dep_ != "prep" or not (_low(p) in lex.listing_preps or
                                            (_low(p) == "as" and p.i > 0 and _low(p.doc[p.i - 1]) == "such")):
                    continue
                for item in _listed_items(p):
                    sp = _proper_run(item)
                    if sp is None or sp.start in seen or _actor_named(item.doc, sp, lex):
                        continue
                    seen.add(sp.start)
                    out.append((keys[id(ev)], dataclasses.replace(
                        ev, exercise_name=sp.text, anchor_start=sp.start_char, anchor_end=sp.end_char,
                        trigger=sp.text, participants=list(ev.participants), actors=list(ev.actors),
                        location=None, location_code=None,
                        confidence=round(ev.confidence * lex.confidence["listed"], 2))))
    return out


def _listed_items(p: Token) -> List[Token]:
    """The objects of a listing preposition and their conjuncts."""
    items = [c for c in p.children if c.dep_ == "pobj"]
    k = 0
    while k < len(items) and len(items) < 12:
        items += [c for c in items[k].children if c.dep_ in ("conj", "appos")]
        k += 1
    return items


def _proper_run(t: Token) -> Optional[Span]:
    """A proper noun with its capitalised compound words (`Joint Warfighting Assessment`), or None."""
    if t.pos_ != "PROPN" or not t.text[:1].isupper():
        return None
    start = t.i
    while start > 0 and t.doc[start - 1].dep_ == "compound" and t.doc[start - 1].head.i in range(start, t.i + 1) \
            and t.doc[start - 1].text[:1].isupper():
        start -= 1
    return t.doc[start:t.i + 1]


PARTICIPATION_WINDOW = 2   # a participation sentence is at most this many sentences after its exercise's


def _sentences_between(starts: List[int], a: int, b: int) -> int:
    """How many sentences on from the one starting at char a the one at char b is."""
    return bisect_right(starts, b) - bisect_right(starts, a)


def _participation_sentences(doc: Doc, events: List[ExerciseEvent], keys: Dict[int, str],
                             lex: Lexicon) -> Dict[str, List[str]]:
    """Countries that sentences without an exercise trigger say take part (the subject of a
    participation verb: `Troops from X and Y also joined`), by the exercise the article spoke
    of last before them, at most PARTICIPATION_WINDOW sentences before; and the countries a list
    of participants includes (`Participating nations included X, Y and Z`, `countries taking
    part in the drills include X`), by the exercise of its own sentence or the last before it."""
    with_trigger = {ev.sentence_start for ev in events}
    starts = [sent.start_char for sent in doc.sents]
    out: Dict[str, List[str]] = {}
    ordered = sorted(events, key=lambda e: e.sentence_start)
    first_words = {w.split()[0] for w in lex.participation_verbs} | lex.participant_list_verbs
    for i in word_positions(doc, first_words, lex.participation_memo):
        v = doc[i]
        if _lemma(v) in lex.participant_list_verbs:
            listed = _participant_list_codes(doc, v, lex)
            upto = [e for e in ordered if e.sentence_start <= v.sent.start_char]
            if listed and upto:
                _add_new(out.setdefault(keys[id(upto[-1])], []), listed)
            continue
        if v.sent.start_char in with_trigger or v.pos_ not in VERB_POS or not _participation_verb(v, lex):
            continue
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        before = [e for e in ordered if e.sentence_start < v.sent.start_char]
        if not subjects or not before or _sentences_between(
                starts, before[-1].sentence_start, v.sent.start_char) > PARTICIPATION_WINDOW:
            continue   # (`China has sent such weapons to the islands`, paragraphs after the patrols)
        codes = _codes_of(doc, [t for s in subjects for t in s.subtree])
        _add_new(out.setdefault(keys[id(before[-1])], []), codes)
    return out


def _participation_verb(v: Token, lex: Lexicon) -> bool:
    """v says its subject takes part: `participate`, `join`, `take part` (the verb with its object)."""
    return (_phrase(v, lex) in lex.participation_verbs or _lemma(v) in lex.participation_verbs
            or any(c.dep_ == "dobj" and f"{_lemma(v)} {_low(c)}" in lex.participation_verbs for c in v.children))


def _participant_list_codes(doc: Doc, v: Token, lex: Lexicon) -> List[str]:
    """The codes of what `include` v lists when its subject is the participants
    (`participants`, `participating nations`, `countries taking part`), else none."""
    if v.pos_ not in VERB_POS or _negated(v, lex):
        return []
    for s in (c for c in v.children if c.dep_ == "nsubj"):
        said_participants = _lemma(s) in lex.participant_nouns or any(
            (c.dep_ in ("amod", "compound") and _low(c) in lex.participating_modifiers) or
            (c.dep_ in ("acl", "relcl") and _participation_verb(c, lex)) for c in s.children)
        if said_participants:
            return _codes_of(doc, [t for c in v.children if c.dep_ in ("dobj", "attr") for t in c.subtree])
    return []


def _is_anaphoric(t: Token, lex: Lexicon) -> bool:
    """`the drills`, `this year's exercise`, `these manoeuvres`: a trigger that refers back."""
    return any((c.dep_ == "det" and _low(c) in lex.anaphor_determiners) or c.dep_ == "poss" for c in t.children)


def _exercise_keys(candidates: List[Candidate], events: List[ExerciseEvent], lex: Lexicon,
                   published=None) -> Dict[int, str]:
    """Which exercise of the article each event is (by the id of the event): its name; for an
    unnamed trigger that refers back (`the exercise`), the exercise of the event before it of the
    same group (a visit or an exercise); else an exercise of its own."""
    keys: Dict[int, str] = {}
    last: Dict[bool, str] = {}
    parts: Dict[str, Set[str]] = {}
    said_as: Dict[Tuple[bool, str, frozenset], str] = {}   # an unnamed exercise by how it was written
    for n, (c, ev) in enumerate(zip(candidates, events)):
        visit = ev.exercise_kind == "port_visit"
        written = (visit, _lemma(c.token), frozenset(_modifier_words(c.token)))
        if ev.exercise_name:
            key = "name:" + ev.exercise_name.lower()
        elif (_is_anaphoric(c.token, lex) or lex.trigger_nouns.get(_low(c.token)) == "edition") and visit in last \
                and not (ev.participants and parts.get(last[visit]) and parts[last[visit]].isdisjoint(ev.participants)):
            # `the exercise` is the one before, unless its sentence gives it other countries
            # altogether (`Japan and Vietnam agreed to hold their first exercise`)
            key = last[visit]
        elif written in said_as and not (ev.participants and parts.get(said_as[written])
                                         and parts[said_as[written]] != set(ev.participants)):
            # `a tactical rocket-firing drill` written again with the same words and no other
            # countries: the same exercise restated
            key = said_as[written]
        else:
            key = f"own:{n}"
        if not ev.exercise_name:
            said_as.setdefault(written, key)
        keys[id(ev)] = key
        parts.setdefault(key, set()).update(ev.participants)
        last[visit] = key
    return _unnamed_to_named(candidates, events, keys, published)


NAME_WINDOW_SENTENCES = 2
LEAD_SENTENCES = 2   # an article's lead: its first sentences (a caption or a credit line may come first)


def _unnamed_to_named(candidates: List[Candidate], events: List[ExerciseEvent], keys: Dict[int, str],
                      published=None) -> Dict[int, str]:
    """The article's first unnamed exercise, in its lead (`The U.S. and Japan wrapped up a joint
    command post exercise`, not a port visit), is the named exercise the article names nearest to it,
    in another sentence at most NAME_WINDOW_SENTENCES away (a lead describes the exercise the
    next sentence names), the nearer or the later on a tie; not when it is dated in the past
    (`an exercise in 2018`, `earlier`). Those that refer back to it follow. Later unnamed
    exercises stay apart (`a drill with X` after a named one is another)."""
    if not candidates:
        return keys
    doc = candidates[0].token.doc
    starts = [sent.start for sent in doc.sents]
    named: List[Tuple[int, str]] = []   # (sentence number, key)
    lead: Optional[Tuple[int, ExerciseEvent]] = None
    for c, ev in zip(candidates, events):
        if ev.exercise_kind == "port_visit":
            continue
        n = bisect_right(starts, c.token.i) - 1
        if keys[id(ev)].startswith("name:"):
            named.append((n, keys[id(ev)]))
        elif lead is None and keys[id(ev)].startswith("own:"):
            lead = (n, ev)
    if lead is None or not named or lead[0] >= LEAD_SENTENCES:
        return keys
    n, ev = lead
    if ev.event_date == "PAST_REF" or _earlier_year(ev, published):
        return keys
    near = [(abs(m - n), -m, k) for m, k in named if m != n and abs(m - n) <= NAME_WINDOW_SENTENCES]
    moved = {keys[id(ev)]: min(near)[2]} if near else {}
    return {i: moved.get(k, k) for i, k in keys.items()}


def _one_per_exercise_and_status(events: List[ExerciseEvent], keys: Dict[int, str],
                                 confidence: Dict[str, float],
                                 named_for: Dict[str, List[str]], published=None,
                                 title_end: int = 0, body_stated: Set[int] = frozenset(),
                                 described: Set[int] = frozenset()) -> List[ExerciseEvent]:
    """One event per exercise and status in an article (the first sentence that states it; a
    restatement is no new event, a new status is, and so is one that first says where the
    exercise takes place or dates another edition), its participants every country the
    article names for that exercise; an edition of a year before the publication's that
    names its own participants keeps them (`launched in 2003 by X with Y`). A statement in
    the title (before `title_end`) gives way to the body's first restatement, unless the
    title's sentence runs on into the body and states a status there too (`body_stated`:
    sentence starts). A plan told of an exercise already reported under way, in the same year,
    is its course (`is scheduled to run from June 14 to 28`, `will see X take part`), unless
    it describes the exercise by a copula (`described`: `will be the largest ever`)."""
    out: List[ExerciseEvent] = []
    first: Dict[Tuple[str, str], ExerciseEvent] = {}
    for ev in events:
        key = keys[id(ev)]
        kept = first.get((key, ev.action))
        if kept is None and ev.action == "held" and not ev.event_date:
            # `took part in the exercise` after it was reported under way: the same exercise
            kept = first.get((key, "ongoing"))
        if kept is None and ev.action == "planned" and id(ev) not in described and not _later_year(ev, published):
            # `this year's drills will be the largest ever`, `is scheduled to run from June 14 to
            # 28` after it was reported under way: its course, not a plan
            kept = first.get((key, "ongoing"))
            if kept is not None:
                if ev.location and not kept.location:
                    kept.location, kept.location_code = ev.location, ev.location_code
                continue   # (its days are the exercise's end, not another edition's)
        other_edition = kept is not None and _other_dates(kept.event_date, ev.event_date)
        if kept is not None and ev.action == kept.action and not other_edition \
                and kept.anchor_start < title_end <= ev.anchor_start and kept.sentence_start not in body_stated:
            kept.exercise_name = kept.exercise_name or ev.exercise_name
            _restate_at(kept, ev)   # the body states what the title did: the body's sentence
            continue
        if kept is not None and ev.action != "mention" and (kept.location or not ev.location) and not other_edition:
            kept.exercise_name = kept.exercise_name or ev.exercise_name
            continue
        if ev.action != "mention" and any(k == key and a != "mention" for k, a in first):
            ev.confidence = confidence["restated_status"]   # a new status of a reported exercise: less sure
        first[(key, ev.action)] = ev
        if named_for.get(key) and not (ev.participants and _earlier_year(ev, published)):
            ev.participants = list(named_for[key])
        ev.actors = list(ev.participants)
        out.append(ev)
    return out


CALENDAR_VALUE = re.compile(r"^\d{4}")


def _other_dates(a: Optional[str], b: Optional[str]) -> bool:
    """Two calendar dates of which neither holds the other (`2024` vs `2025-08`, not `2025`
    vs `2025-08-15`): another edition. `PRESENT_REF` and the like date nothing."""
    if not (a and b and CALENDAR_VALUE.match(a) and CALENDAR_VALUE.match(b)):
        return False
    return not (a.startswith(b) or b.startswith(a))


def _later_year(ev: ExerciseEvent, published) -> bool:
    """The event is dated in a year after the publication's: another edition."""
    return published is not None and ev.date_start is not None and ev.date_start.year > published.year


def _earlier_year(ev: ExerciseEvent, published) -> bool:
    """The event is dated in a year before the publication's: another edition."""
    return published is not None and ev.date_end is not None and ev.date_end.year < published.year


STATUS_RANK = {"cancelled": 0, "suspended": 0, "planned": 1, "ongoing": 1, "held": 1, "mention": 3}


TITLE_MAX_CHARS = 200
SENTENCE_ENDS = ".!?\"'”’:"


def _title_end(doc: Doc) -> int:
    """Where the article's title line ends (a first line with no sentence-final mark, before a
    line break or a ` | ` that sets it off), or 0."""
    text = doc_text(doc)
    head = text[:TITLE_MAX_CHARS + 1]
    ends = [i for i in (head.find("\n"), head.find(" | ")) if i > 0]
    nl = min(ends) if ends else -1
    if nl <= 0 or head[:nl].rstrip()[-1:] in SENTENCE_ENDS or not head[:nl].strip():
        return 0
    return nl


def _restate_at(kept: ExerciseEvent, ev: ExerciseEvent) -> None:
    """Move an event to the sentence of its restatement `ev`."""
    for f in ("sentence_start", "sentence_end", "anchor_start", "anchor_end", "trigger"):
        setattr(kept, f, getattr(ev, f))
    kept.location = kept.location or ev.location
    kept.location_code = kept.location_code or ev.location_code
    kept.event_date = kept.event_date or ev.event_date


def _whole_of_a_part(t: Token, lex: Lexicon) -> bool:
    """`drills as part of a joint exercise`: t is the exercise another is a part of."""
    of = t.head
    return (t.dep_ == "pobj" and of.dep_ == "prep" and _low(of) == "of" and _lemma(of.head) in lex.part_nouns
            and of.head.dep_ == "pobj" and _low(of.head.head) in lex.part_preps)


def _twin_of(ev: ExerciseEvent, out: List[ExerciseEvent], wholes: Set[int] = frozenset()) -> Optional[ExerciseEvent]:
    """An earlier event of the same group and sentence whose participants contain or are
    contained in ev's (not the exercise the other is a part of: `wholes`, by anchor)."""
    group = ev.exercise_kind == "port_visit"
    for o in out:
        if (ev.anchor_start in wholes) != (o.anchor_start in wholes):
            continue
        if o.sentence_start == ev.sentence_start and (o.exercise_kind == "port_visit") == group:
            if not set(ev.participants) - set(o.participants) or not set(o.participants) - set(ev.participants):
                return o
    return None


def _dedupe(events: List[ExerciseEvent], wholes: Set[int] = frozenset(), keys: Optional[Dict[int, str]] = None,
            aliases: Optional[Dict[str, str]] = None) -> List[ExerciseEvent]:
    """One event per exercise a sentence states: a second trigger of the same group in the same
    sentence with the same status and no new participant is the same exercise. Where one of
    the two is named and the other is an exercise of its own (`our future participation in
    multinational drills, the Kakadu exercise`), `aliases` takes the own key to the
    named one."""
    out: List[ExerciseEvent] = []
    for ev in events:
        twin = _twin_of(ev, out, wholes)
        if twin is None:
            out.append(ev)
            continue
        if keys is not None and aliases is not None:
            pair = sorted((keys[id(twin)], keys[id(ev)]))   # `name:` sorts before `own:`
            if pair[0].startswith("name:") and pair[1].startswith("own:"):
                aliases[pair[1]] = pair[0]
        if ev.action == "mention":
            if not twin.exercise_name and ev.exercise_name:
                twin.exercise_name = ev.exercise_name
            continue
        if twin.action == "mention" or STATUS_RANK[ev.action] < STATUS_RANK[twin.action]:
            # keep the stronger statement, carry over what the other knew
            ev.exercise_name = ev.exercise_name or twin.exercise_name
            ev.location = ev.location or twin.location
            ev.location_code = ev.location_code or twin.location_code
            _add_new(ev.participants, twin.participants if twin.action != "mention" else [])
            ev.actors = list(ev.participants)
            out[out.index(twin)] = ev
        else:
            twin.exercise_name = twin.exercise_name or ev.exercise_name
            twin.location = twin.location or ev.location
            _add_new(twin.participants, ev.participants)
            twin.actors = list(twin.participants)
    return out
