"""Find temporal expressions in plain text and give them TIMEX3 values.

Beam- and spaCy-free: `find_timexes(text, dct, tense_at=..., sentence_at=...)` runs the
patterns of `lexicons/timex_rules.tsv` (word lists from `lexicons/timex_lexicon.json`)
over the text, keeps the longest non-overlapping matches, and normalises each against the
document creation time `dct` (the article's published date, or None).

Conventions (TimeML / TempEval-3, as the gold applies them):
- Values are resolved against `dct`; without one, relative expressions stay
  underspecified: weekdays `XXXX-WXX-3`, months `XXXX-05`, `today` / `this week` ->
  `PRESENT_REF`, `yesterday` / `last year` / `two years ago` -> `PAST_REF`,
  `next week` / `later this month` -> `FUTURE_REF`.  The clock is never read.
- A weekday or a bare month goes to the nearest such day / month in the direction of the
  governing verb's tense (past -> the previous one, future -> the next one, else the
  nearest); a weekday equal to the DCT's weekday is the DCT itself.
- `a day earlier`, `a month later`, clock times and parts of the day (`the night`) are
  anchored to the date mentioned last (in the same sentence first), else to the DCT.
- Ranges (`from 1998 to 2000`, `between May and July`, `1991-1995`) come out as two
  expressions, one per end; each has its own `range_start`/`range_end`.
- Results periods (TimeBank's WSJ conventions): `a year ago`, `year-earlier`, `the
  comparable period` and `last year` ending a comparison are the quarter under discussion a
  year back while a quarter was named in the last few sentences; after a period of several
  quarters (`the nine months`, `the first half`, `the fiscal year`) they are the year before.
  `the year ended Sept. 30` is the year that date closes. Rates (`four flights a week`,
  `$1.76 a year`) and `quarterly` before a noun are no TIMEX3.
- `range_start`/`range_end` are the calendar days a value covers (`2020-02` ->
  2020-02-01..2020-02-29); `mod` START/MID/END narrows that to the first / middle / last
  third; seasons are meteorological (`2020-WI` = 2019-12-01..2020-02-29, the winter
  that ends in 2020); a fiscal year is written as its year, as TimeBank does (`fiscal
  1999` -> `1999`; a `FY1999` value read elsewhere is the US federal fiscal year,
  1998-10-01..1999-09-30); `PRESENT_REF` covers the DCT.
  Durations, sets and underspecified values have none.
"""
from __future__ import annotations

import calendar
import dataclasses
import functools
import datetime as _dt
import json
import os
import re
from typing import Callable, Dict, List, Optional, Tuple

from transforms.nlp.lexicon import load_json, raw_lines

LEX = load_json("dates", "lexicon.json")

MONTHS: Dict[str, int] = LEX["months"]
WEEKDAYS: Dict[str, int] = LEX["weekdays"]
NUMBERS: Dict[str, float] = LEX["numbers"]
ORDINALS: Dict[str, int] = LEX["ordinals"]
DUR_UNITS = LEX["duration_units"]
SEASONS: Dict[str, str] = LEX["seasons"]
PODS: Dict[str, str] = LEX["parts_of_day"]
MODS: Dict[str, str] = LEX["modifiers"]
REFS: Dict[str, str] = LEX["references"]
SETS = LEX["sets"]
HOLIDAYS: Dict[str, str] = LEX["fixed_holidays"]
LUNAR_NY: Dict[str, str] = LEX["lunar_new_year"]
VAGUE = set(LEX["vague_numbers"])
APPROX_NUMBERS = frozenset(LEX["approximate_numbers"])
DECADE_WORDS: Dict[str, int] = LEX["decade_words"]
# cue words around a match, by role (lexicon.json "cue_words")
CUES = {k: frozenset(v) for k, v in LEX["cue_words"].items() if not k.startswith("_")}
AGE_LEX = {k: frozenset(v) for k, v in LEX["ages"].items() if not k.startswith("_")}

TENSES = ("past", "present", "future")
_REL_DIR: Dict[str, int] = LEX["relative_directions"]
_POD_MODS = {"early": "START", "mid": "MID", "late": "END"}


def _alt(words) -> str:
    """The words as one alternation, longest first, factored into a prefix trie
    (`seven(?:ty)?|...`): the regex engine then tries one branch per next character
    instead of every word in turn, with the same preference order. A space in a word
    matches any run of whitespace. For patterns compiled case-insensitively."""
    trie: dict = {}
    for word in {w.lower() for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}                      # a word ends here
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [(r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch)) + _trie_regex(node[ch])
                for ch in sorted(k for k in node if k)]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_TENS = LEX["number_tens"]
_ONES = LEX["number_ones"]
_SCALES: Dict[str, int] = LEX["number_scales"]
# a number in words, with a scale after it: `twenty-five`, `three hundred`, `two thousand`
_NUMW = ("(?:(?:(?:" + "|".join(_TENS) + r")[\s-](?:" + "|".join(_ONES) + ")|" + _alt(NUMBERS) + r")(?:\s+(?:"
         + _alt(_SCALES) + r")(?![\w-]))?)")
_TEENS: Dict[str, int] = LEX["spoken_year_teens"]
# a year said in words: `nineteen ninety-six`, `nineteen hundred`, `two thousand (and) one`
_SPOKEN = (r"(?:nineteen[\s-]+(?:(?:" + "|".join(_TENS) + r")(?:[\s-]+(?:" + "|".join(_ONES) + "))?|hundred|"
           + _alt(_TEENS) + r")|two\s+thousand(?:(?:\s+and)?[\s-]+(?:" + _alt(list(_TEENS) + _ONES) + r"))?)(?![\w-])")
_MONTHS_FULL = [m for m in MONTHS if len(m) > 3 and m != "sept"] + ["may"]
_MONTHS_ABBR = [m for m in MONTHS if m not in _MONTHS_FULL]

_UNIT_WORDS = LEX["unit_words"]
# `over` and `under` are modifiers unless `the` follows (`over the years`): see QMOD
_QUANTITY_MODIFIERS = LEX["quantity_modifiers"]

WEEKDAY_HOLIDAYS: Dict[str, List[int]] = {k: v for k, v in LEX["weekday_holidays"].items() if not k.startswith("_")}
_HOLIDAY_NAMES = list(HOLIDAYS) + LEX["movable_holiday_names"] + list(WEEKDAY_HOLIDAYS)

MACROS = {
    "YEAR": r"(?:1[5-9]\d\d|20\d\d)",
    "MONTH": "(?:" + _alt(_MONTHS_FULL) + "|(?:" + _alt(_MONTHS_ABBR) + r")\.?)(?!\w|['’](?!s\b))",
    "WD": "(?:" + _alt(w for w in WEEKDAYS if len(w) > 4) + r")(?![\w])",
    "ORD": "(?:" + _alt(ORDINALS) + ")",
    "NUM": r"(?:\d{1,3}(?:,\d{3}){1,4}(?![\d,])|\d+(?:\.\d+)?|" + _NUMW + ")",
    "VAGUE": "(?:" + _alt(VAGUE) + ")",
    "UNITS": "(?:" + _alt(_UNIT_WORDS) + ")",
    "MODPRE": r"(?:(?P<mod>(?:the\s+)?(?:very\s+)?(?:beginning|start|middle|end|close|turn)\s+of(?:\s+the)?|early(?:\s+in)?|late(?:\s+in)?|mid|earlier(?:\s+in)?|later(?:\s+in)?)[\s-]+)?",
    "QMOD": "(?:(?P<qmod>" + _alt(_QUANTITY_MODIFIERS) + r"|over(?!\s+the\b)|under(?!\s+the\b))\s+)?",
    "TZ": r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|local\s+time|[A-Z][a-z]+\s+time)",
    "REFS": "(?:" + _alt(REFS) + ")",
    "SPOKEN": _SPOKEN,
    "HOLIDAYS": "(?:" + _alt(_HOLIDAY_NAMES) + ")",
    "VAGUELEN": "(?:" + _alt(LEX["vague_length_adjectives"]) + ")",
}


MACROS["YEARX"] = "(?:" + MACROS["YEAR"] + "|" + _SPOKEN + ")"
DAY_ORDINALS: Dict[str, int] = LEX["day_ordinals"]
_FIRST_NINE = [w for w, n in DAY_ORDINALS.items() if n < 10]
# a day of the month in words: `eighth`, `twenty-first`, `thirty first`
MACROS["DAYORD"] = (r"(?:(?:twenty|thirty)[\s-]+(?:" + _alt(_FIRST_NINE) + ")|" + _alt(DAY_ORDINALS) + r")(?![\w-])")
# the day a clock time names after it: `5 p.m. Nov. 9`, `noon on Friday`, `midnight yesterday`
def _month_day(tag: str) -> str:
    return (r"(?P<cm%s>" % tag + MACROS["MONTH"] + r")\s+(?P<cd%s>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<cy%s>" % (tag, tag)
            + MACROS["YEAR"] + r")\b)?")


MACROS["DAYTAIL"] = (r"(?:,?\s+(?:on\s+)?(?:(?P<wd>" + MACROS["WD"] + r")(?:,?\s+" + _month_day("") + ")?|"
                     + _month_day("2") + r"|(?P<dw>yesterday|today|tomorrow)\b))?")


def _expand(pattern: str) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: MACROS[m.group(1)], pattern)


# Anchors: every match of a rule contains a whole word (a maximal \w+ run) of one of the
# rule's anchor classes (column 3 of timex_rules.tsv), so a rule only runs in windows
# around such words.  A window reaches `Rule.reach` characters (an upper bound on how far
# the pattern, lookarounds included, can look from where a match starts) either side of
# its anchor word and ends at a word end: then no match crosses a window edge and
# `finditer(text, start, end)` inside the windows finds exactly what it finds over the
# whole text.  The bound holds when no run of whitespace/hyphens is longer than
# _RUN_SPACE and no word longer than _RUN_WORD; other texts (and the case-folding
# oddities ſ ı İ K, which match ASCII letters case-insensitively) are scanned whole.

def _last_word(phrase: str) -> str:
    return re.findall(r"\w+", phrase)[-1]


_UNIT_WORDS = set(LEX["units"]) | set(DUR_UNITS)
ANCHOR_WORDS: Dict[str, set] = {
    "month": set(MONTHS),
    "weekday": set(WEEKDAYS),
    "unit": _UNIT_WORDS | {u + "s" for u in _UNIT_WORDS} | {"centuries"},
    "season": set(SEASONS),
    "pod": set(PODS),
    "ref": {_last_word(r) for r in REFS},
    "set": set(SETS),
    "holiday": {_last_word(h) for h in _HOLIDAY_NAMES},
}
for _cls, _words in LEX["anchor_words"].items():
    ANCHOR_WORDS.setdefault(_cls, set()).update(_words)
_WORD_CLASSES: Dict[str, Tuple[str, ...]] = {}
for _cls, _words in ANCHOR_WORDS.items():
    for _w in _words:
        _WORD_CLASSES[_w.lower()] = _WORD_CLASSES.get(_w.lower(), ()) + (_cls,)
_ANCHOR_CLASSES = set(ANCHOR_WORDS) | {"digit"}

_RUN_SPACE, _RUN_WORD = 4, 30
_UNSAFE_TEXT = re.compile(r"[\s-]{%d,}|\w{%d,}|[\u017f\u0131\u0130\u212a]" % (_RUN_SPACE + 1, _RUN_WORD + 1))
# the unbounded repeats the patterns use, bounded for measuring their reach
_BOUNDED = ((r"\s+", r"\s{1,%d}" % _RUN_SPACE), (r"\s*", r"\s{0,%d}" % _RUN_SPACE),
            (r"[\s-]+", r"[\s-]{1,%d}" % _RUN_SPACE), (r"\d+", r"\d{1,%d}" % _RUN_WORD),
            (r"[a-z]+", r"[a-z]{1,%d}" % _RUN_WORD))

