"""No import cycles between ho21's modules, and the layers import only downwards.

The import graph is read from the source with ``ast`` (nothing is imported): every
``import`` and ``from … import`` anywhere in a file counts, also those inside
functions, because a function-level import that closes a cycle still runs. Imports
under ``if TYPE_CHECKING:`` never execute; they go into a separate graph that is
checked for layering but not for cycles.
"""

from __future__ import annotations

import ast
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "ho21cli"

# A layer may not import the layers listed for it (``errors`` and top-level modules
# are allowed everywhere; ``cli`` may import anything).
FORBIDDEN = {
    "core": ("storage", "render", "actions", "cli"),
    "storage": ("render", "actions", "cli"),
    "render": ("actions", "cli"),
    "actions": ("cli",),
}

Edges = dict[str, dict[str, list[str]]]  # importer -> imported -> ["file.py:line", ...]


@dataclass(repr=False)
class ImportGraph:
    modules: dict[str, Path]
    runtime: Edges = field(default_factory=dict)
    type_only: Edges = field(default_factory=dict)  # under `if TYPE_CHECKING:`

    def __repr__(self) -> str:  # short in pytest's tracebacks
        count = sum(len(targets) for targets in self.runtime.values())
        return f"ImportGraph({len(self.modules)} modules, {count} runtime imports)"


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` (a folder under ``root``); a package is its ``__init__``."""
    modules = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@dataclass(frozen=True)
class _Import:
    line: int
    level: int  # 0: absolute
    module: str  # `import X` / `from X import …` (may be "" for `from . import x`)
    names: tuple[str, ...]  # empty for `import X`
    type_only: bool


class _ImportFinder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[_Import] = []
        self._type_only = 0

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self._type_only += 1
        for statement in node.body:
            self.visit(statement)
        self._type_only -= 1
        for statement in node.orelse:  # the `else:` of `if TYPE_CHECKING:` does run
            self.visit(statement)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append(_Import(node.lineno, 0, alias.name, (), self._type_only > 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        names = tuple(alias.name for alias in node.names)
        self.found.append(_Import(node.lineno, node.level, node.module or "", names, self._type_only > 0))

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.import_module("x.y") and __import__("x.y") with a literal name
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ("import_module", "__import__") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and not first.value.startswith("."):
                self.found.append(_Import(node.lineno, 0, first.value, (), self._type_only > 0))
        self.generic_visit(node)


def _targets(found: _Import, importer: str, is_package: bool, modules: dict[str, Path]) -> list[str]:
    """The modules of the package that one import statement loads."""
    if found.level == 0:
        base = found.module
    else:
        package = importer.split(".") if is_package else importer.split(".")[:-1]
        if found.level - 1 > len(package):
            return []  # beyond the top package; Python refuses it too
        package = package[: len(package) - (found.level - 1)]
        base = ".".join([*package, found.module] if found.module else package)
    if not found.names:
        return [base] if base in modules else []
    targets = []
    for name in found.names:
        if f"{base}.{name}" in modules:  # `from pkg import module`
            targets.append(f"{base}.{name}")
        elif base in modules:  # `from module import name` (or `*`)
            targets.append(base)
    return targets


def build_graph(root: Path, package: str) -> ImportGraph:
    graph = ImportGraph(module_files(root, package))
    for importer, path in graph.modules.items():
        finder = _ImportFinder()
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        is_package = path.name == "__init__.py"
        for found in finder.found:
            edges = graph.type_only if found.type_only else graph.runtime
            for target in _targets(found, importer, is_package, graph.modules):
                if target != importer:
                    where = f"{path.relative_to(root).as_posix()}:{found.line}"
                    places = edges.setdefault(importer, {}).setdefault(target, [])
                    if where not in places:
                        places.append(where)
    return graph


def strongly_connected(edges: Edges) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, each sorted."""
    nodes = sorted(set(edges) | {t for targets in edges.values() for t in targets})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, {})):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            groups.append(sorted(group))

    for node in nodes:
        if node not in index:
            visit(node)
    return sorted(g for g in groups if len(g) > 1)


def _shortest_cycle(edges: Edges, start: str, within: set[str]) -> list[str]:
    """The shortest import chain from ``start`` back to ``start`` inside one group."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(edges.get(node, {})):
            if target not in within:
                continue
            if target == start:
                chain = [node]
                while chain[-1] != start:
                    chain.append(came_from[chain[-1]])
                return chain[::-1]
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    return []


def find_cycles(edges: Edges) -> list[list[str]]:
    """Cycles as module chains (without repeating the first), one or more per group,
    together passing through every module of the group."""
    cycles: list[list[str]] = []
    for group in strongly_connected(edges):
        seen: set[tuple[str, ...]] = set()
        for start in group:
            chain = _shortest_cycle(edges, start, set(group))
            turn = chain.index(min(chain))
            canonical = tuple(chain[turn:] + chain[:turn])
            if canonical not in seen and not (seen and set(canonical) <= {m for c in seen for m in c}):
                seen.add(canonical)
                cycles.append(list(canonical))
    return cycles


def describe_cycle(edges: Edges, chain: list[str]) -> str:
    lines = [" -> ".join([*chain, chain[0]])]
    for source, target in zip(chain, [*chain[1:], chain[0]], strict=True):
        lines.append(f"    {source} -> {target}  at {', '.join(edges[source][target])}")
    return "\n".join(lines)


def layer_violations(graph: ImportGraph, package: str) -> list[str]:
    problems: list[str] = []
    for kind, edges in (("", graph.runtime), (" (under TYPE_CHECKING)", graph.type_only)):
        for importer, targets in sorted(edges.items()):
            for layer, forbidden in FORBIDDEN.items():
                if not (importer == f"{package}.{layer}" or importer.startswith(f"{package}.{layer}.")):
                    continue
                for target, places in sorted(targets.items()):
                    for other in forbidden:
                        if target == f"{package}.{other}" or target.startswith(f"{package}.{other}."):
                            problems.extend(
                                f"{where}: {importer} imports {target}{kind}; {layer} must not import {other}"
                                for where in places
                            )
    return problems


# --- the checks on ho21 --------------------------------------------------------------


@pytest.fixture(scope="module")
def ho21_graph() -> ImportGraph:
    graph = build_graph(REPO, PACKAGE)
    assert len(graph.modules) > 1 and graph.runtime, f"no modules or imports found under {REPO / PACKAGE}"
    return graph


def test_no_import_cycles(ho21_graph: ImportGraph) -> None:
    cycles = find_cycles(ho21_graph.runtime)
    report = "\n".join(describe_cycle(ho21_graph.runtime, chain) for chain in cycles)
    if cycles:
        pytest.fail(f"{len(cycles)} import cycle(s) between ho21's modules:\n{report}", pytrace=False)


def test_layers_import_only_downwards(ho21_graph: ImportGraph) -> None:
    problems = layer_violations(ho21_graph, PACKAGE)
    if problems:
        pytest.fail(f"{len(problems)} import(s) against the layering:\n" + "\n".join(problems), pytrace=False)


# --- the graph and the cycle finder themselves, on a made-up package -----------------

SYNTHETIC = {
    "pkg/__init__.py": "",
    "pkg/a.py": "import pkg.d\n\n\ndef f():\n    from pkg import b\n",
    "pkg/b.py": "from .sub import c\n",
    "pkg/sub/__init__.py": "from ..a import f\n",
    "pkg/sub/c.py": "import os\nimport pkg.sub\n",
    "pkg/d.py": (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg import a\nelse:\n    import pkg.e\n"
    ),
    "pkg/e.py": "from pkg.sub.c import thing\nfrom . import e\n",
    "pkg/core/__init__.py": "",
    "pkg/core/model.py": "from pkg.errors import X\n\n\ndef g():\n    import pkg.cli.app\n",
    "pkg/errors.py": "",
    "pkg/cli/__init__.py": "",
    "pkg/cli/app.py": "from pkg.core import model\n",
}


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    for name, text in SYNTHETIC.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_graph_of_a_synthetic_package(synthetic: Path) -> None:
    graph = build_graph(synthetic, "pkg")
    runtime = {(s, t) for s, targets in graph.runtime.items() for t in targets}
    assert runtime == {
        ("pkg.a", "pkg.d"),
        ("pkg.a", "pkg.b"),  # inside a function
        ("pkg.b", "pkg.sub.c"),  # relative, a module
        ("pkg.sub", "pkg.a"),  # two levels up from a package's __init__
        ("pkg.sub.c", "pkg.sub"),  # a package is its __init__
        ("pkg.d", "pkg.e"),  # the else of `if TYPE_CHECKING:`
        ("pkg.e", "pkg.sub.c"),  # `from module import name`
        ("pkg.core.model", "pkg.errors"),
        ("pkg.core.model", "pkg.cli.app"),
        ("pkg.cli.app", "pkg.core.model"),
    }
    assert graph.type_only == {"pkg.d": {"pkg.a": ["pkg/d.py:4"]}}
    assert graph.runtime["pkg.a"]["pkg.b"] == ["pkg/a.py:5"]


def test_cycle_finder_reports_readable_chains(synthetic: Path) -> None:
    graph = build_graph(synthetic, "pkg")
    cycles = find_cycles(graph.runtime)
    assert cycles == [
        ["pkg.a", "pkg.b", "pkg.sub.c", "pkg.sub"],
        ["pkg.a", "pkg.d", "pkg.e", "pkg.sub.c", "pkg.sub"],  # the same tangle, through d and e
        ["pkg.cli.app", "pkg.core.model"],
    ]
    text = describe_cycle(graph.runtime, cycles[0])
    assert text.splitlines() == [
        "pkg.a -> pkg.b -> pkg.sub.c -> pkg.sub -> pkg.a",
        "    pkg.a -> pkg.b  at pkg/a.py:5",
        "    pkg.b -> pkg.sub.c  at pkg/b.py:1",
        "    pkg.sub.c -> pkg.sub  at pkg/sub/c.py:2",
        "    pkg.sub -> pkg.a  at pkg/sub/__init__.py:1",
    ]
    # Break the cycles: none is left, and the TYPE_CHECKING import d -> a never counted.
    (synthetic / "pkg/sub/__init__.py").write_text("", encoding="utf-8")
    (synthetic / "pkg/core/model.py").write_text("from pkg.errors import X\n", encoding="utf-8")
    assert find_cycles(build_graph(synthetic, "pkg").runtime) == []


def test_cycle_finder_covers_every_module_of_a_tangle() -> None:
    edges: Edges = {"a": {"b": ["a:1"], "c": ["a:2"]}, "b": {"a": ["b:1"]}, "c": {"a": ["c:1"]}, "d": {"a": ["d:1"]}}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert find_cycles(edges) == [["a", "b"], ["a", "c"]]


def test_layer_check_of_a_synthetic_package(synthetic: Path) -> None:
    assert layer_violations(build_graph(synthetic, "pkg"), "pkg") == [
        "pkg/core/model.py:5: pkg.core.model imports pkg.cli.app; core must not import cli"
    ]
