"""Read an input file (a registry, IANA's CSV) as text, or say what is wrong with it.

What an editor shows and what a parser reads must be the same text with the same
line numbers. So a file is refused, with the line and column of each culprit, when
it holds a character that an editor does not show as itself: a control character
(C0 other than tab and line feed, DEL, C1), a carriage return that does not end a
line, a noncharacter, or a literal U+0085, U+2028 or U+2029, which YAML counts as
line breaks and editors and `grep -n` do not. Inside a double-quoted YAML string
each of them can still be written as an escape (\\e, \\u2028, ...).
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

from .problems import InputError, Problem, one_problem

# The project's folder, and its data: the registries, their schemas, IANA's files
# and CPython's tables.
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Far above any real registry (all 500 codes from 100 to 599 with long descriptions
# take well under 1 MiB), far below what would exhaust memory.
MAX_BYTES = 8 * 1024 * 1024
# A file of binary garbage would give a problem per character: say the first ones.
MAX_REPORTED = 20

_UNSHOWN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)"
)
_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN, not followed by a line feed",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE, which YAML reads as a line break and editors do not",
    "\u2028": "LINE SEPARATOR, which YAML reads as a line break and editors do not",
    "\u2029": "PARAGRAPH SEPARATOR, which YAML reads as a line break and editors do not",
    "\ufffe": "a noncharacter",
    "\uffff": "a noncharacter",
}


def shown(path: Path) -> str:
    """A path as short as it can be said from the current folder."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def read_text(path: Path, shown_path: str, expected: str) -> str:
    """The file's text; InputError naming the file, line and column of every culprit."""
    raw = read_bytes(path, shown_path, expected)
    if raw is None:
        raise _refuse(shown_path, f"does not exist; expected {expected} at this path")
    return decode_text(raw, shown_path)


def read_json(path: Path, expected: str) -> Any:
    """A JSON file of the project's (a schema), through the same reader."""
    return parse_json(read_text(path, shown(path), expected), shown(path), expected)


def parse_json(text: str, shown_path: str, expected: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise one_problem(
            shown_path, 0, "json", f"is not JSON ({error}); expected {expected}"
        ) from None


def read_bytes(path: Path, shown_path: str, expected: str) -> bytes | None:
    """The bytes of a regular file of at most MAX_BYTES, None where there is no file;
    InputError in one line for anything else. Everything the tool reads comes through
    here: a FIFO would block forever, /dev/zero never end, and a huge file exhaust
    memory, so the file is opened without waiting, judged by what was opened (not
    by its path, which another process may change in between), and read bounded."""
    try:
        descriptor = os.open(
            path,
            os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0),
        )
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _refuse(
            shown_path, f"cannot be read ({error.strerror}); expected {expected}"
        ) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _refuse(
            shown_path,
            f"is not a regular file (a folder, a device or a pipe); expected {expected}",
        )
    with os.fdopen(descriptor, "rb") as stream:
        try:
            raw = stream.read(MAX_BYTES + 1)
        except OSError as error:
            raise _refuse(
                shown_path, f"cannot be read ({error.strerror}); expected {expected}"
            ) from None
    if len(raw) > MAX_BYTES:
        raise _refuse(
            shown_path,
            f"is larger than {MAX_BYTES // (1024 * 1024)} MiB; expected {expected}, "
            "which is far smaller",
        )
    return raw


def decode_text(raw: bytes, shown_path: str) -> str:
    """The text of a file's bytes, read from disk or downloaded (each bounded in
    size as it is read), on the same terms."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise one_problem(
            shown_path,
            line,
            "encoding",
            f"byte 0x{raw[error.start]:02x} at column {column} is not UTF-8; expected a UTF-8 file",
        ) from None
    text = text.removeprefix("\ufeff")
    problems = _unshown_characters(text, shown_path)
    if problems:
        raise InputError(problems)
    return text


def _refuse(shown_path: str, message: str) -> InputError:
    """The file refused whole."""
    return one_problem(shown_path, 0, "file", message)


def _unshown_characters(text: str, shown_path: str) -> list[Problem]:
    problems = []
    culprits = list(_UNSHOWN.finditer(text))
    for match in culprits[:MAX_REPORTED]:
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        character = match.group()
        name = _NAMES.get(character) or unicodedata.name(
            character, "a control character"
        )
        problems.append(
            Problem(
                shown_path,
                line,
                "character",
                f"U+{ord(character):04X} ({name}) at column {column}; expected text an "
                "editor shows as it is (inside double quotes, write it as an escape such "
                f"as \\u{ord(character):04x})",
            )
        )
    if len(culprits) > MAX_REPORTED:
        first_unreported = culprits[MAX_REPORTED].start()
        problems.append(
            Problem(
                shown_path,
                text.count("\n", 0, first_unreported) + 1,
                "character",
                f"and {len(culprits) - MAX_REPORTED} more such characters; expected a text file",
            )
        )
    return problems
