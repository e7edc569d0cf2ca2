"""Batching articles for nlp.pipe and buffering rows for Parquet (plain functions, no Beam)."""
import contextlib
import datetime
import os

import pyarrow.parquet as pq
from hypothesis import given, strategies as st

from transforms.beam.annotate import _NlpHolder
from transforms.io.batching import ArticleBatcher, approx_tokens
from transforms.io.sources import Article
from schemas.tables import TABLES
from transforms.io.parquet import ShardWriter, resolve_filesystem, write_rows


def _article(i: int, words: int) -> Article:
    return Article(doc_id=f"d{i}", source_path=f"p{i}", published_date=datetime.date(2020, 1, 1),
                   text=" ".join(["word"] * words))


def test_approx_tokens_counts_words_lines_and_punctuation_as_spacy_does(nlp):
    assert approx_tokens("one two\nthree") == 3
    assert approx_tokens('He said: "no, never."') == 9
    text = open("seeds/000_494d636719354e1f.txt", encoding="utf-8").read()
    assert abs(approx_tokens(text) / len(nlp.make_doc(text)) - 1) < 0.05


def test_batches_stop_at_the_article_count():
    batches = ArticleBatcher(max_articles=3, max_tokens=10_000).batches([_article(i, 5) for i in range(7)])
    assert [len(b) for b in batches] == [3, 3, 1]


def test_batches_stop_at_the_word_budget_and_a_long_article_stands_alone():
    sizes = [40, 40, 40, 500, 10, 10]
    batches = ArticleBatcher(max_articles=64, max_tokens=100).batches([_article(i, w) for i, w in enumerate(sizes)])
    assert [[approx_tokens(a.text) for a in b] for b in batches] == [[40, 40], [40], [500], [10, 10]]


@given(st.lists(st.integers(min_value=1, max_value=300), max_size=60),
       st.integers(min_value=1, max_value=10), st.integers(min_value=1, max_value=400))
def test_batching_keeps_every_article_once_in_order_within_both_limits(sizes, max_articles, max_tokens):
    articles = [_article(i, w) for i, w in enumerate(sizes)]
    batches = ArticleBatcher(max_articles, max_tokens).batches(articles)
    assert [a.doc_id for b in batches for a in b] == [a.doc_id for a in articles]
    for b in batches:
        assert 1 <= len(b) <= max_articles
        assert len(b) == 1 or sum(approx_tokens(a.text) for a in b) <= max_tokens


def test_shard_writer_streams_row_groups_and_names_the_file_by_content(tmp_path):
    rows = [{"source_path": f"/in/{i}.txt", "source_line": None, "doc_id": None, "stage": "decode",
             "reason": "empty", "detail": "x" * 50, "run_id": "manual"} for i in range(25)]
    fs, root = resolve_filesystem(str(tmp_path))
    writer = ShardWriter(fs, f"{root}/rejects", TABLES["rejects"], group_rows=10, prefix="part-manual-")
    for row in rows:
        writer.add(row)
    assert len(writer.rows) == 5 and writer.n_rows == 25      # two row groups already on disk
    assert [p.name.endswith(".parquet.tmp") for p in (tmp_path / "rejects").iterdir()] == [True]
    path = writer.close()
    assert writer.n_rows == 0 and writer.close() is None
    assert [p.name for p in (tmp_path / "rejects").iterdir()] == [path.rsplit("/", 1)[1]]
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_rows == 25 and parquet.metadata.num_row_groups == 3
    name = os.path.basename(path)
    assert name == os.path.basename(write_rows(str(tmp_path / "again"), "rejects", rows[::-1]))
    assert name != os.path.basename(write_rows(str(tmp_path / "again"), "rejects", rows + rows[:1]))


def test_shard_writer_cuts_a_row_group_at_its_text_budget_too(tmp_path):
    rows = [{"source_path": f"/in/{i}.txt", "stage": "decode", "reason": "empty", "detail": "x" * 1000}
            for i in range(25)]
    fs, root = resolve_filesystem(str(tmp_path))
    writer = ShardWriter(fs, f"{root}/rejects", TABLES["rejects"], group_rows=100, group_chars=5_000)
    for row in rows:
        writer.add(row)
    assert len(writer.rows) < 5     # long texts: a group every few rows, not every 100
    assert pq.ParquetFile(writer.close()).metadata.num_row_groups == 5


class _FakeNlp:
    def __init__(self):
        self.zones = 0

    def memory_zone(self):
        self.zones += 1
        return contextlib.nullcontext()


def test_first_words_of_a_worker_warm_the_vocabulary_then_every_batch_has_a_memory_zone():
    nlp = _FakeNlp()
    holder = _NlpHolder(nlp, warm_tokens=100)
    for _ in range(3):                      # 0, 40, 80 words seen: still warming
        with holder.zone(40):
            pass
    assert nlp.zones == 0
    for _ in range(2):                      # 120, 160 words seen
        with holder.zone(40):
            pass
    assert nlp.zones == 2
