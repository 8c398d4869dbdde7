"""compare() on the hand-written copies real libraries ship, at the versions the
development dependencies pin: what each lacks, adds and spells differently is data
here, so that a release that changes its copy shows up by name when its pin moves.

Every expected name is a registry's constant or the library's own; a registry that
grows (IANA registers a new code) only adds to what a copy lacks, which passes."""

from __future__ import annotations

import importlib
from typing import Any, Callable

import pytest

from conftest import KINDS, PACKAGE_NAME

package = importlib.import_module(PACKAGE_NAME)


def _attribute(path: str) -> Callable[[], Any]:
    module, _, name = path.partition(":")
    return lambda: getattr(importlib.import_module(module), name)


def _names_with(module: str, prefix: str) -> Callable[[], Any]:
    """A module's constants whose names begin with `prefix` (starlette.status holds
    both HTTP_ and WS_ ones)."""
    return lambda: {
        name: value
        for name, value in vars(importlib.import_module(module)).items()
        if name.startswith(prefix)
    }


def _hyperframe_types() -> dict[str, int]:
    """hyperframe's frame classes by their frame type: DataFrame as DATA."""
    frame = importlib.import_module("hyperframe.frame")
    return {
        cls.__name__.removesuffix("Frame").upper(): cls.type
        for cls in frame.FRAMES.values()
    }


# (the copy, how to get it, the registry, what it lacks (the registry's names), what
# it adds (its own names), what it spells differently (its name, the registry's)).
COPIES = [
    (
        "h2 SettingCodes",
        _attribute("h2.settings:SettingCodes"),
        "http2-setting",
        {"NO_RFC7540_PRIORITIES", "TLS_RENEG_PERMITTED", "ENABLE_METADATA"},
        set(),
        set(),
    ),
    ("h2 ErrorCodes", _attribute("h2.errors:ErrorCodes"), "http2-error-code", set(), set(), set()),
    (
        "hyperframe frames",
        _hyperframe_types,
        "http2-frame-type",
        {"ORIGIN", "PRIORITY_UPDATE"},
        set(),
        {("RSTSTREAM", "RST_STREAM"), ("PUSHPROMISE", "PUSH_PROMISE"), ("WINDOWUPDATE", "WINDOW_UPDATE")},
    ),
    (
        "aioquic FrameType",
        _attribute("aioquic.h3.connection:FrameType"),
        "http3-frame-type",
        {"ORIGIN", "METADATA", "PRIORITY_UPDATE"},
        {"WEBTRANSPORT_STREAM"},
        set(),
    ),
    (
        "aioquic Setting",
        _attribute("aioquic.h3.connection:Setting"),
        "http3-setting",
        {"ENABLE_METADATA"},
        {"DUMMY", "ENABLE_WEBTRANSPORT"},
        set(),
    ),
    (
        "aioquic StreamType",
        _attribute("aioquic.h3.connection:StreamType"),
        "http3-stream-type",
        set(),
        {"WEBTRANSPORT"},
        set(),
    ),
    ("aioquic ErrorCode", _attribute("aioquic.h3.connection:ErrorCode"), "http3-error-code", set(), set(), set()),
    (
        "websockets CloseCode",
        _attribute("websockets.frames:CloseCode"),
        "websocket-close-code",
        {"UNAUTHORIZED", "FORBIDDEN", "TIMEOUT"},
        set(),
        set(),
    ),
    (
        "starlette status, HTTP",
        _names_with("starlette.status", "HTTP_"),
        "status",
        set(),
        {"RESERVED"},
        set(),
    ),
    (
        "starlette status, WebSocket",
        _names_with("starlette.status", "WS_"),
        "websocket-close-code",
        {"UNAUTHORIZED", "FORBIDDEN", "TIMEOUT"},
        set(),
        set(),
    ),
]


@pytest.mark.parametrize(
    "copy, get, registry, lacks, adds, spelled", COPIES, ids=[row[0] for row in COPIES]
)
def test_a_library_s_copy_differs_as_recorded(copy, get, registry, lacks, adds, spelled) -> None:  # type: ignore[no-untyped-def]
    found = package.compare(get(), registry)
    lacked = {name for _, name in found.lacks}
    assert lacks <= lacked, f"{copy} now has {sorted(lacks - lacked)}"
    assert {name for _, name in found.adds} == adds, str(found)
    assert {(names[0], theirs[0]) for _, names, theirs in found.spelled} == spelled, str(found)


def test_wsgiref_s_hop_by_hop_fields_differ_as_recorded() -> None:
    """wsgiref's list names trailers, which is no field (TE's keyword), and the two
    proxy authentication fields, which RFC 9110 does not make hop-by-hop; it lacks
    Proxy-Connection."""
    import wsgiref.util

    copy = wsgiref.util._hoppish.__self__  # type: ignore[attr-defined]
    found = package.compare(copy, package.HOP_BY_HOP_FIELDS)
    assert {value for value, _ in found.adds} == {
        "proxy-authenticate",
        "proxy-authorization",
        "trailers",
    }
    assert {value for value, _ in found.lacks} == {"proxy-connection"}
    assert package.lookup_field("trailers").kind == "unknown"


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.constants], ids=lambda kind: kind.name)
def test_a_registry_agrees_with_itself_and_a_copy_missing_one_constant_lacks_it(kind) -> None:  # type: ignore[no-untyped-def]
    module, name = kind.constants
    constants = getattr(importlib.import_module(f"{PACKAGE_NAME}.{module}"), name)
    own = package.compare(constants, kind.name)
    assert not own and str(own) == f"agrees with {kind.name}"
    if hasattr(constants, "__members__"):
        pairs = dict(constants.__members__)
    else:
        pairs = {key: value for key, value in vars(constants).items() if key.isupper()}
    first, value = next(iter(pairs.items()))
    value = getattr(value, "value", value)
    copy = {key: item for key, item in pairs.items() if getattr(item, "value", item) != value}
    copy["NOT_IN_ANY_REGISTRY"] = 10**12 if isinstance(value, int) else "not-in-any-registry"
    found = package.compare(copy, kind.name)
    assert [name for _, name in found.lacks] == [first]
    assert [name for _, name in found.adds] == ["NOT_IN_ANY_REGISTRY"]
    renamed = {f"OTHER_{key}": item for key, item in pairs.items()}
    assert len(package.compare(renamed, kind.name).spelled) == len(
        {getattr(item, "value", item) for item in pairs.values()}
    )


def test_an_unknown_registry_is_a_value_error_naming_the_registries() -> None:
    with pytest.raises(ValueError, match="no registry; expected one of status"):
        package.compare({}, "statuses")
