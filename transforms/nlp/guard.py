"""One extractor's failure never fails the Doc: `guarded` records it in `doc._.errors`.

The other extractors' rows still come out, and the row builder turns each recorded
error into a `rejects` row of stage `extract`.
"""
from __future__ import annotations

import traceback
from typing import Callable

from spacy.tokens import Doc

if not Doc.has_extension("errors"):
    Doc.set_extension("errors", default=None)


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
