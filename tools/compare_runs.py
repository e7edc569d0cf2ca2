#!/usr/bin/env python
"""Compare two pipeline outputs table by table: are their sorted rows identical?

    python tools/compare_runs.py BEFORE_OUTPUT AFTER_OUTPUT [BEFORE AFTER ...]

For a refactoring that must not change results: every table of the contract is read
back (Hive partitions included), its rows sorted, and compared as a whole. Prints one
line per table and exits 1 on any difference, showing the first rows that differ.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, List

import pyarrow.dataset as pads

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from schemas.tables import TABLES  # noqa: E402


def table_rows(output: str, table: str) -> List[tuple]:
    """The table's rows as sorted tuples of (column, value), columns in name order; without
    `run_id`, which is each run's own."""
    path = os.path.join(output, table)
    if not os.path.isdir(path):
        return []
    data = pads.dataset(path, format="parquet", partitioning="hive").to_table().to_pylist()
    return sorted(tuple(sorted((k, repr(v)) for k, v in row.items() if k != "run_id")) for row in data)


def _short(rows: List[tuple], limit: int = 400) -> str:
    text = str(dict(rows[0])) if rows else "None"
    return text if len(text) <= limit else text[:limit] + " ..."


def compare(before: str, after: str) -> Dict[str, str]:
    """{table: 'same (N rows)' or a description of the first difference}."""
    verdicts = {}
    for table in TABLES:
        a, b = table_rows(before, table), table_rows(after, table)
        if a == b:
            verdicts[table] = f"same ({len(a)} rows)"
            continue
        only_a = [r for r in a if r not in set(b)]
        only_b = [r for r in b if r not in set(a)]
        verdicts[table] = (f"DIFFERENT: {len(a)} rows before, {len(b)} after; "
                           f"{len(only_a)} only before, {len(only_b)} only after\n"
                           f"    first only before: {_short(only_a)}\n"
                           f"    first only after:  {_short(only_b)}")
    return verdicts


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("outputs", nargs="+", help="pairs: BEFORE AFTER [BEFORE AFTER ...]")
    args = p.parse_args(argv)
    if len(args.outputs) % 2:
        p.error("give the outputs in pairs")
    differing = 0
    for before, after in zip(args.outputs[::2], args.outputs[1::2]):
        print(f"{before} -> {after}")
        for table, verdict in compare(before, after).items():
            print(f"  {table:<11} {verdict}")
            differing += not verdict.startswith("same")
    print("identical" if not differing else f"{differing} table(s) differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