try:  # Python >= 3.11
    from re import _constants as _sre_c, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def _reach_of(items) -> int:
    """Characters a parsed pattern can consume or look at from where it starts (lookarounds
    counted as if consumed); ValueError if unbounded."""
    c = _sre_c
    total = 0
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
            total += 1
        elif op is c.AT:
            pass
        elif op is c.BRANCH:
            total += max(_reach_of(alt) for alt in av[1])
        elif op is c.SUBPATTERN:
            total += _reach_of(av[-1])
        elif op in (c.ASSERT, c.ASSERT_NOT):
            total += _reach_of(av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, hi, item = av
            if hi == c.MAXREPEAT:
                raise ValueError("unbounded repeat")
            total += hi * _reach_of(item)
        else:
            raise ValueError(f"unhandled regex op {op}")
    return total


def _pattern_reach(pattern: str) -> Optional[int]:
    for unbounded, bounded in _BOUNDED:
        pattern = pattern.replace(unbounded, bounded)
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
        if parsed.getwidth()[0] == 0:
            return None          # an empty match would make windows unsafe
        return _reach_of(parsed)
    except ValueError:
        return None


@dataclasses.dataclass
class Rule:
    name: str
    kind: str
    regex: "re.Pattern[str]"
    priority: int
    anchors: Tuple[str, ...] = ()
    reach: Optional[int] = None      # None: scan the whole text


@functools.lru_cache(maxsize=None)
def rules() -> Tuple[Rule, ...]:
    """The compiled rules of dates/rules.tsv, compiled on first use (not at import: importing
    the normaliser for its values or ranges costs no regex compilation)."""
    rules = []
    for line in raw_lines("dates", "rules.tsv"):
        if not line.strip() or line.startswith("#"):
            continue
        name, kind, anchors, pattern = line.split("\t", 3)
        classes = tuple(anchors.split())
        unknown = set(classes) - _ANCHOR_CLASSES
        if unknown or not classes:
            raise ValueError(f"dates/rules.tsv: rule {name}: unknown anchor classes {sorted(unknown)}")
        full = r"(?<!\w)" + _expand(pattern)
        rules.append(Rule(name, kind, re.compile(full, re.IGNORECASE), len(rules), classes, _pattern_reach(full)))
    return tuple(rules)


def __getattr__(name: str):
    if name == "RULES":                  # the old module constant, now lazy
        return rules()
    raise AttributeError(name)


# ---------------------------------------------------------------------------- values

@dataclasses.dataclass
class Value:
    timex_type: str
    value: str
    mod: Optional[str] = None


def _num(word: Optional[str]) -> Optional[float]:
    """A number written in digits or words; None for vague quantities (`several`)."""
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.strip().lower())
    if w in VAGUE:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", w):
        w = w.replace(",", "")           # `10,000 years`
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return float(NUMBERS[w])
    head, _, scale = w.rpartition(" ")
    if scale in _SCALES and head:
        n = _num(head)
        return None if n is None else n * _SCALES[scale]
    w = re.sub(r"(?<=[a-z]) (?=[a-z])", "-", w) if w.split(" ")[0] in _TENS else w
    if "-" in w:
        a, _, b = w.partition("-")
        if a in NUMBERS and b in NUMBERS:
            return float(NUMBERS[a] + NUMBERS[b])
    return None


def _year_int(word: str) -> int:
    """A year in digits or words (`1996`, `nineteen ninety-six`, `two thousand and one`)."""
    w = re.sub(r"[\s-]+", " ", word.strip().lower())
    if w.isdigit():
        return int(w)
    parts = w.replace(" and ", " ").split(" ")
    if parts[:2] == ["two", "thousand"]:
        rest = parts[2:]
        return 2000 + (_TEENS.get(rest[0]) or NUMBERS.get(rest[0], 0) if rest else 0)
    rest = parts[1:]                     # after `nineteen`
    if rest == ["hundred"]:
        return 1900
    if len(rest) == 1 and rest[0] in _TEENS:
        return 1900 + _TEENS[rest[0]]
    return 1900 + int(sum(NUMBERS.get(r, 0) for r in rest))


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else ("%g" % n)


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") else u


_HALF_OF = {"Y": "6M", "H": "30M", "M": "30S"}   # half a year / hour / minute in the next unit


def _duration(n: Optional[float], unit: str) -> str:
    code, mult, is_time = DUR_UNITS[_unit_key(unit)]
    t = "T" if is_time else ""
    if n is not None and mult == 1 and n % 1 == 0.5 and code in _HALF_OF and (code != "M" or is_time):
        return f"P{t}{int(n)}{code}{_HALF_OF[code]}" if n >= 1 else f"P{t}{_HALF_OF[code]}"
    if n is None:
        if _unit_key(unit) == "decade":
            return "PXDE"
        if _unit_key(unit) == "century":
            return "PXCE"
        return f"P{t}X{code}"
    return f"P{t}{_fmt_num(n * mult)}{code}"


def _add_months(d: _dt.date, n: int) -> _dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return _dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _iso_week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _mod_of(gd: dict) -> Optional[str]:
    raw = gd.get("mod")
    if not raw:
        return None
    raw = re.sub(r"\s+", " ", raw.lower())
    raw = raw.replace("the very ", "the ").replace("very ", "")
    raw = re.sub(r"\s+(in|the)$", "", raw)
    raw = re.sub(r"\s+(in|the)$", "", raw)
    if raw.startswith("earlier") or raw.startswith("later"):
        return None
    if not raw.startswith("the ") and raw in CUES["mod_phrases_taking_the"]:
        raw = "the " + raw
    return MODS.get(raw)


def _qmod_of(gd: dict) -> Optional[str]:
    q = gd.get("qmod")
    if not q:
        return None
    q = re.sub(r"\s+", " ", q.lower()).replace("just ", "")
    return MODS.get(q)


def _parse_date_value(value: str) -> Optional[_dt.date]:
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclasses.dataclass
class Context:
    """What a normaliser may look at besides the match itself."""
    dct: Optional[_dt.date]
    tense: Optional[str] = None          # past | present | future | None
    anchor: Optional[str] = None         # value of the date mentioned last (day or week-day granular)
    anchor_after: bool = False           # the anchor comes after the expression (same sentence)
    anchor_near: bool = False            # the anchor is in the expression's sentence
    prev_word: str = ""                  # the word before the match (lower case)
    next_word: str = ""                  # the word after the match
    next_is_noun: bool = False           # the next token is a noun (spaCy) or a capitalised word
    next_is_plural: bool = False         # the next token is a plural noun
    is_modal_may: bool = False           # `May` tagged as a modal verb
    last_quarter: Optional[str] = None   # value of the quarter mentioned last (`1989-Q3`)
    quarter_near: bool = False           # ... in this sentence or the few before, no longer period since
    year_period: bool = False            # a period of several quarters (`the nine months`, `the first
                                         # half`, `the fiscal year`) was named after the last quarter
    before: str = ""                     # the text just before the match (40 characters)
    after: str = ""                      # the text just after the match (30 characters)
    last_date: Optional[str] = None      # the calendar date (year, month or day) mentioned last
    last_date_near: bool = False         # ... in the expression's sentence
    clause: str = ""                     # the expression's sentence up to it (150 characters at most)
    period_near: Optional[str] = None    # the period (year, half, quarter or month) named last
                                         # before the expression in its sentence
    in_order: bool = False               # resolving in text order (the dates before are known)
    prev_cap: bool = False               # the word before is capitalised inside a sentence (a name)
    game: bool = False                   # the text reports a game (`halftime`, `touchdown`): its
                                         # quarters and halves are the game's
    age_head: Optional[Tuple[str, str, str]] = None  # for `N-year-old`: (the word it describes, its
                                         # entity type, the dependency of `old`) from the parse
    direct: bool = False                 # the expression is its verb's own adverbial (`signed on March 15`)
    frame_year: Optional[int] = None     # the year a sentence opens with (`In 2014, ...`), for a
                                         # month or month-day later in it


def _year_for_month(month: int, ctx: Context, day: Optional[int] = None) -> int:
    """The year of a month (and day) given without one: nearest in the tense's direction."""
    dct = ctx.dct
    here = (month, day or 0)
    now = (dct.month, dct.day if day else 0)
    if ctx.tense == "past":
        return dct.year - 1 if here > now else dct.year
    if ctx.tense == "future":
        return dct.year + 1 if here < now else dct.year
    # no tense: the same year unless that is more than ~6 months away
    diff = (month - dct.month)
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


_NEAR_DAYS, _FAR_DAYS = LEX["month_day_near_days"], LEX["month_day_far_days"]


def _default_year(month: int, ctx: Context, day: Optional[int] = None) -> int:
    """The year of a month (-day) no event, frame or cue dates: by the verb's tense, and under a
    past tense not on the verb itself the year nearest the publication date."""
    year = _year_for_month(month, ctx, day)
    return year if ctx.direct or ctx.tense != "past" else _near_year(month, day or 1, year, ctx.dct)


def _near_year(month: int, day: int, year: int, dct: _dt.date) -> int:
    """A month-day a past tense sends most of a year back (`requested a response by June 17`
    read on June 4, `gave them until May 23` on May 10) while its other reading lies within
    weeks of the publication date is that nearer one: news writes the year of a date that
    far back. Only against a past tense, and not for a date that is its verb's own adverbial
    (`the treaty was signed on March 15`): the tense says it there."""
    try:
        d = _dt.date(year, month, day)
        other = _dt.date(year + (1 if d < dct else -1), month, day)
    except ValueError:                   # Feb 29
        return year
    if abs((d - dct).days) > _FAR_DAYS and abs((other - dct).days) <= _NEAR_DAYS:
        return other.year
    return year


def _this_dropped(rel: str) -> str:
    """`this past` / `this coming` say what `past` / `coming` say: `this past weekend`."""
    return re.sub(r"^this\s+(?=coming|past)", "", re.sub(r"\s+", " ", rel.lower()))


def _weekday_date(wd: int, ctx: Context, rel: Optional[str]) -> _dt.date:
    dct = ctx.dct
    delta = wd - dct.isoweekday()
    rel = _this_dropped(rel or "")   # `this coming Sunday`
    if rel in ("last", "past"):
        back = (dct.isoweekday() - wd) % 7 or 7
        return dct - _dt.timedelta(days=back)
    if rel in ("next", "coming"):
        fwd = (wd - dct.isoweekday()) % 7 or 7
        return dct + _dt.timedelta(days=fwd)
    if rel == "this":
        return dct + _dt.timedelta(days=delta)  # the same ISO week
    if delta == 0:
        return dct
    back = dct - _dt.timedelta(days=(dct.isoweekday() - wd) % 7)
    fwd = dct + _dt.timedelta(days=(wd - dct.isoweekday()) % 7)
    if ctx.tense == "past":
        return back
    if ctx.tense == "future" or ctx.tense == "present":
        # a weekday with a verb in the simple present is a schedule (`the court rules on
        # Friday`, `talks resume Monday`): the coming one, as for the future
        return fwd
    # no tense known: news mostly reports what happened; the previous one unless that is
    # more than four days back
    return back if (dct - back).days <= 4 else fwd


def _shift_value(value: str, n: int, unit: str) -> Optional[str]:
    """Shift a day-granular or underspecified-weekday value by n units (days/weeks/months/years)."""
    u = _unit_key(unit)
    d = _parse_date_value(value)
    if d is not None:
        if u in ("day", "night"):
            return (d + _dt.timedelta(days=n)).isoformat()
        if u == "week":
            return _iso_week(d + _dt.timedelta(days=7 * n))
        if u == "month":
            return _add_months(d, n).strftime("%Y-%m")
        if u == "year":
            return str(d.year + n)
        return None
    m = re.match(r"^XXXX-WXX-(\d)$", value)
    if m and u in ("day", "night"):
        return f"XXXX-WXX-{(int(m.group(1)) - 1 + n) % 7 + 1}"
    m = re.match(r"^(\d{4})-(\d\d)$", value)
    if m and u == "month":
        return _add_months(_dt.date(int(m.group(1)), int(m.group(2)), 1), n).strftime("%Y-%m")
    m = re.match(r"^(\d{4})", value)
    if m and u == "year" and re.match(r"^\d{4}(-\d\d)?$", value):
        return str(int(m.group(1)) + n)
    return None


_PERIOD_VALUE = re.compile(r"^\d{4}(?:-(?:\d\d|Q[1-4]|H[12]))?$")


def _years_back(value: str, n: int) -> str:
    """A year, half, quarter or month value (_PERIOD_VALUE) moved by n years."""
    return str(int(value[:4]) + n) + value[4:]


def _pod_code(pod: Optional[str]) -> Optional[str]:
    if not pod:
        return None
    return PODS.get(pod.lower())


def _with_pod(date_value: str, pod: Optional[str]) -> Tuple[str, str]:
    code = _pod_code(pod)
    if not code:
        return "DATE", date_value
    if ":" in code:
        return "TIME", f"{date_value}T{code}"
    return "TIME", f"{date_value}T{code}"


# ---------------------------------------------------------------- normalisers by kind

def _k_iso(gd, ctx):
    try:
        d = _dt.date(int(gd["y"]), int(gd["m"]), int(gd["d"]))
    except ValueError:
        return None
    if gd.get("H"):
        return Value("TIME", f"{d.isoformat()}T{gd['H']}:{gd['M']}")
    return Value("DATE", d.isoformat())


def _k_slash(gd, ctx):
    y = int(gd["y"])
    if y < 100:
        y += 1900 if y > 40 else 2000
    try:
        return Value("DATE", _dt.date(y, int(gd["m"]), int(gd["d"])).isoformat())
    except ValueError:
        return None


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _cap_ok(word: str) -> bool:
    return word[:1].isupper()


def _day_ordinal(word: str) -> int:
    """`eighth` -> 8, `twenty-first` -> 21."""
    parts = re.split(r"[\s-]+", word.lower())
    return (20 if parts[0] == "twenty" else 30 if parts[0] == "thirty" else 0) + DAY_ORDINALS.get(parts[-1], 0)


