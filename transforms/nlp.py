"""build_nlp(): the spaCy pipeline with our extractors added as components.

The same object serves a notebook and the Beam workers:

    nlp = build_nlp()
    doc = nlp(make_doc(nlp, text, published_date=datetime.date(2020, 2, 25)))
    doc._.timexes, doc._.agreements, doc._.exercises, doc._.statements

Each extractor module registers its factory with `@Language.factory`; importing
them here is what makes the names known to `nlp.add_pipe`.
A failing component does not fail the Doc: `guarded` records the error in
`doc._.errors` so the other extractors' rows still come out (a `rejects` row
with stage `extract` tells about the failure).
"""
from __future__ import annotations

import datetime
import traceback
from typing import Callable, Iterable, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from transforms import DEFAULT_MODEL
from transforms.doctext import remember_text
from transforms.memory import bound_caches

for _name in ("timexes", "agreements", "exercises", "statements", "actor_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name, _default in (("published_date", None), ("dateline", None), ("errors", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

# Components in the order they run: dates and actors first, events read them.
EXTRACTORS = (
    "timex_tagger",
    "actor_tagger",
    "agreement_extractor",
    "exercise_extractor",
    "statement_extractor",
)

# What the extractors read from the model; the rest is disabled for speed.
MODEL_COMPONENTS_USED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class guarded:
    """Wrap a component so that an exception is recorded in `doc._.errors`, not raised.

    Factories return `guarded("timex_tagger", TimexTagger(...))`.
    """

    def __init__(self, name: str, component: Callable[[Doc], Doc]):
        self.name = name
        self.component = component

    def __call__(self, doc: Doc) -> Doc:
        try:
            return self.component(doc)
        except Exception as exc:  # noqa: BLE001 - isolate one extractor's failure
            errors = doc._.errors or []
            errors.append((self.name, f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=3)))
            doc._.errors = errors
            return doc


def _register_extractors() -> None:
    # Importing the modules registers their factories.
    from transforms import actors, agreements, dates, exercises, statements  # noqa: F401


def build_nlp(model: str = DEFAULT_MODEL, extractors: Iterable[str] = EXTRACTORS) -> Language:
    _register_extractors()
    nlp = spacy.load(model)
    keep = set(MODEL_COMPONENTS_USED)
    for pipe_name in list(nlp.pipe_names):
        if pipe_name not in keep:
            nlp.disable_pipe(pipe_name)
    for name in extractors:
        nlp.add_pipe(name, last=True)
    bound_caches(nlp)
    return nlp


def make_doc(nlp: Language, text: str, published_date: Optional[datetime.date] = None,
             dateline: Optional[str] = None) -> Doc:
    """A tokenised Doc carrying the article's metadata, ready for `nlp(doc)` / `nlp.pipe`."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    doc._.published_date = published_date
    doc._.dateline = dateline
    return doc
