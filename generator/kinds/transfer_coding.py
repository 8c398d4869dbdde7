"""IANA's HTTP Transfer Coding registry (RFC 9112, Section 7.3)."""

from ..table import Column, Mapping, Table, fold_case

TABLE = Table(
    name="transfer-coding",
    title="HTTP Transfer Coding Registry",
    url="https://www.iana.org/assignments/http-parameters/transfer-coding.csv",
    iana_file="transfer-coding.csv",
    iana_header=("Name", "Description", "Reference", "Notes"),
    value_column="Name",
    placeholder_column="Description",
    numeric=False,
    module="transfer_codings",
    class_name="TransferCoding",
    summary="A coding applied to a message body to ensure safe transport, as Transfer-Encoding and TE name it (RFC 9112, Section 7); codings compare case-insensitively.",
    columns=(
        Column("description", str, "IANA's description.", heading="Description", iana="Description"),
        Column("notes", str, "IANA's notes: the section that defines the coding.", iana="Notes"),
        Column("alias_of", str, "For a deprecated alias, the coding it stands for (RFC 9112, Section 7.2).", heading="Alias of"),
    ),
    mappings=(
        Mapping(
            "TRANSFER_CODING_ALIASES",
            "RFC 9112, Section 7.2: the deprecated aliases a recipient "
            "should take as the coding each stands for.",
            "alias_of",
        ),
    ),
    fold=fold_case,
    position=41,
)
