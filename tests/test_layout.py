"""The house rules of the layout, checked on the source: rooms import downward only, and
no module imports itself back through others.

    pipeline  ->  transforms.beam  ->  transforms.extract  ->  transforms.nlp
                                                           ->  transforms.io  ->  schemas

`transforms.nlp` and `transforms.io` are side by side and never import each other;
nothing imports `pipeline`; `transforms` itself (DEFAULT_MODEL) and `schemas` are the floor.
Every import counts, those inside functions included (they are read with `ast`).
"""
from __future__ import annotations

import ast
import pathlib
from typing import Dict, List, Set

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "transforms", "schemas")

# room -> the rooms it may import (itself included)
ALLOWED: Dict[str, Set[str]] = {
    "schemas": {"schemas"},
    "transforms": {"transforms"},
    "transforms.io": {"transforms.io", "schemas", "transforms"},
    "transforms.nlp": {"transforms.nlp", "transforms"},
    "transforms.extract": {"transforms.extract", "transforms.nlp", "transforms.io", "schemas", "transforms"},
    "transforms.beam": {"transforms.beam", "transforms.extract", "transforms.nlp", "transforms.io", "schemas",
                        "transforms"},
    "pipeline": {"pipeline", "transforms.beam", "transforms.extract", "transforms.nlp", "transforms.io", "schemas",
                 "transforms"},
}


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> Dict[str, pathlib.Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((REPO / package).rglob("*.py"))}


def imports_of(path: pathlib.Path, name: str, modules: Dict[str, pathlib.Path]) -> Set[str]:
    """The project modules `path` imports (a `from package import module` counts as the module)."""
    found: Set[str] = set()
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[:len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> Dict[str, Set[str]]:
    modules = project_modules()
    return {name: imports_of(path, name, modules) for name, path in modules.items()}


def room_of(module: str) -> str:
    for room in sorted(ALLOWED, key=len, reverse=True):
        if module == room or module.startswith(room + "."):
            return room
    raise AssertionError(f"{module} is in no room of the layout; add it to ALLOWED")


def upward_imports(graph: Dict[str, Set[str]]) -> List[str]:
    return sorted(f"{a} ({room_of(a)}) imports {b} ({room_of(b)})"
                  for a, targets in graph.items() for b in targets if room_of(b) not in ALLOWED[room_of(a)])


def cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """Every strongly connected group of two or more modules (Tarjan), and self-loops."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in graph.get(v, ()):
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_checker_sees_every_room_and_module():
    graph = import_graph()
    assert {"pipeline.graph", "transforms.beam.annotate", "transforms.io.sources", "transforms.nlp.guard",
            "transforms.extract.build", "schemas.tables"} <= set(graph)
    assert "transforms.extract.build" in graph["transforms.beam.annotate"]  # an import inside a function
    for module in graph:
        room_of(module)


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_rooms_import_downward_only():
    assert upward_imports(import_graph()) == []


def test_nothing_imports_pipeline():
    graph = import_graph()
    assert [a for a, targets in graph.items() if not a.startswith("pipeline")
            and any(t.startswith("pipeline") for t in targets)] == []


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
    ({"a": {"a"}}, [["a"]]),
])
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert cycles(graph) == expected


def test_the_room_rule_flags_an_upward_import():
    graph = {"transforms.nlp.guard": {"transforms.extract.dates"}, "transforms.io.rows": {"transforms.beam.read"},
             "transforms.extract.dates": {"transforms.nlp.guard"}}
    assert upward_imports(graph) == [
        "transforms.io.rows (transforms.io) imports transforms.beam.read (transforms.beam)",
        "transforms.nlp.guard (transforms.nlp) imports transforms.extract.dates (transforms.extract)"]
