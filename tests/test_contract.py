"""A real run's output against ../shared/CONTRACT.md, read back with DuckDB."""
import json
import os
import shutil

import duckdb
import pytest
from conftest import parquet_table

from pipeline.run import run
from schemas.tables import TABLES

SEED_DIR = os.path.join(os.path.dirname(__file__), "..", "seeds")

# The contract's required columns and their DuckDB types.
REQUIRED = {
    "articles": {"doc_id": "VARCHAR", "source_path": "VARCHAR", "published_date": "DATE",
                 "dateline": "VARCHAR", "title": "VARCHAR", "text": "VARCHAR"},
    "dates": {"doc_id": "VARCHAR", "start_char": "INTEGER", "end_char": "INTEGER", "text": "VARCHAR",
              "timex_type": "VARCHAR", "value": "VARCHAR", "mod": "VARCHAR",
              "range_start": "DATE", "range_end": "DATE"},
    "events": {"event_id": "VARCHAR", "doc_id": "VARCHAR", "event_type": "VARCHAR", "action": "VARCHAR",
               "actors": "VARCHAR[]", "event_date": "VARCHAR", "date_start": "DATE", "date_end": "DATE",
               "sentence_start": "INTEGER", "sentence_end": "INTEGER", "sentence_text": "VARCHAR",
               "confidence": "FLOAT"},
    "agreements": {"event_id": "VARCHAR", "doc_id": "VARCHAR", "agreement_name": "VARCHAR",
                   "agreement_acronym": "VARCHAR", "agreement_type": "VARCHAR",
                   "parties": "VARCHAR[]", "party_names": "VARCHAR[]"},
    "exercises": {"event_id": "VARCHAR", "doc_id": "VARCHAR", "exercise_name": "VARCHAR",
                  "exercise_kind": "VARCHAR", "participants": "VARCHAR[]", "location": "VARCHAR",
                  "location_code": "VARCHAR"},
    "statements": {"event_id": "VARCHAR", "doc_id": "VARCHAR", "speaker": "VARCHAR",
                   "speaker_mention": "VARCHAR", "speaker_title": "VARCHAR", "speaker_code": "VARCHAR",
                   "cue": "VARCHAR", "addressee": "VARCHAR", "quote_text": "VARCHAR",
                   "quote_start": "INTEGER", "quote_end": "INTEGER", "quote_type": "VARCHAR"},
    "rejects": {"source_path": "VARCHAR", "doc_id": "VARCHAR", "stage": "VARCHAR", "reason": "VARCHAR",
                "detail": "VARCHAR"},
}
ENUMS = {
    ("dates", "timex_type"): {"DATE", "TIME", "DURATION", "SET"},
    ("dates", "mod"): {"START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN", "BEFORE", "AFTER", None},
    ("events", "event_type"): {"agreement", "exercise", "statement"},
    ("agreements", "agreement_type"): {"alliance", "defense_pact", "status_of_forces", "treaty", "arms_control",
                                       "trade", "ceasefire", "memorandum", "partnership", "other"},
    ("exercises", "exercise_kind"): {"joint_exercise", "naval_exercise", "air_exercise", "land_exercise",
                                     "port_visit", "command_post", "other"},
    ("statements", "quote_type"): {"direct", "indirect", "mixed"},
    ("rejects", "stage"): {"read", "decode", "parse", "nlp", "extract"},
}
ACTIONS = {
    "agreement": {"sign", "ratify", "negotiate", "propose", "extend", "implement", "suspend", "terminate",
                  "withdraw", "reject", "violate", "mention"},
    "exercise": {"planned", "held", "ongoing", "cancelled", "suspended", "mention"},
}


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    base = tmp_path_factory.mktemp("contract")
    inputs = base / "in"
    inputs.mkdir()
    for name in os.listdir(SEED_DIR):
        shutil.copy(os.path.join(SEED_DIR, name), inputs / name)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "broken.json").write_text("{\"text\": ")
    (inputs / "lines.jsonl").write_text(
        json.dumps({"id": "a", "date": "2016-02-21", "title": "Ceasefire",
                    "text": "The United States and Russia signed a ceasefire agreement on Sunday, "
                            "Secretary of State John Kerry said."}) + "\n[]\n")
    out = base / "out"
    summary = run(["--input", str(inputs), "--output", str(out)])
    return out, summary, inputs


def test_every_table_has_the_contract_columns_and_types(output):
    out, _, _ = output
    for name, columns in REQUIRED.items():
        described = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM {parquet_table(out, name)}").fetchall()}
        for column, dtype in columns.items():
            assert column in described, f"{name}.{column} missing"
            assert described[column] == dtype, f"{name}.{column}: {described[column]} != {dtype}"
        # and every column of our own schema is there too
        assert set(TABLES[name].names) <= set(described)


