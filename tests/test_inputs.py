"""What `--input` names (transforms.io.paths): every entry of a folder accounted for,
nothing opened before it is known to be a file, ids unique per input (issue 14)."""
import os

import pytest

from transforms.io.paths import InputFile, expand_pattern
from transforms.io.sources import Article, Reject, read_source

TEXT = " date 2016-02-21 GENEVA: The United States and Russia reached a deal on Sunday.\n"


def expand(pattern, rel, **kw):
    """(files relative to `rel`, sorted (name, reason) of the rejects)."""
    items = list(expand_pattern(str(pattern), **kw))
    files = sorted(os.path.relpath(i.path, rel) for i in items if isinstance(i, InputFile))
    rejects = sorted((os.path.basename(i.source_path), i.reason) for i in items if isinstance(i, Reject))
    return files, rejects


@pytest.fixture
def tree(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT)
    (d / "sub" / "a.txt").write_text(TEXT)           # same name and bytes, another folder
    os.mkfifo(d / "pipe.txt")
    os.symlink(tmp_path / "nowhere.txt", d / "dangling.txt")
    os.symlink(d / "loop1.txt", d / "loop2.txt")
    os.symlink(d / "loop2.txt", d / "loop1.txt")
    os.symlink(d / "sub", d / "dirlink")
    os.symlink(d / "a.txt", d / "inside.txt")         # a symlink within the tree: read
    (d / "notes.md").write_text("not an article")
    return d


def test_every_entry_is_a_file_or_a_reject_with_its_reason(tree):
    files, rejects = expand(tree, rel=str(tree))
    assert files == ["a.txt", "inside.txt", "sub/a.txt"]
    assert rejects == [("dangling.txt", "dangling_symlink"), ("dirlink", "directory_symlink"),
                       ("loop1.txt", "symlink_loop"), ("loop2.txt", "symlink_loop"),
                       ("notes.md", "unsupported_format"), ("pipe.txt", "not_a_regular_file")]
    for _, reason in rejects:
        assert reason


def test_follow_symlinks_reads_a_linked_folder_once(tree):
    files, rejects = expand(tree, rel=str(tree), follow_symlinks=True)
    assert files == ["a.txt", "inside.txt", "sub/a.txt"]
    assert ("dirlink", "already_read") in rejects


def test_a_symlink_to_a_folder_above_is_a_loop_not_a_hang(tmp_path):
    d = tmp_path / "in"
    (d / "x").mkdir(parents=True)
    (d / "x" / "a.txt").write_text(TEXT)
    os.symlink(d, d / "x" / "up")
    files, rejects = expand(d, rel=str(d), follow_symlinks=True)
    assert files == ["x/a.txt"] and rejects == [("up", "symlink_loop")]


def test_same_name_and_bytes_in_two_folders_are_two_articles(tree):
    found = [i for i in expand_pattern(str(tree)) if isinstance(i, InputFile)]
    keys = sorted(i.key for i in found)
    assert keys == ["a.txt", "inside.txt", "sub/a.txt"]
    ids = {i.key: next(read_source(i)).doc_id for i in found}
    assert ids["a.txt"] != ids["sub/a.txt"]


def test_ids_do_not_depend_on_where_the_folder_lives(tmp_path):
    ids = []
    for place in ("one", "two/deeper"):
        d = tmp_path / place / "in"
        (d / "x").mkdir(parents=True)
        (d / "x" / "a.txt").write_text(TEXT)
        (f,) = [i for i in expand_pattern(str(d)) if isinstance(i, InputFile)]
        ids.append(next(read_source(f)).doc_id)
    assert ids[0] == ids[1]


def test_an_existing_path_with_glob_characters_is_taken_as_written(tmp_path):
    literal, lookalike = tmp_path / "in[1]", tmp_path / "in1"
    for d in (literal, lookalike):
        d.mkdir()
    (literal / "mine.txt").write_text(TEXT)
    (lookalike / "other.txt").write_text(TEXT)
    files, _ = expand(literal, rel=str(literal))
    assert files == ["mine.txt"]
    files, _ = expand(tmp_path / "in?", rel=str(tmp_path))      # a real glob still globs
    assert files == ["in1/other.txt"]


def test_a_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (item,) = expand_pattern(str(tmp_path / "pipe.txt"))
    assert isinstance(item, Reject) and item.reason == "not_a_regular_file"   # and the test did not hang


def test_a_pattern_matching_nothing_is_one_reject(tmp_path):
    (item,) = expand_pattern(str(tmp_path / "nothing-*.txt"))
    assert item.reason == "no_match"
    assert [i.reason for i in expand_pattern(str(tmp_path))] == ["no_match"]     # an empty folder


def test_a_recursive_glob_reads_each_file_once_and_rejects_nothing_extra(tmp_path):
    d = tmp_path / "in"
    (d / "x" / "y").mkdir(parents=True)
    for rel in ("a.txt", "x/b.txt", "x/y/c.txt"):
        (d / rel).write_text(TEXT)
    files, rejects = expand(str(d) + "/**", rel=str(d))
    assert files == ["a.txt", "x/b.txt", "x/y/c.txt"] and rejects == []
    files, rejects = expand(str(d) + "/**/*.txt", rel=str(d))
    assert files == ["a.txt", "x/b.txt", "x/y/c.txt"] and rejects == []
