"""The reader rule: which rows of an output are current, for DuckDB, Spark and pandas.

Every row carries the `run_id` of the run that wrote it. A run's `runs` row is written
after every other file of the run, and an append run never removes or changes a file of
an earlier run, so:

1. Take the committed runs first: the `run_id`s in `runs`. Every file of those runs
   is already there, and stays there.
2. An input path's current version is its `inputs` row of the latest committed run that
   read it (run ids sort by start time; `OUTPUT.lock` makes runs into one output one at
   a time, so that is also the order they were published in).
3. A row is current when its run is committed and it comes from its input's current
   version: `articles` and `rejects` by (`source_path`, `run_id`); the other tables through
   their article (`doc_id`, `run_id`); `runs` and `inputs` rows of committed runs.

A reader that follows the rule sees whole runs only, each input once, at any instant of
a publish, on a local disk or an object store. `current_sql` is the rule as one SQL query
for DuckDB or Spark; `read_current` runs it (with DuckDB) for Python and pandas readers.
"""
from __future__ import annotations

import posixpath
from typing import Callable, Dict, List, Optional, Tuple

from schemas.tables import ALL_TABLES, RUN_TABLES

_BY_INPUT = ("articles", "rejects")


def _files(output: str, table: str) -> str:
    return f"read_parquet('{output.rstrip('/')}/{table}/**/*.parquet', union_by_name=true)"


def committed_runs(output: str) -> List[str]:
    """Step 1: the run ids in the output's `runs` table (none for a missing output)."""
    table = _read(output, "runs", ["run_id"])
    return sorted(table.column("run_id").to_pylist()) if table is not None else []


def _read(output: str, table: str, columns: List[str]):
    """The table's columns from every Parquet file under OUTPUT/<table>/, or None."""
    import pyarrow.dataset as ds
    import pyarrow.fs as pafs

    from transforms.io.parquet import resolve_filesystem

    fs, root = resolve_filesystem(output)
    directory = posixpath.join(root, table)
    infos = fs.get_file_info(pafs.FileSelector(directory, recursive=True, allow_not_found=True))
    files = sorted(i.path for i in infos if i.type == pafs.FileType.File and i.path.endswith(".parquet"))
    if not files:
        return None
    return ds.dataset(files, schema=ALL_TABLES[table], format="parquet", filesystem=fs).to_table(columns=columns)


def current_inputs(output: str, run_ids: Optional[List[str]] = None) -> Dict[str, Tuple[str, Optional[str]]]:
    """Step 2: {input path: (run id, sha256)} of each input's latest committed version."""
    committed = set(committed_runs(output) if run_ids is None else run_ids)
    table = _read(output, "inputs", ["path", "run_id", "sha256"])
    latest: Dict[str, Tuple[str, Optional[str]]] = {}
    for row in table.to_pylist() if table is not None else []:
        if row["run_id"] not in committed:
            continue
        if row["path"] not in latest or row["run_id"] > latest[row["path"]][0]:
            latest[row["path"]] = (row["run_id"], row["sha256"])
    return latest


def current_sql(output: str, table: str, run_ids: Optional[List[str]] = None, dialect: str = "duckdb",
                source: Optional[Callable[[str], str]] = None) -> str:
    """Step 3 as one SQL query: the current rows of `table`. `run_ids`: the committed runs,
    read first (`committed_runs`); None reads them inside the query (`SELECT run_id FROM
    runs`), so a view made of it follows later runs. `dialect`: `duckdb` (tables as
    `read_parquet('OUTPUT/<table>/**/*.parquet')`) or `spark` (parquet.`OUTPUT/<table>`);
    `source(name)` replaces either (e.g. views already made over each table's files)."""
    files = source or ((lambda name: _files(output, name)) if dialect == "duckdb"
                       else (lambda name: f"parquet.`{output.rstrip('/')}/{name}`"))
    if run_ids is None:
        runs = f"SELECT run_id FROM {files('runs')}"
    else:
        runs = ", ".join("'" + r.replace("'", "''") + "'" for r in run_ids) or "NULL"
    if table in RUN_TABLES:
        return f"SELECT t.* FROM {files(table)} t WHERE t.run_id IN ({runs})"
    inputs = (f"current_inputs AS (SELECT path, max(run_id) AS run_id FROM {files('inputs')} "
              f"WHERE run_id IN ({runs}) GROUP BY path)")
    of_input = "EXISTS (SELECT 1 FROM current_inputs c WHERE c.path = {0}.source_path AND c.run_id = {0}.run_id)"
    if table in _BY_INPUT:
        return f"WITH {inputs} SELECT t.* FROM {files(table)} t WHERE {of_input.format('t')}"
    return (f"WITH {inputs}, current_articles AS (SELECT a.doc_id, a.run_id FROM {files('articles')} a "
            f"WHERE {of_input.format('a')}) SELECT t.* FROM {files(table)} t WHERE EXISTS "
            f"(SELECT 1 FROM current_articles c WHERE c.doc_id = t.doc_id AND c.run_id = t.run_id)")


def read_current(output: str, table: str):
    """The current rows of one table as a pyarrow Table (`.to_pandas()` for pandas), by the
    rule above; needs the `duckdb` package."""
    import duckdb

    run_ids = committed_runs(output)
    return duckdb.sql(current_sql(output, table, run_ids)).fetch_arrow_table()
