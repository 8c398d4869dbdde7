"""Command line: `python -m generator {generate,check,validate,iana,iana-update}`."""

from __future__ import annotations

import argparse
import datetime
import difflib
import re
import signal
import sys
import textwrap
from pathlib import Path
from typing import Any, NoReturn

from .files import (
    RollbackIncomplete,
    differences,
    write_changed,
    write_files,
)
from .formatting import FormatError
from .iana import Difference, compare
from .iana_update import TIMEOUT, Update, plan
from .kind import Kind
from .kinds import KINDS
from .outputs import build_outputs, project
from .problems import InputError, interrupted, one_line
from .pythons import SUPPORTED, stdlib_range
from .registry import Registry, committed_registry, load_registry
from .render import TemplateFailure
from .sourcefile import DATA, ROOT, shown

EXIT_OK, EXIT_STALE, EXIT_INVALID = 0, 1, 2

# Each command's exit statuses, for its --help; the program's help lists them all.
SUCCESS = "  0  success"
UNEXPLAINED = "  1  a registry differs from IANA's in a way it does not explain"
INVALID = (
    "  2  invalid input (a registry, a template, IANA's file) or usage;\n"
    "     nothing was written"
)
EXITS = {
    "generate": [
        SUCCESS + ": the generated files are written, or were current",
        INVALID,
    ],
    "check": [
        SUCCESS + ": the committed generated files are current",
        "  1  they differ from what the registries and templates produce\n"
        "     (a diff is printed)",
        INVALID,
    ],
    "validate": [SUCCESS + ": every registry is valid", INVALID],
    "iana": [
        SUCCESS + ": every difference from IANA's registries is kept on purpose",
        UNEXPLAINED,
        INVALID,
    ],
    "iana-update": [
        SUCCESS + ": the files are updated, and every difference is kept on purpose",
        UNEXPLAINED,
        "  2  a download or a file is refused, or usage; nothing was changed",
    ],
}
EPILOG = f"""\
exit status:
{SUCCESS}
  1  check: the committed generated files are not current;
     iana, iana-update: a registry differs from IANA's in a way it does not
     explain
{INVALID}
each command's --help says what its statuses mean for it.
"""


def main(argv: list[str] | None = None) -> int:
    _never_fail_to_print()
    arguments = _parser().parse_args(argv)
    # A terminated run unwinds like an interrupted one, so that the files already
    # moved into place are put back (files.write_changed).
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(arguments.run(arguments))
    except InputError as error:
        _print_problems(error)
        return EXIT_INVALID
    except RollbackIncomplete as error:
        print(f"error: {error}; restore them from version control", file=sys.stderr)
        return EXIT_INVALID
    except (TemplateFailure, FormatError) as error:
        print(f"{error}; nothing was changed", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(
            f"{error.filename or ''}: {error.strerror or error}; nothing was changed",
            file=sys.stderr,
        )
        return EXIT_INVALID
    except KeyboardInterrupt:
        return interrupted(len(getattr(arguments, "written", ())))
    finally:
        signal.signal(signal.SIGTERM, previous)


def _never_fail_to_print() -> None:
    """Text a stream's encoding cannot carry (a table's dash on an ASCII terminal)
    is written as an escape, never an exception that hides the message."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _print_problems(error: InputError) -> None:
    for line in error.report():
        print(line, file=sys.stderr)


def _interrupt(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


class _Help(argparse.RawDescriptionHelpFormatter):
    """Help at 80 columns, whose lines break between words only: never inside an
    address or a hyphenated name."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=80, max_help_position=24)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(
            " ".join(text.split()),
            width,
            break_on_hyphens=False,
            break_long_words=False,
        )

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text.strip():  # laid out by hand: the exit statuses
            return super()._fill_text(text, width, indent)
        lines = self._split_lines(text, width - len(indent))
        return "\n".join(indent + line for line in lines)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, which also suggests the command a misspelt one meant."""

    def error(self, message: str) -> NoReturn:
        wrong = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if wrong:
            message += _suggestion(wrong[1], re.findall(r"'([^']*)'", wrong[2]))
        super().error(message)


def _suggestion(word: str, choices: list[str]) -> str:
    """ "; did you mean 'x'?" for the choice closest to a misspelt word, if any is."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m generator",
        description="Generate the http_registries package, its tables and its export "
        "from the registries in data/, check them, and compare the registries with IANA's.",
        epilog=EPILOG,
        formatter_class=_Help,
    )
    metadata = project()
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s, of {metadata['name']} {metadata['version']}",
    )
    commands = parser.add_subparsers(
        title="commands", required=True, metavar="COMMAND", parser_class=_Parser
    )
    for name, run, add_options, text in (
        (
            "generate",
            _generate,
            _add_output_options,
            "write the generated files whose text changed",
        ),
        (
            "check",
            _check,
            _add_output_options,
            "compare the generated files with what the registries make",
        ),
        ("validate", _validate, None, "only validate the registries"),
        ("iana", _iana, _add_iana_options, "compare the registries with IANA's"),
        (
            "iana-update",
            _iana_update,
            _add_iana_update_options,
            "download IANA's current files, replace the vendored ones that parse, then compare",
        ),
    ):
        command = commands.add_parser(
            name,
            help=text,
            description=text,
            epilog="exit status:\n" + "\n".join(EXITS[name]) + "\n" + _REGISTRIES,
            formatter_class=_Help,
        )
        command.set_defaults(run=run)
        _add_named_option(
            command,
            "registry",
            "PATH",
            "a registry's file, in place of data/'s: status=path/http_status.yaml",
        )
        _add_named_option(
            command,
            "iana",
            "PATH",
            "IANA's file of a registry, in place of data/iana/'s (its provenance, "
            "README.md, beside it): status=path/file.csv",
        )
        if add_options:
            add_options(command)
    return parser


