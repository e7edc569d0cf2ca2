"""Dates extractor: TIMEX3 temporal expressions of a Doc, resolved against its published date.

    nlp = build_nlp(); doc = nlp(make_doc(nlp, text, datetime.date(2020, 2, 25)))
    doc._.timexes   # [Timex(start_char, end_char, text, timex_type, value, mod, range_start, range_end)]

The patterns and their normalisers live in `transforms.extract.timex.core` (plain text in, values
out; see its docstring for the conventions: tense-directed weekdays and months,
underspecified `XXXX-...` values without a published date, ranges as two expressions,
what `range_start`/`range_end` cover). This module adds what spaCy knows: the tense of the
verb that governs an expression, sentence bounds (for anchoring `a day earlier`, clock
times, `overnight`), whether a noun follows (`2000 troops` is no year) and whether `May`
is a modal verb.

Event extractors date an event with `transforms.nlp.syntax.governing_date` (the date
expression whose dependency path reaches the trigger). Tense cues are data:
`lexicons/dates/tense.json`.
"""
from __future__ import annotations

import dataclasses
import datetime
from typing import FrozenSet, List, Optional

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from transforms.nlp.doctext import declare_extension, doc_text
from transforms.nlp.guard import guarded
from transforms.nlp.lexicon import load_json
from transforms.nlp.syntax import governing_timex, governing_verb  # noqa: F401  (re-exported)
from transforms.extract.records import Timex
from transforms.extract.timex.core import CUES, LEX, MONTHS
from transforms.extract.timex.core import find_timexes, normalise, value_range  # noqa: F401  (re-exported)

declare_extension("timexes")

# entity types of names that may open with a date word (`Saturday Night Live`, `the Sunday Post`)
_NAME_LABELS = CUES["name_entity_labels"]
_SCHEDULED_NOUNS = frozenset(LEX["scheduled_event_nouns"])

__all__ = ["TimexTagger", "extract_timexes", "governing_timex", "normalise", "tense_of"]

@dataclasses.dataclass(frozen=True)
class TenseCues:
    """Words that make a verb's tense future (lexicons/dates/tense.json)."""
    future_auxiliaries: FrozenSet[str]
    future_heads: FrozenSet[str]
    scheduling_verbs: FrozenSet[str]
    forward_verbs: FrozenSet[str]
    forward_prepositions: FrozenSet[str]
    forward_deps: FrozenSet[str]
    clause_marks: FrozenSet[str]
    report_verbs: FrozenSet[str]
    past_alike_verbs: FrozenSet[str]
    past_negated_modals: FrozenSet[str]
    factual_infinitive_modifiers: FrozenSet[str]
    weekday_words: FrozenSet[str]
    reported_plan_heads: FrozenSet[str]
    deadline_prepositions: FrozenSet[str]

    @classmethod
    def load(cls, folder: Optional[str] = None) -> "TenseCues":
        data = load_json("dates", "tense.json", folder)
        return cls(*(frozenset(data[f.name]) for f in dataclasses.fields(cls)))


