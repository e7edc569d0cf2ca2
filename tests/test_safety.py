"""A run never destroys what it was not asked to write (issue 14): refusals before any
work, the output lock, and publish killed between its steps."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from pipeline.publish import SUCCESS, clear_stale_staging, create_staging, finalise_tables, publish, staging_dir
from pipeline.run import main, run
from pipeline.safety import OutputLock, UsageError, first_errno, written_by_pipeline
from transforms.io.parquet import write_rows

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = " date 2016-02-21 GENEVA: The United States and Russia reached a deal on Sunday.\n"
ROWS = [{"source_path": "/in/x.txt", "stage": "decode", "reason": "empty", "detail": "holds no text"}]


@pytest.fixture
def place(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    return tmp_path


def refused(argv, capsys):
    """Run main(); return (exit code, the one line it printed)."""
    code = main(argv + ["--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    return code, err


def snapshot(folder):
    return sorted((str(p.relative_to(folder)), p.read_bytes() if p.is_file() else b"")
                  for p in folder.rglob("*"))


@pytest.mark.parametrize("output, message", [
    ("in", "is the input"),
    ("in/sub", "is inside the input"),
    (".", "holds the input"),
    ("target.csv", "is a file"),
    ("own", "holds files the pipeline did not write"),
])
def test_a_dangerous_output_is_refused_before_any_work(place, capsys, output, message):
    (place / "target.csv").write_text("a,b\n")
    (place / "own").mkdir()
    (place / "own" / "important.db").write_text("data")
    before = snapshot(place)
    code, err = refused(["--input", str(place / "in"), "--output", str(place / output)], capsys)
    assert code == 2 and len(err) == 1 and message in err[0], err
    assert snapshot(place) == before                      # nothing written, nothing deleted


def test_an_output_holding_the_working_directory_is_refused(place, capsys, monkeypatch):
    (place / "work").mkdir()
    monkeypatch.chdir(place / "work")
    code, err = refused(["--input", str(place / "in"), "--output", str(place / "work")], capsys)
    assert code == 2 and "holds the working directory" in err[0]


@pytest.mark.parametrize("argv, message", [
    (["--input", "IN/nothing-*.txt"], "matches no file"),
    (["--inptu", "IN"], "unknown flag --inptu"),
    (["--input", "gs://bucket/news/*.txt"], "apache-beam[gcp]"),
    (["--input", "IN", "--spacy_model", "en_core_web_nonexistent"], "pip install en-core-web-nonexistent"),
    (["--input", "IN", "--batch_words", "0"], "--batch_words must be at least 1"),
])
def test_bad_flags_are_one_line_errors_and_a_good_output_is_kept(place, capsys, argv, message):
    out = place / "out"
    assert main(["--input", str(place / "in"), "--output", str(out), "--quiet"]) == 0
    before = snapshot(out)
    code, err = refused([a.replace("IN", str(place / "in")) for a in argv] + ["--output", str(out)], capsys)
    assert code == 2 and len(err) == 1 and message in err[0], err
    assert snapshot(out) == before


def test_staging_overlapping_the_output_is_refused(place, capsys):
    code, err = refused(["--input", str(place / "in"), "--output", str(place / "out"),
                         "--staging", str(place / "out")], capsys)
    assert code == 2 and "overlap" in err[0]


def test_a_users_lookalike_siblings_are_never_touched(place):
    out = place / "report"
    keep = [place / "report.old-manual-backup", place / "report.staging-mine"]
    for d in keep:
        d.mkdir()
        (d / "notes.txt").write_text("mine")
    run(["--input", str(place / "in"), "--output", str(out), "--quiet"])
    run(["--input", str(place / "in"), "--output", str(out), "--quiet"])
    assert all((d / "notes.txt").read_text() == "mine" for d in keep)
    assert written_by_pipeline(str(out))


def test_an_empty_folder_is_a_fine_output(place):
    (place / "out").mkdir()
    run(["--input", str(place / "in"), "--output", str(place / "out"), "--quiet"])
    assert (place / "out" / SUCCESS).exists() and not (place / "out" / "_STAGING").exists()


def test_a_second_run_into_a_locked_output_fails_at_once_naming_the_holder(place, capsys):
    with OutputLock(str(place / "out"), "run-A"):
        code, err = refused(["--input", str(place / "in"), "--output", str(place / "out")], capsys)
    assert code == 2 and "held by run run-A" in err[0] and f"pid {os.getpid()}" in err[0]
    assert main(["--input", str(place / "in"), "--output", str(place / "out"), "--quiet"]) == 0  # released


def test_a_lock_file_the_pipeline_did_not_write_is_not_overwritten(place, capsys):
    (place / "out.lock").write_text("someone's notes")
    code, err = refused(["--input", str(place / "in"), "--output", str(place / "out")], capsys)
    assert code == 2 and "was not written by the pipeline" in err[0]
    assert (place / "out.lock").read_text() == "someone's notes"


def test_a_failed_write_is_one_line_and_leaves_no_staging(place, capsys, monkeypatch):
    from transforms.io import parquet

    def full(self):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(parquet.ShardWriter, "_write_group", full)
    code, err = refused(["--input", str(place / "in"), "--output", str(place / "out")], capsys)
    assert code == 2 and len(err) == 1 and "no space left" in err[0]
    assert sorted(os.listdir(place)) == ["in", "out.lock"]


def test_errno_is_found_through_wrapped_errors():
    try:
        try:
            raise OSError(28, "No space left on device")
        except OSError as exc:
            raise RuntimeError("while running 'WriteTables'") from exc
    except RuntimeError as wrapped:
        assert first_errno(wrapped) == 28
    assert first_errno(RuntimeError("OSError: [Errno 30] Read-only file system [while running 'x']")) == 30
    assert first_errno(ValueError("no errno")) is None


# ---------------------------------------------------------------- publish killed between steps

def _published(out, rejects):
    staging = staging_dir(str(out), f"run{rejects}")
    create_staging(staging, f"run{rejects}")
    write_rows(staging, "rejects", ROWS * rejects)
    return staging, finalise_tables(staging)


KILL = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from pipeline import publish as pub
    out, staging, step = sys.argv[1], sys.argv[2], sys.argv[3]
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    if step == "after_exchange":
        pub._delete_previous = die
    else:                                   # no atomic exchange here: die between the two renames
        pub._exchange = lambda a, b: False
        real_rename = os.rename
        def rename(a, b):
            real_rename(a, b)
            if b.endswith(tuple("0123456789")) and ".old-" in b:
                die()
        pub.os.rename = rename
    pub.publish(staging, out, {{"rows": {{"rejects": 2}}}})
""")


