"""The archiver package imports in no circle: not at module level, and not lazily inside functions either.

The graph is read from the source with ``ast`` (every ``import`` and ``from ... import``
anywhere in a module: top level, inside functions, under ``if TYPE_CHECKING``), so a
cycle hidden behind a function-level import is found as well as a top-level one.
"""
from __future__ import annotations

import ast
from pathlib import Path

import archiver

PACKAGE = Path(archiver.__file__).resolve().parent


def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package at ``root``."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (directly, or as the parent package of one it imports).

    ``from pkg import name`` counts ``pkg.name`` when that is a module, and ``pkg``
    itself when ``name`` is not (an attribute of ``pkg/__init__``). Importing
    ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``; those count unless they
    are the importing module's own packages (already being imported), which count
    only when the module reads a name from them: then the package must be
    initialised first, a cycle if it imports the module.
    """
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        own = set(_ancestors(name))
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                submodules = {f"{source}.{alias.name}" for alias in node.names} & modules.keys()
                targets.update(submodules)
                if source not in own or len(submodules) < len(node.names):
                    targets.add(source)
        edges = set()
        for target in targets:
            for candidate in [*_ancestors(target), target]:
                if candidate in modules and candidate != name and candidate not in own:
                    edges.add(candidate)
            if target in own:
                edges.add(target)  # reads a name from its own package: a cycle if the package imports it
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``[a, b, ..., a]``, or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_archiver_has_no_import_cycles():
    graph = import_graph(PACKAGE)
    assert len(graph) > 30  # the whole package was read
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_graph_sees_lazy_imports_and_the_extraction_layers():
    graph = import_graph(PACKAGE)
    # a function-level import counts: the Ray backend is imported inside job_runner
    assert "archiver.cluster" in graph["archiver.commands.extract"]
    # the extraction driver uses the layers below it, and none of them the driver or the Ray backend
    assert {"archiver.records", "archiver.extract_pool", "archiver.extract_writer"} <= graph["archiver.extract_run"]
    for layer in ("archiver.records", "archiver.extract_worker", "archiver.extract_pool", "archiver.extract_writer"):
        assert not graph[layer] & {"archiver.extract_run", "archiver.cluster", "archiver.commands.extract"}, layer


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .worker import work\n")
    (pkg / "sub" / "worker.py").write_text("def work():\n    from pkg.driver import run\n    return run\n")
    (pkg / "driver.py").write_text("from pkg.sub import work\n\ndef run():\n    return work\n")
    cycle = find_cycle(import_graph(pkg))
    assert cycle is not None and cycle[0] == cycle[-1]
    assert {"pkg.driver", "pkg.sub.worker"} <= set(cycle)
    (pkg / "sub" / "worker.py").write_text("def work():\n    return 1\n")
    assert find_cycle(import_graph(pkg)) is None


def test_a_module_importing_its_own_package_that_imports_it_is_a_cycle(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("def helper():\n    from pkg.run import go\n    return go\n")
    (pkg / "run.py").write_text("from pkg import helper\n\ndef go():\n    return helper\n")
    assert find_cycle(import_graph(pkg)) == ["pkg", "pkg.run", "pkg"]


def test_a_module_importing_a_sibling_through_its_package_is_no_cycle(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from pkg.runner import run\n")
    (pkg / "runner.py").write_text("from pkg import helpers\n\ndef run():\n    return helpers.x\n")
    (pkg / "helpers.py").write_text("x = 1\n")
    assert import_graph(pkg)["pkg.runner"] == {"pkg.helpers"}
    assert find_cycle(import_graph(pkg)) is None
