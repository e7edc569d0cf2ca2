"""Agreement events: treaties, pacts, alliances, deals, ceasefires ... and what happens to them.

The component `agreement_extractor` sets `doc._.agreements` to a list of
`records.AgreementEvent`.

How it works, on the dependency parse:
1. Agreement nominals: named agreements from `lexicons/agreements/names.tsv`
   (`Visiting Forces Agreement`, `VFA`, `New START`), trigger nouns and phrases from
   `lexicons/agreements/triggers.json` (`pact`, `alliance`, `cease-fire`, ...), and
   negotiation nouns with a topic (`talks on limiting nuclear missiles`).
2. For each nominal, climb the tree to what governs it: a verb whose object, passive
   subject or prepositional object it is (`end a pact`, `the pact was scrapped`,
   `withdraw from the treaty`, `agreed to a ceasefire`), through light nouns
   (`ruled out the possibility of an alliance`); an action noun (`a proposal for a
   cease-fire`); a participle on the nominal (`an agreement signed in 1998`). Cue
   words -> action come from `lexicons/agreements/actions.json`; heads such as `try to`,
   `urge to`, `refuse to` turn the action (negotiate, propose, reject); negation and
   modals go to `polarity` / `modality`. Raising predicates pass the agreement on to their
   infinitive (`the truce appears to be holding`, `is due to take effect`); nouns of keeping
   to an agreement count with the side that holds them (`Iran's compliance with the deal`).
3. Parties: the clause's subject (climbing through `it would` / `decided to`), the
   passive agent, `with X`, `between X and Y`, and the nominal's own modifiers
   (`a Russia-Philippines alliance`, `an Indian proposal`), coded by transforms.extract.actors.
4. `the pact` / `the agreement` with no name of its own takes the last named one; talks
   whose relative clause restarts them are a negotiation (`talks, which resume next month`);
   commitments kept or broken after an agreement of the article are that agreement
   (`Iran met its commitments`).
A nominal with no action is a `mention` (kept, the scorer ignores them).
The other words these rules read (pronouns, `both sides`, `hold talks`, ...) are in
`lexicons/agreements/context.json`. The lexicons are loaded when the component is made.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Dict, List, NamedTuple, Optional, Set, Tuple

from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from transforms.extract.actors import actor_index, get_resolver
from transforms.extract.memberships import membership_targets
from transforms.extract.records import AgreementEvent
from transforms.nlp.doctext import doc_text, per_doc, word_positions
from transforms.nlp.guard import guarded
from transforms.nlp.lexicon import load_json, load_tsv
from transforms.nlp.syntax import governing_date

# a longer sentence is cut to CLIP_CONTEXT_CHARS either side of the event's tokens
MAX_SENTENCE_CHARS = 600
CLIP_CONTEXT_CHARS = 200
MAX_CLIMB_HOPS = 6

OBJ_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative", "obj"}
PREMODIFIER_DEPS = ("compound", "amod", "nmod", "poss")
NOUN_POS = ("NOUN", "PROPN")
RELATIVE_PRONOUNS = ("that", "which")
TYPE_ANAPHOR_DETS = ("the", "this", "that", "any")
NAME_ANAPHOR_DETS = ("the", "this", "that")
NEGATIVE_DETS = ("no", "not")
NEGATION_WORDS = ("never",)
RECIPROCAL = ("each", "other")
# determiners that make an agreement noun refer back (`the deal`, `its accord`)
ANAPHOR_DETS = ("the", "this", "that", "these", "its", "their")
# entity labels of sides that are not states: a deal between them is no agreement event
PRIVATE_ENTS = ("ORG", "PERSON")
# actor kinds that name a state or an organisation of states
STATE_KINDS = ("country", "demonym", "capital", "organisation")
# the preposition through which an action noun governs its agreement: `a proposal for a truce`
ACTION_NOUN_PREPS = ("of", "for", "on", "to", "from", "with", "over", "about")
# the preposition to a nominal's topic: `an agreement on a truce`
TOPIC_PREPS = ("on", "for", "of", "about")
# `in nuclear talks`: talks as the setting of something else
SETTING_PREPS = ("in", "at", "during", "of", "after", "before", "since")
# `talks between X and Y` name their sides: a negotiation as much as `talks on X`
NEGOTIATION_TOPIC_PREPS = ("on", "about", "over", "to", "between")
PARTY_PREPS = ("with", "between", "among", "by")
# prepositions inside a noun phrase that name whom it stands for: `the leaders of X`, `officials from Y`
NP_PARTY_PREPS = ("of", "from")
# actions a head such as `try to` / `urge to` / `refuse to` turns into another
TURNABLE_ACTIONS = ("sign", "ratify", "implement", "extend", "negotiate", "terminate")
STANCE_ACTIONS = ("propose", "reject", "mention")
# acts only a party can do to an agreement: whoever keeps or breaks it (a verb's subject) is bound by it
BINDING_ACTIONS = ("implement", "violate")


# ----------------------------------------------------------------------------- lexicon

def _load_names(folder: Optional[str] = None) -> Dict[str, Tuple[str, Optional[str], str]]:
    """surface -> (canonical name, acronym, type)."""
    out: Dict[str, Tuple[str, Optional[str], str]] = {}
    for surface, canon, acro, atype in (row[:4] for row in load_tsv("agreements", "names.tsv", folder, columns=4)):
        out[surface] = (canon or surface, acro or None, atype or "other")
    return out


class Lexicon:
    """The cue words of one lexicon folder (None: the package's `lexicons/agreements/`)."""

    def __init__(self, folder: Optional[str] = None):
        trig = load_json("agreements", "triggers.json", folder)
        act = load_json("agreements", "actions.json", folder)
        ctx = load_json("agreements", "context.json", folder)
        self.names = _load_names(folder)
        conf = load_json("agreements", "confidence.json", folder)
        self.family_confidence: Dict[str, float] = conf["families"]
        self.no_party_penalty: float = conf["no_party"]
        self.mention_confidence: float = conf["mention"]
        self.nouns: Dict[str, str] = trig["nouns"]
        self.phrases: Dict[str, str] = trig["phrases"]
        self.noun_needs_modifier = set(trig["noun_needs_modifier"])
        self.meeting_modifiers = {k: set(v) for k, v in trig["meeting_modifiers"].items()}
        self.type_modifiers: Dict[str, str] = trig["type_modifiers"]
        self.negotiation_nouns = set(trig["negotiation_nouns"])
        self.negotiation_topics = set(trig["negotiation_topics"])
        self.speech_negotiation_forms = set(trig["speech_negotiation_forms"])
        self.light_nouns = set(trig["light_nouns"])
        self.hedge_nouns = set(trig.get("hedge_nouns", []))
        self.skip_after = set(trig["skip_after"])
        self.private_modifiers = set(trig["private_modifiers"])
        self.personal_modifiers = set(trig["personal_modifiers"])
        self.private_purpose_verbs = set(trig["private_purpose_verbs"])
        self.private_side_nouns = set(trig["private_side_nouns"])
        self.company_suffixes = set(trig["company_suffixes"])
        self.private_side_titles = set(trig["private_side_titles"])
        self.domestic_side_words = set(trig["domestic_side_words"])
        self.company_ticker = re.compile(trig["company_ticker_pattern"])
        self.membership_anaphors = set(trig["membership_anaphors"])
        self.private_purpose_objects = set(trig["private_purpose_objects"])
        self.private_purpose_any_object = set(trig["private_purpose_any_object"])
        self.membership_verbs: Dict[str, str] = trig["membership_verbs"]
        self.membership_nouns: Dict[str, str] = trig["membership_nouns"]
        self.membership_subject_verbs: Dict[str, str] = trig["membership_subject_verbs"]
        self.membership_bid_nouns = set(trig["membership_bid_nouns"])
        self.membership_status_nouns = set(trig["membership_status_nouns"])
        self.membership_preps = set(trig["membership_preps"])
        self.membership_predicate_nouns = set(trig["membership_predicate_nouns"])
        self.membership_organisations = set(trig["membership_organisations"])
        self.verbs: Dict[str, str] = act["verbs"]
        self.verb_preps: Dict[str, str] = act["verb_preps"]
        self.action_nouns: Dict[str, str] = act["nouns"]
        self.held_nouns: Dict[str, str] = act["held_nouns"]
        self.intransitive: Dict[str, str] = act["intransitive"]
        self.negative_interest = set(act["negative_interest"])
        self.ready_adjectives: Dict[str, str] = act.get("ready_adjectives", {})
        self.to_negotiate = set(act["to_negotiate"])
        self.to_propose = set(act["to_propose"])
        self.to_reject = set(act["to_reject"])
        self.planned_heads = set(act["planned_heads"])
        self.failure_heads = set(act["failure_heads"])
        self.for_clause_propose_heads = set(act["for_clause_propose_heads"])
        self.wish_heads = set(act["wish_heads"])
        self.ensure_heads = set(act["ensure_heads"])
        self.wish_turned_actions = set(act["wish_turned_actions"])
        self.head_words = (self.to_negotiate | self.to_propose | self.to_reject | self.planned_heads
                           | self.failure_heads | self.wish_heads)
        self.negated_to_reject = set(act["negated_to_reject"])
        self.negated_no_event = set(act["negated_no_event"])
        self.modal_planned = set(act["modal_planned"])
        self.modal_possible = set(act["modal_possible"])
        self.subject_pronouns = set(ctx["subject_pronouns"])
        self.person_pronouns = set(ctx["person_pronouns"])
        self.sides_words = set(ctx["sides_words"])
        self.many_state_nouns = set(ctx["many_state_nouns"])
        self.many_words = set(ctx["many_words"])
        self.type_anaphor_heads = set(ctx["type_anaphor_heads"])
        self.name_anaphor_heads = set(ctx["name_anaphor_heads"])
        self.negotiation_venue_heads = set(ctx["negotiation_venue_heads"])
        self.negotiation_venue_governors = set(ctx["negotiation_venue_governors"])
        self.negotiation_source_heads = set(ctx["negotiation_source_heads"])
        self.method_nouns = set(ctx["method_nouns"])
        self.negotiation_ongoing = set(ctx["negotiation_ongoing"])
        self.raising_predicates = set(ctx["raising_predicates"])
        self.negotiation_restart_verbs = set(ctx["negotiation_restart_verbs"])
        self.obligation_modals = set(ctx["obligation_modals"])
        self.possession_verbs = set(ctx["possession_verbs"])
        self.interest_nouns = set(ctx["interest_nouns"])
        self.skip_after_nouns = set(ctx["skip_after_nouns"])
        self.not_before_of = set(ctx["not_before_of"])
        self.condition_marks = set(ctx["condition_marks"])
        self.consequence_marks = set(ctx["consequence_marks"])
        self.only_time_marks = set(ctx["only_time_marks"])
        self.inversion_auxes = set(ctx["inversion_auxes"])
        self.accusation_verbs = set(ctx["accusation_verbs"])
        self.broker_verbs = set(ctx["broker_verbs"])
        self.report_verbs = set(ctx["report_verbs"])
        self.opinion_verbs = set(ctx["opinion_verbs"])
        self.offer_verbs = set(ctx["offer_verbs"])
        self.adjunct_preps = set(ctx["adjunct_preps"])
        self.event_nouns = set(ctx["event_nouns"])
        self.proposal_like = set(ctx["event_noun_skip_modifiers"])
        self.raising_verbs = set(ctx["raising_verbs"])
        self.into_force_nouns: Dict[str, str] = act["into_force_nouns"]
        self.into_force_words = set(act["into_force_words"])
        self.question_heads = set(ctx["question_heads"])
        self.question_marks = set(ctx["question_marks"])
        self.hypothesis_nouns = set(ctx["hypothesis_nouns"])
        self.hypothesis_modifiers = set(ctx["hypothesis_modifiers"])
        self.agreement_pronouns = set(ctx["agreement_pronouns"])
        self.state_pronouns = set(ctx["state_pronouns"])
        self.treaty_hosts = set(ctx["treaty_hosts"])
        self.pronoun_memo: Tuple[dict, dict] = ({}, {})
        self.bare_action_nouns: Dict[str, str] = ctx["bare_action_nouns"]
        self.bare_action_modifiers = set(ctx["bare_action_modifiers"])
        self.bare_memo: Tuple[dict, dict] = ({}, {})
        self.commitment_nouns = set(ctx["commitment_nouns"])
        self.commitment_verbs: Dict[str, str] = ctx["commitment_verbs"]
        self.commitment_memo: Tuple[dict, dict] = ({}, {})
        # only a token whose form or lemma is an agreement or negotiation noun can count;
        # `noun_memo` is word_positions' memo for these words
        self.noun_words = set(self.nouns) | set(self.negotiation_nouns)
        self.noun_memo: Tuple[dict, dict] = ({}, {})


def _build_matchers(vocab, lex: Lexicon) -> Tuple[PhraseMatcher, PhraseMatcher]:
    """(agreement names, case-sensitive; trigger phrases, lower-cased)."""
    tok = English().tokenizer
    names = PhraseMatcher(vocab, attr="ORTH")
    names.add("NAME", [tok(s) for s in lex.names])
    phrases = PhraseMatcher(vocab, attr="LOWER")
    phrases.add("PHRASE", [tok(s) for s in lex.phrases])
    return names, phrases


def _add_unique(out: List[str], codes) -> None:
    for c in codes:
        if c not in out:
            out.append(c)


def _is_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


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
        # parties the nominal is itself (an organisation taking in members: `joined NATO`)
        self.own_codes: List[str] = []
        self.pronoun = False    # `it`, standing for an agreement named before


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


def _premodifier_subtrees(t: Token) -> List[Token]:
    """The tokens of t's compound / amod / nmod / poss dependents: `Iraq's proposal`."""
    return [x for c in t.children if c.dep_ in PREMODIFIER_DEPS for x in c.subtree]


INSTRUMENT_PREPS = ("on", "of", "against", "for")


def _named_instrument(t: Token) -> bool:
    """`the Convention on the Law of the Sea`: a capitalised instrument with its subject
    (the preposition its own child, or, as the parser may hang it from the verb, the next
    word, followed by a capitalised name)."""
    if not t.text[0].isupper() or t.i <= t.sent.start:
        return False
    if any(c.dep_ == "prep" and c.lower_ in INSTRUMENT_PREPS for c in t.children):
        return True
    doc = t.doc
    j = t.i + 1
    if j + 1 >= len(doc) or doc[j].lower_ not in INSTRUMENT_PREPS:
        return False
    nxt = doc[j + 2] if doc[j + 1].lower_ == "the" and j + 2 < len(doc) else doc[j + 1]
    return nxt.text[:1].isupper() and nxt.pos_ == "PROPN"


def _is_agreement_noun(t: Token, lex: Lexicon) -> bool:
    """An agreement noun that counts here (not `a great deal`, `a framework of`, a bare `protocol`)."""
    low, lem = t.lower_, t.lemma_.lower()
    doc = t.doc
    if (lem in lex.skip_after_nouns or low in lex.skip_after_nouns) and t.i > 0 \
            and doc[t.i - 1].lower_ in lex.skip_after:
        return False
    if lem in lex.noun_needs_modifier and not _modifier_tokens(t) and not _named_instrument(t):
        return False
    meeting = lex.meeting_modifiers.get(lem, ())
    if meeting and any(m.lower_ in meeting or m.lemma_.lower() in meeting
                       for m in _modifier_tokens(t) + _premodifier_subtrees(t)):
        return False    # `the party's nominating convention`: a meeting, not an instrument
    if lem in lex.not_before_of and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
        return False
    return True


def _candidate_spans(doc: Doc, lex: Lexicon, matchers) -> List[Span]:
    """Names, trigger phrases, agreement nouns and negotiation nouns, longest first where they overlap."""
    names_m, phrases_m = matchers
    spans = [Span(doc, s, e, label="NAME") for _, s, e in names_m(doc)]
    spans += [Span(doc, s, e, label="PHRASE") for _, s, e in phrases_m(doc)]
    for i in word_positions(doc, lex.noun_words, lex.noun_memo):
        t = doc[i]
        if t.pos_ not in NOUN_POS:
            continue
        low, lem = t.lower_, t.lemma_.lower()
        if lem in lex.nouns or low in lex.nouns:
            if _is_agreement_noun(t, lex):
                spans.append(Span(doc, t.i, t.i + 1, label="NOUN"))
        elif low in lex.negotiation_nouns or lem in lex.negotiation_nouns:
            spans.append(Span(doc, t.i, t.i + 1, label="NEGOTIATION"))
    return filter_spans(spans)


def _nominal_of_span(sp: Span, lex: Lexicon) -> Nominal:
    if sp.label_ == "NAME":
        canon, acro, atype = lex.names[sp.text]
        return Nominal(sp, sp.root, canon, acro, atype, named=True)
    if sp.label_ == "PHRASE":
        return Nominal(sp, sp.root, atype=lex.phrases.get(sp.text.lower(), "ceasefire"))
    if sp.label_ == "NEGOTIATION":
        return Nominal(sp, sp.root, atype="other", negotiation=True)
    t = sp.root
    atype = _type_from_modifiers(_modifier_tokens(t), lex) or lex.nouns.get(t.lemma_.lower(), lex.nouns.get(t.lower_, "other"))
    return Nominal(sp, t, atype=atype)


def _merge_modifier_nominals(noms: List[Nominal]) -> List[Nominal]:
    """An agreement noun that only modifies another (`ceasefire agreement`) gives that
    one its type and name, and is dropped."""
    heads = {n.head.i for n in noms}
    merged = []
    for n in noms:
        h = n.head
        if h.dep_ in ("compound", "amod", "nmod") and h.head.i in heads and h.head.i != h.i:
            other = next(o for o in noms if o.head.i == h.head.i)
            if other.atype == "other" and n.atype != "other":
                other.atype = n.atype
            if n.named and not other.named:
                other.name, other.acronym, other.named = n.name, n.acronym, True
                if n.atype != "other":
                    other.atype = n.atype
            continue
        merged.append(n)
    return merged


def _type_from_topics(noms: List[Nominal]) -> None:
    """`an agreement on the terms of a cessation of hostilities`: the agreement is of its topic's type."""
    by_head = {n.head.i: n for n in noms}
    for n in noms:
        if n.atype != "other" or n.named:
            continue
        for c in n.head.children:
            if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
                typed = [by_head[t.i] for t in c.subtree if t.i in by_head and by_head[t.i].atype != "other"]
                if typed:
                    n.atype = typed[0].atype
                    n.topic = typed[0]
                    break


def find_nominals(doc: Doc, lex: Lexicon, matchers) -> List[Nominal]:
    noms = [_nominal_of_span(sp, lex) for sp in _candidate_spans(doc, lex, matchers)]
    merged = _merge_modifier_nominals(noms)
    _type_from_topics(merged)
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
    """The action of verb v on its object (prep None) or on the object of `prep` (`withdraw from`)."""
    keys = _verb_key(v)
    if prep is not None:
        p = prep.lower_
        for k in keys:
            if f"{k} {p}" in lex.verb_preps:
                return lex.verb_preps[f"{k} {p}"]
        return None
    for k in keys:
        if k in lex.verbs:
            return lex.verbs[k]
    return None


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


def _verb_conjuncts(v: Token) -> List[Token]:
    """v and the verbs coordinated with it that have no object of their own: `signed in
    2014 and ratified a year later`, `signed and ratified the treaty`."""
    return [v] + [c for c in v.conjuncts if _is_verb(c) and not any(
        g.dep_ == "dobj" or (g.dep_ in ("nsubj", "nsubjpass") and c.i > v.i) for g in c.children)]


def _clause_governors(nom: Nominal, lex: Lexicon) -> List[Governor]:
    """Participles and relative clauses on the nominal, and the verbs coordinated with them:
    `an agreement signed in 1998`, `a cessation of hostilities that could begin in days`,
    `the accord, signed in 2014 and ratified a year later,`."""
    govs: List[Governor] = []
    # a phrase's clause may hang from its last word (`the cessation of hostilities drawn up by X`)
    for c in [c for t in nom.span for c in t.children if c.i >= nom.span.end or t.i == nom.head.i]:
        if c.dep_ not in ("acl", "relcl") or not _is_verb(c):
            continue
        relative_subject = c.dep_ == "relcl" and any(
            ch.dep_ == "nsubj" and ch.lower_ in RELATIVE_PRONOUNS for ch in c.children)
        for v in _verb_conjuncts(c):
            hit = None
            if relative_subject:
                # `a truce that is due to take effect`; `a deal that began this week to stem migration`
                hit = _raised_governor(v, [nom.head], lex) or _intransitive_governor(v, [nom.head], lex)
            if hit is not None:
                govs.append(hit)
                continue
            act = verb_action(v, None, lex)
            # `the convention, which X has ratified`: the relative pronoun is the noun as object
            if not act or any(ch.dep_ == "dobj" and ch.lower_ not in RELATIVE_PRONOUNS for ch in v.children):
                continue
            if v.tag_ == "VBN" or any(ch.dep_ == "nsubjpass" for ch in v.children) or c.dep_ == "acl":
                govs.append(Governor(v, act, passive=True, path=[nom.head]))
            elif c.dep_ == "relcl" and not relative_subject:
                # `the agreement it signed with X`, `the deal Russia reached`: the noun is the object
                govs.append(Governor(v, act, path=[nom.head]))
    return govs


def _verb_phrase_action(verb: Token, lex: Lexicon) -> Optional[str]:
    """The action of a verb with its preposition and that one's object first (`signed it into
    law`, `was put into effect`: `put into effect`), else of the verb."""
    return next(
        (lex.verbs[k] for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
         for k in (f"{verb.lemma_.lower()} {c.lower_} {g.lower_}",) if k in lex.verbs), None) or verb_action(
        verb, None, lex)


def _object_governor(obj: Token, verb: Token, path: List[Token], govs: List[Governor],
                     lex: Lexicon) -> Optional[Governor]:
    """The verb of which the climb reached an object: `end a pact`, `has no intention of ...`,
    `put the accord into effect` (verb, preposition and its object: `put into effect`)."""
    if verb.lemma_.lower() in lex.report_verbs and any(
            t.lemma_.lower() in lex.action_nouns and t.pos_ == "NOUN" for t in path[1:]):
        return None     # `announced its exit from the pact`: the exit is the event
    act = _verb_phrase_action(verb, lex)
    if act:
        return Governor(verb, act, passive=(obj.dep_ == "nsubjpass"), path=path)
    if not any(g.action == "reject" for g in govs) and verb.lemma_ in lex.possession_verbs \
            and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children) \
            and obj.lemma_ in lex.negative_interest:
        return Governor(verb, "reject", path=path)
    return None


