#!/usr/bin/env python
"""Throughput, scale-out, memory, extractor share and start-up of the pipeline (issue 6).

    python bench/run.py            # the full benchmark (all 417 + 4,281 articles; ~45 min)
    python bench/run.py --quick    # a small subset, < 2 min, for CI (prints; checks no threshold)

Every figure is a ratio of two measurements taken side by side in this one run,
on this machine, so the table says what the pipeline adds on top of spaCy:

- raw words/s: `nlp.pipe` in this process with every component the pipeline
  enables (`build_nlp`: the model components and the extractor components),
  over the very `Article` texts the pipeline reads (`transforms.io.sources.read_source`),
  in the very batches the pipeline makes (`ArticleBatcher`: --batch_size
  articles, --batch_words words), `make_doc` (tokenisation) included, model
  load excluded. The model components are timed on their own, then each
  extractor component on the same Docs, so the table also shows the model
  alone ("model w/s", "1w/model": the extractors counted as overhead).
- pipeline words/s: `python -m pipeline.run` as a subprocess on the same
  inputs; words = sum of `articles.word_count` it wrote, seconds = the run's
  own `seconds` (graph construction to publish: worker model load, reading,
  spaCy, extractors, Parquet, publish; interpreter start and imports excluded,
  they are in the start-up row). Raw counts words the same way (tokens neither
  punctuation nor space).
- raw and the one-worker pipeline run at the same time, one core each (the raw
  pass goes on parsing, uncounted, until the pipeline ends): a shared machine's
  speed drifts by 10 % and more within minutes, which two runs made one after
  the other would count as overhead. The scale-out pair (1 and 2 workers) runs
  alone, one after the other.
- peak RSS: psutil samples the pipeline's process tree every 0.1 s; the
  largest process is the figure "per worker" (with one worker the FnApiRunner
  runs in the main process).
- extractor share: during the raw pass each extractor component is timed on
  the parsed Docs (as `nlp.pipe` would call it), and so is `doc_rows`.
- start-up: wall time of a one-article pipeline process vs a process that
  only imports spaCy and loads the model.

Outputs go to a temporary directory that is removed afterwards (--keep keeps it).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# `--corpus`, else $BENCH_CORPUS, else the shared folder beside the repository (`../shared/corpus`)
DEFAULT_CORPUS_DIRS = [os.environ.get("BENCH_CORPUS"), str(REPO.parent / "shared" / "corpus")]

TARGETS = {
    "overhead": 0.90,      # pipeline (1 worker) / raw words/s
    "scale_out": 1.75,     # 2 workers / 1 worker words/s
    "rss_mb": 1536,        # peak RSS of a worker
    "rss_growth": 0.10,    # peak RSS at the full corpus vs at the small one
    "extractors": 0.15,    # extractor time / spaCy time
    "startup": 3.0,        # one-article run / model load
}


# ---------------------------------------------------------------- inputs

def find_corpus(given: Optional[str]) -> Path:
    for candidate in [given] + DEFAULT_CORPUS_DIRS:
        if candidate and (Path(candidate) / "news2016.jsonl").exists() and (Path(candidate) / "bbc_politics").is_dir():
            return Path(candidate)
    sys.exit("bench: corpus not found (needs news2016.jsonl and bbc_politics/); "
             "pass --corpus DIR or set BENCH_CORPUS")


def head_lines(src: Path, dst: Path, n: Optional[int]) -> Path:
    """The first n lines of a JSON Lines file (all if n is None) into dst."""
    if n is None:
        return src
    with open(src, "rb") as f, open(dst, "wb") as out:
        for i, line in enumerate(f):
            if i >= n:
                break
            out.write(line)
    return dst


def first_files(src: Path, dst: Path, n: Optional[int]) -> Path:
    """A directory holding copies of the first n files of src (src itself if n is None)."""
    if n is None:
        return src
    dst.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for p in src.iterdir() if p.is_file())[:n]:
        shutil.copyfile(path, dst / path.name)
    return dst


def read_articles(path: Path) -> list:
    """The Articles the pipeline reads from `path` (same reader, same texts)."""
    from pipeline.options import parse, limits_of
    from transforms.io.paths import InputFile, expand_pattern
    from transforms.io.sources import Article, read_source

    options, _ = parse(["--input", str(path)])
    limits = limits_of(options)
    articles = []
    for file in expand_pattern(str(path)):
        if isinstance(file, InputFile):
            articles += [a for a in read_source(file, limits) if isinstance(a, Article)]
    return articles


# ---------------------------------------------------------------- raw spaCy + extractors, in process

def n_words(doc) -> int:
    return sum(not t.is_punct and not t.is_space for t in doc)


def load_nlp(model: str):
    """build_nlp(model) with every extractor; the raw pass switches the extractors off."""
    from transforms.extract.build import EXTRACTORS, build_nlp

    nlp = build_nlp(model)
    extractors = [name for name in nlp.pipe_names if name in EXTRACTORS]
    return nlp, extractors


def raw_pass(nlp, extractors: List[str], articles: list, batch_size: int, batch_words: int,
             keep_busy_while=None) -> dict:
    """Raw nlp.pipe time and words: the model components timed on their own, then each
    extractor component and doc_rows timed on the same Docs (nlp.pipe with every component
    enabled is the model time plus the extractor time).

    `keep_busy_while()`: after the pass, go on parsing (uncounted) while it is true, so that
    a pipeline running beside this pass never has the machine to itself.
    """
    from transforms.io.batching import ArticleBatcher
    from transforms.extract.build import make_doc
    from transforms.extract.rows import doc_rows

    spacy_s, spacy_cpu_s, ext_cpu_s, words, failures = 0.0, 0.0, 0.0, 0, 0
    ext_s = {name: 0.0 for name in extractors}
    rows_s = 0.0
    components = [(name, nlp.get_pipe(name)) for name in extractors]
    # the batches the pipeline gives nlp.pipe, so both sides batch alike
    batches = ArticleBatcher(batch_size, batch_words).batches(articles)
    for batch in batches:
        t0, c0 = time.perf_counter(), time.process_time()
        with nlp.select_pipes(disable=extractors):
            docs = [make_doc(nlp, a.text, a.published_date, a.dateline) for a in batch]
            docs = list(nlp.pipe(docs, batch_size=len(docs)))
        spacy_s += time.perf_counter() - t0
        spacy_cpu_s += time.process_time() - c0
        words += sum(n_words(d) for d in docs)
        c0 = time.process_time()
        for name, component in components:
            t0 = time.perf_counter()
            docs = [component(d) for d in docs]
            ext_s[name] += time.perf_counter() - t0
        ext_cpu_s += time.process_time() - c0
        t0 = time.perf_counter()
        for article, doc in zip(batch, docs):
            doc_rows(article, doc)
            failures += len(doc._.errors or ())
        rows_s += time.perf_counter() - t0
    ended = time.monotonic()
    busy_batches = 0
    while keep_busy_while is not None and keep_busy_while() and batches:
        batch = batches[busy_batches % len(batches)]
        list(nlp.pipe([make_doc(nlp, a.text, a.published_date, a.dateline) for a in batch]))
        busy_batches += 1
    pipe_s = spacy_s + sum(ext_s.values())
    pipe_cpu_s = spacy_cpu_s + ext_cpu_s
    return {"articles": len(articles), "words": words, "spacy_s": spacy_s, "spacy_cpu_s": spacy_cpu_s,
            "pipe_s": pipe_s, "pipe_cpu_s": pipe_cpu_s,
            # the target's basis: nlp.pipe with every component the pipeline enables
            "words_per_s": words / pipe_s if pipe_s else 0.0,
            "words_per_cpu_s": words / pipe_cpu_s if pipe_cpu_s else 0.0,
            # the model components alone (for reference: the extractors' share is its own target)
            "model_words_per_s": words / spacy_s if spacy_s else 0.0,
            "model_words_per_cpu_s": words / spacy_cpu_s if spacy_cpu_s else 0.0,
            "extractor_s": ext_s, "rows_s": rows_s, "extractor_failures": failures,
            "busy_after_s": time.monotonic() - ended, "busy_batches": busy_batches}


def component_times(nlp, extractors: List[str], articles: list, batch_size: int) -> dict:
    """Seconds per model component (tokenizer included) over `articles`, one component at a time."""
    from transforms.extract.build import make_doc

    times = {"tokenizer": 0.0}
    for start in range(0, len(articles), batch_size):
        batch = articles[start:start + batch_size]
        t0 = time.perf_counter()
        docs = [make_doc(nlp, a.text, a.published_date, a.dateline) for a in batch]
        times["tokenizer"] += time.perf_counter() - t0
        for name, proc in nlp.pipeline:
            if name in extractors:
                continue
            t0 = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            times[name] = times.get(name, 0.0) + time.perf_counter() - t0
    return times


# ---------------------------------------------------------------- pipeline subprocess

class TreeSampler(threading.Thread):
    """Peak RSS of every process in a tree, sampled every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        import psutil

        self.root = psutil.Process(pid)
        self.interval = interval
        self.peaks: Dict[int, dict] = {}
        self.peak_total = 0
        self._halt = threading.Event()

    def run(self):
        import psutil

        while not self._halt.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.Error:
                break
            total = 0
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    if proc.pid not in self.peaks:
                        self.peaks[proc.pid] = {"rss": 0, "cmd": " ".join(proc.cmdline()[:4])}
                except psutil.Error:
                    continue
                total += rss
                self.peaks[proc.pid]["rss"] = max(self.peaks[proc.pid]["rss"], rss)
            self.peak_total = max(self.peak_total, total)
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join()


