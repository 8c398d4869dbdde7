"""IANA's HTTP/2 Error Code registry (RFC 9113, Section 11.4)."""

from ..table import DESCRIPTION, Table

TABLE = Table(
    name="http2-error-code",
    title="HTTP/2 Error Code",
    url="https://www.iana.org/assignments/http2-parameters/error-code.csv",
    iana_file="http2-error-code.csv",
    iana_header=("Code", "Name", "Description", "Reference"),
    value_column="Code",
    name_column="Name",
    module="http2_error_codes",
    class_name="HTTP2ErrorCode",
    summary="The reason a stream or connection ends, as RST_STREAM and GOAWAY frames carry it (RFC 9113, Section 7).",
    columns=(DESCRIPTION,),
    hex_width=2,
    space=(0x00, 0xFFFFFFFF),
    position=12,
)
