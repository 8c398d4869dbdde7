"""What IANA's four HTTP/3 registries share (RFC 9114, Section 11.2): the columns
of their rows, and the values reserved for greasing."""

from __future__ import annotations

import datetime

from ..records import SpecReference
from ..table import Column, Formula

COLUMNS = (
    Column("date", datetime.date, "The date of the registration.", iana="Date"),
    Column("change_controller", str, "Who may change the registration."),
    Column("contact", str, "Whom to ask about the registration."),
    Column("notes", str, "IANA's notes.", iana="Notes"),
)

# RFC 9114, Section 11.2: "values of the form 0x1f * N + 0x21 for non-negative
# integer values of N" are reserved in every HTTP/3 registry, so that peers learn
# to ignore what they do not know.
GREASE = Formula(
    state="reserved",
    step=0x1F,
    offset=0x21,
    spec=SpecReference(title="HTTP/3", rfc=9114, section="11.2"),
    text="0x1f * N + 0x21",
)

HEADER_TAIL = ("Status", "Reference", "Date", "Change Controller", "Contact", "Notes")
# Every HTTP/3 registry's codes are variable-length integers (RFC 9000, Section 16).
SPACE = (0, 2**62 - 1)