def _intransitive_governor(verb: Token, path: List[Token], lex: Lexicon) -> Optional[Governor]:
    """The verb of which the nominal is the subject: `the deal collapsed`,
    `the agreement entered into force`, `the deal took effect`."""
    # `the deal ended the war`; `the truce failed to stop the fighting`: a failure head with its
    # infinitive says what the deal did not do, not that it failed (`a deal that began this week
    # to stem migration` still began)
    transitive = any(c.dep_ == "dobj" or c.dep_ == "xcomp" and _purpose_clause(c)
                     and verb.lemma_.lower() in lex.failure_heads for c in verb.children)
    for k in _verb_key(verb):
        if k in lex.intransitive and not transitive:
            return Governor(verb, lex.intransitive[k], path=path)
    for c in verb.children:
        if c.dep_ == "acomp" and f"{verb.lemma_.lower()} {c.lower_}" in lex.intransitive:
            return Governor(verb, lex.intransitive[f"{verb.lemma_.lower()} {c.lower_}"], path=path)  # `is dead`
        if c.dep_ in ("prep", "dobj"):
            key = f"{verb.lemma_.lower()} {c.lower_}"
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and f"{key} {obj.lower_}" in lex.intransitive:
                return Governor(verb, lex.intransitive[f"{key} {obj.lower_}"], path=path)
            if key in lex.intransitive:
                return Governor(verb, lex.intransitive[key], path=path)
    return None


def _raised_verb(v: Token, lex: Lexicon) -> Optional[Token]:
    """`the truce appears to be holding`, `the deal is due to take effect`, `the pact is
    expected to be ratified`: the verb of the infinitive that a raising predicate (a verb, or
    an adjective after `be`) of context.json raising_predicates takes, whose subject is the
    subject of v; None when v is no such predicate."""
    heads = [v] if v.lemma_.lower() in lex.raising_predicates else [
        c for c in v.children if c.dep_ == "acomp" and c.lower_ in lex.raising_predicates]
    for head in heads:
        for c in head.children:
            if c.dep_ == "xcomp" and _is_verb(c) and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return c
    return None


def _raised_governor(v: Token, path: List[Token], lex: Lexicon) -> Optional[Governor]:
    """What the raised infinitive says happens to v's subject, the nominal: intransitive
    (`appears to be holding`, `is due to come into effect`) or passive (`is due to be
    implemented`)."""
    x = _raised_verb(v, lex)
    if x is None:
        return None
    gov = _intransitive_governor(x, path, lex)
    if gov is None and any(c.dep_ == "auxpass" for c in x.children):
        act = verb_action(x, None, lex)
        gov = Governor(x, act, passive=True, path=path) if act else None
    return gov