def _k_mdy(gd, ctx):
    if not _cap_ok(gd["month"]):
        return None
    if gd.get("dord"):
        gd = dict(gd, d=str(_day_ordinal(gd["dord"])), y=str(_year_int(gd["y"])) if gd.get("y") else None)
    month, day = _month_num(gd["month"]), int(gd["d"])
    if not 1 <= day <= 31:
        return None
    mod = _mod_of(gd)
    if gd.get("y") or (gd.get("ryear") and ctx.dct is not None):
        year = int(gd["y"]) if gd.get("y") else ctx.dct.year + _REL_DIR[gd["ryear"].lower()]
        try:
            return Value("DATE", _dt.date(year, month, day).isoformat(), mod)
        except ValueError:
            return None
    if day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        return None
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
    year = (_event_year(month, day, ctx) or ctx.frame_year) if not gd.get("wd") else None
    year = year or _default_year(month, ctx, day)
    if gd.get("wd"):                     # `Monday, Nov. 2`: the nearest year whose Nov. 2 is a Monday
        wd = WEEKDAYS[gd["wd"].lower()]
        fits = [y for y in (year, year - 1, year + 1, year - 2, year + 2)
                if (month, day) != (2, 29) or calendar.isleap(y)]
        fits = [y for y in fits if _dt.date(y, month, day).isoweekday() == wd]
        if fits:
            year = min(fits, key=lambda y: abs((_dt.date(y, month, day) - ctx.dct).days))
    step = 1 if ctx.tense == "future" else -1
    for _ in range(8):  # Feb 29 outside a leap year: the leap year in the tense's direction
        if month != 2 or day != 29 or calendar.isleap(year):
            break
        year += step
    return Value("DATE", _dt.date(year, month, day).isoformat(), mod)


_k_dmy = _k_mdy

_SCHEDULED = re.compile(r"^(?P<poss>['’]s)?\s+(?:(?!(?:%s)\b)[A-Za-z][A-Za-z.-]*\s+){0,2}?(?:(?P<sched>%s)|(?P<past>%s))\b"
                        % (_alt(LEX["function_words"]), _alt(LEX["scheduled_event_nouns"]), _alt(LEX["past_event_nouns"])))
# `the convention in July`, `a hearing on May 3`: a scheduled event the month or month-day dates
# (a common noun: `its Hero4 Session in July` is a name)
_SCHEDULED_BEFORE = re.compile(r"\b(?:%s)\s+(?:in|on|for)\s+$" % _alt(LEX["scheduled_event_nouns"]))
# `since a national election in December`, `after the June referendum`: the event lies back
_AFTER_EVENT_NEAR = re.compile(r"\b(?:%s)\s+(?:[\w.-]+\s+){0,3}$" % _alt(LEX["after_event_cues"]), re.IGNORECASE)
_EVENT_DETS = frozenset(LEX["event_date_determiners"])
_RECENT_EVENT_DAYS = LEX["recent_event_days"]
_NAMED_EVENT_DATES = {k: int(v) for k, v in LEX["named_event_dates"].items() if not k.startswith("_")}


def _event_named(ctx: Context) -> Optional[re.Match]:
    """The match of the event noun a date names (`the Nov. 8 election`, `November's election`,
    `the March 22 attacks`), after a determiner or a possessive; None when it names none."""
    m = _SCHEDULED.match(ctx.after)
    if m and (ctx.prev_word in _EVENT_DETS or ctx.prev_word.endswith(("'s", "’s")) or m.group("poss")):
        return m
    return None


def _event_year(month: int, day: Optional[int], ctx: Context) -> Optional[int]:
    """The year of a month-day or a month naming an event (`the Nov. 8 election`, `the March
    22 attacks`, `the November election`), or None when it names none: the verb's tense says
    nothing of the event's date (a month lies back while its last day does)."""
    m = _event_named(ctx) if ctx.dct is not None else None
    if not m:
        return None
    y = ctx.dct.year
    try:
        if day is None:
            y = y if month <= ctx.dct.month else y - 1
            last = _dt.date(y, month, calendar.monthrange(y, month)[1])
        else:
            last = _dt.date(y if (month, day) <= (ctx.dct.month, ctx.dct.day) else y - 1, month, day)
    except ValueError:                   # Feb 29
        return None
    if m.group("past") and day is not None and _NAMED_EVENT_DATES.get(f"{month:02d}-{day:02d}", last.year) < last.year:
        return _NAMED_EVENT_DATES[f"{month:02d}-{day:02d}"]   # `the Sept. 11 attacks`: the day the name recalls
    if m.group("past") or (ctx.dct - last).days <= _RECENT_EVENT_DAYS:
        return last.year
    return last.year + 1


def _scheduled_month_year(month: int, ctx: Context) -> Optional[int]:
    """The year of a bare month that dates a scheduled event (`a June referendum`, `the party
    conventions in July`, `lost the December election`) under a verb in the past or present
    tense: the verb's tense is that of the clause (`announced support for leaving in a June
    referendum`, `the delegates needed before the convention in July`), not the event's, so
    the nearer reading; six months either way, the tense's direction."""
    if ctx.dct is None or ctx.tense == "future" or _AFTER_EVENT_NEAR.search(ctx.before):
        return None
    m = _event_named(ctx)
    if not ((m and m.group("sched")) or (not ctx.direct and _SCHEDULED_BEFORE.search(ctx.before))):
        return None                      # (`held the vote in June`: the verb's own adverbial, its tense)
    diff = month - ctx.dct.month
    if diff > 6 or (diff == 6 and ctx.tense == "past"):
        return ctx.dct.year - 1
    if diff < -6 or (diff == -6 and ctx.tense != "past"):
        return ctx.dct.year + 1
    return ctx.dct.year


def _k_month(gd, ctx):
    word = gd["month"]
    if not _cap_ok(word):
        return None
    key = word.lower().rstrip(".")
    rel = (gd.get("rel") or "").lower()
    if key not in _MONTHS_FULL and not gd.get("y"):
        return None                      # `Mar` / `Dec` alone: too ambiguous
    if key == "may" and not gd.get("y") and not rel and not gd.get("mod"):
        if ctx.is_modal_may or ctx.prev_word not in CUES["may_month_prev_words"]:
            return None
    if key == "march" and not gd.get("y") and not rel and not gd.get("mod") and ctx.next_is_noun:
        return None
    month = MONTHS[key]
    mod = _mod_of(gd)
    if gd.get("y"):
        return Value("DATE", f"{_year_int(gd['y'])}-{month:02d}", mod)
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{month:02d}", mod)
    dct = ctx.dct
    if gd.get("ryear"):
        return Value("DATE", f"{dct.year + _REL_DIR[gd['ryear'].lower()]}-{month:02d}", mod)
    # `last February` said in March is a year back (the month just gone is `last month`)
    if rel in ("last", "past"):
        year = dct.year if month < dct.month - 1 else dct.year - 1
    elif rel in ("next", "coming"):
        year = dct.year if month > dct.month + 1 else dct.year + 1
    elif rel == "this":
        year = dct.year
    else:
        # a bare month names past events more often than a month-day: only a verb with no
        # past or future tense leaves it to the event (`to pick a nominee for the November election`)
        year = (_event_year(month, None, ctx) if ctx.tense not in ("past", "future") else None) \
            or ctx.frame_year or _scheduled_month_year(month, ctx) or _default_year(month, ctx)
    return Value("DATE", f"{year}-{month:02d}", mod)


def _k_year(gd, ctx):
    y = _year_int(gd["y"])
    if gd.get("theyear") and gd["y"][:1].isdigit():
        return Value("DATE", str(y), _mod_of(gd))   # `the year 2023`: named a year, one TIMEX3 as `the year two thousand`
    if not gd["y"][:1].isdigit() and gd["y"].lower().startswith("two") and not gd.get("theyear") \
            and ctx.prev_word not in CUES["old_year_prev_words"]:
        return None                      # `two thousand` is a number unless `the year` or a preposition says year
    if ctx.prev_word in CUES["year_quantity_prev_words"] and ctx.next_is_plural:
        return None
    if ctx.next_is_plural and not gd.get("mod") and ctx.prev_word not in CUES["year_before_noun_prev_words"]:
        return None                      # `2000 troops`, `1500 people`
    if ctx.prev_word in CUES["number_label_words"]:
        return None                      # `Resolution 2231`, `Flight 1999`: a number, not a year
    if y < 1800 and ctx.prev_word not in CUES["old_year_prev_words"]:
        return None
    return Value("DATE", str(y), _mod_of(gd))


def _k_yy(gd, ctx):
    yy = int(gd["yy"])
    pivot = (ctx.dct.year % 100 + 10) if ctx.dct else 30
    return Value("DATE", str((2000 if yy <= pivot else 1900) + yy))


def _k_decade(gd, ctx):
    if gd.get("decw"):
        stem = f"19{DECADE_WORDS[gd['decw'].lower()]}"
    elif gd.get("dec"):
        stem = gd["dec"]
    else:
        d = int(gd["dec2"])
        base = 19 if not ctx.dct or d * 10 > ctx.dct.year % 100 else 20
        stem = f"{base}{d}"
    mod = {"early": "START", "mid": "MID", "late": "END"}.get((gd.get("mod") or "").lower())
    return Value("DATE", f"{stem}X", mod)


_NAME_GOES_ON = re.compile(r"^\s+[A-Z][a-z]")


def _k_century(gd, ctx):
    if gd.get("cw") == "Century" and _NAME_GOES_ON.match(ctx.after):
        return None                      # `21st Century Fox`, `the 21st Century Cures Act`: a name
    o = gd["ord"].lower()
    if o == "last":
        return None                      # `the last century` is relative (relative_unit)
    n = ORDINALS.get(o)
    if n is None:
        n = int(re.match(r"\d+", o).group(0))
    return Value("DATE", f"{n - 1:02d}XX", _mod_of(gd))


def _k_fiscal(gd, ctx):
    y = gd["y"]
    y = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    return Value("DATE", str(y))         # TimeBank writes `fiscal 1989` as its year, 1989


def _year_rel(rel: Optional[str], ctx: Context) -> Optional[int]:
    rel = (rel or "").lower()
    if ctx.dct is None:
        return None
    return _REL_DIR.get(rel, 0) + ctx.dct.year


def _k_quarter(gd, ctx):
    if gd.get("q"):
        q = int(gd["q"])
        y = gd.get("y") or gd.get("y0")
        if y:
            return Value("DATE", f"{int(y)}-Q{q}")
        if ctx.dct is None:
            return Value("DATE", f"XXXX-Q{q}")
        return Value("DATE", f"{ctx.dct.year}-Q{q}")
    mod = _mod_of(gd)
    rel = (gd.get("rel") or "").lower()
    if rel == "previous" and ctx.quarter_near and ctx.last_quarter:
        y, q = divmod(int(ctx.last_quarter[6]) - 2, 4)   # `64% in the previous quarter`: the
        return Value("DATE", f"{int(ctx.last_quarter[:4]) + y}-Q{q + 1}", mod)   # one before the reported
    if rel:
        if ctx.dct is None:
            step = _REL_DIR.get(rel, 0)
            return Value("DATE", "PAST_REF" if step < 0 else "FUTURE_REF" if step > 0 else "PRESENT_REF", mod)
        q0 = (ctx.dct.month - 1) // 3 + _REL_DIR.get(rel, 0)
        y, q = divmod(q0, 4)
        return Value("DATE", f"{ctx.dct.year + y}-Q{q + 1}", mod)
    o = gd["ord"].lower()
    q = 4 if o == "final" else ORDINALS[o]
    if ctx.game and not (gd.get("y") or gd.get("y1") or gd.get("rel1") or gd.get("rel2")):
        return None                      # `a 9-0 lead entering the fourth quarter`
    if gd.get("y") or gd.get("y1"):
        return Value("DATE", f"{int(gd.get('y') or gd['y1'])}-Q{q}", mod)
    if gd.get("rel1") and ctx.dct is not None:      # `last year's third quarter`
        return Value("DATE", f"{ctx.dct.year + _REL_DIR[gd['rel1'].lower()]}-Q{q}", mod)
    if ctx.dct is None:
        return Value("DATE", f"XXXX-Q{q}", mod)
    year = _year_rel(gd.get("rel2"), ctx) if gd.get("rel2") else None
    if year is None and ctx.last_quarter and ctx.last_quarter.endswith(f"-Q{q}"):
        year = int(ctx.last_quarter[:4])   # the same quarter the report named before
    if year is None:
        year = _quarter_year(q, ctx)
    return Value("DATE", f"{year}-Q{q}", mod)


