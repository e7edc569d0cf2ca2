"""Statements: who said what, when.

The `statement_extractor` component sets `doc._.statements` to a list of
`records.StatementEvent`, one per contiguous quote or reported clause:

1. cues: verbs of the lexicon `lexicons/statements/cues.json` (say, tell,
   warn, accuse, ...) and `according to`, with their speaker (subject, agent,
   or the subject of the verb they hang on: `..., saying`) and their content
   (the reported clause or object: `said that X`, `accused A of B`, or the
   clause before a parenthetical `X, officials said`);
2. direct quotes (`transforms.extract.statements.quotes.find_quotes`) are matched with the cues:
   a cue whose content is the quote makes it `direct`, one whose content
   holds a quoted fragment makes it `mixed`; a quote left over takes the cue
   right after or before it (`"...," he said`, `he said: "..."`) or, when it
   follows a quoted statement, that statement's speaker;
3. speakers are resolved in document order by `transforms.extract.statements.speakers.SpeakerIndex`.

The lexicon (`StatementLexicon`: cues.json and speakers.json) is loaded when the
component is made and passed to every function that reads cue words.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import re
from typing import Dict, List, Optional, Tuple

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, TAG
from spacy.language import Language

from transforms.extract.actors import ActorResolver, get_resolver
from transforms.extract.records import StatementEvent
from transforms.extract.statements.lexicon import StatementLexicon
from transforms.extract.statements.quotes import QuoteSpan, find_quotes, paragraph_spans
from transforms.extract.statements.speakers import SUBJECT_DEPS, Speaker, SpeakerIndex
from transforms.nlp.doctext import doc_text, per_doc
from transforms.nlp.guard import guarded
from transforms.nlp.syntax import governing_timex, token_chars

INHERIT_SUBJECT_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep", "ccomp")
QUOTE_CHARS = "\"“”„«»'`’‘"
NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")
RELATIVE_WORDS = ("which", "who")      # `, which ...` ends a reported clause
ASIDE_OPENERS = (",", "—", "–", "--")   # `, a move that ...` / `— a metaphor for ...` ends it too
TIME_PREPS = ("on", "in", "at")
SOURCE_PREPS_OF_NOUNS = ("from", "by")  # `calls from Paris`, `a warning by the ministry`         # `said on Monday`: an adjunct after the cue
CONFIDENCE = {"direct": 0.85, "mixed": 0.8, "indirect": 0.7}     # by quote type
UNNAMED_SPEAKER_PENALTY = 0.2
# lower-case words a title in quotes may hold (`Keeping Up with the Times`)
TITLE_FUNCTION_WORDS = frozenset(("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"))
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
# `PENCE: Well, ...` / `"WALLACE: Let's start ...`: a transcript turn opening a paragraph
_TURN_RE = re.compile(r"[ \t\"“]*([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?=\S)")
# `Pence: We will win` / `Rush Limbaugh: Hillary's plan "reeks"`: a headline opening the text
# with a name of capitalised words and a colon (the words after it are the name's)
# (not a word in capitals: `MANILA: ...` is a dateline, as the reader has it)
_HEADLINE_RE = re.compile(r"[ \t]*((?![A-Z][A-Z.'’-]*[A-Z](?![a-z]))[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(?=\S)")
_HEADLINE_QUOTE_RE = re.compile(r"(?<!\w)[‘'“\"]\w[^‘’'“”\"\n]*[’'”\"](?!\w)")
HEADLINE_MAX_CHARS = 200    # a first paragraph longer than this is no headline
NAME_ENTS = ("PERSON", "ORG", "NORP", "GPE")
# `"...." ― Jane Doe.` closing a paragraph: a dash, then a name of capitalised words
_DASH_NAME_RE = re.compile(r"\s*([―—–]|--?)\s*((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*?)[\s.]*$", re.M)


@dataclasses.dataclass
class _Cand:
    cue_start: int              # token index of the cue (first token)
    cue_end: int                # token index after the cue
    lemma: str
    speaker_tok: Optional[int]  # token index of the speaker's head
    content: Optional[Tuple[int, int]]   # char span of what is stated
    addressee: Optional[str] = None
    qtype: str = "indirect"
    quote: Optional[QuoteSpan] = None
    extra_speakers: Tuple[int, ...] = ()
    speaker_span: Optional[Tuple[int, int]] = None   # the speaker's token span when no parse gives it
    noun: bool = False          # a noun cue (`his warning that`)


class StatementExtractor:
    def __init__(self, lexicons: Optional[str] = None):
        self.lex = StatementLexicon.load(lexicons)
        self.resolver: ActorResolver = get_resolver()
        # string hash -> is it a cue lemma / a verb tag: filled as hashes are met
        self.cue_lemma_hashes: Dict[int, bool] = {}
        self.verb_tag_hashes: Dict[int, bool] = {}
        self.noun_tag_hashes: Dict[int, bool] = {}
        self.cue_noun_hashes: Dict[int, bool] = {}

    def __call__(self, doc):
        doc._.statements = extract_statements(doc, self)
        return doc


@Language.factory(
    "statement_extractor",
    default_config={"lexicons": None},
    assigns=["doc._.statements"],
    requires=["doc._.timexes", "doc._.actor_mentions", "doc.ents", "doc.sents", "token.dep", "token.head",
              "token.lemma", "token.tag", "token.pos", "token.ent_type"],
)
def make_statement_extractor(nlp: Language, name: str, lexicons: Optional[str]):
    return guarded("statement_extractor", StatementExtractor(lexicons))


# --- cues and their content -------------------------------------------------------------

def _subject_dependent(verb):
    """The verb's nsubj/nsubjpass child: the last one before it, else the first after it."""
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subs:
        return None
    before = [c for c in subs if c.i < verb.i]
    return before[-1] if before else subs[0]


def _quoted_as_saying(tok):
    """`the agency quoted the general as saying X`: the general (the object of `quote`) for
    `saying`; None when the cue is not so used."""
    head = tok.head
    if head.dep_ == "prep" and head.lower_ == "as":
        head = head.head
    elif tok.dep_ != "advcl":
        return None
    if head.lemma_.lower() != "quote" or head.i >= tok.i:
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i), None)


def _speaker_of(tok, lex: StatementLexicon):
    """The speaker of a cue verb: its subject or agent, else the subject of the verb it hangs on
    (the one quoted for `quoted X as saying`)."""
    quoted = _quoted_as_saying(tok) if tok.tag_ == "VBG" else None
    if quoted is not None:
        return quoted
    seen = 0
    cur = tok
    while cur is not None and seen < 4:
        subj = _subject_dependent(cur)
        if subj is not None:
            return _speaker_from_subject(tok, cur, subj)
        if cur.dep_ in INHERIT_SUBJECT_DEPS and cur.head is not cur:
            if cur.tag_ == "VBG" and cur.dep_ in ("advcl", "conj") and cur.head.dep_ == "ccomp" \
                    and cur.head.head.lemma_.lower() in lex.say_verbs and cur.head.head.i < cur.i:
                # `X said the two sides had met, adding that ...`: X adds, not the two sides
                cur = cur.head.head
            elif cur is tok and _second_cue_of_speaker(tok, lex):
                cur = cur.head.head     # `X said rules are a hurdle and praised the move`: X praised
            else:
                cur = cur.head
            seen += 1
            continue
        if cur.dep_ == "relcl":
            return cur.head
        return None
    return None


def _second_cue_of_speaker(tok, lex: StatementLexicon) -> bool:
    """`X said the rules are a hurdle and praised the move`: a cue verb in the past the parse
    joined to the reported clause (in another tense, no subject of its own) is X's second act."""
    head = tok.head
    if not (tok.dep_ == "conj" and tok.tag_ == "VBD" and tok.lemma_.lower() in lex.say_verbs
            and head.dep_ == "ccomp" and head.tag_ != "VBD" and head.head.lemma_.lower() in lex.say_verbs
            and head.head.i < head.i and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)):
        return False
    # used as a cue (`and made clear that`, not `and made the bloc stronger`, `and put X at risk`)
    entry = lex.verbs[tok.lemma_.lower()]
    return _is_speech_use(tok, entry, _scan_cue_children(tok.doc, tok, entry, lex).particle_ok)


def _speaker_from_subject(tok, cur, subj):
    """The speaker given the subject `subj` of `cur` (the cue `tok` or a verb it hangs on)."""
    if subj.dep_ == "nsubjpass" and cur is tok:
        # `X was accused by Y of ...`: the agent speaks; `X was quoted as saying`: X speaks
        for c in cur.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if cur.lemma_ != "quote":
            return None
    if subj.tag_ in ("WP", "WDT") and cur.dep_ == "relcl" and cur is not tok:
        return cur.head     # the relative pronoun of a verb the cue hangs on: its antecedent
    if subj.tag_ == "EX":
        return None
    return subj


def _subtree_set(tok) -> set:
    return {t.i for t in tok.subtree}