def tense_of(verb: Optional[Token], cues: TenseCues, depth: int = 0, on_verb: bool = False) -> Optional[str]:
    """past / present / future of a verb from its tag and auxiliaries; None if unknown.
    `on_verb`: the date is the verb's own adverbial (not inside one of its noun phrases)."""
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & cues.future_auxiliaries or verb.lower_ in cues.future_auxiliaries:
        return "future"
    if any(a.tag_ == "MD" for a in auxes) or verb.tag_ == "MD":
        if lowers & cues.past_negated_modals and any(c.dep_ == "neg" for c in verb.children):
            return "past"                 # `could not be reached on Friday`
        if "have" in lowers and (verb.tag_ == "VBN" or (verb.tag_ == "VBG" and "been" in lowers)):
            return "past"                 # `may have been killed on Sunday`, `could have left Monday`,
                                          # `might have been hiding there in May` (perfect progressive)
        return "future"
    head = verb.head
    passive = verb.tag_ == "VBN" and "be" in lowers and "to" in lowers and head.i != verb.i and (
        head.lemma_.lower() in cues.future_heads or head.lower_ in cues.future_heads
        or (head.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("acl", "relcl")))
    if "to" in lowers and (verb.tag_ == "VB" or passive):
        # a to-infinitive; a passive one too where its head looks ahead (`is expected to be
        # signed in June`, `the next president, to be elected in November`)
        if head.i != verb.i and (head.lemma_.lower() in cues.future_heads or head.lower_ in cues.future_heads):
            if _simple_past(head, cues):
                return None               # `agreed to halt it on Monday`, `was expected to speak Friday`:
                                          # after the past head, before or after the report
            return "future"
        if head.i != verb.i and depth < 2 and passive and on_verb and head.pos_ in ("NOUN", "PROPN") \
                and verb.dep_ in ("acl", "relcl") and not any(
                    c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in cues.factual_infinitive_modifiers)
                    for c in head.children):
            # a passive infinitive of a noun is ahead of its clause (`the next president, to be
            # elected in November`), but in a clause in the simple past it is told as past (`hired
            # a firm, to be paid in March`), and after `the first` it is a fact (`the first woman
            # to be elected there in May`); an active one is no sure sign (`his refusal to appear
            # at Thursday's debate`, `the decision not to disclose it until June 30`)
            above = governing_verb(head)
            if above is None:
                return None
            return "past" if _simple_past(above, cues) else "future"
        if head.i != verb.i and depth < 2:
            return tense_of(governing_verb(head) if head.pos_ not in ("VERB", "AUX") else head, cues, depth + 1)
        return "future"
    if verb.lemma_.lower() in cues.scheduling_verbs and verb.tag_ == "VBN" and any(
            c.lower_ == "to" for c in verb.subtree):
        return "future"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VB" and any(a.lemma_ == "do" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"                  # `does not sit`, `do they meet`
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxes) or not auxes:
            return "past"
        return "present"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBG":
        if auxes:
            return "past" if any(a.tag_ == "VBD" for a in auxes) else "present"
        head = verb.head
        # a participle clause takes its main verb's tense; `before leaving` does not
        if head.i != verb.i and verb.dep_ not in ("pcomp", "pobj") and depth < 2:
            return tense_of(governing_verb(head), cues, depth + 1)
    return None


