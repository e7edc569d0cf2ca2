"""sql/views over outputs: the analyst views over a real run, and event clusters over small
outputs written here event by event (which reports are one real-world event)."""
import datetime
import os
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.sql import analyst_views, connect, main as sql_main, table_source
from schemas.tables import TABLES, conform

VIEWS = ("agreement_events", "exercise_events", "statement_events", "actor_events", "event_clusters")

# One scheme of names (README, "Names across tables and views"): these table names of one
# idea are renamed by the views, so no view shows them.
RENAMED = {"parties", "participants", "party_names", "cue", "start_char", "end_char"}


def rows(con, sql):
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def con(analytics_output):
    return connect(analytics_output)


def test_every_view_is_made_and_names_follow_the_scheme(con):
    made = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(VIEWS) <= made
    for view in VIEWS + ("article_events",):
        columns = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]
        assert not RENAMED & set(columns), (view, RENAMED & set(columns))
        assert "actors" in columns or "actor_code" in columns, view
        assert len(columns) == len(set(columns)), view
    dates = [r[0] for r in con.execute("DESCRIBE date_expressions").fetchall()]
    assert {"timex_start", "timex_end", "timex_text", "value", "published_date"} <= set(dates)
    assert not RENAMED & set(dates)
    assert con.execute("SELECT count(*) FROM date_expressions WHERE timex_text <> '' AND timex_end > timex_start"
                       ).fetchone()[0] == con.execute("SELECT count(*) FROM dates").fetchone()[0] > 0
    for view in ("agreement_events", "exercise_events", "statement_events"):
        columns = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
        assert {"event_id", "doc_id", "cluster_id", "action", "actors", "trigger", "confidence", "published_date",
                "title", "url", "source", "sentence_text", "date_start"} <= columns, view


def test_detail_views_join_every_detail_row_with_its_event_and_article(con, analytics_output):
    for view, table in (("agreement_events", "agreements"), ("exercise_events", "exercises"),
                        ("statement_events", "statements")):
        n_view = con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
        n_table = con.execute(f"SELECT count(*) FROM {table_source(analytics_output, table)}").fetchone()[0]
        assert n_view == n_table > 0, view
    signed = rows(con, "SELECT * FROM agreement_events WHERE action = 'sign' AND actors = ['RUS', 'SYR'] "
                       "ORDER BY published_date")
    assert [r["published_date"] for r in signed] == [datetime.date(2016, 2, 13), datetime.date(2016, 2, 15),
                                                    datetime.date(2016, 3, 5),
                                                    datetime.date(2017, 2, 11)]
    first = signed[0]
    assert first["title"] == "Russia and Syria sign ceasefire"
    assert first["url"].startswith("https://") and first["source"] == "example-wire.com"
    assert first["agreement_type"] == "ceasefire" and first["trigger"] == "signed"
    assert first["date_start"] == datetime.date(2016, 2, 12) and 0 < first["confidence"] <= 1
    assert first["sentence_text"].startswith("Russia and Syria signed")
    # a redirect link's target and a quoted url give their host
    assert con.execute("SELECT DISTINCT source FROM article_info WHERE published_date IN "
                       "(DATE '2016-05-18', DATE '2017-02-11')").fetchall() == [("example-wire.com",)]
    quoted = rows(con, "SELECT * FROM statement_events WHERE speaker = 'Ahmet Davutoglu'")
    assert [(r["speaker_code"], r["trigger"], r["actors"], r["source"]) for r in quoted] == [
        ("TUR", "said", ["TUR"], "Example Daily")]
    assert quoted[0]["quote_text"].startswith("The deal is frozen")


