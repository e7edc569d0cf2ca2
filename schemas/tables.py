"""The pyarrow schema of every output table: one place, versioned.

Required columns follow ../shared/CONTRACT.md; the others are ours. A change to a
required column bumps SCHEMA_VERSION (and the README's table of versions).
"""
import pyarrow as pa

SCHEMA_VERSION = "1.0.0"

_codes = pa.list_(pa.string())

ARTICLES = pa.schema([
    ("doc_id", pa.string()),
    ("source_path", pa.string()),
    ("source_line", pa.int32()),          # 1-based line of a JSON Lines input, else null
    ("content_hash", pa.string()),        # equal for identical article bytes: de-duplicate on it
    ("published_date", pa.date32()),
    ("dateline", pa.string()),
    ("title", pa.string()),
    ("text", pa.string()),
    ("encoding", pa.string()),            # how the bytes were decoded (utf-8, cp1252, ...)
    ("parse_warning", pa.string()),       # e.g. an impossible header date that was left out
    ("word_count", pa.int32()),
])

DATES = pa.schema([
    ("doc_id", pa.string()),
    ("start_char", pa.int32()),
    ("end_char", pa.int32()),
    ("text", pa.string()),
    ("timex_type", pa.string()),
    ("value", pa.string()),
    ("mod", pa.string()),
    ("range_start", pa.date32()),
    ("range_end", pa.date32()),
])

EVENTS = pa.schema([
    ("event_id", pa.string()),
    ("doc_id", pa.string()),
    ("event_type", pa.string()),
    ("action", pa.string()),
    ("actors", _codes),
    ("event_date", pa.string()),
    ("date_start", pa.date32()),
    ("date_end", pa.date32()),
    ("sentence_start", pa.int32()),
    ("sentence_end", pa.int32()),
    ("sentence_text", pa.string()),
    ("confidence", pa.float32()),
    ("published_year", pa.int32()),       # Hive partition key of the published table
])

AGREEMENTS = pa.schema([
    ("event_id", pa.string()),
    ("doc_id", pa.string()),
    ("agreement_name", pa.string()),
    ("agreement_acronym", pa.string()),
    ("agreement_type", pa.string()),
    ("parties", _codes),
    ("party_names", _codes),
    ("polarity", pa.string()),
    ("modality", pa.string()),
    ("trigger", pa.string()),
])

EXERCISES = pa.schema([
    ("event_id", pa.string()),
    ("doc_id", pa.string()),
    ("exercise_name", pa.string()),
    ("exercise_kind", pa.string()),
    ("participants", _codes),
    ("location", pa.string()),
    ("location_code", pa.string()),
    ("trigger", pa.string()),
])

STATEMENTS = pa.schema([
    ("event_id", pa.string()),
    ("doc_id", pa.string()),
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
])

REJECTS = pa.schema([
    ("source_path", pa.string()),
    ("source_line", pa.int32()),
    ("doc_id", pa.string()),
    ("stage", pa.string()),
    ("reason", pa.string()),
    ("detail", pa.string()),
])

TABLES = {
    "articles": ARTICLES,
    "dates": DATES,
    "events": EVENTS,
    "agreements": AGREEMENTS,
    "exercises": EXERCISES,
    "statements": STATEMENTS,
    "rejects": REJECTS,
}

# Tables published with Hive partitions, and their key.
PARTITIONS = {"events": "published_year"}

REJECT_STAGES = ("read", "decode", "parse", "nlp", "extract")


def conform(table_name: str, row: dict) -> dict:
    """The row with exactly the table's columns (missing ones null), for the Parquet sink."""
    return {name: row.get(name) for name in TABLES[table_name].names}
