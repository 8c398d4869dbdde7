"""IANA's HTTP/3 Error Codes registry (RFC 9114, Section 11.2.3)."""

from ..table import DESCRIPTION, Table
from ._http3 import COLUMNS, GREASE, HEADER_TAIL, SPACE

TABLE = Table(
    name="http3-error-code",
    title="HTTP/3 Error Codes",
    url="https://www.iana.org/assignments/http3-parameters/http3-parameters-error-codes.csv",
    iana_file="http3-error-codes.csv",
    iana_header=("Value", "Name", "Description", *HEADER_TAIL),
    name_column="Name",
    status_column="Status",
    module="http3_error_codes",
    class_name="HTTP3ErrorCode",
    summary="The reason a stream or connection ends, as QUIC's RESET_STREAM, STOP_SENDING and CONNECTION_CLOSE frames carry it for HTTP/3 (RFC 9114, Section 8.1).",
    columns=(
        DESCRIPTION,
        *COLUMNS,
    ),
    formula=GREASE,
    hex_width=2,
    space=SPACE,
    position=22,
)
