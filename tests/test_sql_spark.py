"""The same view files in Spark SQL: every view and example over a real run gives the rows
DuckDB gives (a local Spark session on the loopback address)."""
import datetime
import os
import shutil

import pytest

from pipeline.sql import analyst_views, connect, example_files, read_sql, register_spark

# A local Spark session takes minutes on two shared cores: CI runs this (CI=true), and so
# does anyone with SPARK_TESTS=1; there a missing pyspark (dev extras) or Java fails.
if not (os.environ.get("CI") or os.environ.get("SPARK_TESTS")):
    pytest.skip("Spark test: runs in CI, or with SPARK_TESTS=1", allow_module_level=True)
assert shutil.which("java"), "Spark needs a Java runtime"
import pyspark  # noqa: E402,F401  (dev extras)


@pytest.fixture(scope="module")
def spark(analytics_output):
    from pyspark.sql import SparkSession
    session = (SparkSession.builder.master("local[1]").appName("views-test")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "2").config("spark.sql.session.timeZone", "UTC")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    register_spark(session, analytics_output)
    for shared in ("event_cluster_members", "article_events"):  # every view below reads them
        session.sql(f"CACHE TABLE {shared}")
    yield session
    session.stop()


def normal(value):
    if isinstance(value, (list, tuple)):
        return tuple(normal(v) for v in value)
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def bag(rows):
    return sorted((tuple(normal(v) for v in row) for row in rows), key=repr)


def test_views_and_examples_give_the_same_rows_in_spark_and_duckdb(spark, analytics_output):
    duck = connect(analytics_output)
    queries = {name: f"SELECT * FROM {name}" for name, _ in analyst_views()}
    queries.update({stem: read_sql(path) for stem, path in example_files().items()})
    for name, sql in queries.items():
        expected = bag(duck.execute(sql).fetchall())
        got = bag(spark.sql(sql).collect())
        assert expected, name
        assert got == expected, name
