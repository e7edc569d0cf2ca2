"""Reading, inflating, decoding and parsing input files (no Beam)."""
import bz2
import datetime
import gzip
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from transforms.io.sources import (MAX_ARCHIVE_PIECES, Article, Limits, Piece, Reject, parse_text_article,
                                read_piece, read_source, split_source)

ARTICLE = " date 2020-02-25 MANILA: Russia has ruled out an alliance.\n\nThe ambassador said so on Monday.\n"


def read_all(path, **limits):
    return list(read_source(str(path), Limits(**limits)))


def one(path, **limits):
    items = read_all(path, **limits)
    assert len(items) == 1, items
    return items[0]


def test_header_gives_date_and_dateline_and_text_starts_after_it(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    art = one(p)
    assert isinstance(art, Article)
    assert art.published_date == datetime.date(2020, 2, 25)
    assert art.dateline == "MANILA"
    assert art.text.startswith("Russia has ruled out")
    assert art.title is None


def test_header_without_dateline():
    art = parse_text_article(" date 2016-01-14 Officials met today.", "x.txt", "id", "utf-8")
    assert art.published_date == datetime.date(2016, 1, 14)
    assert art.dateline is None
    assert art.text == "Officials met today."


def test_first_line_is_title_without_header():
    art = parse_text_article("Labour plans pay rise\n\nPay is to rise, the minister said.", "x.txt", "id", "utf-8")
    assert art.title == "Labour plans pay rise"
    assert art.published_date is None
    assert art.text.startswith("Labour plans pay rise")  # nothing is cut: offsets stay simple


def test_impossible_header_date_keeps_article_with_warning(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(" date 2020-02-30 MANILA: Talks went on.", encoding="utf-8")
    art = one(p)
    assert isinstance(art, Article)
    assert art.published_date is None
    assert "2020-02-30" in art.parse_warning


def test_doc_id_depends_on_bytes_and_file_name_not_folder(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / folder / "c.txt").write_text(ARTICLE + "x", encoding="utf-8")
    arts = {(f, n): one(tmp_path / f / n) for f in ("x", "y") for n in ("a.txt", "b.txt", "c.txt")}
    assert arts["x", "a.txt"].doc_id == arts["y", "a.txt"].doc_id      # moved folder: same id
    assert arts["x", "a.txt"].doc_id != arts["x", "b.txt"].doc_id      # a copy is another article
    assert arts["x", "a.txt"].content_hash == arts["x", "b.txt"].content_hash != arts["x", "c.txt"].content_hash


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    art = one(p)
    assert art.published_date == datetime.date(2020, 2, 25)
    assert "\r" not in art.text


def test_cp1252_is_decoded_and_recorded(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("The minister\u2019s caf\u00e9 talks \u2013 on Monday.".encode("cp1252"))
    art = one(p)
    assert art.encoding == "cp1252"
    assert "\u2019" in art.text and "caf\u00e9" in art.text


@pytest.mark.parametrize("content,reason", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (bytes(range(1, 32)) * 40, "binary"),
    (b"<!DOCTYPE html><html><body><p>News</p></body></html>", "html"),
])
def test_bad_text_files_are_rejected_with_reason(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    rej = one(p)
    assert isinstance(rej, Reject) and rej.reason == reason, rej
    assert str(p) in rej.detail


def test_too_large_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 2000)
    assert one(p, max_article_bytes=1000).reason == "too_large"


def test_gzip_and_bz2_are_inflated(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "a.txt.bz2").write_bytes(bz2.compress(ARTICLE.encode()))
    for name in ("a.txt.gz", "a.txt.bz2"):
        art = one(tmp_path / name)
        assert isinstance(art, Article) and art.dateline == "MANILA"


def test_truncated_gzip_is_rejected(tmp_path):
    data = gzip.compress((ARTICLE * 50).encode())
    p = tmp_path / "a.txt.gz"
    p.write_bytes(data[: len(data) // 2])
    rej = one(p)
    assert isinstance(rej, Reject) and rej.reason in ("truncated_archive", "bad_archive")


def test_gzip_bomb_stops_at_the_limit(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 5_000_000))
    assert os.path.getsize(p) < 20_000
    rej = one(p, max_input_bytes=100_000, max_article_bytes=100_000)
    assert isinstance(rej, Reject) and rej.reason == "too_large"


def test_json_article_fields(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"id": "x", "published": "2016-03-07T10:00:00Z", "title": "T", "body": "Text here."}))
    art = one(p)
    assert (art.published_date, art.title, art.text) == (datetime.date(2016, 3, 7), "T", "Text here.")


@pytest.mark.parametrize("content,reason", [
    ("[1, 2, 3]", "not_an_object"),
    ("{\"title\": \"no text\"}", "no_text"),
    ("{not json", "bad_json"),
])
def test_bad_json_rejected(tmp_path, content, reason):
    p = tmp_path / "a.json"
    p.write_text(content)
    assert one(p).reason == reason


def test_jsonl_one_bad_line_among_good(tmp_path):
    p = tmp_path / "a.jsonl"
    lines = [json.dumps({"id": i, "date": "2016-01-0%d" % (i + 1), "text": f"Article {i}."}) for i in range(3)]
    lines.insert(1, "{broken")
    p.write_text("\n".join(lines) + "\n\n")
    items = read_all(p)
    assert [type(i).__name__ for i in items] == ["Article", "Reject", "Article", "Article"]
    assert [i.source_line for i in items] == [1, 2, 3, 4]
    assert items[1].reason == "bad_json" and "line 2" in items[1].detail


def _by_pieces(path, piece_bytes, **limits):
    items = []
    for piece in split_source(str(path), Limits(**limits), piece_bytes):
        items += [piece] if isinstance(piece, Reject) else list(read_piece(piece, Limits(**limits)))
    return items


def _jsonl(n):
    return "".join(json.dumps({"date": "2016-01-02", "text": f"Article number {i}. " * (i % 7 + 1)}) + "\n"
                   for i in range(n))


@pytest.mark.parametrize("suffix,pack", [(".jsonl", bytes), (".jsonl.gz", gzip.compress)])
def test_jsonl_in_pieces_gives_the_same_articles_and_line_numbers(tmp_path, suffix, pack):
    p = tmp_path / ("a" + suffix)
    p.write_bytes(pack(("\ufeff" + _jsonl(200) + "\n{broken\n\n").encode("utf-8")))
    whole = read_all(p)
    assert len(whole) == 201 and whole[-1].reason == "bad_json" and whole[-1].source_line == 202
    pieces = list(split_source(str(p), Limits(), 300))
    assert all(isinstance(x, Piece) for x in pieces)
    assert 1 < len(pieces) <= (MAX_ARCHIVE_PIECES if suffix.endswith(".gz") else 200)
    assert [(x.start, x.first_line) for x in pieces][:1] == [(0, 1)] and pieces[-1].end is None
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    assert _by_pieces(p, 300) == whole


def test_a_bad_or_empty_jsonl_is_rejected_whole_before_any_piece(tmp_path):
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"\xef\xbb\xbf \n\n")
    assert [r.reason for r in split_source(str(empty))] == ["empty"]
    cut = tmp_path / "c.jsonl.gz"
    data = gzip.compress(_jsonl(300).encode())
    cut.write_bytes(data[: len(data) // 2])
    assert [r.reason for r in split_source(str(cut), Limits(), 100)] == ["truncated_archive"]
    big = tmp_path / "b.jsonl"
    big.write_text(_jsonl(300))
    assert [r.reason for r in split_source(str(big), Limits(max_input_bytes=1000), 100)] == ["too_large"]


def test_a_text_file_is_one_piece_read_after_the_split(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    assert list(split_source(str(p))) == [Piece(str(p))]
    (art,) = read_piece(Piece(str(p)))
    assert art.dateline == "MANILA"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.just(""), st.just("{bad"), st.text(max_size=30).map(
           lambda t: json.dumps({"text": t or "x"}))), max_size=40),
       crlf=st.booleans(), piece_bytes=st.integers(1, 400), gz=st.booleans())
