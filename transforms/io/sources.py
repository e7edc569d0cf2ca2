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


def doc_id_of(data: bytes, path: str, line: Optional[int] = None) -> str:
    """Stable id: the same article bytes in the same-named file (and line) give the same
    id on every run and machine, wherever the folder lives (local, gs://, ...). Two
    files holding identical text stay two articles; `content_hash` tells they are copies."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return hashlib.sha256(data + b"\0" + f"{name}:{line or 0}".encode("utf-8")).hexdigest()[:20]


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
    """The file's content in chunks, inflated by its suffix, never more than `limit`
    bytes in all (`done`: bytes already behind the stream's position)."""
    too_large = RejectError("read", "too_large",
                            f"{path} is (or inflates to) more than {limit:,} bytes "
                            "(--max_input_bytes / --max_article_bytes); split it or raise the limit")
    decompressor = _decompressor(path)
    while True:
        chunk = raw.read(chunk_bytes)
        if not chunk:
            break
        if decompressor is None:
            done += len(chunk)
            if done > limit:
                raise too_large
            yield chunk
            continue
        while chunk:
            try:
                # max_length caps one call's output: a bomb never inflates past the limit
                out = decompressor.decompress(chunk, limit + 1 - done)
            except (OSError, EOFError, ValueError, zlib.error) as exc:
                raise RejectError("read", "bad_archive",
                                  f"{path} is not a valid archive ({exc}); re-create it") from exc
            done += len(out)
            if done > limit:
                raise too_large
            if out:
                yield out
            if decompressor.eof and decompressor.unused_data:   # concatenated members
                chunk = decompressor.unused_data
                decompressor = _decompressor(path)
            else:  # output was not capped (we would have raised), so all input is used
                chunk = getattr(decompressor, "unconsumed_tail", b"")
    if decompressor is not None and not decompressor.eof:
        raise RejectError("read", "truncated_archive",
                          f"{path} ends before its compressed stream does (truncated copy?); fetch it again")


def _is_lines(path: str) -> bool:
    return _format_of(path) == "jsonl"


def stream_bytes(path: str, limits: Limits, start: int = 0, end: Optional[int] = None) -> Iterator[bytes]:
    """The file's (inflated) bytes from offset `start` up to `end` (None: to the end), in
    chunks; RejectError if the file cannot be read or is over its limit (`--max_input_bytes`
    for JSON Lines and archives, `--max_article_bytes` for one article)."""
    compressed = path.lower().endswith(COMPRESSED_SUFFIXES)
    limit = limits.max_input_bytes if (compressed or _is_lines(path)) else limits.max_article_bytes
    try:
        size = FileSystems.metadata(path).size_in_bytes
    except Exception:  # noqa: BLE001 - some filesystems cannot stat; the read below still caps
        size = None
    if size is not None and size > limit:
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

# ` date 2020-02-25 MANILA: Russia has ...`: date, then an optional dateline ending in ':'
_HEADER = re.compile(
    r"^\s*date\s+(?P<date>\d{4}-\d{1,2}-\d{1,2})\b[ \t]*"
    r"(?:(?P<dateline>[A-Z][A-Za-z .,'()/-]{0,60}?(?<![ ,])):[ \t]+)?")
_DATE_FIELDS = ("date", "published", "published_date", "publication_date")
_TEXT_FIELDS = ("text", "body", "content")


def parse_date(value: str) -> datetime.date:
    """A publication date from an ISO date or timestamp; ValueError if impossible."""
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
    if raw_date is not None:
        try:
            published = parse_date(str(raw_date))
        except ValueError:
            warning = f"date {raw_date!r} is not a calendar date; published_date left empty"
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(doc_id=doc_id, source_path=path, text=text, published_date=published,
                   title=title, source_line=source_line, encoding=encoding, parse_warning=warning)


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


def split_source(path: str, limits: Limits = Limits(),
                 piece_bytes: int = PIECE_BYTES) -> Iterator[Union[Piece, Reject]]:
    """The pieces a file is read in (one for a `.txt` / `.json` file, whole lines of
    about `piece_bytes` bytes for JSON Lines), or the reason it gives no article. A JSON
    Lines file is scanned once here (only line ends are kept), so one that cannot be
    read whole is rejected whole, as if it were read at once."""
    if not _is_lines(path):
        yield Piece(path)
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
        yield Piece(path, start, end, first_line)


def read_piece(piece: Piece, limits: Limits = Limits()) -> Iterator[Union[Article, Reject]]:
    """Every article of one piece, or the reason it gave none."""
    path = piece.path
    try:
        data = read_bytes(path, limits, piece.start, piece.end)
    except RejectError as err:
        yield Reject(path, err.stage, err.reason, err.detail)
        return
    if _is_lines(path):
        yield from _read_lines(data, path, limits, piece.first_line)
    else:
        yield from _read_article(data, path, limits)


def read_source(path: str, limits: Limits = Limits()) -> Iterator[Union[Article, Reject]]:
    """Every article of one input file, or the reason it gave none."""
    for piece in split_source(path, limits):
        if isinstance(piece, Reject):
            yield piece
        else:
            yield from read_piece(piece, limits)


def _read_article(data: bytes, path: str, limits: Limits) -> Iterator[Union[Article, Reject]]:
    fmt = _format_of(path)
    doc_id = doc_id_of(data, path)
    if len(data) > limits.max_article_bytes:
        yield Reject(path, "read", "too_large",
                     f"{path} inflates to {len(data):,} bytes, over --max_article_bytes "
                     f"({limits.max_article_bytes:,}); split it or raise the limit", doc_id)
        return
    try:
        text, encoding = decode(data, path)
        if fmt == "json":
            try:
                obj = json.loads(text)
            except ValueError as exc:
                raise RejectError("parse", "bad_json", f"{path} is not valid JSON ({exc})") from exc
            article = parse_json_article(obj, path, doc_id, encoding)
        else:
            article = parse_text_article(text, path, doc_id, encoding)
        article.content_hash = content_hash(data)
        yield article
    except RejectError as err:
        yield Reject(path, err.stage, err.reason, err.detail, doc_id)


def _read_lines(data: bytes, path: str, limits: Limits, first_line: int = 1) -> Iterator[Union[Article, Reject]]:
    if first_line == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, line in enumerate(data.split(b"\n"), start=first_line):
        if not line.strip():
            continue  # blank lines between records are not articles
        doc_id = doc_id_of(line.rstrip(b"\r"), path, number)
        try:
            if len(line) > limits.max_article_bytes:
                raise RejectError("read", "too_large",
                                  f"{path} line {number} has {len(line):,} bytes, over --max_article_bytes")
            text, encoding = decode(line, f"{path} line {number}")
            try:
                obj = json.loads(text)
            except ValueError as exc:
                raise RejectError("parse", "bad_json", f"{path} line {number} is not valid JSON ({exc})") from exc
            article = parse_json_article(obj, path, doc_id, encoding, source_line=number)
            article.content_hash = content_hash(line.rstrip(b"\r"))
            yield article
        except RejectError as err:
            yield Reject(path, err.stage, err.reason, err.detail, doc_id, number)
