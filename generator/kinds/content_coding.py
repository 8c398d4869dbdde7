"""IANA's HTTP Content Coding registry (RFC 9110, Section 16.6.1)."""

from ..table import Table, fold_case
from ._codings import HEADER, alias_mapping, columns

_ALIASES = "RFC 9110, Sections 8.4.1.1 and 8.4.1.3"

TABLE = Table(
    name="content-coding",
    title="HTTP Content Coding Registry",
    url="https://www.iana.org/assignments/http-parameters/content-coding.csv",
    iana_file="content-coding.csv",
    iana_header=HEADER,
    value_column="Name",
    placeholder_column="Description",
    numeric=False,
    module="content_codings",
    class_name="ContentCoding",
    summary="A coding of a representation, as Content-Encoding and Accept-Encoding name it (RFC 9110, Section 8.4.1); codings compare case-insensitively.",
    columns=columns(_ALIASES),
    mappings=(alias_mapping("CONTENT_CODING_ALIASES", _ALIASES),),
    fold=fold_case,
    position=40,
)
