"""build_nlp(): the spaCy pipeline with our extractors added as components.

The same object serves a notebook and the Beam workers:

    from transforms.extract.build import build_nlp, make_doc
    nlp = build_nlp()
    doc = nlp(make_doc(nlp, text, published_date=datetime.date(2020, 2, 25)))
    doc._.timexes, doc._.agreements, doc._.exercises, doc._.statements

The components are the date tagger and the actor tagger (every event extractor reads
them), then one component per event kind of `schemas.kinds.EVENT_KINDS`, in that
order; each declares what it `requires` and `assigns`, so `nlp.analyze_pipes()` checks
the order. Importing this module registers every factory, so a pipeline saved with
`nlp.to_disk(path)` loads back with `load_nlp(path)` (or `spacy.load(path)` after the
import) and gives the same events.
"""
from __future__ import annotations

import datetime
import importlib
import re
from typing import Iterable, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from schemas.kinds import EVENT_KINDS
from transforms import DEFAULT_MODEL
from transforms.extract import actors, dates  # noqa: F401 - register the annotators' factories
from transforms.nlp.doctext import declare_extension, doc_text, remember_text, set_metadata
from transforms.nlp.memory import bound_caches

for _kind in EVENT_KINDS:
    importlib.import_module(_kind.module)      # registers the kind's factory
    declare_extension(_kind.extension)

# Components in the order they run: dates and actors first, the events read them.
ANNOTATORS = ("timex_tagger", "actor_tagger")
EXTRACTORS = ANNOTATORS + tuple(kind.component for kind in EVENT_KINDS)

# What the extractors read from the model; the rest is disabled for speed.
MODEL_COMPONENTS_USED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def build_nlp(model: str = DEFAULT_MODEL, extractors: Iterable[str] = EXTRACTORS) -> Language:
    """The model `model` (only the components the extractors read enabled) with our
    components added last, in order."""
    nlp = spacy.load(model)
    keep = set(MODEL_COMPONENTS_USED)
    for pipe_name in list(nlp.pipe_names):
        if pipe_name not in keep:
            nlp.disable_pipe(pipe_name)
    for name in extractors:
        nlp.add_pipe(name, last=True)
    bound_caches(nlp)
    return nlp


def load_nlp(path: str) -> Language:
    """A pipeline saved by `build_nlp().to_disk(path)`, back with its components."""
    nlp = spacy.load(path)
    bound_caches(nlp)
    return nlp


# spaCy's tokenizer takes time quadratic in the length of a run without white space
# (20,000 emoji: 38 s): a longer run is cut into tokens of this many characters instead.
MAX_RUN_CHARS = 1_000
# Text is tokenised in segments of about this many characters (cut at white space), so
# an article over spaCy's `max_length` (1,000,000) is tokenised like any other.
SEGMENT_CHARS = 100_000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))


def tokenize(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, but for a text with a run of more than MAX_RUN_CHARS
    non-space characters, or over SEGMENT_CHARS characters: then its segments are
    tokenised one by one and joined (`Doc.from_docs`), the text unchanged."""
    if len(text) <= SEGMENT_CHARS and not _LONG_RUN.search(text):
        return nlp.make_doc(text)
    docs = []
    for segment, is_run in _segments(text):
        if is_run:
            words = [segment[i:i + MAX_RUN_CHARS] for i in range(0, len(segment), MAX_RUN_CHARS)]
            docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
        elif segment:
            docs.append(nlp.make_doc(segment))
    doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
    assert doc.text == text, "segmented tokenisation must keep the text"
    return doc


def _segments(text: str):
    """(segment, is a long run) in text order: long runs apart, the rest cut after white
    space into pieces of at most about SEGMENT_CHARS characters."""
    pos = 0
    for run in _LONG_RUN.finditer(text):
        yield from _plain_segments(text[pos:run.start()])
        yield run.group(), True
        pos = run.end()
    yield from _plain_segments(text[pos:])


def _plain_segments(text: str):
    while len(text) > SEGMENT_CHARS:
        cut = max(text.rfind(" ", 0, SEGMENT_CHARS), text.rfind("\n", 0, SEGMENT_CHARS)) + 1
        if cut <= 0:
            cut = SEGMENT_CHARS
        yield text[:cut], False
        text = text[cut:]
    yield text, False


def make_doc(nlp: Language, text: str, published_date: Optional[datetime.date] = None,
             dateline: Optional[str] = None) -> Doc:
    """A tokenised Doc carrying the article's metadata, ready for `nlp(doc)` / `nlp.pipe`."""
    doc = tokenize(nlp, text)
    remember_text(doc, text)
    set_metadata(doc, published_date, dateline)
    return doc


def annotate_in_pieces(nlp: Language, doc: Doc, max_tokens: int) -> Doc:
    """A Doc too long for one model pass, annotated as `nlp(doc)` would but with the
    model's components run over pieces of at most `max_tokens` tokens (cut after a
    sentence end or a line break where one is near), so the model's working memory is
    that of one batch; the pieces are joined, offsets unchanged, and then our
    components run over the whole Doc. A piece boundary also starts a sentence."""
    text, published, dateline = doc_text(doc), doc._.published_date, doc._.dateline
    pieces = [doc[a:b].as_doc() for a, b in _piece_bounds(doc, max_tokens)]
    ours = [name for name in nlp.pipe_names if name in EXTRACTORS]
    with nlp.select_pipes(disable=ours):
        parsed = list(nlp.pipe(pieces, batch_size=1))
    joined = Doc.from_docs(parsed, ensure_whitespace=False)
    remember_text(joined, text)
    set_metadata(joined, published, dateline)
    for name in ours:
        joined = nlp.get_pipe(name)(joined)
    return joined


def _piece_bounds(doc: Doc, max_tokens: int):
    start = 0
    while start < len(doc):
        end = min(start + max_tokens, len(doc))
        if end < len(doc):
            # the last sentence end or line break in the piece's second half, if any
            for i in range(end - 1, start + max_tokens // 2, -1):
                if "\n" in doc[i].text or (doc[i].text in (".", "!", "?") and doc[i].whitespace_):
                    end = i + 1
                    break
        yield start, end
        start = end
