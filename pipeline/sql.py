"""Analyst views over an output: `python -m pipeline.sql OUTPUT [--database FILE] [--query SQL]`.

The views are SQL files in `sql/views/` (one view a file, named by it); this module only
assembles them, in the order their references ask for, over the output's tables. The
same view text runs in DuckDB and in Spark SQL: it uses Spark's function names, which
`sql/duckdb/functions.sql` defines for DuckDB as macros.

Every table is read through `table_source`, one recursive glob per table
(`OUTPUT/<table>/**/*.parquet`, schemas unioned by name, Hive partitions read), so a
partition layout or an added column changes nothing here. A table of the current schema
missing from the files (an older output) is an empty view; a column missing from older
files is NULL. `runs` is read when the output has it, and then every table is read by
the reader rule of `pipeline.current` (superseded and uncommitted rows left out).
"""
from __future__ import annotations

import argparse
import glob
import os
import pathlib
import re
import sys
from typing import Dict, List, Optional, Tuple

import pyarrow as pa

from pipeline.current import current_sql
from schemas.tables import TABLES

SQL_DIR = pathlib.Path(__file__).resolve().parents[1] / "sql"
VIEWS_DIR = SQL_DIR / "views"
EXAMPLES_DIR = SQL_DIR / "examples"
DUCKDB_FUNCTIONS = SQL_DIR / "duckdb" / "functions.sql"

# Tables read when present but not required of every output.
OPTIONAL_TABLES = ("runs", "inputs")

_SQL_TYPES = {  # pyarrow type -> (DuckDB, Spark) type of a NULL stand-in column
    pa.string(): ("VARCHAR", "STRING"),
    pa.int32(): ("INTEGER", "INT"),
    pa.int64(): ("BIGINT", "BIGINT"),
    pa.float32(): ("FLOAT", "FLOAT"),
    pa.float64(): ("DOUBLE", "DOUBLE"),
    pa.date32(): ("DATE", "DATE"),
    pa.list_(pa.string()): ("VARCHAR[]", "ARRAY<STRING>"),
}


def table_glob(output: str, table: str) -> str:
    return f"{str(output).rstrip('/')}/{table}/**/*.parquet"


def table_source(output: str, table: str) -> str:
    """The one way a table is read in DuckDB: every Parquet file under its folder."""
    path = table_glob(output, table).replace("'", "''")
    return f"read_parquet('{path}', union_by_name=true, hive_partitioning=true)"


def present_tables(output: str) -> List[str]:
    """The tables of the schema, and the optional ones, that have Parquet files in `output`."""
    names = list(TABLES) + [t for t in OPTIONAL_TABLES if t not in TABLES]
    return [t for t in names if glob.glob(table_glob(output, t), recursive=True)]


def file_columns(output: str, table: str) -> List[str]:
    import duckdb
    return [row[0] for row in duckdb.sql(f"DESCRIBE SELECT * FROM {table_source(output, table)}").fetchall()]


def _null_column(name: str, dtype: pa.DataType, dialect: str) -> str:
    sql_type = _SQL_TYPES[dtype][0 if dialect == "duckdb" else 1]
    return f"CAST(NULL AS {sql_type}) AS {name}"


def _raw_source(output: str, dialect: str):
    """table -> what its files are read as: `table_source` in DuckDB, the `<table>__files`
    view the Spark DDL makes."""
    return (lambda table: table_source(output, table)) if dialect == "duckdb" else (lambda table: f"{table}__files")


def table_views(output: str, dialect: str = "duckdb") -> List[Tuple[str, str]]:
    """(name, SELECT) for each table: the files' columns, plus NULL for schema columns they
    lack; in an output with `runs` and `inputs`, only the rows the reader rule
    (`pipeline.current`) calls current, so an input read again after its bytes changed
    counts once."""
    present = set(present_tables(output))
    ledger = {"runs", "inputs"} <= present
    views = []
    for table in list(TABLES) + [t for t in OPTIONAL_TABLES if t in present]:
        schema = TABLES.get(table)
        if table not in present:
            columns = ", ".join(_null_column(f.name, f.type, dialect) for f in schema)
            views.append((table, f"SELECT {columns} WHERE 1 = 0"))
            continue
        have = set(file_columns(output, table))
        source = _raw_source(output, dialect)(table)
        if ledger and "run_id" in have:  # an output with a ledger: its current rows only
            source = f"({current_sql(output, table, None, dialect, source=_raw_source(output, dialect))}) AS t"
        extra = [_null_column(f.name, f.type, dialect) for f in (schema or []) if f.name not in have]
        views.append((table, f"SELECT *{''.join(', ' + c for c in extra)} FROM {source}"))
    return views


