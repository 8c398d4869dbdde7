"""Shared helpers: the project's paths and committed registries, a scratch copy of the
project, the CLI in-process, and how a reported problem is checked."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator, TypeVar

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
sys.path.insert(0, str(GENERATED))
sys.path.insert(0, str(ROOT))

from generator.cli import main  # noqa: E402
from generator.kind import PACKAGE as PACKAGE_NAME  # noqa: E402
from generator.kind import Kind  # noqa: E402
from generator.kinds import KINDS  # noqa: E402
from generator.problems import InputError  # noqa: E402
from generator.pythons import (  # noqa: E402
    SUPPORTED,
    simple_enum_range,
    version_tuple,
)
from generator.registry import Registry, load_registry  # noqa: E402
from generator.sourcefile import shown  # noqa: E402
from interpreters import find_interpreter, full_version, how_to_get  # noqa: E402

# The generated package, in generated/ (which is on the import path).
PACKAGE = GENERATED / PACKAGE_NAME


# The committed registries, by kind name, as every command loads them.
def _committed() -> dict[str, Registry]:
    """Every kind's committed registry; when one does not validate, no test can say
    more than its problems do: the run stops with them, and nothing else."""
    try:
        return {
            kind.name: load_registry(
                kind,
                ROOT / "data" / kind.registry,
                f"data/{kind.registry}",
                ROOT / "data" / "iana" / kind.iana.file,
            )
            for kind in KINDS
        }
    except InputError as error:
        pytest.exit(
            "the committed registries do not validate (make generate says the same):\n"
            + "\n".join(error.report()),
            returncode=1,
        )


REGISTRIES = _committed()
STATUSES = REGISTRIES["status"]
METHODS = REGISTRIES["method"]

FORMS = ["default form", "class statement"]


@dataclass
class Probe:
    """What one run of a probe script (tests/parity.py, tests/method_parity.py)
    printed as `key: JSON` lines: every `difference`, and the value of each other key.
    """

    minor: str
    form: str
    output: str
    facts: dict[str, Any]
    differences: list[dict[str, Any]]


def probe(
    script: str, minor: str, form: str, *arguments: str, generated: Path = GENERATED
) -> Probe | None:
    """Run tests/`script` under CPython `minor` in `form` (the second of FORMS with
    --class-statement), on the package in `generated`; None where `minor` is missing."""
    python = find_interpreter(minor)
    if python is None:
        return None
    flags = ["--class-statement"] if form == FORMS[1] else []
    result = subprocess.run(
        [str(python), str(ROOT / "tests" / script), *flags, *arguments],
        env={**os.environ, "PYTHONPATH": str(generated)},
        capture_output=True,
        text=True,
        check=False,
    )
    found = Probe(minor, form, result.stdout + result.stderr, {}, [])
    for key, value in re.findall(r"^([a-z ]+): (.*)$", result.stdout, re.MULTILINE):
        if key == "difference":
            found.differences.append(json.loads(value))
        else:
            found.facts[key] = json.loads(value)
    return found


def probe_every_cpython(script: str, *arguments: str) -> dict[tuple[str, str], Probe]:
    """Run tests/`script` under every supported CPython found, in both build forms,
    two at a time."""

    def run(minor: str, form: str) -> Probe | None:
        return probe(script, minor, form, *arguments)

    pairs = [(minor, form) for minor in SUPPORTED for form in FORMS]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = pool.map(lambda pair: run(*pair), pairs)
        return {pair: probe for pair, probe in zip(pairs, done) if probe is not None}


def enum_names(registry: Registry) -> list[list[str]]:
    """Every name of the registry's enum, members and aliases in registry order, each
    with its member's name."""
    return [
        [name, member.name]
        for member in registry.members
        for name in (member.name, *(alias.name for alias in member.aliases))
    ]


def built_as_intended(
    runs: dict[tuple[str, str], Probe], minor: str, form: str, registry: Registry
) -> Probe:
    """The probe of `minor` in `form`, having checked that it ran there, built the
    registry's enum with exactly its names, and took the fast path exactly where it is
    meant to."""
    require_interpreter(minor)
    run = runs[(minor, form)]
    assert run.facts.get("version") == minor, run.output
    assert run.facts["names"] == enum_names(registry)
    first, stop = simple_enum_range()
    fast = form == FORMS[0] and first <= version_tuple(minor) < stop
    assert run.facts["built by"] == ("enum._simple_enum" if fast else "class statement")
    return run


