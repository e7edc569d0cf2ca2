#!/usr/bin/env python
"""Rows of the dev sets from the extractors alone, over parses cached on disk: a check
of extractor changes in seconds rather than a pipeline run of minutes.

    python tools/extractor_snapshot.py OUT_ROOT [--cache DIR] [--sets dev,timebank,...] [--against ROOT]
    python tools/extractor_snapshot.py OUT_ROOT --input NAME=PATH [--limit N]   (any input: a file, folder or glob)
    python tools/compare_runs.py ROOT/dev OUT_ROOT/dev ...      (what --against does)

The model's components (tok2vec ... ner) run once per dev set and their Docs are kept
in `--cache` (a DocBin per set); each call re-runs only our extractor components on
them and writes every table as the pipeline would (`doc_rows`, the Parquet writer), so
`compare_runs.py` can set it beside a real run. The article texts come from the
reader the pipeline uses; nothing of the dev sets is written outside `--cache`/OUT_ROOT.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from spacy.tokens import DocBin  # noqa: E402

from transforms.io.rows import reject_row  # noqa: E402
from transforms.io.sources import Article, read_source  # noqa: E402
from transforms.io.parquet import write_rows  # noqa: E402
from transforms.io.paths import InputFile, expand_pattern  # noqa: E402
from transforms.extract.build import build_nlp  # noqa: E402
from transforms.extract.build import EXTRACTORS as COMPONENTS  # noqa: E402
from transforms.extract.rows import doc_rows  # noqa: E402
from transforms.nlp.doctext import remember_text, set_metadata  # noqa: E402

EVAL = os.path.join(os.path.dirname(REPO), "shared", "eval")
SETS = {"dev": "dev", "dev_events": "dev_events/input", "timebank": "timebank", "polnear_dev": "polnear_dev"}


def read_set(folder: str):
    articles, rejects = [], []
    for found in expand_pattern(folder):
        items = read_source(found) if isinstance(found, InputFile) else [found]
        for item in items:
            (articles if isinstance(item, Article) else rejects).append(item)
    return articles, rejects


def parsed_docs(nlp, name: str, articles, cache: str):
    path = os.path.join(cache, f"{name}.spacy")
    if os.path.exists(path):
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        # a parse is reused only for the very text the reader gives now (a reader change
        # alters texts without changing how many there are)
        if len(docs) == len(articles) and all(d.text == a.text for d, a in zip(docs, articles)):
            return docs
        print(f"{name}: the cached parse is of other texts; parsing again", file=sys.stderr)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        docs = list(nlp.pipe((nlp.make_doc(a.text) for a in articles), batch_size=32))
    os.makedirs(cache, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_root")
    p.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "extractor-snapshot-cache"),
                   help="where the parses are kept between calls (default: the system's temporary folder)")
    p.add_argument("--sets", default=None, help="dev sets to run (default: all, or none when --input is given)")
    p.add_argument("--against", metavar="ROOT",
                   help="compare each set with ROOT/<set> (a pipeline output, e.g. of the commit before) "
                        "and exit 1 on any difference")
    p.add_argument("--input", action="append", default=[], metavar="NAME=PATH",
                   help="also (or, without --sets, only) this input as set NAME: any path the pipeline reads")
    p.add_argument("--limit", type=int, default=0, help="only the first N articles of each --input")
    args = p.parse_args(argv)
    inputs = dict(item.split("=", 1) for item in args.input)
    sets = [n for n in args.sets.split(",") if n] if args.sets is not None else ([] if inputs else list(SETS))
    stale = [os.path.join(args.out_root, n) for n in sets + list(inputs)
             if os.path.isdir(os.path.join(args.out_root, n)) and os.listdir(os.path.join(args.out_root, n))]
    if stale:
        # New parts beside old ones would be read as one table, and every row counted twice.
        p.error(f"output already holds tables: {', '.join(stale)}; give a fresh OUT_ROOT or remove them first")
    nlp = build_nlp()
    extractors = [(name, proc) for name, proc in nlp.pipeline if name in COMPONENTS]
    for name in sets + list(inputs):
        started = time.monotonic()
        articles, rejects = read_set(inputs[name] if name in inputs else os.path.join(EVAL, SETS[name]))
        if name in inputs and args.limit:
            articles = articles[:args.limit]
        docs = parsed_docs(nlp, name, articles, args.cache)
        tables = {}
        for article, parsed in zip(articles, docs):
            doc = with_metadata(parsed, article)
            for _, proc in extractors:
                doc = proc(doc)
            for table, rows in doc_rows(article, doc).items():
                tables.setdefault(table, []).extend(rows)
        tables.setdefault("rejects", []).extend(reject_row(r) for r in rejects)
        out = os.path.join(args.out_root, name)
        for table, rows in tables.items():
            if rows:
                write_rows(out, table, rows)
        print(f"{name}: {len(articles)} articles in {time.monotonic() - started:.1f} s -> {out}")
    if args.against:
        from compare_runs import main as compare_main
        pairs = [path for name in sets + list(inputs)
                 for path in (os.path.join(args.against, name), os.path.join(args.out_root, name))]
        return compare_main(pairs)
    return 0


def with_metadata(doc, article):
    """The cached parse with the metadata `make_doc` gives a fresh Doc."""
    remember_text(doc, article.text)
    set_metadata(doc, article.published_date, article.dateline)
    return doc


if __name__ == "__main__":
    sys.exit(main())
