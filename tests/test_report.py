"""The HTML report over a real run, opened in headless Chromium (Debian's `chromium`, driven
by the `playwright` package): it loads with no console error and no network request, and
every chart draws marks. The screenshot stays in the test's folder."""
import json
import os
import re
import shutil

import pytest

from pipeline.report import CHARTS, main as report_main, report_data, write_report

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def browser_or_skip():
    """playwright and Chromium, which CI installs (.ci/run); a missing one fails there."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI needs playwright (dev extras) and chromium (apt) for the report test")
        pytest.skip("needs playwright and /usr/bin/chromium")
    return sync_playwright


@pytest.fixture(scope="module")
def report(analytics_output, tmp_path_factory):
    return write_report(analytics_output, str(tmp_path_factory.mktemp("report") / "report.html"))


def test_the_report_is_one_file_that_names_nothing_to_fetch(report):
    text = open(report, encoding="utf-8").read()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text, re.I)
    assert "/*DATA*/" not in text and "/*JS*/" not in text and "/*CSS*/" not in text
    data = json.loads(re.search(r'<script id="report-data" type="application/json">(.*?)</script>', text, re.S)
                      .group(1))
    assert set(CHARTS) <= set(data)


def test_the_data_answers_each_chart(analytics_output):
    data = report_data(analytics_output)
    figures = data["figures"][0]
    assert figures["articles"] == 10 and figures["rejects"] == 1
    assert figures["event_clusters"] < figures["events"] == figures["agreement_events"] + \
        figures["exercise_events"] + figures["statement_events"]
    assert {r["event_type"] for r in data["events_over_time"]} == {"agreement", "exercise", "statement"}
    assert ("RUS", "SYR") in {(r["party_1"], r["party_2"]) for r in data["agreement_pairs"]}
    assert "Balikatan" in {r["exercise"] for r in data["exercise_timeline"]}
    assert data["top_speakers"][0]["speaker"] == "Sergei Lavrov"
    assert data["rejects"][0]["reason"] == "empty"
    # no runs table in this output: the run summary stands in
    assert data["runs"][0]["spacy_model"] and data["runs"][0]["seconds"] >= 0


def test_the_report_shows_every_chart_in_chromium_without_errors(report, tmp_path):
    sync_playwright = browser_or_skip()
    problems, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
                    else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto("file://" + report)
            page.wait_for_selector("body[data-rendered=true]", timeout=15000)
            marks = dict(page.eval_on_selector_all(
                "section[data-chart]", "els => els.map(e => [e.dataset.chart, Number(e.dataset.marks)])"))
            drawn = page.eval_on_selector_all("svg [data-mark]", "els => els.length")
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert problems == []
    assert [u for u in requests if not u.startswith("file://")] == []
    assert set(marks) == set(CHARTS) | {"runs"}
    assert all(n > 0 for n in marks.values()), marks
    assert drawn >= marks["events_over_time"] + marks["agreement_pairs"] + marks["exercise_timeline"]
    assert (tmp_path / "report.png").stat().st_size > 20000


def test_the_command_writes_beside_the_output_never_inside(analytics_output, tmp_path, capsys):
    copy = tmp_path / "out"
    shutil.copytree(analytics_output, copy)
    assert report_main([str(copy)]) == 0
    written = capsys.readouterr().out.strip()
    assert written == str(tmp_path / "out-report.html") and os.path.getsize(written) > 0
    assert not any(name.endswith(".html") for _, _, files in os.walk(copy) for name in files)
    assert report_main([str(tmp_path / "missing")]) == 2


def test_a_runs_table_gives_the_runs_figures(analytics_output):
    """The output's `runs` table (one row per run) is what the report shows of its runs."""
    import pyarrow.parquet as pq
    written = pq.read_table(os.path.join(str(analytics_output), "runs")).column("run_id").to_pylist()
    runs = report_data(str(analytics_output))["runs"]
    assert written and sorted(r["run_id"] for r in runs) == sorted(written)
