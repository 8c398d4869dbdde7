"""Names Python treats specially, written where a registry names a Python name, in
every kind: each is refused as the registry is read, in one line that names the file,
the line and the field, or it makes a package in which every name that __all__, a
stub or the export advertises is there at run time."""

from __future__ import annotations

import ast
import copy
import dataclasses
import json
import keyword
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import KINDS, PACKAGE, ROOT, generated_package
from generator.kind import Kind
from generator.outputs import build_outputs
from generator.problems import InputError
from generator.registry import Registry, load_registry

# Building and importing a package per name: in make test, not in the quick loop.
pytestmark = pytest.mark.slow


def _defined() -> set[str]:
    """What the committed package's modules and their classes define besides the
    registries' own names (members, aliases, constants)."""
    names: set[str] = set()
    with generated_package(PACKAGE) as load:
        for path in PACKAGE.glob("*.py"):
            if path.stem in ("__init__", "__main__"):
                continue
            module = load(path.stem)
            for value in [module, *vars(module).values()]:
                if value is module or isinstance(value, type):
                    names |= {n for n in vars(value) if not n.isupper() or n[0] == "_"}
    return names


# Two leading underscores (renamed inside a class), keywords, and the names the
# package's modules and classes already have, each as written and in capitals.
NAMES = sorted(
    {"__Probe", "__PROBE", "__PROBE__", "_PROBE", "PROBE__", "__", "_"}
    | {word for name in keyword.kwlist for word in (name, name.upper())}
    | {word for name in _defined() for word in (name, name.upper())}
)


def _entries(kind: Kind) -> list[dict[str, Any]]:
    """The committed registry's entries that have a name (members, for an enum
    kind), with nothing that ties them to CPython's own enum."""
    data = yaml.safe_load((ROOT / "data" / kind.registry).read_text(encoding="utf-8"))
    return [
        {
            key: value
            for key, value in entry.items()
            if key not in ("python_added", "python_wording", "aliases")
        }
        for entry in data[kind.entries]
        if "name" in entry and entry.get("member", True)
    ]


def _registries(
    kind: Kind, names: list[str], alias: bool
) -> list[list[dict[str, Any]]]:
    """Registries whose entries, together, have each name as their name (or as an
    alias): where the name is the kind's key, one entry per spelling, copies of the
    first entry; else the committed entries, renamed, in as many registries as it
    takes."""
    entries = _entries(kind)
    if kind.record.KEY == "name":
        named = {
            kind.fold(name): {**copy.deepcopy(entries[0]), "name": name}
            for name in names
        }
        return [[named[key] for key in sorted(named)]]
    registries = []
    for start in range(0, len(names), len(entries)):
        chunk = zip(names[start : start + len(entries)], entries)
        registries.append(
            [
                {
                    **copy.deepcopy(entry),
                    **({"aliases": [name]} if alias else {"name": name}),
                }
                for name, entry in chunk
            ]
        )
    return registries


def _missing(package: Path, kind: Kind, export: dict[str, Any]) -> list[str]:
    """Every name the package says it has that is not there at run time: each
    module's __all__, what each stub assigns or defines at its top and in its
    classes, and the Python names of the kind's export."""
    missing = []
    with generated_package(package) as load:
        for path in sorted(package.glob("*.py")):
            if path.stem in ("__init__", "__main__"):
                continue
            module = load(path.stem)
            for name in getattr(module, "__all__", ()):
                if not hasattr(module, name):
                    missing.append(f"{path.name}: __all__: {name}")
            stub = path.with_suffix(".pyi")
            if not stub.is_file():
                continue
            for node in ast.parse(stub.read_text(encoding="utf-8")).body:
                owner, body = module, [node]
                if isinstance(node, ast.ClassDef) and hasattr(module, node.name):
                    owner, body = getattr(module, node.name), node.body
                for name in (name for item in body for name in _assigned(item)):
                    if not hasattr(owner, name):
                        missing.append(f"{stub.name}: {name}")
        classes = [
            value
            for _, module, attribute in kind.top_level
            for value in [getattr(load(module), attribute)]
            if isinstance(value, type)
        ]
        for name in _exported_names(kind, export):
            if not any(hasattr(owner, name) for owner in classes):
                missing.append(f"export: {name}")
    return missing


def _assigned(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return [node.target.id] if isinstance(node.target, ast.Name) else []
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return [node.name]
    return []


def _exported_names(kind: Kind, export: dict[str, Any]) -> list[str]:
    """The Python names the export gives: the members' names and aliases of an enum
    kind, and each entry's constant where the kind has them."""
    names = []
    for entry in export[kind.entries]:
        if kind.enum is not None and entry["member"]:
            names += [entry["name"]] + [alias["name"] for alias in entry["aliases"]]
        if entry.get("constant"):
            names.append(entry["constant"])
    return names


@pytest.mark.parametrize(
    ("kind", "alias"),
    [
        (kind, alias)
        for kind in KINDS
        for alias in (False, True)
        if not alias or "aliases" in {f.name for f in dataclasses.fields(kind.record)}
    ],
    ids=lambda value: (
        value.name if isinstance(value, Kind) else ("alias" if value else "name")
    ),
)
def test_a_special_name_is_refused_or_there_at_run_time(kind: Kind, alias: bool, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    built = 0
    for entries in _registries(kind, NAMES, alias):
        loaded = _load_without_the_refused(kind, entries, tmp_path)
        if loaded is None:
            continue
        built += 1
        package = tmp_path / str(built) / PACKAGE.name
        shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
        texts = build_outputs([loaded], ROOT / "templates")
        for path, content in texts.items():
            (package.parent / path).write_text(content, encoding="utf-8")
        export = json.loads(
            next(
                texts[output.path]
                for output in kind.outputs
                if output.name.endswith(".json") and "schema" not in output.name
            )
        )
        assert _missing(package, kind, export) == []
    # What the corpus holds besides what is refused reaches the generated code.
    assert built


def _load_without_the_refused(
    kind: Kind, entries: list[dict[str, Any]], folder: Path
) -> Registry | None:
    """The registry of `entries` less those refused, each refusal having been one line
    naming the file, the line and the name's field; None when all are refused."""
    registry = folder / kind.registry
    while entries:
        text = yaml.safe_dump({kind.entries: entries}, sort_keys=False)
        registry.write_text(text, encoding="utf-8")
        try:
            return load_registry(kind, registry, kind.registry)
        except InputError as error:
            refused = []
            for problem in error.problems:
                assert len(str(problem).splitlines()) == 1
                assert problem.path == kind.registry and problem.line > 0, problem
                assert problem.field.split("[")[0] in ("name", "aliases"), problem
                # The entry whose lines hold the reported one.
                refused.append(
                    text[: _line_start(text, problem.line + 1)].count("\n- ") - 1
                )
            assert refused, error.problems
            entries = [e for index, e in enumerate(entries) if index not in refused]
    return None


def _line_start(text: str, line: int) -> int:
    return sum(len(each) for each in text.splitlines(keepends=True)[: line - 1])