def run_pipeline(inputs: Path, output: Path, extra: List[str], python: str,
                 alongside: Optional[Callable[[Callable[[], bool]], dict]] = None) -> dict:
    """Run `python -m pipeline.run` on `inputs`; time it, sample its memory, read its tables.

    `alongside(running)`, if given, runs in this process while the pipeline runs (`running()`
    says whether it still does); what it returns is kept as the result's "alongside".
    """
    import pyarrow.parquet as pq

    cmd = [python, "-m", "pipeline.run", "--input", str(inputs), "--output", str(output), "--quiet", *extra]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    # files, not pipes: nobody reads a pipe while `alongside` runs, and a full one would stall the run
    with tempfile.TemporaryFile("w+") as out_f, tempfile.TemporaryFile("w+") as err_f:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out_f, stderr=err_f, text=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        beside = alongside(lambda: proc.poll() is None) if alongside else None
        proc.wait()
        wall = time.monotonic() - t0
        sampler.stop()
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    result = {"cmd": " ".join(cmd), "wall_s": wall, "returncode": proc.returncode}
    if beside is not None:
        result["alongside"] = beside
    if proc.returncode != 0:
        result["error"] = (err or out).strip().splitlines()[-15:]
        return result
    summary = json.loads((output / "_SUCCESS").read_text())
    arts = pq.read_table(output / "articles", columns=["word_count"]).column("word_count").to_pylist()
    words = sum(w or 0 for w in arts)
    peaks = sorted((p["rss"] for p in sampler.peaks.values()), reverse=True)
    workers = [p["rss"] for p in sampler.peaks.values() if "sdk_worker" in p["cmd"] or "worker" in p["cmd"]]
    cpu = summary.get("cpu_seconds")
    result.update(seconds=summary["seconds"], cpu_seconds=cpu, rows=summary["rows"], articles=len(arts), words=words,
                  words_per_s=words / summary["seconds"] if summary["seconds"] else 0.0,
                  words_per_cpu_s=words / cpu if cpu else None,
                  peak_rss_mb=peaks[0] / 2**20 if peaks else None,
                  peak_rss_each_mb=[round(p / 2**20) for p in peaks],
                  worker_rss_mb=[round(p / 2**20) for p in workers],
                  peak_tree_rss_mb=sampler.peak_total / 2**20, processes=len(peaks))
    return result


