"""The rules a schema cannot say, which several kinds share: those of the kinds
CPython has an enum of (a member's CPython history, its names used once, its name
CPython's own)."""

from __future__ import annotations

from typing import Any, Callable, Iterator

from .pythons import PYTHON_VERSION, version_tuple
from .sourcefile import DATA, read_text
from .validation import RegistryRules


def enum_rules(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every enum kind's rules for one entry: python_wording says when CPython's
    wording became the registry's, after the member came; so it needs python_added,
    and a later version."""
    wording, added = entry.get("python_wording"), entry.get("python_added")
    if not isinstance(wording, str) or not PYTHON_VERSION.fullmatch(wording):
        return
    if not isinstance(added, str):
        yield (
            "python_wording",
            "is given for a member no CPython has (no python_added); expected it only with python_added",
        )
    elif PYTHON_VERSION.fullmatch(added) and version_tuple(wording) <= version_tuple(
        added
    ):
        yield (
            "python_wording",
            f"{wording} is not later than python_added {added}; expected a later "
            "version, or no python_wording",
        )


def enum_names_once(
    entries: list[dict[str, Any]], line_of: Callable[..., int]
) -> Iterator[tuple[int, tuple[str | int, ...], str]]:
    """Every enum kind's rule for its entries together: each member name and alias
    is used once, and no alias repeats its own member's name."""
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        name = entry.get("name")
        names: list[tuple[tuple[str | int, ...], str]] = (
            [(("name",), name)] if isinstance(name, str) else []
        )
        aliases = entry.get("aliases")
        for position, item in enumerate(aliases if isinstance(aliases, list) else []):
            alias = item.get("name") if isinstance(item, dict) else item
            if not isinstance(alias, str):
                continue
            if alias == name:
                yield (
                    index,
                    ("aliases", position),
                    f"{alias} is the entry's own name; expected an older name",
                )
                continue
            names.append((("aliases", position), alias))
        for location, text in names:
            if text in first:
                yield (
                    index,
                    location,
                    f"{text} is already used at line {first[text]}; expected each "
                    "name once, aliases included",
                )
            else:
                first[text] = line_of(index, *location)


# CPython's own members, as its newest release has them (data/cpython/).
CPYTHON = DATA / "cpython"


def cpython_names(table: str, key: str) -> RegistryRules:
    """The rule of an enum kind against CPython's own members (data/cpython/`table`,
    tab-separated with a header: the member's value in "value", or in "name" for an
    enum whose values are its names (HTTPMethod), its name in "name"; `key` the
    entries' field that holds the value): a member the registry says a released
    CPython has (python_added) has the name CPython gives its value. A wrong name is
    found here, as the registry is read, before it can make a package whose enum is
    not CPython's."""

    def rule(
        entries: list[dict[str, Any]], line_of: Callable[..., int]
    ) -> Iterator[tuple[int, tuple[str | int, ...], str]]:
        shown_table = f"data/cpython/{table}"
        header, *rows = (
            line.split("\t")
            for line in read_text(
                CPYTHON / table, shown_table, "CPython's members"
            ).splitlines()
        )
        name_at = header.index("name")
        value_at = header.index("value") if "value" in header else name_at
        names = {row[value_at]: row[name_at] for row in rows}
        for index, entry in enumerate(entries):
            value, name = entry.get(key), entry.get("name")
            # A key or name of the wrong type is the schema's to report.
            if not (
                entry.get("python_added")
                and isinstance(name, str)
                and isinstance(value, (int, str))
                and not isinstance(value, bool)
            ):
                continue
            has = names.get(str(value))
            if has == name:
                continue
            cpython = (
                f"CPython's name for {value} is {has}"
                if has
                else f"CPython's enum has no {value}"
            )
            yield (
                index,
                ("name",),
                f"{name} is not CPython's name: {cpython} ({shown_table}); "
                "expected CPython's name, or no python_added for a member no "
                "released CPython has",
            )

    return rule
