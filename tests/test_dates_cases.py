"""Table-driven cases for the TIMEX3 normaliser: expression, article date, tense, value.

Each row: (text, DCT or None, tense of the governing verb or None, expected value,
expected type or None (= don't check), expected mod or "" (= don't check)).
The DCT is the article's published date; no case reads the clock.
"""
import datetime as dt

import pytest

from transforms.extract.timex.core import find_timexes, normalise, value_range

D = dt.date(2020, 2, 25)          # a Tuesday
JAN = dt.date(2020, 1, 10)        # a Friday in January
DEC = dt.date(2019, 12, 10)       # a Tuesday in December
NYE = dt.date(2019, 12, 31)       # a Tuesday, the year's last day
N = None

CASES = [
    # --- explicit dates
    ("May 2017", D, N, "2017-05", "DATE", None),
    ("Feb. 25, 2020", D, N, "2020-02-25", "DATE", None),
    ("February 25, 2020", N, N, "2020-02-25", "DATE", None),
    ("25 February", D, N, "2020-02-25", "DATE", None),
    ("25 February 2019", D, N, "2019-02-25", "DATE", None),
    ("the 25th of February", D, N, "2020-02-25", "DATE", None),
    ("2020-02-25", D, N, "2020-02-25", "DATE", None),
    ("2020-02-25T14:30", D, N, "2020-02-25T14:30", "TIME", None),
    ("'98", D, N, "1998", "DATE", None),
    ("'05", D, N, "2005", "DATE", None),
    ("the 1990s", D, N, "199X", "DATE", None),
    ("the 1980's", D, N, "198X", "DATE", None),
    ("the '70s", D, N, "197X", "DATE", None),
    ("the early 1990s", D, N, "199X", "DATE", "START"),
    ("the 20th century", D, N, "19XX", "DATE", None),
    ("the nineteenth century", D, N, "18XX", "DATE", None),
    ("the 21st century", N, N, "20XX", "DATE", None),
    ("fiscal 1999", D, N, "1999", "DATE", None),
    ("fiscal year 2021", D, N, "2021", "DATE", None),
    ("the first quarter", D, N, "2020-Q1", "DATE", None),
    ("the fourth quarter", JAN, "past", "2019-Q4", "DATE", None),
    ("the third quarter of 2018", D, N, "2018-Q3", "DATE", None),
    ("Q3 2019", D, N, "2019-Q3", "DATE", None),
    ("last quarter", D, N, "2019-Q4", "DATE", None),
    ("the first half of 2019", D, N, "2019-H1", "DATE", None),
    ("this summer", D, N, "2020-SU", "DATE", None),
    ("last summer", D, N, "2019-SU", "DATE", None),
    ("this winter", D, N, "2020-WI", "DATE", None),
    ("this winter", DEC, N, "2020-WI", "DATE", None),
    ("next spring", D, N, "2020-SP", "DATE", None),
    ("the summer of 2016", D, N, "2016-SU", "DATE", None),
    ("week 8", D, N, "2020-W08", "DATE", None),
    ("week 53", D, N, "2020-W53", "DATE", None),
    ("week 12 of 2019", D, N, "2019-W12", "DATE", None),
    ("in 1998", D, N, "1998", "DATE", None),
    ("since 2008", N, N, "2008", "DATE", None),
    ("Sept. 11, 2001", D, N, "2001-09-11", "DATE", None),
    ("Aug 26", dt.date(2015, 6, 9), "past", "2014-08-26", "DATE", None),
    ("July 12", dt.date(2016, 7, 5), "future", "2016-07-12", "DATE", None),
    ("Monday, Feb. 24", D, N, "2020-02-24", "DATE", None),
    ("Christmas", D, "future", "2020-12-25", "DATE", None),
    ("Christmas Day 2018", D, N, "2018-12-25", "DATE", None),
    ("Chinese New Year", dt.date(2016, 2, 10), N, "2016-02-08", "DATE", None),
    ("Easter 2019", D, N, "2019-04-21", "DATE", None),
    # --- relative: weekdays (2020-02-25 is a Tuesday)
    ("Monday", D, "past", "2020-02-24", "DATE", None),
    ("Monday", D, "future", "2020-03-02", "DATE", None),
    ("Tuesday", D, "past", "2020-02-25", "DATE", None),
    ("Tuesday", D, "future", "2020-02-25", "DATE", None),
    ("Wednesday", D, "future", "2020-02-26", "DATE", None),
    ("Wednesday", D, "past", "2020-02-19", "DATE", None),
    ("Friday", D, N, "2020-02-21", "DATE", None),
    ("Thursday", D, N, "2020-02-27", "DATE", None),
    ("last Monday", D, N, "2020-02-24", "DATE", None),
    ("last Friday", D, N, "2020-02-21", "DATE", None),
    ("next Friday", D, N, "2020-02-28", "DATE", None),
    ("next Tuesday", D, N, "2020-03-03", "DATE", None),
    ("Sunday", dt.date(2020, 3, 2), "past", "2020-03-01", "DATE", None),
    ("Saturday", dt.date(2020, 3, 1), "past", "2020-02-29", "DATE", None),
    ("Wednesday", dt.date(2019, 12, 30), "future", "2020-01-01", "DATE", None),
    ("Friday", dt.date(2020, 1, 1), "past", "2019-12-27", "DATE", None),
    ("Monday", dt.date(2019, 12, 28), "future", "2019-12-30", "DATE", None),
    # --- relative: day words
    ("yesterday", D, N, "2020-02-24", "DATE", None),
    ("yesterday", dt.date(2020, 3, 1), N, "2020-02-29", "DATE", None),
    ("yesterday", dt.date(2021, 3, 1), N, "2021-02-28", "DATE", None),
    ("yesterday", dt.date(2020, 1, 1), N, "2019-12-31", "DATE", None),
    ("today", D, N, "2020-02-25", "DATE", None),
    ("tomorrow", NYE, N, "2020-01-01", "DATE", None),
    ("tomorrow", dt.date(2020, 2, 28), N, "2020-02-29", "DATE", None),
    ("the day before yesterday", D, N, "2020-02-23", "DATE", None),
    ("tonight", D, N, "2020-02-25TNI", "TIME", None),
    ("last night", D, N, "2020-02-24TNI", "TIME", None),
    ("this morning", D, N, "2020-02-25TMO", "TIME", None),
    ("yesterday afternoon", D, N, "2020-02-24TAF", "TIME", None),
    ("tomorrow morning", NYE, N, "2020-01-01TMO", "TIME", None),
    # --- relative: calendar units
    ("last week", D, N, "2020-W08", "DATE", None),
    ("this week", D, N, "2020-W09", "DATE", None),
    ("next week", D, N, "2020-W10", "DATE", None),
    ("last week", dt.date(2021, 1, 5), N, "2020-W53", "DATE", None),
    ("next week", dt.date(2020, 12, 24), N, "2020-W53", "DATE", None),
    ("this week", dt.date(2021, 1, 1), N, "2020-W53", "DATE", None),
    ("next week", NYE, N, "2020-W02", "DATE", None),
    ("this month", D, N, "2020-02", "DATE", None),
    ("last month", JAN, N, "2019-12", "DATE", None),
    ("next month", DEC, N, "2020-01", "DATE", None),
    ("next month", D, N, "2020-03", "DATE", None),
    ("next year", D, N, "2021", "DATE", None),
    ("last year", D, N, "2019", "DATE", None),
    ("last year", JAN, N, "2019", "DATE", None),
    ("this year", D, N, "2020", "DATE", None),
    ("next year", NYE, N, "2020", "DATE", None),
    ("the year", D, N, "2020", "DATE", None),
    ("last decade", D, N, "201X", "DATE", None),
    ("this century", D, N, "20XX", "DATE", None),
    ("this weekend", D, N, "2020-W09-WE", "DATE", None),
    ("last weekend", D, N, "2020-W08-WE", "DATE", None),
    ("earlier this month", D, N, "2020-02", "DATE", None),
    ("later this year", D, N, "2020", "DATE", None),
    ("two years ago", D, N, "2018", "DATE", None),
    ("three months ago", D, N, "2019-11", "DATE", None),
    ("15 months ago", dt.date(2008, 8, 6), N, "2007-05", "DATE", None),
    ("10 days ago", D, N, "2020-02-15", "DATE", None),
    ("a week ago", D, N, "2020-W08", "DATE", None),
    ("several decades ago", D, N, "PAST_REF", "DATE", None),
    ("a few centuries ago", D, N, "PAST_REF", "DATE", None),
    ("several quarters later", D, N, "FUTURE_REF", "DATE", None),
    ("a year ago", JAN, N, "2019", "DATE", None),
    ("over a year ago", D, N, "2019", "DATE", "MORE_THAN"),
    ("a few years ago", D, N, "PAST_REF", "DATE", None),
    ("a month later", D, N, "2020-03", "DATE", None),
    ("a day earlier", D, N, "2020-02-24", "DATE", None),
    ("two days later", D, N, "2020-02-27", "DATE", None),
    ("a month later", DEC, N, "2020-01", "DATE", None),
    ("the previous day", D, N, "2020-02-24", "DATE", None),
    ("the following day", D, N, "2020-02-26", "DATE", None),
    ("the next day", dt.date(2020, 2, 28), N, "2020-02-29", "DATE", None),
    # --- relative: bare and relative months, year from tense
    ("in August", D, "past", "2019-08", "DATE", None),
    ("in August", D, "future", "2020-08", "DATE", None),
    ("in February", D, "past", "2020-02", "DATE", None),
    ("in January", DEC, "future", "2020-01", "DATE", None),
    ("in December", JAN, "past", "2019-12", "DATE", None),
    ("in May", D, "future", "2020-05", "DATE", None),
    ("last December", JAN, N, "2019-12", "DATE", None),
    ("last December", DEC, N, "2018-12", "DATE", None),
    ("next January", JAN, N, "2021-01", "DATE", None),
    ("next January", DEC, N, "2020-01", "DATE", None),
    ("last March", D, N, "2019-03", "DATE", None),
    ("Jan. 2", NYE, "future", "2020-01-02", "DATE", None),
    ("Dec. 30", JAN, "past", "2019-12-30", "DATE", None),
    ("Feb. 29", D, "future", "2020-02-29", "DATE", None),
    ("Feb. 29", dt.date(2020, 3, 5), "past", "2020-02-29", "DATE", None),
    ("Feb. 29", dt.date(2021, 3, 1), "past", "2020-02-29", "DATE", None),
    # --- no published date: underspecified, never the clock
    ("Monday", N, "past", "XXXX-WXX-1", "DATE", None),
    ("last Friday", N, N, "XXXX-WXX-5", "DATE", None),
    ("May 5", N, N, "XXXX-05-05", "DATE", None),
    ("9 November", N, N, "XXXX-11-09", "DATE", None),
    ("in May", N, N, "XXXX-05", "DATE", None),
    ("last March", N, N, "XXXX-03", "DATE", None),
    ("mid-August", N, N, "XXXX-08", "DATE", "MID"),
    ("today", N, N, "PRESENT_REF", "DATE", None),
    ("yesterday", N, N, "PAST_REF", "DATE", None),
    ("tomorrow", N, N, "FUTURE_REF", "DATE", None),
    ("this week", N, N, "PRESENT_REF", "DATE", None),
    ("this month", N, N, "PRESENT_REF", "DATE", None),
    ("this year", N, N, "PRESENT_REF", "DATE", None),
    ("last year", N, N, "PAST_REF", "DATE", None),
    ("last week", N, N, "PAST_REF", "DATE", None),
    ("next week", N, N, "FUTURE_REF", "DATE", None),
    ("two years ago", N, N, "PAST_REF", "DATE", None),
    ("later this month", N, N, "FUTURE_REF", "DATE", None),
    ("earlier this year", N, N, "PAST_REF", "DATE", None),
    ("late last month", N, N, "PAST_REF", "DATE", "END"),
    ("the weekend", N, N, "XXXX-WXX-WE", "DATE", None),
    ("Monday night", N, N, "XXXX-WXX-1TNI", "TIME", None),
    ("3 p.m.", N, N, "XXXX-XX-XXT15:00", "TIME", None),
    ("the first quarter", N, N, "XXXX-Q1", "DATE", None),
    ("week 8", N, N, "XXXX-W08", "DATE", None),
    ("1998", N, N, "1998", "DATE", None),
    # --- modifiers
    ("early February", D, N, "2020-02", "DATE", "START"),
    ("Early in February", D, "past", "2020-02", "DATE", "START"),
    ("mid-February", D, N, "2020-02", "DATE", "MID"),
    ("late February", D, N, "2020-02", "DATE", "END"),
    ("late January", D, "past", "2020-01", "DATE", "END"),
    ("the end of February", D, N, "2020-02", "DATE", "END"),
    ("the beginning of 2019", D, N, "2019", "DATE", "START"),
    ("late 2002", D, N, "2002", "DATE", "END"),
    ("mid-2019", D, N, "2019", "DATE", "MID"),
    ("early last year", D, N, "2019", "DATE", "START"),
    ("late last month", D, N, "2020-01", "DATE", "END"),
    ("the end of the year", D, N, "2020", "DATE", "END"),
    ("the middle of next month", D, N, "2020-03", "DATE", "MID"),
    ("late on Friday", D, "past", "2020-02-21", "DATE", "END"),
    ("early Monday", D, "past", "2020-02-24", "DATE", "START"),
    ("about three years", D, N, "P3Y", "DURATION", "APPROX"),
    ("more than three years", D, N, "P3Y", "DURATION", "MORE_THAN"),
    ("less than a week", D, N, "P1W", "DURATION", "LESS_THAN"),
    ("at least two years", D, N, "P2Y", "DURATION", "EQUAL_OR_MORE"),
    ("nearly a decade", D, N, "P10Y", "DURATION", "APPROX"),
    ("more than a decade", N, N, "P10Y", "DURATION", "MORE_THAN"),
    # --- references
    ("now", D, N, "PRESENT_REF", "DATE", None),
    ("right now", D, N, "PRESENT_REF", "DATE", None),
    ("currently", N, N, "PRESENT_REF", "DATE", None),
    ("at present", D, N, "PRESENT_REF", "DATE", None),
    ("nowadays", D, N, "PRESENT_REF", "DATE", None),
    ("these days", D, N, "PRESENT_REF", "DATE", None),
    ("recently", D, N, "PAST_REF", "DATE", None),
    ("lately", N, N, "PAST_REF", "DATE", None),
    ("in the past", D, N, "PAST_REF", "DATE", None),
    ("in the future", D, N, "FUTURE_REF", "DATE", None),
    ("in the near future", N, N, "FUTURE_REF", "DATE", None),
    # --- durations
    ("three years", D, N, "P3Y", "DURATION", None),
    ("several days", D, N, "PXD", "DURATION", None),
    ("a few weeks", D, N, "PXW", "DURATION", None),
    ("18 months", D, N, "P18M", "DURATION", None),
    ("two decades", D, N, "P20Y", "DURATION", None),
    ("48 hours", D, N, "PT48H", "DURATION", None),
    ("30 minutes", D, N, "PT30M", "DURATION", None),
    ("twenty-five years", D, N, "P25Y", "DURATION", None),
    ("one and a half years", D, N, "P1Y6M", "DURATION", None),
    ("a fortnight", D, N, "P2W", "DURATION", None),
    ("six-month", D, N, "P6M", "DURATION", None),
    ("10-day", D, N, "P10D", "DURATION", None),
    ("week-long", D, N, "P1W", "DURATION", None),
    ("a two-year-old war", D, N, "P2Y", "DURATION", None),
    ("the past month", N, N, "P1M", "DURATION", None),
    ("the past 24 hours", D, N, "PT24H", "DURATION", None),
    ("the next three years", D, N, "P3Y", "DURATION", None),
    ("the coming days", D, N, "PXD", "DURATION", None),
    ("recent years", D, N, "PXY", "DURATION", None),
    ("for years", D, N, "PXY", "DURATION", None),
    ("after decades of", D, N, "PXDE", "DURATION", None),
    ("just hours before", D, N, "PTXH", "DURATION", None),
    # --- sets
    ("every year", D, N, "P1Y", "SET", None),
    ("each week", D, N, "P1W", "SET", None),
    ("every two months", D, N, "P2M", "SET", None),
    ("every other day", D, N, "P2D", "SET", None),
    ("twice a year", D, N, "P1Y", "SET", None),
    ("once a week", D, N, "P1W", "SET", None),
    ("annual", D, N, "P1Y", "SET", None),
    ("daily", D, N, "P1D", "SET", None),
    ("nightly", D, N, "XXXX-XX-XXTNI", "SET", None),
    ("every Monday", D, N, "XXXX-WXX-1", "SET", None),
    ("about once every three days", D, N, "P3D", "SET", "APPROX"),
    # --- times
    ("3 p.m. Monday", D, N, "2020-02-24T15:00", "TIME", None),
    ("3 p.m.", D, N, "2020-02-25T15:00", "TIME", None),
    ("10:30 a.m.", D, N, "2020-02-25T10:30", "TIME", None),
    ("12 p.m.", D, N, "2020-02-25T12:00", "TIME", None),
    ("12 a.m.", D, N, "2020-02-25T00:00", "TIME", None),
    ("0900 GMT", D, N, "2020-02-25T09:00", "TIME", None),
    ("around 3:15 pm", D, N, "2020-02-25T15:15", "TIME", "APPROX"),
    ("noon", D, N, "2020-02-25T12:00", "TIME", None),
    ("Monday morning", D, "past", "2020-02-24TMO", "TIME", None),
    ("Friday evening", D, "past", "2020-02-21TEV", "TIME", None),
    ("overnight", D, "past", "2020-02-24TNI", "TIME", None),
]


