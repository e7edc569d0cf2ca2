#!/usr/bin/env python
"""The date expressions of one half of a dev set that an output gets wrong, for error analysis.

    python tools/timex_errors.py SET OUTPUT [--half tune|check]

One tab-separated line per gold TIMEX3 missed (`MISS`), matched with another value
(`WRONG`, the predicted text and value after `pred=`), or per predicted one that matches
no gold (`FALSE`), each with the file, its publication date and the text around it
(`[...]` marks the expression). Gold and predictions are paired as `../shared/eval/score.py`
pairs them (one to one, any overlap, the same value first), so the lines add up to the
scorer's figures. Look at the tune half to find rules; the check half is for checking.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from tools.score_halves import EVAL, SETS, halves, read_table  # noqa: E402


def _around(text: str, start: int, end: int, width: int = 50) -> str:
    return (text[max(0, start - width):start] + "[" + text[start:end] + "]" + text[end:end + width]).replace("\n", " ")


def _find(text: str, needle: str, occ: int):
    at = -1
    for _ in range(occ + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            return None
    return at, at + len(needle)


def errors(gold_lines: list, output: str, names: set):
    """(kind, file, dct, fields...) for every error in the named files."""
    articles = {os.path.basename(a["source_path"]): a for a in read_table(output, "articles").to_pylist()}
    dates = collections.defaultdict(list)
    table = read_table(output, "dates")
    for d in (table.to_pylist() if table is not None else []):
        dates[d["doc_id"]].append(d)
    for g in gold_lines:
        if g["file"] not in names or g["file"] not in articles:
            continue
        art = articles[g["file"]]
        text, preds, used = art["text"], dates[art["doc_id"]], set()
        for gd in g.get("dates", []):
            span = _find(text, gd["text"], gd.get("occ", 0))
            if span is None:
                continue
            want = gd["value"].strip().upper()
            best = None
            for i, p in enumerate(preds):
                if i in used or min(span[1], p["end_char"]) <= max(span[0], p["start_char"]):
                    continue
                if best is None or p["value"].upper() == want:
                    best = i
                    if p["value"].upper() == want:
                        break
            if best is None:
                yield ("MISS", g["file"], g["dct"], gd["text"], gd["value"], gd["type"], _around(text, *span))
                continue
            used.add(best)
            p = preds[best]
            if p["value"].upper() != want:
                yield ("WRONG", g["file"], g["dct"], gd["text"], gd["value"], gd["type"],
                       f"pred={p['text']}|{p['value']}|{p['timex_type']}", _around(text, *span))
        for i, p in enumerate(preds):
            if i not in used:
                yield ("FALSE", g["file"], g["dct"], p["text"], p["value"], p["timex_type"],
                       _around(text, p["start_char"], p["end_char"]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("output")
    ap.add_argument("--half", choices=("tune", "check"), default="tune")
    args = ap.parse_args(argv)
    gold_name, how, _ = SETS[args.set]
    with open(os.path.join(EVAL, "gold", gold_name), encoding="utf-8") as f:
        gold_lines = [json.loads(line) for line in f if line.strip()]
    tune, check = halves([g["file"] for g in gold_lines], how)
    for row in errors(gold_lines, args.output, tune if args.half == "tune" else check):
        print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