def _reduced_relative_governors(verb: Token, path: List[Token], lex: Lexicon) -> List[Governor]:
    """`the deal agreed last year would be implemented`, parsed with the deal as the subject of
    `agreed`: a past form of a transitive agreement verb with no object and no auxiliary is a
    participle on the nominal (sign), and a clause it heads that has no subject of its own
    states what happens to the nominal (`would be implemented`: implement)."""
    act = verb_action(verb, None, lex)
    if not act or verb.tag_ not in ("VBD", "VBN") or any(
            c.dep_ in ("dobj", "aux", "auxpass", "xcomp", "attr", "oprd") for c in verb.children):
        return []
    govs = [Governor(verb, act, passive=True, path=path)]
    # the clause may hang from the reduced verb or, beside it, from the verb above both
    siblings = [c for c in verb.head.children if c.i > verb.i and c.dep_ == "ccomp"] if verb.dep_ == "ccomp" else []
    for c in list(verb.children) + siblings[:1]:
        if c.dep_ not in ("ccomp", "conj") or not _is_verb(c) or any(
                g.dep_ in ("nsubj", "nsubjpass", "csubj") for g in c.children):
            continue
        if any(g.dep_ == "auxpass" for g in c.children):
            act = verb_action(c, None, lex)
            if act:
                govs.append(Governor(c, act, passive=True, path=path))
        else:
            gov = _intransitive_governor(c, path, lex)
            if gov is not None:
                govs.append(gov)
    return govs


def _into_force_noun(g: Token, lex: Lexicon) -> Optional[Token]:
    """`the entry into force of`: the noun before `into` when g is the force word after it
    (the parser may hang `into` from the noun or from the verb above it)."""
    if g.lower_ not in lex.into_force_words or g.dep_ != "pobj" or g.head.lower_ != "into" or g.head.i == 0:
        return None
    before = g.doc[g.head.i - 1]
    return before if before.lower_ in lex.into_force_nouns and before.pos_ in NOUN_POS + ("VERB",) else None


def _through_preposition(prep: Token, path: List[Token], govs: List[Governor],
                         lex: Lexicon) -> Optional[Tuple[Token, List[Token]]]:
    """The climb reached `prep` + nominal: a verb (`withdraw from`), a ready adjective
    (`ready for`), an action noun (`a proposal for`, climbing on), `no interest in`,
    or a light noun (`the possibility of`, climbing on). The next step, or None to stop."""
    g = prep.head
    p = prep.lower_
    if _is_verb(g):
        act = verb_action(g, prep, lex)
        if act:
            govs.append(Governor(g, act, prep=prep, path=path))
        return None
    if g.dep_ in ("prep", "prt", "advmod") and _is_verb(g.head):
        # `pulled out of`, `walked away from`: the particle the parser took for a preposition
        key = f"{g.head.lemma_.lower()} {g.lower_} {p}"
        if key in lex.verb_preps:
            govs.append(Governor(g.head, lex.verb_preps[key], prep=prep, path=path))
        return None
    if g.pos_ == "ADJ" and p == "for" and g.lower_ in lex.ready_adjectives:
        govs.append(Governor(g, lex.ready_adjectives[g.lower_], prep=prep, path=path))
        return None
    if g.pos_ not in NOUN_POS:
        return None
    entry = _into_force_noun(g, lex)
    if entry is not None:
        govs.append(Governor(entry, lex.into_force_nouns[entry.lower_], prep=prep, via_noun=True, path=path))
        return entry, path + [entry]
    glem = g.lemma_.lower()
    if glem in lex.held_nouns and p in ACTION_NOUN_PREPS and g.pos_ == "NOUN":
        if _held_by_a_side(g):
            govs.append(Governor(g, lex.held_nouns[glem], prep=prep, via_noun=True, path=path))
        return None
    if glem in lex.action_nouns and p in ACTION_NOUN_PREPS and g.pos_ == "NOUN":   # not `Violations Committee`
        govs.append(Governor(g, lex.action_nouns[glem], prep=prep, via_noun=True, path=path))
        return g, path + [g]
    modifier = next((c for c in g.children if c.dep_ in ("compound", "amod") and c.i < g.i and c.pos_ in NOUN_POS
                     and c.lemma_.lower() in lex.action_nouns and c.lemma_.lower() not in lex.proposal_like), None)
    if modifier is not None and p in ACTION_NOUN_PREPS and glem in lex.event_nouns:
        # `the signing ceremony for the pact`, `Implementation Day of the deal`, `a ratification vote on it`
        govs.append(Governor(modifier, lex.action_nouns[modifier.lemma_.lower()], prep=prep, via_noun=True, path=path))
        return g, path + [g]
    if glem in lex.interest_nouns and p == "in" and any(c.lower_ in NEGATIVE_DETS for c in g.children):
        govs.append(Governor(g, "reject", prep=prep, via_noun=True, path=path))
        return g, path
    if glem in lex.light_nouns or g.lower_ in lex.light_nouns:
        return g, path + [g]
    return None


def _held_by_a_side(g: Token) -> bool:
    """A noun of keeping to an agreement with the side that keeps it: `Iran's compliance`,
    `its commitment`, `X is in compliance with`; not `monitor compliance with the deal`, nor
    `no commitment to it` (no event)."""
    if any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in g.children) or _object_of_negated_verb(g):
        return False
    if any(c.dep_ == "poss" for c in g.children):
        return True
    return g.dep_ == "pobj" and g.head.lower_ == "in" and g.head.head.lemma_ == "be"


def _climb_step(nom: Nominal, cur: Token, path: List[Token], govs: List[Governor],
                lex: Lexicon) -> Optional[Tuple[Token, List[Token]]]:
    """One step up from `cur`: add what governs it to `govs`; the next (token, path), or None to stop."""
    dep, h = cur.dep_, cur.head
    if dep in ("nsubj", "nsubjpass") and _is_verb(h) and cur.i == nom.head.i and _raised_governor(h, path, lex):
        gov = _raised_governor(h, path, lex)
    elif dep in OBJ_DEPS and _is_verb(h):
        gov = _object_governor(cur, h, path, govs, lex)
    elif dep == "nsubj" and _is_verb(h) and cur.i == nom.head.i:
        gov = _intransitive_governor(h, path, lex)
        if gov is None and not nom.pronoun:
            govs.extend(_reduced_relative_governors(h, path, lex))
    elif dep == "pobj" and h.dep_ in ("prep", "agent", "dative"):
        return _through_preposition(h, path, govs, lex)
    elif dep in ("compound", "nmod", "amod") and h.pos_ in NOUN_POS:
        hlem = h.lemma_.lower()
        if hlem not in lex.action_nouns or h.pos_ != "NOUN":
            return None
        govs.append(Governor(h, lex.action_nouns[hlem], via_noun=True, path=path))
        return h, path + [h]
    elif dep in ("conj", "appos") and h.pos_ in NOUN_POS:
        return h, path
    else:
        return None
    if gov is not None:
        govs.append(gov)
    if dep in ("nsubj", "nsubjpass") and _is_verb(h) and cur.i == nom.head.i:
        have = {g.token.i for g in govs}
        govs.extend(g for g in _subject_conjunct_governors(h, path, lex) if g.token.i not in have)
    return None


def _subject_conjunct_governors(v: Token, path: List[Token], lex: Lexicon) -> List[Governor]:
    """The verbs coordinated after v that have no subject of their own share v's subject, the
    nominal: `the truce took effect on Monday but collapsed within hours`, `the pact expired
    and was not renewed`, `the ceasefire has been in place since May but has collapsed`; each
    says what happens to it (intransitive, raised, or passive: one event per action)."""
    out: List[Governor] = []
    for c in v.conjuncts:
        if c.i < v.i or not _is_verb(c) or any(
                g.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for g in c.children):
            continue
        gov = _raised_governor(c, path, lex) or _intransitive_governor(c, path, lex)
        if gov is None and any(g.dep_ == "auxpass" for g in c.children) and not any(
                g.dep_ == "dobj" for g in c.children):
            act = _verb_phrase_action(c, lex)
            gov = Governor(c, act, passive=True, path=path) if act else None
        if gov is not None:
            out.append(gov)
    return out


def find_governors(nom: Nominal, lex: Lexicon) -> List[Governor]:
    """Climb from the nominal to what happens to it (possibly several: `rejected a proposal
    for a cease-fire` is a reject and a propose; `signed and ratified the treaty` a sign and
    a ratify)."""
    govs = _clause_governors(nom, lex)
    cur, path = nom.head, [nom.head]
    for _ in range(MAX_CLIMB_HOPS):
        if cur.head.i == cur.i:
            break
        step = _climb_step(nom, cur, path, govs, lex)
        if step is None:
            break
        cur, path = step
    return govs + _coordinated_governors(govs, lex)


def _coordinated_governors(govs: List[Governor], lex: Lexicon) -> List[Governor]:
    """The verbs coordinated with a governing verb that share its object: `signed and ratified
    the treaty` (parsed with the treaty as the object of `ratified` only)."""
    out: List[Governor] = []
    have = {g.token.i for g in govs}
    for g in govs:
        if g.via_noun or g.prep is not None or g.token.dep_ in ("acl", "relcl") or not _is_verb(g.token):
            continue
        for v in _verb_conjuncts(g.token)[1:]:
            act = verb_action(v, None, lex)
            # `signed and ratified the treaty`; `the truce was extended and violated hours later`
            shares = v.i < g.token.i or g.passive and any(c.dep_ == "nsubjpass" for c in g.token.children) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
            if act and v.i not in have and shares:
                have.add(v.i)
                out.append(Governor(v, act, passive=g.passive, path=g.path))
    return out


# ----------------------------------------------------------------------------- modality

class Modality(NamedTuple):
    """What the heads above a governing verb say of it. `turned`: the action they turn it
    into (`try to sign` -> negotiate); `proposal`: the proposal noun it hangs from
    (`a proposal to sign`), when it is one."""
    polarity: str
    modality: str
    turned: Optional[str] = None
    proposal: Optional[Token] = None
    failed: bool = False
    conditional: bool = False
    method: bool = False        # `ways to put the accord into effect`: talk about doing it
    irrealis: Optional[str] = None  # `a call for X to leave`: propose; `a question`: mention
    wished: bool = False        # `campaigned to leave the EU`: a head of actions.json wish_heads


ASSERTED = Modality("positive", "asserted")


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
        if cur.head.i == cur.i or _own_clause_on_noun(cur):
            # `not a violation of the deal reached in 2015`: a clause on a noun has its own polarity
            return False
        cur = cur.head
        if cur.pos_ in NOUN_POS:
            via_noun = True
        if _is_verb(cur):
            return via_noun and any(c.dep_ == "neg" for c in cur.children)
    return False


def _own_clause_on_noun(v: Token) -> bool:
    """A participle clause (`the truce announced last week`) or a finite relative clause
    (`the deal that Iran signed`) on a noun: a clause of its own, not a complement of what governs the noun
    (an infinitive on a noun, `no plan to sign`, is not)."""
    if v.head.i == v.i or v.head.pos_ not in NOUN_POS or not _is_verb(v):
        return False
    if v.dep_ == "acl":
        return v.tag_ == "VBN"
    return v.dep_ == "relcl" and not _purpose_clause(v)


def _conj_root(v: Token) -> Token:
    """`to stop fighting and to respect the ceasefire`: the first verb of a coordination."""
    w = v
    for _ in range(4):
        if w.dep_ == "conj" and _is_verb(w.head) and w.head.i != w.i:
            w = w.head
        else:
            break
    return w


def _own_polarity_and_modality(v: Token, lex: Lexicon) -> Tuple[str, str]:
    """From v's own negation and auxiliaries: `did not sign`, `will sign`, `would end`."""
    polarity = "positive"
    modality = "asserted"
    for c in v.children:
        if c.dep_ == "neg" or c.lower_ in NEGATION_WORDS or c.lower_ == "longer" and any(
                g.lower_ == "no" for g in c.children):
            polarity = "negative"       # `not`, `never`, `no longer`
        if c.dep_ == "aux":
            if c.lower_ in lex.modal_planned:
                modality = "planned"
            elif c.lower_ in lex.modal_possible:
                modality = "possible"
    root = _conj_root(v)
    if root.i != v.i and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        # `will take effect in May and expire in 2030`: a conjunct with no auxiliary of its own
        # takes the first verb's modal (not its negation)
        modality = _own_polarity_and_modality(root, lex)[1]
    return polarity, modality


