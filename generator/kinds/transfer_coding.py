"""IANA's HTTP Transfer Coding registry (RFC 9112, Section 7.3)."""

from ..table import Table, fold_case
from ._codings import HEADER, alias_mapping, columns

_ALIASES = "RFC 9112, Section 7.2"

TABLE = Table(
    name="transfer-coding",
    title="HTTP Transfer Coding Registry",
    url="https://www.iana.org/assignments/http-parameters/transfer-coding.csv",
    iana_file="transfer-coding.csv",
    iana_header=HEADER,
    value_column="Name",
    placeholder_column="Description",
    numeric=False,
    module="transfer_codings",
    class_name="TransferCoding",
    summary="A coding applied to a message body to ensure safe transport, as Transfer-Encoding and TE name it (RFC 9112, Section 7); codings compare case-insensitively.",
    columns=columns(_ALIASES),
    mappings=(alias_mapping("TRANSFER_CODING_ALIASES", _ALIASES),),
    fold=fold_case,
    position=41,
)