@pytest.mark.parametrize("text,dct,tense,value,ttype,mod", CASES,
                         ids=[f"{c[0]}|{c[1]}|{c[2]}" for c in CASES])
def test_value(text, dct, tense, value, ttype, mod):
    got = normalise(text, dct, tense)
    assert got is not None, f"nothing found in {text!r}"
    assert got.value == value
    if ttype:
        assert got.timex_type == ttype
    if mod != "":
        assert got.mod == mod


def test_case_count():
    assert len(CASES) >= 150


@pytest.mark.parametrize("text", [
    "The Feb. 29, 2021 deadline",             # no such day (the year alone may stay)
    "The army sent 2000 troops to the border.",
    "He May visit soon.",
    "a second term in office",
    "killed more than a quarter of a million people",
    "week 54",
    "an hour's drive from the capital",
])
def test_not_a_date(text):
    def noun_after(end):  # stands in for spaCy's tagger
        nxt = text[end:].split()[:1]
        return "NNS" if nxt and nxt[0] in ("troops",) else ""

    def modal_at(start, end):
        return text[start:end] == "May"
    vals = [f.value.value for f in find_timexes(text, D, noun_after=noun_after, modal_at=modal_at)]
    assert not any(v.startswith(("2021-02", "2000", "2020-05", "PT1S", "P3M", "2020-W54", "PT1H")) for v in vals), vals