def modality_of(v: Token, lex: Lexicon) -> Modality:
    """Polarity, modality and turned action of the governing verb v, from v and the heads above it."""
    polarity, modality = _own_polarity_and_modality(v, lex)
    turned = None
    w = _conj_root(v)
    if w.dep_ == "relcl" and _purpose_clause(w) and w.head.i != w.i:
        ups = [w.head]      # `ways to put the accord into effect`: an infinitive on a noun
    else:
        ups = _verb_chain_up(w) if w.dep_ in ("xcomp", "acl", "ccomp", "advcl", "pcomp") else []
    for u in ups[:3]:
        if u.pos_ == "NOUN" and lex.action_nouns.get(u.lemma_.lower()) == "propose":
            return Modality(polarity, "proposed", "propose", u)
    failed = bool(ups) and w.dep_ == "xcomp" and _head_lemma(ups[0], lex) in lex.failure_heads
    irrealis = _for_clause_action(w, lex) or ("mention" if _asks_question(w) or _indirect_question(v, lex)
                                              or _under_hypothesis(v, lex) or _effect_clause(w, lex) else None)
    wished = False
    # the governor's own clause or any clause above it states a condition (`if X wants to sign`,
    # `if Britain becomes the first state to leave the EU`); or, not asserted, it has one under it
    conditional = any(_states_condition(x, lex) for x in (w, *w.ancestors)) or (
        modality != "asserted" and any(_has_condition_clause(x, lex) for x in {w, v}))
    crossed = False     # past a marked adverbial clause: `agreed a truce, though it has not been implemented`
    for i, u in enumerate(ups[:2]):
        lem = _head_lemma(u, lex)
        below = w if i == 0 else ups[i - 1]
        crossed = crossed or below.dep_ == "advcl" and any(c.dep_ == "mark" for c in below.children)
        direct = i == 0 and (w.dep_ in ("xcomp", "acl") or w.dep_ == "relcl" and _purpose_clause(w)
                             or w.dep_ == "pcomp" and w.head.lower_ not in lex.adjunct_preps or _bare_gerund(w))
        if direct and lem in lex.to_reject:
            turned = "reject"
        elif (direct or i == 0 and w.dep_ == "advcl" and _purpose_clause(w)) and lem in lex.to_negotiate:
            # `try to reach a deal`; `leaders meet to agree on a deal`
            turned = "negotiate"
        elif direct and lem in lex.to_propose:
            turned = "propose"
        wished = wished or direct and lem in lex.wish_heads
        if lem in lex.planned_heads and modality == "asserted" and not crossed:
            modality = "planned"
        # an adjective head takes the negation of its copula: `would never be able to reach`
        own = list(u.children) + (list(u.head.children) if u.dep_ == "acomp" and u.pos_ == "ADJ" else [])
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ in NEGATIVE_DETS and u.pos_ == "NOUN"
               for c in own) and i == 0 and direct:
            polarity = "negative"       # `did not try to`, `no plans to leave`
    if turned is None and _aimed_at(w, lex):
        turned = "propose"      # `pushing to ensure the deal comes into force`
    method = turned == "negotiate" and bool(ups) and ups[0].pos_ == "NOUN"
    return Modality(polarity, modality, turned, None, failed, conditional, method, irrealis, wished)


def _aimed_at(w: Token, lex: Lexicon) -> bool:
    """`pushing to ensure the deal comes into force`, `urged them to ensure the truce takes hold`,
    `the call was to make sure that the truce can hold`: w's clause is what an infinitive of
    ensuring (actions.json ensure_heads) aims at, not what happens (`Kenya ensured that the
    truce held` is left alone)."""
    if w.dep_ != "ccomp" or w.head.i == w.i:
        return False
    u = w.head
    key = u.lemma_.lower()
    if key not in lex.ensure_heads and u.head.i != u.i:
        key = f"{u.head.lemma_.lower()} {key}"     # a two-word head (`make sure`): the infinitive is its verb
        u = u.head
    return key in lex.ensure_heads and any(c.dep_ == "aux" and c.lower_ == "to" for c in u.children)


def _for_clause_action(w: Token, lex: Lexicon) -> Optional[str]:
    """`its call for Britain to leave the EU`, `campaigned for Britain to quit the EU`: a `for X
    to V` clause states no V; under a head of actions.json for_clause_propose_heads (the verb
    or noun it hangs from, or the word before `for`) it is a propose, else no event."""
    to = next((c for c in w.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    mark = next((c for c in w.children if c.dep_ == "mark" and c.lower_ == "for"), None)
    if mark is None and to is not None and to.i > 0:
        # `her support for Peru to sign`, parsed as `support for Peru` with `to sign` apart;
        # not `met for the first time to negotiate`, `waited for years to sign`
        mark = next((t for t in w.doc[to.i - 1].ancestors if t.dep_ == "prep" and t.lower_ == "for"
                     and t.right_edge.i + 1 == to.i and not any(
                         x.ent_type_ in ("DATE", "TIME", "ORDINAL", "CARDINAL") for x in t.subtree)), None)
    if mark is None or to is None:
        return None
    heads = [w.head, mark.head] + ([w.doc[mark.i - 1]] if mark.i > 0 else [])
    return "propose" if any(_head_lemma(h, lex) in lex.for_clause_propose_heads for h in heads) else "mention"


def _asks_question(v: Token) -> bool:
    """`Should the UK approve the treaty?`, `Will Britain leave the EU?`: v's clause opens with
    its auxiliary before its subject and ends in a question mark (a yes/no question states
    nothing; `Why did X break the truce?` is left alone)."""
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    first = next((t for t in v.subtree if not t.is_punct), None)
    if subj is None or first is None or first.dep_ not in ("aux", "auxpass") or first.head.i != v.i \
            or first.i > subj.i:
        return False
    end = next((t for t in v.doc[v.i:v.sent.end] if t.text in ("?", ".", "!")), None)
    return end is not None and end.text == "?"


def _indirect_question(v: Token, lex: Lexicon) -> bool:
    """`a referendum on whether Britain should leave the EU`, `decide whether to ratify the
    treaty`: v is in a clause that asks (marked by context.json question_marks); an open
    question states nothing. Not `Whether or not X agrees, Y will sign` (that clause is under
    v, not above it), nor the interview's `Asked whether X ruled out a pact, he said yes`
    (the answer follows; see _states_condition)."""
    for a in [v] + list(v.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in lex.question_marks for c in a.children):
            return not (a.head.tag_ == "VBN" and a.head.lemma_.lower() in lex.question_heads)
    return False


def _under_hypothesis(v: Token, lex: Lexicon) -> bool:
    """`the possibility that Britain will leave the EU`, `the prospect of reaching a deal`,
    `fears that the vote could lead to an exit`, `concerns that Iran may reject the deal`: v is
    in a clause (or an `of` phrase) on a noun of context.json hypothesis_nouns, what may happen,
    not what does."""
    cur = v
    for _ in range(4):
        h = cur.head
        if h.i == cur.i:
            return False
        if h.pos_ == "NOUN":
            return h.lemma_.lower() in lex.hypothesis_nouns and (
                cur.dep_ in ("acl", "relcl", "ccomp") or cur.dep_ == "prep" and cur.lower_ == "of")
        if h.pos_ != "ADP" and cur.dep_ != "pcomp":
            return False    # a verb above: v is in that verb's clause, not the noun's
        cur = h
    return False


def _effect_clause(w: Token, lex: Lexicon) -> bool:
    """`leaving the EU would jeopardize the economy`, `to quit the pact will cost jobs`: w's
    clause is the subject of a verb with a modal, what the act would do, not that it happens
    (as `_hypothetical_effect` for an action noun as subject)."""
    return w.dep_ in ("csubj", "csubjpass") and w.head.i != w.i and any(
        c.dep_ == "aux" and (c.lower_ in lex.modal_possible or c.lower_ in lex.modal_planned) for c in w.head.children)


def _object_of_negated_verb(n: Token) -> bool:
    """n is the object of a negated verb (`did not see any violation`)."""
    return n.dep_ in OBJ_DEPS and _is_verb(n.head) and any(c.dep_ == "neg" for c in n.head.children)


def _head_lemma(u: Token, lex: Lexicon) -> str:
    """u's lemma, or its form de-inflected to a head word of the lexicon when the
    lemmatiser went wrong (`hopes` -> `hop`)."""
    lem = u.lemma_.lower()
    low = u.lower_
    particles = [f"{lem} {c.lower_}" for c in u.children if c.dep_ == "prt"]     # `ruled out`
    for cand in (*particles, lem, low, low[:-1], low[:-2], low[:-1] if low.endswith("d") else lem):
        if cand in lex.head_words:
            return cand
    return lem


def _bare_gerund(v: Token) -> bool:
    """`ruled out rejoining the pact`: a gerund the parser hung as a clause, with no mark."""
    return v.dep_ == "advcl" and v.tag_ == "VBG" and not any(c.dep_ in ("mark", "nsubj") for c in v.children)


def _purpose_clause(v: Token) -> bool:
    """v is a `to` infinitive of purpose: `met to agree on a truce`."""
    return v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _states_condition(v: Token, lex: Lexicon) -> bool:
    """`if X breaks the truce`, `should either side break the truce`: v heads a condition."""
    if v.dep_ != "advcl" or v.head.lemma_.lower() in lex.question_heads:
        return False
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return any(c.dep_ == "mark" and c.lower_ in lex.condition_marks for c in v.children) or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in lex.inversion_auxes and subj is not None and c.i < subj.i
        for c in v.children)


def _has_condition_clause(v: Token, lex: Lexicon) -> bool:
    """`the truce will hold if both sides pull back`, `the deal will take effect only when
    ratified`: v has a condition under it."""
    for c in v.children:
        if c.dep_ != "advcl":
            continue
        if any(g.dep_ == "mark" and g.lower_ in lex.consequence_marks for g in c.children):
            return True
        opening = {t.lower_ for t in c.doc[c.left_edge.i:c.i]}
        if "only" in opening and opening & lex.only_time_marks:
            return True
    return False


# ----------------------------------------------------------------------------- parties

def _phrase_tokens_through_of(t: Token) -> List[Token]:
    """The noun phrase of t without its clauses, punctuation, `and`, and prepositions
    other than `of` and `from` (`officials from X`; unlike nlp.syntax.subtree_tokens, which
    keeps every preposition)."""
    out = [t]
    for c in t.children:
        if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct", "cc") or (c.dep_ == "prep" and c.lower_ not in NP_PARTY_PREPS):
            continue
        out.extend(_phrase_tokens_through_of(c))
    return out


@per_doc
def _mention_counts(doc: Doc) -> Dict[str, int]:
    """How often the article names each actor code, in order of first mention."""
    counts: Dict[str, int] = {}
    seen = set()
    for m in actor_index(doc).by_token.values():
        if id(m) in seen:
            continue
        seen.add(id(m))
        counts[m["code"]] = counts.get(m["code"], 0) + 1
    return counts


def _doc_pair(doc: Doc, leave_out=()) -> List[str]:
    """The article's two most named states: who `both sides` / `each other` are; `leave_out`
    codes are not counted."""
    counts = [(c, n) for c, n in _mention_counts(doc).items() if c not in leave_out]
    top = sorted(counts, key=lambda kv: -kv[1])[:2]
    return [c for c, n in top if n >= 2] if len(top) == 2 and top[1][1] >= 2 else []


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


def _hyphenated_pair_codes(t: Token) -> Optional[List[str]]:
    """`U.S.-Soviet`, `Russia-Philippines` as one token: each side is a party."""
    if "-" not in t.text or len(t.text) <= 3:
        return None
    parts = [get_resolver().code(x) for x in t.text.split("-") if x]
    return parts if len(parts) >= 2 and all(parts) else None


def _is_reciprocal(t: Token) -> bool:
    return t.lower_ == RECIPROCAL[0] and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == RECIPROCAL[1]


DATELINE_MAX_TOKENS = 6


@per_doc
def _dateline_end(doc: Doc) -> int:
    """The index after a dateline in capitals opening the article (`UNITED NATIONS China
    and ...`, `BRUSSELS Leaders of ...`): a place the story was filed from, no party. 0 when
    the article opens otherwise."""
    i = 0
    while i < min(len(doc), DATELINE_MAX_TOKENS) and (doc[i].is_space or doc[i].is_upper and len(doc[i]) > 1
                                                      or doc[i].text in (",", "-", "—", ".")):
        i += 1
    if i == 0 or i >= len(doc) or not any(doc[j].is_alpha for j in range(i)):
        return 0
    nxt = doc[i]
    return i if nxt.text[:1].isupper() and not nxt.is_upper else 0


def _many_states(t: Token, lex: Lexicon) -> bool:
    """`175 states`, `many countries`, `other nations`: states the text does not name (not
    `the two countries`, which are the article's pair)."""
    if t.lower_ not in lex.many_state_nouns:
        return False
    for c in t.children:
        if c.dep_ == "nummod" and c.lower_ not in ("two", "2"):
            return True
        if c.dep_ in ("amod", "det") and c.lower_ in lex.many_words:
            return True
    return False


def _unnamed_states_act(gov: Optional["Governor"], lex: Lexicon) -> bool:
    """The governing verb's subject (or agent), or the subject of the verb it completes, is
    states the text does not name (`175 states signed the deal`, `they` after them)."""
    if gov is None or gov.via_noun:
        return False
    path_heads = {t.i for t in gov.path}
    v = gov.token
    for _ in range(5):
        subj = _agent(v) or next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # `they had ratified`, `the deal comes into force`: who acts is further up
        if subj is not None and _is_verb(v) and subj.lower_ not in lex.subject_pronouns and subj.i not in path_heads:
            return _many_states(subj, lex)
        # up through `to`-clauses, `the first step of signing`, `a vote to approve`
        if v.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "prep", "pobj", "acl", "dobj") \
                or v.head.i == v.i:
            return False
        v = v.head
    return False