def _quarter_year(q: int, ctx: Context) -> int:
    """The year of a quarter named without one (`the third quarter`, `the March quarter`)."""
    if ctx.last_quarter:
        # next to the quarter the report is about, in either year: that year (`fourth-quarter
        # growth slowed from 6.9 percent in the third quarter`, `first-quarter output, after the
        # drag in the fourth quarter`, `after its December quarter, Apple forecast second-quarter
        # revenue`), whatever the tense of the sentence
        # if the report is about a quarter ended or current (a fiscal one runs up to a quarter
        # ahead of the calendar's), not a target (`aims at a profit in the final quarter`)
        reported = int(ctx.last_quarter[:4]) * 4 + int(ctx.last_quarter[6]) - 1
        if reported <= ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 + 1:
            for year in (reported // 4 - 1, reported // 4, reported // 4 + 1):
                if abs(year * 4 + q - 1 - reported) == 1:
                    return year
    cur = (ctx.dct.month - 1) // 3 + 1
    year = ctx.dct.year
    if ctx.tense == "past" and q > cur:
        year -= 1
    elif ctx.tense == "future" and q < cur - 1:
        year += 1                        # the quarter just ended is still to be reported on
    elif q - cur == 3 or (q - cur == 2 and ctx.tense is None):
        year -= 1                        # early in a year, `the fourth quarter` is the one just
                                         # ended (results come out after it), `the third` too
                                         # where no verb gives a tense
    return year


def _k_monthq(gd, ctx):
    """`the March quarter` (`the December quarter of 2015`): the quarter that ends with the
    month; `January-March`, `the April-June period`: the quarter (half) the months span.
    Its year as a bare quarter's."""
    word = gd["month"]
    key = word.lower().rstrip(".")
    if not _cap_ok(word) or key not in _MONTHS_FULL:
        return None
    month = MONTHS[key]
    q = (month - 1) // 3 + 1
    part = f"Q{q}"
    if gd.get("m0"):
        first = gd["m0"].lower().rstrip(".")
        if not _cap_ok(gd["m0"]) or first not in _MONTHS_FULL:
            return None
        span = (MONTHS[first], month)
        part = f"Q{q}" if span[1] - span[0] == 2 and span[1] % 3 == 0 else \
            f"H{month // 6}" if span[1] - span[0] == 5 and span[1] % 6 == 0 else None
        if part is None:
            return None                  # `March-May`: no quarter or half
    elif (gd.get("unit") or "").lower() != "quarter":
        return None                      # `the March period`: not said of a quarter
    if gd.get("y"):
        return Value("DATE", f"{int(gd['y'])}-{part}")
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{part}")
    return Value("DATE", f"{_quarter_year(q, ctx)}-{part}")


def _latest_quarter(ctx: Context) -> Optional[str]:
    """The quarter the text talks about: the one mentioned last, else the last one ended
    before publication (what results are reported for)."""
    if ctx.last_quarter:
        return ctx.last_quarter
    if ctx.dct is None:
        return None
    y, q = divmod((ctx.dct.month - 1) // 3 - 1, 4)
    return f"{ctx.dct.year + y}-Q{q + 1}"


def _k_qperiod(gd, ctx):
    """`the latest quarter`, `the year-ago period`, `year-earlier` (profit), `the 1989 period`:
    the quarter under discussion, or that quarter a year before."""
    which = (gd.get("which") or "").lower()
    if ctx.period_near and not gd.get("y") and (which.startswith("year") or which == "prior-year" or gd.get("ago")):
        return Value("DATE", _years_back(ctx.period_near, -1))   # `in 2015, against a year-earlier loss`
    base = _latest_quarter(ctx)
    if gd.get("y"):
        if base is None:
            return None                  # `the 1988 quarter`, `the 1989 period`: that year's quarter
        return Value("DATE", f"{int(gd['y'])}" if ctx.year_period else f"{int(gd['y'])}{base[4:]}")
    if ctx.year_period and base is not None and which not in ("latest", "same"):
        return Value("DATE", str(int(base[:4]) - 1))    # after `the nine months`: the year before
    if base is None:
        return Value("DATE", "PAST_REF") if which.startswith("year") or which == "prior-year" else None
    if which in ("latest", "same") and not gd.get("ago"):
        return Value("DATE", base)
    return Value("DATE", f"{int(base[:4]) - 1}{base[4:]}")


def _k_half(gd, ctx):
    h = 1 if gd["ord"].lower() in ("first", "1st") else 2
    if gd.get("y"):
        return Value("DATE", f"{int(gd['y'])}-H{h}")
    if not gd.get("rel2"):
        if not gd.get("the") or ctx.next_word == "of" or ctx.game:
            return None                  # `the first half of the match`
        if ctx.dct is None:
            return Value("DATE", f"XXXX-H{h}")
        cur = 1 if ctx.dct.month <= 6 else 2
        year = ctx.dct.year - (1 if ctx.tense == "past" and h > cur else 0) + (1 if ctx.tense == "future" and h < cur else 0)
        return Value("DATE", f"{year}-H{h}")
    year = _year_rel(gd.get("rel2"), ctx)
    return Value("DATE", f"{year}-H{h}" if year else f"XXXX-H{h}")


_MONTHS_OF_YEAR = LEX["months_of_year"]


def _k_monthsof(gd, ctx):
    """`the first six months of 2015` = 2015-H1, `the last three months of last year` = its Q4."""
    part = _MONTHS_OF_YEAR[_fmt_num(_num(gd["n"]))][0 if gd["ord"].lower() == "first" else 1]
    if gd.get("y"):
        return Value("DATE", f"{int(gd['y'])}-{part}")
    year = _year_rel(gd.get("rel2"), ctx)
    return Value("DATE", f"{year}-{part}" if year else f"XXXX-{part}")


def _k_season(gd, ctx):
    word = gd["season"].lower()
    rel = _this_dropped(gd.get("rel") or "")
    if word == "fall" and not (rel or gd.get("y")):
        return None
    if ctx.next_word in ("'s", "’s") and not (rel or gd.get("y")):
        return None                      # `summer's heat`; `last summer's film` is `last summer`
    if rel in ("", "the") and not (gd.get("y") or gd.get("ryear") or gd.get("mod")) and (
            (ctx.next_is_noun and not (ctx.next_word.endswith("s") and _unit_key(ctx.next_word) in DUR_UNITS)) or ctx.prev_word in CUES["season_name_prev_words"]):
        return None                      # `summer Olympics`, `winter storm`
    code = SEASONS[word]
    mod = _mod_of(gd)
    if gd.get("y"):
        return Value("DATE", f"{_year_int(gd['y'])}-{code}", mod)
    if gd.get("ryear") and ctx.dct is not None:
        return Value("DATE", f"{ctx.dct.year + _REL_DIR[gd['ryear'].lower()]}-{code}", mod)
    if ctx.dct is None:
        if rel in ("last", "past"):
            return Value("DATE", "PAST_REF", mod)
        if rel in ("next", "coming"):
            return Value("DATE", "FUTURE_REF", mod)
        return Value("DATE", f"XXXX-{code}", mod)
    y = ctx.dct.year
    order = ["WI", "SP", "SU", "FA"]
    cur = order[(ctx.dct.month % 12) // 3]
    if rel in ("last", "past"):
        y = y - 1 if order.index(code) >= order.index(cur) else y
    elif rel in ("next", "coming"):
        y = y + 1 if order.index(code) <= order.index(cur) else y
    elif rel in ("this", "the", "") and ctx.tense == "past" and order.index(code) > order.index(cur):
        y -= 1
    elif rel in ("this", "the", "") and ctx.tense == "future" and order.index(code) < order.index(cur):
        y += 1
    if code == "WI" and ctx.dct.month == 12:
        y += 1                           # YYYY-WI is the winter that ends in YYYY
    return Value("DATE", f"{y}-{code}", mod)


def _k_qcentury(gd, ctx):
    """`the past quarter century`, `a quarter-century`: 25 years (not a quarter); `... ago`: a year."""
    if gd.get("ago"):
        return Value("DATE", str(ctx.dct.year - 25) if ctx.dct else "PAST_REF")
    if not gd.get("det"):
        return None                      # `its quarter-century low`: a modifier, as TimeBank has it
    return Value("DURATION", "P25Y")


def _k_weeknum(gd, ctx):
    wk = int(gd["wk"])
    if not 1 <= wk <= 53:
        return None
    y = int(gd["y"]) if gd.get("y") else (ctx.dct.year if ctx.dct else None)
    if y is None:
        return Value("DATE", f"XXXX-W{wk:02d}")
    if wk == 53:
        try:
            _dt.date.fromisocalendar(y, 53, 1)
        except ValueError:
            return None
    return Value("DATE", f"{y}-W{wk:02d}")


_GENERIC_TODAY = re.compile(r"['’]s\s+(?:[a-z]+\s+)?(?:" + _alt(LEX["generic_today_nouns"]) + r")\b", re.IGNORECASE)


def _k_dayword(gd, ctx):
    if gd["dw"][:1].isupper() and ctx.prev_cap:
        return None                      # `VOA Today`: a name
    dw = gd["dw"].lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[dw]
    around = (gd.get("around") or "").lower()
    offset += {"before": -1, "after": 1}.get(around, 0)
    pod = gd.get("pod") or ("night" if dw == "tonight" else None)
    if ctx.dct is None:
        if pod and dw == "tonight":
            return Value("TIME", "PRESENT_REF")
        return Value("DATE", "PAST_REF" if offset < 0 else "FUTURE_REF" if offset > 0 else "PRESENT_REF")
    if dw == "today" and not (pod or around) and _GENERIC_TODAY.match(ctx.after):
        return Value("DATE", "PRESENT_REF")   # `in today's world`: the present, not the day
    d = (ctx.dct + _dt.timedelta(days=offset)).isoformat()
    t, v = _with_pod(d, pod)
    return Value(t, v, _POD_MODS.get((gd.get("pm") or "").lower()))


def _k_podrel(gd, ctx):
    rel = gd["rel"].lower()
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    pod = gd["pod"]
    if rel == "last" and pod.lower() != "night":
        return None
    if ctx.dct is None:
        return Value("TIME", "PAST_REF" if offset < 0 else "FUTURE_REF" if offset > 0 else "PRESENT_REF")
    t, v = _with_pod((ctx.dct + _dt.timedelta(days=offset)).isoformat(), pod)
    return Value(t, v, _POD_MODS.get((gd.get("pm") or "").lower()))




def _k_rel(gd, ctx):
    if gd["unit"][:1].isupper() and gd["rel"][:1].isupper():
        return None                      # `"This Week"`: a programme's name
    rel = _this_dropped(gd["rel"])
    unit = gd["unit"].lower()
    raw_mod = (gd.get("mod") or "").lower()
    mod = _mod_of(gd)
    if rel == "the" and unit == "year" and not raw_mod and _TITLE_BEFORE.search(ctx.before):
        return None                      # `player of the year`, `Album of the Year`: an award's name
    if rel == "the" and unit not in ("year", "month", "weekend", "quarter") and not mod \
            and not raw_mod.startswith(("earlier", "later")):
        return None                      # `the week` alone: leave it (not `earlier in the week`)
    if rel == "the" and unit == "weekend" and ctx.dct is None:
        return Value("DATE", "XXXX-WXX-WE")
    if rel in ("previous", "following"):
        # anchored: the previous / following unit of the date mentioned last
        if ctx.anchor:
            v = _shift_value(ctx.anchor, _REL_DIR[rel], unit)
            if v:
                return Value("DATE", v, mod)
        if ctx.dct is None:
            return Value("DATE", "PAST_REF" if rel == "previous" else "FUTURE_REF", mod)
    step = _REL_DIR[rel]
    if ctx.dct is None:
        if step < 0 or raw_mod.startswith("earlier"):
            return Value("DATE", "PAST_REF", mod)
        if step > 0 or raw_mod.startswith("later"):
            return Value("DATE", "FUTURE_REF", mod)
        if unit == "weekend":
            return Value("DATE", "XXXX-WXX-WE", mod)
        return Value("DATE", "PRESENT_REF", mod)
    dct = ctx.dct
    if unit == "year":
        if step == -1 and rel == "last" and ctx.period_near and _compares(ctx):
            if len(ctx.period_near) > 4:  # `in December, up from last year`: that month a year back
                return Value("DATE", _years_back(ctx.period_near, -1), mod)
            return Value("DATE", str(dct.year - 1), mod)   # `in 2016, up from last year`: the year
        if step == -1 and rel == "last" and ctx.quarter_near and ctx.last_quarter and _compares(ctx):
            return Value("DATE", f"{int(ctx.last_quarter[:4]) - 1}{ctx.last_quarter[4:]}", mod)
        return Value("DATE", str(dct.year + step), mod)
    if unit == "month":
        return Value("DATE", _add_months(dct.replace(day=1), step).strftime("%Y-%m"), mod)
    if unit in ("week", "fortnight"):
        return Value("DATE", _iso_week(dct + _dt.timedelta(days=7 * step)), mod)
    if unit == "weekend":
        if rel == "the":
            step = -1 if ctx.tense == "past" and dct.isoweekday() < 6 else 0
        return Value("DATE", _iso_week(dct + _dt.timedelta(days=7 * step)) + "-WE", mod)
    if unit == "quarter":
        if rel in ("previous", "prior") and ctx.quarter_near and ctx.last_quarter:
            y, q = divmod(int(ctx.last_quarter[6]) - 2, 4)   # `64% in the prior quarter`: the one
            return Value("DATE", f"{int(ctx.last_quarter[:4]) + y}-Q{q + 1}", mod)   # before the reported
        if rel == "the" and ctx.quarter_near and ctx.last_quarter and not mod \
                and ctx.next_word not in CUES["period_end_words"]:
            return Value("DATE", ctx.last_quarter)   # `third-quarter profit rose ... In the quarter, X`
        if rel == "the" and ctx.tense == "past":
            step = -1                    # `profits rose in the quarter`: the one just reported
        y, q = divmod((dct.month - 1) // 3 + step, 4)
        return Value("DATE", f"{dct.year + y}-Q{q + 1}", mod)
    if unit == "decade":
        return Value("DATE", f"{(dct.year // 10 + step)}X", mod)
    if unit == "century":
        return Value("DATE", f"{(dct.year // 100 + step):02d}XX", mod)
    return None


_TITLE_BEFORE = re.compile(r"\b(?:" + _alt(CUES["title_nouns"]) + r")\s+of\s*$", re.IGNORECASE)
_COMPARISON_PREV = frozenset(LEX["comparison_prev_words"])
_AMOUNT_BEFORE = re.compile(r"\d(?:\s*(?:" + _alt(LEX["amount_words"]) + r"))?\s*$", re.IGNORECASE)


_COMPARISON_CLAUSE = re.compile(r"\b(?:" + _alt(LEX["comparison_clause_words"]) + r")\b", re.IGNORECASE)


def _compares(ctx: Context) -> bool:
    """The expression ends a comparison of results: `from last year('s)`, `compared with $3
    million last year` (not `sales rose 9 percent last year`: no comparison before the amount)."""
    return ctx.prev_word in _COMPARISON_PREV or bool(
        _AMOUNT_BEFORE.search(ctx.before) and _COMPARISON_CLAUSE.search(ctx.clause or ctx.before))


def _k_ago(gd, ctx):
    unit = _unit_key(gd["unit"])
    n = _num(gd["n"])
    direction = gd["dir"].lower().split()[0]
    qmod = _qmod_of(gd)
    sign = -1 if direction in CUES["backward_directions"] else 1
    anchored = direction in CUES["anchored_directions"]
    if unit in ("second", "minute", "hour", "quarter", "decade", "century"):
        if n is None or unit in CUES["units_without_shift"] or ctx.dct is None:
            # `several decades ago`: no count to shift by; only the direction is known
            return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", qmod)
        n_units, unit = (n * 3, "month") if unit == "quarter" else (n * 10, "year") if unit == "decade" else (n * 100, "year")
        n = n_units
    if unit == "year" and n is not None and float(n).is_integer() and ctx.period_near \
            and (anchored or (sign < 0 and _compares(ctx))):
        # `rose 6% in December from a year earlier`, `$5 million in 2015, against $3 million a
        # year ago`: the period the sentence compares, a year back, at its own granularity
        return Value("DATE", _years_back(ctx.period_near, sign * int(n)), qmod)
    if unit == "year" and n == 1 and ctx.quarter_near and ctx.last_quarter:
        return Value("DATE", f"{int(ctx.last_quarter[:4]) - 1}{ctx.last_quarter[4:]}", qmod)
    base = None
    if anchored and not ctx.anchor_near and n is not None and float(n).is_integer() and ctx.last_date \
            and (ctx.last_date_near or (sign > 0 and (ctx.tense != "future" or _ahead(ctx.last_date, ctx.dct)))) \
            and _shift_value(ctx.last_date, int(n), unit):
        # `named president in 1985 and chairman two years later`; `founded in 1901. Two
        # years later it moved`, `an alliance in 2014. Now, two years later, it is`: a `later`
        # is reckoned from the date mentioned last, however far back, unless it is in the
        # future tense and that date is not ahead (then from the publication date)
        base = ctx.last_date
    elif anchored and ctx.anchor:
        base = ctx.anchor
    elif ctx.dct is not None:
        base = ctx.dct.isoformat()
    if base is None or n is None or not float(n).is_integer():
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", qmod)
    v = _shift_value(base, sign * int(n), unit)
    if v is None:
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", qmod)
    return Value("DATE", v, qmod or ("APPROX" if gd.get("orso") else None))


def _ahead(value: str, dct: Optional[_dt.date]) -> bool:
    """The value's first day lies after the publication date."""
    lo = value_range(value)[0]
    return dct is not None and lo is not None and lo > dct


_GAME_WORDS = re.compile(r"\b(?:" + _alt(LEX["game_words"]) + r")\b", re.IGNORECASE)
_GAME_MIN_WORDS = 2                     # different game words that make a text a game report

_SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)]*\s+|\n\s*|[\"“‘(]\s*)$")


def _named_unit(gd: dict, ctx: Context) -> bool:
    """A capitalised unit word inside a sentence names something (`the Six-Day War`, `the
    Hundred Years' War`); one opening a sentence does not (`Years later, ...`)."""
    unit = gd["unit"]
    if not unit[:1].isupper() or unit.isupper():
        return False
    first = not (gd.get("n") or gd.get("the") or gd.get("qmod"))
    return not (first and _SENTENCE_START.search(ctx.before))


def _k_duration(gd, ctx):
    unit = gd["unit"]
    if _named_unit(gd, ctx):
        return None
    nword = (gd.get("n") or "").lower()
    n = _num(nword)
    if _unit_key(unit) in ("night",) and n is None:
        return None
    if n is None and re.sub(r"\s+", " ", nword) not in VAGUE:
        return None
    grouped = "," in nword              # `10,000 years`: a count written with thousands separators
    if n is not None and gd.get("the") is None and n > 10000 and not grouped:
        return None
    if n is not None and _unit_key(unit) == "year" and n >= 1000 and nword[:1].isdigit() and not grouped:
        return None
    if n is not None and _unit_key(unit) == "quarter" and n >= 1000:
        return None                      # `the 1988 quarter` is a quarter of 1988
    if nword in ("a", "an") and ctx.prev_word in CUES["rate_prev_words"]:
        return None
    if ctx.next_word in ("'s", "’s", "'", "’") or (ctx.next_word == "of" and _unit_key(unit) in ("second", "quarter")):
        return None                      # `a quarter of a million`, `an hour's drive`
    if nword in ("a", "an") and _unit_key(unit) in ("second", "quarter"):
        return None                      # `a second term`
    if nword in ("a", "an", "one") and not unit.lower().endswith("s") and ctx.next_is_noun \
            and ctx.next_word not in _DATE_WORDS:
        return None                      # `a night curfew` (not `for an hour Friday`)
    if ctx.next_word in CUES["age_words"]:
        return None                      # `37 years old` is an age
    if n is not None and (gd.get("half") or gd.get("half2")):
        n += 0.5
    mod = _qmod_of(gd) or ("APPROX" if gd.get("orso") or re.sub(r"\s+", " ", nword) in APPROX_NUMBERS else None)
    if nword in ("a", "an") and not gd.get("qmod") and _RATE_BEFORE.search(ctx.before):
        return None                      # `four flights a week`, `$1.76 a year`: a rate, untagged in TimeBank
    if nword == "one" and _unit_key(unit) == "day" and ctx.prev_word in CUES["future_day_prev_words"]:
        return Value("DATE", "FUTURE_REF")             # `will one day be`
    if nword == "one" and _unit_key(unit) == "day" and not (gd.get("the") or gd.get("qmod")) \
            and ctx.prev_word not in CUES["duration_prev_words"] \
            and (ctx.prev_word in CUES["subject_pronouns"] or ctx.next_word in CUES["some_day_next_words"]):
        return None                      # `one day in 2015`, `he one day hoped`: some day, not a day long
    return Value("DURATION", _duration(n, unit), mod)


# a count (and what it counts) right before `a week`: `700 seats a week`, `$1.76 a year`
_RATE_BEFORE = re.compile(r"(?:\d%?|\b(?!an?\b)" + _NUMW + r")(?:\s+[a-z]+){0,2}\s+$", re.IGNORECASE)


def _k_durunit(gd, ctx):
    dirw = gd["dirw"].lower()
    unit = gd["unit"].lower()
    if dirw == "previous" or (dirw == "next" and unit == "day"):
        return None
    if dirw == "last" and unit in ("decade", "century"):
        return None                      # `the last century` names one: relative_unit (19XX)
    return Value("DURATION", _duration(1, unit), "APPROX" if gd.get("orso") else None)


def _k_relday(gd, ctx):
    rel = gd["rel"].lower()
    unit = gd["unit"].lower()
    step = {"following": 1, "next": 1, "after": 1, "previous": -1, "prior": -1, "before": -1, "same": 0}[rel]
    pod = unit if unit in ("morning", "evening", "night", "afternoon") else None
    base_unit = "day" if pod else unit
    if base_unit in ("week", "month", "year") and ctx.last_date:
        # `in 2014 ..., the year before`: a unit back from the date mentioned last, whatever its granularity
        v = _shift_value(ctx.last_date, step, base_unit)
        if v:
            return Value("DATE", v)
    if ctx.anchor:
        v = _shift_value(ctx.anchor, step, base_unit)
        if v:
            if pod and _is_day(v):
                t, v = _with_pod(v, pod)
                return Value(t, v)
            return Value("DATE", v)
    if ctx.dct is not None:
        v = _shift_value(ctx.dct.isoformat(), step, base_unit)
        if v:
            if pod and _is_day(v):
                t, v = _with_pod(v, pod)
                return Value(t, v)
            return Value("DATE", v)
    return Value("DATE", "PAST_REF" if step < 0 else "FUTURE_REF" if step > 0 else "PRESENT_REF")


def _k_durbare(gd, ctx):
    unit = gd["unit"]
    if _named_unit(gd, ctx):
        return None
    the = (gd.get("the") or "").lower()
    if ctx.prev_word in ("of",) and not the:
        return None                      # `a couple of days` is caught whole; `tens of years` rare
    if the in ("these",) and _unit_key(unit) == "day" and not gd.get("dirw"):
        return Value("DATE", "PRESENT_REF")
    if ctx.prev_word and re.match(r"^\d", ctx.prev_word):
        return None
    if not the and ctx.prev_word in CUES["session_prev_words"] and ctx.next_word in CUES["session_next_words"]:
        return None                      # `in after hours trade`: a market session, as `after-hours`
    return Value("DURATION", _duration(None, unit))


def _k_duradj(gd, ctx):
    unit = gd["unit"]
    if _named_unit(gd, ctx):
        return None
    n = _num(gd.get("n")) if gd.get("n") else None
    if gd.get("n") and n is None and gd["n"].lower() not in VAGUE:
        return None
    if (gd.get("old") or "").lower() == "old" and (
            ctx.next_word in CUES["person_nouns"] or ctx.next_word in _FUNCTION_WORDS or not ctx.next_word.isalpha()
            or _of_a_being(ctx.age_head)):
        return None                      # `a 9-year-old`, `a 9-year-old boy` are ages; `a two-year-old war` is not
    if not gd.get("n"):
        if not gd.get("old"):
            return None
        n = 1
    return Value("DURATION", _duration(n, unit))


def _of_a_being(head: Optional[Tuple[str, str, str]]) -> bool:
    """`the 68-year-old Long Island Republican`, `a 23-year-old former singer`, `the 31-year-old
    being escorted`: the age describes a person (or an animal), by the parse of what `old` modifies."""
    if not head:
        return False
    word, ent, dep = head
    if dep not in ("amod", "compound", "nmod"):
        return dep in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr")  # the age is the noun
    if ent in AGE_LEX["being_entities"] or word in CUES["person_nouns"] or word in AGE_LEX["being_nouns"]:
        return True
    return word.endswith(tuple(AGE_LEX["person_suffixes"])) and word not in AGE_LEX["thing_nouns"]


def _k_set(gd, ctx):
    unit = _unit_key(gd["unit"])
    q = gd["q"].lower()
    if q in ("a", "an", "per") and not gd.get("freq"):
        if q != "per" or (not gd.get("qmod") and _RATE_BEFORE.search(ctx.before)):
            return None                  # `100 miles per hour`, `$15 per hour`: a rate, as `four flights a week`
    if q in ("a", "an") and gd.get("n"):
        return None
    nword = (gd.get("n") or "").lower()
    n = 2 if nword == "other" else (_num(nword) if nword else 1)
    if n is None:
        return None
    if unit in ("night", "morning"):
        return Value("SET", "XXXX-XX-XXTNI", _qmod_of(gd))
    return Value("SET", _duration(n, unit), _qmod_of(gd))


def _k_setmonth(gd, ctx):
    """`each July` (XXXX-07), `every summer` (XXXX-SU)."""
    if gd.get("month"):
        if not _cap_ok(gd["month"]) or gd["month"].lower().rstrip(".") not in _MONTHS_FULL:
            return None
        return Value("SET", f"XXXX-{_month_num(gd['month']):02d}")
    return Value("SET", f"XXXX-{SEASONS[gd['season'].lower()]}")


def _k_yearend(gd, ctx):
    """`year-end`: the end of the year (of the publication date unless one is written)."""
    if gd.get("y"):
        return Value("DATE", gd["y"].strip(), "END")
    if ctx.dct is None:
        return Value("DATE", "XXXX", "END")
    return Value("DATE", str(ctx.dct.year), "END")


def _k_that(gd, ctx):
    """`that year`, `that month`, `that day`: the year / month / day of the date mentioned last."""
    unit, last = gd["unit"].lower(), ctx.last_date
    width = {"year": 4, "month": 7, "day": 10}[unit]
    if not ctx.in_order:
        return Value("DATE", "PAST_REF")   # a candidate until the dates before it are known
    if not last or len(last) < width:
        return None                      # nothing to point back to: no date
    return Value("DATE", last[:width])


def _k_ordday(gd, ctx):
    """`(today is) the eighth day of the strike`: said in the present, the publication date;
    otherwise a day the text does not give (no TIMEX3)."""
    if not ctx.in_order:
        return Value("DATE", "PRESENT_REF")  # a candidate until its tense is known
    if ctx.tense != "present":
        return None
    return Value("DATE", ctx.dct.isoformat() if ctx.dct else "PRESENT_REF")


def _k_sameday(gd, ctx):
    """`the day` in `later in the day`: the day talked about (the date mentioned last in the
    sentence, else the publication date)."""
    if ctx.anchor and ctx.anchor_near and _is_day(ctx.anchor):
        return Value("DATE", ctx.anchor[:10])
    return Value("DATE", ctx.dct.isoformat() if ctx.dct else "PRESENT_REF")


def _k_while(gd, ctx):
    """`for a while` (a duration of unknown length), `a while ago` (some time before)."""
    if gd.get("ago"):
        return Value("DATE", "PAST_REF")
    if ctx.before.lower().rstrip().endswith("once in"):
        return None                      # `once in a while`: how often, not how long
    return Value("DURATION", "PXX")


def _k_vague(gd, ctx):
    """`for some time`, `a long time`, `a short period of time` (a duration of unknown length);
    `a long time ago`, `some time ago` (some time before)."""
    if ctx.next_is_noun:
        return None                      # `a long time ally`, `some time limits`: a modifier
    if gd.get("ago"):
        return Value("DATE", "PAST_REF")
    if gd.get("some") and ctx.prev_word not in CUES["vague_some_prev_words"]:
        return None                      # `some time in 2017`: some point, not a length
    return Value("DURATION", "PXX")


def _k_weekof(gd, ctx):
    """`the week of March 9`: the (ISO) week holding that day."""
    v = _k_mdy(gd, ctx)
    d = _parse_date_value(v.value) if v else None
    return Value("DATE", _iso_week(d)) if d else None


def _k_setwd(gd, ctx):
    if not _cap_ok(gd["wd"]):
        return None
    pod = gd.get("pod") or gd.get("pod2")         # `on Fridays`, `Friday nights`: recurring
    t, v = _with_pod(f"XXXX-WXX-{WEEKDAYS[gd['wd'].lower()]}", pod.lower().rstrip("s") if pod else None)
    return Value("SET", v)


def _k_setword(gd, ctx):
    w = gd["w"]
    if not w.islower():
        return None                      # `People's Daily`, `Weekly Standard`
    if w.lower() in CUES["publication_set_words"] and (
            (ctx.prev_word in ("a", "an") and not ctx.next_is_noun)
            or ctx.prev_word.endswith(tuple(CUES["publication_prev_suffixes"]))
            or ctx.prev_word in CUES["publication_prev_words"]):
        return None                      # `a Saudi-owned weekly reports`
    if w.lower() in CUES["report_set_words"] and ctx.next_is_noun:
        return None                      # `its quarterly dividend`: a kind of payment
    value, mod = SETS[w.lower()]
    return Value("SET", value, mod)


def _k_weekday(gd, ctx):
    word = gd["wd"]
    if not _cap_ok(word):
        return None
    wd = WEEKDAYS[word.lower()]
    rel = gd.get("rel")
    mod = _mod_of(gd)
    pod = gd.get("pod")
    if ctx.dct is None:
        t, v = _with_pod(f"XXXX-WXX-{wd}", pod)
        return Value(t, v, mod)
    if not rel and ctx.tense != "past" and _event_before(ctx):
        ctx = dataclasses.replace(ctx, tense="past")
    d = _weekday_date(wd, ctx, rel)
    t, v = _with_pod(d.isoformat(), pod)
    return Value(t, v, mod)


_AFTER_EVENT = re.compile(r"\b(?:%s)\s+$" % _alt(LEX["after_event_cues"]), re.IGNORECASE)


def _event_before(ctx: Context) -> bool:
    """A weekday's event that lies behind the report: `following Sunday's attack`, `Tuesday's
    bombings`; not under a future verb (`will premiere after Monday's finale`)."""
    if ctx.next_word not in ("'s", "’s"):
        return False
    m = _SCHEDULED.match(ctx.after[2:])
    if m and m.group("past"):
        return True
    return ctx.tense != "future" and bool(_AFTER_EVENT.search(ctx.before))


def _clock(h: int, m: int, ampm: Optional[str]) -> Optional[str]:
    if ampm:
        a = ampm.lower().replace(".", "")
        if not 1 <= h <= 12:
            return None
        if a == "pm" and h != 12:
            h += 12
        if a == "am" and h == 12:
            h = 0
    if not 0 <= h <= 24:
        return None
    return f"{h:02d}:{m:02d}"


def _day_anchor(ctx: Context) -> Optional[str]:
    if ctx.anchor and (_parse_date_value(ctx.anchor) or ctx.anchor.startswith("XXXX-WXX-")):
        return ctx.anchor[:10]
    if ctx.dct is not None:
        return ctx.dct.isoformat()
    return None


def _named_day(gd, ctx):
    """The day a clock time or part of day names with it (weekday `wd`, month-day `cm`/`cd`
    or `month`/`d`, `dw` yesterday...): its value, None if none is named, False if it is no day."""
    if gd.get("cm") or gd.get("cm2") or gd.get("month"):
        v = _k_mdy({"month": gd.get("cm") or gd.get("cm2") or gd["month"], "d": gd.get("cd") or gd.get("cd2") or gd["d"],
                    "y": gd.get("cy") or gd.get("cy2") or gd.get("y"), "wd": gd.get("wd")}, ctx)
    elif gd.get("wd"):
        v = _k_weekday({"wd": gd["wd"]}, ctx)
    elif gd.get("dw"):
        v = _k_dayword({"dw": gd["dw"]}, ctx)
    else:
        return None
    return False if v is None else v.value


def _k_podof(gd, ctx):
    """`the morning of May 5`, `the night of Monday, Nov. 2`."""
    if not (gd.get("month") or gd.get("wd")):
        return None
    day = _named_day(gd, ctx)
    if not day:
        return None
    return Value("TIME", f"{day}T{PODS[gd['pod'].lower()]}")


def _k_time(gd, ctx):
    if gd.get("word"):
        clock = PODS[gd["word"].lower()]
        if ":" not in clock:
            clock = "12:00"
    else:
        mins = gd.get("min") or gd.get("min2") or "00"
        hour = int(gd["h"]) if gd["h"].isdigit() else int(NUMBERS[gd["h"].lower()])
        ampm = gd.get("ampm") or LEX["clock_day_parts"].get((gd.get("cpod") or "").lower())
        clock = _clock(hour, int(mins), ampm)
        if clock is None:
            return None
        if not ampm and not gd.get("min") and not gd.get("min2") and "oclock" not in gd:
            return None
    qmod = _qmod_of(gd)
    day_value = _named_day(gd, ctx)
    if day_value is False:
        return None
    if day_value:
        return Value("TIME", f"{day_value}T{clock}", qmod)
    day = _day_anchor(ctx)
    if day is None:
        return Value("TIME", f"XXXX-XX-XXT{clock}", qmod)
    return Value("TIME", f"{day}T{clock}", qmod)


def _k_pod(gd, ctx):
    pod = gd["pod"].lower()
    if not gd.get("the") and not gd.get("pm") and pod in ("night", "morning", "evening", "afternoon"):
        return None
    mod = _POD_MODS.get((gd.get("pm") or "").lower())
    if gd.get("pm") and not gd.get("the") and ctx.next_is_noun:
        return None                      # `early-morning tweets`, `a late-afternoon meeting`: a modifier
    if gd.get("the") and ctx.next_word in CUES["pod_of_next_words"] and pod != "night":
        return None
    if gd.get("the") and not gd.get("pm") and (
            (ctx.next_word in CUES["subject_pronouns"] and ctx.prev_word not in CUES["pod_in_words"])
            or (ctx.prev_word in CUES["event_day_prev_words"] and ctx.next_word in CUES["event_day_next_words"])):
        return None                      # `on the night he died`, `tapes from the night the plane went
                                         # down`: an event's night, as `the day he was sworn in`
    code = "NI" if pod == "overnight" else PODS[pod]
    day = None
    if pod == "overnight":
        if ctx.anchor and ctx.anchor_after:
            day = _shift_value(ctx.anchor[:10], -1, "day")
        elif ctx.anchor:
            day = ctx.anchor[:10] if (_parse_date_value(ctx.anchor) or ctx.anchor.startswith("XXXX-WXX-")) else None
        elif ctx.dct is not None:
            day = (ctx.dct - _dt.timedelta(days=1)).isoformat()
    else:
        day = _day_anchor(ctx)
    if day is None or not (_parse_date_value(day) or day.startswith("XXXX-WXX-")):
        return Value("TIME", f"XXXX-XX-XXT{code}", mod)
    return Value("TIME", f"{day}T{code}", mod)


def _k_ref(gd, ctx):
    ref = re.sub(r"\s+", " ", gd["ref"].lower())
    if gd["ref"][:1].isupper() and ctx.prev_cap and not ctx.before.rstrip(" \t").endswith("\n"):
        return None                      # `Google Now`, `Access Now`, `Hawaii News Now`: a name's last word
                                         # (a capital inside a sentence, after a capitalised word on its line;
                                         # after a headline's line, `Now` opens a sentence)
    if ref == "the past" and (ctx.next_word in CUES["past_ref_count_words"] or ctx.next_word in NUMBERS
                              or ctx.next_word[:1].isdigit() or ctx.next_word in _TENS or ctx.next_word in _ONES):
        # `the past three seasons`: a count follows, the expression is not `the past`
        return None
    if ref in CUES["event_moment_refs"] and ctx.next_word in CUES["event_moment_next_words"]:
        return None                      # `at the moment of impact`: the event's moment
    if ref == "the present" and ctx.next_is_noun:
        return None
    if ref in CUES["fate_refs"] and ctx.next_word in CUES["fate_ref_next_words"]:
        return None                      # `the future of the party`: its fate
    if ref in CUES["attributive_refs"] and ctx.next_is_noun and ctx.after.lstrip()[:1].islower():
        return None                      # `the future king`, `the future relationship`: an adjective
    return Value("DATE", REFS[ref])


def _k_moment(gd, ctx):
    """`at this crucial moment` (the present), `at that moment` (a past one); `for the moment`
    stays untagged, as TimeBank leaves it."""
    return Value("DATE", "PAST_REF" if (gd.get("det") or "").lower() == "that" else "PRESENT_REF")


def _nth_weekday(y: int, month: int, wd: int, nth: int, from_day: int = 1) -> _dt.date:
    """The nth weekday (1 = Monday) of a month on or after from_day; nth -1 is the month's last."""
    if nth < 0:
        last = _dt.date(y, month, calendar.monthrange(y, month)[1])
        return last - _dt.timedelta(days=(last.isoweekday() - wd) % 7)
    first = _dt.date(y, month, from_day)
    return first + _dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))


