"""TimeML conventions on whole sentences, one row of `data/timeml_cases.tsv` per case.

Each row gives a sentence, its publication date and every TIMEX3 the timex_tagger must
find in it (text, type, value, and mod where one is written); nothing more may be found.
The sentences run through the whole pipeline, so the governing verb's tense is spaCy's.
"""
import pathlib

import pytest

TABLE = pathlib.Path(__file__).parent / "data" / "timeml_cases.tsv"


def _rows():
    rows = []
    for n, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        group, published, sentence, expected = line.split("\t")
        rows.append(pytest.param(group, None if published == "-" else published, sentence, expected,
                                 id=f"{n}:{group}:{sentence[:40]}"))
    return rows


ROWS = _rows()


def _expected(cell):
    """{text: (type, value, mod or None = not checked)}"""
    if cell.strip() == "-":
        return {}
    out = {}
    for item in cell.split(" | "):
        text, _, rest = item.partition(" = ")
        parts = rest.split()
        out[text.strip()] = (parts[0], parts[1], parts[2] if len(parts) > 2 else None)
    return out


@pytest.mark.parametrize("group,published,sentence,expected", ROWS)
def test_timeml_case(annotate, group, published, sentence, expected):
    want = _expected(expected)
    got = {t.text: t for t in annotate(sentence, published)._.timexes}
    assert sorted(got) == sorted(want), f"spans: {[(t.text, t.value) for t in got.values()]}"
    for text, (ttype, value, mod) in want.items():
        t = got[text]
        assert (t.timex_type, t.value) == (ttype, value), f"{text!r}: {t.timex_type} {t.value}"
        if mod is not None:
            assert t.mod == mod, f"{text!r}: mod {t.mod}"


def test_table_covers_every_point():
    groups = {p.values[0] for p in ROWS}
    assert len(ROWS) >= 150
    assert {"pod", "clock", "unknown", "week", "quarter", "season", "fiscal", "decade", "duration", "date",
            "set", "nontimex", "year", "compound", "spoken", "weekday", "ref"} <= groups
