"""Scheduled runs (issue 15): append runs over a growing folder of days, exactly once per
input, the `runs` table, the reader rule while a run publishes, progress lines."""
import hashlib
import json
import os
import subprocess
import sys
import time

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.current import committed_runs, current_sql, read_current
from pipeline.run import main
from transforms.beam.progress import Progress

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = ["--mode", "append", "--quiet"]


def _jsonl(*articles):
    return "".join(json.dumps(a) + "\n" for a in articles)


# Undated articles first (an output where no article has a year), then dated ones.
DAY1 = {"a.txt": "Japan and India signed a defence pact in Tokyo, the ministers said.\n",
        "b.txt": "The navies of France and Italy held a joint exercise in the Mediterranean.\n"}
DAY2 = {"c.txt": " date 2016-03-02 MANILA: The Philippines and the United States held joint drills on Monday.\n",
        "feed.jsonl": _jsonl({"id": "f1", "date": "2020-01-05", "title": "Talks", "url": "http://example.org/f1",
                              "text": "Russia and China signed a trade agreement on Sunday, officials said."},
                             {"id": "f2", "date": "2020-01-06",
                              "text": "Germany proposed a ceasefire agreement on Monday, its minister said."})}
DAY3 = {"d.txt": " date 2016-03-04 SEOUL: South Korea and the United States suspended a military exercise.\n"}
FEED_CHANGED = _jsonl({"id": "f1", "date": "2020-01-05", "title": "Talks", "url": "http://example.org/f1",
                       "text": "Russia and China signed a trade agreement on Sunday, officials said."},
                      {"id": "f2", "date": "2020-01-06",
                       "text": "Germany rejected a ceasefire agreement on Monday, its minister told reporters."})


def _add_day(news, name, files):
    (news / name).mkdir(parents=True, exist_ok=True)
    for file, text in files.items():
        (news / name / file).write_text(text)


def _files(out):
    """{path: (sha256 of the bytes, mtime in ns)} of every Parquet file of the output."""
    found = {}
    for folder, _, names in os.walk(out):
        for name in names:
            if name.endswith(".parquet"):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    found[os.path.relpath(path, out)] = (hashlib.sha256(f.read()).hexdigest(),
                                                         os.stat(path).st_mtime_ns)
    return found


def _current(out, table, columns="*"):
    return duckdb.sql(f"SELECT {columns} FROM ({current_sql(str(out), table, committed_runs(str(out)))})").fetchall()


def _state(out):
    """What a reader by the rule sees: current (doc_id, run_id) of articles and events."""
    runs = committed_runs(str(out))
    return (runs,
            sorted(duckdb.sql(f"SELECT doc_id, run_id FROM ({current_sql(str(out), 'articles', runs)})").fetchall()),
            sorted(duckdb.sql(f"SELECT event_id, run_id FROM ({current_sql(str(out), 'events', runs)})").fetchall()))


def _plain_runs(out):
    """The run ids a plain read of the folders (no rule) sees in articles and in events."""
    return (sorted(set(pq.read_table(out / "articles", columns=["run_id"]).column("run_id").to_pylist())),
            sorted(set(pq.read_table(out / "events", columns=["run_id"]).column("run_id").to_pylist())))


