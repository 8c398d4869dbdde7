"""What IANA's two coding registries share (RFC 9110, Section 16.6; RFC 9112,
Section 7.3): their columns, a deprecated alias's coding, and how tokens compare."""

from __future__ import annotations

from ..table import DESCRIPTION, Column, Mapping

HEADER = ("Name", "Description", "Reference", "Notes")


def columns(aliases: str) -> tuple[Column, ...]:
    """IANA's description and notes, and the coding a deprecated alias stands for
    (`aliases`: the RFC that says so)."""
    return (
        DESCRIPTION,
        Column(
            "notes",
            str,
            "IANA's notes: the section that defines the coding.",
            iana="Notes",
        ),
        Column(
            "alias_of",
            str,
            f"For a deprecated alias, the coding it stands for ({aliases}).",
            heading="Alias of",
        ),
    )


def alias_mapping(name: str, aliases: str) -> Mapping:
    return Mapping(
        name,
        f"{aliases}: the deprecated aliases a recipient should take as the coding "
        "each stands for.",
        "alias_of",
    )