def _simple_past(verb: Token, cues: TenseCues) -> bool:
    """A verb in the simple past, active or passive (`agreed`, `was expected`), not a perfect,
    nor one spelt as its present (`set`)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" or a.tag_ == "MD" for a in auxes):
        return False
    if any(a.tag_ == "VBD" for a in auxes):
        return True
    return verb.tag_ == "VBD" and verb.lower_ not in cues.past_alike_verbs


def _reported_plan(verb: Token, cues: TenseCues) -> bool:
    """An infinitive under a head of expecting or planning in the simple past that a report verb governs
    (`said he expected to meet him`, `adding it was expected to be contained`): the past of
    reported speech, whose plan still lies ahead of the report."""
    head = verb.head
    return verb.dep_ == "xcomp" and (head.lemma_.lower() in cues.reported_plan_heads or head.lower_ in cues.reported_plan_heads) \
        and head.dep_ in ("ccomp", "conj", "advcl") and head.head.lemma_.lower() in cues.report_verbs \
        and _simple_past(head, cues)


def _moved_to(root: Token, verb: Token, cues: TenseCues) -> bool:
    """The date is where a forward verb moves something: its object (`set Nov. 10 as the
    deadline`) or under `to` / `until` (`extended the offer to Nov. 20`)."""
    head = root.head
    if head.i == verb.i:
        return root.dep_ in cues.forward_deps
    return root.dep_ == "pobj" and head.lower_ in cues.forward_prepositions and head.head.i == verb.i


def _on_verb(root: Token, verb: Token) -> bool:
    """The date is an adverbial of the verb itself: its dependent, or under a preposition of it."""
    if root.dep_ == "poss":
        return False
    head = root.head
    return head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i)


class _DocView:
    """spaCy look-ups the plain normaliser asks for, by character offset."""

    def __init__(self, doc: Doc, cues: TenseCues):
        self.doc = doc
        self.cues = cues
        self.text = doc_text(doc)
        # from arrays, not Token objects (making one per token cost more than the tagging)
        arr = doc.to_array([IDX, LENGTH, SENT_START]).tolist() if len(doc) else []
        self._i_at = {row[0]: i for i, row in enumerate(arr)}
        if doc.has_annotation("SENT_START") and arr:
            starts = [0] + [i for i in range(1, len(arr)) if arr[i][2] == 1]
            ends = starts[1:] + [len(arr)]
            self.sents = [(arr[a][0], arr[b - 1][0] + arr[b - 1][1]) for a, b in zip(starts, ends)]
        else:
            self.sents = [(0, len(doc.text))]

    def _tok(self, offset: int) -> Optional[Token]:
        i = self._i_at.get(offset)
        return None if i is None else self.doc[i]

    def span(self, start: int, end: int):
        return self.doc.char_span(start, end, alignment_mode="expand")

    def tense_at(self, start: int, end: int) -> Optional[str]:
        sp = self.span(start, end)
        if sp is None or len(sp) == 0:
            return None
        verb = self._verb_of(sp)
        if verb is not None and verb.lemma_.lower() in self.cues.forward_verbs and _moved_to(sp.root, verb, self.cues):
            return "future"
        on_verb = verb is not None and _on_verb(sp.root, verb)
        tense = tense_of(verb, self.cues, on_verb=on_verb)
        if tense is None and verb is not None and _reported_plan(verb, self.cues) \
                and sp.root.lower_ in self.cues.weekday_words:
            return "future"               # `said he expected to meet him on Wednesday`: `I expect to`,
                                          # said days ago at most
        if tense == "future" and verb is not None and not on_verb \
                and any(t.lower_.rstrip(".") in MONTHS for t in sp) and sp.root.head.lower_ not in _SCHEDULED_NOUNS:
            # a month (day) inside one of the verb's noun phrases (`could stem from Kim's order
            # in March`, `could affect the appeal of a Feb. 29 ruling`, `would be payback for
            # January's jump`): a modal or `will` says when the verb's event lies, not the
            # month's; a weekday there is still the coming one (`will air after Monday's finale`),
            # and so is a scheduled event the month names (`will vote in November's election`)
            return None
        if tense == "present" and verb is not None and (
                verb.lemma_.lower() in self.cues.report_verbs or verb.lower_ in self.cues.past_alike_verbs
                or not on_verb):
            # `officials say Monday ...` (a report), `stocks hurt it Friday` (the same form
            # as the past) or `Friday's close is ...` (the date inside a noun phrase): the
            # present tense says nothing of the date's direction
            return None
        return tense

    def _verb_of(self, sp) -> Optional[Token]:
        """The verb governing a date span, mended where the parse hangs the date on a
        clause that only starts after it (`warnings on Thursday that strikes could ...`:
        the clause's marker stands between them) or on a verb across a quotation mark."""
        verb = governing_verb(sp.root)
        if verb is None or verb.i < sp.end:
            return verb
        if verb.dep_ == "ccomp" and verb.head.i < sp.start and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") and c.left_edge.i >= sp.end for c in verb.children) \
                and not any(c.dep_ == "mark" and c.i < sp.start for c in verb.children):
            # `said on Monday it would launch a review`, `told the AP on Friday the program would`:
            # the date stands before the clause's subject, so it is the saying verb's
            return verb.head
        between = self.doc[sp.end:verb.i]
        if any(t.tag_ in ("``", "''") for t in between):
            return None
        if any(c.dep_ == "mark" and c.lower_ in self.cues.clause_marks and sp.end <= c.i < verb.i
               for c in verb.children):
            # the clause above; none known when the parse made the clause the root
            return governing_verb(verb.head) if verb.head.i != verb.i else None
        return verb

    def sentence_at(self, offset: int):
        for s, e in self.sents:
            if s <= offset < e:
                return s, e
        return 0, len(self.text)

    def noun_after(self, end: int) -> str:
        text = self.text
        i = end
        while i < len(text) and text[i].isspace():
            i += 1
        t = self._tok(i)
        if t is None or t.is_stop or t.pos_ not in ("NOUN", "PROPN"):
            return ""
        return t.tag_

    def age_head(self, start: int, end: int):
        """(the word `N-year-old` describes, its entity type, the dependency of `old`)."""
        sp = self.span(start, end)
        if sp is None or len(sp) == 0:
            return None
        old = sp[-1]
        head = old.head
        return head.lower_, head.ent_type_, old.dep_

    def direct_at(self, start: int, end: int) -> bool:
        """The span is an adverbial of its governing verb itself (`signed on March 15`), not
        under a forward preposition (`requested a reply by June 17`) nor in a noun phrase."""
        sp = self.span(start, end)
        if sp is None or len(sp) == 0:
            return False
        verb = self._verb_of(sp)
        root = sp.root
        if verb is None or not _on_verb(root, verb):
            return False
        return root.head.i == verb.i or not (root.head.lower_ in self.cues.forward_prepositions
                                             or root.head.lower_ in self.cues.deadline_prepositions)

    def name_goes_on(self, start: int, end: int) -> bool:
        """A name the parser found (an entity of name_entity_labels) goes on after the span
        with a capitalised word (`Saturday Night Live`, `The Tonight Show`, `April Jace`)."""
        sp = self.span(start, end)
        if sp is None or len(sp) == 0 or sp.end >= len(self.doc):
            return False
        nxt = self.doc[sp.end]
        return nxt.ent_iob_ == "I" and nxt.ent_type_ in _NAME_LABELS and nxt.text[:1].isupper()

    def modal_at(self, start: int, end: int) -> bool:
        t = self._tok(start)
        return t is not None and t.tag_ == "MD"


def extract_timexes(doc: Doc, published_date: Optional[datetime.date] = None,
                    cues: Optional[TenseCues] = None) -> List[Timex]:
    """The Doc's temporal expressions as `Timex` records (text order)."""
    view = _DocView(doc, cues or TenseCues.load())
    found = find_timexes(view.text, published_date, tense_at=view.tense_at, sentence_at=view.sentence_at,
                         noun_after=view.noun_after, modal_at=view.modal_at, age_head=view.age_head,
                         direct_at=view.direct_at, name_goes_on=view.name_goes_on)
    out = []
    for f in found:
        v = f.value
        lo, hi = value_range(v.value, v.mod, published_date)
        out.append(Timex(start_char=f.start, end_char=f.end, text=f.text, timex_type=v.timex_type,
                         value=v.value, mod=v.mod, range_start=lo, range_end=hi))
    return out


class TimexTagger:
    """Sets `doc._.timexes`, resolved against `doc._.published_date`."""

    def __init__(self, lexicons: Optional[str] = None):
        self.cues = TenseCues.load(lexicons)

    def __call__(self, doc: Doc) -> Doc:
        doc._.timexes = extract_timexes(doc, doc._.published_date, self.cues)
        return doc


@Language.factory(
    "timex_tagger", default_config={"lexicons": None}, assigns=["doc._.timexes"],
    requires=["token.dep", "token.tag", "token.pos", "token.lemma", "token.is_sent_start"])
def make_timex_tagger(nlp: Language, name: str, lexicons: Optional[str]):
    """`lexicons`: a folder holding tense.json (None: transforms/lexicons/dates)."""
    return guarded("timex_tagger", TimexTagger(lexicons))
