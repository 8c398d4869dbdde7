"""IANA's HTTP/2 Settings registry (RFC 9113, Section 11.3)."""

from __future__ import annotations

from ..table import Column, Mapping, Table, upper_snake


def initial_value(text: str) -> int | None:
    """IANA's Initial Value (or HTTP/3's Default): a number, in decimal or hex, or
    words for no limit ((infinite), Unlimited) or for no setting (N/A, nothing)."""
    if text in ("", "N/A", "(infinite)", "Unlimited"):
        return None
    return int(text, 0)


TABLE = Table(
    name="http2-setting",
    title="HTTP/2 Settings",
    url="https://www.iana.org/assignments/http2-parameters/settings.csv",
    iana_file="http2-settings.csv",
    iana_header=("Code", "Name", "Initial Value", "Reference"),
    value_column="Code",
    name_column="Name",
    module="http2_settings",
    class_name="HTTP2Setting",
    summary="The identifier of a setting a SETTINGS frame carries (RFC 9113, Section 6.5.1).",
    columns=(
        Column(
            "initial",
            int,
            "The setting's initial value (RFC 9113, Section 6.5.2); none where there is no limit.",
            heading="Initial value",
            iana="Initial Value",
            from_iana=initial_value,
            null_means="no limit",
        ),
    ),
    mappings=(
        Mapping(
            "HTTP2_INITIAL_SETTINGS",
            "The value of each setting before a peer's SETTINGS frame says otherwise "
            "(RFC 9113, Section 6.5.2, and the RFC that defines each); None: no limit.",
            "initial",
        ),
    ),
    hex_width=2,
    space=(0x0000, 0xFFFF),
    # IANA names six settings without the SETTINGS_ prefix and the later ones with
    # it: the constant never has it, and the registry keeps the other spelling as an
    # alias.
    constant=lambda name: upper_snake(name.removeprefix("SETTINGS_")),
    position=11,
)