def _codes_of_tokens(tokens, by_tok: Dict[int, dict], lex: Lexicon) -> List[str]:
    """The actor codes the tokens name, in text order, unique; `he` / `she`, `both sides`
    and `each other` resolved; not a dateline's place."""
    out: List[str] = []
    dateline = _dateline_end(tokens[0].doc) if tokens else 0
    for t in sorted(tokens, key=lambda t: t.i):
        if t.i < dateline:
            continue
        m = by_tok.get(t.i)
        code = m["code"] if m else None
        pair = _hyphenated_pair_codes(t)
        if pair:
            _add_unique(out, pair)
            continue
        if code is None and t.lower_ in lex.person_pronouns and t.pos_ == "PRON":
            code = _resolve_pronoun(t, by_tok)
        if code is None and (t.lower_ in lex.sides_words and not _many_states(t, lex) or _is_reciprocal(t)):
            _add_unique(out, _doc_pair(t.doc))
            continue
        if code:
            _add_unique(out, [code])
    return out


def _direct_subject(v: Token) -> Optional[Token]:
    """v's own nsubj / csubj child (not inherited through a head)."""
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


def _accused(cur: Token, verb: Token, lex: Lexicon) -> Optional[Token]:
    """`X accused Y of breaching the truce`: Y, when cur is the `of`/`for` clause of an accusation verb."""
    if cur.dep_ != "pcomp" or cur.head.lower_ not in ("of", "for") or verb.lemma_.lower() not in lex.accusation_verbs:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def subject_codes(v: Token, by_tok: Dict[int, dict], lex: Lexicon) -> List[str]:
    """Codes of the clause's subject, climbing through `decided to`, `it would`,
    `decision to` (the deciding noun's possessor)."""
    cur = v
    came_from_xcomp = False
    for _ in range(5):
        ag = _agent(cur) if cur.tag_ == "VBN" else None
        subj = ag or _direct_subject(cur)
        if subj is None and came_from_xcomp and cur.lemma_.lower() in lex.raising_verbs:
            # `X are expected to sign`, `X is set to join`: the raised subject
            subj = next((c for c in cur.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            codes = _codes_of_tokens(_phrase_tokens_through_of(subj), by_tok, lex)
            if codes:
                return codes
            if subj.lower_ not in lex.subject_pronouns:
                return []
        # noun heads: `Duterte's decision to end`
        if cur.pos_ in NOUN_POS and cur.i != v.i:
            codes = _codes_of_tokens(_premodifier_subtrees(cur), by_tok, lex)
            if codes:
                return codes
        if cur.dep_ in ("xcomp", "ccomp", "acl", "advcl", "conj", "pcomp", "relcl", "acomp") and cur.head.i != cur.i:
            nxt = cur.head
            if nxt.dep_ == "prep":
                nxt = nxt.head
            came_from_xcomp = cur.dep_ == "xcomp"
            accused = _accused(cur, nxt, lex)
            codes = _codes_of_tokens(_phrase_tokens_through_of(accused), by_tok, lex) if accused is not None else []
            if codes:
                return codes    # the accused state; accused rebels leave the accuser, a side of the truce
            if cur.dep_ == "relcl" and not any(c.lower_ in ("where", "when") for c in cur.children):
                # (`in Doha, where the deal was clinched`: the place is no party)
                codes = _codes_of_tokens(_phrase_tokens_through_of(nxt), by_tok, lex)
                if codes:
                    return codes
            cur = nxt
            continue
        if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
            cur = cur.head.head
            continue
        if cur.dep_ == "dobj" and cur.i != v.i and cur.lemma_.lower() in lex.method_nouns and _is_verb(cur.head):
            cur = cur.head      # `X discussed ways to put the accord into effect`: whoever discusses
            continue
        break
    return []


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


def _prep_objects(t: Token, preps=PARTY_PREPS) -> List[Token]:
    """The noun phrases of t's `with` / `between` / `among` / `by` objects."""
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend(_phrase_tokens_through_of(g))
    return out


def _venue_modifier(t: Token, head: Token, by_tok: Dict[int, dict]) -> bool:
    """A capital naming the agreement by where it was made (`the Paris deal`, `the Minsk
    accords`): a compound of the noun itself, not a side (a hyphenated pair is)."""
    m = by_tok.get(t.i)
    return (m is not None and m["kind"] == "capital" and t.dep_ == "compound" and t.head.i == head.i
            and _hyphenated_pair_codes(t) is None)


def _own_side_codes(nom: Nominal, by_tok: Dict[int, dict], lex: Lexicon) -> List[str]:
    """The sides in the nominal's own modifiers and `with` / `between` objects:
    `a Russia-Philippines alliance`, `a pact between X and Y`."""
    head = nom.head
    codes: List[str] = []
    modifier_codes = _codes_of_tokens([t for t in _premodifier_subtrees(head) if t.i < head.i
                                       and not _venue_modifier(t, head, by_tok)], by_tok, lex)
    # `the U.N. arms trade treaty`: the forum, not a side (`U.N. talks` are the UN's)
    _add_unique(codes, [c for c in modifier_codes if nom.negotiation or c not in lex.treaty_hosts])
    _add_unique(codes, _codes_of_tokens(_prep_objects(head), by_tok, lex))
    return codes


def _topic_side_codes(nom: Nominal, by_tok: Dict[int, dict], lex: Lexicon, stance: bool) -> List[str]:
    """`a framework agreement for peace between X and Y`; for a ceasefire (not a stance on
    one), the war it stops: `a cessation of hostilities in Syria`, `an agreement on a truce in X`."""
    head = nom.head
    codes: List[str] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "on"):
            for g in c.children:
                if g.dep_ == "pobj":
                    _add_unique(codes, _codes_of_tokens(_prep_objects(g, ("between",)), by_tok, lex))
    if nom.atype == "ceasefire" and not stance:
        for h in [head] + ([nom.topic.head] if nom.topic is not None else []):
            _add_unique(codes, _codes_of_tokens([t for t in _phrase_in_objects(h) if t.i in by_tok
                                                 and by_tok[t.i]["kind"] == "country"], by_tok, lex))
    return codes


def _governor_party_codes(nom: Nominal, gov: Governor, by_tok: Dict[int, dict], lex: Lexicon,
                          stance: bool = False) -> List[str]:
    """The sides named on the way up (light and action nouns) and by the governor: its
    subject or agent, `with X`; for an action noun, its modifiers and its own verb's subject."""
    codes: List[str] = []
    for t in gov.path:
        if t.i != nom.head.i:
            _add_unique(codes, _codes_of_tokens(_premodifier_subtrees(t), by_tok, lex))
            _add_unique(codes, _codes_of_tokens(_prep_objects(t), by_tok, lex))
    g = gov.token
    if gov.via_noun and g.dep_ in ("compound", "amod") and gov.prep is not None and gov.prep.head.i == g.head.i:
        g = g.head      # `a ratification vote on the treaty`: the parties are around the vote
    if gov.via_noun:
        _add_unique(codes, _codes_of_tokens(_premodifier_subtrees(g), by_tok, lex))
        _add_unique(codes, _codes_of_tokens(_prep_objects(g, PARTY_PREPS + ("from",)), by_tok, lex))
        # the noun's verb: `X rejected a proposal`, `X renewed negotiations`
        if g.dep_ in OBJ_DEPS | {"nsubj"} and _is_verb(g.head):
            _add_unique(codes, subject_codes(g.head, by_tok, lex) if g.dep_ != "nsubj" else [])
            _add_unique(codes, _codes_of_tokens(_prep_objects(g.head), by_tok, lex))
        elif g.dep_ == "pobj" and g.head.dep_ == "prep" and _is_verb(g.head.head):
            _add_unique(codes, subject_codes(g.head.head, by_tok, lex))
        return codes
    agent = _agent(g)
    sides = _codes_of_tokens([t for t in _prep_objects(g) if t.head.lower_ != "by"], by_tok, lex)
    if g.lemma_.lower() in lex.broker_verbs and len(set(codes) | set(sides)) >= 2:
        # `a deal brokered by Qatar between X and Y`: the broker is no party
        _add_unique(codes, sides)
        return codes
    subject = subject_codes(g, by_tok, lex) if not gov.passive or agent is not None or g.dep_ != "acl" else []
    if stance and not subject and g.dep_ == "ccomp" and any(
            c.dep_ == "nsubj" and c.i == nom.head.i for c in g.children):
        # `Kenya is pushing to ensure the pact comes into force`: the agreement is the clause's
        # subject; who takes the stance is the subject above
        subject = subject_codes(g.head, by_tok, lex)
    if gov.passive and agent is not None:
        _add_unique(codes, _codes_of_tokens(_phrase_tokens_through_of(agent), by_tok, lex))
    _add_unique(codes, subject)
    _add_unique(codes, _codes_of_tokens(_prep_objects(g), by_tok, lex))
    if gov.action == "propose" and g.lemma_.lower() in lex.offer_verbs:
        # `offered Sudan a truce`, `proposed a ceasefire to Sudan`: the other side
        _add_unique(codes, _codes_of_tokens(
            [t for c in g.children if c.dep_ == "dative" for t in _phrase_tokens_through_of(c)]
            + _prep_objects(g, ("to",)), by_tok, lex))
    return codes


def party_codes(nom: Nominal, gov: Optional[Governor], by_tok: Dict[int, dict], lex: Lexicon,
                stance: bool = False) -> List[str]:
    """The parties of the event, in the order found."""
    codes = _own_side_codes(nom, by_tok, lex)
    if len([c for c in codes if c not in nom.own_codes]) >= 2:     # (`Sweden's NATO bid` names one side)
        # the nominal names its own sides (`U.S.-Soviet talks`, `a pact between X and Y`);
        # those who join it are parties too (`X and Y said they would join the A-B pact`)
        if gov is not None and not gov.via_noun and gov.token.lemma_.lower() in lex.membership_verbs:
            _add_unique(codes, subject_codes(gov.token, by_tok, lex))
        return codes
    _add_unique(codes, _topic_side_codes(nom, by_tok, lex, stance))
    if gov is not None:
        _add_unique(codes, _governor_party_codes(nom, gov, by_tok, lex, stance))
    return codes


# ----------------------------------------------------------------------------- events

def _clipped_sentence_bounds(doc: Doc, tokens: List[Token]) -> Tuple[int, int]:
    """The character bounds of the tokens' sentence, trailing whitespace left out; a
    sentence longer than MAX_SENTENCE_CHARS is clipped to CLIP_CONTEXT_CHARS either side
    of the tokens (nlp.syntax.sentence_bounds keeps the whole sentence)."""
    sent = tokens[0].sent
    s, e = sent.start_char, sent.end_char
    if e - s > MAX_SENTENCE_CHARS:
        lo = min(t.idx for t in tokens)
        hi = max(t.idx + len(t) for t in tokens)
        s = max(s, lo - CLIP_CONTEXT_CHARS)
        e = min(e, hi + CLIP_CONTEXT_CHARS)
    text = doc_text(doc)
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@dataclasses.dataclass
class _Found:
    """An event, with what `_share_parties` reads of it."""
    event: AgreementEvent
    nominal: int        # the token index of the nominal's head
    shared: bool        # a participle on the nominal (`an agreement signed with X`): shares the main event's parties
    anaphoric: bool = False     # `the deal`, `this accord`: refers to an agreement named before
    private: bool = False       # its sides are companies or people, not states (`Yahoo entered into a partnership`)
    unnamed: bool = False       # done by states the text does not name (`175 states signed the deal`)
    opinion: bool = False       # a view of it (`opposed by the candidates`), not an act on it
    brokers: Tuple[str, ...] = ()   # who brokered it (`the truce, brokered by Qatar,`): no party of an agreement known
    talks: bool = False         # talks / negotiations themselves (a negotiation noun as the event)
    # a deal or talks between companies (to buy or merge with one) or binding a person under the
    # law (a plea deal): no agreement between states, whoever is named
    corporate: bool = False
    binding: bool = False       # a verb keeping or breaking it (`X violated the truce`): its subject is bound by it


def _party_names(anchor: Token, parties: List[str], by_tok: Dict[int, dict]) -> List[str]:
    """For each party, the first mention of it in the anchor's sentence."""
    doc = anchor.doc
    names: List[str] = []
    for c in parties:
        for t in doc[anchor.sent.start:anchor.sent.end]:
            m = by_tok.get(t.i)
            if m and m["code"] == c and m["text"] not in names:
                names.append(m["text"])
                break
    return names


def _make_event(doc: Doc, nom: Nominal, gov: Optional[Governor], action: str, by_tok: Dict[int, dict],
                lex: Lexicon, polarity="positive", modality="asserted",
                parties_given: Optional[List[str]] = None) -> _Found:
    anchor = gov.token if gov is not None else nom.head
    s, e = _clipped_sentence_bounds(doc, [anchor, nom.head])
    parties = list(parties_given) if parties_given else party_codes(nom, gov, by_tok, lex,
                                                                    stance=action in STANCE_ACTIONS)
    _add_unique(parties, nom.own_codes)
    lo = min(anchor.idx, nom.span.start_char)
    hi = max(anchor.idx + len(anchor), nom.span.end_char)
    tx = governing_date(doc, lo, hi) if action != "mention" else None
    ev = AgreementEvent(
        action=action, actors=list(parties), sentence_start=s, sentence_end=e,
        anchor_start=anchor.idx, anchor_end=anchor.idx + len(anchor),
        confidence=_confidence(nom, gov, action, parties, lex),
        event_date=tx.value if tx is not None else None,
        date_start=tx.range_start if tx is not None else None,
        date_end=tx.range_end if tx is not None else None,
        agreement_name=nom.name, agreement_acronym=nom.acronym, agreement_type=nom.atype or "other",
        parties=list(parties), party_names=_party_names(anchor, parties, by_tok), polarity=polarity,
        modality=modality, trigger=anchor.text,
    )
    shared = gov is not None and gov.token.dep_ in ("acl", "relcl") and gov.token.head.i == nom.head.i and (
        gov.passive or any(c.dep_ == "nsubj" and c.lower_ in lex.subject_pronouns for c in gov.token.children))
    anaphoric = nom.pronoun or not nom.named and any(
        c.dep_ in ("det", "poss") and c.lower_ in ANAPHOR_DETS for c in nom.head.children)
    modifier_words = {t.lower_ for t in _modifier_tokens(nom.head)}
    controlled_sides = _side_tokens(nom, gov, lex, controller=True)
    private = not parties and (_private_sides(nom, gov, controlled_sides, by_tok, lex) or not modifier_words.isdisjoint(lex.private_modifiers))
    opinion = gov is not None and not gov.via_noun and gov.token.lemma_.lower() in lex.opinion_verbs
    brokers = tuple(subject_codes(gov.token, by_tok, lex) + _codes_of_tokens(
        [t for a in [_agent(gov.token)] if a is not None for t in _phrase_tokens_through_of(a)], by_tok, lex)) \
        if gov is not None and not gov.via_noun and gov.token.lemma_.lower() in lex.broker_verbs else ()
    # (`a plea deal`, `his probation agreement`: a person's, whatever state is named)
    corporate = _corporate_purpose(nom, by_tok, lex) or _company_side(controlled_sides, by_tok, lex) or \
        not modifier_words.isdisjoint(lex.personal_modifiers)
    binding = gov is not None and not gov.via_noun and action in BINDING_ACTIONS
    return _Found(ev, nom.head.i, shared, anaphoric, private or corporate,
                  not parties and _unnamed_states_act(gov, lex), opinion, brokers, corporate=corporate,
                  binding=binding)


def rule_family(nom: Nominal, gov: Optional[Governor]) -> str:
    """Which kind of rule found the event: `membership` (an organisation taking members),
    `pronoun` (`it`), `talks` (a negotiation noun itself), `noun` (an action noun: `the
    signing of`), `clause` (a participle or relative clause on the nominal), `verb` (a verb
    whose object or subject it is)."""
    if nom.own_codes:
        return "membership"
    if nom.pronoun:
        return "pronoun"
    if nom.negotiation:
        return "talks"
    if gov is not None and gov.via_noun:
        return "noun"
    if gov is not None and gov.token.dep_ in ("acl", "relcl", "ccomp") and (
            gov.token.head.i == nom.head.i or gov.passive):
        return "clause"
    return "verb"


def _confidence(nom: Nominal, gov: Optional[Governor], action: str, parties: List[str], lex: Lexicon) -> float:
    if action == "mention":
        return lex.mention_confidence
    conf = lex.family_confidence[rule_family(nom, gov)]
    return round(max(0.05, conf - (lex.no_party_penalty if not parties else 0.0)), 2)


def _side_tokens(nom: Nominal, gov: Optional[Governor], lex: Lexicon, controller: bool = False) -> List[Token]:
    """The tokens of the deal's sides: the governing verb's subject or agent (through `it`
    to a company subject above; with `controller`, through an infinitive to the subject of
    the verb it completes), the nominal's modifiers and `with` / `between` objects, the
    verb's `with` objects."""
    sides = _premodifier_subtrees(nom.head) + _prep_objects(nom.head)
    verb = gov.token if gov is not None and not gov.via_noun else None
    if verb is None and gov is not None and nom.negotiation and gov.token.i == nom.head.i:
        verb = _clause_verb(nom.head)    # `Verizon is in talks with advertisers`
    if verb is not None:
        subj = _agent(verb) or _subject_through_pronouns(verb, lex, controller)
        if subj is not None:
            sides += _phrase_tokens_through_of(subj)
        sides += _prep_objects(verb)
    return sides


def _private_sides(nom: Nominal, gov: Optional[Governor], controlled_sides: List[Token],
                   by_tok: Dict[int, dict], lex: Lexicon) -> bool:
    """The deal's sides name a company or a person the actor lexicons do not know; an
    infinitive's controller (among `controlled_sides`, the sides read through an infinitive)
    counts when it is such a company (`Sharp hoped to finalize the deal`), not a person, who
    may speak for a state (`Tusk hopes to finalize a deal`)."""
    return any(t.ent_type_ in PRIVATE_ENTS and t.i not in by_tok for t in _side_tokens(nom, gov, lex)) or any(
        t.ent_type_ == "ORG" and t.i not in by_tok for t in controlled_sides)


def _company_side(controlled_sides: List[Token], by_tok: Dict[int, dict], lex: Lexicon) -> bool:
    """A side of the deal (`controlled_sides`: its sides, an infinitive's controller among them) is a company or a private person, whatever state the sentence also
    names: a noun of triggers.json private_side_nouns (`a deal with a hotel chain`, `a plea
    deal with prosecutors`), a judge (private_side_titles: `approved by U.S. District Judge X`),
    an organisation's name ending in a company suffix (`Canada's Mitel Networks Corp`) or with
    a stock ticker (`Apple (AAPL.O)`); or a body within one state (domestic_side_words:
    `the city council approved the agreement`, `a deal with legislative leaders`), written in
    lower case as a common noun or adjective, not a name (`Mexico City`)."""
    # (an infinitive's controller counts: `the city council voted to accept the deal`, `the two
    # companies aim to finalize the deal`)
    for t in controlled_sides:
        if t.i in by_tok:
            continue
        if t.pos_ in ("NOUN", "ADJ") and t.text in lex.domestic_side_words:
            return True
        if t.pos_ == "NOUN" and t.lower_ in lex.private_side_nouns or t.lower_ in lex.private_side_titles \
                or t.i > 0 and t.doc[t.i - 1].text == "(" and lex.company_ticker.match(t.text):
            return True
        if t.ent_type_ == "ORG" and t.lower_.rstrip(".") in lex.company_suffixes \
                and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].ent_iob_ != "I"):
            return True
    return False


