"""The one loader of lexicon files: `transforms/lexicons/<kind>/<file>`.

Extractors name their lexicons in their factory's `default_config` (a folder, None for
the package's own) and load them when the component is made, through these functions.
Each file is parsed once per process (the cache is keyed by its path), however many
components or helpers ask for it.
"""
from __future__ import annotations

import functools
import json
import os
from typing import Any, List, Optional, Tuple

LEXICON_ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lexicons")


def lexicon_path(kind: str, name: str, folder: Optional[str] = None) -> str:
    """The path of lexicon `name` of `kind`: under `folder` if given, else the package's."""
    return os.path.join(folder or os.path.join(LEXICON_ROOT, kind), name)


@functools.lru_cache(maxsize=None)
def _read_json(path: str) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@functools.lru_cache(maxsize=None)
def _read_lines(path: str) -> Tuple[str, ...]:
    with open(path, encoding="utf-8") as f:
        return tuple(line.rstrip("\n") for line in f)


def load_json(kind: str, name: str, folder: Optional[str] = None) -> Any:
    """A JSON lexicon (shared: callers must not change it)."""
    return _read_json(lexicon_path(kind, name, folder))


def load_lines(kind: str, name: str, folder: Optional[str] = None) -> List[str]:
    """The stripped lines of a word list, blank lines and `#` comments left out."""
    return [line.strip() for line in _read_lines(lexicon_path(kind, name, folder))
            if line.strip() and not line.startswith("#")]


def load_tsv(kind: str, name: str, folder: Optional[str] = None, columns: int = 2) -> List[Tuple[str, ...]]:
    """Rows of a tab-separated lexicon, padded with '' to `columns` fields, each stripped;
    blank lines and `#` comments left out."""
    rows = []
    for line in _read_lines(lexicon_path(kind, name, folder)):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        rows.append(tuple(parts + [""] * (columns - len(parts))))
    return rows


def raw_lines(kind: str, name: str, folder: Optional[str] = None) -> List[str]:
    """Every line of a lexicon file as written (newline removed), for formats that
    parse their own comments and fields."""
    return list(_read_lines(lexicon_path(kind, name, folder)))