def _best_segment(doc, idx: set, banned: set) -> Optional[Tuple[int, int]]:
    """Token range [a, b) from the min to max content index, split at banned tokens, the largest part."""
    if not idx:
        return None
    lo, hi = min(idx), max(idx)
    segs, cur = [], []
    for i in range(lo, hi + 1):
        if i in banned:
            if cur:
                segs.append(cur)
            cur = []
        else:
            cur.append(i)
    if cur:
        segs.append(cur)
    segs = [[i for i in seg if i in idx or (min(idx) < i < max(idx))] for seg in segs]
    segs = [s for s in segs if any(i in idx for i in s)]
    if not segs:
        return None
    best = max(segs, key=lambda s: sum(1 for i in s if i in idx))
    a = min(i for i in best if i in idx)
    b = max(i for i in best if i in idx) + 1
    return a, b


def _trim_tokens(doc, a: int, b: int, lex: StatementLexicon) -> Optional[Tuple[int, int]]:
    while a < b and (doc[a].lower_ in lex.lead_trim or doc[a].is_punct or doc[a].is_space):
        if doc[a].text in ("“", "\"", "``", "‘") and a + 1 < b and not doc[a + 1].is_punct:
            break
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or doc[b - 1].dep_ == "cc"):
        if doc[b - 1].text in ("”", "\"", "''") and b - 2 >= a and not doc[b - 2].is_punct:
            break
        b -= 1
    if b <= a:
        return None
    return a, b


def _is_time(tok) -> bool:
    """`on Monday`, `this month`, `today`: a date adjunct, not what is stated."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.dep_ == "prep":
        return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in tok.children)
    return False


def _breaks(doc, cue, c, lex: StatementLexicon) -> bool:
    """A right-hand child of the cue that ends what is stated: `, saying ...`, `as he left`, `and called`."""
    if c.dep_ in ("conj", "cc", "parataxis", "agent", "punct"):
        return c.dep_ != "punct" or c.text in (",", ";", ":", "—", "–", "(", ")")
    if c.dep_ == "advcl":
        marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
        if any(m in lex.cut_marks for m in marks):
            return True
        if c.tag_ == "VBG" and doc[c.left_edge.i - 1].text == ",":
            return True
    return False


@per_doc


def _newline_tokens(doc) -> List[int]:
    """Indices of the whitespace tokens holding a line break, in order (once per Doc)."""
    out: List[int] = []
    if len(doc):
        for i in numpy.nonzero(doc.to_array([IS_SPACE]))[0].tolist():
            if "\n" in doc[i].text:
                out.append(i)
    return out


@dataclasses.dataclass
class _CueChildren:
    """What the cue's children say about its content (`_scan_cue_children`)."""
    particle_ok: bool
    addressee: Optional[str] = None
    clause: set = dataclasses.field(default_factory=set)   # token indices of a reported clause
    objects: List = dataclasses.field(default_factory=list)  # right-hand children that may carry the content


def _scan_cue_children(doc, cue, entry: dict, lex: StatementLexicon) -> _CueChildren:
    """One pass over the cue's children: its required particle, addressee, reported clause, objects."""
    obj_is_addr = entry.get("object_is_addressee", False)
    needs_obj_in = entry.get("needs_object_in")
    needs_acomp = entry.get("needs_acomp")
    out = _CueChildren(particle_ok=not ("particle" in entry or needs_obj_in or needs_acomp))
    for c in cue.children:
        dep, low = c.dep_, c.lower_
        if dep in ("prep", "prt") and "particle" in entry and low in entry["particle"]:
            out.particle_ok = True
        if dep == "advcl" and "particle" in entry and c.i > cue.i and any(
                m.dep_ == "mark" and m.lower_ in entry["particle"] and m.i == cue.i + 1 for m in c.children):
            out.particle_ok = True
            out.clause |= {t.i for t in c.subtree if t.i != cue.i + 1}
            continue
        if dep in ("acomp", "ccomp", "oprd") and needs_acomp and low in needs_acomp:
            # `made clear (that) X`, `made it clear that X` (the parse may take `clear` for a clause)
            out.particle_ok = True
            for x in c.children:
                if x.dep_ in ("ccomp", "advcl") and x.i > c.i and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in x.children):
                    out.clause |= _subtree_set(x)
            continue
        if dep in ("dobj", "dative") and obj_is_addr:
            out.addressee = doc[c.left_edge.i:c.right_edge.i + 1].text
            continue
        if dep == "prep" and low == "to" and (obj_is_addr or cue.lemma_ in lex.addressee_to_verbs):
            pobj = [x for x in c.children if x.dep_ == "pobj"]
            if pobj:
                out.addressee = doc[pobj[0].left_edge.i:pobj[0].right_edge.i + 1].text
            continue
        if dep == "ccomp" or (dep == "advcl" and c.i > cue.i and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            if not _has_own_attribution(c, lex):
                out.clause |= _subtree_set(c)
            continue
        if c.i < cue.i:
            continue
        if dep == "xcomp" and entry.get("to_clause") and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children):
            # `asked the mayor to close the bridge`, `told them to "run"`: the request
            out.clause |= _subtree_set(c)
            if not obj_is_addr:
                for o in cue.children:
                    if o.dep_ == "dobj" and o.i < c.i:
                        out.clause |= _subtree_set(o)
            continue
        if needs_obj_in and dep == "dobj":
            if c.lemma_.lower() in needs_obj_in:
                out.particle_ok = True
                for cc in c.children:
                    if cc.i > c.i and cc.dep_ in ("prep", "ccomp", "acl", "relcl"):
                        out.clause |= _subtree_set(cc)
            continue
        out.objects.append(c)
    if needs_acomp and not out.particle_ok and out.clause and cue.i + 1 < len(doc) \
            and doc[cue.i + 1].lower_ in needs_acomp and cue.i + 1 in out.clause:
        # `made clear a truce must hold`: the parse hung `clear` inside the reported clause
        out.particle_ok = True
        out.clause.discard(cue.i + 1)
    return out


def _has_own_attribution(clause, lex: StatementLexicon) -> bool:
    """`... where, it said, 100 people were killed`: a clause with an attribution of its own
    between commas is that attribution's content."""
    return any(x.dep_ == "parataxis" and x.i < clause.i and x.lemma_.lower() in lex.say_verbs
               and any(s.dep_ in SUBJECT_DEPS for s in x.children) for x in clause.children)


def _is_speech_use(cue, entry: dict, particle_ok: bool) -> bool:
    """Whether the verb is used as a cue: its required particle or complement is there."""
    if not particle_ok and not ("or_oprd" in entry and any(c.dep_ in ("oprd", "ccomp") for c in cue.children)):
        return False
    return not (entry.get("needs_object") and not any(c.dep_ == "dobj" for c in cue.children))


def _banned_tokens(doc, cue, subj) -> set:
    """Tokens what is stated cannot hold: the cue, its subject, line breaks of its sentence."""
    banned = {cue.i}
    if subj is not None:
        banned |= _subtree_set(subj)
    sent = cue.sent
    nl = _newline_tokens(doc)
    banned.update(nl[bisect.bisect_left(nl, max(0, sent.start)):bisect.bisect_left(nl, sent.end)])
    return banned


def _starts_content(c, preps: set) -> bool:
    """An object, complement or content preposition of the cue."""
    return (c.dep_ in ("dobj", "xcomp", "oprd", "attr", "dative", "ccomp") and not (
        c.dep_ == "xcomp" and c.tag_ == "VBG")) or (c.dep_ == "prep" and c.lower_ in preps)


def _continues_content(doc, c, lex: StatementLexicon) -> bool:
    """A child after the content has started that still belongs to it."""
    if c.dep_ == "advcl" and doc[c.left_edge.i - 1].text != "," \
            and not any(m.dep_ in ("mark", "advmod") and m.lower_ in lex.cut_marks for m in c.children):
        return True         # `demanded a meeting to discuss X`
    if c.dep_ == "prep" and any(x.dep_ == "pcomp" for x in c.children) and c.lower_ not in lex.cut_marks:
        return True         # `demanded support in regaining control`
    # `denied the report on the casualties`
    return c.dep_ == "prep" and c.lower_ in lex.object_preps and not _is_time(c) \
        and not any(x.dep_ == "pobj" and x.lemma_.lower() in lex.adjunct_pobj for x in c.children)


def _adjunct_before_content(doc, c, objects: List, preps: set, lex: StatementLexicon) -> bool:
    """An adjunct counts only when content follows it: `accused X this month of Y`, `demanded
    parties to the war to allow X` (the infinitive parsed as an adverbial clause)."""
    later = [x for x in objects if x.i > c.i and (x.dep_ in ("dobj", "xcomp", "oprd") or (
        x.dep_ == "prep" and x.lower_ in preps))]
    if not later and c.dep_ == "prep" and not _is_time(c):
        # (only a place or group phrase: after `in 2014` the infinitive is a purpose)
        later = [x for x in objects if x.i > c.i and x.dep_ == "advcl" and _continues_content(doc, x, lex)
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)]
    return bool(later) and (_is_time(c) or c.dep_ in ("advmod", "npadvmod", "prep"))


