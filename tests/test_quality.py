"""Quality gates: strict type checking, lint, the oldest Python the modules need, the wheel."""

from __future__ import annotations

import ast
import email
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import cmarkgfm
import pytest
import tomllib

from conftest import (
    GENERATED,
    PACKAGE,
    REGISTRIES,
    ROOT,
    code_blocks,
    require_interpreter,
)
from generator.outputs import OUTPUTS
from generator.pythons import SUPPORTED
from http_registries.http_status import HTTPStatus

pytestmark = pytest.mark.slow

TYPING = ROOT / "tests" / "typing"
with open(ROOT / "pyproject.toml", "rb") as _stream:
    VERSION = tomllib.load(_stream)["project"]["version"]
GENERATED_MODULES = [
    str(GENERATED / output.path) for output in OUTPUTS if output.is_python
]
STUBS = [output.path for output in OUTPUTS if output.is_stub]
# What type checkers read: a module's stub where it has one, else the module.
TYPED_FILES = [
    str(GENERATED / (f"{output.path}i" if f"{output.path}i" in STUBS else output.path))
    for output in OUTPUTS
    if output.is_python and not output.is_private
]


def run(
    *command: str,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=input,
        capture_output=True,
        text=True,
        check=False,
    )


def mypy(
    *arguments: str, python_executable: str | None = None
) -> subprocess.CompletedProcess[str]:
    extra = ["--python-executable", python_executable] if python_executable else []
    return run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        *extra,
        *arguments,
        env={"MYPYPATH": str(GENERATED)},
    )


def pyright(
    *paths: str, version: str | None = None
) -> subprocess.CompletedProcess[str]:
    extra = ["--pythonversion", version] if version else []
    return run(
        sys.executable,
        "-m",
        "pyright",
        "-p",
        str(TYPING / "pyrightconfig.json"),
        *extra,
        *paths,
    )


# The oldest version each checker can target (mypy 2.4 starts at 3.10; vermin covers
# 3.8 and 3.9), and the newest supported one.
@pytest.mark.parametrize("version", ["3.10", SUPPORTED[-1]])
def test_generated_modules_pass_mypy_strict(version: str) -> None:
    result = mypy("--python-version", version, *TYPED_FILES)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("version", [SUPPORTED[0], SUPPORTED[-1]])
def test_generated_modules_pass_pyright_strict(version: str) -> None:
    result = pyright(*TYPED_FILES, version=version)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def stubtest(folder: Path, work: Path) -> subprocess.CompletedProcess[str]:
    """mypy's stubtest: each stub against the module it describes, imported here.
    It runs in `work`, where its cache goes: nothing is written beside the stubs."""
    # The package's own stub is checked by test_the_package_stub_gives_its_names:
    # named here, it would have stubtest build every module, private ones included.
    modules = [
        name.removesuffix(".pyi").replace("/", ".")
        for name in STUBS
        if not name.endswith("/__init__.pyi")
    ]
    return run(
        sys.executable,
        "-m",
        "mypy.stubtest",
        *modules,
        env={
            "MYPYPATH": str(folder),
            "PYTHONPATH": str(folder),
            "MYPY_CACHE_DIR": str(work / ".mypy_cache"),
        },
        cwd=work,
    )


