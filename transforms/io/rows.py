"""Records -> table rows: plain dicts keyed by the column names of `schemas.tables`.

The one place where extractor records (plain dataclasses) become rows of the
`articles`, `dates`, `events`, detail and `rejects` tables. No spaCy, no Beam: the
annotating step hands in what it took off each Doc (`transforms.extract.rows`).
"""
from __future__ import annotations

import dataclasses
import datetime
import hashlib
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from schemas.kinds import EVENT_KINDS, EventKind
from schemas.tables import TABLES, conform
from transforms.io.sources import Article, Reject, clean_text


def _clean_path(row: dict) -> dict:
    # a file name with bytes that are not UTF-8 arrives with lone surrogates, which no
    # Parquet column (nor Beam's coder) can hold
    for name in ("source_path", "detail"):
        if isinstance(row.get(name), str):
            row[name] = clean_text(row[name])[0]
    return row


def article_row(article: Article, word_count: int = None) -> dict:
    row = dataclasses.asdict(article)
    row["word_count"] = word_count
    return conform("articles", _clean_path(row))


def reject_row(reject: Reject) -> dict:
    return conform("rejects", _clean_path(dataclasses.asdict(reject)))


def event_id(doc_id: str, kind: EventKind, event) -> str:
    """Stable: derived from the article and the event's place in it, never from run state."""
    key = f"{doc_id}|{kind.event_type}|{event.sentence_start}|{event.anchor_start}|{event.anchor_end}|{event.action}"
    for name in kind.id_fields:
        key += f"|{getattr(event, name)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


_ATOMS = (str, int, float, bool, datetime.date, datetime.datetime, type(None))
_FIELD_NAMES: Dict[type, List[str]] = {}


def record_dict(record) -> dict:
    """`dataclasses.asdict` for flat records (scalars and lists of scalars), without its
    deep copies; anything else goes to `dataclasses.asdict`."""
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


def article_tables(article: Article, text: str, word_count: int, timexes: Iterable,
                   events: Dict[str, Sequence], errors: Iterable[Tuple[str, str]] = ()
                   ) -> Dict[str, List[dict]]:
    """{table name: rows} for one annotated article (its `articles` row included).

    `events` maps an event kind's extension to its records; `errors` holds (component,
    message) pairs of the components that failed on the article: each becomes a
    `rejects` row of stage `extract` while the other components' rows still come out.
    """
    tables: Dict[str, List[dict]] = {name: [] for name in TABLES}
    tables["articles"].append(article_row(article, word_count=word_count))
    for timex in timexes:
        row = record_dict(timex)
        row["doc_id"] = article.doc_id
        tables["dates"].append(conform("dates", row))
    year = article.published_date.year if article.published_date else None
    seen_ids = set()
    for kind in EVENT_KINDS:
        for event in events.get(kind.extension) or ():
            eid = event_id(article.doc_id, kind, event)
            if eid in seen_ids:
                continue  # the same event twice (e.g. two patterns on one trigger)
            seen_ids.add(eid)
            row = record_dict(event)
            row.update(event_id=eid, doc_id=article.doc_id, event_type=kind.event_type,
                       published_year=year,
                       actors=sorted(set(row.get("actors") or ())),
                       sentence_text=text[event.sentence_start:event.sentence_end])
            tables["events"].append(conform("events", row))
            tables[kind.table].append(conform(kind.table, row))
    for component, message in errors:
        tables["rejects"].append(extract_reject_row(article, component, message))
    return tables


def extract_reject_row(article: Article, component: str, message: str) -> dict:
    return reject_row(Reject(
        source_path=article.source_path, source_line=article.source_line, doc_id=article.doc_id,
        stage="extract", reason=f"{component}_failed",
        detail=f"{component} raised {message} on this article; its other tables are complete"))