@pytest.mark.parametrize("step", ["after_exchange", "between_renames"])
def test_publish_killed_between_its_steps_leaves_old_or_new_output(tmp_path, step):
    out = tmp_path / "out"
    old, counts = _published(out, 1)
    publish(old, str(out), {"rows": counts})
    new, _ = _published(out, 2)
    script = tmp_path / "kill.py"
    script.write_text(KILL.format(root=ROOT))
    proc = subprocess.run([sys.executable, str(script), str(out), new, step], cwd=ROOT)
    assert proc.returncode == -9
    if step == "after_exchange":
        assert json.loads((out / SUCCESS).read_text())["rows"]["rejects"] == 2     # the new one, whole
        clear_stale_staging(str(out))                        # the next run removes the old one
    else:
        assert not out.exists()                              # the one instant two renames leave
        removed = clear_stale_staging(str(out))              # the next run puts the old one back
        assert json.loads((out / SUCCESS).read_text())["rows"]["rejects"] == 1
        assert removed == [new]                              # and drops the unpublished new one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kill.py", "out"]


def test_publish_refuses_an_output_that_became_someone_elses(tmp_path):
    out = tmp_path / "out"
    staging, counts = _published(out, 1)
    out.mkdir()
    (out / "theirs.txt").write_text("x")
    with pytest.raises(UsageError, match="changed during the run"):
        publish(staging, str(out), {"rows": counts})
    assert (out / "theirs.txt").exists() and os.path.isdir(staging)


@pytest.mark.parametrize("parent", ["a_file", "/proc"])
def test_an_output_that_cannot_be_written_is_one_line(place, capsys, parent):
    (place / "a_file").write_text("x")
    out = os.path.join(place / parent if parent == "a_file" else parent, "out")
    code, err = refused(["--input", str(place / "in"), "--output", out], capsys)
    assert code == 2 and len(err) == 1 and out in err[0] and "writable" in err[0], err
    assert sorted(os.listdir(place)) == ["a_file", "in"]


def test_an_output_in_folders_that_do_not_exist_yet_is_made(place):
    out = place / "new" / "deeper" / "out"
    run(["--input", str(place / "in"), "--output", str(out), "--quiet"])
    assert (out / SUCCESS).exists()


def test_a_symlinked_output_is_refused_not_replaced(place, capsys):
    (place / "real_out").mkdir()
    os.symlink(place / "real_out", place / "out")
    code, err = refused(["--input", str(place / "in"), "--output", str(place / "out")], capsys)
    assert code == 2 and "is a symlink" in err[0]
    assert os.path.islink(place / "out")
