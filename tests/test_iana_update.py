"""make iana-update, against IANA's files served from 127.0.0.1 (make test never
touches the network)."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from conftest import KINDS, REGISTRIES, Kind, Project, line_of, replaced

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
    with server, _running(server.serve_forever, server.shutdown):
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"


@contextlib.contextmanager
def _running(serve: Callable[[], None], stop: Callable[[], None]) -> Iterator[None]:
    """`serve` in a thread while the block runs; `stop` makes it return."""
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop()
        thread.join()


STATUS = REGISTRIES["status"].kind  # whose rows some tests edit
METHOD = REGISTRIES["method"].kind


def _served(kind: Kind) -> str:
    """The path at which the test servers serve `kind`'s file."""
    return f"/{kind.name}.csv"


def _files(project: Project) -> list[Path]:
    """Every vendored file, and the README that holds their provenance."""
    vendored = [project.iana_of(kind) for kind in KINDS]
    return [*vendored, vendored[0].parent / "README.md"]


def _bytes(project: Project, kind: Kind) -> bytes:
    return project.iana_of(kind).read_bytes()


def _serve_copies(project: Project, folder: Path) -> dict[str, Path]:
    """Every kind's vendored file, served as it is; the served copies, by kind."""
    copies = {}
    for kind in KINDS:
        copies[kind.name] = folder / _served(kind).lstrip("/")
        copies[kind.name].write_bytes(_bytes(project, kind))
    return copies


def _update(cli, project: Project, address: str, *extra: str):  # type: ignore[no-untyped-def]
    return cli(
        "iana-update",
        *project.paths("iana-update"),
        *(f"--url={kind.name}={address}{_served(kind)}" for kind in KINDS),
        "--today",
        TODAY,
        "--expiry",
        "warn",
        *extra,
    )


def test_unchanged_files_change_nothing(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    _serve_copies(project, folder)
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)
    assert result.code == 0, result.out + result.err
    assert result.out.count(": unchanged") == len(KINDS)
    assert {path: path.read_bytes() for path in _files(project)} == before


