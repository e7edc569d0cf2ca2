"""Plain records the extractors produce: what leaves a spaCy Doc.

Extractors fill `doc._.timexes`, `doc._.agreements`, `doc._.exercises` and
`doc._.statements` with these; `transforms.io.rows` turns them into table rows.
They hold only str/int/float/date/list values, so they pickle cheaply.
Offsets are Python string indices into `doc.text` (end exclusive).
"""
from __future__ import annotations

import dataclasses
import datetime
from typing import List, Optional


@dataclasses.dataclass
class Timex:
    start_char: int
    end_char: int
    text: str
    timex_type: str                      # DATE, TIME, DURATION, SET
    value: str                           # TIMEX3 value: 2020-02-24, P3Y, PRESENT_REF, XXXX-05
    mod: Optional[str] = None            # START, MID, END, APPROX, MORE_THAN, LESS_THAN, BEFORE, AFTER
    range_start: Optional[datetime.date] = None
    range_end: Optional[datetime.date] = None


@dataclasses.dataclass
class Event:
    """Fields every event shares (the `events` table)."""
    action: str
    actors: List[str]
    sentence_start: int
    sentence_end: int
    anchor_start: int                    # the trigger's offsets: make the event id unique in a sentence
    anchor_end: int
    confidence: float = 0.5
    event_date: Optional[str] = None     # TIMEX3 value of the governing date
    date_start: Optional[datetime.date] = None
    date_end: Optional[datetime.date] = None


@dataclasses.dataclass
class AgreementEvent(Event):
    agreement_name: Optional[str] = None
    agreement_acronym: Optional[str] = None
    agreement_type: str = "other"
    parties: List[str] = dataclasses.field(default_factory=list)
    party_names: List[str] = dataclasses.field(default_factory=list)
    polarity: str = "positive"           # positive | negative
    modality: str = "asserted"           # asserted | planned | possible | hypothetical ...
    trigger: Optional[str] = None


@dataclasses.dataclass
class ExerciseEvent(Event):
    exercise_name: Optional[str] = None
    exercise_kind: str = "other"
    participants: List[str] = dataclasses.field(default_factory=list)
    location: Optional[str] = None
    location_code: Optional[str] = None
    trigger: Optional[str] = None


@dataclasses.dataclass
class StatementEvent(Event):
    speaker: Optional[str] = None
    speaker_mention: Optional[str] = None
    speaker_title: Optional[str] = None
    speaker_code: Optional[str] = None
    cue: str = ""
    addressee: Optional[str] = None
    quote_text: str = ""
    quote_start: int = 0
    quote_end: int = 0
    quote_type: str = "direct"           # direct | indirect | mixed
