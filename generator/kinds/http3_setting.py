"""IANA's HTTP/3 Settings registry (RFC 9114, Section 11.2.2)."""

from ..table import Column, Mapping, Table, upper_snake
from ._http3 import COLUMNS, GREASE, HEADER_TAIL, SPACE
from .http2_setting import initial_value

TABLE = Table(
    name="http3-setting",
    title="HTTP/3 Settings",
    url="https://www.iana.org/assignments/http3-parameters/http3-parameters-settings.csv",
    iana_file="http3-settings.csv",
    iana_header=("Value", "Setting Name", "Default", *HEADER_TAIL),
    name_column="Setting Name",
    status_column="Status",
    module="http3_settings",
    class_name="HTTP3Setting",
    summary="The identifier of a setting an HTTP/3 SETTINGS frame carries (RFC 9114, Section 7.2.4.1).",
    columns=(
        Column(
            "initial",
            int,
            "The setting's default value (RFC 9114, Section 7.2.4.1, and the RFC that defines each); none where there is no limit.",
            heading="Default",
            iana="Default",
            from_iana=initial_value,
            null_means="no limit",
        ),
        *COLUMNS,
    ),
    mappings=(
        Mapping(
            "HTTP3_INITIAL_SETTINGS",
            "The value of each setting until the peer's SETTINGS frame says otherwise "
            "(RFC 9114, Section 7.2.4.1, and the RFC that defines each); None: no limit.",
            "initial",
        ),
    ),
    formula=GREASE,
    hex_width=2,
    space=SPACE,
    # IANA names every setting with the SETTINGS_ prefix (RFC 9114, Table 3 without
    # it): the constant is the name without it, as aioquic spells it.
    constant=lambda name: upper_snake(name.removeprefix("SETTINGS_")),
    position=21,
)
