"""One HTML file to look at an output: `python -m pipeline.report OUTPUT [--html FILE]`.

Each chart's rows come from a SQL file over the analyst views (`sql/report/`, or the
example that asks the same question); the page (`pipeline/report_page/`: HTML, CSS and
the script that draws the charts as SVG) gets them inline as JSON, so the file opens
anywhere with no network. The run's figures come from the `runs` table where the output
has one, and otherwise from the tables themselves and the run summary (`_SUCCESS`).
"""
from __future__ import annotations

import datetime
import decimal
import html
import json
import os
import pathlib
import sys
from typing import Dict, List, Optional

from pipeline.sql import EXAMPLES_DIR, SQL_DIR, connect, missing_output, output_parser, read_sql

PAGE_DIR = pathlib.Path(__file__).resolve().parent / "report_page"
REPORT_SQL = SQL_DIR / "report"

# chart -> the SQL file of its rows
CHARTS = {
    "figures": REPORT_SQL / "figures.sql",
    "events_over_time": REPORT_SQL / "events_over_time.sql",
    "agreement_pairs": EXAMPLES_DIR / "02_country_pairs_by_agreement_events.sql",
    "exercise_timeline": REPORT_SQL / "exercise_timeline.sql",
    "top_speakers": REPORT_SQL / "top_speakers.sql",
    "rejects": EXAMPLES_DIR / "07_reject_reasons.sql",
}
MAX_RUNS = 50  # the latest runs shown


def _plain(value):
    """A value JSON can hold (dates as ISO strings, nested lists and maps kept)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _rows(con, sql: str) -> List[Dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [{n: _plain(v) for n, v in zip(names, row)} for row in cursor.fetchall()]


def run_summary(output: str) -> Optional[Dict]:
    """The run summary a local run leaves in `_SUCCESS` (JSON), if readable."""
    try:
        with open(os.path.join(output, "_SUCCESS"), encoding="utf-8") as f:
            summary = json.load(f)
    except (OSError, ValueError):
        return None
    return summary if isinstance(summary, dict) else None


def report_data(output: str) -> Dict:
    con = connect(output)
    data = {name: _rows(con, read_sql(path)) for name, path in CHARTS.items()}
    tables = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    if "runs" in tables:
        runs = _rows(con, "SELECT * FROM runs")
        order = next((c for c in ("finished", "ended", "end", "started", "start", "run_id") if runs and c in runs[0]), None)
        if order:
            runs.sort(key=lambda r: str(r.get(order)), reverse=True)
        data["runs"] = runs[:MAX_RUNS]
    else:
        summary = run_summary(output)
        data["runs"] = [{k: v for k, v in summary.items() if not isinstance(v, (dict, list))}] if summary else []
    data["output"] = os.path.abspath(output)
    data["made"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return data


def _inline_json(data: Dict) -> str:
    """JSON safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(data: Dict) -> str:
    page = (PAGE_DIR / "report.html").read_text(encoding="utf-8")
    return (page.replace("/*CSS*/", (PAGE_DIR / "report.css").read_text(encoding="utf-8"))
                .replace("/*JS*/", (PAGE_DIR / "report.js").read_text(encoding="utf-8"))
                .replace("/*DATA*/", _inline_json(data))
                .replace("<!--OUTPUT-->", html.escape(data["output"])))


def write_report(output: str, html_path: str) -> str:
    text = render(report_data(output))
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(text)
    return html_path


def main(argv: Optional[List[str]] = None) -> int:
    parser = output_parser("python -m pipeline.report", __doc__)
    parser.add_argument("--html", help="the HTML file to write (default: OUTPUT-report.html beside the output; "
                                       "never inside it, which holds only what the pipeline wrote)")
    args = parser.parse_args(argv)
    if missing_output(args.output):
        return 2
    html_path = args.html or os.path.abspath(args.output).rstrip("/") + "-report.html"
    print(write_report(args.output, html_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
