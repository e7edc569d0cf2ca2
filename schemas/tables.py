"""The pyarrow schema of every output table, versioned (event kinds' detail tables from
`schemas.kinds`).

Required columns follow ../shared/CONTRACT.md; the others are ours. A change to a
required column bumps SCHEMA_VERSION (and the README's table of versions).
"""
import pyarrow as pa

from schemas.kinds import CODES as _codes, EVENT_KINDS

SCHEMA_VERSION = "2.0.0"   # 2.0.0: run_id on every table; events no longer Hive-partitioned

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
    ("published_year", pa.int32()),       # the article's year (null when undated): a plain column
])

REJECTS = pa.schema([
    ("source_path", pa.string()),
    ("source_line", pa.int32()),
    ("doc_id", pa.string()),
    ("stage", pa.string()),
    ("reason", pa.string()),
    ("detail", pa.string()),
])

RUN_ID = pa.field("run_id", pa.string())   # the run that wrote the row (`runs.run_id`)


def _with_run_id(schema: pa.Schema) -> pa.Schema:
    return schema.append(RUN_ID)


# Every table the pipeline's steps write, in its order: articles, dates, events, one detail
# table per event kind, rejects. Each ends with `run_id`, filled in by the writer.
TABLES = {name: _with_run_id(schema) for name, schema in {
    "articles": ARTICLES,
    "dates": DATES,
    "events": EVENTS,
    **{kind.table: kind.schema() for kind in EVENT_KINDS},
    "rejects": REJECTS,
}.items()}

# The ledger the launcher writes (`pipeline.ledger`): one row per input a run accounted for
# (what makes append runs exactly once per input) and one row per run, written last.
INPUTS = pa.schema([
    ("path", pa.string()),                # as `articles.source_path` / `rejects.source_path` name it
    ("size_bytes", pa.int64()),           # null for an entry that is not a readable file
    ("sha256", pa.string()),              # of the file's bytes as stored (null likewise)
    RUN_ID,
])

RUNS = pa.schema([
    RUN_ID,
    ("started", pa.timestamp("us", tz="UTC")),
    ("ended", pa.timestamp("us", tz="UTC")),
    ("mode", pa.string()),                # replace or append
    ("input_patterns", pa.list_(pa.string())),
    ("inputs_read", pa.int32()),          # inputs this run read (new or changed ones, in append mode)
    ("inputs_skipped", pa.int32()),       # inputs already in the output with the same bytes
    ("inputs_replaced", pa.int32()),      # inputs read again because their bytes changed
    ("rows", pa.map_(pa.string(), pa.int64())),               # rows this run wrote, per table
    ("rejects_by_reason", pa.map_(pa.string(), pa.int64())),
    ("package_version", pa.string()),
    ("spacy_model", pa.string()),
    ("spacy_model_version", pa.string()),
    ("options", pa.string()),             # the run's own flags, as JSON
    ("seconds", pa.float64()),
    ("cpu_seconds", pa.float64()),
])

RUN_TABLES = {"inputs": INPUTS, "runs": RUNS}
ALL_TABLES = {**TABLES, **RUN_TABLES}

REJECT_STAGES = ("read", "decode", "parse", "nlp", "extract")


def conform(table_name: str, row: dict) -> dict:
    """The row with exactly the table's columns (missing ones null), for the Parquet sink."""
    return {name: row.get(name) for name in TABLES[table_name].names}
