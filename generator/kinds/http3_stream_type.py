"""IANA's HTTP/3 Stream Types registry (RFC 9114, Section 11.2.4)."""

from typing import Literal

from ..table import Column, Table
from ._http3 import COLUMNS, GREASE, HEADER_TAIL, SPACE

TABLE = Table(
    name="http3-stream-type",
    title="HTTP/3 Stream Types",
    url="https://www.iana.org/assignments/http3-parameters/http3-parameters-stream-types.csv",
    iana_file="http3-stream-types.csv",
    iana_header=("Value", "Stream Type", "Sender", *HEADER_TAIL),
    name_column="Stream Type",
    status_column="Status",
    module="http3_stream_types",
    class_name="HTTP3StreamType",
    summary="The type of a unidirectional HTTP/3 stream, its first variable-length integer (RFC 9114, Section 6.2).",
    columns=(
        Column(
            "sender",
            Literal["Both", "Client", "Server"],
            "Which endpoint may open a stream of the type.",
            heading="Sender",
            iana="Sender",
        ),
        *COLUMNS,
    ),
    formula=GREASE,
    hex_width=2,
    space=SPACE,
    position=23,
)
