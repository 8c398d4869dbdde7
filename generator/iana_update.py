"""Fetch IANA's current registry files and replace the vendored ones, all or nothing.

Every file is downloaded whole (bounded in time and size, checked against what the
server announced), decoded and parsed by the same reader `iana` uses, and the README
beside it is rewritten in memory with the file's new Source and sha256, before
anything is written. Only when every download and every rewrite has succeeded are
the changed files replaced, in one transaction: either all of them are, or none.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import http.client
import re
import signal
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .iana import EXPECTED, PROVENANCE, IanaRegistry, provenance_section
from .problems import InputError, Problem, one_problem
from .sourcefile import decode_text, read_bytes, read_text, shown

# IANA's files are a few kilobytes; anything far larger is not one of them.
MAX_BYTES = 1024 * 1024
# The whole download of one file, from connecting to the last byte.
TIMEOUT = 60.0


@dataclass(frozen=True)
class Update:
    """One vendored file, where its current version is published, and how it is read."""

    path: Path
    url: str
    iana: IanaRegistry
    fold: Callable[[Any], Any]  # how the kind compares keys

    @property
    def shown_path(self) -> str:
        return shown(self.path)


@dataclass(frozen=True)
class Plan:
    """What an update will write, and what it will say it changed."""

    texts: dict[Path, str]
    report: list[str]


def plan(updates: list[Update], today: datetime.date, timeout: float) -> Plan:
    """Download and check every file, and work out every file's new text; raise
    InputError with the problems of all of them before anything is written."""
    problems: list[Problem] = []
    texts: dict[Path, str] = {}
    report: list[str] = []
    vendored: dict[Path, bytes | None] = {}
    for update in updates:
        # The vendored file is judged before anything is downloaded: a FIFO or a
        # device there is refused in one line, not read.
        try:
            vendored[update.path] = read_bytes(update.path, update.shown_path, EXPECTED)
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    for update in updates:
        try:
            data = fetch(update.url, update.shown_path, timeout)
            where = f"{update.url} (as {update.shown_path})"
            new_rows = update.iana.parse(decode_text(data, where), where, update.fold)
        except InputError as error:
            problems += error.problems
            continue
        if vendored[update.path] == data:
            report.append(f"{update.shown_path}: unchanged")
            continue
        report.append(f"{update.shown_path}: replaced by {update.url}")
        report += _changes(_old_rows(update), new_rows, update)
        readme = update.path.parent / PROVENANCE
        try:
            current = texts.get(readme) or read_text(
                readme, shown(readme), f"the provenance of {update.path.name}"
            )
            texts[readme] = _with_provenance(
                current, shown(readme), update, today, data
            )
        except InputError as error:
            problems += error.problems
        texts[update.path] = data.decode("utf-8")
    if problems:
        raise InputError(problems)
    return Plan(texts, report)


def fetch(url: str, shown_path: str, timeout: float) -> bytes:
    """The whole body of a 200 response, or InputError naming the address: never a
    partial body, and never more than `timeout` seconds or MAX_BYTES."""

    def refuse(what: str) -> InputError:
        message = f"{url} {what}; expected IANA's CSV file"
        return one_problem(shown_path, 0, "download", message)

    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise refuse("is not an http or https address")
    started = time.monotonic()
    try:
        with _deadline(timeout), urllib.request.urlopen(
            url, timeout=timeout
        ) as response:
            problem = _unexpected_headers(response)
            if problem:
                raise refuse(problem)
            chunks: list[bytes] = []
            received = 0
            while chunk := response.read1(64 * 1024):
                received += len(chunk)
                if received > MAX_BYTES:
                    raise refuse(f"sent more than {MAX_BYTES // 1024} KiB")
                if time.monotonic() - started > timeout:
                    raise _TimedOut
                chunks.append(chunk)
    except _TimedOut:
        raise refuse(f"did not finish within {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        # OSError: the network, an HTTP error status (urllib's HTTPError), a socket
        # timeout; HTTPException: a reply that is not HTTP, a header line too long,
        # too many headers, a chunked body cut short.
        raise refuse(f"failed ({_describe(error)})") from None
    data = b"".join(chunks)
    announced = response.headers.get("Content-Length", "")
    # A chunked body's length is in its chunks, which http.client checks itself.
    if not response.chunked and announced.isdigit() and int(announced) != len(data):
        raise refuse(
            f"announced {announced} bytes and sent {len(data)}: the download is incomplete"
        )
    return data


def _unexpected_headers(response: Any) -> str | None:
    """What in the response's headers says its body is not a plain CSV file."""
    if response.status != 200:
        return f"answered {response.status} {response.reason}, not 200 OK"
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding != "identity":
        return f"sent the file encoded as {encoding!r}"
    charset = response.headers.get_content_charset()
    if charset not in (None, "utf-8", "utf8", "us-ascii"):
        return f"sent the file in the character set {charset!r}, not UTF-8"
    return None