def _k_holiday(gd, ctx):
    name = re.sub(r"\s+", " ", gd["hol"].lower()).replace("’", "'")
    if name.startswith("the "):
        name = name[4:]
    if not gd["hol"][-1:].isupper() and not gd["hol"].split()[-1][:1].isupper():
        return None
    y = int(gd["y"]) if gd.get("y") else (ctx.dct.year if ctx.dct else None)
    mod = _mod_of(gd)
    if name in ("chinese new year", "lunar new year"):
        md = LUNAR_NY.get(str(y)) if y else None
        if md is None:
            return Value("DATE", f"{y}" if y else "XXXX", mod)
        return Value("DATE", f"{y}-{md}", mod)
    if name.startswith("easter"):
        if y is None:
            return None
        return Value("DATE", _easter(y).isoformat(), mod)
    if name in WEEKDAY_HOLIDAYS:         # `Thanksgiving`, `Memorial Day`: a weekday of their month
        if y is None:
            return Value("DATE", f"XXXX-{WEEKDAY_HOLIDAYS[name][0]:02d}", mod)
        day = _nth_weekday(y, *WEEKDAY_HOLIDAYS[name])
        if not gd.get("y") and ctx.dct is not None:  # the nearest one in the tense's direction
            if ctx.tense == "past" and (day - ctx.dct).days > _RECENT_EVENT_DAYS:
                # a past verb a few weeks ahead of one speaks of preparing for it (`residents
                # prepared for Memorial Day`, `said ahead of the Memorial Day weekend`)
                day = _nth_weekday(y - 1, *WEEKDAY_HOLIDAYS[name])
            elif ctx.tense == "future" and day < ctx.dct:
                day = _nth_weekday(y + 1, *WEEKDAY_HOLIDAYS[name])
        return Value("DATE", day.isoformat(), mod)
    md = HOLIDAYS[name]
    return Value("DATE", f"{y}-{md}" if y else f"XXXX-{md}", mod)