def time_process(code: List[str], python: str) -> float:
    t0 = time.monotonic()
    subprocess.run([python, *code], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


# ---------------------------------------------------------------- report

def verdict(ok: Optional[bool]) -> str:
    return "n/a" if ok is None else ("ok" if ok else "MISS")


def fmt_ratio(a, b) -> Optional[float]:
    return a / b if a is not None and b else None


def report(res: dict) -> str:
    lines = []
    add = lines.append
    T = TARGETS
    add(f"bench ({res['mode']}) model {res['model']}: components {', '.join(res['components'])}; "
        f"extractors {', '.join(res['extractor_names']) or '-'}; batches of <= {res['batch_size']} articles "
        f"and ~{res.get('batch_words', '?')} words; "
        f"{res['cpus']} CPUs, load average {res['loadavg']}")
    add("")
    add("throughput: raw nlp.pipe (every component the pipeline enables, extractors included) and the")
    add("pipeline (1 worker) run at the same time, one core each; 'model' = the model components alone")
    add(f"{'':<18}{'articles':>9}{'words':>11}{'raw w/s':>10}{'model w/s':>11}{'pipe 1w w/s':>13}"
        f"{'1w/raw':>8}{'1w/model':>10}")
    over, cpu_over = [], []
    for key, label in (("bbc", "bbc_politics"), ("news", "news2016.jsonl")):
        raw, p1 = res["raw"].get(key), res["pipe1"].get(key) or {}
        w1 = p1.get("words_per_s")
        r1, m1 = fmt_ratio(w1, raw["words_per_s"]), fmt_ratio(w1, raw.get("model_words_per_s"))
        over.append(r1)
        cpu_over.append(fmt_ratio(p1.get("words_per_cpu_s"), raw.get("words_per_cpu_s")))
        nan = float("nan")
        add(f"{label:<18}{raw['articles']:>9,}{raw['words']:>11,}{raw['words_per_s']:>10,.0f}"
            f"{raw.get('model_words_per_s', nan):>11,.0f}{w1 or 0:>13,.0f}"
            f"{r1 if r1 is not None else nan:>8.2f}{m1 if m1 is not None else nan:>10.2f}")
        if p1.get("words") is not None and p1["words"] != raw["words"]:
            add(f"  note: pipeline counted {p1['words']:,} words in {p1['articles']:,} articles, raw {raw['words']:,}")
        if p1.get("seconds") is not None:
            add(f"  {key}: pipeline {p1['seconds']:.1f} s (run's own; process wall {p1['wall_s']:.1f} s); raw "
                f"{raw['pipe_s']:.1f} s (model {raw['spacy_s']:.1f} s), then kept parsing {raw['busy_after_s']:.1f} s "
                f"until the pipeline ended")
    if all(v is not None for v in cpu_over):
        add(f"the same per CPU second (less sensitive to a busy machine): pipeline 1w / raw "
            f"{cpu_over[0]:.2f} bbc, {cpu_over[1]:.2f} news")
    news1, news2 = res.get("solo", {}).get("news", {}), res["pipe2"].get("news", {})
    scale = fmt_ratio(news2.get("words_per_s"), news1.get("words_per_s"))
    add("")
    add("scale-out on news2016.jsonl, each run alone: "
        + "; ".join(f"{name} {p['words_per_s']:,.0f} words/s ({p['seconds']:.1f} s)"
                    for name, p in (("1 worker", news1), ("2 workers", news2)) if "seconds" in p))
    add("")
    small, full = res["memory"].get("small", {}), news1
    add("memory (peak RSS, largest process of the run's tree)")
    for label, p in ((f"news first {res['memory']['small_lines']} lines, 1 worker", small),
                     (f"news {news1.get('articles', '?')} articles, 1 worker", full),
                     ("bbc, 1 worker (beside the raw pass)", res["pipe1"].get("bbc", {})),
                     ("news, 1 worker (beside the raw pass)", res["pipe1"].get("news", {})),
                     (f"news {news2.get('articles', '?')} articles, 2 workers", news2)):
        if p.get("peak_rss_mb") is not None:
            extra = f"  (processes: {', '.join(str(m) for m in p['peak_rss_each_mb'])} MB)" if p.get("processes", 1) > 1 else ""
            add(f"  {label:<44}{p['peak_rss_mb']:>8,.0f} MB{extra}")
    add(f"  {'raw nlp.pipe in this process (reference)':<44}{res['raw']['news']['bench_peak_rss_mb']:>8,.0f} MB"
        f"  (after bbc: {res['raw']['bbc']['bench_peak_rss_mb']:,.0f} MB)")
    growth = fmt_ratio(full.get("peak_rss_mb"), small.get("peak_rss_mb"))
    add("")
    ext, spacy_s = res["extractors"], res["extractors"]["spacy_s"]
    add(f"extractors vs spaCy (raw pass, {ext['articles']:,} articles, spaCy {spacy_s:.1f} s "
        f"= {1000 * spacy_s / max(ext['articles'], 1):.1f} ms/article)")
    for name, secs in ext["extractor_s"].items():
        add(f"  {name:<24}{secs:>8.2f} s{1000 * secs / max(ext['articles'], 1):>8.2f} ms/article"
            f"{100 * secs / spacy_s:>7.1f} % of spaCy")
    ext_total = sum(ext["extractor_s"].values())
    add(f"  {'all extractors':<24}{ext_total:>8.2f} s{1000 * ext_total / max(ext['articles'], 1):>8.2f} ms/article"
        f"{100 * ext_total / spacy_s:>7.1f} % of spaCy")
    add(f"  {'doc_rows (not counted)':<24}{ext['rows_s']:>8.2f} s{1000 * ext['rows_s'] / max(ext['articles'], 1):>8.2f} ms/article"
        f"{100 * ext['rows_s'] / spacy_s:>7.1f} % of spaCy")
    comp = res.get("components_s") or {}
    if comp:
        total = sum(comp.values())
        add(f"  spaCy itself by component (first {res['components_articles']} news articles, one component at a time): "
            + ", ".join(f"{name} {100 * secs / total:.0f}%" for name, secs in comp.items()))
    if ext["extractor_failures"]:
        add(f"  ({ext['extractor_failures']} extractor failures recorded in doc._.errors)")
    add("")
    st = res["startup"]
    one = st.get("one_article", {})
    add(f"start-up: load model alone {st['model_load_s']:.1f} s (process wall: import spacy + spacy.load); "
        f"one-article pipeline {one.get('wall_s', float('nan')):.1f} s (process wall; run's own "
        f"{one.get('seconds', float('nan')):.1f} s); imports alone {st['imports_s']:.1f} s")
    startup = fmt_ratio(one.get("wall_s") if "seconds" in one else None, st["model_load_s"])
    add("")
    add(f"{'target':<46}{'measured':>10}{'goal':>9}  verdict")
    checks = [
        ("overhead bbc: pipeline 1w / raw nlp.pipe w/s", over[0], f">= {T['overhead']:.2f}", lambda v: v >= T["overhead"]),
        ("overhead news: pipeline 1w / raw nlp.pipe w/s", over[1], f">= {T['overhead']:.2f}", lambda v: v >= T["overhead"]),
        ("scale-out news: 2 workers / 1 worker", scale, f">= {T['scale_out']:.2f}", lambda v: v >= T["scale_out"]),
        ("peak RSS per worker, MB (max of runs)",
         max([p.get("peak_rss_mb") or 0 for p in (small, full, news2, *res["pipe1"].values())]) or None,
         f"<= {T['rss_mb']}", lambda v: v <= T["rss_mb"]),
        ("RSS full / small corpus (1 worker)", growth, f"<= {1 + T['rss_growth']:.2f}",
         lambda v: abs(v - 1) <= T["rss_growth"]),
        ("extractor time / spaCy time", ext_total / spacy_s if spacy_s else None, f"<= {T['extractors']:.2f}",
         lambda v: v <= T["extractors"]),
        ("start-up: one-article run / model load", startup, f"<= {T['startup']:.1f}", lambda v: v <= T["startup"]),
    ]
    for label, value, goal, ok in checks:
        shown = f"{value:>10.2f}" if value is not None and value < 100 else (f"{value:>10,.0f}" if value else f"{'n/a':>10}")
        add(f"{label:<46}{shown}{goal:>9}  {verdict(None if value is None else ok(value))}")
    failed = [(name, p) for group in ("pipe1", "pipe2") for name, p in res[group].items() if p.get("error")]
    failed += [(name, p) for name, p in (("memory small", small), ("one article", one)) if p.get("error")]
    for name, p in failed:
        add("")
        add(f"pipeline run {name} FAILED (exit {p['returncode']}): {p['cmd']}")
        lines.extend("  " + line for line in p["error"])
    if res["mode"] != "full":
        add("")
        add(f"({res['mode']}: subsets of the corpus, so the ratios are indicative only "
            "(fixed costs weigh more); run without --quick / limits for the targets)")
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small subsets, < 2 min (CI)")
    ap.add_argument("--corpus", help="directory with bbc_politics/ and news2016.jsonl")
    ap.add_argument("--model", default=None, help="spaCy model (default: the pipeline's)")
    ap.add_argument("--batch_size", type=int, default=None, help="most articles per nlp.pipe batch (default: the pipeline's)")
    ap.add_argument("--batch_words", type=int, default=None, help="about most words per nlp.pipe batch (default: the pipeline's)")
    ap.add_argument("--bbc_files", type=int, default=None, help="first N BBC files (default: all; --quick: 30)")
    ap.add_argument("--news_lines", type=int, default=None, help="first N news lines (default: all; --quick: 80)")
    ap.add_argument("--small_lines", type=int, default=None,
                    help="news lines of the small memory run (default: 400; --quick: 20)")
    ap.add_argument("--workers", type=int, default=2, help="workers of the scale-out run")
    ap.add_argument("--json", help="also write the results as JSON here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary inputs and outputs")
    ap.add_argument("--pipeline_args", default="", help="extra flags for every pipeline run (one string)")
    ap.add_argument("--cases", action="store_true",
                    help="run only the hostile-input cases (bench/cases.py): peak RSS and time against prose")
    args = ap.parse_args(argv)

    from pipeline.options import parser as pipeline_parser
    defaults = pipeline_parser().parse_args([])
    model = args.model or defaults.spacy_model
    batch_size = args.batch_size or defaults.batch_size
    batch_words = args.batch_words or defaults.batch_words
    bbc_n = args.bbc_files if args.bbc_files is not None else (30 if args.quick else None)
    news_n = args.news_lines if args.news_lines is not None else (80 if args.quick else None)
    small_n = args.small_lines or (20 if args.quick else 400)
    python = sys.executable
    corpus = find_corpus(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    common = ["--spacy_model", model, "--batch_size", str(batch_size), "--batch_words", str(batch_words),
              *args.pipeline_args.split()]
    started = time.monotonic()

    def log(msg):
        print(f"[{time.monotonic() - started:6.1f} s] {msg}", file=sys.stderr, flush=True)

    if args.cases:
        from cases import report as cases_report, run_cases
        try:
            results = run_cases(run_pipeline, python, tmp, corpus, args.quick, log)
            print(cases_report(results))
            if args.json:
                with open(args.json, "w", encoding="utf-8") as f:
                    json.dump(results, f, indent=2, default=str)
            return 0 if all(r["returncode"] == 0 for r in results) else 1
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    try:
        inputs = {
            "bbc": first_files(corpus / "bbc_politics", tmp / "in" / "bbc_politics", bbc_n),
            "news": head_lines(corpus / "news2016.jsonl", tmp / "in_news.jsonl", news_n),
        }
        small = head_lines(corpus / "news2016.jsonl", tmp / "in_small.jsonl", small_n)
        one = head_lines(corpus / "news2016.jsonl", tmp / "in_one.jsonl", 1)

        # start-up first, on a machine not yet warmed by our own runs
        log("start-up: model load alone, imports alone, one-article run")
        load_code = ["-c", f"import spacy; spacy.load({model!r})"]
        model_load = min(time_process(load_code, python) for _ in range(1 if args.quick else 2))
        imports = time_process(["-c", "import pipeline.run, transforms.extract.build, transforms.beam.annotate"], python)
        one_run = run_pipeline(one, tmp / "out_one", common, python)

        # Raw and pipeline side by side, at the same time, one core each: on a shared machine
        # the speed drifts by 10 % and more within minutes, and a drift between two runs
        # made one after the other would be counted as the pipeline's overhead (or gain).
        log("raw nlp.pipe in this process, beside the pipeline (1 worker) on the same input")
        nlp, extractors = load_nlp(model)
        components = [name for name in nlp.pipe_names if name not in extractors]
        raw, pipe1, pipe2, articles_all = {}, {}, {}, []
        for key in ("bbc", "news"):
            articles = read_articles(inputs[key])   # news: kept for the component sample below

            def beside(running, articles=articles):
                return raw_pass(nlp, extractors, articles, batch_size, batch_words, keep_busy_while=running)

            pipe1[key] = run_pipeline(inputs[key], tmp / f"out_{key}_1", common, python, alongside=beside)
            raw[key] = pipe1[key].pop("alongside")
            raw[key]["bench_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            articles_all.append(raw[key])
            log(f"  {key}: {raw[key]['articles']} articles, {raw[key]['words']:,} words; raw {raw[key]['words_per_s']:,.0f} w/s "
                f"(kept busy {raw[key]['busy_after_s']:.0f} s after), pipeline {pipe1[key].get('words_per_s', 0):,.0f} w/s")
        sample = articles[:batch_size * (1 if args.quick or news_n is not None else 4)]
        components_s = component_times(nlp, extractors, sample, batch_size)
        del nlp
        ext = {"articles": sum(r["articles"] for r in articles_all),
               "spacy_s": sum(r["spacy_s"] for r in articles_all),
               "rows_s": sum(r["rows_s"] for r in articles_all),
               "extractor_failures": sum(r["extractor_failures"] for r in articles_all),
               "extractor_s": {name: sum(r["extractor_s"][name] for r in articles_all) for name in extractors}}

        # scale-out: one worker and two workers, each with the machine to itself
        log("pipeline news, 1 worker, alone")
        solo = run_pipeline(inputs["news"], tmp / "out_news_solo", common, python)
        log(f"  {solo.get('words_per_s', 0):,.0f} w/s, {solo.get('seconds', '?')} s")
        log(f"pipeline news, {args.workers} workers (multi_processing), alone")
        pipe2["news"] = run_pipeline(inputs["news"], tmp / "out_news_2", common + [
            f"--direct_num_workers={args.workers}", "--direct_running_mode=multi_processing"], python)
        log(f"  {pipe2['news'].get('words_per_s', 0):,.0f} w/s, {pipe2['news'].get('seconds', '?')} s")
        log(f"pipeline news first {small_n} lines, 1 worker, alone (memory)")
        small_run = run_pipeline(small, tmp / "out_small", common, python)

        subset = any(n is not None for n in (bbc_n, news_n)) or small_n != 400
        res = {"mode": "quick" if args.quick else ("subset" if subset else "full"), "model": model,
               "batch_size": batch_size, "batch_words": batch_words,
               "components": components, "extractor_names": extractors, "cpus": os.cpu_count(),
               "loadavg": " ".join(f"{x:.1f}" for x in os.getloadavg()),
               "date": datetime.datetime.now().isoformat(timespec="seconds"),
               "components_s": components_s, "components_articles": len(sample), "raw": raw, "pipe1": pipe1, "solo": {"news": solo}, "pipe2": pipe2, "extractors": ext,
               "memory": {"small": small_run, "small_lines": small_n},
               "startup": {"model_load_s": model_load, "imports_s": imports, "one_article": one_run}}
        print(report(res))
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump(res, f, indent=2, default=str)
        runs = list(pipe1.values()) + list(pipe2.values()) + [solo, small_run, one_run]
        return 1 if any(r.get("error") for r in runs) else 0
    finally:
        if args.keep:
            print(f"(kept {tmp})", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