def _object_content(doc, cue, entry: dict, objects: List, lex: StatementLexicon) -> set:
    """Token indices of the content carried by the cue's objects, from the first one to a break."""
    preps = set(entry.get("preps", ()))
    idx: set = set()
    started = False
    for c in sorted(objects, key=lambda x: x.i):
        if _breaks(doc, cue, c, lex):
            if started:
                break
            continue
        is_content = _starts_content(c, preps) or (
            # `have sworn to hold the town`: the parse may take the infinitive for an adverbial clause
            c.dep_ == "advcl" and c.left_edge.i == cue.i + 1 and doc[cue.i + 1].lower_ == "to"
            and any(x.dep_ == "aux" and x.i == cue.i + 1 for x in c.children))
        if c.dep_ == "prep" and c.lower_ == "in" and any(
                x.dep_ == "pobj" and x.lemma_.lower() in lex.venue_nouns for x in c.children):
            continue            # `said in a statement`
        if not started:
            if not is_content:
                continue
            started = True
        if not is_content:
            is_content = _continues_content(doc, c, lex)
        if not is_content and not _adjunct_before_content(doc, c, objects, preps, lex):
            break
        if c.dep_ == "prep" and "particle" in entry and c.lower_ in entry["particle"] and c.i == cue.i + 1:
            idx |= {t.i for t in c.subtree if t.i != c.i}      # `called for X`: X
        else:
            idx |= _subtree_set(c)
    return idx


def _content_of(doc, cue, entry: dict, subj, lex: StatementLexicon
                ) -> Tuple[Optional[Tuple[int, int]], Optional[str], bool]:
    """(token span of the content, addressee, ok) for a cue verb."""
    kids = _scan_cue_children(doc, cue, entry, lex)
    if not _is_speech_use(cue, entry, kids.particle_ok):
        return None, None, False
    if entry.get("needs_that") and not any(doc[i].dep_ == "mark" and doc[i].lower_ == "that" for i in kids.clause):
        return None, None, False    # `the court ruled that X`, not `X ruled Y`
    banned = _banned_tokens(doc, cue, subj)
    idx: set = set()
    if kids.clause:
        idx = kids.clause
    elif not entry.get("needs_clause") or any(c.dep_ == "dobj" and c.lemma_.lower() in entry.get("object_in", ())
                                                for c in kids.objects):
        idx = _object_content(doc, cue, entry, kids.objects, lex)
    if idx:
        idx = _in_paragraph_of(doc, cue, idx)
    span = _best_segment(doc, idx, banned) if idx else None
    if span is None:
        span = _as_clause_content(doc, cue, banned)
    if span is None:
        span = _midsentence_content(doc, cue, banned)
    if span is None and not (subj is not None and subj.tag_ in ("WP", "WDT")):
        # (a relative clause states nothing before its own relative pronoun)
        span = _parenthetical_content(doc, cue, subj, lex)
    if span is None:
        return None, kids.addressee, True
    if span[0] > cue.i:
        span = _cut_trailing(doc, _after_leading_date(doc, *span), span[1], lex)
        span = _before_outer_attribution(doc, cue, *span, lex)
    elif span[1] <= cue.i:
        span = (_after_earlier_attribution(doc, span[0], span[1], lex), span[1])
    span = _trim_tokens(doc, *span, lex) if span else None
    return span, kids.addressee, True


def _after_leading_date(doc, a: int, b: int) -> int:
    """`said last week, the port is ...` / `told them this weekend he would ...`: a date
    modifier opening what is stated dates the saying; what is stated starts after it."""
    for h in doc[a:min(b, a + 6)]:
        if h.left_edge.i == a and h.dep_ in ("npadvmod", "prep", "advmod") and h.right_edge.i + 3 < b \
                and (h.ent_type_ in ("DATE", "TIME") or _is_time(h)) and not (a <= h.head.i <= h.right_edge.i):
            k = h.right_edge.i + 1
            while k < b and doc[k].text == ",":
                k += 1
            return k
    return a


def _cut_trailing(doc, a: int, b: int, lex: StatementLexicon) -> Tuple[int, int]:
    """Drop a trailing `, which ...`, `, a move that ...`, `as he left`, `when ...` from a reported clause."""
    depth = 0
    for i in range(a, b):
        t = doc[i]
        if t.text in ("“", "``", "«") or (t.text == '"' and _opens(doc, i)):
            depth += 1
        elif t.text in ("”", "''", "»", '"'):
            depth = max(0, depth - 1)
        if depth or i < a + 2:      # (marks counted from the start: `"a resolution" of ...`)
            continue
        prev = doc[i - 1]
        if t.dep_ in ("mark", "advmod") and t.lower_ in lex.cut_marks and t.head.dep_ == "advcl" \
                and t.head.right_edge.i >= b - 2 and t.head.left_edge.i == i and _narrative_clause(doc, t.head, a, b):
            return a, i
        if prev.text == "," and t.tag_ == "VBG" and t.lemma_.lower() in lex.say_verbs and t.dep_ in ("advcl", "conj", "xcomp"):
            return a, i
        if t.dep_ in ("relcl", "ccomp", "advcl") and t.left_edge.i > a + 1 and t.right_edge.i >= b - 2 \
                and _has_own_attribution(t, lex):
            return a, t.left_edge.i     # `... a village where, they said, twelve died`: theirs
        if t.dep_ == "relcl" and t.left_edge.i > a + 1 and t.right_edge.i >= b - 2 and t.pos_ == "VERB" \
                and t.lemma_.lower() in lex.say_verbs and any(x.dep_ == "ccomp" for x in t.children) \
                and any(s.dep_ in SUBJECT_DEPS and s.tag_ not in ("WDT", "WP") for s in t.children) \
                and _is_speech_use(t, lex.verbs[t.lemma_.lower()], _scan_cue_children(
                    doc, t, lex.verbs[t.lemma_.lower()], lex).particle_ok):
            # `... over a raid in which it said twelve died`, `the law, which it said would cut
            # wages`: its own statement (not `a memo that urged them to X`, whose subject is `that`)
            return a, t.left_edge.i
        if t.dep_ == "prep" and t.lower_ in lex.adjunct_preps and t.right_edge.i >= b - 2 and any(
                x.dep_ == "pobj" and x.lemma_.lower() in lex.adjunct_pobj for x in t.children):
            return a, i             # `... on the eve of a visit by ...`
        if t.dep_ == "prep" and t.lower_ in lex.adjunct_preps and _on_speech_event(t, lex) \
                and _hung_on_nominal(t, a, b) and not any(x.pos_ in ("VERB", "AUX") for x in doc[i:b]):
            return a, i             # `called for "a resolution" of the conflict during talks with ...`
        if t.dep_ == "advmod" and t.lower_ in lex.cut_marks and t.head.dep_ == "relcl" and t.head.left_edge.i == i \
                and t.head.right_edge.i >= b - 2 and t.head.head.ent_type_ not in ("DATE", "TIME") \
                and prev.pos_ in ("NOUN", "PROPN") and prev.lemma_.lower() not in lex.when_antecedents \
                and _narrative_clause(doc, t.head, a, b):
            return a, i             # `backed free navigation in the waterway when X visited`: no relative
        if prev.dep_ == "cc" and t.head.i < i and t.head.i >= a and _second_cue_of_speaker(t, lex):
            return a, i - 1         # `... a hurdle and praised the move`: the speaker's next act
        if prev.dep_ == "cc" and t.dep_ == "conj" and t.tag_ in ("VBD", "VBZ", "VB") and a <= t.head.i < i \
                and t.head.tag_ in ("VBG", "VBN") and t.head.dep_ == "pcomp" and t.lemma_.lower() in lex.say_verbs \
                and not any(x.dep_ in SUBJECT_DEPS for x in t.children):
            return a, i - 1         # `accused X of sending Y and vowed Z`: the gerund's conj in another form
        if prev.text in ASIDE_OPENERS and t.lower_ in RELATIVE_WORDS and t.head.dep_ == "relcl" \
                and t.head.right_edge.i >= b - 2:
            return a, i - 1
        if prev.text in ASIDE_OPENERS and t.dep_ == "det" and t.head.dep_ == "appos" and t.head.i > i \
                and t.head.right_edge.i >= b - 2:
            return a, i - 1
    return a, b