def _easter(y: int) -> _dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return _dt.date(y, month, day + 1)


KINDS: Dict[str, Callable[[dict, Context], Optional[Value]]] = {
    "iso": _k_iso, "slash": _k_slash, "mdy": _k_mdy, "dmy": _k_dmy, "month": _k_month,
    "year": _k_year, "yy": _k_yy, "decade": _k_decade, "century": _k_century,
    "fiscal": _k_fiscal, "quarter": _k_quarter, "monthq": _k_monthq, "qcentury": _k_qcentury, "half": _k_half, "monthsof": _k_monthsof, "season": _k_season,
    "weeknum": _k_weeknum, "dayword": _k_dayword, "podrel": _k_podrel, "rel": _k_rel,
    "ago": _k_ago, "duration": _k_duration, "durbare": _k_durbare, "duradj": _k_duradj,
    "qperiod": _k_qperiod, "that": _k_that, "setmonth": _k_setmonth, "yearend": _k_yearend, "podof": _k_podof, "set": _k_set, "setword": _k_setword, "weekday": _k_weekday, "time": _k_time,
    "pod": _k_pod, "ref": _k_ref, "moment": _k_moment, "holiday": _k_holiday, "durunit": _k_durunit, "setwd": _k_setwd, "relday": _k_relday,
    "ordday": _k_ordday, "weekof": _k_weekof, "sameday": _k_sameday, "while": _k_while, "vague": _k_vague,
}