def test_three_daily_appends_each_article_once_changed_file_replaced_earlier_files_untouched(tmp_path, caplog):
    import pandas as pd

    news, out = tmp_path / "news", tmp_path / "out"
    # day 1: undated articles only, with progress lines asked for on every batch
    _add_day(news, "day1", DAY1)
    caplog.set_level("INFO", logger="pipeline.progress")
    assert main(["--input", str(news), "--output", str(out), "--mode", "append", "--progress_seconds", "0"]) == 0
    progress = [r.getMessage() for r in caplog.records if r.name == "pipeline.progress"]
    assert progress and progress[-1].startswith("progress: 2 of 2 articles (100 %),") and "words/s, ETA" in progress[-1]
    undated = pd.read_parquet(out / "events")                     # no article has a year: reads all the same
    assert len(undated) > 0 and undated["published_year"].isna().all()

    # day 2, then day 2 again (nothing new), then day 3 with a corrected file of day 2
    _add_day(news, "day2", DAY2)
    assert main(["--input", str(news), "--output", str(out)] + ARGS) == 0
    after_day2 = _files(out)
    assert main(["--input", str(news), "--output", str(out)] + ARGS) == 0
    data = lambda files: {p: v for p, v in files.items() if not p.startswith("runs/")}  # noqa: E731
    assert data(_files(out)) == data(after_day2)                 # a repeated run adds only its runs row
    _add_day(news, "day3", DAY3)
    (news / "day2" / "feed.jsonl").write_text(FEED_CHANGED)
    assert main(["--input", str(news), "--output", str(out)] + ARGS) == 0

    # earlier runs' files: all still there, same bytes, same mtimes
    now = _files(out)
    assert {path: now.get(path) for path in after_day2} == after_day2

    # each article once, the changed line's rows replaced by its new version
    articles = _current(out, "articles", "source_path, source_line, text, source_id, url, title")
    keys = [(os.path.relpath(a[0], news), a[1]) for a in articles]
    assert sorted(keys) == sorted([("day1/a.txt", None), ("day1/b.txt", None), ("day2/c.txt", None),
                                   ("day2/feed.jsonl", 1), ("day2/feed.jsonl", 2), ("day3/d.txt", None)])
    texts = {a[2] for a in articles}
    assert "Germany rejected a ceasefire agreement on Monday, its minister told reporters." in texts
    assert not any("Germany proposed" in t for t in texts)
    assert ("f1", "http://example.org/f1", "Talks") in [a[3:] for a in articles]
    events = _current(out, "events", "event_id, sentence_text")
    assert not any("Germany proposed" in e[1] for e in events)
    assert any("Germany rejected" in e[1] for e in events)
    assert len(events) == len({e[0] for e in events})
    # the superseded rows stay in their files (never rewritten); only the rule hides them
    assert any("Germany proposed" in t for t in pq.read_table(out / "articles").column("text").to_pylist())

    # runs: four, the repeated one with nothing read and no rows; counts match the rows
    runs = sorted(read_current(str(out), "runs").to_pylist(), key=lambda r: r["run_id"])
    assert [(r["mode"], r["inputs_read"], r["inputs_skipped"], r["inputs_replaced"]) for r in runs] == [
        ("append", 2, 0, 0), ("append", 2, 2, 0), ("append", 0, 4, 0), ("append", 2, 3, 1)]
    for run in runs:
        rows = dict(run["rows"])
        for table in ("articles", "events", "dates", "rejects"):
            n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{table}/**/*.parquet') "
                           f"WHERE run_id = '{run['run_id']}'").fetchall()[0][0]
            assert rows[table] == n, (run["run_id"], table)
        assert run["spacy_model"] and run["spacy_model_version"] and run["package_version"]
        assert run["input_patterns"] == [str(news)] and json.loads(run["options"])["mode"] == "append"
    assert [dict(r["rows"])["articles"] for r in runs] == [2, 3, 0, 3]

    # --reprocess reads everything again; the current rows stay one per article
    assert main(["--input", str(news / "day1"), "--output", str(out), "--reprocess"] + ARGS) == 0
    assert len(_current(out, "articles")) == 6

    # the analyst views (pipeline.sql) read by the same rule: each article once
    from pipeline.sql import connect
    con = connect(str(out))
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6
    assert sorted(r[0] for r in con.execute("SELECT event_id FROM events").fetchall()) == \
        sorted(e[0] for e in _current(out, "events", "event_id"))
    assert not con.execute("SELECT count(*) FROM statement_events WHERE sentence_text LIKE '%Germany proposed%'"
                           ).fetchone()[0]