def test_enumerations(output):
    out, _, _ = output
    for (name, column), allowed in ENUMS.items():
        values = {r[0] for r in duckdb.sql(f"SELECT DISTINCT {column} FROM {parquet_table(out, name)}").fetchall()}
        assert values <= allowed, (name, column, values - allowed)
    for event_type, allowed in ACTIONS.items():
        values = {r[0] for r in duckdb.sql(
            f"SELECT DISTINCT action FROM {parquet_table(out, 'events')} WHERE event_type = '{event_type}'").fetchall()}
        assert values <= allowed, (event_type, values - allowed)


def test_offsets_point_into_article_text(output):
    out, _, _ = output
    bad = duckdb.sql(f"""
        SELECT d.text, substr(a.text, d.start_char + 1, d.end_char - d.start_char)
        FROM {parquet_table(out, 'dates')} d JOIN {parquet_table(out, 'articles')} a USING (doc_id)
        WHERE d.text <> substr(a.text, d.start_char + 1, d.end_char - d.start_char)""").fetchall()
    assert bad == []
    bad = duckdb.sql(f"""
        SELECT s.quote_text FROM {parquet_table(out, 'statements')} s JOIN {parquet_table(out, 'articles')} a USING (doc_id)
        WHERE s.quote_text <> substr(a.text, s.quote_start + 1, s.quote_end - s.quote_start)""").fetchall()
    assert bad == []
    bad = duckdb.sql(f"""
        SELECT e.event_id FROM {parquet_table(out, 'events')} e JOIN {parquet_table(out, 'articles')} a USING (doc_id)
        WHERE e.sentence_text <> substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)
           OR e.confidence < 0 OR e.confidence > 1""").fetchall()
    assert bad == []


def test_every_input_is_an_article_or_a_reject(output):
    out, summary, inputs = output
    n_articles = duckdb.sql(f"SELECT count(*) FROM {parquet_table(out, 'articles')}").fetchall()[0][0]
    n_rejects = duckdb.sql(f"SELECT count(*) FROM {parquet_table(out, 'rejects')} WHERE stage <> 'extract'").fetchall()[0][0]
    # files, with the JSONL counted per line
    n_inputs = len(os.listdir(inputs)) - 1 + 2
    assert n_articles + n_rejects == n_inputs
    reasons = {r[0] for r in duckdb.sql(f"SELECT reason FROM {parquet_table(out, 'rejects')}").fetchall()}
    assert {"empty", "binary", "bad_json", "not_an_object"} <= reasons
    assert summary["rows"]["articles"] == n_articles


def test_published_row_counts_equal_rows_produced(output):
    out, summary, _ = output
    for name in REQUIRED:
        n = duckdb.sql(f"SELECT count(*) FROM {parquet_table(out, name)}").fetchall()[0][0]
        assert n == summary["rows"][name], name
    marker = json.loads((out / "_SUCCESS").read_text())
    assert marker["rows"] == summary["rows"]


def test_events_have_an_integer_year_and_every_table_reads_in_pandas(output):
    import pandas as pd

    out, summary, _ = output
    rows = duckdb.sql(f"SELECT event_type, action, actors, published_year FROM {parquet_table(out, 'events')}").fetchall()
    assert rows and all(isinstance(r[2], list) for r in rows)
    assert {r[3] for r in rows} == {2020, 2016}                       # mixed years, one plain column
    for name in TABLES:
        frame = pd.read_parquet(out / name)                            # pyarrow engine, the folder as given
        assert len(frame) == summary["rows"][name] and set(frame["run_id"]) <= {summary["run_id"]}, name
    assert str(pd.read_parquet(out / "events")["published_year"].dtype) == "int32"


def test_seed_expectations(output):
    out, _, _ = output
    events = duckdb.sql(f"""SELECT event_type, action, list_sort(actors), event_date
                           FROM {parquet_table(out, 'events')}""").fetchall()
    assert ("agreement", "terminate", ["PHL", "USA"]) in [e[:3] for e in events]
    assert ("agreement", "sign", ["PHL", "USA"], "1998") in events
    assert ("agreement", "reject", ["PHL", "RUS"]) in [e[:3] for e in events]
    assert any(e[0] == "exercise" and e[2] == ["PHL", "RUS"] for e in events)
    speakers = duckdb.sql(f"""SELECT s.speaker FROM {parquet_table(out, 'statements')} s
                             JOIN {parquet_table(out, 'articles')} a USING (doc_id)
                             WHERE a.source_path LIKE '%000_494d636719354e1f.txt'""").fetchall()
    assert sorted(s[0] for s in speakers if s[0] != "Duterte administration") == ["Igor Khovaev"] * 9
    monday = duckdb.sql(f"SELECT value FROM {parquet_table(out, 'dates')} WHERE text = 'Monday'").fetchall()
    assert monday == [("2020-02-24",)]
