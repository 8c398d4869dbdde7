"""The constants module: every member and alias of HTTPStatus, and responses. (That
HTTPStatus has exactly http.HTTPStatus's names, and so http.client's constants, is
test_drop_in's to say, once.)"""

from __future__ import annotations

import ast
import http
import http.client

from conftest import PACKAGE, STATUSES
from http_registries import http_status_constants as constants
from http_registries.http_status import HTTPStatus


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
