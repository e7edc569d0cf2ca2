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
from typing import Iterable, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from schemas.kinds import EVENT_KINDS
from transforms import DEFAULT_MODEL
from transforms.extract import actors, dates  # noqa: F401 - register the annotators' factories
from transforms.nlp.doctext import declare_extension, remember_text, set_metadata
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


def make_doc(nlp: Language, text: str, published_date: Optional[datetime.date] = None,
             dateline: Optional[str] = None) -> Doc:
    """A tokenised Doc carrying the article's metadata, ready for `nlp(doc)` / `nlp.pipe`."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    set_metadata(doc, published_date, dateline)
    return doc
