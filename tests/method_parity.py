"""Describe the HTTPMethod the generated modules build, say whether `http_method`
gives the standard one instead, and describe the running interpreter's own http.HTTPMethod
where it has one (3.11 on), by what each member does.

Standard library only, so that every CPython from 3.8 on can run it:
    PYTHONPATH=generated python tests/method_parity.py [--class-statement]

It prints `key: JSON` lines: `ours` and `theirs` map each member name to the outcome
of each question put to it (as text); the caller compares them, with each other on
3.11 and later, and with the newest CPython's answers on older versions.
"""

import copy
import http
import json
import pickle
import sys

from parity import _outcome, _percent, hide_or_count_simple_enum

VIEWS = {
    "repr": repr,
    "str": str,
    "format": format,
    "format '>9'": lambda member: format(member, ">9"),
    "format '.2'": lambda member: format(member, ".2"),
    "format 'd'": lambda member: format(member, "d"),
    "f-string": lambda member: f"{member}",
    "f-string '!s:^9'": lambda member: f"{member!s:^9}",
    "f-string '!r'": lambda member: f"{member!r}",
    "%s": lambda member: _percent("%s", member),
    "%r": lambda member: _percent("%r", member),
    "== value": lambda member: member == member.value,
    "hash": lambda member: hash(member) == hash(member.value),
    "str subclass": lambda member: isinstance(member, str),
    "lower()": lambda member: member.lower(),
    "+ '/1.1'": lambda member: member + "/1.1",
    "type name": lambda member: type(member).__name__,
    "name": lambda member: member.name,
    "value": lambda member: (member.value, type(member.value).__name__),
    "description": lambda member: member.description,
    "by value": lambda member: type(member)(member.value) is member,
    "by name": lambda member: type(member)[member.name] is member,
    "copy": lambda member: copy.copy(member) is member
    and copy.deepcopy(member) is member,
    # By the public module's name (http's, for CPython's own), as itself.
    "pickle": lambda member: all(
        pickle.loads(pickle.dumps(member, protocol)) is member
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
    ),
}


def describe(enum_class):
    members = {}
    names = set(enum_class.__members__)
    for member in enum_class:
        answers = {
            view: repr(_outcome(function, member)) for view, function in VIEWS.items()
        }
        answers["dir()"] = sorted(set(dir(member)) - names)
        members[member.name] = answers
    for probe in ("get", "GET ", "", 1, None):
        members.setdefault("(lookups)", {})[repr(probe)] = repr(
            _outcome(enum_class, probe)
        )
    return members


def main(arguments):
    # http itself is imported first (above), with the real enum._simple_enum.
    built_by = hide_or_count_simple_enum("--class-statement" in arguments)
    # The enum the modules build, on every version (see parity.py).
    from http_registries import http_method
    from http_registries._http_method_enum import HTTPMethod

    print("version: " + json.dumps("{}.{}".format(*sys.version_info[:2])))
    print("built by: " + json.dumps(built_by[0] if built_by else "class statement"))
    stdlib = getattr(http, "HTTPMethod", None)
    print("is stdlib: " + json.dumps(http_method.HTTPMethod is stdlib))
    print(
        "names: " + json.dumps([[n, m.name] for n, m in HTTPMethod.__members__.items()])
    )
    print("ours: " + json.dumps(describe(HTTPMethod)))
    if hasattr(http, "HTTPMethod"):
        print("theirs: " + json.dumps(describe(http.HTTPMethod)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
