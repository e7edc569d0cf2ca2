"""Shared fixtures and helpers: the spaCy pipeline is loaded once per test session;
`parquet_table` names a table of a pipeline output for DuckDB (`from conftest import ...`)."""
import datetime
import os
import shutil

import pytest


@pytest.fixture(scope="session")
def nlp():
    from transforms.extract.build import build_nlp
    return build_nlp()


@pytest.fixture(scope="session")
def annotate(nlp):
    """annotate(text, published_date=None) -> the Doc with every extractor's records."""
    from transforms.extract.build import make_doc

    def run(text, published_date=None, dateline=None):
        if isinstance(published_date, str):
            published_date = datetime.date.fromisoformat(published_date)
        return nlp(make_doc(nlp, text, published_date, dateline))

    return run


def parquet_table(out, name: str) -> str:
    """A table of the pipeline output `out` as a DuckDB table expression (Hive partitions read)."""
    return f"read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true)"


ANALYTICS_ARTICLES = os.path.join(os.path.dirname(__file__), "data", "analytics_news.jsonl")
SEED_DIR = os.path.join(os.path.dirname(__file__), "..", "seeds")


@pytest.fixture(scope="session")
def analytics_output(tmp_path_factory):
    """One real pipeline run for the analytics tests: the seeds, our own small news set
    (tests/data/analytics_news.jsonl: reports of one signing in three articles, the same
    parties signing a year later, a termination, suspensions, exercises, quoted speakers,
    three sources) and an empty file (a reject)."""
    from pipeline.run import run
    base = tmp_path_factory.mktemp("analytics")
    inputs = base / "in"
    inputs.mkdir()
    for name in os.listdir(SEED_DIR):
        shutil.copy(os.path.join(SEED_DIR, name), inputs / name)
    shutil.copy(ANALYTICS_ARTICLES, inputs / "news.jsonl")
    (inputs / "empty.txt").write_bytes(b"")
    out = base / "out"
    run(["--input", str(inputs), "--output", str(out)])
    return str(out)
