"""The shape of the code: no import circles, the layers of docs/architecture.md, small modules."""

from pathlib import Path

import grimp
import pytest

TRACKER = Path(__file__).resolve().parents[2] / "tracker"
MAX_MODULE_LINES = 300


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # grimp reads every import statement, those inside functions included.
    return grimp.build_graph("tracker")


def import_circles(graph: grimp.ImportGraph) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    circles: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = {stack.pop()}
            while module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                circles.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return circles


def test_no_module_imports_another_that_imports_it_back(graph) -> None:
    assert import_circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert import_circles(graph) == [{"pkg.a", "pkg.b"}]


def _package(module: str) -> str:
    """The top-level part of tracker a module belongs to: tracker.workflow, tracker.forms…"""
    return ".".join(module.split(".")[:2])


def package_graph(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """The same imports between the features and the other top-level parts of tracker."""
    packages = grimp.ImportGraph()
    for module in graph.modules - {"tracker"}:
        packages.add_module(_package(module))
        for imported in graph.find_modules_directly_imported_by(module) - {"tracker"}:
            if _package(imported) != _package(module):
                packages.add_import(importer=_package(module), imported=_package(imported))
    return packages


def test_no_feature_imports_another_that_imports_it_back(graph) -> None:
    assert import_circles(package_graph(graph)) == []


def test_no_feature_reaches_up_into_the_web_or_the_api(graph) -> None:
    upper = {"tracker.web", "tracker.api"}
    reaching_up = {
        (module, imported)
        for module in graph.modules
        if module != "tracker" and _package(module) not in upper
        for imported in graph.find_modules_directly_imported_by(module)
        if _package(imported) in upper
    }
    assert reaching_up == set()


@pytest.mark.parametrize(
    "path", sorted(TRACKER.rglob("*.py")), ids=lambda path: str(path.relative_to(TRACKER))
)
def test_module_is_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES
