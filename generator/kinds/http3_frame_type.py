"""IANA's HTTP/3 Frame Types registry (RFC 9114, Section 11.2.1)."""

from ..table import Table
from ._http3 import COLUMNS, GREASE, HEADER_TAIL, SPACE

TABLE = Table(
    name="http3-frame-type",
    title="HTTP/3 Frame Types",
    url="https://www.iana.org/assignments/http3-parameters/http3-parameters-frame-types.csv",
    iana_file="http3-frame-types.csv",
    iana_header=("Value", "Frame Type", *HEADER_TAIL),
    name_column="Frame Type",
    status_column="Status",
    module="http3_frame_types",
    class_name="HTTP3FrameType",
    summary="The type of an HTTP/3 frame, its first variable-length integer (RFC 9114, Section 7.1).",
    columns=COLUMNS,
    formula=GREASE,
    hex_width=2,
    space=SPACE,
    position=20,
)