def _corporate_purpose(nom: Nominal, by_tok: Dict[int, dict], lex: Lexicon) -> bool:
    """`a deal to take over Sharp`, `in talks to buy a stake in X`, `a pact to stream games`:
    the infinitive on the deal or talks buys or merges with a company (an ORG no actor lexicon
    knows as a state, or a company noun) or streams or sponsors: a deal between companies."""
    for c in nom.head.children:
        if c.dep_ not in ("acl", "relcl") or not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            continue
        keys = _verb_key(c)
        if not any(k in lex.private_purpose_verbs for k in keys):
            continue
        if any(k in lex.private_purpose_any_object for k in keys):
            return True
        objs = [g for g in c.children if g.dep_ in ("dobj", "prep")]
        for o in objs:
            toks = [o] if o.dep_ == "dobj" else [g for g in o.children if g.dep_ == "pobj"]
            for t in toks + [m for t in toks for m in t.lefts if m.dep_ == "compound"]:
                if t.lemma_.lower() in lex.private_purpose_objects or t.lower_ in lex.private_purpose_objects:
                    return True     # (`the drug maker Allergan Plc`: the company noun among its compounds)
                if t.ent_type_ == "ORG" and (t.i not in by_tok or by_tok[t.i]["kind"] not in STATE_KINDS):
                    return True
    return False


def _clause_verb(n: Token) -> Optional[Token]:
    """The verb of the clause a noun is in, through a preposition: `is in talks`, `held talks`."""
    cur = n
    if cur.dep_ == "pobj" and cur.head.dep_ == "prep":
        cur = cur.head
    h = cur.head
    return h if cur.dep_ in ("prep", "dobj", "attr") and (_is_verb(h) or h.pos_ == "AUX") else None


def _subject_through_pronouns(v: Token, lex: Lexicon, controller: bool = False) -> Optional[Token]:
    """v's own subject; with `controller`, for an infinitive with none, the subject of the
    verb it completes (`the city council voted to accept the deal`); for `it`, a company
    subject of the reporting clause above (`Foxconn said it would not sign the deal`)."""
    subj = _direct_subject(v)
    cur = v
    for _ in range(3):
        if controller and subj is None and cur.dep_ == "xcomp" and cur.head.i != cur.i:
            cur = cur.head
            subj = _direct_subject(cur)
            continue
        if subj is None or subj.lower_ != "it" or cur.dep_ not in ("ccomp", "conj") or cur.head.i == cur.i:
            break
        cur = cur.head
        above = _direct_subject(cur)
        if above is not None and (above.ent_type_ == "ORG" or above.lower_ in lex.private_side_nouns):
            return above    # (`the company said it would sign`)
    return subj


NEGOTIATION_PARTY_PREPS = ("with",)


def _state_mention(t: Token, by_tok: Dict[int, dict]) -> bool:
    m = by_tok.get(t.i)
    return (m is not None and m["kind"] in STATE_KINDS) or _hyphenated_pair_codes(t) is not None


def _negotiation_has_topic(t: Token, lex: Lexicon) -> bool:
    # `in nuclear talks`; `sources close to the OPEC discussions`: talks as a setting
    if t.dep_ == "pobj" and (t.head.lower_ in SETTING_PREPS or t.head.head.lower_ in lex.negotiation_source_heads):
        if t.head.lower_ == "in" and t.head.head.lemma_ == "be":
            return True     # `X and Y are in negotiations for ...`: they are negotiating
        # `a settlement reached in nuclear talks` still counts; `in the negotiations on X` does not
        return any(c.dep_ in ("compound", "amod") and c.lower_ in lex.negotiation_topics for c in t.children)
    by_tok = actor_index(t.doc).by_token
    if t.lower_ in lex.speech_negotiation_forms:
        # `tough talk on militants` is speech: a negotiation only with a side or a negotiation topic
        return _state_at_table(t, by_tok) or any(x.lower_ in lex.negotiation_topics for x in t.subtree)
    if _state_at_table(t, by_tok):
        return True
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in NEGOTIATION_TOPIC_PREPS:
            return True
        if c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
        if c.dep_ in ("compound", "amod") and c.lower_ in lex.negotiation_topics:
            return True
    return False


