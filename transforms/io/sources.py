"""From input files to `Article`s or `Reject`s: open, inflate, decode, parse.

Plain functions, no Beam: `read_source(path, limits)` yields one `Article` or
`Reject` per article the file holds (one for `.txt` / `.json`, one per line for
`.jsonl`), so every input is accounted for. Files are opened through Beam's
`FileSystems`, so `gs://`, `s3://` and `hdfs://` paths work as local ones do.
Nothing here evaluates or unpickles input: JSON is parsed with `json.loads`.
"""
from __future__ import annotations

import bz2
import dataclasses
import datetime
import hashlib
import json
import re
import zlib
from typing import Iterator, Optional, Union

from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

TEXT_SUFFIXES = (".txt", ".json", ".jsonl", ".ndjson")
COMPRESSED_SUFFIXES = (".gz", ".bz2")


@dataclasses.dataclass
class Article:
    doc_id: str
    source_path: str
    text: str
    published_date: Optional[datetime.date] = None
    dateline: Optional[str] = None
    title: Optional[str] = None
    source_line: Optional[int] = None
    content_hash: Optional[str] = None
    encoding: str = "utf-8"
    parse_warning: Optional[str] = None
    source_id: Optional[str] = None     # JSON `id`: what an analyst links back to
    url: Optional[str] = None           # JSON `url` / `source_url`
    source: Optional[str] = None        # JSON `source` / `publisher`


@dataclasses.dataclass
class Reject:
    source_path: str
    stage: str          # read, decode, parse, nlp, extract
    reason: str         # short code
    detail: str         # a sentence a person can act on
    doc_id: Optional[str] = None
    source_line: Optional[int] = None


@dataclasses.dataclass(frozen=True)
class Limits:
    max_article_bytes: int = 10 * 1024 * 1024       # one article (a file, or a JSONL line)
    max_input_bytes: int = 1024 * 1024 * 1024       # a whole (inflated) file: JSON Lines, archives


class RejectError(Exception):
    def __init__(self, stage: str, reason: str, detail: str):
        super().__init__(detail)
        self.stage, self.reason, self.detail = stage, reason, detail


def content_hash(data: bytes) -> str:
    """The same for identical article bytes wherever they come from: for de-duplication."""
    return hashlib.sha256(data).hexdigest()[:20]


def doc_id_of(data: bytes, key: str, line: Optional[int] = None) -> str:
    """Stable id: the same article bytes under the same key (the file's path relative to
    the input root, `transforms.io.paths`) and line give the same id on every run and
    machine, wherever the folder lives (local, gs://, ...). Two files holding identical
    text stay two articles; `content_hash` tells they are copies."""
    return hashlib.sha256(data + b"\0" + f"{key}:{line or 0}".encode("utf-8")).hexdigest()[:20]


def _default_key(path: str) -> str:
    """A file read without an input root (a test, a notebook): its own name."""
    return path.rstrip("/").rsplit("/", 1)[-1]


# ---------------------------------------------------------------- reading bytes