def test_actor_events_has_one_row_per_actor_per_event(con):
    n_codes = con.execute("SELECT sum(size(actors)) FROM events").fetchone()[0]
    assert con.execute("SELECT count(*) FROM actor_events").fetchone()[0] == n_codes > 0
    roles = dict(con.execute("SELECT event_type, min(actor_role) FROM actor_events GROUP BY 1").fetchall())
    assert roles == {"agreement": "party", "exercise": "participant", "statement": "speaker"}
    assert sorted(r[0] for r in con.execute(
        "SELECT actor_code FROM actor_events JOIN exercise_events USING (event_id) "
        "WHERE exercise_name = 'Balikatan' AND exercise_events.action = 'ongoing'").fetchall()) == ["PHL", "USA"]


def test_three_reports_of_one_signing_are_one_cluster_and_next_years_another(con):
    clusters = rows(con, "SELECT * FROM event_clusters WHERE event_type = 'agreement' AND action = 'sign' "
                         "AND actors = ['RUS', 'SYR'] ORDER BY date_start")
    assert [(c["date_start"], c["n_events"], c["n_articles"], c["n_sources"]) for c in clusters] == [
        (datetime.date(2016, 2, 12), 3, 3, 2), (datetime.date(2017, 2, 10), 1, 1, 1)]
    first = clusters[0]
    assert (first["first_seen"], first["last_seen"]) == (datetime.date(2016, 2, 13), datetime.date(2016, 3, 5))
    # the best-evidenced report names the day (the "in February" one does not)
    assert first["sentence_text"].startswith("Russia and Syria signed") and "February." not in first["sentence_text"]
    members = con.execute("SELECT count(DISTINCT cluster_id), count(*) FROM agreement_events "
                          f"WHERE cluster_id = '{first['cluster_id']}'").fetchone()
    assert members == (1, 3)
    n_events, n_clusters, n_members = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_clusters), "
        "(SELECT sum(n_events) FROM event_clusters)").fetchone()
    assert n_members == n_events and n_clusters < n_events


def test_views_are_ordered_by_what_they_read():
    order = [name for name, _ in analyst_views()]
    assert set(VIEWS) <= set(order)
    for name, body in analyst_views():
        for other in order[order.index(name) + 1:]:
            assert not re.search(rf"\b{other}\b", re.sub(r"--[^\n]*", "", body)), (name, other)


def test_the_command_prints_ddl_and_makes_a_database(analytics_output, tmp_path, capsys):
    assert sql_main([analytics_output]) == 0
    printed = capsys.readouterr().out
    assert "CREATE OR REPLACE VIEW event_clusters AS" in printed and "read_parquet(" in printed
    assert sql_main([analytics_output, "--dialect", "spark"]) == 0
    spark = capsys.readouterr().out
    assert "USING parquet" in spark and "CREATE OR REPLACE TEMPORARY VIEW agreement_events AS" in spark
    database = tmp_path / "news.duckdb"
    assert sql_main([analytics_output, "--database", str(database)]) == 0
    import duckdb
    with duckdb.connect(str(database), read_only=True) as saved:
        assert saved.execute("SELECT count(*) FROM event_clusters").fetchone()[0] > 0
    example = os.path.join(os.path.dirname(__file__), "..", "sql", "examples", "07_reject_reasons.sql")
    assert sql_main([analytics_output, "--query", example]) == 0
    assert "empty.txt" in capsys.readouterr().out
    assert sql_main([str(tmp_path / "missing")]) == 2


# --- clusters over outputs written here -------------------------------------------------

def _write(out, table, records):
    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    schema = TABLES[table]
    records = [{k: v for k, v in conform(table, r).items() if k in schema.names} for r in records]
    pq.write_table(pa.Table.from_pylist(records, schema=schema), folder / "part-0.parquet")


