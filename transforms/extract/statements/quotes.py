"""Direct quotations in plain text: where the quote marks open and close.

`find_quotes(text)` pairs quotation marks paragraph by paragraph and returns
`QuoteSpan`s (character offsets into `text`). It knows nothing of spaCy.

Conventions handled:
- curly (“ ”), straight ("), newswire (`` ''), guillemets (« ») and low-9 („) marks;
  a doubled apostrophe `''` also opens a quote where a straight `"` would (archives that
  print both marks as `''`);
  single quotes are not delimiters: ‘...’ or '...' inside a quote stays in it;
- a curly quote opened inside an open curly quote nests in it when the paragraph closes
  both (`“... what he calls “hell” than ...”`), else the earlier mark was stray;
- a quote that runs over sentences stays one quote;
- a paragraph that opens a quote without closing it continues into the next
  paragraph when that one opens with a quote mark of the same style (the news convention
  for a quote of several paragraphs): one `QuoteSpan` covers them all; a straight mark
  left open before a paragraph that opens with a curly one (a block quote marked `"`, the
  words quoted in it curly) is no such quote;
- a closing curly mark with nothing open, at the start of a paragraph or after a space and
  before a word, opens a quote (a mark typed the wrong way round);
- an unbalanced mark never spills over the rest of the article: a quote left
  open at the end of a paragraph that the next paragraph does not continue is
  closed at the end of its paragraph (`closed=False`).
"""
from __future__ import annotations

import dataclasses
import re
from typing import List, Optional, Tuple

OPENERS = {"“", "``", "„", "«"}
CLOSERS = {"”", "»"}
AMBIGUOUS = {'"', "''"}

_MARK_RE = re.compile(r"``|''|[“”\"„«»]")
_PARA_RE = re.compile(r"\n")
_QUOTE_START_RE = re.compile(r"\s*(``|''|[“\"„«])")


@dataclasses.dataclass
class QuoteSpan:
    open_start: int          # offset of the opening mark
    start: int               # first character of the words quoted
    end: int                 # end of the words quoted (the closing mark's start)
    close_end: int           # end of the closing mark (== end when not closed)
    closed: bool = True
    paragraphs: int = 1

    @property
    def length(self) -> int:
        return self.end - self.start


def paragraph_spans(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each line that is not blank."""
    out = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _is_opener(text: str, mark: str, pos: int, end: int) -> bool:
    """A straight double quote opens when it is followed by a word and not glued to one before."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() or before in "([{—–-/:" or pos == 0:
        return not after.isspace()
    if after.isspace() or after in ".,;:!?)]}":
        return False
    return True


def _nests(marks, k: int) -> bool:
    """Whether the curly opening mark `marks[k]`, met inside an open curly quote, opens a quote
    nested in it (`“I'd rather live in what he calls “hell” than ...”`): the paragraph still
    closes both, every later opening mark paired too; else the first mark was stray."""
    opens = sum(1 for m in marks[k + 1:] if m.group() == "“")
    closes = sum(1 for m in marks[k + 1:] if m.group() == "”")
    return closes - opens >= 2


def _family(mark: str) -> str:
    """The style of a quotation mark: straight, curly, newswire (`` ''), or guillemets."""
    if mark in ('"',):
        return "straight"
    if mark in ("``", "''"):
        return "newswire"
    if mark in ("«", "»"):
        return "guillemet"
    return "curly"


def _closer_opens(text: str, pos: int, end: int, p0: int) -> bool:
    """A closing mark typed for an opening one (`”We will stay,” she said`): nothing is open,
    the mark starts its paragraph or follows a space, and a word follows it."""
    before_ok = pos == p0 or text[pos - 1].isspace() or text[pos - 1] in "([{—–"
    return before_ok and end < len(text) and text[end].isalnum()


def _trim(text: str, start: int, end: int):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _unclosed(text: str, q: QuoteSpan) -> QuoteSpan:
    """A quote left open: it ends at its last word, `closed=False`."""
    _, e = _trim(text, q.start, q.end)
    q.end, q.close_end, q.closed = e, e, False
    return q


def _pair_marks(text: str, p0: int, p1: int, skip_until: int, cur: Optional[QuoteSpan],
                quotes: List[QuoteSpan]) -> Optional[QuoteSpan]:
    """Pair the marks of the paragraph [p0, p1) (those before `skip_until` left out), adding
    each closed quote to `quotes`; returns the quote still open at its end, if any."""
    marks = [m for m in _MARK_RE.finditer(text, p0, p1) if m.start() >= skip_until]
    depth = 0       # curly quotes opened inside the open quote and not yet closed
    for k, m in enumerate(marks):
        mark, ms, me = m.group(), m.start(), m.end()
        if cur is not None and depth and mark == "”":
            depth -= 1
            continue
        if cur is not None and mark == "“" and text[cur.open_start] == "“" and _nests(marks, k):
            depth += 1
            continue
        if cur is None:
            if mark in OPENERS or (mark in AMBIGUOUS and _is_opener(text, mark, ms, me)) \
                    or (mark in CLOSERS and _closer_opens(text, ms, me, p0)):
                cur = QuoteSpan(ms, me, me, me)
            # any other stray closer with nothing open is ignored
        elif mark in CLOSERS or mark in AMBIGUOUS:
            cur.end, cur.close_end, cur.closed = ms, me, True
            if cur.end > cur.start:
                quotes.append(cur)
            cur = None
        elif mark in OPENERS:
            # an opener inside an open quote: the earlier mark was stray; start again
            cur = QuoteSpan(ms, me, me, me)
    return cur


def find_quotes(text: str, max_paragraphs: int = 12) -> List[QuoteSpan]:
    """Every direct quotation in `text`, in order, outer marks excluded from [start, end)."""
    quotes: List[QuoteSpan] = []
    open_q: Optional[QuoteSpan] = None      # a quote left open by the previous paragraph
    paras = paragraph_spans(text)
    for pi, (p0, p1) in enumerate(paras):
        cur: Optional[QuoteSpan] = None
        skip_until = p0
        if open_q is not None:
            m = _QUOTE_START_RE.match(text, p0)
            if m and m.end() <= p1 and _family(m.group(1)) == _family(text[open_q.open_start:open_q.start]):
                # the paragraph continues the open quote: its opening mark is not a new quote
                cur, skip_until = open_q, m.end()
                cur.paragraphs += 1
            else:
                quotes.append(_unclosed(text, open_q))
            open_q = None
        cur = _pair_marks(text, p0, p1, skip_until, cur, quotes)
        if cur is not None:
            # open at the end of the paragraph: maybe continued by the next one
            cur.end = cur.close_end = p1
            if cur.paragraphs < max_paragraphs and pi + 1 < len(paras):
                open_q = cur
            else:
                quotes.append(_unclosed(text, cur))
    if open_q is not None:
        quotes.append(_unclosed(text, open_q))
    quotes.sort(key=lambda q: q.start)
    return quotes