def _state_at_table(t: Token, by_tok: Dict[int, dict]) -> bool:
    """`talks with China`, `U.S.-China talks`, `U.N. talks`: a state or organisation at the table."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in NEGOTIATION_PARTY_PREPS and any(
                g.dep_ == "pobj" and _state_mention(g, by_tok) for g in c.children):
            return True
        if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i < t.i and _state_mention(c, by_tok):
            return True
    return False


def _talks_are_an_event(nom: Nominal, govs: List[Governor], lex: Lexicon) -> bool:
    """Talks / negotiations are a negotiate event themselves when they have a topic or are
    resumed, not when they are held or attended, nor when they are what an action noun is
    about (`an offer of talks between X and Y` is the offer's event)."""
    h = nom.head
    if h.dep_ == "pobj" and h.head.head.pos_ == "NOUN" and h.head.head.lemma_.lower() in lex.action_nouns:
        return False
    if nom.head.head.lemma_.lower() in lex.negotiation_venue_heads or any(
            g.token.lemma_.lower() in lex.negotiation_venue_governors for g in govs):
        return False
    return _negotiation_has_topic(nom.head, lex) or any(
        g.token.lemma_.lower() in lex.negotiation_restart_verbs for g in govs) or _restarted(h, lex) \
        or _restarted_in_clause(h, lex)


def _restarted(h: Token, lex: Lexicon) -> bool:
    """`resumed talks`, `talks were resumed`, `the talks stalled`: the verb of which the talks are
    the object or subject is one of negotiation_restart_verbs, whether or not it is an
    agreement verb of its own; not when it is negated (`did not resume talks`) nor when the talks
    are the subject of an infinitive (`to allow talks to resume`)."""
    v = h.head
    if h.dep_ == "nsubj" and v.lemma_ == "be" and _going_on(v, lex):
        return not any(c.dep_ == "neg" for c in v.children)     # `talks on X are under way`
    if h.dep_ not in ("dobj", "nsubj", "nsubjpass") or not _is_verb(v) or v.lemma_.lower() not in lex.negotiation_restart_verbs:
        return False
    if any(c.dep_ == "acl" for c in h.children):
        return False    # `negotiations to join the EU resumed`: the clause's own event is the negotiation
    # `to allow talks to resume`: what talks should do, not what they did
    return not any(c.dep_ == "neg" or h.dep_ == "nsubj" and c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _going_on(v: Token, lex: Lexicon) -> bool:
    """`is ongoing`, `are under way`, `was in progress`: v's complement says something goes on."""
    for c in v.children:
        if c.dep_ in ("acomp", "advmod", "attr") and c.lower_ in lex.negotiation_ongoing:
            return True
        if c.dep_ == "prep" and any(f"{c.lower_} {g.lower_}" in lex.negotiation_ongoing
                                    for g in c.children if g.dep_ == "pobj"):
            return True
    return False


def _restarted_in_clause(h: Token, lex: Lexicon) -> bool:
    """A clause on the talks says they begin, resume or break down: `the talks, which resume
    next month`, `talks that started on Friday`, `negotiations that collapsed in May`, `talks
    that are due to begin` (through a raising predicate), `the talks, which the U.N. wants to
    reconvene` (the talks the object of an infinitive). Not when the clause is negated or
    turns it down (`talks that X refused to resume`)."""
    for c in h.children:
        if c.dep_ not in ("relcl", "acl") or not _is_verb(c) or c.lemma_.lower() in lex.to_reject:
            continue
        if any(g.dep_ == "neg" for g in c.children):
            continue
        raised = _raised_verb(c, lex)
        verbs = [c] + ([raised] if raised is not None else [
            x for x in c.children if x.dep_ == "xcomp" and _is_verb(x)])
        for v in verbs:
            if v.lemma_.lower() in lex.negotiation_restart_verbs and not any(g.dep_ == "neg" for g in v.children):
                return True
    return False


@dataclasses.dataclass
class _Antecedents:
    """The last named and the last typed nominal so far: what `the pact` / `the agreement` refer to."""
    named: Optional[Nominal] = None
    typed: Optional[Nominal] = None

    def resolve(self, nom: Nominal, by_tok: Dict[int, dict], lex: Lexicon) -> None:
        """Give a bare `the agreement` the last type and a bare `the pact` the last name; remember nom."""
        if not nom.named and nom.atype == "other" and self.typed is not None \
                and nom.head.lower_ in lex.type_anaphor_heads \
                and any(c.lower_ in TYPE_ANAPHOR_DETS for c in nom.head.children) \
                and not any(t.i in by_tok or t.lower_ in lex.type_modifiers for t in _modifier_tokens(nom.head)):
            # `the agreement`, `any deal` after `a ceasefire agreement`: the same kind of deal
            nom.atype = self.typed.atype
        if nom.atype != "other" and not nom.negotiation:
            self.typed = nom
        if nom.named:
            self.named = nom
        elif self.named is not None and nom.head.lower_ in lex.name_anaphor_heads \
                and any(c.lower_ in NAME_ANAPHOR_DETS for c in nom.head.children) \
                and not _modifier_tokens(nom.head):
            nom.name, nom.acronym = self.named.name, self.named.acronym
            if nom.atype == "other":
                nom.atype = self.named.atype


def _action_after_heads(action: str, gov: Governor, mod: Modality, lex: Lexicon) -> str:
    """The governor's action as its heads and context leave it: `try to sign` -> negotiate,
    `must sign` -> propose, `agreed to the possibility of a truce` -> propose (a stance, not a
    signature), a negated head above a noun -> mention, an action noun that is the subject
    of a verb that does nothing to it -> mention."""
    turned = mod.turned
    if turned and action in TURNABLE_ACTIONS and not (turned == "negotiate" and action != "sign" and not mod.method):
        action = turned
    if not gov.via_noun and action == "sign" and mod.modality == "possible" and any(
            c.lower_ in lex.obligation_modals for c in gov.token.children):
        action = "propose"
    if action == "sign" and any(t.lemma_.lower() in lex.hedge_nouns for t in gov.path):
        action = "propose"
    if not gov.via_noun and deep_negated(gov.token):
        action = "mention"
    if gov.via_noun and action in lex.negated_no_event and _object_of_negated_verb(gov.token):
        action = "mention"      # `we are not facing a violation of the truce`
    if mod.failed and action == "implement":
        action = "violate"
    if mod.irrealis:
        action = mod.irrealis
    elif mod.wished and action in lex.wish_turned_actions and mod.polarity == "positive":
        action = "propose"      # `campaigned to leave the EU` (`do not want to leave`: below)
    # `no deal was offered`, `no withdrawal from the pact`: a `no` on what the governor acts on
    negated = gov.token if gov.via_noun else (gov.path[-1] if gov.path else None)
    if negated is not None and action != "reject" and any(
            c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in negated.children):
        action = "mention"
    if gov.via_noun and any(c.dep_ == "amod" and c.lower_ in lex.hypothesis_modifiers for c in gov.token.children):
        action = "mention"      # `a possible British exit from the EU`: what may happen
    if mod.conditional:
        action = "mention"
    elif mod.polarity == "negative" and not gov.via_noun:
        # `would not accept`, `will not sign`: a refusal; `did not violate`: nothing happened
        if action in lex.negated_to_reject and (mod.modality != "asserted" or mod.turned == "reject"):
            action = "reject"
        elif action in lex.negated_no_event or action in lex.negated_to_reject and mod.turned is None:
            action = "mention"      # `has not ratified the treaty`: nothing happened
    if gov.via_noun and gov.token.dep_ in ("nsubj", "nsubjpass") and gov.token.head.i != gov.token.i \
            and action in STANCE_ACTIONS + ("negotiate", "implement"):
        # `the proposal angered X` is no proposal, `as implementation approached` no implementation;
        # `the withdrawal from the pact surprised X` is a withdrawal
        hv = gov.token.head
        keys = _verb_key(hv) + [k for x in hv.children if x.dep_ == "xcomp" for k in _verb_key(x)]
        if not any(k in lex.intransitive for k in keys) and not (action == "negotiate" and _restarted(gov.token, lex)):
            action = "mention"      # (`the talks were resumed` is a negotiation)
    elif gov.via_noun and gov.token.dep_ in ("nsubj", "nsubjpass") and gov.token.head.i != gov.token.i \
            and action != "mention" and _hypothetical_effect(gov.token.head, lex):
        action = "mention"      # `a British exit from the EU would rock the Union`: what it would do, no event
    return action


def _hypothetical_effect(hv: Token, lex: Lexicon) -> bool:
    """hv, the verb of an action noun's subject, says what the action would or could do
    (`would rock`, `could hurt`), not what happens to the agreement (`would take effect`)."""
    return any(c.dep_ == "aux" and c.lower_ in lex.modal_possible for c in hv.children) \
        and _intransitive_governor(hv, [], lex) is None


def _urged_party_codes(gov: Governor, by_tok: Dict[int, dict], lex: Lexicon) -> Optional[List[str]]:
    """`Germany urged Armenia and Azerbaijan to observe the ceasefire`: the parties are
    whom the proposing head addresses (its object, or its `on` object), when it names any."""
    u = _conj_root(gov.token).head
    objs = [c for c in u.children if c.dep_ == "dobj"]
    objs += [g for c in u.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children
             if g.dep_ == "pobj"]
    if not objs:
        return None
    return _codes_of_tokens(_phrase_tokens_through_of(objs[0]), by_tok, lex) or None


def _proposal_fate(doc: Doc, nom: Nominal, noun: Token, seen: Set[tuple],
                   by_tok: Dict[int, dict], lex: Lexicon) -> Optional[_Found]:
    """`rejected an Indian proposal for signing ...`: the proposal is an event, and so is
    its fate (reject or sign), with the proposer among the parties."""
    if noun.dep_ not in OBJ_DEPS or not _is_verb(noun.head):
        return None
    act = verb_action(noun.head, None, lex)
    if act not in ("reject", "sign") or (noun.head.i, act) in seen:
        return None
    seen.add((noun.head.i, act))
    found = _make_event(doc, nom, Governor(noun.head, act, via_noun=False, path=[noun]), act, by_tok, lex)
    _add_unique(found.event.parties, _codes_of_tokens(_premodifier_subtrees(noun), by_tok, lex))
    found.event.actors = list(found.event.parties)
    return found


def _events_of_governor(doc: Doc, nom: Nominal, gov: Governor, seen: Set[tuple],
                        by_tok: Dict[int, dict], lex: Lexicon) -> List[_Found]:
    """The event(s) of one governor of the nominal; `seen` (token, action) pairs are not repeated."""
    mod = ASSERTED if gov.via_noun else modality_of(gov.token, lex)
    action = gov.action
    out: List[_Found] = []
    if mod.proposal is not None:
        fate = _proposal_fate(doc, nom, mod.proposal, seen, by_tok, lex)
        if fate is not None:
            out.append(fate)
        gov = Governor(mod.proposal, "propose", via_noun=True, path=gov.path + [mod.proposal])
    action = _action_after_heads(action, gov, mod, lex)
    urged = _urged_party_codes(gov, by_tok, lex) if mod.turned == "propose" and not gov.via_noun else None
    # a second agreement coordinated with the first is another event (`signed a trade pact with X
    # and a defence accord with Y`)
    key = (gov.token.i, action) if nom.head.dep_ != "conj" else (gov.token.i, action, nom.head.i)
    if key in seen:
        return out
    seen.add(key)
    out.append(_make_event(doc, nom, gov, action, by_tok, lex, mod.polarity, mod.modality, urged))
    return out


def extract_agreements(doc: Doc, lex: Optional[Lexicon] = None, matchers=None) -> List[AgreementEvent]:
    """The agreement events of a parsed Doc (the package's lexicons unless `lex` is given)."""
    lex = lex or Lexicon()
    matchers = matchers or _build_matchers(doc.vocab, lex)
    by_tok = actor_index(doc).by_token
    found: List[_Found] = []
    seen: Set[tuple] = set()
    antecedents = _Antecedents()
    nominals = find_nominals(doc, lex, matchers)
    for nom in sorted(nominals + _pronoun_nominals(doc, nominals, lex), key=lambda n: n.head.i):
        antecedents.resolve(nom, by_tok, lex)
        govs = find_governors(nom, lex)
        if nom.negotiation:
            if not _talks_are_an_event(nom, govs, lex):
                continue
            nom.atype = _type_from_modifiers(list(nom.head.subtree), lex) or "other"
            govs = [Governor(nom.head, "negotiate", via_noun=True, path=[nom.head])]
        if not govs:
            if not nom.pronoun:
                found.append(_make_event(doc, nom, None, "mention", by_tok, lex))
            continue
        for gov in govs:
            for f in _events_of_governor(doc, nom, gov, seen, by_tok, lex):
                f.talks = nom.negotiation
                found.append(f)
    found.extend(_bare_action_noun_events(doc, nominals, seen, by_tok, lex))
    found.extend(_commitment_events(doc, nominals, seen, by_tok, lex))
    found.extend(_membership_events(doc, seen, by_tok, lex))
    _share_parties(found)
    _carry_parties(found)
    _private_article(found)
    _article_sides(doc, found, lex)
    _demote_unknown_deals(doc, found, lex)
    return [f.event for f in found]


def _pronoun_nominals(doc: Doc, nominals: List[Nominal], lex: Lexicon) -> List[Nominal]:
    """`it` as an argument, after an agreement in its own or the previous sentence: that
    agreement again (`Russia pulled out of the treaty and Washington walked away from it`).
    Only its governors make events: a pronoun nothing happens to is no mention."""
    out: List[Nominal] = []
    agreements = [n for n in nominals if not n.negotiation]
    for i in word_positions(doc, lex.agreement_pronouns, lex.pronoun_memo):
        t = doc[i]
        if t.pos_ != "PRON" or t.dep_ not in OBJ_DEPS | {"pobj", "nsubj"}:
            continue
        nom = _standing_for_last_agreement(t, agreements)
        if nom is not None:
            out.append(nom)
    return out


def _standing_for_last_agreement(t: Token, agreements: List[Nominal]) -> Optional[Nominal]:
    """A nominal at t standing for the last agreement before it, when that one is in t's
    sentence or the one before; None otherwise."""
    doc = t.doc
    before = [n for n in agreements if n.head.i < t.i]
    if not before:
        return None
    last = before[-1]
    if last.head.sent.start != t.sent.start and (
            t.sent.start == 0 or doc[t.sent.start - 1].sent.start != last.head.sent.start):
        return None
    return _stand_in(t, last)


def _stand_in(t: Token, agreement: Nominal) -> Nominal:
    """A nominal at t standing for `agreement` (its name and kind), as a pronoun does."""
    nom = Nominal(t.doc[t.i:t.i + 1], t, agreement.name, agreement.acronym, agreement.atype, named=False)
    nom.pronoun = True
    return nom


def _bare_action_noun_events(doc: Doc, nominals: List[Nominal], seen: Set[tuple],
                             by_tok: Dict[int, dict], lex: Lexicon) -> List[_Found]:
    """`There were many violations`, `despite reports of breaches over the weekend`: an action
    noun with no agreement of its own (no object, no modifier but a quantity), in the sentence
    of an agreement or the one after, is that action on it."""
    out: List[_Found] = []
    agreements = [n for n in nominals if not n.negotiation]
    if not agreements:
        return out
    for i in word_positions(doc, lex.bare_action_nouns, lex.bare_memo):
        t = doc[i]
        if t.pos_ != "NOUN" or any(c.dep_ == "prep" and c.lower_ in ACTION_NOUN_PREPS + ("by",) for c in t.children) \
                or any(c.lower_ in NEGATIVE_DETS or c.dep_ == "det" and c.lower_ == "such" for c in t.children) \
                or any(c.dep_ in ("compound", "amod", "nmod", "poss") and c.lower_ not in lex.many_words
                       and c.lower_ not in lex.bare_action_modifiers for c in t.children):
            continue
        nom = _standing_for_last_agreement(t, agreements)
        if nom is None:
            continue
        below = {c.i for c in t.subtree}
        if any(n.head.i in below for n in nominals):
            continue
        gov = Governor(t, lex.bare_action_nouns[t.lemma_.lower()], via_noun=True, path=[t])
        out.extend(_events_of_governor(doc, nom, gov, seen, by_tok, lex))
    return out


def _commitment_events(doc: Doc, nominals: List[Nominal], seen: Set[tuple],
                       by_tok: Dict[int, dict], lex: Lexicon) -> List[_Found]:
    """`Iran took steps to meet its commitments`, `both sides fulfilled the commitments made by
    the two presidents`: commitments with no agreement below them, the object of a verb that
    keeps or breaks them, after an agreement of the article, are that agreement kept or
    broken (the last agreement before them, its name, kind and parties)."""
    out: List[_Found] = []
    agreements = [n for n in nominals if not n.negotiation]
    if not agreements:
        return out
    for i in word_positions(doc, lex.commitment_nouns, lex.commitment_memo):
        t = doc[i]
        v = t.head
        if t.pos_ != "NOUN" or t.dep_ not in OBJ_DEPS or not _is_verb(v) or any(
                c.dep_ in ("compound", "nmod") for c in t.children):
            continue    # `meet its spending commitments`: commitments of something else
        act = lex.commitment_verbs.get(v.lemma_.lower()) or verb_action(v, None, lex)
        if act not in ("implement", "violate"):
            continue
        before = [n for n in agreements if n.head.i < t.i]
        below = {c.i for c in v.subtree}       # `met its commitments under the pact`: the pact's own
        if not before or any(n.head.i in below for n in nominals):
            continue
        out.extend(_events_of_governor(doc, _stand_in(t, before[-1]), Governor(v, act, path=[t]), seen, by_tok, lex))
    return out


def _membership_events(doc: Doc, seen: Set[tuple], by_tok: Dict[int, dict],
                       lex: Lexicon) -> List[_Found]:
    """Organisations taking in or losing members (extract/memberships.py): `joined NATO` is
    an extend, `left the EU` a withdraw, with the organisation among the parties; what governs a membership noun decides its
    action (`vetoed Finland's accession to NATO` is a reject, `ratified ...` a ratify)."""
    out: List[_Found] = []
    for org, cue, is_noun, org_code in membership_targets(
            doc, by_tok, lex.membership_organisations, lex.membership_verbs, lex.membership_nouns,
            lex.membership_preps, lex.membership_predicate_nouns, lex.membership_subject_verbs,
            lex.membership_anaphors):
        if org.dep_ == "nsubj" and not is_noun and not _codes_of_tokens(
                [t for c in cue.children if c.dep_ == "dobj" for t in _phrase_tokens_through_of(c)], by_tok, lex):
            continue    # `NATO welcomed the decision`: no member taken in
        head = cue if is_noun else org
        nom = Nominal(doc[head.i:head.i + 1], head, atype="alliance")
        nom.own_codes = [org_code]
        # `the accession took effect` is the accession itself
        all_govs = find_governors(nom, lex) if is_noun else []
        govs = [g for g in all_govs if g.action != "implement"]
        if not all_govs and is_noun and cue.lemma_.lower() in lex.membership_status_nouns:
            continue    # `Britain's membership of the EU` with nothing happening to it: a state, no event
        if not govs:
            cues = lex.membership_nouns if is_noun else lex.membership_verbs
            action = cues.get(cue.lemma_.lower()) or lex.membership_subject_verbs[cue.lemma_.lower()]
            govs = [Governor(cue, action, via_noun=is_noun, path=[head])]
        for gov in govs:
            for f in _events_of_governor(doc, nom, gov, seen, by_tok, lex):
                if is_noun and cue.lemma_.lower() in lex.membership_bid_nouns and not set(f.event.parties) - set(
                        nom.own_codes):
                    continue    # `Airbus won the NATO bid`: a bid naming no state is no membership bid
                if not set(f.event.parties) - set(nom.own_codes):
                    # `Britain ... its exit from the bloc`, `after it leaves the EU`: the state before `it`
                    _add_unique(f.event.parties, _pronoun_member(cue, nom.own_codes, by_tok, lex))
                    f.event.actors = list(f.event.parties)
                if not is_noun:
                    # `Sweden was admitted to NATO`: the passive subject is the new member;
                    # `NATO admitted Albania`: the object is
                    member_deps = ("nsubjpass", "dobj") if org.dep_ == "nsubj" else ("nsubjpass",)
                    _add_unique(f.event.parties, _codes_of_tokens(
                        [t for c in cue.children if c.dep_ in member_deps for t in _phrase_tokens_through_of(c)],
                        by_tok, lex))
                    f.event.actors = list(f.event.parties)
                out.append(f)
    return out


def _pronoun_member(cue: Token, org_codes: List[str], by_tok: Dict[int, dict], lex: Lexicon) -> List[str]:
    """The member a membership cue's `it` / `its` stands for (context.json state_pronouns: the
    cue's subject or possessor, or the possessor of the noun its clause hangs on, `its vote to
    leave`): the last country its sentence names before it, not the organisation."""
    holders = [cue] + ([cue.head] if cue.dep_ in ("acl", "xcomp") and cue.head.pos_ == "NOUN" else [])
    pron = next((c for h in holders for c in h.children
                 if c.dep_ in ("nsubj", "poss") and c.lower_ in lex.state_pronouns), None)
    if pron is None:
        return []
    for i in range(pron.i - 1, pron.sent.start - 1, -1):
        m = by_tok.get(i)
        if m is not None and m["kind"] == "country" and m["code"] not in org_codes:
            return [m["code"]]
    return []


# ----------------------------------------------------------------------------- across events

def _share_parties(found: List[_Found]) -> None:
    """An acl event (`an agreement signed with Washington`) shares the parties of the main
    event on the same nominal (`X would end an agreement signed with Washington`)."""
    by_nom: Dict[int, List[AgreementEvent]] = {}
    shared: Set[int] = set()
    for f in found:
        by_nom.setdefault(f.nominal, []).append(f.event)
        if f.shared:
            shared.add(f.nominal)
    for nominal, evs in by_nom.items():
        if len(evs) < 2 or nominal not in shared:
            continue
        union: List[str] = []
        for ev in evs:
            if ev.action != "mention":
                _add_unique(union, ev.parties)
        for ev in evs:
            if ev.action != "mention":
                ev.parties = list(union)
                ev.actors = list(union)


def _agreement_key(f: _Found, last: Optional[tuple]) -> tuple:
    """Which agreement of the article an event is about: its name; its kind when it has one;
    `the deal` / `this accord` of no kind, the agreement before it; else its own."""
    ev = f.event
    if ev.agreement_name:
        return ("name", ev.agreement_name)
    if ev.agreement_type not in (None, "other"):
        return ("type", ev.agreement_type)
    if f.anaphoric and last is not None:
        return last
    return ("own", f.nominal)


def _carry_parties(found: List[_Found]) -> None:
    """An agreement's parties are the agreement's, not the sentence's: once the article has
    given an agreement two or more parties (`X and Y reached a ceasefire`, `the X-Y pact`),
    later events on it (same name, same kind, or `the deal` after it) whose sentence names
    only some of them (`the two sides were filling out the details`, `it took effect`) take
    the full set; a state that keeps or breaks it (`Z violated the truce`) is bound by it and
    joins the set. Stances (propose, reject) stay with whoever takes them."""
    base: Dict[tuple, List[str]] = {}
    private: Set[tuple] = set()
    last: Optional[tuple] = None
    brokers: Dict[int, Set[str]] = {}
    for f in found:
        brokers.setdefault(f.nominal, set()).update(f.brokers)
    for f in sorted(found, key=lambda f: (f.event.sentence_start, f.event.anchor_start)):
        ev = f.event
        key = _agreement_key(f, last)
        last = key
        # `the deal` after a deal between companies is theirs too
        if f.private and key not in base:
            private.add(key)
        elif key in private and not ev.parties:
            f.private = True
        if ev.action in STANCE_ACTIONS and ev.action != "mention" and ev.parties or f.unnamed:
            continue
        known = base.get(key)
        if known is not None and ev.action == "extend" and not set(ev.parties) >= set(known):
            # `Niger said it would join the pact`: the pact's parties and the new one
            ev.parties = list(known) + [c for c in ev.parties if c not in known]
            ev.actors = list(ev.parties)
        elif known is not None and f.binding and set(ev.parties) - set(known) - brokers.get(f.nominal, set()):
            # `X and Y drew up a truce ... Z violated it`: Z is bound by it, a party the article
            # adds; this and every later event on it have the whole set (not `Z was behind
            # violations of it`: who is behind them need not be bound)
            _add_unique(known, [c for c in ev.parties if c not in brokers.get(f.nominal, set())])
            ev.parties = list(known)
            ev.actors = list(known)
        elif known is not None and set(ev.parties) - brokers.get(f.nominal, set()) < set(known):
            # (`the ceasefire, brokered by Qatar, took effect`: the ceasefire's parties, not Qatar)
            ev.parties = list(known)
            ev.actors = list(known)
        elif known is None and len(ev.parties) >= 2:
            base[key] = list(ev.parties)


def _private_article(found: List[_Found]) -> None:
    """An article whose deals are between companies or people and none between states (`the
    telecoms deal collapsed ... each party could withdraw from the deal`): every deal of it
    that names no party is theirs."""
    if any(f.private for f in found) and not any(f.event.parties for f in found if f.event.action != "mention"):
        for f in found:
            f.private = f.private or not f.event.parties


def _article_sides(doc: Doc, found: List[_Found], lex: Lexicon) -> None:
    """An event whose sentence and agreement name no party at all (`the deal will be
    implemented`), once the article's earlier mentions gave it none, is about the agreement
    between the two states the article is about; a ceasefire binds both sides of the conflict.
    A treaty host named all through the article (`the United Nations said`) is none of them,
    save for talks it holds."""
    for f in found:
        ev = f.event
        leave_out = () if f.talks else lex.treaty_hosts
        if f.unnamed:
            pass
        elif not ev.parties and ev.action not in STANCE_ACTIONS and not f.private:
            ev.parties = list(_doc_pair(doc, leave_out))
        elif ev.agreement_type == "ceasefire" and len(ev.parties) < 2 and ev.action != "mention" and (
                ev.action not in ("propose", "reject") or not ev.parties):
            # a ceasefire binds the sides of the conflict the article is about
            _add_unique(ev.parties, _doc_pair(doc, leave_out))
        ev.actors = list(ev.parties)


def _demote_unknown_deals(doc: Doc, found: List[_Found], lex: Lexicon) -> None:
    """A view of an agreement held by no state (`the deal is opposed by the candidates`), a
    deal between companies or people (`Yahoo entered into a partnership`; a deal to buy a
    company, whoever the sentence names: `X, the largest U.S. cable operator, is in talks to
    buy Y Inc`), talks that no
    state or organisation holds, even after the article's (`talks continue before the
    meeting`), or one with no
    name, no known kind and no party in an article that names no state (`the party
    signed a two-year deal for Brighton to host the conference`), is no agreement between
    states: keep it as a `mention` rather than claim an event."""
    stateless = not any(m["kind"] in STATE_KINDS for m in actor_index(doc).by_token.values())
    for f in found:
        ev = f.event
        if ev.action != "mention" and (f.corporate or not ev.parties and (
                f.private or f.opinion or f.talks or (stateless and not ev.agreement_name and ev.agreement_type == "other"))):
            ev.action, ev.confidence = "mention", lex.mention_confidence
            ev.event_date = ev.date_start = ev.date_end = None


# ----------------------------------------------------------------------------- component

class AgreementExtractor:
    """Sets `doc._.agreements`; its lexicons (a folder, None for the package's) are loaded when it is made."""

    def __init__(self, nlp: Language, lexicons: Optional[str] = None):
        self.lex = Lexicon(lexicons)
        self.matchers = _build_matchers(nlp.vocab, self.lex)
        get_resolver()      # the shared actor lexicons, loaded now rather than on the first Doc

    def __call__(self, doc: Doc) -> Doc:
        doc._.agreements = []
        doc._.agreements = extract_agreements(doc, self.lex, self.matchers)
        return doc


@Language.factory(
    "agreement_extractor",
    default_config={"lexicons": None},
    assigns=["doc._.agreements"],
    requires=["doc._.timexes", "doc._.actor_mentions", "token.dep", "token.head", "token.lemma",
              "token.pos", "token.tag", "token.is_sent_start"],
)
def make_agreement_extractor(nlp: Language, name: str, lexicons: Optional[str]):
    return guarded("agreement_extractor", AgreementExtractor(nlp, lexicons))
