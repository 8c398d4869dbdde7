"""IANA's HTTP Authentication Scheme registry (RFC 9110, Section 16.4.1)."""

from ..table import Column, Table, fold_case

TABLE = Table(
    name="auth-scheme",
    title="HTTP Authentication Scheme Registry",
    url="https://www.iana.org/assignments/http-authschemes/authschemes.csv",
    iana_file="authschemes.csv",
    iana_header=("Authentication Scheme Name", "Reference", "Notes"),
    value_column="Authentication Scheme Name",
    numeric=False,
    module="auth_schemes",
    class_name="AuthScheme",
    summary="The scheme of a challenge or credentials, as WWW-Authenticate and Authorization name it (RFC 9110, Section 11.1); schemes compare case-insensitively.",
    columns=(Column("notes", str, "IANA's notes.", heading="Notes", iana="Notes"),),
    fold=fold_case,
    position=43,
)