# Memory, where the machine has a folder of it: each test that edits a registry works
# in a copy of the project, which takes 60 ms to write to a disk and 4 ms to memory.
_MEMORY = Path("/dev/shm")


def _leaves_out_slow(config: pytest.Config) -> bool:
    """Whether the run leaves the slow tests out, as make quick's `-m "not slow"`."""
    return " ".join((config.option.markexpr or "").split()) == "not slow"


def pytest_configure(config: pytest.Config) -> None:
    """Formatted texts are cached in a folder of the tests', not the user's (the
    property tests alone would leave thousands of entries there): a folder of this
    run's, or, for the edit-test loop, which runs none of them, pytest's cache folder,
    so that one run formats what the next one needs too, as make generate's cache
    does; and the run's temporary folders are in memory where there is a folder of
    it (workers are given theirs inside the first one's)."""
    if "HTTP_REGISTRIES_FORMAT_CACHE" not in os.environ:
        if _leaves_out_slow(config) and getattr(config, "cache", None) is not None:
            folder = str(config.cache.mkdir("format-cache"))
        else:
            folder = tempfile.mkdtemp(prefix="format-cache-")
            config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
        os.environ["HTTP_REGISTRIES_FORMAT_CACHE"] = folder
    worker = hasattr(config, "workerinput")
    if not worker and config.option.basetemp is None and os.access(_MEMORY, os.W_OK):
        base = tempfile.mkdtemp(prefix="http-registries-tests-", dir=_MEMORY)
        config.option.basetemp = base
        config.add_cleanup(lambda: shutil.rmtree(base, ignore_errors=True))


