"""The pyarrow schema of every output table, versioned (event kinds' detail tables from
`schemas.kinds`).

Required columns follow ../shared/CONTRACT.md; the others are ours. A change to a
required column bumps SCHEMA_VERSION (and the README's table of versions).
"""
import pyarrow as pa

from schemas.kinds import CODES as _codes, EVENT_KINDS

SCHEMA_VERSION = "1.0.0"

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
    ("source_id", pa.string()),           # the input's own id (JSON `id`), to link back to it
    ("url", pa.string()),                 # JSON `url` / `source_url`
    ("source", pa.string()),              # JSON `source` / `publisher`
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

REJECTS = pa.schema([
    ("source_path", pa.string()),
    ("source_line", pa.int32()),
    ("doc_id", pa.string()),
    ("stage", pa.string()),
    ("reason", pa.string()),
    ("detail", pa.string()),
])

# Every table in its order: articles, dates, events, one detail table per event kind, rejects.
TABLES = {
    "articles": ARTICLES,
    "dates": DATES,
    "events": EVENTS,
    **{kind.table: kind.schema() for kind in EVENT_KINDS},
    "rejects": REJECTS,
}

# Tables published with Hive partitions, and their key.
PARTITIONS = {"events": "published_year"}

REJECT_STAGES = ("read", "decode", "parse", "nlp", "extract")


def conform(table_name: str, row: dict) -> dict:
    """The row with exactly the table's columns (missing ones null), for the Parquet sink."""
    return {name: row.get(name) for name in TABLES[table_name].names}
