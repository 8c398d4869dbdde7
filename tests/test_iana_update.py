"""make iana-update, against IANA's files served from 127.0.0.1 (make test never
touches the network)."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from conftest import Project

# Regressions and failure injection: in make test, not in the quick loop.
pytestmark = pytest.mark.slow

TODAY = "2026-12-01"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder whose files a local HTTP server serves, and the server's address."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *arguments: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _files(project: Project) -> tuple[Path, Path, Path]:
    iana = project.root / "data" / "iana"
    return iana / "http-status-codes.csv", iana / "http-methods.csv", iana / "README.md"


def _serve_copies(project: Project, folder: Path) -> tuple[Path, Path]:
    status, methods, _ = _files(project)
    (folder / "status.csv").write_bytes(status.read_bytes())
    (folder / "methods.csv").write_bytes(methods.read_bytes())
    return folder / "status.csv", folder / "methods.csv"


def _update(cli, project: Project, address: str):  # type: ignore[no-untyped-def]
    status, methods, _ = _files(project)
    return cli(
        "iana-update",
        *project.paths("validate"),
        "--iana",
        str(status),
        "--iana-methods",
        str(methods),
        "--status-url",
        f"{address}/status.csv",
        "--methods-url",
        f"{address}/methods.csv",
        "--today",
        TODAY,
        "--expiry",
        "warn",
    )


def test_unchanged_files_change_nothing(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    _serve_copies(project, folder)
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)
    assert result.code == 0, result.out + result.err
    assert result.out.count(": unchanged") == 2
    assert {path: path.read_bytes() for path in _files(project)} == before


def test_a_changed_status_file_replaces_the_copy_and_its_provenance(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    status_served, _ = _serve_copies(project, folder)
    data = status_served.read_bytes().replace(b"404,Not Found,", b"404,Not There,")
    status_served.write_bytes(data)
    result = _update(cli, project, address)
    status, _, readme = _files(project)
    assert status.read_bytes() == data
    assert f"replaced by {address}/status.csv" in result.out
    assert "  changed: 404" in result.out.splitlines()
    text = readme.read_text(encoding="utf-8")
    assert f"- sha256 `{hashlib.sha256(data).hexdigest()}`" in text
    assert (
        f"- Source: fetched from {address}/status.csv by `make iana-update` on {TODAY}."
        in text
    )
    # The other file's provenance is untouched, and the comparison now fails.
    assert text.count("make iana-update` on") == 1
    assert result.code == 1
    assert "404 phrase: the registry says 'Not Found', IANA 'Not There'" in result.out


def test_a_new_method_is_reported_as_added(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    _, methods_served = _serve_copies(project, folder)
    with methods_served.open("a", encoding="utf-8") as stream:
        stream.write('ZZZ-NEW,no,yes,"[RFC9999, Section 3]"\n')
    result = _update(cli, project, address)
    assert "  added: ZZZ-NEW" in result.out.splitlines()
    assert result.code == 1 and "ZZZ-NEW missing" in result.out


@pytest.mark.parametrize(
    "served_text",
    ["<html>Service Unavailable</html>\n", "Value,Description\n404,Not Found\n"],
    ids=["an HTML page", "another header"],
)
def test_a_file_that_does_not_parse_is_not_vendored(project: Project, cli, served, served_text: str) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    status_served, _ = _serve_copies(project, folder)
    status_served.write_text(served_text, encoding="utf-8")
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)
    assert result.code == 2
    assert (
        f"{address}/status.csv" in result.err
        and "the vendored file is kept" in result.err
    )
    assert {path: path.read_bytes() for path in _files(project)} == before


def test_an_unreachable_address_changes_nothing(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    _, address = served
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)  # serves nothing: 404 for both
    assert result.code == 2
    assert result.err.count("download: ") == 2
    assert {path: path.read_bytes() for path in _files(project)} == before
