"""Every event kind, declared once: what lists kinds anywhere derives from here.

An `EventKind` names the `events.event_type` value, the detail table and its own
columns, the Doc extension its spaCy component fills with records, the component's
factory name and the module that registers it. The table schemas
(`schemas.tables.TABLES`), the annotating step's outputs, the row builder and
`build_nlp`'s components are all made from `EVENT_KINDS`.

Light on purpose (pyarrow only, no spaCy): the Parquet writer and the launcher import it.
"""
from __future__ import annotations

import dataclasses
from typing import Tuple

import pyarrow as pa

CODES = pa.list_(pa.string())


@dataclasses.dataclass(frozen=True)
class EventKind:
    event_type: str                  # `events.event_type`
    table: str                       # the detail table, one row per event
    extension: str                   # `doc._.<extension>`: the component's list of records
    component: str                   # spaCy factory name (`nlp.add_pipe(component)`)
    module: str                      # importing it registers the factory
    columns: Tuple[Tuple[str, pa.DataType], ...]   # the detail table's own columns
    id_fields: Tuple[str, ...] = ()  # record fields that tell two events of one anchor apart

    def schema(self) -> pa.Schema:
        """The detail table: the event's id and article, then its own columns."""
        return pa.schema([("event_id", pa.string()), ("doc_id", pa.string())] + list(self.columns))


EVENT_KINDS: Tuple[EventKind, ...] = (
    EventKind(
        event_type="agreement", table="agreements", extension="agreements",
        component="agreement_extractor", module="transforms.extract.agreements",
        columns=(
            ("agreement_name", pa.string()),
            ("agreement_acronym", pa.string()),
            ("agreement_type", pa.string()),
            ("parties", CODES),
            ("party_names", CODES),
            ("polarity", pa.string()),
            ("modality", pa.string()),
            ("trigger", pa.string()),
        )),
    EventKind(
        event_type="exercise", table="exercises", extension="exercises",
        component="exercise_extractor", module="transforms.extract.exercises",
        columns=(
            ("exercise_name", pa.string()),
            ("exercise_kind", pa.string()),
            ("participants", CODES),
            ("location", pa.string()),
            ("location_code", pa.string()),
            ("trigger", pa.string()),
        )),
    EventKind(
        event_type="statement", table="statements", extension="statements",
        component="statement_extractor", module="transforms.extract.statements",
        columns=(
            ("speaker", pa.string()),
            ("speaker_mention", pa.string()),
            ("speaker_title", pa.string()),
            ("speaker_code", pa.string()),
            ("cue", pa.string()),
            ("addressee", pa.string()),
            ("quote_text", pa.string()),
            ("quote_start", pa.int32()),
            ("quote_end", pa.int32()),
            ("quote_type", pa.string()),
        ),
        # one cue may introduce several quotes, and one quote have several speakers (`A and B said`)
        id_fields=("quote_start", "quote_end", "speaker")),
)