def test_any_piece_size_gives_what_one_read_gives(tmp_path, lines, crlf, piece_bytes, gz):
    p = tmp_path / ("f.jsonl.gz" if gz else "f.jsonl")
    data = ("\r\n" if crlf else "\n").join(lines).encode("utf-8")
    p.write_bytes(gzip.compress(data) if gz else data)
    assert _by_pieces(p, piece_bytes) == _by_pieces(p, 1 << 30)


def test_directory_as_file_is_rejected(tmp_path):
    d = tmp_path / "sub.txt"
    d.mkdir()
    rej = one(d)
    assert isinstance(rej, Reject)


# ------------------------------------------------------------------ fuzz

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".json", ".jsonl", ".txt.gz", ".jsonl.bz2"]))
def test_random_bytes_always_give_articles_or_rejects(tmp_path, data, suffix):
    p = tmp_path / ("f" + suffix)
    p.write_bytes(data)
    items = read_all(p)
    assert items, "every input must be accounted for"
    for item in items:
        assert isinstance(item, (Article, Reject))
        if isinstance(item, Reject):
            assert item.reason and item.detail and item.stage in ("read", "decode", "parse")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.dates(), st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ ", max_size=20))
def test_random_near_articles_parse(body, day, dateline):
    text = f" date {day.isoformat()} {dateline}: {body}"
    try:
        art = parse_text_article(text, "x.txt", "id", "utf-8")
    except Exception as exc:  # only our reject errors may leave
        from transforms.io.sources import RejectError
        assert isinstance(exc, RejectError)
        return
    assert art.published_date == day
    assert art.text in text


