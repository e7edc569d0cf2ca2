"""The timex_tagger component on whole Docs, and governing_timex for the event extractors."""
import datetime as dt
import pathlib
import re

import pytest

from transforms.extract.dates import governing_timex

D = dt.date(2020, 2, 25)  # a Tuesday

ARTICLE = (
    "The defence minister said on Monday that the navy will hold drills with Japan next Friday. "
    "The two countries signed a logistics pact in May 2017 and renewed it early in February. "
    "Talks have dragged on for three years, and officials meet every year in Tokyo."
)


def _by_text(doc):
    return {t.text: t for t in doc._.timexes}


def test_component_values_and_spans(annotate):
    doc = annotate(ARTICLE, D)
    tx = _by_text(doc)
    assert tx["Monday"].value == "2020-02-24"
    assert tx["next Friday"].value == "2020-02-28"
    assert tx["May 2017"].value == "2017-05"
    assert tx["early in February"].value == "2020-02"
    assert tx["early in February"].mod == "START"
    assert tx["three years"].value == "P3Y" and tx["three years"].timex_type == "DURATION"
    assert tx["every year"].timex_type == "SET"
    for t in doc._.timexes:
        assert doc.text[t.start_char:t.end_char] == t.text
        assert not t.text.lower().startswith(("on ", "in ", "at "))


def test_ranges_cover_calendar_days(annotate):
    tx = _by_text(annotate(ARTICLE, D))
    assert (tx["May 2017"].range_start, tx["May 2017"].range_end) == (dt.date(2017, 5, 1), dt.date(2017, 5, 31))
    assert tx["Monday"].range_start == tx["Monday"].range_end == dt.date(2020, 2, 24)
    assert tx["three years"].range_start is None


def test_without_published_date_values_stay_underspecified(annotate):
    doc = annotate("Officials said on Wednesday that the ceasefire signed last year would hold until 9 November.")
    tx = _by_text(doc)
    assert tx["Wednesday"].value == "XXXX-WXX-3"
    assert tx["last year"].value == "PAST_REF"
    assert tx["9 November"].value == "XXXX-11-09"


@pytest.mark.parametrize("sentence,expected", [
    ("The fleet sailed for Guam on Friday.", "2020-02-21"),
    ("The fleet will sail for Guam on Friday.", "2020-02-28"),
    ("The fleet left port on Thursday.", "2020-02-20"),
    ("The fleet is scheduled to leave port on Thursday.", "2020-02-27"),
    ("The summit ended in August.", "2019-08"),
    ("The summit will open in August.", "2020-08"),
])
def test_tense_directs_relative_dates(annotate, sentence, expected):
    values = [t.value for t in annotate(sentence, D)._.timexes]
    assert expected in values


def test_a_day_earlier_is_anchored_to_the_last_date(annotate):
    doc = annotate("Rebels attacked the base on Friday, a day after talks collapsed. "
                   "Troops had arrived a day earlier.", D)
    tx = _by_text(doc)
    assert tx["Friday"].value == "2020-02-21"
    assert tx["a day earlier"].value == "2020-02-20"


def test_clock_time_takes_its_weekday(annotate):
    tx = _by_text(annotate("The vote was held at 3 p.m. Monday in the capital.", D))
    assert tx["3 p.m. Monday"].value == "2020-02-24T15:00"
    assert tx["3 p.m. Monday"].timex_type == "TIME"


def test_references(annotate):
    doc = annotate("The ships are now in port. They recently docked, and more will come in the future.", D)
    values = {t.text: t.value for t in doc._.timexes}
    assert values["now"] == "PRESENT_REF"
    assert values["recently"] == "PAST_REF"
    assert "FUTURE_REF" in values.values()


def _offsets(text, word, occ=0):
    i = -1
    for _ in range(occ + 1):
        i = text.index(word, i + 1)
    return i, i + len(word)


