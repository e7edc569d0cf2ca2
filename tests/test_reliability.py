"""Reliability: conservation over bad inputs, fault isolation, determinism,
atomic output, and the portable runner (issue 5)."""
import bz2
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time

import duckdb
import pytest
from conftest import parquet_table

from pipeline.run import run
from schemas.tables import TABLES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "seeds", "000_494d636719354e1f.txt")
GOOD = (" date 2016-02-21 GENEVA: The United States and Russia reached a provisional deal on a "
        "ceasefire in Syria on Sunday, Secretary of State John Kerry said. \"We are closer than "
        "ever,\" he told reporters. Joint naval exercises with Japan were cancelled last week.\n")


def rows(out, name, columns="*"):
    return sorted(duckdb.sql(f"SELECT {columns} FROM {parquet_table(out, name)}").fetchall(), key=repr)


def make_bad_corpus(d):
    """Good articles mixed with every kind of bad input; returns the number of inputs."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "seed.txt").write_bytes(open(SEED, "rb").read())
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(os.urandom(4096) + b"\x00")
    (d / "cp1252.txt").write_bytes("Le ministre a d\u00e9clar\u00e9 \u2018non\u2019 mardi.".encode("cp1252"))
    (d / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    (d / "crlf.txt").write_bytes(GOOD.replace("\n", "\r\n").encode() + b"More text.\r\n")
    (d / "page.txt").write_text("<!DOCTYPE html>\n<html><head><title>x</title></head><body>hi</body></html>")
    (d / "big.txt").write_bytes(b"word " * 60_000)                 # over the test's limit
    full = gzip.compress(GOOD.encode() * 20)
    (d / "truncated.txt.gz").write_bytes(full[: len(full) // 2])
    (d / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    (d / "ok.txt.bz2").write_bytes(bz2.compress(GOOD.encode()))
    (d / "list.json").write_text("[\"not\", \"an\", \"object\"]")
    (d / "lines.jsonl").write_text("\n".join([
        json.dumps({"id": 1, "date": "2016-01-14", "text": GOOD}),
        "{\"id\": 2, \"text\": ",
        json.dumps({"id": 3, "published": "2016-01-15", "body": "Iran released the sailors."}),
    ]) + "\n")
    (d / "baddate.txt").write_text(" date 2020-02-30 MANILA: The talks went on.")
    (d / "subdir").mkdir(exist_ok=True)
    (d / "subdir" / "nested.txt").write_text(GOOD)
    (d / "notes.md").write_text("not an article")
    # issue 14: what stopped or hung a run, or left no row
    os.mkfifo(d / "pipe.txt")
    os.symlink(d / "missing.txt", d / "dangling.txt")
    os.symlink(d / "loop_b.txt", d / "loop_a.txt")
    os.symlink(d / "loop_a.txt", d / "loop_b.txt")
    os.symlink(d / "subdir", d / "dirlink")
    (d / "deep.json").write_text("[" * 1000 + "]" * 1000)
    (d / "surrogate.json").write_text('{"title": "bad \\ud83d", "text": "Talks went on in Geneva on Monday."}')
    (d / "emoji.txt").write_text("Russia signed a pact on Monday. " + "\U0001F600" * 3000)
    (d / "long.txt").write_text(" date 2016-02-21 GENEVA: " + "\n\n".join([GOOD.strip()] * 40))  # > --batch_words
    (d / "subdir" / "good.txt").write_text(GOOD)         # same name and bytes as ../good.txt
    return 16 + 3 + 10  # 16 files besides the JSONL (3 lines), 10 more entries


LIMITS = ["--max_article_bytes", "200000", "--max_input_bytes", "1000000", "--batch_words", "600"]


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    n_inputs = make_bad_corpus(base / "in")
    out = base / "out"
    summary = run(["--input", str(base / "in"), "--output", str(out), "--quiet"] + LIMITS)
    return base, out, n_inputs, summary


def test_conservation_over_bad_inputs(bad_run):
    _, out, n_inputs, _ = bad_run
    articles = rows(out, "articles", "source_path, source_line")
    rejects = rows(out, "rejects", "source_path, source_line, reason")
    rejects = [r for r in rejects]
    assert len(articles) + len(rejects) == n_inputs, (articles, rejects)
    # never both
    assert not {(a[0], a[1]) for a in articles} & {(r[0], r[1]) for r in rejects}
    by_name = {os.path.basename(r[0]): r[2] for r in rejects}
    assert by_name["empty.txt"] == "empty"
    assert by_name["binary.txt"] == "binary"
    assert by_name["page.txt"] == "html"
    assert by_name["big.txt"] == "too_large"
    assert by_name["truncated.txt.gz"] in ("truncated_archive", "bad_archive")
    assert by_name["bomb.txt.gz"] == "too_large"
    assert by_name["list.json"] == "not_an_object"
    assert by_name["notes.md"] == "unsupported_format"
    assert [r[2] for r in rejects if r[0].endswith("lines.jsonl")] == ["bad_json"]
    for name, reason in [("pipe.txt", "not_a_regular_file"), ("dangling.txt", "dangling_symlink"),
                         ("loop_a.txt", "symlink_loop"), ("loop_b.txt", "symlink_loop"),
                         ("dirlink", "directory_symlink"), ("deep.json", "bad_json")]:
        assert by_name[name] == reason, name
    names = {os.path.basename(a[0]) for a in articles}
    assert {"seed.txt", "good.txt", "cp1252.txt", "bom.txt", "crlf.txt", "ok.txt.bz2",
            "baddate.txt", "nested.txt", "lines.jsonl", "surrogate.json", "emoji.txt", "long.txt"} <= names
    ids = [r[0] for r in rows(out, "articles", "doc_id")]
    assert len(ids) == len(set(ids))                     # subdir/good.txt is an article of its own


def test_a_long_article_is_annotated_in_pieces_with_offsets_that_hold(bad_run):
    _, out, _, _ = bad_run
    (text,) = duckdb.sql(f"SELECT text FROM {parquet_table(out, 'articles')} WHERE source_path LIKE '%long.txt'"
                         ).fetchall()[0]
    events = duckdb.sql(f"""SELECT e.sentence_start, e.sentence_end, e.sentence_text, e.event_type
                            FROM {parquet_table(out, 'events')} e JOIN {parquet_table(out, 'articles')} a
                            USING (doc_id) WHERE a.source_path LIKE '%long.txt'""").fetchall()
    assert len([e for e in events if e[3] == "statement"]) >= 40
    for start, end, sentence, _ in events:
        assert text[start:end] == sentence


def test_bad_header_date_is_kept_with_a_warning(bad_run):
    _, out, _, _ = bad_run
    ((date, warning),) = duckdb.sql(f"SELECT published_date, parse_warning FROM {parquet_table(out, 'articles')} "
                                    "WHERE source_path LIKE '%baddate.txt'").fetchall()
    assert date is None and "2020-02-30" in warning


def test_every_reject_says_what_to_do(bad_run):
    _, out, _, _ = bad_run
    for source_path, stage, reason, detail in rows(out, "rejects", "source_path, stage, reason, detail"):
        assert stage in ("read", "decode", "parse") and reason and len(detail) > 20


def test_symlink_out_of_the_tree_is_rejected_unless_asked(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD)
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD)
    os.symlink(outside, d / "link.txt")
    from transforms.io.paths import InputFile, expand_pattern
    from transforms.io.sources import Reject
    items = list(expand_pattern(str(d)))
    assert [i.reason for i in items if isinstance(i, Reject)] == ["symlink_outside"]
    assert sum(isinstance(i, InputFile) for i in items) == 1
    assert sum(isinstance(i, InputFile) for i in expand_pattern(str(d), follow_symlinks=True)) == 2


def test_an_extractor_failure_rejects_that_extraction_only(annotate, monkeypatch):
    """One component raising on one article: a rejects row (stage extract), other rows intact."""
    import datetime
    from transforms.extract.rows import doc_rows
    from transforms.nlp.guard import guarded
    from transforms.io.sources import Article

    doc = annotate("\"We will sign,\" the minister said on Monday.", "2020-02-25")
    guarded("exercise_extractor", lambda d: 1 / 0)(doc)
    art = Article(doc_id="d", source_path="p", text=doc.text, published_date=datetime.date(2020, 2, 25))
    tables = doc_rows(art, doc)
    assert [(r["stage"], r["reason"]) for r in tables["rejects"]] == [("extract", "exercise_extractor_failed")]
    assert "ZeroDivisionError" in tables["rejects"][0]["detail"]
    assert tables["articles"] and tables["dates"] and tables["statements"]


# ------------------------------------------------------------------ determinism and output

def snapshot(out):
    """Every table's rows but their `run_id` (each run's own)."""
    return {name: rows(out, name, "* EXCLUDE (run_id)") for name in TABLES}


def test_two_runs_give_the_same_rows_ids_included(bad_run):
    base, out, _, _ = bad_run
    out2 = base / "out2"
    run(["--input", str(base / "in"), "--output", str(out2), "--quiet"] + LIMITS)
    assert snapshot(out) == snapshot(out2)


def test_two_workers_give_the_same_rows(bad_run):
    base, out, _, _ = bad_run
    out3 = base / "out3"
    subprocess.run([sys.executable, "-m", "pipeline.run", "--input", str(base / "in"), "--output", str(out3),
                    "--quiet", "--direct_num_workers=2", "--direct_running_mode=multi_processing"] + LIMITS,
                   cwd=ROOT, check=True, timeout=600)
    assert snapshot(out) == snapshot(out3)


def test_rerun_replaces_output_whole(tmp_path):
    d = tmp_path / "in"
    make_bad_corpus(d)
    out = tmp_path / "out"
    run(["--input", str(d), "--output", str(out), "--quiet"] + LIMITS)
    first = snapshot(out)
    (out / "articles" / "part-99999-of-99999.parquet").write_bytes(b"stale")  # a stale shard
    run(["--input", str(d / "good.txt"), "--output", str(out), "--quiet", "--batch_size", "1"])
    assert not (out / "articles" / "part-99999-of-99999.parquet").exists()
    assert len(rows(out, "articles")) == 1 < len(first["articles"])
    assert not [p for p in os.listdir(tmp_path) if ".staging-" in p or ".old-" in p]
    assert json.loads((out / "_SUCCESS").read_text())["rows"]["articles"] == 1


def _free_port():
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def test_killed_run_leaves_no_table_a_reader_could_take_for_complete(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(80):
        (d / f"a{i:03d}.txt").write_text(GOOD.replace("Sunday", f"Sunday ({i})") * 3)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.run", "--input", str(d), "--output", str(out),
                             "--quiet", "--batch_size", "8"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    seen_parquet_under_output = False
    while time.time() < deadline:
        staging = [p for p in os.listdir(tmp_path) if ".staging-" in p]
        if staging:
            break  # the run got past reading and annotating its first bundle: it is writing
        if out.exists():
            seen_parquet_under_output = True
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not seen_parquet_under_output
    assert not out.exists(), "a killed run must not leave OUTPUT"
    run(["--input", str(d / "a000.txt"), "--output", str(out), "--quiet"])
    assert (out / "_SUCCESS").exists()
    assert not [p for p in os.listdir(tmp_path) if ".staging-" in p]


def test_portable_runner_gives_the_same_rows(bad_run):
    base, out, _, _ = bad_run
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "apache_beam.runners.portability.local_job_service_main",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("localhost", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        out4 = base / "out4"
        run(["--input", str(base / "in"), "--output", str(out4), "--quiet", "--runner=PortableRunner",
             f"--job_endpoint=localhost:{port}", "--environment_type=LOOPBACK"] + LIMITS)
        assert snapshot(out) == snapshot(out4)
    finally:
        server.kill()
        server.wait()


def test_readers_during_a_rerun_see_old_or_new_tables_never_a_part(tmp_path):
    """A reader polling OUTPUT while a rerun replaces it only ever sees whole tables."""
    import threading

    import pyarrow.dataset as pads
    d = tmp_path / "in"
    d.mkdir()
    for i in range(12):
        (d / f"a{i:02d}.txt").write_text(GOOD.replace("Sunday", f"Sunday ({i})"))
    out = tmp_path / "out"
    run(["--input", str(d / "a00.txt"), "--output", str(out), "--quiet"])
    seen, stop = [], threading.Event()

    def poll():
        while not stop.is_set():
            try:
                files = sorted(str(p) for p in out.glob("articles/**/*.parquet"))
                if files:
                    seen.append(pads.dataset(files, format="parquet").count_rows())
            except (OSError, ValueError):
                pass  # the directory was being swapped: absent, not partial
            time.sleep(0.01)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        run(["--input", str(d), "--output", str(out), "--quiet", "--batch_size", "2"])
    finally:
        stop.set()
        poller.join()
    assert seen and set(seen) <= {1, 12}, set(seen)
    assert not list(out.rglob("*.tmp"))


def test_success_marker_is_written_last(bad_run):
    _, out, _, _ = bad_run
    marker = (out / "_SUCCESS").stat().st_mtime_ns
    assert all(p.stat().st_mtime_ns <= marker for p in out.rglob("*.parquet"))