def _before_outer_attribution(doc, cue, a: int, b: int, lex: StatementLexicon) -> Tuple[int, int]:
    """`X accused Y of Z, a member of the team said`: the cue's clause is itself reported by a later
    cue verb, so the content ends at the comma before that attribution (the parser may have hung the
    attribution's subject inside the content)."""
    head = cue.head
    if cue.dep_ != "ccomp" or head.i <= cue.i or head.lemma_.lower() not in lex.say_verbs or b <= head.i - 30:
        return a, b
    comma = next((i for i in range(head.i - 1, a, -1) if doc[i].text == ","), None)
    if comma is None or b <= comma + 1 or any(doc[i].text in ('"', "“", "”", "``", "''") for i in range(comma, head.i)):
        return a, b
    return a, comma


def _opens(doc, i: int) -> bool:
    """A straight double quote opens when glued to the word after it and not to the one before."""
    return not doc[i].whitespace_ and (i == 0 or bool(doc[i - 1].whitespace_)) and i + 1 < len(doc) \
        and not doc[i + 1].is_punct


def _on_speech_event(prep, lex: StatementLexicon) -> bool:
    """`during talks`, `at a news conference`: one occasion (a singular common noun, or `talks`), not
    `the violence at his rallies`, `speakers at the Business Conference`, `a pause in the talks`."""
    return any(x.dep_ == "pobj" and x.tag_ in ("NN", "NNS") and (x.lower_ in lex.speech_event_nouns or (
        prep.lower_ == "during" and x.lower_ in lex.during_event_nouns)) for x in prep.children)


def _hung_on_nominal(tok, a: int, b: int) -> bool:
    """Whether `tok` hangs on nouns up to the root of the span [a, b), no verb on the way: in
    `a resolution of the conflict during talks` the talks are no part of what is stated (the
    parse hung the saying's adjunct on the object), in `the war escalated during talks` they are."""
    h = tok.head
    while a <= h.i < b:
        if h.pos_ in ("VERB", "AUX"):
            return False
        if h.head.i == h.i:
            break
        h = h.head
    return True


def _narrative_clause(doc, clause, a: int, b: int) -> bool:
    """`..., as he left` / `... as street battles raged`: a time clause of the narrator's (after a
    comma, hung outside the content, or in the simple past like the cue), not one of the words
    reported (`it would take hours before details emerge`)."""
    return doc[clause.left_edge.i - 1].text == "," or not (a <= clause.head.i < b) or clause.tag_ == "VBD"


def _in_paragraph_of(doc, cue, idx: set) -> set:
    """The token indices of `idx` in the cue's paragraph (a parse may run a sentence over a
    paragraph break; what is stated never does)."""
    nl = _newline_tokens(doc)
    if not nl:
        return idx
    k = bisect.bisect_left(nl, cue.i)
    lo = nl[k - 1] if k > 0 else -1
    hi = nl[k] if k < len(nl) else len(doc)
    return {i for i in idx if lo < i < hi}


def _as_clause_content(doc, cue, banned: set) -> Optional[Tuple[int, int]]:
    """`As the minister said, X` / `X, as a memo put it`: the clause the `as` clause hangs on,
    without it."""
    if cue.dep_ != "advcl" or cue.head is cue or not any(
            m.dep_ == "mark" and m.lower_ == "as" and m.i < cue.i for m in cue.children):
        return None
    own = _subtree_set(cue)
    for c in cue.head.children:
        if c.i < cue.head.i and c.i not in own and (_is_time(c) or c.dep_ == "npadvmod"):
            own |= _subtree_set(c)      # `As he said last week, X`: the date is the saying's
    idx = _subtree_set(cue.head) - own
    span = _best_segment(doc, idx, banned | own)
    if span is None or span[1] - span[0] < 3:
        return None
    return span


def _midsentence_content(doc, cue, banned: set) -> Optional[Tuple[int, int]]:
    """`Acts of protest, the mayor said, are acts of love`: an attribution between commas inside
    the clause it hangs on states the rest of that clause, after it (the words before it are
    the clause's opening: a subject, an adverb, a fronted adjunct)."""
    head = cue.head
    if cue.dep_ != "parataxis" or head.i < cue.i or head is cue:
        return None
    lo, k = cue.left_edge.i, cue.right_edge.i + 1
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if lo > 0 and doc[lo].text != ",":
        lo -= 1
    if k >= len(doc) or doc[k - 1].text != "," or doc[lo].text != ",":
        return None
    idx = {i for i in _subtree_set(head) if i >= k}
    span = _best_segment(doc, idx, banned | _subtree_set(cue))
    if span is None or span[1] - span[0] < 3:
        return None
    return span


def _parenthetical_content(doc, cue, subj, lex: StatementLexicon) -> Optional[Tuple[int, int]]:
    """`X will support Y, the minister said`: the clause before the attribution."""
    if subj is None or any(c.i > cue.i and c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in cue.children):
        return None     # `..., she added the words "X"`: the cue's words follow it
    sent = cue.sent
    left = min(cue.i, subj.left_edge.i)
    # the attribution must follow a comma and not start the sentence
    j = left - 1
    while j >= sent.start and doc[j].text in QUOTE_CHARS + "”’":
        j -= 1
    if j <= sent.start or doc[j].text not in (",", "—", "–", ":"):
        return None
    start = sent.start
    if cue.head is not cue and cue.dep_ in ("parataxis", "advcl", "conj", "ccomp") and cue.head.i < cue.i:
        start = max(sent.start, cue.head.left_edge.i)
    start = _after_earlier_attribution(doc, start, j, lex)
    nl = _newline_tokens(doc)
    k = bisect.bisect_left(nl, j) - 1
    if k >= 0 and nl[k] >= start:
        start = nl[k] + 1       # never over a paragraph break (a sentence the parser ran on)
    if j - start < 3:
        return None
    return start, j


def _after_earlier_attribution(doc, start: int, j: int, lex: StatementLexicon) -> int:
    """`A, the centre said, while B, the group said`: B's content starts after the attribution
    of A (and its `while`/`and`)."""
    for k in range(j - 1, start, -1):
        t = doc[k]
        if t.text == "," and doc[k - 1].tag_.startswith("VB") and doc[k - 1].lemma_.lower() in lex.say_verbs:
            k += 1
            while k < j and doc[k].dep_ in ("cc", "mark", "punct"):
                k += 1
            return k
    return start


def _trailing_attribution(doc, tok, lex: StatementLexicon):
    """`X, the World Food Program (WFP) said on Monday.` when the parser left `said` without a subject:
    (speaker head token, content token span) or None."""
    sent = tok.sent
    nxt = tok.i + 1
    while nxt < sent.end and doc[nxt].head.i == tok.i and (_is_time(doc[nxt]) or doc[nxt].dep_ in (
            "advmod", "npadvmod", "pobj") or (doc[nxt].dep_ == "prep" and doc[nxt].lower_ in TIME_PREPS)):
        nxt = doc[nxt].right_edge.i + 1
    if nxt < sent.end and not (doc[nxt].is_punct or doc[nxt].is_space):
        return None
    k = tok.i - 1
    while k > sent.start and doc[k].dep_ in ("aux", "neg", "advmod") and doc[k].head.i == tok.i:
        k -= 1
    depth, j = 0, None
    for i in range(k, sent.start, -1):
        t = doc[i].text
        if t == ")":
            depth += 1
        elif t == "(":
            depth -= 1
        elif t in (",", "—", "–") and depth == 0:
            j = i
            break
    if j is None or k - j > 15 or j - sent.start < 3:
        return None
    np = range(j + 1, k + 1)
    if any(doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("acl", "relcl", "amod")
           and not _nonfinite_modifier(doc[i], j, k) for i in np):
        return None
    # (`a member of the team trying to X`: a parse may make the participle the clause and the
    # noun its subject)
    heads = [doc[i] for i in np if not (j < doc[i].head.i <= k) or doc[i].head.i == doc[i].i
             or (doc[i].dep_ == "nsubj" and _nonfinite_modifier(doc[i].head, j, k))]
    heads = [h for h in heads if h.pos_ in ("NOUN", "PROPN", "PRON")]
    if not heads:
        return None
    span = _trim_tokens(doc, _after_earlier_attribution(doc, sent.start, j, lex), j, lex)
    if span is None:
        return None
    return heads[0].i, span


def _nonfinite_modifier(tok, j: int, k: int) -> bool:
    """A participle or infinitive inside the attribution's noun phrase (tokens j+1..k) that modifies
    it: `involved in the talks`, `trying to broker a pact`, `to mediate` under such a participle."""
    if tok.tag_ == "VBG" or tok.tag_ == "VBN":
        return tok.dep_ in ("advcl", "acl", "xcomp") and (tok.dep_ != "xcomp" or j < tok.head.i <= k)
    return tok.tag_ == "VB" and tok.dep_ == "xcomp" and j < tok.head.i <= k and _nonfinite_modifier(tok.head, j, k)


