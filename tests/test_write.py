"""Writing staged Parquet files and publishing them (no pipeline run)."""
import json
import os

import pyarrow.parquet as pq

from pipeline.publish import SUCCESS, clear_stale_staging, create_staging, finalise_tables, publish, staging_dir
from schemas.tables import TABLES
from transforms.io.parquet import write_rows

ROWS = [{"source_path": f"/in/{i}.txt", "stage": "decode", "reason": "empty", "detail": "holds no text"}
        for i in range(3)]


def test_same_rows_give_the_same_file_so_a_retry_overwrites(tmp_path):
    first = write_rows(str(tmp_path), "rejects", ROWS)
    again = write_rows(str(tmp_path), "rejects", list(reversed(ROWS)))
    other = write_rows(str(tmp_path), "rejects", ROWS[:2])
    assert first == again != other
    assert sorted(os.listdir(tmp_path / "rejects")) == sorted([os.path.basename(first), os.path.basename(other)])
    assert os.path.basename(first).startswith("part-manual-")
    assert pq.read_table(first).schema.equals(TABLES["rejects"])
    assert set(pq.read_table(first).column("run_id").to_pylist()) == {"manual"}


def test_finalise_gives_every_table_and_removes_unfinished_writes(tmp_path):
    staging = tmp_path / "stage"
    write_rows(str(staging), "rejects", ROWS)
    (staging / "rejects" / "part-x.parquet.tmp").write_bytes(b"half a file")
    counts = finalise_tables(str(staging))
    assert counts["rejects"] == 3 and counts["articles"] == 0
    assert set(os.listdir(staging)) == set(TABLES)
    assert not list(staging.rglob("*.tmp"))
    for name, schema in TABLES.items():
        files = list((staging / name).rglob("*.parquet"))
        assert files and pq.read_table(files[0]).schema.equals(schema)


def test_publish_swaps_whole_directories_and_clears_stale_staging(tmp_path):
    out = tmp_path / "out"
    first = staging_dir(str(out), "run-0")
    create_staging(first, "run-0")
    publish(first, str(out), {"rows": finalise_tables(first)})
    (out / "old-table").mkdir()
    stale = staging_dir(str(out), "dead-run")
    create_staging(stale, "dead-run")                  # a killed run's, marked as the pipeline's
    lookalike = tmp_path / "out.staging-not-ours"
    lookalike.mkdir()                                  # a user's folder that only looks like one
    staging = staging_dir(str(out), "run-1")
    assert clear_stale_staging(str(out), keep=staging) == [stale]
    assert not os.path.exists(stale) and lookalike.exists()
    create_staging(staging, "run-1")
    write_rows(staging, "rejects", ROWS)
    counts = finalise_tables(staging)
    publish(staging, str(out), {"rows": counts})
    assert not (out / "old-table").exists() and not os.path.exists(staging)
    assert json.loads((out / SUCCESS).read_text())["rows"]["rejects"] == 3
    assert sorted(os.listdir(tmp_path)) == ["out", "out.staging-not-ours"]
