"""What a crashed machine, a careless user and an attacker do to a run: a damaged
format cache, files that are not files, floods of problems, interpreter flags, an
ASCII terminal, two runs at once, Ctrl-C at start-up, pickles across interpreters.
Each test names the class of problem it keeps fixed."""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import (
    GENERATED,
    KINDS,
    PACKAGE_NAME,
    ROOT,
    Project,
    edit,
    require_interpreter,
)
from generator import formatting, problems, yamlsource
from generator.kinds import KINDS as GENERATOR_KINDS
from generator.pythons import SUPPORTED, stdlib_range, version_tuple

# Real processes and interpreters: in make test, not in the quick loop.
pytestmark = pytest.mark.slow


def _generator(
    *arguments: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ...` as a process of its own, from the project's root."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _stale(project: Project) -> None:
    """A registry edit that changes every kind of output, the tables' dash among them."""
    edit(project.registry, "phrase: Not Found\n", "phrase: Nowhere To Be Found\n")


# 1. A damaged cache entry is not trusted.


def test_a_truncated_format_cache_is_formatted_anew(project: Project, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    monkeypatch.setenv("HTTP_REGISTRIES_FORMAT_CACHE", str(cache))
    _stale(project)
    assert cli("generate", *project.paths()).code == 0
    good = project.snapshot()
    entries = list(cache.iterdir())
    assert entries
    for entry in entries:  # what a crash before the data reached the disk leaves
        entry.write_bytes(b"")
    for path in project.package.glob("*.py"):
        path.write_text("# stale\n", encoding="utf-8")
    assert cli("check", *project.paths("check")).code == 1
    assert cli("generate", *project.paths()).code == 0
    assert project.snapshot() == good
    assert cli("check", *project.paths("check")).code == 0
    assert all(entry.stat().st_size > 0 for entry in entries)  # replaced
    assert not list(cache.glob("*.tmp"))


@pytest.mark.parametrize(
    "wrong", ["", "def broken(:\n"], ids=["empty", "does not compile"]
)
def test_output_that_cannot_be_right_is_refused(project: Project, cli, monkeypatch: pytest.MonkeyPatch, wrong: str) -> None:  # type: ignore[no-untyped-def]
    """Whatever makes it, an empty module or one that does not compile is neither
    written nor accepted by check."""
    monkeypatch.setattr(
        "generator.outputs.format_python", lambda source, name, stub=False: wrong
    )
    before = project.snapshot()
    for command in ("generate", "check"):
        result = cli(command, *project.paths(command))
        assert result.code == 2, result.out + result.err
        assert f"{PACKAGE_NAME}/" in result.err
    assert project.snapshot() == before


def test_a_cache_write_that_fails_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_REGISTRIES_FORMAT_CACHE", str(tmp_path))
    source = "x  =  1\n"
    entry = formatting._cache_path(source, stub=False)
    assert entry is not None
    entry.mkdir(parents=True)  # a folder where the entry goes: the rename fails
    assert formatting.format_python(source, "test") == "x = 1\n"
    assert [path.name for path in tmp_path.iterdir()] == [entry.name]


# 2. Pickles cross interpreters by the public name.


def _pickling_script(directory: Path) -> str:
    return textwrap.dedent(f"""
        import pickle, sys
        from {PACKAGE_NAME}.http_status import HTTPStatus
        from {PACKAGE_NAME}.http_method import HTTPMethod
        from {PACKAGE_NAME}.http_status_info import lookup
        from {PACKAGE_NAME}.http_method_info import lookup as method_lookup
        made = [HTTPStatus.NOT_FOUND, HTTPMethod.GET, lookup(404), lookup(299),
                method_lookup("PROPFIND")]
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            data = pickle.dumps(made, protocol)
            assert pickle.loads(data) == made, protocol
            with open({str(directory)!r} + "/" + str(protocol), "wb") as stream:
                stream.write(data)
        """)


def _loading_script(directory: Path) -> str:
    return textwrap.dedent(f"""
        import http, os, pickle
        from {PACKAGE_NAME}.http_status import HTTPStatus
        from {PACKAGE_NAME}.http_method import HTTPMethod
        for name in os.listdir({str(directory)!r}):
            with open({str(directory)!r} + "/" + name, "rb") as stream:
                status, method, info, unknown, method_info = pickle.load(stream)
            assert status is HTTPStatus.NOT_FOUND and status is http.HTTPStatus.NOT_FOUND, name
            assert isinstance(status, http.HTTPStatus), name
            assert method is HTTPMethod.GET, name
            assert info.treated_as is http.HTTPStatus.NOT_FOUND, name
            assert unknown.treated_as is http.HTTPStatus.OK, name
            assert method_info.safe and method_info.method == "PROPFIND", name
        print("loaded", len(os.listdir({str(directory)!r})))
        """)


def test_a_pickle_from_a_building_cpython_loads_as_the_standard_enum(
    tmp_path: Path,
) -> None:
    """Pickled where the package builds its own HTTPStatus, loaded where it gives
    http.HTTPStatus: the loading interpreter's own member, for every protocol."""
    status_kind = next(kind for kind in GENERATOR_KINDS if kind.name == "status")
    registry = __import__("conftest").REGISTRIES[status_kind.name]
    gives = stdlib_range(registry.stdlib_since)
    if gives is None:
        pytest.skip("the registry's HTTPStatus is the standard library's nowhere")
    builder = next(
        minor for minor in SUPPORTED if version_tuple(minor) < gives[0]
    )  # the oldest that builds
    loader = next(
        minor
        for minor in reversed(SUPPORTED)
        if gives[0] <= version_tuple(minor) < gives[1]
    )
    environment = {**os.environ, "PYTHONPATH": str(GENERATED)}
    for minor, script in (
        (builder, _pickling_script(tmp_path)),
        (loader, _loading_script(tmp_path)),
    ):
        result = subprocess.run(
            [str(require_interpreter(minor)), "-c", script],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, (minor, result.stderr)
    assert result.stdout.startswith("loaded ")


def test_info_records_pickle_with_every_protocol() -> None:
    from http_registries.http_method_info import lookup as method_lookup
    from http_registries.http_status_info import lookup

    for info in (lookup(404), lookup(520), lookup(299), method_lookup("QUERY")):
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            assert pickle.loads(pickle.dumps(info, protocol)) == info


# 3. Files that are not files, where the tool reads.


def _not_a_file(path: Path, what: str) -> None:
    path.unlink(missing_ok=True)
    if what == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize("what", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("command", ["check", "generate"])
def test_an_output_that_is_not_a_file_is_refused_in_one_line(
    project: Project, what: str, command: str
) -> None:
    output = project.generated / "http-methods.md"
    _not_a_file(output, what)
    result = _generator(command, *project.paths(command), timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"{output}: file: is not a regular file (a folder, a device or a pipe); "
        "expected a generated file"
    ]


@pytest.mark.parametrize("what", ["fifo", "/dev/zero"])
def test_iana_update_refuses_a_vendored_file_that_is_not_a_file(
    project: Project, what: str
) -> None:
    """Refused before anything is downloaded: the address is never asked."""
    kind = KINDS[0]
    vendored = project.iana_of(kind)
    _not_a_file(vendored, what)
    result = _generator(
        "iana-update",
        *project.paths("iana-update"),
        *(f"--url={k.name}=http://127.0.0.1:9/nothing" for k in KINDS),
        "--timeout",
        "5",
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert f"{vendored}: file: is not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


# 4. Floods of problems are reported in bounded lines, time and memory.


def _flood(tmp_path: Path, entries: str, lines: int, item: str) -> Path:
    """`item` repeated; an alias refers to an anchor given once, first."""
    path = tmp_path / "flood.yaml"
    first = "  - &e {x: 1}\n" if "*e" in item else ""
    path.write_text(f"{entries}:\n{first}" + item * lines, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kind, item",
    [(kind, item) for kind in KINDS for item in ("  - *e\n", "  - {x: 1, x: 1}\n")],
    ids=lambda value: getattr(
        value, "name", "alias" if "*" in str(value) else "duplicate"
    ),
)
def test_a_flood_of_problems_is_reported_in_bounded_lines(project: Project, tmp_path: Path, kind, item: str) -> None:  # type: ignore[no-untyped-def]
    repeats = 50_000
    path = _flood(tmp_path, kind.entries, repeats, item)
    document = yamlsource.read_document(path, str(path), kind.entries)
    kept = [p for p in document.problems if not isinstance(p, problems.Unlisted)]
    assert len(kept) <= yamlsource.MAX_KEPT  # memory: the rest only counted
    result = _generator("validate", "--registry", f"{kind.name}={path}", timeout=120)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == problems.MAX_PER_FILE + 1, lines[-3:]
    more = int(lines[-1].split(" and ")[1].split()[0])
    assert more >= repeats - problems.MAX_PER_FILE


# 5. How Python runs changes nothing.


@pytest.mark.parametrize(
    "flags, env",
    [
        (["-OO"], {}),
        ([], {"PYTHONOPTIMIZE": "2", "PYTHONHASHSEED": "12345"}),
    ],
    ids=["-OO", "PYTHONOPTIMIZE=2"],
)
def test_interpreter_flags_change_no_output(
    flags: list[str], env: dict[str, str]
) -> None:
    result = subprocess.run(
        [sys.executable, *flags, "-m", "generator", "check"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


# 6. An ASCII-only terminal.


def test_check_prints_its_diff_on_an_ascii_only_stream(project: Project) -> None:
    """A committed table whose dash was typed as a hyphen: the diff holds both."""
    edit(project.generated / "status-codes.md", "\u2014", "-")
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "utf8=0",
            "-m",
            "generator",
            "check",
            *project.paths("check"),
        ],
        cwd=ROOT,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8"))
            },
            "LC_ALL": "C",
            "LANG": "C",
            "PYTHONCOERCECLOCALE": "0",
        },
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"\\u2014" in result.stdout  # the tables' dash, escaped
    assert b"Run `make generate`" in result.stderr


# 7. Two runs on one tree.

_PAUSING = """
import os, sys, time
from generator.cli import main
real_replace = os.replace
def pausing_replace(source, target):
    real_replace(source, target)
    if not str(target).endswith(".tmp") and not os.path.exists(sys.argv[1]):
        open(sys.argv[1], "w").close()  # the first output is in place
        time.sleep(120)
os.replace = pausing_replace
sys.exit(main(sys.argv[2:]))
"""


def test_an_interrupted_run_does_not_undo_one_that_finished(
    project: Project, tmp_path: Path
) -> None:
    """A pauses after moving its first file; B runs to completion meanwhile (or
    waits for A); A is then terminated and rolls back. The tree ends as a whole run
    left it, and check passes."""
    _stale(project)
    paused = tmp_path / "paused"
    first = subprocess.Popen(
        [sys.executable, "-c", _PAUSING, str(paused), "generate", *project.paths()],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not paused.exists():
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.05)
    second = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", *project.paths()],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Long enough for the second run to finish, had it not to wait.
    with contextlib.suppress(subprocess.TimeoutExpired):
        second.wait(timeout=15)
    first.terminate()
    assert first.wait(timeout=60) == 130
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    check = _generator("check", *project.paths("check"))
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr


# 8. Ctrl-C during start-up.


def test_ctrl_c_while_the_tools_are_imported_is_one_line() -> None:
    """The interrupt lands on the import of jinja2, deterministically."""
    script = textwrap.dedent("""
        import runpy, sys
        class Interrupt:
            def find_spec(self, name, path=None, target=None):
                if name == "jinja2":
                    raise KeyboardInterrupt
        sys.meta_path.insert(0, Interrupt())
        sys.argv = ["generator", "check"]
        runpy.run_module("generator", run_name="__main__", alter_sys=True)
        """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 130
    assert result.stderr.splitlines() == ["interrupted; nothing was changed"]


# 9. A rollback that cannot restore a file says so.


def test_a_rollback_that_cannot_restore_names_the_files_left_changed(project: Project, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from generator import files

    _stale(project)
    real_replace = os.replace
    moves: list[str] = []

    def failing_replace(source: str, target: object) -> None:
        if not str(target).endswith(".tmp"):
            moves.append(str(target))
            if len(moves) == 3:
                raise OSError(28, "No space left on device", str(target))
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setenv("HTTP_REGISTRIES_FORMAT_CACHE", "")  # moves of outputs alone
    monkeypatch.setattr(os, "replace", failing_replace)
    monkeypatch.setattr(
        files, "_restore", lambda path, old: (_ for _ in ()).throw(OSError(28, "full"))
    )
    result = cli("generate", *project.paths())
    assert result.code == 2
    assert "nothing was changed" not in result.err
    assert "left changed" in result.err
    for target in moves[:2]:
        assert Path(target).name in result.err


# 10. Tags are the resolver's.


@pytest.mark.parametrize(
    "written, read",
    [
        ("&p !!str 1e3", "1e3"),
        ("!!str 1e3", "1e3"),
        ("&p 1e3", 1000.0),
        ("&p !!str 404", "404"),
    ],
)
def test_an_explicit_tag_after_an_anchor_is_the_tag(
    tmp_path: Path, written: str, read: object
) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(f"value: {written}\n", encoding="utf-8")
    assert yamlsource.read_document(path, "tags.yaml", "x").data == {"value": read}


# 11. A bug is a bug.


def test_a_bug_in_a_filter_keeps_its_traceback(project: Project, cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def broken(registry: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("generator.render.export", broken)
    # Templates of its own, whose environment is made with the broken filter (the
    # committed ones' may have been made before, with the real one).
    assert project.templates.is_dir()
    with pytest.raises(ZeroDivisionError):
        cli("check", *project.paths("check"))


def test_a_template_s_own_mistake_is_reported_at_its_line(project: Project, cli) -> None:  # type: ignore[no-untyped-def]
    template = project.templates / "http-methods.md.j2"
    line = edit(template, "# HTTP methods", '{{ 1 + "a" }}')
    result = cli("check", *project.paths("check"))
    assert result.code == 2
    assert f"http-methods.md.j2:{line}: template:" in result.err


def test_a_bug_in_the_yaml_reader_is_not_an_input_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, node: object, deep: bool = False) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(yamlsource.yaml.SafeLoader, "construct_object", broken)
    path = tmp_path / "float.yaml"
    path.write_text("value: 1.5\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        yamlsource.read_document(path, "float.yaml", "x")