# ------------------------------------------------------------------ fuzz through extraction

_WORDS = st.sampled_from(["Russia", "said", "\u201c", "\u201d", "\"", "'", "Monday", "pact", "the", "drills",
                          "signed", "in", "1998", "he", "told", ",", ".", "\n\n", "according", "to",
                          "NATO", "ceasefire", "2020-02-30", "next", "week", "Mr.", "Khovaev", "\u00e9"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(_WORDS, max_size=80), junk=st.text(max_size=60), day=st.one_of(st.none(), st.dates()))
def test_random_near_articles_through_extraction_give_rows_not_exceptions(annotate, words, junk, day):
    from transforms.extract.rows import doc_rows
    text = " ".join(words) + junk
    if not text.strip():
        return
    doc = annotate(text, day)
    art = Article(doc_id="d", source_path="p.txt", text=text, published_date=day)
    tables = doc_rows(art, doc)
    assert len(tables["articles"]) == 1
    for row in tables["rejects"]:      # an extractor that failed says so in a row
        assert row["stage"] == "extract" and row["detail"]
    for row in tables["dates"]:
        assert text[row["start_char"]:row["end_char"]] == row["text"]


# ------------------------------------------------------------------ hostile inputs (issue 14)

def _encodable(item):
    """What Beam's coder and Parquet do to a row: fails on lone surrogates and bad types."""
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq
    from apache_beam.coders import coders

    from schemas.tables import TABLES
    from transforms.io.rows import article_row, reject_row
    table, row = ("articles", article_row(item)) if isinstance(item, Article) else ("rejects", reject_row(item))
    coders.FastPrimitivesCoder().encode(row)
    pq.write_table(pa.Table.from_pylist([row], schema=TABLES[table]), io.BytesIO())


def test_json_nested_too_deep_is_a_reject_not_a_crash(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text("[" * 1000 + "]" * 1000)
    assert one(p).reason == "bad_json"
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"text": "fine"}\n' + '{"a": ' * 2000 + "1" + "}" * 2000 + "\n")
    items = read_all(lines)
    assert [type(i).__name__ for i in items] == ["Article", "Reject"] and items[1].source_line == 2


def test_lone_surrogates_are_replaced_and_the_rows_encode(tmp_path):
    p = tmp_path / "s.json"
    p.write_text('{"title": "bad \\ud83d", "text": "Talks \\udc00 went on.", "date": "2016-02-21"}')
    art = one(p)
    assert art.title == "bad \ufffd" and art.text == "Talks \ufffd went on."
    assert "surrogate" in art.parse_warning
    _encodable(art)


@pytest.mark.parametrize("header, day", [
    (" date 2016-02-21T10:00:00+05:00 GENEVA: Talks.", datetime.date(2016, 2, 21)),
    (" date 2016-02-21T23:30Z GENEVA: Talks.", datetime.date(2016, 2, 21)),
    (" date 2016-02-21 10:00:00 GENEVA: Talks.", datetime.date(2016, 2, 21)),
    (" date 2016-02-21T10:00:00.123-0300 Talks.", datetime.date(2016, 2, 21)),
])
def test_header_dates_in_iso_date_time_forms(header, day):
    art = parse_text_article(header, "x.txt", "id", "utf-8")
    assert art.published_date == day and art.text.endswith("Talks.")


def test_a_compressed_single_article_is_capped_as_one_article(tmp_path):
    p = tmp_path / "big.txt.bz2"
    p.write_bytes(bz2.compress(b"word " * 400_000))       # 2 MB inflated, 1 KB on disk
    rej = one(p, max_article_bytes=1_000_000, max_input_bytes=10**9)
    assert rej.reason == "too_large" and "--max_article_bytes" in rej.detail


def test_inflation_is_streamed_in_bounded_chunks():
    from transforms.io.sources import _inflated_chunks
    import io
    data = gzip.compress(b"a" * 10_000_000) + gzip.compress(b"b" * 3_000_000)
    sizes = [len(c) for c in _inflated_chunks(io.BytesIO(data), "x.txt.gz", 10**9, chunk_bytes=1 << 16)]
    assert max(sizes) <= 1 << 16 and sum(sizes) == 13_000_000   # two members, every byte, small calls


def test_a_jsonl_line_over_the_article_limit_is_rejected_without_being_held(tmp_path):
    p = tmp_path / "l.jsonl"
    p.write_bytes(b'{"text": "ok one"}\n{"text": "' + b"x" * 3_000_000 + b'"}\n{"text": "ok two"}\n')
    items = read_all(p, max_article_bytes=100_000)
    assert [getattr(i, "reason", "article") for i in items] == ["article", "too_large", "article"]
    assert items[1].source_line == 2 and "3,000,01" in items[1].detail


_JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                       st.text(alphabet=st.characters(), max_size=30),            # surrogates included
                       st.sampled_from(["2016-02-21", "2016-02-21T10:00:00+05:00", "0001-01-01", "9999-12-31",
                                        "2020-02-30", "yesterday", ""]))
_JSON = st.recursive(_JSON_LEAF, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                     max_leaves=12)
_FIELDS = ["id", "url", "source_url", "source", "publisher", "title", "date", "published", "published_date",
           "text", "body", "content"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(obj=st.dictionaries(st.sampled_from(_FIELDS) | st.text(max_size=6), _JSON, max_size=8),
       nest=st.integers(0, 1500), as_lines=st.booleans())
def test_any_json_fields_give_articles_or_rejects_that_encode(tmp_path, obj, nest, as_lines):
    """Every JSON field with any value (wrong types, lone surrogates, deep nesting): the
    reader never raises, and what it gives can be encoded by Beam and written to Parquet."""
    if nest:
        obj = dict(obj, extra=json.loads("[" * min(nest, 900) + "]" * min(nest, 900))) if nest < 900 else obj
    body = json.dumps(obj) if nest < 900 else "[" * nest + "]" * nest
    p = tmp_path / ("f.jsonl" if as_lines else "f.json")
    p.write_text(body + ("\n" + body if as_lines else ""), encoding="utf-8")
    items = read_all(p)
    assert items and all(isinstance(i, (Article, Reject)) for i in items)
    for item in items:
        _encodable(item)


def test_json_link_fields_become_article_columns(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(json.dumps(o) for o in [
        {"id": 17, "url": "https://example.org/a", "source": "Reuters", "title": "T", "text": "Talks went on."},
        {"id": "x-9", "source_url": "https://example.org/b", "publisher": "AP", "text": "Talks went on."},
        {"id": True, "url": ["not", "a", "string"], "source": {"name": "AFP"}, "text": "Talks went on."},
    ]) + "\n")
    first, second, third = read_all(p)
    assert (first.source_id, first.url, first.source, first.title) == ("17", "https://example.org/a", "Reuters", "T")
    assert (second.source_id, second.url, second.source) == ("x-9", "https://example.org/b", "AP")
    assert (third.source_id, third.url, third.source) == (None, None, None)   # wrong types are not kept
    from transforms.io.rows import article_row
    assert article_row(first)["url"] == "https://example.org/a"


def test_a_headline_name_with_a_colon_is_no_dateline():
    # a dateline place opens with a word in capitals; `Name: ...` opens a headline and stays
    art = parse_text_article(" date 2016-01-14 Kowal: Budget Will Not Pass.\n\nThe senator said so.",
                             "x.txt", "id", "utf-8")
    assert art.dateline is None
    assert art.text.startswith("Kowal: Budget Will Not Pass.")
    art = parse_text_article(" date 2016-01-14 Poll: Voters Split.\n\nA poll shows ...", "x.txt", "id", "utf-8")
    assert art.dateline is None and art.text.startswith("Poll: Voters Split.")
    for line, place in ((" date 2016-01-14 NEW DELHI: Talks ended.", "NEW DELHI"),
                        (" date 2016-01-14 GAZA CITY, Palestinian Territories: Talks ended.",
                         "GAZA CITY, Palestinian Territories"),
                        (" date 2016-01-14 U.S.: Talks ended.", "U.S.")):
        art = parse_text_article(line, "x.txt", "id", "utf-8")
        assert art.dateline == place and art.text == "Talks ended."