def _decompressor(path: str):
    lower = path.lower()
    if lower.endswith(".gz"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if lower.endswith(".bz2"):
        return bz2.BZ2Decompressor()
    return None


CHUNK_BYTES = 1 << 20   # one read call at most


def _inflated_chunks(raw, path: str, limit: int, done: int = 0, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The file's content in chunks of at most `chunk_bytes`, inflated by its suffix, never
    more than `limit` bytes in all (`done`: bytes already behind the stream's position).
    Each decompress call is capped, so a bomb costs one chunk of memory, not the limit."""
    too_large = RejectError("read", "too_large",
                            f"{path} is (or inflates to) more than {limit:,} bytes "
                            "(--max_input_bytes / --max_article_bytes); split it or raise the limit")
    state = [_decompressor(path)]
    while True:
        chunk = raw.read(chunk_bytes)
        if not chunk:
            break
        for out in (_inflate_members(state, chunk, path, chunk_bytes) if state[0] is not None else [chunk]):
            done += len(out)
            if done > limit:
                raise too_large
            yield out
    if state[0] is not None and not state[0].eof:
        raise RejectError("read", "truncated_archive",
                          f"{path} ends before its compressed stream does (truncated copy?); fetch it again")


def _inflate_members(state: list, data: bytes, path: str, cap: int) -> Iterator[bytes]:
    """`data` inflated across concatenated members (`state[0]`: the current decompressor)."""
    while data:
        if state[0].eof:            # a new member starts
            state[0] = _decompressor(path)
        yield from _inflate(state[0], data, path, cap)
        data = state[0].unused_data if state[0].eof else b""


def _inflate(decompressor, data: bytes, path: str, cap: int) -> Iterator[bytes]:
    """All the output `data` gives, in pieces of at most `cap` bytes."""
    try:
        while True:
            out = decompressor.decompress(data, cap)
            if out:
                yield out
            if decompressor.eof:
                return
            data = getattr(decompressor, "unconsumed_tail", b"")
            more = len(out) == cap if hasattr(decompressor, "unconsumed_tail") else not decompressor.needs_input
            if not data and not more:
                return
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        raise RejectError("read", "bad_archive", f"{path} is not a valid archive ({exc}); re-create it") from exc


def is_json_lines(path: str) -> bool:
    return _format_of(path) == "jsonl"


def stream_bytes(path: str, limits: Limits, start: int = 0, end: Optional[int] = None) -> Iterator[bytes]:
    """The file's (inflated) bytes from offset `start` up to `end` (None: to the end), in
    chunks; RejectError if the file cannot be read or is over its limit (`--max_input_bytes`
    for JSON Lines and archives, `--max_article_bytes` for one article)."""
    compressed = path.lower().endswith(COMPRESSED_SUFFIXES)
    # a file of one article, inflated or not, is capped as one article; JSON Lines as a whole
    limit = limits.max_input_bytes if is_json_lines(path) else limits.max_article_bytes
    try:
        size = FileSystems.metadata(path).size_in_bytes
    except Exception:  # noqa: BLE001 - some filesystems cannot stat; the read below still caps
        size = None
    if size is not None and size > limit and not compressed:
        raise RejectError("read", "too_large",
                          f"{path} has {size:,} bytes, over the limit of {limit:,} "
                          f"({'--max_input_bytes' if limit == limits.max_input_bytes else '--max_article_bytes'}); "
                          "split it or raise the limit")
    left = None if end is None else end - start
    # a range of a plain file is read in one call of its own size; an archive inflates from its start
    chunk_bytes = CHUNK_BYTES if left is None or compressed else max(1, min(left, CHUNK_BYTES))
    try:
        with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw:
            skip = start
            if start and not compressed:  # an archive cannot seek: inflate and drop instead
                raw.seek(start)
                skip = 0
            for chunk in _inflated_chunks(raw, path, limit, start - skip, chunk_bytes):
                if skip >= len(chunk):
                    skip -= len(chunk)
                    continue
                chunk, skip = (chunk[skip:] if skip else chunk), 0
                if left is not None:
                    chunk = chunk[:left]
                    left -= len(chunk)
                if chunk:
                    yield chunk
                if left == 0:
                    return
    except RejectError:
        raise
    except IsADirectoryError as exc:
        raise RejectError("read", "directory", f"{path} is a directory; give a glob of its files") from exc
    except OSError as exc:
        raise RejectError("read", "unreadable", f"{path} could not be read: {exc}") from exc


def read_bytes(path: str, limits: Limits, start: int = 0, end: Optional[int] = None) -> bytes:
    return b"".join(stream_bytes(path, limits, start, end))


# ---------------------------------------------------------------- decoding

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTML = re.compile(rb"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)


def decode(data: bytes, path: str) -> tuple:
    """(text, encoding). UTF-8 (BOM stripped), else cp1252 / latin-1 when the text
    reads as text; binary data and undecodable bytes are rejected."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise RejectError("decode", "empty", f"{path} holds no text")
    if b"\x00" in data[:8192]:
        raise RejectError("decode", "binary",
                          f"{path} holds binary data (NUL bytes), not text; remove it from the input")
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROL.findall(text))
        if controls > max(2, len(text) // 200):
            if encoding == "utf-8":
                break  # valid UTF-8 full of control characters: binary
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
    raise RejectError("decode", "binary",
                      f"{path} is neither UTF-8 nor cp1252/latin-1 text (control bytes throughout); "
                      "convert it to UTF-8 text")


# ---------------------------------------------------------------- parsing

# ` date 2020-02-25 MANILA: Russia has ...`: date, then an optional dateline ending in ':'.
# A dateline place opens with a word in capitals (`MANILA`, `GAZA CITY, Palestinian
# Territories`); `Pence: We will ...` or `Poll: ...` open a headline and stay in the text.
_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    # an ISO date-time is the date it is written in (`2016-02-21T10:00:00+05:00`)
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\b[ \t]*"
    r"(?:(?P<dateline>[A-Z][A-Z.'-]*[A-Z](?![a-z])[A-Za-z .,'()/-]{0,58}?(?<![ ,])):[ \t]+)?")
_DATE_FIELDS = ("date", "published", "published_date", "publication_date")
_TEXT_FIELDS = ("text", "body", "content")
# JSON fields kept as `articles` columns (the first present of each, when it is a string
# or, for `id`, a number)
_LINK_FIELDS = {"source_id": ("id",), "url": ("url", "source_url"), "source": ("source", "publisher")}


def parse_date(value: str) -> datetime.date:
    """A publication date from an ISO date or date-time (the date as written, whatever
    the offset); ValueError if impossible."""
    value = value.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _looks_like_title(line: str, rest: str) -> bool:
    line = line.strip()
    return (0 < len(line) <= 200 and not line.endswith((".", "?", "!", "\"", "”", ":"))
            and rest.startswith("\n"))


def parse_text_article(text: str, path: str, doc_id: str, encoding: str,
                       source_line: Optional[int] = None) -> Article:
    """A `.txt` article: an optional header (date and dateline), an optional title line."""
    if _HTML.match(text.encode("utf-8", "replace")[:512]):
        raise RejectError("parse", "html",
                          f"{path} is an HTML page, not article text; extract the article's text first")
    published, dateline, warning = None, None, None
    m = _HEADER.match(text)
    if m:
        try:
            published = parse_date(m.group("date"))
        except ValueError:
            warning = (f"header date {m.group('date')} is not a calendar date; "
                       "published_date left empty and relative dates unresolved")
        dateline = m.group("dateline")
        text = text[m.end():]
    body = text.strip("\n")
    if not body.strip():
        raise RejectError("parse", "empty", f"{path} has a header but no article text")
    first, _, rest = body.partition("\n")
    title = first.strip() if (not m and _looks_like_title(first, rest)) else None
    return Article(doc_id=doc_id, source_path=path, text=body, published_date=published,
                   dateline=dateline, title=title, source_line=source_line,
                   encoding=encoding, parse_warning=warning)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> tuple:
    """(text, replaced?): lone UTF-16 surrogates (`"\\ud83d"` in JSON) become U+FFFD, since
    no file or Parquet column can hold them."""
    cleaned = _LONE_SURROGATE.sub("\ufffd", value)
    return cleaned, cleaned != value


def load_json(text: str, where: str):
    """`json.loads`, every way it can fail (bad syntax, nesting deeper than Python's
    stack) a parse Reject."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise RejectError("parse", "bad_json", f"{where} nests JSON too deeply to read; flatten it") from exc
    except ValueError as exc:
        raise RejectError("parse", "bad_json", f"{where} is not valid JSON ({exc})") from exc


def parse_json_article(obj, path: str, doc_id: str, encoding: str,
                       source_line: Optional[int] = None) -> Article:
    where = f"{path} line {source_line}" if source_line else path
    if not isinstance(obj, dict):
        raise RejectError("parse", "not_an_object",
                          f"{where} holds a JSON {type(obj).__name__}, not an object with a `text` field")
    text = next((obj[f] for f in _TEXT_FIELDS if isinstance(obj.get(f), str) and obj[f].strip()), None)
    if text is None:
        raise RejectError("parse", "no_text",
                          f"{where} has no non-empty `text` or `body` field; fields: {sorted(obj)[:10]}")
    published, warning = None, None
    raw_date = next((obj[f] for f in _DATE_FIELDS if obj.get(f)), None)
    if isinstance(raw_date, (str, int)) and not isinstance(raw_date, bool):
        try:
            published = parse_date(str(raw_date))
        except ValueError:
            warning = f"date {str(raw_date)[:40]!r} is not a calendar date; published_date left empty"
    elif raw_date is not None:
        warning = f"date field holds a JSON {type(raw_date).__name__}, not a date; published_date left empty"
    text, replaced = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = {"title": obj.get("title") if isinstance(obj.get("title"), str) else None}
    kept.update({column: _link_field(obj, names) for column, names in _LINK_FIELDS.items()})
    for column, value in kept.items():
        if value is not None:
            kept[column], changed = clean_text(value)
            replaced = replaced or changed
    if replaced:
        warning = "; ".join(filter(None, [warning, "lone UTF-16 surrogates replaced by U+FFFD"]))
    return Article(doc_id=doc_id, source_path=path, text=text, published_date=published,
                   source_line=source_line, encoding=encoding, parse_warning=warning, **kept)


def _link_field(obj: dict, names) -> Optional[str]:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return None


def _format_of(path: str) -> str:
    lower = path.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith(".json"):
        return "json"
    return "txt"


# ---------------------------------------------------------------- pieces

# A JSON Lines file is cut into pieces of about this many (inflated) bytes of whole
# lines, shuffled as (path, offsets) and read after the shuffle: the articles themselves
# never wait in a shuffle, and one big file spreads over every worker. 32 KiB is about
# eight news articles, a few seconds of spaCy: small enough that pieces dealt out to
# workers balance their load about as well as single articles did.
PIECE_BYTES = 1 << 15
# An archive cannot seek, so each piece inflates it from the start: few pieces.
MAX_ARCHIVE_PIECES = 16


@dataclasses.dataclass(frozen=True)
class Piece:
    """What one read after the shuffle covers: a whole file, or the whole lines of a JSON
    Lines file between (inflated) byte offsets `start` and `end`, the first numbered
    `first_line`."""

    path: str
    start: int = 0
    end: Optional[int] = None
    first_line: int = 1
    key: Optional[str] = None       # the file's key (transforms.io.paths.InputFile); None: its name

    @property
    def id_key(self) -> str:
        return self.key or _default_key(self.path)


def _line_cuts(chunks: Iterator[bytes], piece_bytes: int) -> tuple:
    """Offsets just after the first newline past every `piece_bytes` of the stream, with
    the number of the line starting there; also the stream's length and whether it holds
    anything but white space (and a BOM)."""
    cuts, pos, lines, has_text = [], 0, 0, False
    target = piece_bytes
    for chunk in chunks:
        if not has_text:
            has_text = bool((chunk[3:] if pos == 0 and chunk.startswith(b"\xef\xbb\xbf") else chunk).strip())
        searched = 0
        while target < pos + len(chunk):
            newline = chunk.find(b"\n", max(target - pos, searched))
            if newline < 0:
                break
            lines += chunk.count(b"\n", searched, newline + 1)
            searched = newline + 1
            cuts.append((pos + searched, lines + 1))
            target = pos + searched + piece_bytes
        lines += chunk.count(b"\n", searched)
        pos += len(chunk)
    return cuts, pos, has_text


def split_source(source, limits: Limits = Limits(),
                 piece_bytes: int = PIECE_BYTES) -> Iterator[Union[Piece, Reject]]:
    """The pieces a file (a path, or an `InputFile` with its key) is read in (one for a
    `.txt` / `.json` file, whole lines of about `piece_bytes` bytes for JSON Lines), or
    the reason it gives no article. A JSON Lines file is scanned once here (only line
    ends are kept), so one that cannot be read whole is rejected whole, as if it were
    read at once."""
    path, key = (source, None) if isinstance(source, str) else (source.path, source.key)
    if not is_json_lines(path):
        yield Piece(path, key=key)
        return
    try:
        cuts, size, has_text = _line_cuts(stream_bytes(path, limits), piece_bytes)
    except RejectError as err:
        yield Reject(path, err.stage, err.reason, err.detail)
        return
    if not has_text:
        yield Reject(path, "decode", "empty", f"{path} holds no lines")
        return
    if path.lower().endswith(COMPRESSED_SUFFIXES) and len(cuts) >= MAX_ARCHIVE_PIECES:
        step = -(-(len(cuts) + 1) // MAX_ARCHIVE_PIECES)
        cuts = cuts[step - 1::step]
    bounds = [(0, 1)] + [c for c in cuts if c[0] < size]
    for (start, first_line), (end, _) in zip(bounds, bounds[1:] + [(None, None)]):
        yield Piece(path, start, end, first_line, key)


def read_piece(piece: Piece, limits: Limits = Limits()) -> Iterator[Union[Article, Reject]]:
    """Every article of one piece, or the reason it gave none."""
    path = piece.path
    try:
        if is_json_lines(path):
            lines = _lines(stream_bytes(path, limits, piece.start, piece.end), limits.max_article_bytes,
                           piece.first_line)
            yield from _read_lines(lines, path, limits, piece.id_key)
            return
        data = read_bytes(path, limits, piece.start, piece.end)
    except RejectError as err:
        yield Reject(path, err.stage, err.reason, err.detail)
        return
    yield from _read_article(data, path, limits, piece.id_key)


def read_source(source, limits: Limits = Limits()) -> Iterator[Union[Article, Reject]]:
    """Every article of one input file (a path or an `InputFile`), or the reason it gave none."""
    for piece in split_source(source, limits):
        if isinstance(piece, Reject):
            yield piece
        else:
            yield from read_piece(piece, limits)


def _read_article(data: bytes, path: str, limits: Limits, key: str) -> Iterator[Union[Article, Reject]]:
    fmt = _format_of(path)
    doc_id = doc_id_of(data, key)
    if len(data) > limits.max_article_bytes:
        yield Reject(path, "read", "too_large",
                     f"{path} inflates to {len(data):,} bytes, over --max_article_bytes "
                     f"({limits.max_article_bytes:,}); split it or raise the limit", doc_id)
        return
    try:
        text, encoding = decode(data, path)
        if fmt == "json":
            article = parse_json_article(load_json(text, path), path, doc_id, encoding)
        else:
            article = parse_text_article(text, path, doc_id, encoding)
        article.content_hash = content_hash(data)
        yield article
    except RejectError as err:
        yield Reject(path, err.stage, err.reason, err.detail, doc_id)


def _lines(chunks: Iterator[bytes], max_line: int, first_line: int) -> Iterator[tuple]:
    """(number, bytes, length) per line of a stream; a line longer than `max_line` comes
    as (number, None, length) and is never held whole, so memory stays at one article."""
    number, parts, length, first = first_line, [], 0, first_line == 1
    for chunk in chunks:
        if first:
            chunk, first = (chunk[3:] if chunk.startswith(b"\xef\xbb\xbf") else chunk), False
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            end = len(chunk) if newline < 0 else newline
            length += end - start
            if length <= max_line:
                parts.append(chunk[start:end])
            else:
                parts = []
            if newline < 0:
                break
            yield number, (b"".join(parts) if length <= max_line else None), length
            number, parts, length, start = number + 1, [], 0, newline + 1
    if length or parts:
        yield number, (b"".join(parts) if length <= max_line else None), length


def _read_lines(lines: Iterator[tuple], path: str, limits: Limits, key: str) -> Iterator[Union[Article, Reject]]:
    for number, line, length in lines:
        if line is None:
            yield Reject(path, "read", "too_large", f"{path} line {number} has {length:,} bytes, over "
                         "--max_article_bytes; split it or raise the limit", None, number)
            continue
        if not line.strip():
            continue  # blank lines between records are not articles
        doc_id = doc_id_of(line.rstrip(b"\r"), key, number)
        try:
            text, encoding = decode(line, f"{path} line {number}")
            obj = load_json(text, f"{path} line {number}")
            article = parse_json_article(obj, path, doc_id, encoding, source_line=number)
            article.content_hash = content_hash(line.rstrip(b"\r"))
            yield article
        except RejectError as err:
            yield Reject(path, err.stage, err.reason, err.detail, doc_id, number)