def _acl_parenthetical(doc, tok, lex: StatementLexicon) -> Optional[Tuple[int, int]]:
    """`..., a human rights organization charged on Saturday.`: the parser made the cue a modifier."""
    head = tok.head
    left = head.left_edge.i
    sent = tok.sent
    if left - 1 <= sent.start or doc[left - 1].text != ",":
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[tok.right_edge.i + 1:sent.end]):
        return None
    span = _trim_tokens(doc, sent.start, left - 1, lex)
    if span is None or span[1] - span[0] < 3:
        return None
    return span


def _according_to(doc, tok, lex: StatementLexicon) -> Optional[Tuple[int, int, int, Tuple[int, int]]]:
    """For `according to X`: (cue start, cue end, speaker token, content token span)."""
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = None
    for c in list(to.children) + list(tok.children):
        if c.dep_ == "pobj":
            pobj = c
            break
    if pobj is None:
        # `according to show insiders` parsed as a verb and its object: the last noun of the phrase
        nouns = [t for t in doc[to.i + 1:to.right_edge.i + 1] if t.pos_ in ("NOUN", "PROPN")]
        if not nouns or any(t.pos_ == "AUX" or t.dep_ == "aux" for t in doc[to.i + 1:to.right_edge.i + 1]):
            return None
        pobj = nouns[-1]
    head = tok.head
    if head is tok or head.i == to.i:
        return None
    sent = tok.sent
    banned = _subtree_set(tok) | {to.i}
    idx = {t.i for t in head.subtree} - banned
    if not idx:
        idx = {t.i for t in sent} - banned
    span = _best_segment(doc, idx, banned)
    if span is None:
        return None
    span = _trim_tokens(doc, *span, lex)
    if span is None:
        return None
    return tok.i, tok.i + 2, pobj.i, span


def _newline_between(doc, i: int, j: int) -> bool:
    a, b = min(i, j), max(i, j)
    return any("\n" in t.text for t in doc[a:b])


def _adjacent_subject(doc, tok):
    k = tok.i - 1
    while k >= 0 and doc[k].dep_ in ("aux", "neg", "advmod") and doc[k].head.i == tok.i:
        k -= 1
    if k >= 0 and doc[k].pos_ in ("PROPN", "NOUN", "PRON") and not _newline_between(doc, k, tok.i):
        return doc[k]
    return None


def _personal(tok, lex: StatementLexicon) -> bool:
    """A person or a group of people: `Obama`, `officials`, `witnesses`."""
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.person_nouns)


_ATTRS = [TAG, LEMMA, LOWER, DEP]     # columns of the array `_token_array` returns


def _token_array(doc):
    return doc.to_array(_ATTRS) if len(doc) else numpy.zeros((0, len(_ATTRS)), dtype="uint64")


def _known_hashes(hashes, memo: Dict[int, bool], test) -> List[int]:
    """The hashes among `hashes` whose string passes `test` (memoised in `memo`)."""
    out = []
    for h in hashes:
        ok = memo.get(h)
        if ok is None:
            ok = memo[h] = test(h)
        if ok:
            out.append(h)
    return out


def _cue_positions(doc, ex: StatementExtractor, arr) -> List[int]:
    """Indices of the tokens `_find_cues` has to look at: `according`, verbs whose lemma is a cue
    verb and nouns whose lemma is a cue noun."""
    if not len(arr):
        return []
    strings = doc.vocab.strings
    mask = arr[:, 2] == strings["according"]
    mask |= _tagged_lemmas(strings, arr, ex.verb_tag_hashes, lambda t: t.startswith("VB"),
                           ex.cue_lemma_hashes, ex.lex.verbs)
    mask |= _tagged_lemmas(strings, arr, ex.noun_tag_hashes, lambda t: t in ("NN", "NNS"),
                           ex.cue_noun_hashes, ex.lex.nouns)
    return numpy.nonzero(mask)[0].tolist()


def _tagged_lemmas(strings, arr, tag_memo: Dict[int, bool], tag_test, lemma_memo: Dict[int, bool], lemmas_wanted):
    """Mask of the tokens whose tag passes `tag_test` and whose lemma (lower-cased) is in `lemmas_wanted`."""
    tags, lemmas = arr[:, 0], arr[:, 1]
    good_tags = _known_hashes(numpy.unique(tags).tolist(), tag_memo, lambda h: tag_test(strings[h]))
    if not good_tags:
        return numpy.zeros(len(arr), dtype=bool)
    tagged = numpy.isin(tags, good_tags)
    good_lemmas = _known_hashes(numpy.unique(lemmas[tagged]).tolist(), lemma_memo,
                                lambda h: strings[h].lower() in lemmas_wanted)
    return tagged & numpy.isin(lemmas, good_lemmas) if good_lemmas else numpy.zeros(len(arr), dtype=bool)


def _find_cues(doc, ex: StatementExtractor, arr) -> List[_Cand]:
    """A candidate statement per cue (`arr`: the Doc's `_token_array`)."""
    out: List[_Cand] = []
    for ti in _cue_positions(doc, ex, arr):
        tok = doc[ti]
        if tok.lower_ == "according":
            r = _according_to(doc, tok, ex.lex)
            if r:
                cs, ce, sp, span = r
                to = doc[tok.i + 1]
                whole = (to.i + 1, to.right_edge.i + 1) if not any(c.dep_ == "pobj" for c in to.children) else None
                out.append(_Cand(cs, ce, "according_to", sp, token_chars(doc, *span), speaker_span=whole))
            continue
        lemma = tok.lemma_.lower()
        if tok.tag_ in ("NN", "NNS") or (tok.tag_.startswith("VB") and tok.dep_ in NOMINAL_DEPS
                                          and lemma in ex.lex.nouns):
            # (`Calls from Paris for X ...`: a noun the tagger took for a verb, as its role shows)
            cand = _noun_cue(doc, tok, lemma, ex.lex)
            if cand is not None:
                out.append(cand)
            continue
        if not tok.tag_.startswith("VB"):
            continue
        entry = ex.lex.verbs.get(lemma)
        if entry is None:
            continue
        cand = _verb_cue(doc, tok, lemma, entry, ex.lex)
        if cand is not None:
            out.append(cand)
    return _without_nested_nouns(doc, out)


def _without_nested_nouns(doc, cands: List[_Cand]) -> List[_Cand]:
    """A noun cue inside what a verb cue states is that statement's (`repeated his warning that X`:
    one statement, by `repeated`)."""
    spans = [c.content for c in cands if c.content and not c.noun]
    if not spans:
        return cands
    return [c for c in cands if not c.noun or not any(
        a <= doc[c.cue_start].idx < b for a, b in spans)]


def _noun_cue(doc, tok, lemma: str, lex: StatementLexicon) -> Optional[_Cand]:
    """`his warning that X`, `Moscow's claim that X`, `calls from Paris for X`: a noun of saying
    with its source (a possessive, or `from`/`by` X) and its content (a that-clause, or the
    object of one of its prepositions)."""
    preps = lex.nouns[lemma].get("preps", ())
    source, content = None, None
    for c in tok.children:
        if c.dep_ == "poss":
            source = c
        elif c.dep_ == "prep" and c.lower_ in SOURCE_PREPS_OF_NOUNS and c.i > tok.i and source is None:
            source = next((x for x in c.children if x.dep_ == "pobj"), None)
        elif c.dep_ in ("acl", "ccomp", "appos") and c.i > tok.i and any(
                m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children):
            content = (c.left_edge.i, c.right_edge.i + 1)
        elif c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i and content is None:
            pobj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if pobj:
                content = (pobj[0].left_edge.i, c.right_edge.i + 1)
    if source is None or content is None or source.tag_ == "WP$":
        return None
    span = _trim_tokens(doc, *content, lex)
    if span is None:
        return None
    return _Cand(tok.i, tok.i + 1, lemma, source.i, token_chars(doc, *span), noun=True)


