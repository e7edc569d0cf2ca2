"""sql/examples: each question run over a real pipeline run (tests/data/analytics_news.jsonl
and the seeds), and its answer checked against what those articles say."""
import datetime

import pytest

from pipeline.sql import connect, example_files, question_of, read_sql


@pytest.fixture(scope="module")
def con(analytics_output):
    return connect(analytics_output)


def answer(con, stem):
    cursor = con.execute(read_sql(example_files()[stem]))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def check_agreements_ended(rows):
    found = {(r["year"], r["party"], r["action"]): r for r in rows}
    assert found[(2016, "PHL", "terminate")]["agreements"] == "Visiting Forces Agreement"
    assert found[(2016, "USA", "terminate")]["n_events"] == 1
    assert {(2016, "TUR", "suspend"), (2016, "GRC", "suspend")} <= set(found)
    assert {r["action"] for r in rows} == {"terminate", "suspend"}
    assert [(r["year"], r["party"]) for r in rows] == sorted((r["year"], r["party"]) for r in rows)


def check_country_pairs(rows):
    pairs = {(r["party_1"], r["party_2"]): r for r in rows}
    assert all(a < b for a, b in pairs)
    # three reports of one signing and one a year later: two events in four reports (`the truce
    # will hold if everyone respects it` is a condition's consequence, no implement)
    assert (pairs[("RUS", "SYR")]["n_events"], pairs[("RUS", "SYR")]["n_reports"]) == (2, 4)
    assert {("PHL", "USA"), ("GRC", "TUR"), ("IND", "JPN")} <= set(pairs)
    assert [r["n_events"] for r in rows] == sorted((r["n_events"] for r in rows), reverse=True)


def check_exercises_per_month(rows):
    found = {(r["participant"], r["month"]): r["exercises"] for r in rows}
    assert found[("PHL", "2016-02")] == "Balikatan" and found[("USA", "2016-04")] == "Balikatan"
    assert found[("CHN", "2016-05")] == found[("RUS", "2016-05")] == "naval_exercise"


def check_most_quoted(rows):
    top = {r["speaker_code"]: r for r in rows if r["speaker_rank"] == 1}
    assert top["RUS"]["speaker"] == "Sergei Lavrov" and top["RUS"]["n_articles"] == 3
    assert top["USA"]["speaker"] == "Ashton Carter" and top["USA"]["n_articles"] == 2
    assert top["TUR"]["speaker"] == "Ahmet Davutoglu"
    assert max(r["speaker_rank"] for r in rows) <= 3


def check_statements_about_agreements(rows):
    about = {(r["speaker"], r["agreement"], r["agreement_action"]) for r in rows}
    assert ("Ahmet Davutoglu", "other", "suspend") in about
    assert any(speaker == "Igor Khovaev" and agreement == "alliance" for speaker, agreement, _ in about)
    assert all(r["quote_text"] for r in rows)


def check_events_per_source(rows):
    by_source = {r["source"]: r for r in rows}
    # two articles name their publisher; the others are known by their url's host
    assert by_source["Example Daily"]["n_articles"] == 2 and by_source["Example Post"]["n_articles"] == 2
    assert by_source["example-wire.com"]["n_articles"] == 5
    assert by_source["example-wire.com"]["n_agreement_events"] >= 5
    for r in rows:
        assert r["n_events"] == r["n_agreement_events"] + r["n_exercise_events"] + r["n_statement_events"]
        assert r["events_per_article"] == round(r["n_events"] / r["n_articles"], 2)


def check_reject_reasons(rows):
    assert [(r["stage"], r["reason"], r["n_rejects"]) for r in rows] == [("decode", "empty", 1)]
    assert rows[0]["example_path"].endswith("empty.txt") and rows[0]["example_detail"]


def check_most_reported(rows):
    first = rows[0]
    assert (first["n_articles"], first["action"], first["actors"], first["subject"]) == (3, "sign", "RUS-SYR",
                                                                                        "ceasefire")
    assert first["date_start"] == datetime.date(2016, 2, 12) and first["n_sources"] == 2
    assert all(r["n_articles"] > 1 for r in rows)


def check_agreement_histories(rows):
    vfa = [(r["event_day"].year, r["action"]) for r in rows if r["agreement"] == "Visiting Forces Agreement"]
    assert vfa[:2] == [(1998, "sign"), (2016, "terminate")]
    ceasefire = [r for r in rows if r["agreement"] == "ceasefire RUS-SYR" and r["action"] == "sign"]
    assert [(r["event_day"], r["n_articles"]) for r in ceasefire] == [(datetime.date(2016, 2, 12), 3),
                                                                       (datetime.date(2017, 2, 10), 1)]
    assert all(r["action"] != "mention" for r in rows)


def check_actor_activity(rows):
    found = {(r["month"], r["actor_code"]): r for r in rows}
    assert found[("2016-05", "CHN")]["n_exercise_events"] == 1 and found[("2016-05", "CHN")]["n_statement_events"] == 1
    # three reports of one signing that month are one event (`the truce will hold if ...` is none)
    assert found[("2016-02", "RUS")]["n_agreement_events"] == 1
    for r in rows:
        assert r["n_events"] == r["n_agreement_events"] + r["n_exercise_events"] + r["n_statement_events"]


CHECKS = {
    "01_agreements_ended_per_year_and_party": check_agreements_ended,
    "02_country_pairs_by_agreement_events": check_country_pairs,
    "03_exercises_per_participant_and_month": check_exercises_per_month,
    "04_most_quoted_speakers_per_country": check_most_quoted,
    "05_statements_by_speaker_about_agreements": check_statements_about_agreements,
    "06_events_per_article_source": check_events_per_source,
    "07_reject_reasons": check_reject_reasons,
    "08_most_reported_events": check_most_reported,
    "09_agreement_histories": check_agreement_histories,
    "10_actor_activity_per_month": check_actor_activity,
}


def test_ten_examples_each_with_its_question():
    assert sorted(example_files()) == sorted(CHECKS)
    for path in example_files().values():
        question = question_of(path)
        assert "?" in question and len(question) > 30, path.name


@pytest.mark.parametrize("stem", sorted(CHECKS))
def test_example_answers_its_question(con, stem):
    rows = answer(con, stem)
    assert rows, stem
    CHECKS[stem](rows)