def read_sql(path: pathlib.Path) -> str:
    return path.read_text(encoding="utf-8").strip().rstrip(";")


def analyst_views(views_dir: pathlib.Path = VIEWS_DIR) -> List[Tuple[str, str]]:
    """(name, SELECT) of every view file, each after the views it reads."""
    bodies = {p.stem: read_sql(p) for p in sorted(views_dir.glob("*.sql"))}
    uses = {name: {other for other in bodies if other != name and re.search(rf"\b{other}\b", _code_of(body))}
            for name, body in bodies.items()}
    ordered: List[str] = []

    def place(name: str, path: Tuple[str, ...] = ()) -> None:
        if name in ordered:
            return
        if name in path:
            raise ValueError(f"views read each other in a circle: {' -> '.join(path + (name,))}")
        for other in sorted(uses[name]):
            place(other, path + (name,))
        ordered.append(name)

    for name in sorted(bodies):
        place(name)
    return [(name, bodies[name]) for name in ordered]


def _code_of(sql: str) -> str:
    """The SQL without its `--` comments (a view named in a comment is no dependency)."""
    return re.sub(r"--[^\n]*", "", sql)


def ddl_statements(output: str, dialect: str = "duckdb") -> List[str]:
    """Every statement that makes the tables and views, in order, for the dialect."""
    output = os.path.abspath(output)
    statements: List[str] = []
    if dialect == "duckdb":
        statements.extend(s.strip() for s in _code_of(read_sql(DUCKDB_FUNCTIONS)).split(";") if s.strip())
        create = "CREATE OR REPLACE VIEW"
    elif dialect == "spark":
        for table in present_tables(output):
            path = f"{output}/{table}".replace("'", "\\'")
            statements.append(f"CREATE OR REPLACE TEMPORARY VIEW {table}__files USING parquet "
                              f"OPTIONS (path '{path}', mergeSchema 'true')")
        create = "CREATE OR REPLACE TEMPORARY VIEW"
    else:
        raise ValueError(f"unknown dialect {dialect!r} (duckdb or spark)")
    for name, body in table_views(output, dialect) + analyst_views():
        statements.append(f"{create} {name} AS\n{body}")
    return statements


def ddl(output: str, dialect: str = "duckdb") -> str:
    """The statements as one script."""
    return "".join(f"{statement};\n\n" for statement in ddl_statements(output, dialect))


def connect(output: str, database: str = ":memory:"):
    """A DuckDB connection with the output's tables and the analyst views."""
    import duckdb
    con = duckdb.connect(database)
    for statement in ddl_statements(output, "duckdb"):
        con.execute(statement)
    return con


def register_spark(spark, output: str) -> None:
    """The same tables and views as temporary views of a Spark session."""
    for statement in ddl_statements(output, "spark"):
        spark.sql(statement)


def example_files() -> Dict[str, pathlib.Path]:
    return {p.stem: p for p in sorted(EXAMPLES_DIR.glob("*.sql"))}


def question_of(path: pathlib.Path) -> str:
    """The question an example answers: its leading `--` comment lines, joined."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return " ".join(lines).strip()


def output_parser(prog: str, doc: str) -> argparse.ArgumentParser:
    """A command line whose first argument is a pipeline output folder."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("output", help="a pipeline output folder")
    return parser


def missing_output(output: str) -> bool:
    """True (and one line on standard error) if `output` is no folder."""
    if os.path.isdir(output):
        return False
    print(f"{output}: no such output folder", file=sys.stderr)
    return True


def main(argv: Optional[List[str]] = None) -> int:
    parser = output_parser("python -m pipeline.sql", __doc__)
    parser.add_argument("--database", help="create the views in this DuckDB file (made if missing; views of "
                                           "the same names are replaced); without it, print the DDL")
    parser.add_argument("--dialect", choices=("duckdb", "spark"), default="duckdb",
                        help="DDL for DuckDB (default) or Spark SQL")
    parser.add_argument("--query", help="a .sql file (e.g. sql/examples/...) or SQL text to run over the views "
                                        "(DuckDB); prints the result")
    args = parser.parse_args(argv)
    if missing_output(args.output):
        return 2
    if args.database is None and args.query is None:
        sys.stdout.write(ddl(args.output, args.dialect))
        return 0
    if args.dialect != "duckdb":
        parser.error("--database and --query are DuckDB's; print the Spark DDL without them")
    con = connect(args.output, args.database or ":memory:")
    if args.query:
        sql = read_sql(pathlib.Path(args.query)) if args.query.endswith(".sql") else args.query
        con.sql(sql).show(max_rows=50, max_width=200)
    return 0


if __name__ == "__main__":
    sys.exit(main())
