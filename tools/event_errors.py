#!/usr/bin/env python
"""The agreement or exercise errors of one output against a dev gold, as the scorer counts
them: gold events no row was found for, rows no gold event took, and pairs found but not
strict (action or actors differ).

    python tools/event_errors.py OUTPUT [--set dev_events] [--type agreement] [--half tune]
        [--only missed|extra|loose]

OUTPUT is a pipeline or snapshot output of the set (`OUT/dev_events`). `--half tune` (the
default) reads only the files rules are tuned on; `check` is there to look at a change,
never to find the next rule. The matching is `score.py`'s own (imported from
`../shared/eval/`): events in the evidence's sentence, strict pairs first, one to one.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(os.path.dirname(REPO), "shared", "eval")
sys.path.insert(0, os.path.join(REPO, "tools"))

from score_halves import SETS, halves  # noqa: E402


def load_scorer():
    spec = importlib.util.spec_from_file_location("eval_score", os.path.join(EVAL, "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event_errors(scorer, gold: list[dict], output: str, etype: str):
    """Yield (file, kind, gold event or None, row or None, sentence text) for every error."""
    articles = scorer.read_table(output, "articles", ["doc_id", "source_path", "text"]) or []
    by_file = {os.path.basename(a["source_path"]): a for a in articles}
    columns = ["event_id", "doc_id", "event_type", "action", "actors", "sentence_start",
               "sentence_end"]
    rows = scorer.read_table(output, "events", columns + ["confidence"]) or []
    by_doc = defaultdict(list)
    for row in rows:
        if row["event_type"] == etype and row["action"] != "mention":
            by_doc[row["doc_id"]].append(row)
    for g in gold:
        art = by_file.get(g["file"])
        if art is None:
            continue
        text, locate = art["text"] or "", scorer.locator(art)
        preds = by_doc.get(art["doc_id"], [])
        items = [(ev, locate(ev["evidence"], ev.get("occ", 0)))
                 for ev in g.get("events", []) if ev["type"] == etype]

        def found(p, span):
            return (span is not None and p["sentence_start"] <= span[0]
                    and span[1] <= p["sentence_end"] + 1
                    and p["sentence_end"] - p["sentence_start"] <= scorer.MAX_SENTENCE_CHARS)

        def strict(p, ev):
            return p["action"] == ev["action"] and sorted(set(p["actors"] or [])) == sorted(set(ev.get("actors", [])))

        pairs = [(gi, pj) for gi, (ev, span) in enumerate(items)
                 for pj, p in enumerate(preds) if found(p, span)]
        used_g, used_p, loose = set(), set(), []
        for want_strict in (True, False):
            for gi, pj in pairs:
                if gi in used_g or pj in used_p:
                    continue
                is_strict = strict(preds[pj], items[gi][0])
                if want_strict and not is_strict:
                    continue
                used_g.add(gi)
                used_p.add(pj)
                if not is_strict:
                    loose.append((gi, pj))
        for gi, (ev, span) in enumerate(items):
            if gi not in used_g:
                yield g["file"], "missed", ev, None, ev["evidence"]
        for pj, p in enumerate(preds):
            if pj not in used_p:
                yield g["file"], "extra", None, p, text[p["sentence_start"]:p["sentence_end"] + 1]
        for gi, pj in loose:
            p = preds[pj]
            yield g["file"], "loose", items[gi][0], p, text[p["sentence_start"]:p["sentence_end"] + 1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("output")
    ap.add_argument("--set", default="dev_events", choices=["dev_events", "dev"])
    ap.add_argument("--type", default="agreement", choices=["agreement", "exercise"])
    ap.add_argument("--half", default="tune", choices=["tune", "check", "all"])
    ap.add_argument("--only", choices=["missed", "extra", "loose"])
    args = ap.parse_args(argv)
    gold_name, how, _ = SETS[args.set]
    gold = [json.loads(line) for line in open(os.path.join(EVAL, "gold", gold_name), encoding="utf-8")
            if line.strip()]
    tune, check = halves([g["file"] for g in gold], how)
    keep = {"tune": tune, "check": check, "all": tune | check}[args.half]
    gold = [g for g in gold if g["file"] in keep]
    counts = defaultdict(int)
    for file, kind, ev, row, sentence in event_errors(load_scorer(), gold, args.output, args.type):
        if args.only and kind != args.only:
            continue
        counts[kind] += 1
        print(f"[{kind}] {file}")
        if ev is not None:
            print(f"   gold: {ev['action']:<10} {sorted(ev.get('actors', []))}")
        if row is not None:
            print(f"   row:  {row['action']:<10} {sorted(row['actors'] or [])}  "
                  f"conf={row.get('confidence')}")
        print("   " + " ".join(sentence.split())[:400])
    print(dict(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