def _verb_cue(doc, tok, lemma: str, entry: dict, lex: StatementLexicon) -> Optional[_Cand]:
    """The statement a cue verb introduces, or None when it introduces none."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        pc = _acl_parenthetical(doc, tok, lex)
        if pc is not None:
            return _Cand(tok.i, tok.i + 1, lemma, tok.head.i, token_chars(doc, *pc))
        return None         # `a statement issued by`
    if tok.dep_ == "amod":
        return None         # `the reported attack`
    if lemma == "cite" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in lex.say_verbs and tok.head.i < tok.i:
        return None         # `..., the paper said, citing officials`: a source of that statement, not one
    if lemma == "quote" and any(_quoted_as_saying(c) is not None and any(
            x.dep_ in ("ccomp", "dobj", "xcomp") for x in c.children) for c in tok.subtree if c.tag_ == "VBG"):
        return None         # `quoted X as saying Y`: X's statement, made by `saying`
    if entry.get("no_dative") and any(c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to")
                                      for c in tok.children):
        return None         # `deny entry to X`: refusing, not saying
    subj = _speaker_of(tok, lex)
    if _subject_dependent(tok) is None and tok.dep_ in ("conj", "advcl", "ccomp", "parataxis") \
            and tok.head.i < tok.i:
        inv = _trailing_attribution(doc, tok, lex)
        if inv is not None:     # `X will come, the minister said`: `said` hangs on `come`
            sp_tok, span = inv
            return _Cand(tok.i, tok.i + 1, lemma, sp_tok, token_chars(doc, *span))
    if subj is not None and _newline_between(doc, subj.i, tok.i):
        subj = _adjacent_subject(doc, tok)     # a heading parsed into the next paragraph's sentence
    if subj is None:
        inv = _trailing_attribution(doc, tok, lex)
        if inv is not None:
            sp_tok, span = inv
            return _Cand(tok.i, tok.i + 1, lemma, sp_tok, token_chars(doc, *span))
        return None
    if _subject_dependent(tok) is None and tok.dep_ in ("advcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None         # `staged a strike to demand reforms`: a purpose, not a statement
    if _under_obligation(tok, lex) or _unsaid_infinitive(tok, lex):
        return None         # `the Senate must confirm any nominee`; `declined to say whether`
    span, addressee, ok = _content_of(doc, tok, entry, subj if subj.i != tok.head.i else None, lex)
    if not ok:
        return None
    cand = _Cand(tok.i, _cue_end(tok, entry), lemma, subj.i, token_chars(doc, *span) if span else None, addressee)
    # `Obama and Putin said`: one statement per named person
    extra = [c.i for c in subj.children if c.dep_ == "conj" and _personal(c, lex)]
    if extra and _personal(subj, lex):
        cand.extra_speakers = tuple(extra)
    return cand


def _under_obligation(tok, lex: StatementLexicon) -> bool:
    """A cue verb under a modal of obligation (`must confirm`, `should make clear`): what someone
    ought to say, not what they said (`need to say` is an unsaid infinitive)."""
    return any(c.dep_ == "aux" and c.lower_ in lex.obligation_words for c in tok.children)


def _unsaid_infinitive(tok, lex: StatementLexicon) -> bool:
    """An infinitive cue its head says is not said: refused (`declined to say whether X`), asked of
    another (`urged the company to disclose X`, `wants Russia to admit X`), owed (`you'd need to
    say`), to come (`is expected to announce X`) or judged (`it is hard to say what X`)."""
    if tok.dep_ not in ("xcomp", "ccomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    lemma = head.lemma_.lower()
    if lemma in lex.unsaid_heads:
        particle = lex.unsaid_head_particles.get(lemma)
        return particle is None or any(c.lower_ == particle for c in head.children)
    return head.pos_ == "AUX" and any(c.dep_ == "acomp" and c.lemma_.lower() in lex.unsaid_heads
                                      for c in head.children)


def _cue_end(tok, entry: dict) -> int:
    """Token index after the cue: after its particle (`called for`) when it has one."""
    cend = tok.i + 1
    if "particle" in entry:
        for c in tok.children:
            if c.dep_ in ("prep", "prt") and c.lower_ in entry["particle"] and c.i == tok.i + 1:
                cend = c.i + 1
    return cend


# --- quotes ---------------------------------------------------------------------------

def _overlap(a: Tuple[int, int], b: Tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _letters(text: str, a: int, b: int) -> int:
    return sum(map(str.isalnum, text[a:b]))


def _attach_quotes(doc, text: str, cands: List[_Cand], quotes: List[QuoteSpan],
                   paras: List[Tuple[int, int]], lex: StatementLexicon) -> List[_Cand]:
    """The cues with their contents matched with the quotes, and one more candidate per quote
    left over that a cue nearby (or the previous quote's) states; ordered by content."""
    used: Dict[int, _Cand] = {}     # quote index -> the candidate that states it
    turns = _transcript_turns(doc, text, paras, quotes, used)
    turns += _headline_statement(doc, text, paras, quotes, used, cands, lex)
    _attach_introduced_quotes(doc, cands, quotes, used)
    _match_contents_with_quotes(text, cands, quotes, used)
    new = _attach_left_over_quotes(doc, text, cands, quotes, paras, used, lex)
    out = [c for c in cands if c.content] + new + turns
    # a title in quotes is no direct statement (it may still make a clause `mixed`)
    out = [c for c in out if not (c.qtype == "direct" and c.quote is not None
                                  and _names_a_work(text[c.quote.start:c.quote.end]))]
    out = _without_nested_quoting(doc, out)
    out.sort(key=lambda c: (c.content[0], c.cue_start))
    return out


def _without_nested_quoting(doc, cands: List[_Cand]) -> List[_Cand]:
    """A cue inside what another statement quotes in part states nothing of its own: in `she
    said he once described the bill as "a disaster"` the quoted words are hers, one mixed
    statement (`which he calls "X"`, `told them "Y"` inside a reported clause alike). Not so
    inside a clause before its attribution (`X pressed Y on "Z", the official said`: X's words)."""
    outer = [c for c in cands if c.qtype in ("direct", "mixed") and c.content
             and doc[c.cue_start].idx < c.content[0]]
    if not outer:
        return cands
    out = []
    for c in cands:
        pos = doc[c.cue_start].idx
        if c.qtype in ("direct", "mixed") and any(
                o is not c and o.cue_start != c.cue_start and o.content[0] <= pos < o.content[1]
                and o.content[0] <= c.content[0] and c.content[1] <= o.content[1] + 2 for o in outer):
            continue
        out.append(c)
    return out


def _attach_introduced_quotes(doc, cands: List[_Cand], quotes: List[QuoteSpan], used: Dict[int, _Cand]) -> None:
    """`Khovaev said: "Yes. ..."`: the quote right after the cue is what it introduces."""
    opens = {}
    for qi, q in enumerate(quotes):
        opens[q.open_start] = qi
    for c in cands:
        k = c.cue_end
        while k < len(doc) and k < c.cue_end + 3 and (doc[k].text in (":", ",") or doc[k].is_space or (
                c.speaker_tok is not None and k == c.speaker_tok)):
            k += 1
        if k < len(doc) and k > c.cue_end and doc[k].idx in opens and doc[k - 1].text in (":", ","):
            qi = opens[doc[k].idx]
            if qi not in used:
                q = quotes[qi]
                c.qtype, c.quote, c.content = "direct", q, (q.start, q.end)
                used[qi] = c
            else:
                c.content = None


def _match_contents_with_quotes(text: str, cands: List[_Cand], quotes: List[QuoteSpan],
                                used: Dict[int, _Cand]) -> None:
    """A content (nearly) all quoted is `direct`, one holding a quoted fragment `mixed`."""
    for c in cands:
        if c.content is None or c.quote is not None:
            continue
        cs, ce = c.content
        clen = max(1, _letters(text, cs, ce))
        hits = [(qi, q) for qi, q in enumerate(quotes) if _overlap((q.start, q.end), (cs, ce)) > 0]
        if not hits:
            continue
        covered = sum(_letters(text, max(cs, q.start), min(ce, q.end)) for _, q in hits)
        if covered >= 0.8 * clen:
            qi, q = max(hits, key=lambda h: _overlap((h[1].start, h[1].end), (cs, ce)))
            if qi in used and used[qi].qtype == "direct":
                c.content = None            # one statement per quote: the first cue keeps it
                if used[qi].addressee is None and used[qi].speaker_tok is not None:
                    used[qi].addressee = c.addressee
                continue
            c.qtype, c.quote = "direct", q
            c.content = (q.start, q.end)
            used.setdefault(qi, c)
        else:
            c.qtype = "mixed"
            lo = min([cs] + [q.start for _, q in hits if q.start < cs and q.end > cs])
            hi = max([ce] + [q.end for _, q in hits if q.end > ce and q.start < ce])
            c.content = (lo, hi)
            for qi, _ in hits:
                used.setdefault(qi, c)


def _attach_left_over_quotes(doc, text: str, cands: List[_Cand], quotes: List[QuoteSpan],
                             paras: List[Tuple[int, int]], used: Dict[int, _Cand],
                             lex: StatementLexicon) -> List[_Cand]:
    """Quotes no cue's content covers: the cue next to them, or the previous quote's speaker
    (a quote never closed continues no one's words). Returns the new candidates (one per quote)."""
    new: List[_Cand] = []
    tok_cands: Dict[int, _Cand] = {}
    for c in cands:
        tok_cands.setdefault(c.cue_start, c)
    prev_direct: Optional[_Cand] = None
    for qi, q in enumerate(quotes):
        if qi in used:
            prev_direct = used[qi] if used[qi].qtype in ("direct", "mixed") else prev_direct
            continue
        if _letters(text, q.start, q.end) < 2:
            continue
        attach = _cue_after(doc, q, tok_cands, quotes, qi, len(text))
        if attach is None:
            before = _cue_before(doc, q, tok_cands)
            if before is not None and _extends_content(doc, before, q, lex):
                # `says she hopes X, but she knows that "Y"`: one statement, quoting in part
                before.content, before.qtype = (before.content[0], q.close_end), "mixed"
                used[qi] = before
                prev_direct = before
                continue
            attach = before or _dash_attribution(doc, text, q, paras)
        if attach is None and q.closed and prev_direct is not None and prev_direct.content is not None \
                and _continues_quote(text, paras, prev_direct, q):
            if _extends_content(doc, prev_direct, q, lex):
                # `claims that X is "..." but "..."`: the same clause goes on
                prev_direct.content = (prev_direct.content[0], q.close_end)
                used[qi] = prev_direct
                continue
            attach = prev_direct
        if attach is None:
            continue
        nc = dataclasses.replace(attach, content=(q.start, q.end), qtype="direct", quote=q,
                                 extra_speakers=())
        new.append(nc)
        used[qi] = nc
        prev_direct = nc
    return new


def _extends_content(doc, cand: _Cand, q: QuoteSpan, lex: StatementLexicon) -> bool:
    """Whether the quote `q`, introduced by the cue of `cand` (`but she knows that "..."`,
    `and then "..."`), goes on with what `cand` states: its reported clause ends before the
    quote in the same sentence, with no other quote between."""
    if cand.content is None or cand.qtype == "direct" or not (cand.content[1] <= q.open_start) \
            or doc[cand.cue_start].idx > cand.content[0]:
        return False    # (a clause before its cue ends there: `"A" of B, X said. "C"`)
    end_tok, open_tok = _tok_at(doc, cand.content[1] - 1), _tok_at(doc, q.open_start)
    if end_tok is None or open_tok is None or doc[end_tok].sent.start != doc[open_tok].sent.start:
        return False
    # (nor after a subordinator the content was cut at: `... "a rock" when X questioned "Y"`)
    return not any(t.text in QUOTE_CHARS or (t.lower_ in lex.cut_marks and t.dep_ in ("mark", "advmod"))
                   for t in doc[end_tok + 1:open_tok])


def _transcript_turns(doc, text: str, paras, quotes: List[QuoteSpan], used: Dict[int, _Cand]) -> List[_Cand]:
    """`PENCE: Well, look, ...` opening paragraphs (a transcript: two turns or more, the label no
    dateline place): the speaker's label in capitals, then their words to the paragraph's end;
    a quote opening there is that turn's."""
    found = [(p0, p1, m) for p0, p1 in paras for m in [_TURN_RE.match(text, p0, p1)] if m is not None
             and not get_resolver().lookup(m.group(1).title())]
    if len(found) < 2:
        return []
    out: List[_Cand] = []
    for p0, p1, m in found:
        label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = _tok_at(doc, m.end(1))
        a, b = _clean_quote(text, m.end(), p1)
        while b > a and text[b - 1] in QUOTE_CHARS:
            b -= 1
        if label is None or colon is None or b - a < 2:
            continue
        cand = _Cand(colon, colon + 1, "say", label.end - 1, (a, b), qtype="direct",
                     speaker_span=(label.start, label.end))
        out.append(cand)
        for qi, q in enumerate(quotes):
            if p0 <= q.open_start < p1:
                used[qi] = cand
    return out


def _headline_statement(doc, text: str, paras, quotes: List[QuoteSpan], used: Dict[int, _Cand],
                        cands: List[_Cand], lex: StatementLexicon) -> List[_Cand]:
    """`Pence: We will not attend the debate` as the text's first line (a headline, other
    paragraphs following): the words after the colon are the named speaker's. The name must be
    one: words in capitals, not a label of the lexicon (`Exclusive`, `Poll`, `The Latest`), and
    a person, organisation or place the parse tags there or that the article's body names
    (`Mike Pence` below a `Pence:` headline). Quoted words make it `mixed`, all quoted `direct`.
    A first line with a cue of its own is a lede, not a headline (`Star Wars: The Game is out,
    the company announced`)."""
    if len(paras) < 2:
        return []
    p0, p1 = paras[0]
    m = _HEADLINE_RE.match(text, p0, p1)
    if m is None or p1 - p0 > HEADLINE_MAX_CHARS:
        return []
    label = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    colon = _tok_at(doc, m.end(1))
    if label is None or colon is None or m.group(1).casefold() in lex.headline_labels \
            or any(p0 <= doc[c.cue_start].idx < p1 for c in cands):
        return []
    if not (any(t.ent_type_ in NAME_ENTS for t in label) or _named_in_body(doc, label[-1].text, p1)):
        return []
    a, b = _clean_quote(text, m.end(), p1)
    if b - a < 2:
        return []
    inner = [qi for qi, q in enumerate(quotes) if a <= q.open_start < b and qi not in used]
    whole = len(inner) == 1 and _letters(text, quotes[inner[0]].start, quotes[inner[0]].end) >= 0.8 * _letters(text, a, b)
    # headlines quote in single marks (`Trump Was ‘Mocking’ Clinton`), which quotes.py leaves alone
    marks = _HEADLINE_QUOTE_RE.search(text, m.end(), p1)
    if not whole and marks is not None and marks.start() <= m.end() + 1 and marks.end() >= b:
        whole = True        # `Goldsmith: 'I was not leant on'`: all quoted
        a, b = marks.start() + 1, marks.end() - 1
    qtype = "direct" if whole else "mixed" if inner or marks is not None else "indirect"
    cand = _Cand(colon, colon + 1, "say", label.end - 1, (a, b), qtype=qtype,
                 quote=quotes[inner[0]] if whole and inner else None, speaker_span=(label.start, label.end))
    for qi in inner:
        used[qi] = cand
    return [cand]


def _named_in_body(doc, word: str, body_start: int) -> bool:
    """Whether a person, organisation or place named after the headline holds `word`."""
    return any(e.start_char >= body_start and e.label_ in NAME_ENTS and word in e.text.split() for e in doc.ents)


def _dash_attribution(doc, text: str, q: QuoteSpan, paras) -> Optional[_Cand]:
    """`"...." ― Jane Doe` ending a paragraph: the name after the dash is the speaker."""
    if not q.closed:
        return None
    pi = _para_index(paras, q.close_end)
    if pi < 0:
        return None
    m = _DASH_NAME_RE.match(text, q.close_end, paras[pi][1])
    if m is None:
        return None
    dash = _tok_at(doc, m.start(1))
    name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
    if dash is None or name is None:
        return None
    return _Cand(dash, dash + 1, "attribute", name.end - 1, None, speaker_span=(name.start, name.end))


def _continues_quote(text: str, paras, prev: _Cand, q: QuoteSpan) -> bool:
    """An unattributed quote in the paragraph of the previous quote, or opening the next one."""
    para = _para_index(paras, q.open_start)
    ppara = _para_index(paras, max(prev.content[1] - 1, 0))
    same_para = ppara == para
    whole_para = para == ppara + 1 and _starts_paragraph(text, paras, para, q.open_start)
    return same_para or whole_para


def _para_index(paras, pos: int) -> int:
    for i, (a, b) in enumerate(paras):
        if a <= pos < b + 1:
            return i
    return -1


def _starts_paragraph(text, paras, pi: int, pos: int) -> bool:
    if pi < 0:
        return False
    return text[paras[pi][0]:pos].strip() == ""


def _cue_after(doc, q: QuoteSpan, tok_cands, quotes, qi, text_len: int) -> Optional[_Cand]:
    """`"...," he said` / `"...," said the minister`: a cue within a few words after the close."""
    if not q.closed:
        return None
    if qi + 1 < len(quotes):
        nxt = quotes[qi + 1].open_start
    else:
        nxt = text_len
    start = _tok_at(doc, q.close_end)
    if start is None:
        return None
    for i in range(start, min(len(doc), start + 12)):
        t = doc[i]
        if t.idx >= nxt or "\n" in t.text or (t.is_sent_start and i > start and t.text not in ",") or t.text in (".", "!", "?", ";"):
            break
        c = tok_cands.get(i)
        if c is not None:
            return c
    return None


def _cue_before(doc, q: QuoteSpan, tok_cands) -> Optional[_Cand]:
    """`he said: "..."`: a cue shortly before the opening mark, in the same paragraph."""
    end = _tok_at(doc, q.open_start)
    if end is None:
        return None
    j = end - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text not in (":", ",") and doc[j].lower_ not in ("that",):
        return None
    for i in range(j - 1, max(-1, j - 12), -1):
        t = doc[i]
        if "\n" in t.text or t.text in (".", "!", "?", ";", "”", "''") or (t.text == '"'):
            break
        c = tok_cands.get(i)
        if c is not None:
            return c
    return None


def _tok_at(doc, char: int) -> Optional[int]:
    """Index of the first token starting at or after `char`."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(doc) else None


# --- dates ------------------------------------------------------------------------------


def _event_date(doc, start: int, end: int, anchor: Tuple[int, int], quote: Tuple[int, int]):
    """The statement's own date: a date of its sentence outside what is stated, else the article's."""
    timexes = doc._.timexes if doc.has_extension("timexes") else None
    if timexes:
        # not a date inside what is stated, nor one beyond it (`..., which was agreed in May 2017`)
        timexes = [t for t in timexes if start <= t.start_char < end
                   and not (quote[0] <= t.start_char and t.end_char <= quote[1])
                   and not (anchor[1] <= quote[0] and t.start_char >= quote[1])
                   and not (anchor[0] >= quote[1] and t.end_char <= quote[0])]
    if timexes:
        tx = governing_timex(doc, timexes, anchor[0], anchor[1])
        if tx is None:
            tx = _nearest_date(timexes, start, end, anchor)
        if tx is not None:
            return tx.value, tx.range_start, tx.range_end
    pub = doc._.published_date if doc.has_extension("published_date") else None
    if isinstance(pub, datetime.date):
        return pub.isoformat(), pub, pub
    return None, None, None


def _nearest_date(timexes, start: int, end: int, anchor: Tuple[int, int]):
    """The DATE/TIME expression within [start, end) nearest the cue, or None (when the cue's
    own sentence has none, `governing_timex` finds nothing while the statement's span may)."""
    best = None
    for t in timexes:
        if t.timex_type in ("DATE", "TIME") and start <= t.start_char and t.end_char <= end:
            d = min(abs(t.start_char - anchor[0]), abs(t.end_char - anchor[1]))
            if best is None or d < best[0]:
                best = (d, t)
    return best[1] if best else None


# --- assembling -------------------------------------------------------------------------

def _clean_quote(text: str, a: int, b: int) -> Tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in QUOTE_CHARS):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return a, b


def extract_statements(doc, ex: StatementExtractor) -> List[StatementEvent]:
    text = doc_text(doc)
    if not text.strip():
        return []
    quotes = find_quotes(text)
    paras = paragraph_spans(text)
    arr = _token_array(doc)
    found = _find_cues(doc, ex, arr)
    cands = _outside_quotes(doc, found, quotes)
    nested = _named_inside_quotes(doc, [c for c in found if c not in cands], quotes)
    cands = _attach_quotes(doc, text, cands, quotes, paras, ex.lex)
    # verbs of judging (`dismissed X as "..."`) report words only when they quote some
    cands = [c for c in cands if c.qtype != "indirect" or not ex.lex.verbs.get(c.lemma, {}).get("needs_quote")]
    nested = [c for c in nested if not ex.lex.verbs.get(c.lemma, {}).get("needs_quote")]
    index = SpeakerIndex(doc, ex.lex, ex.resolver)
    _note_subjects(doc, arr, index)
    resolved = _resolve_speakers(doc, cands, index)
    # the named speakers inside quotes after the rest, so that no pronoun or description of the
    # article's own attributions takes them for its antecedent
    for k, v in _resolve_speakers(doc, nested, index).items():
        resolved.setdefault(k, v)
    cands = cands + nested
    sents = list(doc.sents)
    sent_starts = [s.start_char for s in sents]
    sent_ends = [s.end_char for s in sents]
    out: List[StatementEvent] = []
    seen = set()
    for c, (a, b) in _paragraph_pieces(text, cands):
        speakers = [resolved.get(c.speaker_tok)] + [resolved.get(e) for e in c.extra_speakers]
        cue_a, cue_b = token_chars(doc, c.cue_start, c.cue_end)
        si = bisect.bisect_right(sent_starts, min(a, cue_a)) - 1
        sj = bisect.bisect_right(sent_starts, max(max(b, cue_b) - 1, min(a, cue_a))) - 1
        sent = (sent_starts[max(si, 0)], sent_ends[max(sj, 0)])
        date = _event_date(doc, sent[0], sent[1], (cue_a, cue_b), (a, b))
        for sp in speakers:
            key = (a, b, sp.name if sp else None)
            if key in seen:
                continue
            seen.add(key)
            out.append(_statement(text, c, sp, sent, (cue_a, cue_b), (a, b), date))
    out.sort(key=lambda s: (s.quote_start, s.anchor_start))
    return out


def _paragraph_pieces(text: str, cands: List[_Cand]):
    """(candidate, character span) for each paragraph of what each candidate states: a quote
    of several paragraphs is one statement per paragraph, as each is a passage of its own."""
    for c in cands:
        a0, b0 = c.content
        cut = text.find("\n", a0, b0)
        while True:
            end = b0 if cut < 0 else cut
            a, b = _clean_quote(text, a0, end)
            if b - a >= 2:
                yield c, (a, b)
            if cut < 0:
                break
            a0, cut = cut + 1, text.find("\n", cut + 1, b0)


def _names_a_work(quoted: str) -> bool:
    """`"Fox and Friends"`, `"A Change Is Gonna Come"`: a title in quotes, not words spoken: three
    to eight words, every one capitalised but for short function words."""
    words = _WORD_RE.findall(quoted)
    if not 3 <= len(words) <= 8 or any(ch in quoted.rstrip(".,!?") for ch in ".!?"):
        return False
    caps = [w for w in words if w[0].isupper()]
    return len(caps) >= 2 and all(w[0].isupper() or w in TITLE_FUNCTION_WORDS for w in words)


def _outside_quotes(doc, cands: List[_Cand], quotes: List[QuoteSpan]) -> List[_Cand]:
    """The cues not inside a closed quote: `"People say X," she said` is her statement, not
    the people's (a cue quoted is part of what is stated)."""
    spans = [(q.start, q.end) for q in quotes if q.closed]
    if not spans:
        return cands
    starts = [a for a, _ in spans]
    out = []
    for c in cands:
        pos = doc[c.cue_start].idx
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < spans[k][1]:
            continue
        out.append(c)
    return out


def _named_inside_quotes(doc, cands: List[_Cand], quotes: List[QuoteSpan]) -> List[_Cand]:
    """Cue verbs inside a quote whose speaker is named (`"The minister Ortiz told us that X," the
    aide said`): the words are Ortiz's, reported by the aide; their content stays inside the quote."""
    spans = [(q.start, q.end) for q in quotes if q.closed]
    out = []
    for c in cands:
        if c.noun or c.content is None or c.speaker_tok is None:
            continue
        cue = doc[c.cue_start]
        if cue.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or any(x.dep_ == "neg" for x in cue.children) \
                or any(doc[i].lower_ == "no" for i in range(doc[c.speaker_tok].left_edge.i, c.speaker_tok)) \
                or (cue.tag_ == "VBN" and not any(x.dep_ == "aux" and x.lemma_ == "have" for x in cue.children)):
            continue        # only a finite report (`Kerry emphasized X`), not `I want Obama to say X`
        sp = doc[c.speaker_tok]
        if sp.pos_ != "PROPN" or sp.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        pos = doc[c.cue_start].idx
        if any(a <= pos < b and a <= c.content[0] and c.content[1] <= b for a, b in spans):
            out.append(c)
    return out


def _note_subjects(doc, arr, index: SpeakerIndex) -> None:
    """Remember the clause subjects (for a later `it said`)."""
    for i in numpy.nonzero(numpy.isin(arr[:, 3], [doc.vocab.strings[d] for d in SUBJECT_DEPS]))[0].tolist():
        index.note_subject(doc[i])


def _resolve_speakers(doc, cands: List[_Cand], index: SpeakerIndex) -> Dict[int, Speaker]:
    """Speaker token index -> its speaker, resolved in the order the cues appear, so that `he`
    finds the one before."""
    resolved: Dict[int, Speaker] = {}
    for c in sorted(cands, key=lambda c: c.cue_start):
        if c.speaker_tok is not None and c.speaker_tok not in resolved:
            resolved[c.speaker_tok] = index.resolve(doc[c.speaker_tok], c.speaker_span, c.content)
        for e in c.extra_speakers:
            if e not in resolved:
                resolved[e] = index.resolve(doc[e])
    return resolved


def _statement(text: str, c: _Cand, sp: Optional[Speaker], sent: Tuple[int, int], cue: Tuple[int, int],
               quote: Tuple[int, int], date) -> StatementEvent:
    """The record of what `sp` states in `quote`."""
    value, d0, d1 = date
    code = sp.code if sp else None
    conf = CONFIDENCE[c.qtype]
    if sp is None or sp.name is None:
        conf -= UNNAMED_SPEAKER_PENALTY
    return StatementEvent(
        action=c.lemma,
        actors=[code] if code else [],
        sentence_start=sent[0],
        sentence_end=sent[1],
        anchor_start=cue[0],
        anchor_end=cue[1],
        confidence=round(conf, 2),
        event_date=value,
        date_start=d0,
        date_end=d1,
        speaker=sp.name if sp else None,
        speaker_mention=sp.mention if sp else None,
        speaker_title=sp.title if sp else None,
        speaker_code=code,
        cue=text[cue[0]:cue[1]],
        addressee=c.addressee,
        quote_text=text[quote[0]:quote[1]],
        quote_start=quote[0],
        quote_end=quote[1],
        quote_type=c.qtype,
    )
