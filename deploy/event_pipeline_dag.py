"""Apache Airflow DAG: every day, the pipeline over that day's input prefix, appended to one dataset.

Copy this file into Airflow's `dags/` folder. It needs `apache-airflow-providers-apache-beam`
on the Airflow workers, this project installed in the interpreter that runs the pipeline
(`pip install .` of the project; `py_interpreter` below), and three Airflow Variables:

- `event_pipeline_input`: the folder holding one sub-folder per day, named `YYYY-MM-DD`
  (`gs://bucket/news`); the run for a day reads `<input>/<day>/`;
- `event_pipeline_output`: the one dataset every run adds to (`gs://bucket/events`);
- `event_pipeline_runner`: `DirectRunner` (default) or `DataflowRunner` (then also
  `apache-airflow-providers-google`, and `event_pipeline_project`, `event_pipeline_region`,
  `event_pipeline_temp` for Dataflow's project, region and temp_location).

Each task is idempotent over its data interval: `--mode append` reads only inputs whose
bytes are not in the output yet, so a retry, a re-run or a backfill of a day adds nothing
twice, and a corrected file replaces its earlier rows. `max_active_runs=1` keeps runs into
the one output one at a time (a local output is also locked by `OUTPUT.lock`; an object
store has no lock).
"""
from __future__ import annotations

import datetime

from airflow import DAG
from airflow.providers.apache.beam.operators.beam import BeamRunPythonPipelineOperator

VAR = "{{{{ var.value.get('event_pipeline_{0}', '{1}') }}}}"

with DAG(
    dag_id="event_pipeline_daily",
    description="Defence and diplomacy events from the day's news, appended to one dataset",
    schedule="@daily",
    start_date=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": datetime.timedelta(minutes=10)},
    tags=["beam", "news"],
) as dag:
    BeamRunPythonPipelineOperator(
        task_id="extract_events",
        # `python -m pipeline.run`: the installed project's entry point
        py_file="pipeline.run",
        py_options=["-m"],
        py_interpreter="python3",
        runner=VAR.format("runner", "DirectRunner"),
        pipeline_options={
            "input": VAR.format("input", "/data/news") + "/{{ ds }}/",
            "output": VAR.format("output", "/data/events"),
            "mode": "append",
        },
        default_pipeline_options={
            # used by DataflowRunner only; the Direct runner ignores them
            "project": VAR.format("project", ""),
            "region": VAR.format("region", "europe-west1"),
            "temp_location": VAR.format("temp", ""),
            "setup_file": "./setup.py",
        },
        dataflow_config={"job_name": "event-pipeline-{{ ds_nodash }}",
                         "project_id": VAR.format("project", ""),
                         "location": VAR.format("region", "europe-west1")},
    )
