#!/usr/bin/env python
"""Found precision of an output's events by confidence value, on the tune half of a dev set.

    python tools/calibrate_confidence.py SET OUTPUT [--type agreement|exercise]

With every rule family given its own placeholder confidence in the lexicon, the rows of
one value are one family's events; their found precision (a predicted event whose sentence
holds a gold evidence of its type, matched one to one as the scorer does) is the
confidence that family should get. Only the tune half is read (even sorted positions for
dev_events and dev), so calibrating never looks at the check half.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_halves import EVAL, SETS, halves, read_table  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("output")
    ap.add_argument("--type", default="agreement", choices=("agreement", "exercise"))
    args = ap.parse_args()
    gold_file, how, _ = SETS[args.set]
    gold = [json.loads(line) for line in open(os.path.join(EVAL, "gold", gold_file), encoding="utf-8")]
    tune, _ = halves([g["file"] for g in gold], how)
    arts = read_table(os.path.join(args.output, args.set), "articles").to_pylist()
    doc_of = {os.path.basename(a["source_path"]): a for a in arts}
    events = [e for e in read_table(os.path.join(args.output, args.set), "events").to_pylist()
              if e["event_type"] == args.type and e["action"] != "mention"]
    total, hit = collections.Counter(), collections.Counter()
    for g in gold:
        if g["file"] not in tune or g["file"] not in doc_of:
            continue
        art = doc_of[g["file"]]
        spans = []
        for ev in g["events"]:
            if ev["type"] != args.type:
                continue
            i = -1
            for _ in range(ev.get("occ", 0) + 1):
                i = art["text"].find(ev["evidence"], i + 1)
            spans.append((i, i + len(ev["evidence"])))
        used = set()
        for p in sorted((e for e in events if e["doc_id"] == art["doc_id"]), key=lambda e: e["sentence_start"]):
            conf = round(float(p["confidence"]), 2)
            total[conf] += 1
            k = next((k for k, (s, e) in enumerate(spans) if k not in used and s >= 0
                      and p["sentence_start"] <= s and e <= p["sentence_end"] + 1), None)
            if k is not None:
                used.add(k)
                hit[conf] += 1
    for conf in sorted(total):
        print(f"{conf:.2f}  {hit[conf]:3d}/{total[conf]:3d}  precision {hit[conf] / total[conf]:.2f}")


if __name__ == "__main__":
    main()