# kinds whose value depends on the date mentioned last
ANCHORED_KINDS = {"time", "pod", "ago", "rel", "relday", "sameday"}
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?(?:T|$)")


# ---------------------------------------------------------------------------- ranges

def _month_range(y: int, m: int) -> Tuple[_dt.date, _dt.date]:
    return _dt.date(y, m, 1), _dt.date(y, m, calendar.monthrange(y, m)[1])


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (0, 2)}  # WI: Dec of the year before


def value_range(value: str, mod: Optional[str] = None,
                dct: Optional[_dt.date] = None) -> Tuple[Optional[_dt.date], Optional[_dt.date]]:
    """The calendar days a TIMEX3 value covers: (first, last), or (None, None)."""
    v = (value or "").upper()
    lo = hi = None
    try:
        if v == "PRESENT_REF":
            return (dct, dct) if dct else (None, None)
        m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", v)
        if m:
            d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        m = re.match(r"^(\d{4})-W(\d\d)(-WE)?$", v)
        if m:
            y, w = int(m.group(1)), int(m.group(2))
            if m.group(3):
                return _dt.date.fromisocalendar(y, w, 6), _dt.date.fromisocalendar(y, w, 7)
            return _dt.date.fromisocalendar(y, w, 1), _dt.date.fromisocalendar(y, w, 7)
        m = re.match(r"^(\d{4})-(\d\d)$", v)
        if m:
            lo, hi = _month_range(int(m.group(1)), int(m.group(2)))
        m = m or re.match(r"^(\d{4})-Q([1-4])$", v)
        if m and lo is None:
            y, q = int(m.group(1)), int(m.group(2))
            lo, hi = _dt.date(y, 3 * q - 2, 1), _month_range(y, 3 * q)[1]
        m = m or re.match(r"^(\d{4})-H([12])$", v)
        if m and lo is None:
            y, h = int(m.group(1)), int(m.group(2))
            lo, hi = _dt.date(y, 6 * h - 5, 1), _month_range(y, 6 * h)[1]
        m = m or re.match(r"^(\d{4})-(SP|SU|FA|WI)$", v)
        if m and lo is None:
            y = int(m.group(1))
            a, b = _SEASON_MONTHS[m.group(2)]
            lo = _dt.date(y - 1, 12, 1) if a == 0 else _dt.date(y, a, 1)
            hi = _month_range(y, b)[1]
        m = m or re.match(r"^FY(\d{4})$", v)
        if m and lo is None:
            y = int(m.group(1))
            lo, hi = _dt.date(y - 1, 10, 1), _dt.date(y, 9, 30)
        m = m or re.match(r"^(\d{4})$", v)
        if m and lo is None:
            y = int(m.group(1))
            lo, hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        m = m or re.match(r"^(\d{3})X$", v)
        if m and lo is None:
            y = int(m.group(1)) * 10
            lo, hi = _dt.date(y, 1, 1), _dt.date(y + 9, 12, 31)
        m = m or re.match(r"^(\d\d)XX$", v)
        if m and lo is None:
            y = int(m.group(1)) * 100
            lo, hi = _dt.date(max(y, 1), 1, 1), _dt.date(y + 99, 12, 31)
    except ValueError:
        return None, None
    if lo is None:
        return None, None
    return _narrowed(lo, hi, mod)


def _narrowed(lo: _dt.date, hi: _dt.date, mod: Optional[str]) -> Tuple[_dt.date, _dt.date]:
    """`early` / `mid` / `late` (START, MID, END): the first, middle or last third of the days."""
    if mod not in ("START", "MID", "END"):
        return lo, hi
    span = (hi - lo).days + 1
    third = max(1, span // 3)
    if mod == "START":
        return lo, lo + _dt.timedelta(days=third - 1)
    if mod == "END":
        return hi - _dt.timedelta(days=third - 1), hi
    return lo + _dt.timedelta(days=third), hi - _dt.timedelta(days=third)


# ---------------------------------------------------------------------------- finding

@dataclasses.dataclass
class Found:
    start: int
    end: int
    text: str
    kind: str
    rule: str
    groups: dict
    value: Optional[Value] = None
    priority: int = 0                    # the rule's rank: the earlier rule wins a tie
    ctx: Optional["Context"] = None      # what the value is resolved against


_WORD_RUN = re.compile(r"\w+")
_WORD_TAIL = re.compile(r"\w*")
_HAS_DIGIT = re.compile(r"\d")


def _anchor_words(text: str) -> Dict[str, List[Tuple[int, int]]]:
    """The (start, end) of the anchor words of each class, in text order."""
    out: Dict[str, List[Tuple[int, int]]] = {c: [] for c in _ANCHOR_CLASSES}
    classes_of = _WORD_CLASSES.get
    digit = out["digit"]
    for m in _WORD_RUN.finditer(text):
        w = m.group()
        if w.isalpha():
            cls = classes_of(w.lower())
            if cls:
                span = m.span()
                for c in cls:
                    out[c].append(span)
        elif _HAS_DIGIT.search(w):
            digit.append(m.span())
    return out


def _windows(text: str, spans: List[Tuple[int, int]], reach: int) -> List[Tuple[int, int]]:
    """Merged [start, end) windows reaching `reach` characters around each span; each ends
    at a word end."""
    n = len(text)
    out: List[List[int]] = []
    tail = _WORD_TAIL.match
    for s, e in spans:
        ws = s - reach if s > reach else 0
        we = e + reach
        we = tail(text, we).end() if we < n else n
        if out and ws <= out[-1][1]:
            if we > out[-1][1]:
                out[-1][1] = we
        else:
            out.append([ws, we])
    return [(a, b) for a, b in out]


def _rule_spans(rule: Rule, text: str, anchors: Optional[Dict[str, List[Tuple[int, int]]]]):
    """(start, end, match) of the rule's matches, as `finditer` over the whole text gives them."""
    if anchors is None or rule.reach is None:
        yield from rule.regex.finditer(text)
        return
    if len(rule.anchors) == 1:
        spans = anchors[rule.anchors[0]]
    else:
        spans = sorted(set().union(*(anchors[c] for c in rule.anchors)))
    finditer = rule.regex.finditer
    for ws, we in _windows(text, spans, rule.reach):
        yield from finditer(text, ws, we)


def candidates(text: str) -> List[Found]:
    """Every rule's matches (overlapping across rules)."""
    out = []
    anchors = None if _UNSAFE_TEXT.search(text) else _anchor_words(text)
    for rule in rules():
        for m in _rule_spans(rule, text, anchors):
            if m.end() == m.start():
                continue
            s, e = m.start(), m.end()
            # trim whitespace a pattern may have taken at the edges
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            out.append(Found(s, e, text[s:e], rule.kind, rule.name,
                             {k: v for k, v in m.groupdict().items() if v is not None}, priority=rule.priority))
    return out


_WORD_BEFORE = re.compile(r"([\w'’-]+|[^\w\s])\s*$")
_WORD_AFTER = re.compile(r"^\s*([\w'’]+|[^\w\s])")


_NAME_BEFORE = re.compile(r"[\w,;)]\s+([A-Z][a-z]+|[A-Z]{2,})\s+$")
_DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(HOLIDAYS) | {w.split()[-1] for w in HOLIDAYS} \
    | set(ANCHOR_WORDS["dayword"])


def _after_name(text: str, s: int) -> bool:
    """A capitalised word, not the sentence's first nor a date word, stands right before `s`."""
    m = _NAME_BEFORE.search(text[max(0, s - 40):s])
    return bool(m) and m.group(1).lower() not in _DATE_WORDS and m.group(1).lower() not in _FUNCTION_WORDS


def _ctx_words(text: str, s: int, e: int) -> Tuple[str, str]:
    mb = _WORD_BEFORE.search(text[max(0, s - 40):s])
    ma = _WORD_AFTER.search(text[e:e + 40])
    return (mb.group(1).lower() if mb else ""), (ma.group(1) if ma else "")


def find_timexes(text: str, dct: Optional[_dt.date],
                 tense_at: Optional[Callable[[int, int], Optional[str]]] = None,
                 sentence_at: Optional[Callable[[int], Tuple[int, int]]] = None,
                 noun_after: Optional[Callable[[int], str]] = None,
                 modal_at: Optional[Callable[[int, int], bool]] = None,
                 age_head: Optional[Callable[[int, int], Optional[Tuple[str, str, str]]]] = None,
                 direct_at: Optional[Callable[[int, int], bool]] = None,
                 name_goes_on: Optional[Callable[[int, int], bool]] = None) -> List[Found]:
    """Temporal expressions in `text` with their values, in text order.

    tense_at(start, end) -> tense of the verb governing the span; sentence_at(offset) ->
    (start, end) of its sentence; noun_after(end) -> whether a noun follows;
    modal_at(start, end) -> whether the word is a modal verb (`May`); age_head(start, end) -> for
    `N-year-old`, (the word it describes, its entity type, the dependency of `old`); direct_at(start,
    end) -> whether the span is an adverbial of its verb itself (`signed on March 15`); name_goes_on(start,
    end) -> whether a name the parser found goes on after the span (`Saturday Night Live`).  All optional:
    without them the text alone decides (no tense, the whole text one sentence).
    """
    cands = candidates(text)
    game = any(f.kind in ("quarter", "half") for f in cands) and \
        len({m.group(0).lower().rstrip("s") for m in _GAME_WORDS.finditer(text)}) >= _GAME_MIN_WORDS
    # value every candidate with a context-free anchor first, to reject bad ones early
    accepted: List[Found] = []
    cands.sort(key=lambda f: (-(f.end - f.start), f.priority, f.start))
    taken = [False] * (len(text) + 1)
    for f in cands:
        if any(taken[i] for i in range(f.start, f.end)):
            continue
        if name_goes_on and f.kind not in _NAMED_DAY_KINDS and f.text[:1].isupper() \
                and not _HAS_DIGIT.search(f.text) and name_goes_on(f.start, f.end):
            continue                     # `Saturday Night Live`, `the Sunday Post`, `April Jace`: a name's
                                         # first words (a holiday opening a name still names the day:
                                         # `the Memorial Day Parade`)
        prev, nxt = _ctx_words(text, f.start, f.end)
        if noun_after:
            tag = noun_after(f.end)
            is_noun, is_plural = tag in ("NN", "NNS", "NNP", "NNPS"), tag in ("NNS", "NNPS")
        else:
            is_noun = bool(re.match(r"^[a-z]+$", nxt) and nxt.lower() not in _FUNCTION_WORDS)
            is_plural = is_noun and nxt.endswith("s") and not nxt.endswith("ss")
        ctx = Context(dct=dct, game=game, prev_word=prev, next_word=nxt.lower(), next_is_noun=is_noun, next_is_plural=is_plural,
                      before=text[max(0, f.start - 40):f.start], after=text[f.end:f.end + 30], prev_cap=_after_name(text, f.start),
                      is_modal_may=bool(modal_at and modal_at(f.start, f.end)),
                      age_head=age_head(f.start, f.end) if age_head and f.kind == "duradj" and f.groups.get("old") else None)
        # a pre-check with no tense / anchor: does the rule accept this match at all?
        if _value_of(f.kind, f.groups, ctx) is None:
            continue
        for i in range(f.start, f.end):
            taken[i] = True
        f.ctx = ctx
        accepted.append(f)
    accepted.sort(key=lambda f: f.start)
    # now resolve in text order, tracking the date mentioned last
    last_day: Optional[str] = None
    last_date: Optional[str] = None     # the calendar date mentioned last (`1988`, `1988-05-02`)
    last_date_at = -1                   # where it starts
    periods: List[Tuple[int, Found]] = []  # the periods named so far (_PERIOD_VALUE) by start
    first_q: Optional[Found] = None     # the quarter a report is about: the first one it names
    last_q: Optional[Found] = None      # the quarter named last (or a year-ago period)
    year_period = False                 # a period of several quarters named after the last quarter
    for i, f in enumerate(accepted):
        ctx = f.ctx
        ctx.tense = tense_at(f.start, f.end) if tense_at else None
        ctx.direct = bool(direct_at and f.kind in _MONTH_KINDS and direct_at(f.start, f.end))
        ctx.year_period = year_period
        if last_q is not None:
            ctx.last_quarter = first_q.value.value
            if sentence_at is not None:
                s0 = sentence_at(f.start)[0]
                for _ in range(_QUARTER_SENTENCES):
                    s0 = sentence_at(s0 - 1)[0] if s0 > 0 else 0
                ctx.quarter_near = last_q.start >= s0 and not year_period
            else:
                ctx.quarter_near = f.start - last_q.end < 300 * _QUARTER_SENTENCES and not year_period
        if f.kind in ANCHORED_KINDS:
            anchor, after = last_day, False
            if sentence_at is not None:
                s0, s1 = sentence_at(f.start)
                same = [g for g in accepted[:i] if g.start >= s0 and g.value and _is_day(g.value.value)]
                if same:
                    anchor = same[-1].value.value
                    ctx.anchor_near = True
                else:
                    later = [g for g in accepted[i + 1:] if g.start < s1 and g.kind in _DAY_KINDS]
                    if later:
                        v = _value_of(later[0].kind, later[0].groups, _with_tense(later[0], tense_at))
                        if v and _is_day(v.value):
                            anchor, after = v.value, True
                            ctx.anchor_near = True
            ctx.anchor, ctx.anchor_after = anchor, after
        ctx.last_date, ctx.in_order = last_date, True
        sent0 = sentence_at(f.start)[0] if sentence_at is not None else f.start - 300
        ctx.last_date_near = last_date_at >= sent0
        ctx.clause = text[max(sent0, f.start - 150, 0):f.start]
        ctx.period_near = periods[-1][1].value.value if periods and periods[-1][0] >= sent0 else None
        if f.kind in _MONTH_KINDS and periods and periods[-1][0] >= sent0:
            ctx.frame_year = _frame_year(text, sent0, periods[-1][1], f, dct)
        f.value = _value_of(f.kind, f.groups, ctx)
        if f.value and _is_day(f.value.value) and f.kind in _DAY_KINDS:
            last_day = f.value.value[:10]
        if f.value and f.value.timex_type in ("DATE", "TIME") and _CALENDAR_VALUE.match(f.value.value):
            last_date, last_date_at = f.value.value, f.start
        if f.value and f.value.timex_type == "DATE" and _PERIOD_VALUE.match(f.value.value) and f.kind != "ago":
            periods.append((f.start, f))
        if i and f.value and (f.kind in _DAY_KINDS or f.kind == "month"):
            _ended_by(text, accepted[i - 1], f)  # `the quarter ended Dec. 31`: before what follows
        if f.value and f.kind in ("quarter", "rel", "monthsof", "monthq") and _QUARTER_VALUE.match(f.value.value):
            last_q = f
            first_q = first_q or f
            year_period = False
        elif f.value and _several_quarters(f):
            year_period = True
        elif f.value and f.kind == "qperiod":
            last_q = last_q and f
    _range_year(text, accepted)
    _shared_recurrence(text, accepted)
    _weekday_after(text, accepted, dct)
    return [f for f in accepted if f.value is not None]


_NAMED_DAY_KINDS = {"holiday"}
_AND_OR_BETWEEN = re.compile(r"\s+(?:and|or)\s+", re.IGNORECASE)


def _shared_recurrence(text: str, found: List[Found]) -> None:
    """`on Monday and Tuesday nights`: a weekday coordinated with a recurring weekday part
    of the day shares its plural head, so it recurs too (`XXXX-WXX-1TNI`)."""
    for f, g in zip(found, found[1:]):
        if f.kind == "weekday" and g.kind == "setwd" and g.groups.get("pod2") and f.value is not None \
                and g.value is not None and not f.groups.get("pod") and not f.groups.get("rel") \
                and _AND_OR_BETWEEN.fullmatch(text[f.end:g.start]):
            wd = WEEKDAYS.get(f.groups.get("wd", "").lower())
            if wd:
                f.value = Value("SET", f"XXXX-WXX-{wd}" + g.value.value[len("XXXX-WXX-") + 1:])


_FRAME_OPENING = re.compile(r"\W*(?:%s)\s+$" % _alt(CUES["frame_year_words"]), re.IGNORECASE)
_REPORT_WORDS = re.compile(r"\b(?:%s)\b" % _alt(CUES["report_words"]), re.IGNORECASE)


def _frame_year(text: str, sent0: int, year: Found, f: Found, dct: Optional[_dt.date]) -> Optional[int]:
    """`In 2014, a brawl erupted at a party on Sept. 6`, `In 1972 he almost won California in
    June`: a year that opens the sentence frames a month (and day) after it, unless a report
    verb comes between (`In 2015 sales rose, the firm said in February`: the report's month)."""
    if not re.fullmatch(r"\d{4}", year.value.value) or (dct is not None and int(year.value.value) == dct.year) \
            or year.groups.get("mod") or not _FRAME_OPENING.fullmatch(text, sent0, year.start) \
            or _REPORT_WORDS.search(text, year.end, f.start):
        return None
    return int(year.value.value)


_ENDED_BETWEEN = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|to\s+end)\s+(?:on\s+|in\s+)?", re.IGNORECASE)


