"""Benchmark the generated modules against CPython's own http, side by side, in one run.

    make bench            (or: .venv/bin/python bench/bench.py [--quick])

For every supported CPython found (pyenv, `python3.X` on PATH, the cache of
.ci/cpython.py), in fresh interpreter processes, from compiled .pyc files as an
installed package has them, three yardsticks:

- what a user writes instead: `from http_registries.http_status import
  HTTPStatus` against `from http import HTTPStatus` (and the pair against both
  enums), nothing imported before;
- the marginal cost after `import http.client`, against a module of an empty
  package that only re-exports http.HTTPStatus (the floor of any such import);
- like for like, the enum the modules build (_http_status_enum) against CPython's
  own HTTPStatus alone (the interpreter's http/__init__.py cut before HTTPMethod),
  in time and in instructions, and the pair against `import http`.

Then lookups on the enums, the constants module and the info modules against
http.HTTPStatus, http.HTTPMethod and http.client; and the generator itself: `check`
end to end, and generation time as the registry grows to all 500 codes.
Prints Markdown tables of medians and ratios (ours / standard library).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from dataclasses import field as _default
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import protocols  # noqa: E402
from protocols import HEADER as PROTOCOLS_HEADER  # noqa: E402
from protocols import protocol_rows, write_plain_modules  # noqa: E402

from generator.kind import PACKAGE  # noqa: E402
from generator.kinds import field, status  # noqa: E402
from generator.outputs import OUTPUTS, build_outputs  # noqa: E402
from generator.pythons import SUPPORTED  # noqa: E402
from generator.registry import load_registry  # noqa: E402
from interpreters import find_interpreter  # noqa: E402

LOOKUP_PROCESSES = 5

# Like for like: what each variant imports; enum first, since every variant needs it
# and many programs have it loaded already: what remains is each module's own cost.
# _http_status_enum is the enum the modules build where the standard one is not
# current: set against CPython's own HTTPStatus alone.
IMPORTS = {
    "http_status": "import enum; import _http_status_enum",
    "http_status, class statement": "import enum; enum.__dict__.pop('_simple_enum', None); import _http_status_enum",
    "CPython's HTTPStatus alone": "import enum; import stdlib_http_status",
    "http": "import enum; import http",
    "http_status + http_method": "import enum; import _http_status_enum; import _http_method_enum",
}

# What a user writes, in a fresh process (nothing imported before): the modules
# against the standard library's own enums.
FRESH = {
    "import http_status": "from http_registries.http_status import HTTPStatus",
    "from http import HTTPStatus": "from http import HTTPStatus",
    "import http_status, http_method": "from http_registries import http_status, http_method",
    # Both of the standard library's enums, where it has both (3.11 on).
    "import http": "import http",
}

# The same two, as whole processes (start and exit included): what a script pays.
WHOLE_PROCESS = ("import http_status", "from http import HTTPStatus")

# Copies of each package that the marginal yardstick imports in one process, in
# instructions (see marginal_instructions).
MARGINAL_COPIES = 40

# The marginal cost in a program that has imported http.client (as almost every
# program that speaks HTTP has): http_status against a module that only re-exports
# http.HTTPStatus, the floor of any import of a module of a package (the floor's
# package is empty; ours holds its docstring and version). Each variant imports the
# http_status module of its package.
FLOOR_PACKAGE = "reexport_floor"
MARGINAL_PACKAGES = {"import http_status": PACKAGE, "re-export floor": FLOOR_PACKAGE}
MARGINAL = {
    variant: f"import http.client; import {package}.http_status"
    for variant, package in MARGINAL_PACKAGES.items()
}
REEXPORT_FLOOR = 'from http import HTTPStatus\n\n__all__ = ["HTTPStatus"]\n'

# The floors of the fresh-process yardstick, in instructions: what any module that
# re-exports http.HTTPStatus costs beyond `from http import HTTPStatus`, as a
# top-level module and as a module of a package (the shape an import name needs).
FRESH_FLOORS = {
    "top-level module": "from reexport_module import HTTPStatus",
    "module of a package": f"from {FLOOR_PACKAGE}.http_status import HTTPStatus",
}

# Where CPython's http/__init__.py starts HTTPMethod (3.11 on): the like-for-like
# yardstick is the same file without it.
_HTTP_METHOD = re.compile(
    r"^(@_simple_enum\(StrEnum\)\n)?class HTTPMethod\b", re.MULTILINE
)


def write_stdlib_http_status(python: Path, folder: str) -> None:
    """The interpreter's own http/__init__.py up to HTTPMethod, as stdlib_http_status.py."""
    source = subprocess.run(
        [
            str(python),
            "-c",
            "import http, sys; sys.stdout.write(open(http.__file__, encoding='utf-8').read())",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = _HTTP_METHOD.search(source)
    alone = source[: match.start()] if match else source
    Path(folder, "stdlib_http_status.py").write_text(alone, encoding="utf-8")


def _instructions(python: Path, statement: str, path: str) -> int:
    """Instructions a fresh interpreter executes for `statement`, counted by callgrind:
    the same count on every run, where times move by several percent."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--trace-children=yes",  # the newest CPythons start via a wrapper
                f"--callgrind-out-file={folder}/out.%p",
                str(python),
                "-c",
                statement,
            ],
            env={**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": "0"},
            capture_output=True,
            check=True,
        )
        return sum(
            int(match)
            for out in Path(folder).iterdir()
            for match in re.findall(
                r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE
            )[:1]
        )


def instructions(python: Path, variant: str, path: str) -> int | None:
    """Instructions the variant's import executes beyond `import enum`: finding the
    modules, unmarshalling their .pyc, running them, and freeing it all at exit."""
    if shutil.which("valgrind") is None:
        return None
    return _instructions(python, IMPORTS[variant], path) - _instructions(
        python, "import enum", path
    )


def exec_instructions(python: Path, module: str, path: str) -> int | None:
    """Instructions of running the module's code alone (and freeing what it made, at
    exit), its .pyc already unmarshalled: what building the enum costs."""
    if shutil.which("valgrind") is None:
        return None
    source = str(Path(path, f"{module}.py"))
    load = (
        "import enum, importlib.util, marshal; code = marshal.loads(open("
        f"importlib.util.cache_from_source({source!r}), 'rb').read()[16:])"
    )
    run = f"{load}; exec(code, {{'__name__': {module!r}}})"
    return _instructions(python, run, path) - _instructions(python, load, path)


def import_time(python: Path, variant: str, path: str) -> float:
    """The import time of the variant's modules after enum, in seconds, from -X importtime."""
    return statement_time(python, IMPORTS[variant], path, skip=1)


def process_time(python: Path, statement: str, path: str) -> float:
    """The wall time of a fresh process that runs `statement`, start and exit included,
    in seconds: what a script pays."""
    start = time.perf_counter()
    subprocess.run(
        [str(python), "-c", statement],
        env={**os.environ, "PYTHONPATH": path},
        check=True,
    )
    return time.perf_counter() - start


def statement_time(python: Path, statement: str, path: str, skip: int = 0) -> float:
    """The cumulative import time of the modules `statement` names after the first
    `skip` of them, with their packages and the submodules a from-import brings, in
    seconds, from -X importtime in a fresh process."""
    modules = [
        name
        for names in re.findall(
            r"(?:from|import) ([\w., ]+?)(?: import .*)?(?:;|$)", statement
        )
        for name in re.split(r",\s*", names)
    ][skip:]
    result = subprocess.run(
        [str(python), "-X", "importtime", "-c", statement],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=True,
    )
    # The imports the statement made itself (not nested in another), of those modules.
    found = re.findall(
        r"^import time:\s+\d+ \|\s+(\d+) \| (\S+)$", result.stderr, re.MULTILINE
    )
    counted = [
        int(cumulative)
        for cumulative, name in found
        if any(
            name == module
            or module.startswith(f"{name}.")
            or name.startswith(f"{module}.")
            for module in modules
        )
    ]
    assert counted, f"{statement}: no import of {modules} in {result.stderr!r}"
    return sum(counted) / 1e6


def user_instructions(python: Path, folder: str) -> str:
    """The fresh-process and marginal yardsticks of one interpreter in instructions,
    as ratios, where their times move by several percent from run to run."""
    if shutil.which("valgrind") is None:
        return "| (no valgrind) | | | | |"

    def count(statement: str) -> int:
        return _instructions(python, statement, folder)

    empty, ours, theirs = (
        count(statement)
        for statement in (
            "pass",
            FRESH["import http_status"],
            FRESH["from http import HTTPStatus"],
        )
    )
    floors = [count(statement) - empty for statement in FRESH_FLOORS.values()]
    cells = [(ours - empty) / (theirs - empty)]
    cells += [cost / (theirs - empty) for cost in floors]
    cells += [ours / theirs, marginal_instructions(python, folder)]
    return "| " + " | ".join(f"{cell:.3f}" for cell in cells) + " |"


def marginal_instructions(python: Path, folder: str) -> float:
    """The marginal yardstick in instructions: the package's module against the
    re-export floor's, each imported after http.client, averaged over
    MARGINAL_COPIES copies of each package imported one after another in one
    process. One import alone costs a few percent more or less by where it falls
    in the allocator's state (the size of the environment moves it), which is as
    much as the goal; over the copies that averages out."""
    with tempfile.TemporaryDirectory() as copies:
        for index in range(MARGINAL_COPIES):
            for package in MARGINAL_PACKAGES.values():
                shutil.copytree(
                    Path(folder, package),
                    Path(copies, f"{package}_{index:02d}"),
                    ignore=shutil.ignore_patterns("__pycache__"),
                )
        subprocess.run([str(python), "-m", "compileall", "-q", copies], check=True)
        client = _instructions(python, "import http.client", copies)
        ours, floor = (
            _instructions(
                python,
                "import http.client; "
                + "; ".join(
                    f"import {package}_{index:02d}.http_status"
                    for index in range(MARGINAL_COPIES)
                ),
                copies,
            )
            - client
            for package in MARGINAL_PACKAGES.values()
        )
    return ours / floor


def user_rows(python: Path, folder: str, runs: int) -> tuple[str, str, str]:
    """The fresh-process row, the marginal row and their instructions, of one interpreter."""
    floor_package = Path(folder, FLOOR_PACKAGE)
    floor_package.mkdir()
    (floor_package / "__init__.py").write_text("", encoding="utf-8")
    (floor_package / "http_status.py").write_text(REEXPORT_FLOOR, encoding="utf-8")
    Path(folder, "reexport_module.py").write_text(REEXPORT_FLOOR, encoding="utf-8")
    subprocess.run([str(python), "-m", "compileall", "-q", folder], check=True)
    fresh: dict[str, list[float]] = {variant: [] for variant in FRESH}
    whole: dict[str, list[float]] = {variant: [] for variant in WHOLE_PROCESS}
    marginal: dict[str, list[float]] = {variant: [] for variant in MARGINAL}
    for _ in range(runs):  # alternating, so that all meet the same machine
        for variant, statement in FRESH.items():
            fresh[variant].append(statement_time(python, statement, folder))
        for variant in WHOLE_PROCESS:
            whole[variant].append(process_time(python, FRESH[variant], folder))
        for variant, statement in MARGINAL.items():
            marginal[variant].append(statement_time(python, statement, folder, skip=1))
    ours, theirs, pair, both = (statistics.median(fresh[v]) for v in FRESH)
    script, stdlib_script = (statistics.median(whole[v]) for v in WHOLE_PROCESS)
    extra, floor = (statistics.median(marginal[v]) for v in MARGINAL)
    stdlib = subprocess.run(
        [
            str(python),
            "-c",
            "import http; from http_registries import http_status; "
            "print(http_status.HTTPStatus is http.HTTPStatus)",
        ],
        env={**os.environ, "PYTHONPATH": folder},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    version = _version(python)
    return (
        f"| {version} | {stdlib} | {_seconds(ours)} | {_seconds(theirs)} | **{ours / theirs:.2f}** "
        f"| {_seconds(script)} | {_seconds(stdlib_script)} | {script / stdlib_script:.2f} "
        f"| {_seconds(pair)} | {_seconds(both)} | {pair / both:.2f} |",
        f"| {version} | {_seconds(extra)} | {_seconds(floor)} | **{extra / floor:.2f}** |",
        f"| {version} {user_instructions(python, folder)}",
    )


@dataclass
class Tables:
    """The rows of each table the benchmark prints, a row per interpreter (lookups:
    several)."""

    imports: list[str] = _default(default_factory=list)
    lookups: list[str] = _default(default_factory=list)
    fresh: list[str] = _default(default_factory=list)
    marginal: list[str] = _default(default_factory=list)
    counted: list[str] = _default(default_factory=list)
    fields: list[str] = _default(default_factory=list)
    top: list[str] = _default(default_factory=list)
    protocols: list[str] = _default(default_factory=list)


def benchmark_interpreters(runs: int) -> Tables:
    tables = Tables()
    for minor in SUPPORTED:
        python = find_interpreter(minor)
        if python is None:
            tables.fields.append(f"| {minor} | (not found) | | | | | | |")
            tables.top.append(f"| {minor} | (not found) | | | |")
            tables.imports.append(f"| {minor} | (not found) | | | | | | | | | | |")
            tables.fresh.append(f"| {minor} | (not found) | | | | | | | | | |")
            tables.marginal.append(f"| {minor} | (not found) | | |")
            tables.counted.append(f"| {minor} | (not found) | | | | |")
            continue
        with tempfile.TemporaryDirectory() as folder:
            # The package, as users import it; and the modules that build the enums
            # on their own, for the like-for-like yardstick (they import no sibling).
            shutil.copytree(ROOT / "generated" / PACKAGE, Path(folder, PACKAGE))
            for output in OUTPUTS:
                if output.is_private:
                    shutil.copy(ROOT / "generated" / output.path, folder)
            write_stdlib_http_status(python, folder)
            write_plain_fields(Path(folder, PACKAGE))
            write_plain_modules(Path(folder, PACKAGE))
            Path(folder, EMPTY_PACKAGE).mkdir()
            Path(folder, EMPTY_PACKAGE, "__init__.py").write_text("")
            subprocess.run([str(python), "-m", "compileall", "-q", folder], check=True)
            tables.fields.append(field_row(python, folder))
            tables.top.append(top_level_row(python, folder))
            tables.protocols.append(f"| **{_version(python)}** | | | | | |")
            tables.protocols += protocol_rows(python, folder, _instructions)
            samples: dict[str, list[float]] = {variant: [] for variant in IMPORTS}
            for _ in range(runs):  # alternating, so that all meet the same machine
                for variant in IMPORTS:
                    samples[variant].append(import_time(python, variant, folder))
            ours, plain, alone, http, pair = (
                statistics.median(samples[variant]) for variant in IMPORTS
            )
            counted = {
                variant: instructions(python, variant, folder)
                for variant in (
                    "http_status",
                    "CPython's HTTPStatus alone",
                    "http",
                    "http_status + http_method",
                )
            }
            like_for_like = _ratio(counted, "http_status", "CPython's HTTPStatus alone")
            executed = {
                module: exec_instructions(python, module, folder)
                for module in ("_http_status_enum", "stdlib_http_status")
            }
            exec_only = _ratio(executed, "_http_status_enum", "stdlib_http_status")
            tables.imports.append(
                f"| {_version(python)} | {_seconds(ours)} | {_seconds(plain)} | {_seconds(alone)} "
                f"| **{ours / alone:.2f}** | {like_for_like} | {exec_only} "
                f"| {_seconds(http)} | {ours / http:.2f} | {_seconds(pair)} | **{pair / http:.2f}** "
                f"| {_ratio(counted, 'http_status + http_method', 'http')} |"
            )
            tables.lookups += _lookup_rows(python, minor, folder)
            fresh_row, marginal_row, counted_row = user_rows(python, folder, runs)
            tables.fresh.append(fresh_row)
            tables.marginal.append(marginal_row)
            tables.counted.append(counted_row)
    return tables


# The floor of importing a package: one whose __init__.py is empty.
EMPTY_PACKAGE = "empty_floor"


def top_level_row(python: Path, folder: str) -> str:
    """The package's own import against an empty package's, and a name from its top
    against the same name from its module, in instructions: what each adds to an
    empty process, and the whole processes."""
    if shutil.which("valgrind") is None:
        return f"| {_version(python)} | (no valgrind) | | | |"
    count = {
        statement: _instructions(python, statement, folder)
        for statement in (
            "pass",
            f"import {EMPTY_PACKAGE}",
            f"import {PACKAGE}",
            f"from {PACKAGE}.http_status import HTTPStatus",
            f"from {PACKAGE} import HTTPStatus",
        )
    }
    empty = count["pass"]
    package, floor = count[f"import {PACKAGE}"], count[f"import {EMPTY_PACKAGE}"]
    top = count[f"from {PACKAGE} import HTTPStatus"]
    module = count[f"from {PACKAGE}.http_status import HTTPStatus"]
    return (
        f"| {_version(python)} | {(package - empty) / (floor - empty):.3f} "
        f"| **{package / floor:.4f}** | **{(top - empty) / (module - empty):.3f}** "
        f"| {top / module:.4f} |"
    )


# What a user writes instead of the field module: the same names as string
# constants, and a dict from each name in lowercase to its spelling, for lookup.
PLAIN_FIELDS = "plain_fields"
FIELD_NAMES = ("content-type", "Content-Type", "ACCEPT-ENCODING", "x-request-id")
FIELD_LOOKUPS = """
import timeit
from {package}.http_field import lookup
from {package}.{plain} import _LOOKUP as d
ratios = []
for name in {names!r}:
    lookup(name)
    ours = min(timeit.repeat("lookup(name)", globals=globals(), number=100_000, repeat=9))
    theirs = min(timeit.repeat("d.get(name.lower())", globals=globals(), number=100_000, repeat=9))
    ratios.append(ours / theirs)
# The first lookup of a spelling not asked before, each a new one.
spellings = iter(["".join(c.upper() if n >> i & 1 else c for i, c in enumerate("content-security-policy")) for n in range(2 ** 20)])
first = min(timeit.repeat("lookup(next(spellings))", globals=globals(), number=2_000, repeat=9))
steady = min(timeit.repeat("d.get(next(spellings).lower())", globals=globals(), number=2_000, repeat=9))
print(*ratios, first / steady)
"""


def write_plain_fields(package: Path) -> None:
    """The plain module of the field names, made from the registry, in `package`."""
    registry = load_registry(field.KIND, ROOT / "data" / field.KIND.registry, "r")
    lines = ['"""The field names as string constants, and a dict for lookup."""', ""]
    lines += [
        f"{entry.constant} = {entry.name!r}"  # type: ignore[attr-defined]
        for entry in registry.entries
        if entry.constant  # type: ignore[attr-defined]
    ]
    lines += ["", "_LOOKUP = {"]
    lines += [f"    {entry.lowercase!r}: {entry.name!r}," for entry in registry.entries]  # type: ignore[attr-defined]
    Path(package, f"{PLAIN_FIELDS}.py").write_text("\n".join([*lines, "}", ""]))


def field_row(python: Path, folder: str) -> str:
    """The field module's own import (what it adds to importing the package) against
    the plain module's, in instructions; lookup() against d.get(name.lower())."""
    counted = None
    if shutil.which("valgrind") is not None:
        package = _instructions(python, f"import {PACKAGE}", folder)
        ours, plain = (
            _instructions(python, f"import {PACKAGE}.{module}", folder) - package
            for module in ("http_field", PLAIN_FIELDS)
        )
        counted = f"{ours:,} | {plain:,} | **{ours / plain:.3f}**"
    timed = subprocess.run(
        [
            str(python),
            "-c",
            FIELD_LOOKUPS.format(
                package=PACKAGE, plain=PLAIN_FIELDS, names=FIELD_NAMES
            ),
        ],
        env={**os.environ, "PYTHONPATH": folder},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    ratios = " | ".join(f"{float(ratio):.2f}" for ratio in timed)
    return f"| {_version(python)} | {counted or '(no valgrind) | |'} | {ratios} |"


def _ratio(counted: dict[str, int | None], ours: str, theirs: str) -> str:
    mine, yardstick = counted[ours], counted[theirs]
    return f"{mine / yardstick:.3f}" if mine and yardstick else "(no valgrind)"


def _version(python: Path) -> str:
    return subprocess.run(
        [str(python), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _lookup_rows(python: Path, minor: str, folder: str) -> list[str]:
    """Medians over LOOKUP_PROCESSES processes, each with its own string hash seed."""
    merged: dict[str, list[list[float]]] = {}
    for _ in range(LOOKUP_PROCESSES):
        result = subprocess.run(
            [str(python), str(ROOT / "bench" / "lookups.py")],
            env={**os.environ, "PYTHONPATH": folder, "PYTHONHASHSEED": "random"},
            capture_output=True,
            text=True,
            check=True,
        )
        for operation, sides in json.loads(result.stdout).items():
            found = merged.setdefault(operation, [[], []])
            for side, times in zip(found, sides):
                side.extend(times or [])
    return [
        _row(
            minor,
            operation,
            statistics.median(ours),
            statistics.median(theirs) if theirs else None,
        )
        for operation, (ours, theirs) in merged.items()
    ]


def _row(minor: str, what: str, ours: float, theirs: float | None) -> str:
    if theirs is None:
        return f"| {minor} | {what} | {_seconds(ours)} | (not in this version) | |"
    return f"| {minor} | {what} | {_seconds(ours)} | {_seconds(theirs)} | {ours / theirs:.2f} |"


def _seconds(value: float) -> str:
    if value >= 1e-3:
        return f"{value * 1e3:.2f} ms"
    if value >= 1e-6:
        return f"{value * 1e6:.1f} µs"
    return f"{value * 1e9:.1f} ns"


def check_time(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            ["make", "-s", "check"], cwd=ROOT, capture_output=True, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generation_rows(sizes: list[int], runs: int) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            registry = Path(folder) / f"registry-{size}.yaml"
            registry.write_text(_synthetic_registry(size), encoding="utf-8")
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                build_outputs(
                    [load_registry(status.KIND, registry, registry.name)],
                    ROOT / "templates",
                )
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            rows.append(f"| {size} | {_seconds(median)} | {_seconds(median / size)} |")
    return rows


def _synthetic_registry(size: int) -> str:
    """`size` codes spread over 100 to 599, each entry in the shape of a real one."""
    codes = sorted({100 + (index * 500) // size for index in range(size)})
    entries = [
        f"  - code: {code}\n    name: STATUS_{code}\n    phrase: Status {code}\n"
        f"    description: The synthetic status code {code}\n"
        f'    spec: {{title: HTTP Semantics, rfc: 9110, section: "15.{code // 100}.{code % 100 + 1}"}}\n'
        f"    iana: unregistered\n    iana_deviations: {{unregistered: synthetic}}\n"
        + ("    without_content: true\n" if code < 200 or code in (204, 304) else "")
        for code in codes
    ]
    return "statuses:\n" + "\n".join(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions, for a smoke run"
    )
    quick = parser.parse_args().quick
    runs = 10 if quick else 100

    tables = benchmark_interpreters(runs)
    print("## What a user writes instead, in a fresh process\n")
    print(
        f"Medians of {runs} fresh processes per variant, alternating, from compiled .pyc files: the\n"
        "cumulative -X importtime of the modules the statement imports (with their package), nothing\n"
        "imported before. Where http_status gives the standard enum, its cost is that of `from http\n"
        "import HTTPStatus`, the package and the few lines that choose; elsewhere it builds its own.\n"
        "Whole process: the same two statements as `python -c`, wall time from start to exit (the\n"
        "same number of processes, alternating with the others). The pair against `import http`,\n"
        "which builds both of the standard library's enums from 3.11 on.\n"
    )
    print(
        "| CPython | http_status is http's | from http_registries.http_status import HTTPStatus "
        "| from http import HTTPStatus | ratio | whole process | whole process, http "
        "| ratio | from http_registries import http_status, http_method | import http | ratio |"
    )
    print(
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    print("\n".join(tables.fresh))
    print("\n## The marginal cost after `import http.client`\n")
    print(
        "What importing http_registries.http_status adds to a program that has imported\n"
        "http.client (and so http), against a module of an empty package that only re-exports\n"
        "http.HTTPStatus: the floor of any such import.\n"
    )
    print("| CPython | http_registries.http_status | re-export floor | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print("\n".join(tables.marginal))
    print("\n## The same two, in instructions\n")
    print(
        "Ratios of instruction counts under callgrind (PYTHONHASHSEED=0), which move far less than\n"
        "times; callgrind counts the interpreter's own work, not the system calls it makes.\n"
        "Import only: what the statement adds to an empty process (`python -c pass`), against what\n"
        "`from http import HTTPStatus` adds; beside it, the floors of any module that re-exports\n"
        "http.HTTPStatus, top-level and in a package, on the same scale. Whole process: the process\n"
        "that runs the statement, start and exit included, against the one that runs `from http\n"
        f"import HTTPStatus`. Marginal: as the table above, averaged over {MARGINAL_COPIES} copies of each\n"
        "package imported one after another in one process (one import alone moves by a few percent\n"
        "with where it falls in the allocator's state, which the size of the environment shifts).\n"
    )
    print(
        "| CPython | import only | floor: a top-level module | floor: a module of a package "
        "| whole process | marginal, against its floor |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(tables.counted))
    print("\n## Like for like: the enum the modules build, per interpreter\n")
    print(
        f"Medians of {runs} fresh processes per variant, alternating, from compiled .pyc files, with enum\n"
        "already loaded. The class-statement variant is the generated module with the fast path taken\n"
        "away (as on versions the tests do not cover). Like for like: CPython's HTTPStatus alone is the\n"
        "interpreter's own http/__init__.py cut before HTTPMethod; `import http` also builds HTTPMethod\n"
        "from 3.11 on, so the two generated enums together are set against it. Instructions: the\n"
        "ratio of the imports' instruction counts under callgrind (PYTHONHASHSEED=0), which does not\n"
        "move from run to run: the whole import (finding the module, unmarshalling its .pyc, running\n"
        "it, freeing it at exit), and exec only (running the unmarshalled code and freeing it).\n"
    )
    print(
        "| CPython | http_status | http_status, class statement | CPython's HTTPStatus alone "
        "| ratio to HTTPStatus alone | same, in instructions | same, exec only | import http | http_status to import http "
        "| http_status + http_method | pair to import http | same, in instructions |"
    )
    print(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    print("\n".join(tables.imports))
    print("\n## Lookups, per interpreter\n")
    print(
        f"Medians of {LOOKUP_PROCESSES} processes (each with its own string hash seed) x 9 timeit rounds\n"
        "of 50,000, alternating between the two modules.\n"
    )
    print("| CPython | operation | http_status | standard library | ratio |")
    print("| --- | --- | ---: | ---: | ---: |")
    print("\n".join(tables.lookups))

    print("\n## The names at the package's top, per interpreter\n")
    print(
        "Instructions under callgrind (PYTHONHASHSEED=0). `import http_registries` against\n"
        "importing an empty package: what each adds to an empty process (`python -c pass`), and\n"
        "the whole processes. `from http_registries import HTTPStatus` (through the package's\n"
        "__getattr__, PEP 562) against `from http_registries.http_status import HTTPStatus`: what\n"
        "each adds, and the whole processes.\n"
    )
    print(
        "| CPython | import, added | import, whole process | from the top, added "
        "| from the top, whole process |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    print("\n".join(tables.top))

    print("\n## Field names: http_field against a plain module, per interpreter\n")
    print(
        "Import: what importing the module adds to importing the package, in instructions under\n"
        "callgrind (PYTHONHASHSEED=0), against a plain module of the same package holding the same\n"
        "names as string constants and a dict from each lowercase name to its spelling. lookup():\n"
        "the best of 9 timeit rounds of 100,000 against `d.get(name.lower())` on that dict, for a\n"
        "name asked before in the same spelling; and the first lookup of a spelling never asked\n"
        "before (each call a new one), against the same get.\n"
    )
    print(
        "| CPython | http_field import | plain module import | ratio "
        + "".join(f"| lookup({name!r}) " for name in FIELD_NAMES)
        + "| first lookup of a new spelling |"
    )
    print("| --- | ---: | ---: | ---: |" + " ---: |" * (len(FIELD_NAMES) + 1))
    print("\n".join(tables.fields))

    print("\n## The declared registries against the same written by hand, per interpreter\n")
    print(protocols.__doc__.split("\n\n", 1)[1])
    print(PROTOCOLS_HEADER)
    print("\n".join(tables.protocols))

    print(f"\n## The generator (Python {sys.version.split()[0]})\n")
    print(
        f"`make check` end to end: {_seconds(check_time(3 if quick else 7))} (median)\n"
    )
    print("| registry size (codes) | render, format, all outputs | per code |")
    print("| ---: | ---: | ---: |")
    for row in generation_rows([62, 125, 250, 500], 1 if quick else 5):
        print(row)


if __name__ == "__main__":
    main()
