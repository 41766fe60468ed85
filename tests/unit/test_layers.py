"""The layer contract of ARCHITECTURE.md, checked by reading every module's imports.

- the domain imports only the standard library, its chosen libraries and
  ``desk.domain`` / ``desk.errors`` / ``desk.resources``;
- SQLAlchemy, Alembic and psycopg are imported only in ``desk/store``;
- the window, the command line and the features (printing, sync, forms) never reach the
  store; the features do not reach the services either;
- no import cycle between the desk's modules, and no module loaded by name behind the
  reader's back (``importlib.import_module``).

Imports inside functions count as much as those at the top: a lazy import is still a
dependency. Only ``if TYPE_CHECKING:`` blocks are left out of the cycle check, since they
never run.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "desk"

DOMAIN_LIBRARIES = {
    "holidays",  # the Vietnamese calendar (DOMAIN §6)
    "jsonschema",  # the catalogue file checked against its schema (desk.domain.catalogue_file)
    "orjson",  # the log's canonical bytes, written faster (desk.domain.audit.canonical)
}
DOMAIN_DESK_IMPORTS = ("desk.domain", "desk.errors", "desk.resources")
SQL_LIBRARIES = {"sqlalchemy", "alembic", "psycopg", "psycopg2"}
NO_STORE = ("desk.ui", "desk.cli", "desk.commands", "desk.printing", "desk.sync", "desk.forms")
FEATURES = ("desk.printing", "desk.sync", "desk.forms")


@dataclass(frozen=True)
class Import:
    importer: str  # the module that imports
    target: str  # the module (or package) imported
    line: int
    runtime: bool  # False inside ``if TYPE_CHECKING:``


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def desk_modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue  # Alembic's own scripts: the store's, loaded by Alembic
        modules[module_name(path)] = path
    return modules


MODULES = desk_modules()


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for inner in node.body:
                typing_only.update(id(n) for n in ast.walk(inner))
    for node in ast.walk(tree):
        runtime = id(node) not in typing_only
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno, runtime)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, is_package, node)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                target = candidate if candidate in MODULES else base
                yield Import(name, target, node.lineno, runtime)


ALL_IMPORTS = [i for name, path in MODULES.items() for i in imports_of(name, path)]


def _within(module: str, prefixes: tuple[str, ...] | str) -> bool:
    prefixes = (prefixes,) if isinstance(prefixes, str) else prefixes
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _where(found: list[Import]) -> str:
    return "\n".join(f"  {i.importer}:{i.line} imports {i.target}" for i in found)


def test_the_reader_sees_every_layer() -> None:
    # Guards the checks below against passing because they read nothing.
    for package in ("desk.domain", "desk.store", "desk.services", "desk.ui", "desk.printing"):
        assert any(_within(m, package) for m in MODULES), package
    assert any(i.target.startswith("sqlalchemy") for i in ALL_IMPORTS)


def test_the_domain_imports_only_the_standard_library_its_libraries_and_itself() -> None:
    allowed_top = set(sys.stdlib_module_names) | DOMAIN_LIBRARIES
    wrong = [
        i
        for i in ALL_IMPORTS
        if _within(i.importer, "desk.domain")
        and not (
            _within(i.target, DOMAIN_DESK_IMPORTS)
            or (i.target.split(".")[0] in allowed_top and i.target.split(".")[0] != "desk")
        )
    ]
    assert not wrong, "the domain reaches beyond itself:\n" + _where(wrong)


def test_sql_libraries_are_imported_only_in_the_store() -> None:
    wrong = [
        i
        for i in ALL_IMPORTS
        if i.target.split(".")[0] in SQL_LIBRARIES and not _within(i.importer, "desk.store")
    ]
    assert not wrong, "SQL outside desk/store:\n" + _where(wrong)


def test_the_window_the_command_line_and_the_features_never_reach_the_store() -> None:
    wrong = [
        i for i in ALL_IMPORTS if _within(i.importer, NO_STORE) and _within(i.target, "desk.store")
    ]
    assert not wrong, "the store is reached past the services:\n" + _where(wrong)


def test_the_features_do_not_call_the_services() -> None:
    wrong = [
        i
        for i in ALL_IMPORTS
        if _within(i.importer, FEATURES) and _within(i.target, "desk.services")
    ]
    assert not wrong, "a feature calls the services:\n" + _where(wrong)


def test_no_module_is_loaded_by_name() -> None:
    wrong = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "import_module"
            ):
                wrong.append(f"  {name}:{node.lineno}")
    assert not wrong, "importlib.import_module hides a dependency:\n" + "\n".join(wrong)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _edges(imports: list[Import]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for i in imports:
        if i.runtime and i.target in MODULES and i.target != i.importer:
            # A package's __init__ is not a dependency of its own modules' imports of it.
            if _within(i.importer, i.target) and MODULES[i.target].name == "__init__.py":
                continue
            edges.setdefault(i.importer, set()).add(i.target)
    return edges


def test_no_import_cycle() -> None:
    cycles = _cycles(_edges(ALL_IMPORTS))
    assert not cycles, "import cycles:\n" + "\n".join("  " + " ↔ ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle() -> None:
    made_up = [
        Import("desk.cli", "desk.commands.base", 1, True),
        Import("desk.commands.base", "desk.cli", 1, True),
    ]
    assert _cycles({"desk.cli": {"desk.commands.base"}, "desk.commands.base": {"desk.cli"}})
    assert made_up[0].target == made_up[1].importer


@pytest.mark.parametrize("limit", [400])
def test_no_module_is_too_big_to_read_unless_it_says_why(limit: int) -> None:
    too_big = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        head = ast.get_docstring(ast.parse(text)) or ""
        if lines > limit * 1.1 and "one piece" not in head:
            too_big.append(f"  {name}: {lines} lines")
    assert not too_big, (
        f"modules over ~{limit} lines whose docstring does not say why they are one piece:\n"
        + "\n".join(too_big)
    )
