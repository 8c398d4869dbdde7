"""Command line: `python -m generator {generate,check,validate,iana,iana-update}`."""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
from pathlib import Path

from .files import differences, write_changed, write_files
from .formatting import FormatError
from .iana import (
    Difference,
    compare,
    compare_methods,
    parse_iana,
    parse_iana_methods,
    read_iana,
    read_iana_methods,
)
from .iana_update import METHODS_URL, STATUS_URL, TIMEOUT, Update, plan
from .outputs import build_outputs
from .problems import InputError, one_line
from .registry import METHOD, STATUS, Registry, load_registry
from .render import TemplateFailure

ROOT = Path(__file__).resolve().parent.parent
FIX_COMMAND = "make generate"

EXIT_OK, EXIT_STALE, EXIT_INVALID = 0, 1, 2

EPILOG = """\
exit status:
  0  success (check: the committed files are current)
  1  check: the committed generated files differ from what the registry and templates produce;
     iana: the registry differs from IANA's registry in a way it does not explain
  2  invalid input (registry, templates) or usage; nothing was written
"""


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    # A terminated run unwinds like an interrupted one, so that the files already
    # moved into place are put back (files.write_changed).
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return int(arguments.run(arguments))
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
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
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate the HTTPStatus and HTTPMethod modules from the registries in data/.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
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
            "exit 1 with a diff if the generated files are not current",
        ),
        ("validate", _validate, None, "only validate the registry"),
        (
            "iana",
            _iana,
            _add_iana_options,
            "compare the registry with IANA's; exit 1 on a difference it does not explain",
        ),
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
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(run=run)
        command.add_argument(
            "--registry",
            type=Path,
            default=ROOT / "data" / "http_status.yaml",
            help="the status code registry (default: data/http_status.yaml)",
        )
        command.add_argument(
            "--method-registry",
            type=Path,
            default=ROOT / "data" / "http_method.yaml",
            help="the method registry (default: data/http_method.yaml)",
        )
        if add_options:
            add_options(command)
    return parser


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
        "--iana",
        type=Path,
        default=ROOT / "data" / "iana" / "http-status-codes.csv",
        help="IANA's status code CSV file (default: data/iana/http-status-codes.csv)",
    )
    command.add_argument(
        "--iana-methods",
        type=Path,
        default=ROOT / "data" / "iana" / "http-methods.csv",
        help="IANA's method CSV file (default: data/iana/http-methods.csv)",
    )
    command.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
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
    command.add_argument(
        "--status-url",
        default=STATUS_URL,
        help=f"where IANA publishes its status code CSV (default: {STATUS_URL})",
    )
    command.add_argument(
        "--methods-url",
        default=METHODS_URL,
        help=f"where IANA publishes its method CSV (default: {METHODS_URL})",
    )
    command.add_argument(
        "--timeout",
        type=_seconds,
        default=TIMEOUT,
        help=f"the most seconds one whole download may take (default: {TIMEOUT:g})",
    )


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


def _shown(path: Path) -> str:
    """A path as short as it can be said from here."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def _load(arguments: argparse.Namespace) -> dict[str, Registry]:
    """Every registry, by kind name; the problems of all of them in one report."""
    registries, problems = {}, []
    for kind, path in (
        (STATUS, arguments.registry),
        (METHOD, arguments.method_registry),
    ):
        try:
            registries[kind.name] = load_registry(path, _shown(path), kind)
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return registries


def _generate(arguments: argparse.Namespace) -> int:
    texts = build_outputs(_load(arguments), arguments.templates)
    changed = write_changed(arguments.output, texts)
    for name in changed:
        print(f"wrote {_shown(arguments.output / name)}")
    if not changed:
        print(f"{_shown(arguments.output)}: every file is current")
    return EXIT_OK


def _check(arguments: argparse.Namespace) -> int:
    texts = build_outputs(_load(arguments), arguments.templates)
    diffs = differences(arguments.output, texts, _shown(arguments.output))
    if not diffs:
        print(f"{_shown(arguments.output)}: every file is current")
        return EXIT_OK
    sys.stdout.write("".join(diffs))
    print(
        f"error: the generated files differ from what {_shown(arguments.registry)} and the templates produce.\n"
        f"Run `{FIX_COMMAND}` and commit the result; never edit generated files by hand.",
        file=sys.stderr,
    )
    return EXIT_STALE


def _iana(arguments: argparse.Namespace) -> int:
    registries = _load(arguments)
    codes = read_iana(arguments.iana, _shown(arguments.iana))
    methods = read_iana_methods(arguments.iana_methods, _shown(arguments.iana_methods))
    unexplained = 0
    for iana_path, found, what in (
        (
            arguments.iana,
            compare(
                registries[STATUS.name], codes, _shown(arguments.iana), arguments.today
            ),
            f"{len(codes)} registered codes",
        ),
        (
            arguments.iana_methods,
            compare_methods(
                registries[METHOD.name], methods, _shown(arguments.iana_methods)
            ),
            f"{len(methods)} registered methods",
        ),
    ):
        unexplained += _report(found, _shown(iana_path), what, arguments.expiry)
    if unexplained:
        print(
            "error: fix each unexplained difference in the registry, or record why it is kept under the entry's iana_deviations",
            file=sys.stderr,
        )
        return EXIT_STALE
    return EXIT_OK


def _iana_update(arguments: argparse.Namespace) -> int:
    updates = [
        Update(
            arguments.iana,
            _shown(arguments.iana),
            arguments.status_url,
            parse_iana,
            lambda row: str(row.code),
        ),
        Update(
            arguments.iana_methods,
            _shown(arguments.iana_methods),
            arguments.methods_url,
            parse_iana_methods,
            lambda row: str(row.method),
        ),
    ]
    try:
        planned = plan(updates, _shown, arguments.today, arguments.timeout)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(
            "error: nothing was changed; every vendored file is kept as it was",
            file=sys.stderr,
        )
        return EXIT_INVALID
    write_files(planned.texts)
    print("\n".join(one_line(line) for line in planned.report))
    return _iana(arguments)


def _report(found: list[Difference], iana_path: str, what: str, expiry: str) -> int:
    """Print one comparison; return how many of its differences are unexplained."""
    if expiry == "warn":
        for difference in found:
            if difference.by_date:
                print(f"warning: {difference}", file=sys.stderr)
        found = [difference for difference in found if not difference.by_date]
    unexplained = [difference for difference in found if not difference.kept]
    for difference in found:
        print(difference)
    print(
        f"{iana_path}: {what} compared, "
        f"{len(found) - len(unexplained)} differences kept on purpose, {len(unexplained)} unexplained"
    )
    return len(unexplained)


def _validate(arguments: argparse.Namespace) -> int:
    for registry in _load(arguments).values():
        print(
            f"{registry.path}: valid ({len(registry.entries)} entries, "
            f"{len(registry.members)} enum members)"
        )
    return EXIT_OK
