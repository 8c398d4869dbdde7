"""No registry text can become code: arbitrary strings come back from the generated module exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Tuple

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PACKAGE, ROOT, STATUSES, import_generated, load_or_report
from generator.outputs import build_outputs
from generator.registry import load_registry

# Property tests, every one of them.
pytestmark = pytest.mark.slow

# RFC 9112, Section 4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text )
REASON_PHRASE_CHARACTERS = (
    "\t" + "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0xA0, 0x100)))
)

TRICKY = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "{{ HTTPStatus }}",
    "{% raw %}",
    "{% endfor %}",
    "{# comment #}",
    "# not a comment",
    "\n",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\U0001f600",
    "\U00010348",
    '"); import os; os.system("echo pwned"); ("',
    '\\\'"\\"',
    "x" * 20000,
]

# Any text, less whitespace at its ends, which validation refuses as a slip, and not
# empty, which it refuses too: a description the registry lacks is left out.
descriptions = (
    st.one_of(
        st.text(),
        st.lists(
            st.one_of(st.sampled_from(TRICKY), st.text(max_size=5)), max_size=8
        ).map("".join),
    )
    .map(str.strip)
    .filter(bool)
)
phrases = (
    st.one_of(
        st.text(alphabet=REASON_PHRASE_CHARACTERS, min_size=1, max_size=60),
        st.lists(
            st.sampled_from(
                ['"', "'", '"""', "\\", "{{ x }}", "{%", "#", "Not Found", "\t"]
            ),
            min_size=1,
            max_size=6,
        ).map("".join),
    )
    .map(str.strip)
    .filter(bool)
)
names = st.from_regex(r"[A-Z][A-Z0-9]{0,8}(_[A-Z0-9]{1,4}){0,3}", fullmatch=True)
Entry = Tuple[
    int, str, Tuple[str, ...], str, str
]  # code, name, aliases, phrase, description


@st.composite
def registries(draw: st.DrawFn) -> list[Entry]:
    """One to three entries in code order, each with up to two aliases; names unique."""
    codes = sorted(
        draw(st.lists(st.integers(100, 599), min_size=1, max_size=3, unique=True))
    )
    all_names = draw(
        st.lists(names, min_size=3 * len(codes), max_size=3 * len(codes), unique=True)
    )
    entries = []
    for index, code in enumerate(codes):
        own = all_names[3 * index : 3 * index + 1 + draw(st.integers(0, 2))]
        entries.append(
            (code, own[0], tuple(own[1:]), draw(phrases), draw(descriptions))
        )
    return entries


class _QuotingDumper(yaml.SafeDumper):
    """Writes every string double-quoted, with escapes: PyYAML's other styles fold
    some characters (NEL) into spaces, a flaw of its writer, not of the registry."""


_QuotingDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style='"'
    ),
)


COMMITTED = import_generated(PACKAGE, "_http_status_enum")
COMMITTED_MEMBER_NAMES = set(COMMITTED.HTTPStatus.__members__)
BASE_MODULE_NAMES = set(vars(COMMITTED))
BASE_CLASS_NAMES = (
    set(vars(COMMITTED.HTTPStatus)) - COMMITTED_MEMBER_NAMES - {"_member_names_"}
)


# Generation includes black and an import; unique names drawn from a regex are
# sometimes rejected: neither is a problem of the code under test.
@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(registries())
def test_registry_strings_come_back_exactly(entries: list[Entry]) -> None:
    registry = {
        "statuses": [
            {
                "code": code,
                "name": name,
                "aliases": list(aliases),
                "phrase": phrase,
                "description": description,
                "spec": {"title": description, "rfc": 9110, "section": "15.5.5"},
                # RFC 9110, Section 6.4.1, which the registry's rules enforce.
                "without_content": code < 200 or code in (204, 304),
                "iana": "unregistered",
            }
            for code, name, aliases, phrase, description in entries
        ]
    }
    with tempfile.TemporaryDirectory() as folder:
        registry_path = Path(folder) / "http_status.yaml"
        registry_path.write_text(
            yaml.dump(
                registry, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False
            ),
            encoding="utf-8",
        )
        texts = build_outputs(
            [load_registry(STATUSES.kind, registry_path, "http_status.yaml")],
            ROOT / "templates",
        )
        for name, text in texts.items():
            (Path(folder) / name).parent.mkdir(exist_ok=True)
            (Path(folder) / name).write_text(text, encoding="utf-8")
        package = Path(folder) / PACKAGE.name
        module = import_generated(package, "_http_status_enum")
        constants = import_generated(package, "http_status_constants")

    status = module.HTTPStatus
    assert [
        (member.value, member.name, member.phrase, member.description)
        for member in status
    ] == [
        (code, name, phrase, description)
        for code, name, _, phrase, description in entries
    ]
    # Every alias, right after its member, resolves to it (the 3.11/3.12 rewrite).
    assert [(name, member.name) for name, member in status.__members__.items()] == [
        (own, name) for _, name, aliases, _, _ in entries for own in (name, *aliases)
    ]
    # Nothing else was defined: the module, the class and the constants hold
    # exactly what the committed ones hold, apart from the members themselves.
    assert set(vars(module)) == BASE_MODULE_NAMES
    assert (
        set(vars(status)) - set(status.__members__) - {"_member_names_"}
        == BASE_CLASS_NAMES
    )
    assert set(constants.__all__) == set(status.__members__) | {"responses"}
    assert constants.responses == {member: member.phrase for member in status}


FIELDS = [
    "code",
    "name",
    "aliases",
    "phrase",
    "description",
    "spec",
    "python_added",
    "member",
    "iana",
    "iana_expires",
    "iana_deviations",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=8,
)
fields = st.one_of(st.sampled_from(FIELDS), st.text(max_size=10))
spec_values = st.fixed_dictionaries(
    {},
    optional={
        "title": values,
        "rfc": values,
        "section": values,
        "draft": values,
        "note": values,
    },
)
entry_values = st.dictionaries(fields, st.one_of(values, spec_values), max_size=8)
documents = st.one_of(
    values,
    st.fixed_dictionaries(
        {"statuses": st.one_of(values, st.lists(entry_values, max_size=4))}
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_document_is_either_valid_or_reported(document: object) -> None:
    """Whatever the YAML holds, the loader returns records or problems; it never crashes."""
    load_or_report(
        yaml.dump(document, Dumper=_QuotingDumper, allow_unicode=True).encode("utf-8")
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_any_bytes_are_either_valid_or_reported(raw: bytes) -> None:
    load_or_report(raw)