def _describe(error: BaseException) -> str:
    """An exception as a short phrase: http.client's have no message of their own."""
    text = str(error) or type(error).__name__
    if isinstance(error, http.client.HTTPException) and str(error):
        text = f"{type(error).__name__}: {text}"
    return text if len(text) <= 200 else text[:197] + "..."


class _TimedOut(Exception):
    """The whole download took longer than it may."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt whatever the download is waiting for once `seconds` have passed.

    A socket timeout bounds each read, not the whole: a server that sends a byte
    every few seconds, in its headers or its body, would never time out. Where a
    timer signal is not available (Windows, or a thread other than the main one),
    the time is checked between reads instead.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signal_number: int, frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _old_rows(update: Update) -> list[Any]:
    """The vendored file's rows; none when it is missing or does not parse (the
    download then replaces it whole)."""
    try:
        return update.iana.read(update.path, update.shown_path, update.fold)
    except InputError:
        return []


def _changes(old: list[Any], new: list[Any], update: Update) -> list[str]:
    """Rows added, removed and changed, compared by key as the kind compares keys,
    ignoring line numbers; each named as the file writes it."""

    def by_key(rows: list[Any]) -> dict[Any, tuple[str, dict[str, Any]]]:
        return {
            update.fold(update.iana.key(row)): (
                update.iana.key(row),
                {name: value for name, value in vars(row).items() if name != "line"},
            )
            for row in rows
        }

    before, after = by_key(old), by_key(new)
    lines = [f"  added: {after[key][0]}" for key in after if key not in before]
    lines += [f"  removed: {before[key][0]}" for key in before if key not in after]
    lines += [
        f"  changed: {after[key][0]}"
        for key in after
        if key in before and after[key] != before[key]
    ]
    return lines or [
        "  the rows are the same (the bytes differ: layout or line endings)"
    ]


def _with_provenance(
    text: str, shown_readme: str, update: Update, today: datetime.date, data: bytes
) -> str:
    """`text` with the Source, sha256 and As of lines of its section on the file
    rewritten."""
    name = update.path.name
    found = provenance_section(text, name)
    start, end = found or (0, len(text))
    section = text[start:end]
    for field, value in (
        (
            "Source:",
            f"fetched from {update.url} by `make iana-update` on {today.isoformat()}.",
        ),
        ("sha256", f"`{hashlib.sha256(data).hexdigest()}`"),
        ("As of:", today.isoformat()),
    ):
        line = re.search(rf"^- {field} .*$", section, re.MULTILINE)
        if found is None or line is None:
            raise one_problem(
                shown_readme,
                0,
                "section",
                f"none names `{name}` with a '- {field} ...' line; expected a "
                f"heading such as '## ...: `{name}`' and its '- {field}' line",
            )
        section = section[: line.start()] + f"- {field} {value}" + section[line.end() :]
    return text[:start] + section + text[end:]