def test_the_stubs_describe_the_modules(tmp_path: Path) -> None:
    before = sorted(GENERATED.iterdir())
    result = stubtest(GENERATED, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(GENERATED.iterdir()) == before


def test_the_package_stub_gives_its_names() -> None:
    """__init__.pyi imports each name the package gives from the module and name that
    __init__.py loads it from, and lists the same __all__."""
    import http_registries
    from http_registries import _names

    stub = ast.parse((PACKAGE / "__init__.pyi").read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name: (node.module, alias.name)
        for node in stub.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == _names.FROM
    (listed,) = [
        node.value
        for node in stub.body
        if isinstance(node, ast.Assign)
        and getattr(node.targets[0], "id", "") == "__all__"
    ]
    assert ast.literal_eval(listed) == http_registries.__all__
    assert dir(http_registries) == sorted({*vars(http_registries), *_names.ALL})
    for name in http_registries.__all__:
        assert getattr(http_registries, name) is not None


def test_stubtest_finds_a_stub_that_lacks_a_property(tmp_path: Path) -> None:
    for output in OUTPUTS:
        if output.is_python or output.is_stub:
            copy = tmp_path / output.path
            copy.parent.mkdir(exist_ok=True)
            copy.write_text(
                (GENERATED / output.path).read_text(encoding="utf-8"), encoding="utf-8"
            )
    stub = tmp_path / PACKAGE.name / "http_status.pyi"
    text = stub.read_text(encoding="utf-8")
    lacking = re.sub(
        r"\n *@property\n *def is_server_error\(self\) -> bool: \.\.\.\n", "\n", text
    )
    assert lacking != text
    stub.write_text(lacking, encoding="utf-8")
    result = stubtest(tmp_path, tmp_path)
    assert result.returncode == 1
    assert (
        f"{PACKAGE.name}.http_status.HTTPStatus.is_server_error is not present in stub"
        in result.stdout
    )


@pytest.mark.parametrize("stub", STUBS)
def test_a_module_with_a_stub_carries_no_annotations(stub: str) -> None:
    """Its types are in the stub: annotations in the module would only add to its
    import cost (from 3.14 on, a code object for each annotated function)."""
    module = ast.parse((GENERATED / stub.removesuffix("i")).read_text(encoding="utf-8"))
    annotated = [
        f"line {node.lineno}"
        for node in ast.walk(module)
        if isinstance(node, ast.AnnAssign)
        or (isinstance(node, ast.arg) and node.annotation is not None)
        or (isinstance(node, ast.FunctionDef) and node.returns is not None)
    ]
    assert annotated == []


def test_typed_usage_passes_both_checkers() -> None:
    usage = str(TYPING / "usage.py")
    assert mypy(usage).returncode == 0, mypy(usage).stdout
    result = pyright(usage)
    assert result.returncode == 0, result.stdout


def test_the_readme_s_quick_start_type_checks_as_written(tmp_path: Path) -> None:
    """The blocks of the README's first screen, before its first section, each a
    module of its own, pass mypy --strict and pyright (strict)."""
    blocks = code_blocks("README.md", "python", first_screen=True)
    assert len(blocks) == 3
    paths = []
    for number, block in enumerate(blocks):
        paths.append(tmp_path / f"quick_start_{number}.py")
        paths[-1].write_text(block, encoding="utf-8")
    checked = mypy(*map(str, paths))
    assert checked.returncode == 0, checked.stdout
    result = pyright(*map(str, paths))
    assert result.returncode == 0 and "0 errors" in result.stdout, result.stdout


@pytest.mark.parametrize("name", ["typo.py", "typo_constant.py"])
def test_a_misspelt_member_fails_both_checkers(name: str) -> None:
    path = str(TYPING / name)
    result = mypy(path)
    assert result.returncode == 1 and "NOT_FOUNDD" in result.stdout, result.stdout
    result = pyright(path)
    assert result.returncode == 1 and "NOT_FOUNDD" in result.stdout, result.stdout


def test_a_misspelt_fixed_value_fails_both_checkers() -> None:
    """kind and category are Literal types: comparing one with a value it can never
    hold is an error, not a condition that is always false."""
    path = str(TYPING / "typo_value.py")
    result = mypy(path)
    assert result.returncode == 1 and "membr" in result.stdout, result.stdout
    result = pyright(path)
    assert result.returncode == 1 and "membr" in result.stdout, result.stdout


def test_a_value_the_registry_can_lack_must_be_handled() -> None:
    """source, description, structured and comment are None where the registry has
    none: used as text without a check, each is an error, in both checkers."""
    path = str(TYPING / "missing_value.py")
    result = mypy(path)
    assert result.returncode == 1, result.stdout
    assert result.stdout.count('Item "None" of') == 5, result.stdout
    result = pyright(path)
    assert result.returncode == 1, result.stdout
    assert result.stdout.count("(reportOptionalMemberAccess)") == 5, result.stdout


def test_the_generator_passes_mypy_strict() -> None:
    result = mypy("generator")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_passes_on_the_generator_the_tests_and_the_generated_modules() -> None:
    result = run(
        sys.executable,
        "-m",
        "ruff",
        "check",
        "generator",
        "tests",
        "bench",
        "generated",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_modules_need_nothing_newer_than_python_3_8(tmp_path: Path) -> None:
    vermin = [
        str(Path(sys.executable).parent / "vermin"),
        "--no-tips",
        "--violations",
        "-t=3.8-",
        # http_method imports StrEnum only inside try/except ImportError, on 3.11+.
        "--exclude",
        "enum.StrEnum",
    ]
    result = run(*vermin, *GENERATED_MODULES)
    assert result.returncode == 0, result.stdout + result.stderr
    # The gate can fail: a 3.9 string method is caught.
    newer = tmp_path / "newer.py"
    newer.write_text('print("prefix-x".removeprefix("prefix-"))\n', encoding="utf-8")
    assert run(*vermin, str(newer)).returncode != 0


def build(kind: str, folder: Path) -> Path:
    """The project's wheel or sdist (`kind`), built into `folder` with the pinned
    backend of the development tools, without isolation: no download."""
    built = run(
        sys.executable,
        "-m",
        "build",
        f"--{kind}",
        "--no-isolation",
        "--outdir",
        str(folder),
        str(ROOT),
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = folder.glob("*.whl" if kind == "wheel" else "*.tar.gz")
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("wheel", tmp_path_factory.mktemp("dist"))


def test_the_wheel_holds_only_the_typed_generated_modules(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = sorted(name for name in archive.namelist() if ".dist-info/" not in name)
        metadata = next(
            archive.read(name).decode()
            for name in archive.namelist()
            if name.endswith("METADATA")
        )
    # One import name, the distribution's, holding every module, stub and marker.
    assert {name.split("/")[0] for name in names} == {PACKAGE.name}
    assert names == sorted(
        output.path for output in OUTPUTS if output.path.startswith(f"{PACKAGE.name}/")
    )
    # Nothing at run time, and the development pins are no part of the metadata.
    assert not [
        line
        for line in metadata.splitlines()
        if line.startswith(("Requires-Dist:", "Provides-Extra:"))
    ]
    assert "License-File: LICENSE" in metadata


def _install(wheel: Path, base: Path, environment: Path, *also: Path) -> str:
    """A fresh virtual environment of `base` with the wheel installed, and the wheels
    `also`; its python.

    Debian's builds of the newest CPythons come without ensurepip, so the venv is made
    without pip and the wheel is installed into its site-packages by this pip.
    """
    made = run(str(base), "-m", "venv", "--without-pip", str(environment))
    assert made.returncode == 0, made.stdout + made.stderr
    python = str(environment / "bin" / "python")
    installed = run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--target",
        str(_purelib(python)),
        str(wheel),
        *map(str, also),
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return python


def _purelib(python: str) -> Path:
    """Where `python` installs pure modules: its site-packages."""
    return Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )


@pytest.mark.parametrize("minor", SUPPORTED)
def test_the_wheel_works_in_a_fresh_venv(
    wheel: Path, tmp_path: Path, minor: str
) -> None:
    python = _install(wheel, require_interpreter(minor), tmp_path / "venv")
    modules = [
        f"{PACKAGE.name}.{output.name.removesuffix('.py')}"
        for output in OUTPUTS
        if output.is_python and output.name != "__init__.py"
    ]
    probe = (
        "import importlib, sys\n"
        "import http_registries\n"
        f"for module in {modules!r}: importlib.import_module(module)\n"
        "from http_registries import http_method, http_method_info, http_status\n"
        "from http_registries import http_status_constants, http_status_info\n"
        "assert http_method_info.lookup(http_method.HTTPMethod('GET')).safe\n"
        "assert http_status_info.lookup(520).kind == 'unofficial'\n"
        "assert sys.prefix != sys.base_prefix\n"
        "assert http_status.__file__.startswith(sys.prefix)\n"
        "assert http_status.HTTPStatus(404) is http_status_constants.NOT_FOUND\n"
        "assert all(name not in sys.modules for name in ('jinja2', 'yaml', 'black'))\n"
        "print(http_registries.__version__, http_status_constants.responses[404])\n"
    )
    result = run(python, "-c", probe, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{VERSION} {HTTPStatus.NOT_FOUND.phrase}\n"


def test_type_checkers_find_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """Through the py.typed markers, with nothing but the installed modules to go by."""
    python = _install(wheel, Path(sys.executable), tmp_path / "venv")
    checked = run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--python-executable",
        python,
        str(TYPING / "usage.py"),
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout


def test_the_distributions_pass_an_index_s_checks(wheel: Path, tmp_path: Path) -> None:
    """What make dist checks: metadata, and the README as the index page renders it
    (twine), the wheel's contents (check-wheel-contents), and the metadata's
    completeness (pyroma: 10 of 10, the project URLs and an e-mail among it)."""
    sdist = build("sdist", tmp_path)
    checked = run(
        sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2
    contents = run(sys.executable, "-m", "check_wheel_contents", str(wheel))
    assert contents.returncode == 0, contents.stdout + contents.stderr
    rated = run(sys.executable, "-m", "pyroma", "--min", "10", str(sdist))
    assert rated.returncode == 0 and "Final rating: 10/10" in rated.stdout, rated.stdout
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "check_wheel_contents" in makefile and "pyroma --min 10" in makefile


def test_the_index_page_has_a_short_summary_and_no_relative_link(wheel: Path) -> None:
    """The package index shows the summary in a line of search results, and the
    README as the project's page, away from the repository: a relative link (to
    CHANGELOG.md, LICENSE, ...) leads nowhere there."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [name for name in archive.namelist() if name.endswith("/METADATA")]
        metadata = email.message_from_bytes(archive.read(name))
    summary = metadata["Summary"]
    assert summary and len(summary) < 100, summary
    assert metadata["Description-Content-Type"].startswith("text/markdown")
    page = cmarkgfm.github_flavored_markdown_to_html(metadata.get_payload())
    targets = re.findall(r'(?:href|src)="([^"]*)"', page)
    assert len(targets) >= 4, targets
    relative = [
        target for target in targets if not re.match(r"(https?:|mailto:|#)", target)
    ]
    assert not relative, relative


def test_the_quick_suite_passes_in_the_unpacked_sdist(tmp_path: Path) -> None:
    """Distribution packagers test from the sdist: it holds the tests and what they
    read, and its generated files are current."""
    sdist = build("sdist", tmp_path / "dist")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    (unpacked,) = (
        path for path in tmp_path.iterdir() if path.is_dir() and path.name != "dist"
    )
    assert (unpacked / "LICENSE").is_file() and (unpacked / "CHANGELOG.md").is_file()
    checked = run(sys.executable, "-m", "generator", "check", cwd=unpacked)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "every file is current" in checked.stdout
    quick = run(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-n",
        "2",
        "-m",
        "not slow",
        "-p",
        "no:cacheprovider",
        "--tb=no",
        "--no-summary",
        cwd=unpacked,
    )
    # Only the closing line: a failure here is one that the suite of the tree
    # itself names in full.
    assert quick.returncode == 0, quick.stdout.strip().splitlines()[-1:]


def test_the_version_is_the_changelog_s_newest() -> None:
    """One version: pyproject.toml's, generated into __version__, with its entry first
    in CHANGELOG.md, as a calendar date."""
    import http_registries

    assert http_registries.__version__ == VERSION
    year, month, day = map(int, VERSION.split("."))
    assert 1 <= month <= 12 and 1 <= day <= 31 and year >= 2026
    headings = re.findall(
        r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE
    )
    assert headings[0] == VERSION


def _stand_in(folder: Path, distribution: str, module: str, source: str) -> Path:
    """A wheel of `distribution` holding one top-level module, made here: the shape of
    a real one (METADATA, WHEEL and RECORD), with nothing to download."""
    name = distribution.replace("-", "_")
    info = f"{name}-1.0.0.dist-info"
    files = {
        f"{module}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(f"{path},,\n" for path in files) + f"{info}/RECORD,,\n"
    path = folder / f"{name}-1.0.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for inside, text in {**files, f"{info}/RECORD": record}.items():
            archive.writestr(inside, text)
    return path


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
@pytest.mark.parametrize("removed", ["http_status", PACKAGE.name])
def test_the_wheel_lives_beside_http_status(
    wheel: Path, tmp_path: Path, minor: str, removed: str
) -> None:
    """The http-status distribution installs a top-level http_status (here a stand-in
    of the same shape); this one only its own package. Installed side by side,
    uninstalling either (deleting the files its RECORD lists, as pip uninstall does)
    leaves the other importable."""
    other = _stand_in(
        tmp_path, "http-status", "http_status", "class Status:\n    pass\n"
    )
    python = _install(wheel, require_interpreter(minor), tmp_path / "venv", other)
    purelib = _purelib(python)
    ours = f"from {PACKAGE.name}.http_status import HTTPStatus; HTTPStatus(404)"
    theirs = "import http_status; http_status.Status"
    assert run(python, "-c", f"{ours}; {theirs}", cwd=tmp_path).returncode == 0
    (record,) = purelib.glob(f"{removed.replace('_', '?')}-*.dist-info/RECORD")
    for line in record.read_text(encoding="utf-8").splitlines():
        (purelib / line.split(",")[0]).unlink(missing_ok=True)
    remaining = theirs if removed == PACKAGE.name else ours
    left = run(python, "-c", remaining, cwd=tmp_path)
    assert left.returncode == 0, left.stderr
    gone = run(python, "-c", ours if remaining == theirs else theirs, cwd=tmp_path)
    assert gone.returncode != 0, "the uninstalled distribution still imports"


@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
def test_a_new_user_runs_the_readme_s_examples_from_the_wheel(
    wheel: Path, tmp_path: Path, minor: str
) -> None:
    """What a new user does: install the wheel into a fresh environment, and run each
    example of the README's first screen as written, outside the project."""
    python = _install(wheel, require_interpreter(minor), tmp_path / "venv")
    for block in code_blocks("README.md", "python", first_screen=True):
        result = run(
            python, str(ROOT / "tests" / "run_block.py"), cwd=tmp_path, input=block
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("minor", SUPPORTED)
def test_the_stub_says_where_http_status_is_http_s_own(tmp_path: Path, minor: str) -> None:
    """Where the module gives http.HTTPStatus itself, a library's annotation of
    http.HTTPStatus takes the package's; elsewhere the two are different classes, and
    the checkers say so, as they would at run time (isinstance)."""
    from generator.pythons import stdlib_range, version_tuple

    registry = REGISTRIES["status"]
    given = stdlib_range(registry.stdlib_since)
    expected_same = given is not None and given[0] <= version_tuple(minor) < given[1]
    script = tmp_path / "annotated.py"
    script.write_text(
        "import http\n"
        "from http_registries import HTTPStatus\n\n\n"
        "def code(status: http.HTTPStatus) -> int:\n"
        "    return status.value\n\n\n"
        "code(HTTPStatus.NOT_FOUND)\n",
        encoding="utf-8",
    )
    result = pyright(str(script), version=minor)
    assert (result.returncode == 0) == expected_same, result.stdout