def write_output(out, events):
    """An output of the given events (dicts: label, type, action, actors, date as (start, end)
    or None, published, and name / speaker / confidence); dates and rejects left out."""
    articles, rows_by_table = {}, {"events": [], "agreements": [], "exercises": [], "statements": []}
    for e in events:
        doc_id = f"doc-{e.get('doc', e['label'])}"
        published = datetime.date.fromisoformat(e["published"])
        articles[doc_id] = {"doc_id": doc_id, "source_path": f"{doc_id}.txt", "published_date": published,
                            "title": doc_id, "text": "x", "source": e.get("source")}
        start, end = (datetime.date.fromisoformat(d) for d in e["date"]) if e.get("date") else (None, None)
        rows_by_table["events"].append({
            "event_id": e["label"], "doc_id": doc_id, "event_type": e["type"], "action": e["action"],
            "actors": e["actors"], "event_date": None, "date_start": start, "date_end": end, "sentence_start": 0,
            "sentence_end": 1, "sentence_text": e.get("sentence", e["label"]), "confidence": e.get("confidence", 0.7)})
        detail = {"event_id": e["label"], "doc_id": doc_id}
        if e["type"] == "agreement":
            rows_by_table["agreements"].append({**detail, "agreement_name": e.get("name"), "agreement_type": "treaty",
                                                "parties": e["actors"], "party_names": e["actors"]})
        elif e["type"] == "exercise":
            rows_by_table["exercises"].append({**detail, "exercise_name": e.get("name"), "exercise_kind": "other",
                                               "participants": e["actors"]})
        else:
            rows_by_table["statements"].append({**detail, "speaker": e.get("speaker"), "cue": e["action"],
                                                "quote_text": "x", "quote_start": 0, "quote_end": 1,
                                                "quote_type": "direct"})
    _write(out, "articles", list(articles.values()))
    for table, records in rows_by_table.items():
        _write(out, table, records)


def ev(label, date=None, published="2016-02-14", action="sign", actors=("RUS", "SYR"), type="agreement", **more):
    return {"label": label, "type": type, "action": action, "actors": list(actors), "published": published,
            "date": (date, date) if isinstance(date, str) else date, **more}