def test_governing_timex_follows_the_dependency_path(annotate):
    text = "The minister said on Monday that Manila signed the pact with Washington in 1998."
    doc = annotate(text, D)
    s, e = _offsets(text, "signed")
    assert governing_timex(doc, doc._.timexes, s, e).value == "1998"
    s, e = _offsets(text, "said")
    assert governing_timex(doc, doc._.timexes, s, e).value == "2020-02-24"


def test_governing_timex_none_without_a_date_in_the_sentence(annotate):
    text = "The navies held drills on Friday. The pact was signed by both sides."
    doc = annotate(text, D)
    s, e = _offsets(text, "signed")
    assert governing_timex(doc, doc._.timexes, s, e) is None
    s, e = _offsets(text, "drills")
    assert governing_timex(doc, doc._.timexes, s, e).value == "2020-02-21"


def test_governing_timex_ignores_durations(annotate):
    text = "After three years of talks, the two sides signed the accord."
    doc = annotate(text, D)
    s, e = _offsets(text, "signed")
    assert governing_timex(doc, doc._.timexes, s, e) is None


def test_no_clock_lookups():
    """No extractor reads the clock: values come from the text and the publication date."""
    root = pathlib.Path(__file__).resolve().parents[1] / "transforms"
    sources = sorted((root / "extract").rglob("*.py")) + sorted((root / "nlp").rglob("*.py"))
    assert root / "extract" / "dates.py" in sources
    pattern = re.compile(r"\b(?:date|datetime)\.(?:today|now|utcnow)\(|time\.time\(|localtime\(")
    for path in sources:
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_windowed_candidates_match_full_scan():
    """Rules run only near their anchor words; that must find what a whole-text scan finds."""
    from transforms.extract.timex import core
    parts = ["The talks ended on Tuesday, March 3, 2015, after two and a half years.",
             "   " * 3 + "Officials met at 9:30 a.m. EST every second week of the 1990s",
             "- in FY2016 -- and Q3 2014, early next month, the day before, tonight;",
             "some three decades ago the minister said that Christmas Eve was annual.",
             "x" * 50 + " " + "9" * 45 + " years later"]
    text = "\n".join(parts * 3)
    safe = "\n".join([parts[0], parts[1].strip()] + parts[2:4]) * 3
    assert core._UNSAFE_TEXT.search(text) and not core._UNSAFE_TEXT.search(safe)
    for t in (text, safe, safe[17:300], safe[:-40], safe[5:-3]):
        full = sorted((m.start(), m.end(), r.name) for r in core.RULES for m in r.regex.finditer(t)
                      if m.end() > m.start())
        got = sorted((m.start(), m.end(), r.name) for r in core.RULES
                     for m in core._rule_spans(r, t, None if core._UNSAFE_TEXT.search(t) else core._anchor_words(t))
                     if m.end() > m.start())
        assert got == full
    assert all(r.reach is not None for r in core.RULES)


def test_dates_at_the_calendar_edges_give_no_error():
    import datetime as _dt
    from transforms.extract.timex.core import find_timexes
    for dct in (_dt.date(1, 1, 1), _dt.date(9999, 12, 31)):
        found = find_timexes("They met on Monday, the next day and last weekend, 1.5 centuries ago, in 2016.", dct)
        assert "2016" in [f.value.value for f in found]


@pytest.mark.parametrize("dct", [dt.date(1, 3, 1), dt.date(9999, 11, 1)])
def test_arithmetic_past_the_calendar_gives_no_value_rather_than_a_wrong_one(dct):
    from transforms.extract.timex.core import find_timexes
    text = "He left last year. They met next year. Two years ago. Last week. In January. Next month."
    for found in find_timexes(text, dct):
        value = found.value.value
        assert not re.match(r"^-|^\d{1,3}(?!\d)|^\d{5}", value), (found.text, value)


