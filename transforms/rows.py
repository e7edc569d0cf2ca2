"""Map an article and its annotated Doc to the rows of every output table.

The one place where extractor records become table rows: plain dicts keyed by
the column names of `schemas.tables`. Beam-free, so tests call it directly.
"""
from __future__ import annotations

import dataclasses
import datetime
import hashlib
from typing import Dict, List

from spacy.attrs import IS_PUNCT, IS_SPACE

from schemas.tables import conform
from transforms.doctext import doc_text
from transforms.records import StatementEvent
from transforms.sources import Article, Reject

# event type -> (Doc extension, detail table)
EVENT_KINDS = (
    ("agreement", "agreements", "agreements"),
    ("exercise", "exercises", "exercises"),
    ("statement", "statements", "statements"),
)


def article_row(article: Article, word_count: int = None) -> dict:
    row = dataclasses.asdict(article)
    row["word_count"] = word_count
    return conform("articles", row)


def reject_row(reject: Reject) -> dict:
    return conform("rejects", dataclasses.asdict(reject))


def event_id(doc_id: str, event_type: str, event) -> str:
    """Stable: derived from the article and the event's place in it, never from run state."""
    key = f"{doc_id}|{event_type}|{event.sentence_start}|{event.anchor_start}|{event.anchor_end}|{event.action}"
    if isinstance(event, StatementEvent):
        key += f"|{event.quote_start}|{event.quote_end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


_ATOMS = (str, int, float, bool, datetime.date, datetime.datetime, type(None))
_FIELD_NAMES: Dict[type, List[str]] = {}


def record_dict(record) -> dict:
    """`dataclasses.asdict` for the flat records of transforms.records (scalars and lists of
    scalars), without its deep copies; anything else goes to `dataclasses.asdict`."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = [f.name for f in dataclasses.fields(record)]
    out = {}
    for name in names:
        value = getattr(record, name)
        if type(value) in _ATOMS:
            out[name] = value
        elif type(value) is list and all(type(x) in _ATOMS for x in value):
            out[name] = list(value)
        else:
            return dataclasses.asdict(record)
    return out


def word_count(doc) -> int:
    """Tokens that are neither punctuation nor whitespace."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(((flags[:, 0] == 0) & (flags[:, 1] == 0)).sum())


def doc_rows(article: Article, doc) -> Dict[str, List[dict]]:
    """{table name: rows} for one annotated article (articles row included).

    A component that failed on this Doc (recorded in `doc._.errors`) gives a
    `rejects` row of stage `extract`; the other components' rows still come out.
    """
    text = doc_text(doc)
    year = article.published_date.year if article.published_date else None
    tables: Dict[str, List[dict]] = {name: [] for name in
                                     ("articles", "dates", "events", "agreements",
                                      "exercises", "statements", "rejects")}
    tables["articles"].append(article_row(article, word_count=word_count(doc)))
    for timex in doc._.timexes or ():
        row = record_dict(timex)
        row["doc_id"] = article.doc_id
        tables["dates"].append(conform("dates", row))
    seen_ids = set()
    for event_type, extension, table in EVENT_KINDS:
        for event in getattr(doc._, extension) or ():
            eid = event_id(article.doc_id, event_type, event)
            if eid in seen_ids:
                continue  # the same event twice (e.g. two patterns on one trigger)
            seen_ids.add(eid)
            row = record_dict(event)
            row.update(event_id=eid, doc_id=article.doc_id, event_type=event_type,
                       published_year=year,
                       actors=sorted(set(row.get("actors") or ())),
                       sentence_text=text[event.sentence_start:event.sentence_end])
            tables["events"].append(conform("events", row))
            tables[table].append(conform(table, row))
    for component, message, _trace in doc._.errors or ():
        tables["rejects"].append(reject_row(Reject(
            source_path=article.source_path, source_line=article.source_line, doc_id=article.doc_id,
            stage="extract", reason=f"{component}_failed",
            detail=f"{component} raised {message} on this article; its other tables are complete")))
    return tables