def test_a_changed_status_file_replaces_the_copy_and_its_provenance(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    status_served = _serve_copies(project, folder)[STATUS.name]
    data = replaced(status_served.read_bytes(), b"404,Not Found,", b"404,Not There,")
    status_served.write_bytes(data)
    result = _update(cli, project, address)
    status, readme = project.iana_of(STATUS), _files(project)[-1]
    assert status.read_bytes() == data
    assert f"replaced by {address}{_served(STATUS)}" in result.out
    assert "  changed: 404" in result.out.splitlines()
    text = readme.read_text(encoding="utf-8")
    assert f"- sha256 `{hashlib.sha256(data).hexdigest()}`" in text
    assert (
        f"- Source: fetched from {address}{_served(STATUS)} by `make iana-update` on {TODAY}."
        in text
    )
    assert f"- As of: {TODAY}" in text
    # The other file's provenance is untouched, and the comparison now fails.
    assert text.count("make iana-update` on") == 1
    assert text.count(f"- As of: {TODAY}") == 1
    assert result.code == 1
    assert "404 phrase: the registry says 'Not Found', IANA 'Not There'" in result.out


def test_a_new_method_is_reported_as_added(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    folder, address = served
    methods_served = _serve_copies(project, folder)[METHOD.name]
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
    status_served = _serve_copies(project, folder)[STATUS.name]
    status_served.write_text(served_text, encoding="utf-8")
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)
    assert result.code == 2
    assert f"{address}{_served(STATUS)}" in result.err
    assert "nothing was changed" in result.err
    assert {path: path.read_bytes() for path in _files(project)} == before


def test_an_unreachable_address_changes_nothing(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    _, address = served
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)  # serves nothing: 404 for each
    assert result.code == 2
    assert result.err.count("download: ") == len(KINDS)
    assert {path: path.read_bytes() for path in _files(project)} == before


# --- Hostile servers: every failure ends in one message, exit 2, and data/iana/ as it was.

Reply = Callable[[socket.socket], None]


@pytest.fixture
def hostile() -> Iterator[tuple[dict[str, Reply], str]]:
    """A server on 127.0.0.1 that answers each path with a scripted reply (raw bytes
    on the socket), and its address; a path with no script gets a 404."""
    replies: dict[str, Reply] = {}
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def answer(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5)
            request = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in request and len(request) < 65536:
                    if not (received := connection.recv(4096)):
                        return
                    request += received
                path = request.split(b" ", 2)[1].decode("ascii", "replace")
                reply = replies.get(path) or _sent(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                )
                reply(connection)

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    with listener, _running(serve, stop.set):
        yield replies, f"http://127.0.0.1:{listener.getsockname()[1]}"


def _sent(data: bytes) -> Reply:
    return lambda connection: connection.sendall(data)


def _response(body: bytes, *headers: str) -> bytes:
    head = "".join(f"{header}\r\n" for header in ("HTTP/1.1 200 OK", *headers))
    return head.encode("latin-1") + b"\r\n" + body


def _dripping(head: bytes, drops: bytes, every: float) -> Reply:
    """Send `head`, then one byte of `drops` every `every` seconds (bounded: it
    stops when the bytes run out or the client has gone)."""

    def reply(connection: socket.socket) -> None:
        connection.sendall(head)
        for byte in drops:
            time.sleep(every)
            connection.sendall(bytes([byte]))

    return reply


def _unchanged_after(project: Project, cli, address: str, *extra: str):  # type: ignore[no-untyped-def]
    """Run iana-update; assert it failed cleanly and changed no byte of data/iana/."""
    before = _tree(project.root / "data" / "iana")
    result = _update(cli, project, address, *extra)
    assert result.code == 2, result.out + result.err
    assert "nothing was changed" in result.err
    assert "Traceback" not in result.err
    assert _tree(project.root / "data" / "iana") == before
    return result


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _serve_the_rest(replies: dict[str, Reply], project: Project) -> None:
    """Every kind's file the test has not scripted, served as it is vendored."""
    for kind in KINDS:
        replies.setdefault(_served(kind), _sent(_response(_bytes(project, kind))))


def test_a_download_shorter_than_announced_is_refused(project: Project, cli, hostile) -> None:  # type: ignore[no-untyped-def]
    replies, address = hostile
    data = _bytes(project, STATUS)
    cut = data.index(b"\n500,") + 1  # at a row boundary: what arrived parses
    replies[_served(STATUS)] = _sent(
        _response(data[:cut], f"Content-Length: {len(data)}", "Connection: close")
    )
    _serve_the_rest(replies, project)
    result = _unchanged_after(project, cli, address)
    assert f"announced {len(data)} bytes and sent {cut}" in result.err


def test_a_chunked_download_cut_short_is_refused(project: Project, cli, hostile) -> None:  # type: ignore[no-untyped-def]
    replies, address = hostile
    data = _bytes(project, STATUS)
    replies[_served(STATUS)] = _sent(
        _response(b"%x\r\n" % len(data) + data[:100], "Transfer-Encoding: chunked")
    )
    _serve_the_rest(replies, project)
    result = _unchanged_after(project, cli, address)
    assert f"{address}{_served(STATUS)} failed (IncompleteRead" in result.err


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_server_that_drips_is_given_up_on_in_time(project: Project, cli, hostile, where: str) -> None:  # type: ignore[no-untyped-def]
    replies, address = hostile
    data = _bytes(project, STATUS)
    if where == "body":
        head = _response(b"", f"Content-Length: {len(data)}")
        replies[_served(STATUS)] = _dripping(head, data[:40], every=0.25)
    else:
        replies[_served(STATUS)] = _dripping(
            b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"x" * 40, every=0.25
        )
    _serve_the_rest(replies, project)
    started = time.monotonic()
    result = _unchanged_after(project, cli, address, "--timeout", "1.5")
    # Each byte comes well within any per-read timeout; only the whole is bounded
    # (by 1.5 s; the margin is for a loaded machine, far below the minutes a
    # per-read timeout would take).
    assert time.monotonic() - started < 30
    assert f"{address}{_served(STATUS)} did not finish within 1.5 s" in result.err


@pytest.mark.parametrize(
    "reply",
    [
        b"SSH-2.0-OpenSSH_9.6\r\n",
        b"HTTP/1.1 200 OK\r\nX-Long: " + b"x" * 100_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 101 + b"\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/csv; charset=utf-16\r\nContent-Length: 4\r\n\r\nabcd",
        b"HTTP/1.1 204 No Content\r\n\r\n",
    ],
    ids=[
        "not HTTP",
        "a header line of 100 KB",
        "101 headers",
        "gzip",
        "UTF-16",
        "204",
    ],
)
def test_a_reply_that_is_not_a_plain_csv_file_is_refused(project: Project, cli, hostile, reply: bytes) -> None:  # type: ignore[no-untyped-def]
    replies, address = hostile
    replies[_served(STATUS)] = _sent(reply)
    _serve_the_rest(replies, project)
    result = _unchanged_after(project, cli, address)
    problems = [line for line in result.err.splitlines() if "download:" in line]
    assert len(problems) == 1 and f"{address}{_served(STATUS)}" in problems[0]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_downloaded_text_cannot_add_a_line_to_the_report(project: Project, cli, hostile, kind: Kind) -> None:  # type: ignore[no-untyped-def]
    """A row whose key holds a line break and the start of a report line."""
    replies, address = hostile
    width = len(kind.iana.header)
    row = b'"X\r\nerror: INJECTED"' + b"," * (width - 1) + b"\r\n"
    replies[_served(kind)] = _sent(_response(_bytes(project, kind) + row))
    _serve_the_rest(replies, project)
    result = _unchanged_after(project, cli, address)
    output = (result.out + result.err).splitlines()
    assert not [line for line in output if line.startswith("error: INJECTED")]
    assert any("\\r\\nerror: INJECTED" in line for line in output), output


def test_a_method_that_is_not_a_token_is_refused(project: Project, cli, hostile) -> None:  # type: ignore[no-untyped-def]
    replies, address = hostile
    replies[_served(STATUS)] = _sent(_response(_bytes(project, STATUS)))
    data = _bytes(project, METHOD) + b'BAD METHOD,no,no,"[RFC9999]"\n'
    replies[_served(METHOD)] = _sent(_response(data))
    result = _unchanged_after(project, cli, address)
    assert "Method Name: 'BAD METHOD' is not a token" in result.err


def test_duplicate_rows_are_reported_not_collapsed(project: Project, cli, hostile) -> None:  # type: ignore[no-untyped-def]
    replies, address = hostile
    data = _bytes(project, STATUS)
    first = line_of(data, b"\n404,") + 1
    data += b'404,Not There,"[RFC9110, Section 15.5.5]"\n'
    replies[_served(STATUS)] = _sent(_response(data))
    _serve_the_rest(replies, project)
    result = _unchanged_after(project, cli, address)
    assert f"Value: 404 is already at line {first}; expected each once" in result.err


def test_one_failed_download_writes_neither_file(project: Project, cli, hostile) -> None:  # type: ignore[no-untyped-def]
    """All or nothing: a good new status file is not written when the methods fail."""
    replies, address = hostile
    changed = replaced(_bytes(project, STATUS), b"404,Not Found,", b"404,Not There,")
    replies[_served(STATUS)] = _sent(_response(changed))  # the others: 404
    result = _unchanged_after(project, cli, address)
    assert f"{address}{_served(METHOD)} failed (HTTP Error 404" in result.err


@pytest.mark.parametrize("damage", ["a reworded section", "no README"])
def test_provenance_that_cannot_be_updated_changes_nothing(project: Project, cli, hostile, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:  # type: ignore[no-untyped-def]
    """The README is rewritten in memory before any file is replaced; its problem is
    reported with a path relative to the working folder."""
    replies, address = hostile
    changed = replaced(_bytes(project, STATUS), b"404,Not Found,", b"404,Not There,")
    replies[_served(STATUS)] = _sent(_response(changed))
    _serve_the_rest(replies, project)
    readme = _files(project)[-1]
    if damage == "no README":
        readme.unlink()
    else:
        text = readme.read_text(encoding="utf-8")
        reworded = re.sub(r"^- sha256 ", "- checksum ", text, flags=re.MULTILINE)
        assert reworded != text
        readme.write_text(reworded, encoding="utf-8")
    monkeypatch.chdir(project.root)
    result = _unchanged_after(project, cli, address)
    expected = (
        "file: does not exist" if damage == "no README" else "section: none names"
    )
    assert f"data/iana/README.md: {expected}" in result.err
    assert str(project.root) not in result.err


def test_a_registry_that_does_not_validate_changes_no_vendored_file(project: Project, cli, served) -> None:  # type: ignore[no-untyped-def]
    """Everything the comparison needs is loaded before anything is written: an
    invalid registry is reported, and the new IANA file is not vendored."""
    folder, address = served
    status_served = _serve_copies(project, folder)[STATUS.name]
    status_served.write_bytes(
        replaced(status_served.read_bytes(), b"404,Not Found,", b"404,Not There,")
    )
    project.edit_registry("phrase: Not Found\n", "phrase: No\n")
    before = {path: path.read_bytes() for path in _files(project)}
    result = _update(cli, project, address)
    assert result.code == 2, result.out + result.err
    assert "phrase: 'No' is the boolean false only in YAML 1.1" in result.err
    assert {path: path.read_bytes() for path in _files(project)} == before
