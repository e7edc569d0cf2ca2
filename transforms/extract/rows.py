"""An annotated Doc -> the rows of every table (`transforms.io.rows` does the mapping).

The one function the annotating step calls per article: it takes the records each
component left on the Doc (`doc._.timexes`, one extension per event kind of
`schemas.kinds`, `doc._.errors`) and the article's word count.
"""
from __future__ import annotations

from typing import Dict, List

from spacy.attrs import IS_PUNCT, IS_SPACE

from schemas.kinds import EVENT_KINDS
from transforms.io.rows import article_tables
from transforms.io.sources import Article
from transforms.nlp.doctext import doc_text


def word_count(doc) -> int:
    """Tokens that are neither punctuation nor whitespace."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(((flags[:, 0] == 0) & (flags[:, 1] == 0)).sum())


def doc_rows(article: Article, doc) -> Dict[str, List[dict]]:
    """{table name: rows} for one annotated article (articles row included)."""
    return article_tables(
        article, doc_text(doc), word_count(doc), doc._.timexes or (),
        {kind.extension: getattr(doc._, kind.extension) for kind in EVENT_KINDS},
        [(component, message) for component, message, _trace in doc._.errors or ()])