# How a module says that every test of it is slow, in a line of its own.
_ALL_SLOW = "\npytestmark = pytest.mark.slow\n"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A run that leaves the slow tests out (make quick's `-m "not slow"`) does not
    import the modules whose every test is slow: each worker would import them (and
    what they import, such as hypothesis) only to deselect all they hold."""
    if (
        collection_path.suffix == ".py"
        and collection_path.name.startswith("test_")
        and _leaves_out_slow(config)
        and _ALL_SLOW in collection_path.read_text(encoding="utf-8")
    ):
        return True
    return None


def require_interpreter(minor: str) -> Path:
    """The CPython `minor`; a missing one fails under CI (CI=true) and is skipped elsewhere."""
    python = find_interpreter(minor)
    if python is None:
        if os.environ.get("CI") == "true":
            pytest.fail(how_to_get(minor), pytrace=False)
        pytest.skip(how_to_get(minor))
    return python


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Say which interpreters the run had, so a reader knows what "passed" covered,
    and which decisions of the registries the tests took as declared."""
    terminalreporter.write_sep("-", "declared in the registries")
    for registry in REGISTRIES.values():
        for member in registry.members:
            if member.python_added is None:
                terminalreporter.write_line(
                    f"kept: {registry.path}:{member.line}: {member.key} python_added: "
                    "none: a declared extension, which no released CPython has"
                )
    terminalreporter.write_sep("-", "CPython matrix")
    if "not slow" in (terminalreporter.config.option.markexpr or ""):
        terminalreporter.write_line(
            "not run: the slow tests, which cover it, were left out"
        )
        return
    for minor in SUPPORTED:
        python = find_interpreter(minor)
        terminalreporter.write_line(
            f"{minor}: {full_version(python)} ({python})"
            if python
            else f"{minor}: missing"
        )


@dataclass
class Project:
    """A scratch copy of the registries and the generated files, and of the templates
    once a test asks for them (to edit them): until then the commands are pointed at
    the committed templates, which they only read, so that a worker compiles them
    once rather than once for each copy."""

    root: Path
    committed_templates_given: bool = False

    def registry_of(self, kind: Kind) -> Path:
        return self.root / "data" / kind.registry

    def iana_of(self, kind: Kind) -> Path:
        return self.root / "data" / "iana" / kind.iana.file

    @property
    def registry(self) -> Path:
        return self.registry_of(STATUSES.kind)

    @property
    def method_registry(self) -> Path:
        return self.registry_of(METHODS.kind)

    @property
    def generated(self) -> Path:
        return self.root / "generated"

    @property
    def templates(self) -> Path:
        """The copy's templates folder, copied now if it was not yet."""
        copy = self.root / "templates"
        if not copy.exists():
            assert not self.committed_templates_given, (
                "the options given so far name the committed templates: ask for "
                "project.templates before project.paths()"
            )
            _copy_tree(ROOT / "templates", copy)
        return copy

    def paths(self, command: str = "generate") -> list[str]:
        """The options that point `command` at this copy."""
        options = []
        for kind in KINDS:
            options += ["--registry", f"{kind.name}={self.registry_of(kind)}"]
            options += ["--iana", f"{kind.name}={self.iana_of(kind)}"]
        if command in ("generate", "check"):
            templates = self.root / "templates"
            if not templates.exists():
                templates = ROOT / "templates"
                self.committed_templates_given = True
            options += [
                "--templates",
                str(templates),
                "--output",
                str(self.generated),
            ]
        return options

    @property
    def package(self) -> Path:
        return self.generated / PACKAGE_NAME

    def snapshot(self) -> dict[str, bytes]:
        """Every generated file's bytes, by its path in generated/."""
        return {
            path.relative_to(self.generated).as_posix(): path.read_bytes()
            for path in sorted(self.generated.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
        }

    def put_entry(self, entry: str) -> None:
        """Put a registry entry ("  - code: N ...") where code order wants it, in
        place of an entry with the same code if the registry has one."""
        code = _code_of(entry)
        head, *entries = re.split(
            r"\n(?=  - code: )", self.registry.read_text(encoding="utf-8")
        )
        entries = [item for item in entries if _code_of(item) != code] + [entry]
        entries = [item.strip("\n") + "\n" for item in sorted(entries, key=_code_of)]
        self.registry.write_text(head + "\n" + "\n".join(entries), encoding="utf-8")

    def edit_registry(self, old: str, new: str, count: int = 1) -> int:
        return edit(self.registry, old, new, count)


AnyStr = TypeVar("AnyStr", str, bytes)


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace the first `count` occurrences of `old` in the file; return the line
    where the first one started."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line_of(text, old)


def line_of(text: AnyStr, fragment: AnyStr) -> int:
    """The line on which `fragment` first starts in `text`."""
    return text[: text.index(fragment)].count("\n" if isinstance(text, str) else b"\n") + 1  # type: ignore[arg-type]


def load_or_report(text: bytes, with_lines: int | None = None) -> None:
    """Load `text` as the status registry: records, or an InputError each of whose
    problems is one line, says what is expected, and has a line in the text (0 for
    the whole file), in line order. Whatever the text, never anything else."""
    from generator.problems import InputError, one_line

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "http_status.yaml"
        path.write_bytes(text)
        try:
            load_registry(STATUSES.kind, path, "http_status.yaml")
        except InputError as error:
            assert error.problems
            lines = [problem.line for problem in error.problems]
            assert lines == sorted(lines) and min(lines) >= 0
            assert with_lines is None or max(lines) <= with_lines
            for problem in error.problems:
                # One line, whatever the document holds: its text is escaped.
                where = f":{problem.line}" if problem.line else ""
                assert str(problem).startswith(
                    one_line(f"http_status.yaml{where}: {problem.field}: ")
                )
                assert len(str(problem).splitlines()) == 1
                assert "; expected" in problem.message, problem


def code_blocks(document: str, language: str, first_screen: bool = False) -> list[str]:
    """The fenced code blocks of `language` in one of the project's Markdown files
    (README.md, CONTRIBUTING.md), each dedented as it would be copied; only those
    before its first section with `first_screen`."""
    text = (ROOT / document).read_text(encoding="utf-8")
    if first_screen:
        text = text[: text.index("\n## ")]
    return [
        textwrap.dedent(block)
        for block in re.findall(
            rf"^ *```{language}\n(.*?)^ *```", text, re.MULTILINE | re.DOTALL
        )
    ]


def replaced(data: AnyStr, old: AnyStr, new: AnyStr) -> AnyStr:
    """`data` with `old` replaced by `new`, which must change it: an edit that
    silently misses would let a test pass over nothing."""
    assert old in data, f"{old!r} is not in the text to edit"
    return data.replace(old, new)


def assert_reported(  # type: ignore[no-untyped-def]
    project: Project,
    cli,
    path: Path,
    line: int,
    field: str,
    fragment: str = "",
    commands: tuple[str, ...] = ("generate",),
) -> str:
    """Each command reports `path:line: field: ...` (holding `fragment`; the field may
    be followed by a path into it, `phrase[0]`), every line of its report says what
    was expected, it exits 2 and prints nothing else, and no generated file changes;
    returns the report."""
    before = project.snapshot()
    report = ""
    for command in commands:
        result = cli(command, *project.paths(command))
        assert result.code == 2, (command, result.out + result.err)
        assert result.out == "", (command, result.out)
        where = f"{path}:{line}" if line else str(path)  # 0: the whole file
        expected = re.compile(rf"{re.escape(f'{where}: {field}')}[:\[.]")
        lines = result.err.splitlines()
        matching = [text for text in lines if expected.match(text)]
        assert (
            matching
        ), f"{command}: no line starts with {expected!r} in {result.err!r}"
        assert any(fragment in text for text in matching), (fragment, result.err)
        assert all(
            "; expected" in text or "nothing was changed" in text for text in lines
        ), result.err
        report = result.err
    assert project.snapshot() == before
    return report


def assert_registry_reports(
    kind: Kind, path: Path, line: int, field: str, fragment: str = ""
) -> list[str]:
    """The registry of `kind` at `path` does not load, and its report, the lines every
    command prints for it, has a line `path:line: field: ...` (holding `fragment`; the
    field may be followed by a path into it, `phrase[0]`), each of whose lines says
    what was expected; returns the report. What a command does with a report (exit 2,
    nothing else printed, nothing written) is assert_reported's, for every command."""
    with pytest.raises(InputError) as raised:
        load_registry(kind, path, shown(path))
    lines = list(raised.value.report())
    where = f"{shown(path)}:{line}" if line else shown(path)  # 0: the whole file
    expected = re.compile(rf"{re.escape(f'{where}: {field}')}[:\[.]")
    matching = [text for text in lines if expected.match(text)]
    assert matching, f"no line starts with {expected!r} in {lines!r}"
    assert any(fragment in text for text in matching), (fragment, lines)
    assert all("; expected" in text for text in lines), lines
    return lines


def _code_of(entry: str) -> int:
    match = re.search(r"^  - code: (\d+)", entry, re.MULTILINE)
    assert match, entry
    return int(match.group(1))


def _copy_tree(source: Path, copy: Path) -> None:
    # Not the bytecode or tool caches a run may leave beside the sources.
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".*", "__pycache__"))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    for folder in ("data", "generated"):
        _copy_tree(ROOT / folder, tmp_path / folder)
    return Project(tmp_path)


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*arguments: str) -> Run:
        code = main(list(arguments))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


_SCRATCH_PACKAGES = itertools.count()


def import_generated(package: Path, name: str) -> ModuleType:
    """The module `name` of a generated package folder (the committed one, PACKAGE, or
    one generated elsewhere), freshly imported as a package of its own, so that its
    relative imports find its own siblings; nothing of it stays in sys.modules."""
    with generated_package(package) as load:
        return load(name)


@contextlib.contextmanager
def generated_package(package: Path) -> Iterator[Callable[[str], ModuleType]]:
    """A generated package folder imported as a package of its own while the block
    runs (so that what its modules load on first use loads too): a function that
    imports one of its modules. Nothing of it stays in sys.modules afterwards."""
    scratch = f"_generated_{next(_SCRATCH_PACKAGES)}"
    spec = importlib.util.spec_from_file_location(
        scratch, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec and spec.loader
    sys.modules[scratch] = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(sys.modules[scratch])
        yield lambda name: importlib.import_module(f"{scratch}.{name}")
    finally:
        for loaded in [key for key in sys.modules if key.split(".")[0] == scratch]:
            del sys.modules[loaded]
