"""Records -> rows (transforms.io.rows, no spaCy) and an annotated Doc -> rows
(transforms.extract.rows)."""
import datetime

import pytest

from schemas.kinds import EVENT_KINDS
from schemas.tables import TABLES
from transforms.extract.records import AgreementEvent, StatementEvent, Timex
from transforms.io.rows import article_row, article_tables, event_id, record_dict, reject_row
from transforms.io.sources import Article, Reject

KIND = {kind.event_type: kind for kind in EVENT_KINDS}
ARTICLE = Article(doc_id="d1", source_path="/in/a.txt", text="Russia and Syria signed a pact. He said so.",
                  published_date=datetime.date(2016, 2, 12))


def agreement(**fields):
    base = dict(action="sign", actors=["SYR", "RUS", "RUS"], sentence_start=0, sentence_end=31,
                anchor_start=17, anchor_end=23, trigger="signed", parties=["RUS", "SYR"])
    base.update(fields)
    return AgreementEvent(**base)


def statement(**fields):
    base = dict(action="say", actors=[], sentence_start=32, sentence_end=43, anchor_start=35, anchor_end=39,
                cue="said", quote_start=40, quote_end=42)
    base.update(fields)
    return StatementEvent(**base)


def test_rows_have_exactly_their_tables_columns():
    assert list(article_row(ARTICLE, 7)) == TABLES["articles"].names
    assert article_row(ARTICLE, 7)["word_count"] == 7
    row = reject_row(Reject("/in/b.bin", "read", "unsupported_format", "rename it"))
    assert list(row) == TABLES["rejects"].names and row["reason"] == "unsupported_format"


def test_event_ids_are_stable_and_tell_events_apart():
    a = event_id("d1", KIND["agreement"], agreement())
    assert a == event_id("d1", KIND["agreement"], agreement()) and len(a) == 20
    assert a != event_id("d2", KIND["agreement"], agreement())
    assert a != event_id("d1", KIND["agreement"], agreement(action="ratify"))
    assert a != event_id("d1", KIND["agreement"], agreement(anchor_start=18))


def test_statement_ids_tell_two_quotes_of_one_cue_apart():
    assert KIND["statement"].id_fields == ("quote_start", "quote_end", "speaker")
    one = event_id("d1", KIND["statement"], statement())
    assert one != event_id("d1", KIND["statement"], statement(quote_start=10, quote_end=20))
    # `Obama and Putin said ...`: one statement of each
    assert event_id("d1", KIND["statement"], statement(speaker="A")) != \
        event_id("d1", KIND["statement"], statement(speaker="B"))
    # for an agreement the quote offsets are not part of its identity
    assert event_id("d1", KIND["agreement"], agreement()) == event_id("d1", KIND["agreement"], agreement())


def test_record_dict_equals_asdict_without_deep_copies():
    import dataclasses
    record = agreement()
    out = record_dict(record)
    assert out == dataclasses.asdict(record)
    assert out["actors"] is not record.actors  # a copy of the list: rows never alias records


def test_article_tables_fill_events_detail_dates_and_rejects():
    timex = Timex(start_char=0, end_char=4, text="2016", timex_type="DATE", value="2016")
    tables = article_tables(ARTICLE, ARTICLE.text, 9, [timex],
                            {"agreements": [agreement()], "statements": [statement()]},
                            [("exercise_extractor", "ZeroDivisionError: division by zero")])
    assert set(tables) == set(TABLES)
    assert [r["value"] for r in tables["dates"]] == ["2016"] and tables["dates"][0]["doc_id"] == "d1"
    events = {r["event_type"]: r for r in tables["events"]}
    assert set(events) == {"agreement", "statement"}
    assert events["agreement"]["actors"] == ["RUS", "SYR"]  # sorted, unique
    assert events["agreement"]["sentence_text"] == "Russia and Syria signed a pact."
    assert events["agreement"]["published_year"] == 2016
    assert tables["agreements"][0]["event_id"] == events["agreement"]["event_id"]
    assert tables["statements"][0]["cue"] == "said"
    assert tables["exercises"] == []
    [reject] = tables["rejects"]
    assert (reject["stage"], reject["reason"]) == ("extract", "exercise_extractor_failed")
    assert "ZeroDivisionError" in reject["detail"]


def test_the_same_event_twice_gives_one_row():
    tables = article_tables(ARTICLE, ARTICLE.text, 9, [], {"agreements": [agreement(), agreement()]})
    assert len(tables["events"]) == len(tables["agreements"]) == 1


def test_undated_articles_have_no_published_year():
    undated = Article(doc_id="d2", source_path="/in/b.txt", text=ARTICLE.text)
    tables = article_tables(undated, undated.text, 9, [], {"agreements": [agreement()]})
    assert tables["events"][0]["published_year"] is None


@pytest.mark.parametrize("text, words", [("Russia and Syria signed a pact.", 6), ("", 0), ("  ...  ", 0)])
def test_doc_rows_count_words_without_punctuation(nlp, text, words):
    from transforms.extract.build import make_doc
    from transforms.extract.rows import doc_rows, word_count

    doc = nlp(make_doc(nlp, text, datetime.date(2016, 2, 12)))
    assert word_count(doc) == words
    art = Article(doc_id="d3", source_path="/in/c.txt", text=text, published_date=datetime.date(2016, 2, 12))
    assert doc_rows(art, doc)["articles"][0]["word_count"] == words
