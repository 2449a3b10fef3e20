"""The import graph runs one way down the pipeline: index -> assistant -> evals -> ui.

Every import counts, including those deferred inside functions: a deferred import is
still a dependency, only a cheaper one to load.
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# Lower layers may be imported by higher ones, never the reverse. `prompts` is data with
# a loader, below everything that uses it.
LAYERS = {"prompts": 0, "index": 0, "assistant": 1, "evals": 2, "ui": 3}


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path, path: Path, known: set[str]) -> set[str]:
    """Our modules that `path` imports, at any depth of the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    this = module_name(root, path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # "from assistant import compose" imports the module assistant.compose
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != this:
                found.add(name)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    files = [p for layer in LAYERS for p in (root / layer).rglob("*.py")]
    known = {module_name(root, p) for p in files}
    return {module_name(root, p): imports_of(root, p, known) for p in files}


def violations(graph: dict[str, set[str]]) -> list[str]:
    out = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            src, dst = module.split(".")[0], target.split(".")[0]
            if LAYERS[dst] > LAYERS[src] or (LAYERS[dst] == LAYERS[src] and src != dst):
                out.append(f"{module} imports {target}: {src} may not depend on {dst}")
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_imports_run_one_way_down_the_stages():
    assert violations(import_graph(ROOT)) == []


def test_no_import_cycles():
    assert cycles(import_graph(ROOT)) == []


def test_the_checks_catch_an_upward_import_and_a_cycle(tmp_path):
    """The two checks above would fail on a tree that breaks the rules."""
    for layer in LAYERS:
        (tmp_path / layer).mkdir()
        (tmp_path / layer / "__init__.py").write_text("")
    (tmp_path / "index" / "parse.py").write_text("def f():\n    from ui.cli import main\n")
    (tmp_path / "evals" / "runner.py").write_text("from evals import report\n")
    (tmp_path / "evals" / "report.py").write_text("from .runner import run\n")
    (tmp_path / "ui" / "cli.py").write_text("import assistant\n")
    graph = import_graph(tmp_path)
    assert violations(graph) == ["index.parse imports ui.cli: index may not depend on ui"]
    assert cycles(graph) == [["evals.report", "evals.runner"]]


def test_the_command_line_is_an_interface():
    assert (ROOT / "ui" / "cli.py").exists() and not (ROOT / "assistant" / "cli.py").exists()
    assert 'report-assistant = "ui.cli:main"' in (ROOT / "pyproject.toml").read_text()