# Every registry by the NAME the options take, with its file in data/.
_REGISTRIES = "\nregistries (NAME and file):\n" + "".join(
    f"  {kind.name:<22} data/{kind.registry}\n" for kind in KINDS
)


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--templates",
        type=Path,
        default=ROOT / "templates",
        help="the templates (default: templates/)",
    )
    command.add_argument(
        "--output",
        type=Path,
        default=ROOT / "generated",
        help="the generated files (default: generated/)",
    )


def _add_iana_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--today",
        type=_date,
        default=datetime.date.today(),
        help="the date by which expiry is judged, as 2026-11-13 (default: today)",
    )
    command.add_argument(
        "--expiry",
        choices=["fail", "warn"],
        default="fail",
        help="whether an expiry judged by today fails (default) or is only printed as a "
        "warning, so that a test run gives the same result on any date",
    )


def _add_iana_update_options(command: argparse.ArgumentParser) -> None:
    _add_iana_options(command)
    _add_named_option(
        command,
        "url",
        "URL",
        "where to download IANA's file of a registry from, in place of IANA's "
        "address (listed below): status=https://...",
    )
    command.epilog = (
        (command.epilog or "")
        + "\nIANA's addresses:\n"
        + "".join(f"  {kind.name:<22} {kind.iana.url}\n" for kind in KINDS)
    )
    command.add_argument(
        "--timeout",
        type=_seconds,
        default=TIMEOUT,
        help=f"the most seconds one whole download may take (default: {TIMEOUT:g})",
    )


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; expected YYYY-MM-DD, such as 2026-11-13"
        ) from None


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of seconds from 0 to 3600"
        )
    return seconds


def _add_named_option(
    command: argparse.ArgumentParser, what: str, metavar: str, text: str
) -> None:
    """One option for every registry, given as NAME=VALUE as often as needed: the
    options do not grow with the registries."""
    command.add_argument(
        f"--{what}",
        action="append",
        type=_named(metavar),
        default=[],
        metavar=f"NAME={metavar}",
        help=f"{text}; NAME is one of the registries listed below",
    )


def _named(metavar: str) -> Any:
    def parse(text: str) -> tuple[str, str]:
        name, equals, value = text.partition("=")
        names = [kind.name for kind in KINDS]
        if not equals or not value:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not NAME={metavar}; expected such as status=..."
            )
        if name not in names:
            raise argparse.ArgumentTypeError(
                f"{name!r} is no registry; expected one of {', '.join(names)}"
                + _suggestion(name, names)
            )
        return name, value

    parse.__name__ = metavar  # argparse names the type in its messages
    return parse


def _option(arguments: argparse.Namespace, kind: Kind, what: str) -> Any:
    """A registry's file, IANA's file or IANA's address: as an option names it for
    the kind (the last one given), or by default the project's."""
    given = dict(getattr(arguments, what))
    if kind.name in given:
        return given[kind.name] if what == "url" else Path(given[kind.name])
    return {
        "registry": DATA / kind.registry,
        "iana": DATA / "iana" / kind.iana.file,
        "url": kind.iana.url,
    }[what]


def _load(arguments: argparse.Namespace, dated: bool = True) -> list[Registry]:
    """Every kind's registry, `dated` with the date of IANA's file as its provenance
    gives it (what the exports say); the problems of all of them in one report."""
    registries, problems = [], []
    for kind in KINDS:
        path = _option(arguments, kind, "registry")
        iana = _option(arguments, kind, "iana") if dated else None
        try:
            registries.append(load_registry(kind, path, shown(path), iana))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return registries