def test_progress_line_counts_articles_words_and_eta():
    clock = iter([0.0, 10.0, 12.0]).__next__
    progress = Progress(100, every=5, clock=clock)
    assert progress.add(25, 5_000) == "progress: 25 of 100 articles (25 %), 500 words/s, ETA 0:30"
    assert progress.add(1, 100) is None                           # the next line is due 5 s later
    assert Progress(100, every=None, clock=iter([0.0, 1e6]).__next__).add(1, 1) is None   # --quiet


def test_a_reader_polling_during_an_append_run_sees_whole_runs_only(tmp_path, caplog):
    news, out = tmp_path / "news", tmp_path / "out"
    _add_day(news, "day1", DAY1)
    caplog.set_level("INFO", logger="pipeline.progress")
    assert main(["--input", str(news), "--output", str(out), "--progress_seconds", "0"] + ARGS) == 0
    assert not [r for r in caplog.records if r.name == "pipeline.progress"]   # --quiet: no progress
    before, plain_before = _state(out), _plain_runs(out)
    _add_day(news, "day2", DAY2)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.run", "--input", str(news), "--output", str(out)]
                            + ARGS, cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT))
    seen, plain_seen = [], []
    while proc.poll() is None:
        seen.append(_state(out))
        plain_seen.append(_plain_runs(out))
        time.sleep(0.01)
    assert proc.returncode == 0
    after, plain_after = _state(out), _plain_runs(out)
    assert before != after and len(seen) >= 5
    assert all(state in (before, after) for state in seen)                    # by the rule: whole runs
    for table in (0, 1):   # local disk: a plain read of one table's folder sees whole runs too
        assert all(runs[table] in (plain_before[table], plain_after[table]) for runs in plain_seen)


def test_append_refuses_an_output_of_another_schema(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "_SUCCESS").write_text(json.dumps({"schema_version": "1.0.0", "rows": {}}))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DAY1["a.txt"])
    assert main(["--input", str(tmp_path / "in"), "--output", str(out)] + ARGS) == 2
    assert "schema 1.0.0" in capsys.readouterr().err


def test_the_plan_skips_same_bytes_and_reads_new_changed_and_uncommitted_inputs(tmp_path):
    from pipeline.ledger import Entry, plan
    from transforms.io.parquet import write_rows
    from transforms.io.paths import InputFile
    from transforms.io.sources import Reject

    out = str(tmp_path / "out")
    inputs = [{"path": "/in/same.txt", "sha256": "s1"}, {"path": "/in/changed.txt", "sha256": "c1"},
              {"path": "/in/dangling.txt", "sha256": None}]
    write_rows(out, "inputs", inputs, "run-1")
    write_rows(out, "runs", [{}], "run-1")
    write_rows(out, "inputs", [{"path": "/in/uncommitted.txt", "sha256": "u1"}], "run-2")   # no runs row
    entries = [Entry(InputFile("/in/same.txt", "same.txt"), 1, "s1"),
               Entry(InputFile("/in/changed.txt", "changed.txt"), 1, "c2"),
               Entry(Reject("/in/dangling.txt", "read", "dangling_symlink", "x")),
               Entry(InputFile("/in/uncommitted.txt", "uncommitted.txt"), 1, "u1"),
               Entry(InputFile("/in/new.txt", "new.txt"), 1, "n1")]
    paths = lambda found: sorted(e.path for e in found)  # noqa: E731
    appended = plan(entries, out, append=True, reprocess=False)
    assert paths(appended.skipped) == ["/in/dangling.txt", "/in/same.txt"]
    assert paths(appended.read) == ["/in/changed.txt", "/in/new.txt", "/in/uncommitted.txt"]
    assert paths(appended.replaced) == ["/in/changed.txt"]
    assert len(plan(entries, out, append=True, reprocess=True).read) == 5
    assert len(plan(entries, out, append=False, reprocess=False).read) == 5
