"""Shared fixtures and helpers: the spaCy pipeline is loaded once per test session;
`parquet_table` names a table of a pipeline output for DuckDB (`from conftest import ...`)."""
import datetime

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