FEB = ("2016-02-01", "2016-02-29")
CASES = {
    "two reports of one signing": ([ev("a", "2016-02-12"), ev("b", "2016-02-12", published="2016-02-15")],
                                   [{"a", "b"}]),
    "the same parties a year apart": ([ev("a", "2016-02-12"), ev("b", "2017-02-10", published="2017-02-11")],
                                      [{"a"}, {"b"}]),
    "a month agrees with a day in it": ([ev("a", "2016-02-12"), ev("b", FEB)], [{"a", "b"}]),
    "a year agrees with its only day": ([ev("a", "2016-02-12"), ev("b", ("2016-01-01", "2016-12-31"))],
                                        [{"a", "b"}]),
    "next days do not agree": ([ev("a", "2016-02-12"), ev("b", "2016-02-13")], [{"a"}, {"b"}]),
    "a month holding two signings is neither": (
        [ev("a", "2016-02-03"), ev("b", "2016-02-20"), ev("c", FEB), ev("d", FEB, doc="d2")],
        [{"a"}, {"b"}, {"c", "d"}]),
    "a week half in the month does not agree": ([ev("a", FEB), ev("b", ("2016-02-29", "2016-03-06"))],
                                                [{"a"}, {"b"}]),
    "the parties in another order": ([ev("a", "2016-02-12"), ev("b", "2016-02-12", actors=("SYR", "RUS"))],
                                     [{"a", "b"}]),
    "another party": ([ev("a", "2016-02-12"), ev("b", "2016-02-12", actors=("RUS", "SYR", "TUR"))],
                      [{"a"}, {"b"}]),
    "another action": ([ev("a", "2016-02-12"), ev("b", "2016-02-12", action="ratify")], [{"a"}, {"b"}]),
    "another agreement": ([ev("a", "2016-02-12", name="Minsk II"), ev("b", "2016-02-12", name="Treaty of Moscow")],
                          [{"a"}, {"b"}]),
    "undated, reported the same day": ([ev("a"), ev("b")], [{"a", "b"}]),
    "undated, reported on two days": ([ev("a"), ev("b", published="2016-02-15")], [{"a"}, {"b"}]),
    "undated does not join a dated report": ([ev("a", "2016-02-14"), ev("b")], [{"a"}, {"b"}]),
    "no actor and no name: no telling them apart": ([ev("a", "2016-02-12", actors=()),
                                                    ev("b", "2016-02-12", actors=())], [{"a"}, {"b"}]),
    "one named exercise, two reports": ([ev("a", "2016-04-11", type="exercise", action="held", name="Balikatan",
                                           actors=("PHL", "USA")),
                                        ev("b", ("2016-04-01", "2016-04-30"), type="exercise", action="held",
                                           name="Balikatan", actors=("USA", "PHL"))], [{"a", "b"}]),
    "a speaker's words of one day, said and told": (
        [ev("a", "2016-02-12", type="statement", action="say", actors=("RUS",), speaker="Sergei Lavrov"),
         ev("b", "2016-02-12", type="statement", action="tell", actors=("RUS",), speaker="Sergei Lavrov")],
        [{"a", "b"}]),
    "a speaker on two days; an unknown speaker": (
        [ev("a", "2016-02-12", type="statement", action="say", actors=("RUS",), speaker="Sergei Lavrov"),
         ev("b", "2016-02-13", type="statement", action="say", actors=("RUS",), speaker="Sergei Lavrov"),
         ev("c", "2016-02-12", type="statement", action="say", actors=(), speaker="officials"),
         ev("d", "2016-02-12", type="statement", action="say", actors=(), speaker="officials")],
        [{"a"}, {"b"}, {"c"}, {"d"}]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_which_reports_are_one_event(case, tmp_path):
    events, expected = CASES[case]
    write_output(tmp_path, events)
    con = connect(str(tmp_path))
    by_cluster = {}
    for event_id, cluster_id in con.execute("SELECT event_id, cluster_id FROM event_cluster_members").fetchall():
        by_cluster.setdefault(cluster_id, set()).add(event_id)
    assert sorted(map(sorted, by_cluster.values())) == sorted(map(sorted, expected))
    assert con.execute("SELECT count(*) FROM event_clusters").fetchone()[0] == len(expected)


def test_a_cluster_counts_articles_and_sources_and_keeps_its_best_report(tmp_path):
    write_output(tmp_path, [
        ev("a", FEB, published="2016-03-01", source="Wire", confidence=0.9),
        ev("b", "2016-02-12", published="2016-02-13", source="Wire", confidence=0.7),
        ev("c", "2016-02-12", published="2016-02-12", source="Daily", confidence=0.7),
        ev("d", "2016-02-12", doc="c", published="2016-02-12", source="Daily", confidence=0.7)])
    con = connect(str(tmp_path))
    (cluster,) = rows(con, "SELECT * FROM event_clusters")
    assert (cluster["n_events"], cluster["n_articles"], cluster["n_sources"]) == (4, 3, 2)
    assert (cluster["first_seen"], cluster["last_seen"]) == (datetime.date(2016, 2, 12), datetime.date(2016, 3, 1))
    assert (cluster["date_start"], cluster["date_end"]) == (datetime.date(2016, 2, 12),) * 2
    assert cluster["best_event_id"] == "a"          # the highest confidence first
    assert cluster["actors"] == ["RUS", "SYR"]
    # missing tables (dates, rejects) are empty views, not errors
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0


def test_tables_are_read_whatever_their_folders_and_columns(tmp_path):
    """Files in nested partitions and older files without a newer column are all read."""
    write_output(tmp_path, [ev("a", "2016-02-12")])
    nested = tmp_path / "events" / "published_year=2016" / "run=2"
    nested.mkdir(parents=True)
    os.rename(tmp_path / "events" / "part-0.parquet", nested / "part-0.parquet")
    table = pq.read_table(tmp_path / "articles" / "part-0.parquet").drop(["url", "source"])
    pq.write_table(table, tmp_path / "articles" / "part-0.parquet")
    con = connect(str(tmp_path))
    assert rows(con, "SELECT event_id, url, source FROM agreement_events") == [
        {"event_id": "a", "url": None, "source": None}]
    assert con.execute("SELECT published_year, run FROM events").fetchall() == [(2016, 2)]
