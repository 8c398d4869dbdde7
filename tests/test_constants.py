"""The constants module against http.client."""

from __future__ import annotations

import ast
import http
import http.client

from conftest import PACKAGE, STATUSES
from http_registries import http_status_constants as constants
from http_registries.http_status import HTTPStatus


def test_every_http_client_status_constant_is_here_with_the_same_member() -> None:
    names = [
        name
        for name in dir(http.client)
        if isinstance(getattr(http.client, name), http.HTTPStatus)
    ]
    assert names
    for name in names:
        theirs = getattr(http.client, name)
        ours = getattr(constants, name)
        assert ours is HTTPStatus(theirs.value) is HTTPStatus[name], name


def test_every_member_and_alias_is_a_constant() -> None:
    for name, member in HTTPStatus.__members__.items():
        assert getattr(constants, name) is member
    assert set(constants.__all__) == set(HTTPStatus.__members__) | {"responses"}


def test_responses_holds_the_phrase_of_every_member() -> None:
    """As http.client.responses does; the phrases themselves are compared with
    CPython's on every interpreter by the drop-in test."""
    assert constants.responses == {
        status.code: status.phrase for status in STATUSES.members
    }
    assert set(http.client.responses) <= set(constants.responses)


def test_constants_are_written_out_for_type_checkers() -> None:
    """Each constant is its own assignment, not a globals().update() as in http.client."""
    tree = ast.parse((PACKAGE / "http_status_constants.py").read_text(encoding="utf-8"))
    assigned = {
        node.targets[0].id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Attribute)
    }
    assert assigned == set(HTTPStatus.__members__)
