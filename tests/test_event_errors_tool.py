"""tools/event_errors.py lists the errors score.py counts: a missed gold event, a row no gold
event took, and a pair found but not strict."""
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tools"))

event_errors_tool = pytest.importorskip("event_errors")
# the matching is the scorer's own, imported from the shared eval folder beside the project
pytestmark = pytest.mark.skipif(not os.path.exists(os.path.join(event_errors_tool.EVAL, "score.py")),
                                reason="../shared/eval/score.py is not beside this checkout")

TEXT = ("Norway and Chile signed a fisheries accord on Monday. "
        "Peru rejected the pact. Rain fell in Lima.")


def write_output(root, events):
    os.makedirs(root / "articles")
    os.makedirs(root / "events")
    pq.write_table(pa.table({"doc_id": ["d1"], "source_path": ["/nowhere/a.txt"], "text": [TEXT]}),
                   root / "articles" / "part-0.parquet")
    pq.write_table(pa.Table.from_pylist(events, schema=pa.schema([
        ("event_id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()),
        ("action", pa.string()), ("actors", pa.list_(pa.string())),
        ("sentence_start", pa.int64()), ("sentence_end", pa.int64()), ("confidence", pa.float32())])),
        root / "events" / "part-0.parquet")


def row(event_id, action, actors, start, end):
    return {"event_id": event_id, "doc_id": "d1", "event_type": "agreement", "action": action,
            "actors": actors, "sentence_start": start, "sentence_end": end, "confidence": 0.9}


def test_missed_extra_and_loose_as_the_scorer_matches_them(tmp_path):
    first_end = TEXT.index("Peru") - 1
    second_start, second_end = TEXT.index("Peru"), TEXT.index("Rain") - 1
    write_output(tmp_path, [
        row("e1", "sign", ["NOR"], 0, first_end),                 # found, actors differ: loose
        row("e2", "reject", ["PER"], second_start, second_end),   # strict: no error
        row("e3", "sign", ["PER"], TEXT.index("Rain"), len(TEXT) - 1),  # no gold: extra
        row("e4", "mention", [], 0, first_end),                   # mentions are not scored
    ])
    gold = [{"file": "a.txt", "events": [
        {"type": "agreement", "evidence": "signed a fisheries accord", "action": "sign",
         "actors": ["CHL", "NOR"]},
        {"type": "agreement", "evidence": "rejected the pact", "action": "reject", "actors": ["PER"]},
        {"type": "agreement", "evidence": "Rain fell", "action": "violate", "actors": []},
        {"type": "exercise", "evidence": "Norway", "action": "held", "actors": []},
    ]}]
    errors = list(event_errors_tool.event_errors(event_errors_tool.load_scorer(), gold,
                                                 str(tmp_path), "agreement"))
    kinds = sorted((kind, (ev or {}).get("evidence"), (p or {}).get("event_id"))
                   for _, kind, ev, p, _ in errors)
    # 'Rain fell' is found by e3's sentence, strictness fails: the pair is loose, not a miss
    assert kinds == [("loose", "Rain fell", "e3"), ("loose", "signed a fisheries accord", "e1")]


def test_a_gold_event_outside_every_row_sentence_is_missed(tmp_path):
    write_output(tmp_path, [row("e1", "sign", ["NOR"], 0, 10)])
    gold = [{"file": "a.txt", "events": [
        {"type": "agreement", "evidence": "rejected the pact", "action": "reject", "actors": ["PER"]}]}]
    errors = list(event_errors_tool.event_errors(event_errors_tool.load_scorer(), gold,
                                                 str(tmp_path), "agreement"))
    assert [(kind, p and p["event_id"]) for _, kind, _, p, _ in errors] == [("missed", None), ("extra", "e1")]
