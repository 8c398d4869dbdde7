"""Fetch IANA's current registry files and replace the vendored ones that parse.

Each file is downloaded to memory, read by the same reader `iana` uses (a file that
does not parse is refused and the vendored one kept), written in place of the old one
only when its bytes differ, and its Source and sha256 lines in data/iana/README.md
are rewritten. What changed is said as the rows added, removed and changed.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .files import write_changed
from .problems import InputError, Problem

STATUS_URL = (
    "https://www.iana.org/assignments/http-status-codes/http-status-codes-1.csv"
)
METHODS_URL = "https://www.iana.org/assignments/http-methods/methods.csv"
# IANA's files are a few kilobytes; anything far larger is not one of them.
MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Update:
    """One vendored file and where its current version is published."""

    path: Path
    url: str
    read: Callable[[Path, str], list[Any]]  # the reader iana uses
    key: Callable[[Any], str]  # what identifies a row: its code or method


def fetch(url: str, shown_path: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data: bytes = response.read(MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        raise InputError(
            [
                Problem(
                    shown_path,
                    1,
                    "download",
                    f"{url} failed ({error}); expected IANA's CSV file",
                )
            ]
        ) from None
    if len(data) > MAX_BYTES:
        raise InputError(
            [
                Problem(
                    shown_path,
                    1,
                    "download",
                    f"{url} sent more than 1 MiB; expected IANA's CSV file",
                )
            ]
        )
    return data


def update(
    update: Update, shown_path: str, readme: Path, today: datetime.date
) -> list[str]:
    """Replace `update.path` with the file at `update.url` if it parses and differs;
    return lines saying what changed (none when nothing did)."""
    data = fetch(update.url, shown_path)
    with tempfile.TemporaryDirectory() as folder:
        fetched = Path(folder) / update.path.name
        fetched.write_bytes(data)
        new_rows = update.read(fetched, f"{update.url} (as {shown_path})")
    old_rows = update.read(update.path, shown_path) if update.path.exists() else []
    if update.path.exists() and update.path.read_bytes() == data:
        return []
    changes = _changes(old_rows, new_rows, update.key)
    write_changed(update.path.parent, {update.path.name: data.decode("utf-8")})
    _record_provenance(readme, update.path.name, update.url, today, data)
    return [f"{shown_path}: replaced by {update.url}"] + changes


def _changes(old: list[Any], new: list[Any], key: Callable[[Any], str]) -> list[str]:
    """Rows added, removed and changed, compared by key, ignoring line numbers."""
    before = {key(row): _without_line(row) for row in old}
    after = {key(row): _without_line(row) for row in new}
    lines = [f"  added: {name}" for name in after if name not in before]
    lines += [f"  removed: {name}" for name in before if name not in after]
    lines += [
        f"  changed: {name}"
        for name in after
        if name in before and after[name] != before[name]
    ]
    return lines or [
        "  the rows are the same (the bytes differ: layout or line endings)"
    ]


def _without_line(row: Any) -> dict[str, Any]:
    fields = dict(vars(row))
    fields.pop("line", None)
    return fields


def _record_provenance(
    readme: Path, name: str, url: str, today: datetime.date, data: bytes
) -> None:
    """Rewrite the Source and sha256 lines of the README's section on `name`."""
    text = readme.read_text(encoding="utf-8")
    heading = re.search(rf"^## .*`{re.escape(name)}`$", text, re.MULTILINE)
    if heading is None:
        raise InputError(
            [
                Problem(
                    str(readme),
                    1,
                    "section",
                    f"none names `{name}`; expected a heading such as '## ...: `{name}`'",
                )
            ]
        )
    start = heading.end()
    following = re.search(r"^## ", text[start:], re.MULTILINE)
    end = start + following.start() if following else len(text)
    section = text[start:end]
    for field, value in (
        (
            "Source:",
            f"fetched from {url} by `make iana-update` on {today.isoformat()}.",
        ),
        ("sha256", f"`{hashlib.sha256(data).hexdigest()}`"),
    ):
        section = re.sub(
            rf"^- {field} .*$",
            lambda _: f"- {field} {value}",  # noqa: B023 (used at once)
            section,
            count=1,
            flags=re.MULTILINE,
        )
    write_changed(readme.parent, {readme.name: text[:start] + section + text[end:]})
