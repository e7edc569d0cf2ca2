#!/usr/bin/env python
"""Score one output against the tune half and the check half of a dev set.

    python tools/score_halves.py SET OUTPUT [--json]

SET is `dev_events` (halves: even and odd positions of the sorted file names, as issue 17
asks), `timebank` or `polnear_dev` (first and second half of the sorted names) or `dev`
(even/odd). The gold lines and the output's rows are split by the article's file name;
each half is written to a temporary folder and scored by `../shared/eval/score.py`, so
the figures are the scorer's own. Rules are tuned on the first half printed (`tune`);
the second (`check`) is only looked at to check a change.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(os.path.dirname(REPO), "shared", "eval")
# set -> (gold file, how the sorted names are halved, extra scorer flags)
SETS = {
    "dev": ("dev.jsonl", "parity", []),
    "dev_events": ("dev_events.jsonl", "parity", []),
    "timebank": ("timebank.jsonl", "split", []),
    "polnear_dev": ("polnear_dev_direct.jsonl", "split",
                    ["--speaker", "speaker_mention", "--quote_types", "direct,mixed"]),
}


def halves(names: list[str], how: str) -> tuple[set[str], set[str]]:
    """(tune, check) file names: even/odd sorted positions (0-based), or first/second half."""
    names = sorted(names)
    if how == "parity":
        return set(names[0::2]), set(names[1::2])
    middle = (len(names) + 1) // 2
    return set(names[:middle]), set(names[middle:])


def read_table(output: str, name: str) -> pa.Table | None:
    path = os.path.join(output, name)
    if not os.path.isdir(path):
        return None
    files = [os.path.join(r, f) for r, _, fs in os.walk(path) for f in fs if ".parquet" in f]
    if not files:
        return None
    return ds.dataset(files, format="parquet", partitioning="hive").to_table()


def write_half(output: str, names: set[str], gold_lines: list[dict], folder: str) -> str:
    gold_path = os.path.join(folder, "gold.jsonl")
    with open(gold_path, "w", encoding="utf-8") as f:
        for line in gold_lines:
            if line["file"] in names:
                f.write(json.dumps(line) + "\n")
    out = os.path.join(folder, "out")
    articles = read_table(output, "articles")
    keep = pa.array([os.path.basename(p) in names for p in articles["source_path"].to_pylist()])
    doc_ids = pc.filter(articles["doc_id"], keep)
    for table in sorted(os.listdir(output)):
        data = read_table(output, table)
        if data is None:
            continue
        if "doc_id" in data.column_names:
            data = data.filter(pc.is_in(data["doc_id"], value_set=doc_ids))
        os.makedirs(os.path.join(out, table), exist_ok=True)
        pq.write_table(data, os.path.join(out, table, "part-0.parquet"))
    return gold_path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("set", choices=sorted(SETS))
    p.add_argument("output")
    p.add_argument("--json", action="store_true", help="the scorer's figures as JSON")
    args = p.parse_args(argv)
    gold_name, how, flags = SETS[args.set]
    with open(os.path.join(EVAL, "gold", gold_name), encoding="utf-8") as f:
        gold_lines = [json.loads(line) for line in f if line.strip()]
    tune, check = halves([g["file"] for g in gold_lines], how)
    for label, names in (("tune", tune), ("check", check)):
        with tempfile.TemporaryDirectory() as folder:
            gold = write_half(args.output, names, gold_lines, folder)
            print(f"== {args.set} {label} half ({len(names)} files)", flush=True)
            cmd = [sys.executable, os.path.join(EVAL, "score.py"), "--gold", gold,
                   "--output", os.path.join(folder, "out"), *flags]
            if args.json:
                cmd.append("--json")
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
