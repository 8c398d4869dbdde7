"""IANA's HTTP/2 Frame Type registry (RFC 9113, Section 11.2)."""

from ..table import Table

TABLE = Table(
    name="http2-frame-type",
    title="HTTP/2 Frame Type",
    url="https://www.iana.org/assignments/http2-parameters/frame-type.csv",
    iana_file="http2-frame-type.csv",
    iana_header=("Code", "Frame Type", "Reference"),
    value_column="Code",
    name_column="Frame Type",
    module="http2_frame_types",
    class_name="HTTP2FrameType",
    summary="The type of an HTTP/2 frame, the fourth field of its header (RFC 9113, Section 4.1).",
    hex_width=2,
    space=(0x00, 0xFF),
    position=10,
)
