"""deploy/: the Airflow DAG loads in Airflow's own DagBag with its task, operator and schedule;
the cron line is a valid run.

Airflow and this project's Beam do not share one venv comfortably, so Airflow lives in its
own (`.venv-airflow`, made by `.ci/run` with the pinned versions below): the DAG is loaded
there, in a subprocess. Without that venv the DAG test is skipped, except where
`EVENT_PIPELINE_CI` is set (`.ci/run` sets it): there a missing Airflow fails.
"""
import datetime
import json
import os
import re
import shlex
import subprocess
import sys

import pytest

from pipeline.options import parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEPLOY = os.path.join(ROOT, "deploy")
AIRFLOW_PYTHON = os.path.join(ROOT, ".venv-airflow", "bin", "python")

LOAD = """
import json, sys
from airflow.models import DagBag
bag = DagBag(dag_folder=sys.argv[1], include_examples=False)
dag = bag.dags["event_pipeline_daily"]   # get_dag would ask the metadata database
task = dag.get_task("extract_events")
def render(variables):
    context = {"ds": "2026-12-01", "ds_nodash": "20261201", "var": {"value": variables}}
    return {name: task.render_template(getattr(task, name), context)
            for name in ("runner", "pipeline_options", "py_file")}
print(json.dumps({
    "import_errors": {k: str(v) for k, v in bag.import_errors.items()}, "dag_ids": sorted(bag.dag_ids),
    "schedule": str(dag.schedule_interval), "catchup": dag.catchup, "max_active_runs": dag.max_active_runs,
    "tasks": [t.task_id for t in dag.tasks], "operator": type(task).__module__ + "." + type(task).__name__,
    "py_options": task.py_options,
    "default": render({}),
    "dataflow": render({"event_pipeline_runner": "DataflowRunner", "event_pipeline_input": "gs://b/news",
                        "event_pipeline_output": "gs://b/events"}),
}))
"""


def _load_dag(tmp_path) -> dict:
    if not os.path.exists(AIRFLOW_PYTHON):
        if os.environ.get("EVENT_PIPELINE_CI"):
            pytest.fail(f"{AIRFLOW_PYTHON} is missing: .ci/run makes it (apache-airflow and its Beam provider)")
        pytest.skip("no .venv-airflow here (.ci/run makes it); the DAG is loaded there")
    env = dict(os.environ, AIRFLOW_HOME=str(tmp_path), AIRFLOW__CORE__LOAD_EXAMPLES="False",
               AIRFLOW__CORE__DAGS_FOLDER=DEPLOY)
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([AIRFLOW_PYTHON, "-c", LOAD, DEPLOY], capture_output=True, text=True, env=env,
                          cwd=str(tmp_path), timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_dag_loads_in_airflows_dagbag_with_its_task_and_schedule(tmp_path):
    dag = _load_dag(tmp_path)
    assert dag["import_errors"] == {} and dag["dag_ids"] == ["event_pipeline_daily"]
    assert dag["schedule"] == "@daily" and dag["catchup"] is False and dag["max_active_runs"] == 1
    assert dag["tasks"] == ["extract_events"]
    assert dag["operator"].endswith("apache.beam.operators.beam.BeamRunPythonPipelineOperator")
    default, dataflow = dag["default"], dag["dataflow"]
    assert (default["py_file"], dag["py_options"]) == ("pipeline.run", ["-m"])
    assert default["runner"] == "DirectRunner" and dataflow["runner"] == "DataflowRunner"
    assert default["pipeline_options"] == {"input": "/data/news/2026-12-01/", "output": "/data/events",
                                           "mode": "append"}
    assert dataflow["pipeline_options"]["input"] == "gs://b/news/2026-12-01/"
    # what the operator hands the pipeline parses as our flags
    options, _ = parse([f"--{k}={v}" for k, v in default["pipeline_options"].items()])
    assert (options.input, options.mode) == (["/data/news/2026-12-01/"], "append")


def test_the_cron_line_is_a_valid_daily_append_run():
    lines = [line for line in open(os.path.join(DEPLOY, "crontab"), encoding="utf-8")
             if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    schedule, command = lines[0].split(None, 5)[:5], lines[0].split(None, 5)[5]
    assert schedule[2:] == ["*", "*", "*"]                         # every day
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    command = re.sub(r"\$\(date [^)]*\)", yesterday, command.replace("\\%", "%"))
    argv = shlex.split(command.split("pipeline.run", 1)[1].split(">>")[0])
    options, beam_args = parse(argv)
    assert options.mode == "append" and options.input == [f"/data/news/{yesterday}/"] and beam_args == []
