"""Every lookup that takes a token takes it as bytes too, read as Latin-1, as ASGI
servers and HTTP/2 libraries carry methods and field names: the same answer as for
the text."""

from __future__ import annotations

import pytest

import http_registries
from conftest import KINDS, REGISTRIES

TOKEN_KINDS = [
    kind
    for kind in KINDS
    if isinstance(REGISTRIES[kind.name].entries[0].key, str)
]


@pytest.mark.parametrize("kind", TOKEN_KINDS, ids=lambda kind: kind.name)
def test_a_token_as_bytes_is_answered_as_its_text(kind) -> None:  # type: ignore[no-untyped-def]
    (name,) = [name for name, _, attribute in kind.top_level if attribute == "lookup"]
    lookup = getattr(http_registries, name)
    for entry in REGISTRIES[kind.name].entries:
        text = str(entry.key)
        answer = lookup(text)
        assert answer is not None
        assert lookup(text.encode("latin-1")) == answer
        assert lookup(bytearray(text.encode("latin-1"))) == answer
    assert lookup(b"not a token") is None and lookup(b"") is None
