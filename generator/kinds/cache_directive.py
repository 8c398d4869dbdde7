"""IANA's HTTP Cache Directive registry (RFC 9111, Section 7.1)."""

from typing import Literal

from ..table import Column, Subset, Table, fold_case

TABLE = Table(
    name="cache-directive",
    title="HTTP Cache Directive Registry",
    url="https://www.iana.org/assignments/http-cache-directives/cache-directives.csv",
    iana_file="cache-directives.csv",
    iana_header=("Cache Directive", "Reference"),
    value_column="Cache Directive",
    numeric=False,
    module="cache_directives",
    class_name="CacheDirective",
    summary="A directive of the Cache-Control field (RFC 9111, Section 5.2); directives compare case-insensitively.",
    columns=(
        Column(
            "request",
            bool,
            "Defined for requests (RFC 9111, Section 5.2.1).",
            heading="Request",
        ),
        Column(
            "response",
            bool,
            "Defined for responses (RFC 9111, Section 5.2.2).",
            heading="Response",
        ),
        Column(
            "argument",
            Literal[
                "none",
                "delta-seconds",
                "optional-delta-seconds",
                "optional-field-names",
            ],
            "The form of the directive's argument (RFC 9111, Section 5.2): none, delta-seconds (Section 1.2.2), delta-seconds that may be left out (max-stale), or a list of field names that may be left out (no-cache and private in a response).",
            heading="Argument",
        ),
    ),
    subsets=(
        Subset(
            "REQUEST_CACHE_DIRECTIVES",
            "RFC 9111, Section 5.2.1 (and the RFCs that extend it): the directives a "
            "request may carry.",
            lambda entry: bool(entry.request),
        ),
        Subset(
            "RESPONSE_CACHE_DIRECTIVES",
            "RFC 9111, Section 5.2.2 (and the RFCs that extend it): the directives a "
            "response may carry.",
            lambda entry: bool(entry.response),
        ),
    ),
    fold=fold_case,
    position=42,
)
