"""IANA's HTTP Content Coding registry (RFC 9110, Section 16.6.1)."""

from ..table import Column, Mapping, Table, fold_case

TABLE = Table(
    name="content-coding",
    title="HTTP Content Coding Registry",
    url="https://www.iana.org/assignments/http-parameters/content-coding.csv",
    iana_file="content-coding.csv",
    iana_header=("Name", "Description", "Reference", "Notes"),
    value_column="Name",
    placeholder_column="Description",
    numeric=False,
    module="content_codings",
    class_name="ContentCoding",
    summary="A coding of a representation, as Content-Encoding and Accept-Encoding name it (RFC 9110, Section 8.4.1); codings compare case-insensitively.",
    columns=(
        Column("description", str, "IANA's description.", heading="Description", iana="Description"),
        Column("notes", str, "IANA's notes: the section that defines the coding.", iana="Notes"),
        Column("alias_of", str, "For a deprecated alias, the coding it stands for (RFC 9110, Section 8.4.1).", heading="Alias of"),
    ),
    mappings=(
        Mapping(
            "CONTENT_CODING_ALIASES",
            "RFC 9110, Sections 8.4.1.1 and 8.4.1.3: the deprecated aliases a recipient "
            "should take as the coding each stands for.",
            "alias_of",
        ),
    ),
    fold=fold_case,
    position=40,
)