def _parsed(nlp, rows):
    """A Doc with the parse given as (word, tag, pos, dep, head index) rows."""
    from spacy.tokens import Doc
    words, tags, pos, deps, heads = zip(*rows)
    doc = Doc(nlp.vocab, words=list(words), tags=list(tags), pos=list(pos), deps=list(deps), heads=list(heads),
              sent_starts=[True] + [False] * (len(rows) - 1))
    from transforms.nlp.doctext import remember_text
    remember_text(doc, doc.text)
    return doc


# `Officials rejected claims on Friday that the army would withdraw .`, parsed two ways
_CLAUSE_UNDER_VERB = [
    ("Officials", "NNS", "NOUN", "nsubj", 1), ("rejected", "VBD", "VERB", "ROOT", 1),
    ("claims", "NNS", "NOUN", "dobj", 1), ("on", "IN", "ADP", "prep", 9), ("Friday", "NNP", "PROPN", "pobj", 3),
    ("that", "IN", "SCONJ", "mark", 9), ("the", "DT", "DET", "det", 7), ("army", "NN", "NOUN", "nsubj", 9),
    ("would", "MD", "AUX", "aux", 9), ("withdraw", "VB", "VERB", "ccomp", 1), (".", ".", "PUNCT", "punct", 1)]
_CLAUSE_AS_ROOT = [
    ("Officials", "NNS", "NOUN", "nsubj", 9), ("rejected", "JJ", "ADJ", "amod", 2),
    ("claims", "NNS", "NOUN", "nsubj", 9), ("on", "IN", "ADP", "prep", 2), ("Friday", "NNP", "PROPN", "pobj", 3),
    ("that", "IN", "SCONJ", "mark", 9), ("the", "DT", "DET", "det", 7), ("army", "NN", "NOUN", "nsubj", 9),
    ("would", "MD", "AUX", "aux", 9), ("withdraw", "VB", "VERB", "ROOT", 9), (".", ".", "PUNCT", "punct", 9)]


@pytest.mark.parametrize("rows,tense", [(_CLAUSE_UNDER_VERB, "past"), (_CLAUSE_AS_ROOT, None)])
def test_a_date_before_a_clause_marker_is_not_dated_by_that_clause(nlp, rows, tense):
    from transforms.extract.dates import TenseCues, _DocView
    doc = _parsed(nlp, rows)
    view = _DocView(doc, TenseCues.load())
    start = doc.text.index("Friday")
    assert view.tense_at(start, start + len("Friday")) == tense


def test_a_date_is_not_dated_by_a_verb_across_a_quotation_mark(nlp):
    from transforms.extract.dates import TenseCues, _DocView
    rows = [("Lee", "NNP", "PROPN", "nsubj", 5), ("on", "IN", "ADP", "prep", 0), ("Friday", "NNP", "PROPN", "pobj", 1),
            ("``", "``", "PUNCT", "punct", 5), ("We", "PRP", "PRON", "nsubj", 5), ("will", "MD", "AUX", "ROOT", 5),
            ("win", "VB", "VERB", "xcomp", 5)]
    doc = _parsed(nlp, rows)
    view = _DocView(doc, TenseCues.load())
    start = doc.text.index("Friday")
    assert view.tense_at(start, start + len("Friday")) is None


def test_now_after_a_capitalised_word_is_a_name_but_not_after_a_headline(annotate):
    # `Access Now`, `Prime Now`: the last word of a name inside a sentence, no TIMEX3
    doc = annotate("The rights group Access Now filed a brief. Shoppers can order through Prime Now in London.",
                   "2020-02-26")
    assert [t.text for t in doc._.timexes] == []
    # a headline's line ends without a full stop: the next line's `Now` opens a sentence
    doc = annotate("Envoys Return To Geneva\n\nNow the talks can resume.", "2020-02-26")
    assert [(t.text, t.value) for t in doc._.timexes] == [("Now", "PRESENT_REF")]