def _generate(arguments: argparse.Namespace) -> int:
    registries = _load(arguments)
    texts = build_outputs(registries, arguments.templates)
    promises = _promises_ended(registries, arguments.output)
    changed = arguments.written = write_changed(arguments.output, texts)
    for line in promises:
        print(f"warning: {line}", file=sys.stderr)
    for name in changed:
        print(f"wrote {shown(arguments.output / name)}")
    if not changed:
        print(f"{shown(arguments.output)}: every file is current")
    return EXIT_OK


def _promises_ended(registries: list[Registry], output: Path) -> list[str]:
    """A line for each enum that the edit stops being the standard library's own on
    some CPython where it was, by the records the committed export holds against the
    new ones: naming each member that now rules those versions out, and what keeps the
    promise instead."""
    lines = []
    for registry in registries:
        if registry.kind.enum is None:
            continue
        before = committed_registry(registry, output)
        was = stdlib_range(before.stdlib_since) if before else None
        now = stdlib_range(registry.stdlib_since)
        # Every range runs to the newest CPython tested: only its start can move.
        if was is None or (now is not None and now[0] <= was[0]):
            continue
        lost = "on none now" if now is None else f"only from {_version(now[0])} on now"
        for member in registry.stdlib_limits:
            lines.append(
                f"{registry.path}:{member.line}: {member.key}: the package gave "
                f"http's own enum on CPython {_version(was[0])} to {SUPPORTED[-1]}, "
                f"and {lost}, since no released CPython has this entry as it is here; "
                "to keep it, add member: false (the lookup still knows the entry), or "
                "python_added, python_wording or renamed_in once a CPython has it"
            )
    return lines


def _version(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def _check(arguments: argparse.Namespace) -> int:
    texts = build_outputs(_load(arguments), arguments.templates)
    diffs = differences(arguments.output, texts)
    if not diffs:
        print(f"{shown(arguments.output)}: every file is current")
        return EXIT_OK
    sys.stdout.write("".join(diffs))
    sources = ", ".join(shown(_option(arguments, kind, "registry")) for kind in KINDS)
    print(
        f"error: the generated files differ from what {sources} and the templates produce.\n"
        "Run `make generate` and commit the result; never edit generated files by hand.",
        file=sys.stderr,
    )
    return EXIT_STALE


def _iana(arguments: argparse.Namespace) -> int:
    return _compare_with_iana(_load(arguments, dated=False), arguments)


def _compare_with_iana(
    registries: list[Registry], arguments: argparse.Namespace
) -> int:
    unexplained = 0
    for registry in registries:
        kind = registry.kind
        path = _option(arguments, kind, "iana")
        shown_path = shown(path)
        rows = kind.iana.read(path, shown_path, kind.fold)
        found = compare(
            kind.iana,
            registry.path,
            registry.entries,
            rows,
            shown_path,
            arguments.today,
            kind.fold,
        )
        what = f"{len(rows)} {kind.iana.rows_noun}"
        unexplained += _report(found, shown_path, what, arguments.expiry)
    if unexplained:
        print(
            "error: fix each unexplained difference in the registry, or record why it is kept under the entry's iana_deviations",
            file=sys.stderr,
        )
        return EXIT_STALE
    return EXIT_OK


def _iana_update(arguments: argparse.Namespace) -> int:
    # Everything the comparison needs is loaded and checked before anything is
    # written: a registry that does not validate changes no vendored file.
    registries = _load(arguments, dated=False)
    updates = [
        Update(
            _option(arguments, kind, "iana"),
            _option(arguments, kind, "url"),
            kind.iana,
            kind.fold,
        )
        for kind in KINDS
    ]
    try:
        planned = plan(updates, arguments.today, arguments.timeout)
    except InputError as error:
        _print_problems(error)
        print(
            "error: nothing was changed; every vendored file is kept as it was",
            file=sys.stderr,
        )
        return EXIT_INVALID
    arguments.written = write_files(planned.texts)
    print("\n".join(one_line(line) for line in planned.report))
    return _compare_with_iana(registries, arguments)


def _report(found: list[Difference], iana_path: str, what: str, expiry: str) -> int:
    """Print one comparison: a difference the registry keeps on purpose as one line
    marked `kept:` with its reason, one that only the date makes (with --expiry warn)
    as a warning, and every other as a problem; return how many problems there are."""
    kept = unexplained = 0
    for difference in found:
        if difference.kept:
            kept += 1
            print(difference.kept_line)
        elif expiry == "warn" and difference.by_date:
            print(f"warning: {difference}", file=sys.stderr)
        else:
            unexplained += 1
            print(difference)
    print(
        f"{iana_path}: {what} compared, "
        f"{kept} differences kept on purpose, {unexplained} unexplained"
    )
    return unexplained


def _validate(arguments: argparse.Namespace) -> int:
    for registry in _load(arguments):
        members = (
            f", {len(registry.members)} enum members" if registry.kind.enum else ""
        )
        print(f"{registry.path}: valid ({len(registry.entries)} entries{members})")
    return EXIT_OK
