"""Hostile inputs, one pipeline run each: peak RSS and time against ordinary prose (issue 14).

`python bench/run.py --cases` (with `--quick`: smaller sizes) builds each case in a
temporary folder, runs the pipeline on it alone and prints a table: exit code, articles
and rejects, peak RSS of the run's processes, and its time as a multiple of the time
ordinary prose of the same size takes (measured in the same call, on news2016 texts).
Targets: peak RSS at most 1.5 GB per worker; no case over 10 times its prose time.
Nothing here is large on disk but the 1.2 MB prose article: bombs are a few KB.
"""
from __future__ import annotations

import bz2
import gzip
import json
import os
from pathlib import Path
from typing import Callable, Dict, List

RSS_LIMIT_MB = 1536
SLOWDOWN_LIMIT = 10.0


def prose(corpus: Path, size: int) -> str:
    """News2016 article texts, joined by blank lines, to `size` characters."""
    parts, total = [], 0
    with open(corpus / "news2016.jsonl", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def _bomb(path: Path, inflated: int, open_fn) -> None:
    chunk = b"\0" * (16 << 20)
    with open_fn(path, "wb") as f:
        for _ in range(inflated // len(chunk)):
            f.write(chunk)


def build_cases(folder: Path, corpus: Path, quick: bool) -> Dict[str, Path]:
    """{case name: input path}; the prose baselines first."""
    scale = 10 if quick else 1
    folder.mkdir(parents=True, exist_ok=True)
    cases: Dict[str, Path] = {}

    def text_case(name: str, text: str) -> None:
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        cases[name] = path

    k = "k" if quick else "0k"        # names say the sizes: a tenth of each with --quick
    text_case(f"prose_20{k}", prose(corpus, 200_000 // scale))
    text_case(f"prose_99{k}", prose(corpus, 990_000 // scale))
    text_case(f"prose_{1.2 / scale:g}M_chars", prose(corpus, 1_200_000 // scale))   # over spaCy's max_length
    text_case(f"emoji_20{k}_no_spaces", "\U0001F600" * (50_000 // scale))        # 4-byte characters
    text_case(f"letters_20{k}_no_spaces", "a" * (200_000 // scale))
    bz = folder / "bomb.txt.bz2"
    _bomb(bz, (2 << 30) // scale, bz2.open)
    cases[f"bz2_bomb_{2048 // scale}M"] = bz
    gz = folder / "text.txt.gz"
    with gzip.open(gz, "wb") as f:          # one news paragraph over and over: ~900 MB in a few MB
        block = ((prose(corpus, 10_000) + "\n") * 100).encode("utf-8")
        for _ in range((900 << 20) // len(block) // scale):
            f.write(block)
    cases[f"gz_text_{900 // scale}M"] = gz
    deep = folder / "deep.json"
    deep.write_text("[" * 1000 + "]" * 1000)
    cases["json_nested_1000"] = deep
    surrogate = folder / "surrogate.json"
    surrogate.write_text('{"title": "bad \\ud83d", "text": "Talks went on in Geneva on Monday."}')
    cases["json_lone_surrogate"] = surrogate
    return cases


def run_cases(run_pipeline: Callable, python: str, folder: Path, corpus: Path, quick: bool,
              log: Callable[[str], None]) -> List[dict]:
    results = []
    for name, path in build_cases(folder / "cases_in", corpus, quick).items():
        log(f"case {name} ({os.path.getsize(path):,} bytes on disk)")
        res = run_pipeline(path, folder / f"cases_out_{len(results)}", [], python)
        res.update(case=name, bytes=os.path.getsize(path))
        results.append(res)
    # the run's own seconds (graph to publish, start-up excluded), per byte of prose; a
    # case under 100 KB, or an archive (rejected at its limit), has no meaningful ratio
    base = next(r for r in results if r["case"].startswith("prose_99"))
    per_byte = base["seconds"] / base["bytes"]
    for res in results:
        comparable = res["bytes"] >= 100_000 and not str(res["case"]).startswith(("bz2", "gz")) and "seconds" in res
        res["prose_s"] = per_byte * res["bytes"] if comparable else None
        res["slowdown"] = res["seconds"] / res["prose_s"] if comparable else None
    return results


def report(results: List[dict]) -> str:
    lines = [f"{'case':<24}{'on disk':>13}{'rc':>4}{'articles':>9}{'rejects':>8}{'peak MB':>9}{'run s':>8}"
             f"{'x prose':>8}  verdict"]
    for r in results:
        rows = r.get("rows") or {}
        peak = r.get("peak_rss_mb")
        slow = r.get("slowdown")
        ok = r["returncode"] == 0 and (peak or 0) <= RSS_LIMIT_MB and (slow is None or slow <= SLOWDOWN_LIMIT)
        lines.append(f"{r['case']:<24}{r['bytes']:>13,}{r['returncode']:>4}{rows.get('articles', '-'):>9}"
                     f"{rows.get('rejects', '-'):>8}{(peak or 0):>9.0f}{r.get('seconds', r['wall_s']):>8.1f}"
                     f"{(f'{slow:.1f}' if slow is not None else '-'):>8}  {'ok' if ok else 'MISS'}")
    lines.append(f"targets: rc 0 (every input an article or a reject), peak RSS <= {RSS_LIMIT_MB} MB, "
                 f"run time <= {SLOWDOWN_LIMIT:.0f} x that of prose of the same size (the run's own seconds, "
                 "start-up excluded; none for archives or cases under 100 KB)")
    return "\n".join(lines)