def _ended_by(text: str, f: Found, g: Found) -> None:
    """`the (fiscal) year ended Sept. 30`, `the quarter ending June 30`: the year or quarter
    the end date g closes, not the one of the publication date."""
    if f.kind == "quarter" and f.value is not None and g.value is not None and _QUARTER_VALUE.match(f.value.value) \
            and f.groups.get("ord") and not any(f.groups.get(k) for k in ("y", "y1", "rel1", "rel2")) \
            and _is_day(g.value.value) and g.value.value[:4].isdigit() and _ENDED_BETWEEN.fullmatch(text, f.end, g.start):
        # `the third quarter ended March 31`, `the fourth quarter ended Jan. 31`: a fiscal
        # quarter, numbered as the company counts it, of the year its last day falls in
        f.value = Value(f.value.timex_type, g.value.value[:4] + f.value.value[4:], f.value.mod)
        return
    if f.kind != "rel" or f.value is None or g.value is None or not g.value.value[:4].isdigit() \
            or not (_is_day(g.value.value) or re.match(r"^\d{4}-\d\d$", g.value.value)):
        return                           # `the year ended March 2015` too
    if (f.groups.get("rel") or "").lower() not in ("the", "current") \
            or not _ENDED_BETWEEN.fullmatch(text, f.end, g.start):
        return
    unit, end = f.groups["unit"].lower(), _parse_date_value(g.value.value[:7] + "-01" if len(g.value.value) == 7 else g.value.value)
    if unit == "year" and end is not None:
        f.value = Value(f.value.timex_type, str(end.year), f.value.mod)
    elif unit == "quarter" and end is not None:
        f.value = Value(f.value.timex_type, f"{end.year}-Q{(end.month - 1) // 3 + 1}", f.value.mod)


_RANGE_BETWEEN = re.compile(r"\s*(?:" + _alt(LEX["range_words"]) + r")\s*", re.IGNORECASE)
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d\d)(?:-(\d\d))?$")
_MONTH_KINDS = ("month", "mdy", "dmy")


def _range_year(text: str, found: List[Found]) -> None:
    """`between April and September 2014`, `November 15-January 1, 2017`: a month (and day)
    without a year that opens a range takes the year of the one that closes it (the year
    before when it falls later in the calendar)."""
    for f, g in zip(found, found[1:]):
        if f.kind not in _MONTH_KINDS or g.kind not in _MONTH_KINDS or f.value is None or g.value is None \
                or any(f.groups.get(k) for k in ("y", "ryear", "rel")) or not g.groups.get("y") \
                or not _RANGE_BETWEEN.fullmatch(text, f.end, g.start):
            continue
        m1, m2 = _MONTH_VALUE.match(f.value.value), _MONTH_VALUE.match(g.value.value)
        if not (m1 and m2):
            continue
        year = int(m2.group(1)) - (1 if (m1.group(2), m1.group(3) or "") > (m2.group(2), m2.group(3) or "99") else 0)
        f.value = Value(f.value.timex_type, f"{year:04d}{f.value.value[4:]}", f.value.mod)


_WEEKDAY_JOIN = re.compile(r"\s*(?:%s)\s*" % _alt(LEX["weekday_join_words"]), re.IGNORECASE)
_WEEKDAY_LIST = frozenset(LEX["weekday_list_words"])
_DAY_VALUE = re.compile(r"^(\d{4}-\d\d-\d\d)(.*)$")


def _weekday_after(text: str, found: List[Found], dct: Optional[_dt.date]) -> None:
    """`Friday night and Saturday`, `late Saturday into Sunday morning`: a weekday joined to
    the weekday before it is the first such day from that one on, whatever its verb's tense
    (the publication day's weekday stays that day); joined by `and` / `or`, the nearer of that
    one and the one before (`statements made Friday and Thursday`)."""
    for f, g in zip(found, found[1:]):
        if f.kind != "weekday" or g.kind != "weekday" or f.value is None or g.value is None \
                or (dct is not None and g.value.value[:10] == dct.isoformat()) \
                or g.groups.get("rel") or not _WEEKDAY_JOIN.fullmatch(text, f.end, g.start):
            continue
        m1, m2 = _DAY_VALUE.match(f.value.value), _DAY_VALUE.match(g.value.value)
        if not (m1 and m2):
            continue
        d0, own = _dt.date.fromisoformat(m1.group(1)), _dt.date.fromisoformat(m2.group(1))
        wd = WEEKDAYS[g.groups["wd"].lower()]
        d = d0 + _dt.timedelta(days=(wd - d0.isoweekday()) % 7)
        if own < d0 and (d0 - own) < (d - d0) and text[f.end:g.start].strip().lower() in _WEEKDAY_LIST:
            continue                     # `statements made Friday and Thursday`: listed backwards
        g.value = Value(g.value.timex_type, d.isoformat() + m2.group(2), g.value.mod)


_DAY_KINDS = {"iso", "slash", "mdy", "dmy", "weekday", "dayword", "holiday"}
# how many sentences back a quarter still is the period a year-ago comparison refers to
_QUARTER_SENTENCES = 4
_SEVERAL_QUARTERS = frozenset(LEX["several_quarter_durations"])


def _several_quarters(f: Found) -> bool:
    """A results period of several quarters: `the (first) nine months`, `the first half`,
    `fiscal 1989`, `the (fiscal) year` (a year-ago comparison after it is a year-ago year)."""
    v = f.value
    if f.kind == "duration":
        return v.value in _SEVERAL_QUARTERS and bool(
            f.groups.get("the") or f.groups.get("dirw") or (f.ctx and f.ctx.prev_word in ("the", "first")))
    if f.kind in ("half", "fiscal") or (f.kind == "monthsof" and "-H" in v.value):
        return True
    return f.kind == "rel" and (f.groups.get("unit") or "").lower() == "year" and \
        ((f.groups.get("rel") or "").lower() == "the" or bool(f.groups.get("fiscal")))


# a value that starts with a year must start with four characters of one (`2016`, `199X`,
# `19XX`): arithmetic past the calendar's ends gives `0`, `-1`, `10000` or `1-W08` instead
_YEAR_START = re.compile(r"^(?:\d{4}|\d{3}X|\d{2}XX)(?![\dX])")


def _value_of(kind: str, groups: dict, ctx: Context) -> Optional[Value]:
    """The rule's value; None where date arithmetic leaves the calendar (a publication
    date in year 1 or 9999), rather than a wrong value or losing the article's other
    expressions."""
    try:
        value = KINDS[kind](groups, ctx)
    except (OverflowError, ValueError):
        return None
    if value is not None and value.value[:1] in "-0123456789" and not _YEAR_START.match(value.value):
        return None
    return value


# words that are no noun after a number (`2000 and`), whatever the tagger says
_FUNCTION_WORDS = set(LEX["function_words"])


def _is_day(value: str) -> bool:
    return bool(re.match(r"^(\d{4}-\d\d-\d\d|XXXX-WXX-\d)", value))


def _with_tense(f: Found, tense_at) -> Context:
    ctx = f.ctx
    ctx.tense = tense_at(f.start, f.end) if tense_at else None
    return ctx


def normalise(text: str, dct: Optional[_dt.date] = None, tense: Optional[str] = None) -> Optional[Value]:
    """The value of the (longest) temporal expression in `text`, for table-driven tests.

    `tense` stands in for the governing verb's tense (past / present / future).
    """
    found = find_timexes(text, dct, tense_at=(lambda s, e: tense))
    if not found:
        return None
    best = max(found, key=lambda f: f.end - f.start)
    return best.value