@pytest.mark.parametrize("text,values", [
    ("from 1998 to 2000", ["1998", "2000"]),
    ("between May and July", ["2020-05", "2020-07"]),
    ("the 1991-1995 war", ["1991", "1995"]),
])
def test_ranges_are_two_expressions(text, values):
    assert [f.value.value for f in find_timexes(text, D, tense_at=lambda s, e: "future")] == values


@pytest.mark.parametrize("value,mod,lo,hi", [
    ("2020-02", None, "2020-02-01", "2020-02-29"),
    ("2019-02", None, "2019-02-01", "2019-02-28"),
    ("2020-02-24", None, "2020-02-24", "2020-02-24"),
    ("2020-02-24T15:00", None, "2020-02-24", "2020-02-24"),
    ("2020", None, "2020-01-01", "2020-12-31"),
    ("2020-W08", None, "2020-02-17", "2020-02-23"),
    ("2020-W53", None, "2020-12-28", "2021-01-03"),
    ("2020-W09-WE", None, "2020-02-29", "2020-03-01"),
    ("2020-Q1", None, "2020-01-01", "2020-03-31"),
    ("2020-H2", None, "2020-07-01", "2020-12-31"),
    ("2020-SU", None, "2020-06-01", "2020-08-31"),
    ("2020-WI", None, "2019-12-01", "2020-02-29"),
    ("199X", None, "1990-01-01", "1999-12-31"),
    ("19XX", None, "1900-01-01", "1999-12-31"),
    ("FY1999", None, "1998-10-01", "1999-09-30"),
    ("2020-02", "START", "2020-02-01", "2020-02-09"),
    ("2020-02", "END", "2020-02-21", "2020-02-29"),
    ("PRESENT_REF", None, "2020-02-25", "2020-02-25"),
])
def test_value_range(value, mod, lo, hi):
    assert value_range(value, mod, D) == (dt.date.fromisoformat(lo), dt.date.fromisoformat(hi))


@pytest.mark.parametrize("value", ["P3Y", "PAST_REF", "FUTURE_REF", "XXXX-05", "XXXX-WXX-1", "PXD"])
def test_value_range_none(value):
    assert value_range(value, None, D) == (None, None)
