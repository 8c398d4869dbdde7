"""Compare the generated HTTPStatus with the running interpreter's own http.HTTPStatus.

Standard library only, so that every CPython from 3.8 on can run it:
    PYTHONPATH=generated python tests/parity.py [--class-statement]
--class-statement hides enum._simple_enum first, to test the fallback. It prints one line per difference and exits 1 if there is any.
"""

import copy
import http
import json
import pickle
import sys

# Wordings that older CPythons carry and the newest replaced; the generated module
# follows the newest, so these are the only differences allowed.
OLDER_WORDINGS = {
    413: {"phrase": "Request Entity Too Large", "description": "Entity is too large"},
    414: {"phrase": "Request-URI Too Long"},
    416: {"phrase": "Requested Range Not Satisfiable"},
    418: {"description": "Server refuses to brew coffee because it is a teapot."},
    422: {"phrase": "Unprocessable Entity"},
}

CATEGORIES = {
    "is_informational": range(100, 200),
    "is_success": range(200, 300),
    "is_redirection": range(300, 400),
    "is_client_error": range(400, 500),
    "is_server_error": range(500, 600),
}

# What the generated members have that http.HTTPStatus members lack: the spec
# reference always, the category properties before 3.12 (when CPython added them).
EXTRA_ATTRIBUTES = {"spec", "spec_url", *CATEGORIES}

# The same question put to both enums' members; the answers must be equal.
VIEWS = {
    "repr": repr,
    "str": str,
    "format": format,
    "format 'd'": lambda member: format(member, "d"),
    "format '>6'": lambda member: format(member, ">6"),
    "f-string": lambda member: f"{member}",
    "%s": lambda member: _percent("%s", member),
    "%d": lambda member: _percent("%d", member),
    "hash": hash,
    "int": int,
    "bool": bool,
    "+ 1": lambda member: (member + 1, type(member + 1)),
    "< 300": lambda member: member < 300,
    "== value": lambda member: member == member.value,
    "type name": lambda member: type(member).__name__,
    "int subclass": lambda member: isinstance(member, int),
}


def _percent(template, member):
    """printf-style formatting, the oldest way to put a status into text."""
    return template % member


def _outcome(function, *arguments):
    """What `function(*arguments)` returns, or the type and message of what it raises."""
    try:
        return ("value", function(*arguments))
    except Exception as error:
        return ("raised", type(error).__name__, str(error))


def compare(ours, theirs, extra_member_dir=()):
    """Every difference between two HTTPStatus enums, as text lines."""
    problems = []
    our_values = {member.value for member in ours}
    for their in theirs:
        if their.value not in our_values:
            problems.append(f"{their.value}: missing")
            continue
        mine = ours(their.value)
        problems += _compare_data(ours, theirs, mine, their)
        problems += _compare_behaviour(mine, their, extra_member_dir)
    their_values = [their.value for their in theirs]
    if [
        member.value for member in ours if member.value in their_values
    ] != their_values:
        problems.append("members are not in the same order")
    for code in (99, 299, 600, "404", None, 404.0, True, b"404", http.HTTPStatus.OK):
        if _outcome(ours, code) != _outcome(theirs, code):
            problems.append(
                f"HTTPStatus({code!r}): {_outcome(ours, code)!r}, expected {_outcome(theirs, code)!r}"
            )
    if _outcome(ours.__getitem__, "NOT_A_STATUS") != _outcome(
        theirs.__getitem__, "NOT_A_STATUS"
    ):
        problems.append("HTTPStatus['NOT_A_STATUS'] differs")
    # dir() of an enum class lists no aliases, and an older interpreter's canonical
    # name may be an alias here.
    missing_class_names = set(dir(theirs)) - set(dir(ours)) - set(ours.__members__)
    if missing_class_names:
        problems.append(f"dir(HTTPStatus) lacks {sorted(missing_class_names)}")
    return problems


def _compare_data(ours, theirs, mine, their):
    problems = []
    older = OLDER_WORDINGS.get(their.value, {})
    for name, member in theirs.__members__.items():
        if member is their and ours.__members__.get(name) is not mine:
            problems.append(f"{their.value}: name {name} does not resolve to {mine!r}")
    # An interpreter older than a rename calls the member by its old name, which
    # the generated enum keeps as an alias.
    renamed = their.name in ours.__members__ and mine.name not in theirs.__members__
    if their.name != mine.name and not renamed:
        problems.append(
            f"{their.value}: canonical name {mine.name}, expected {their.name}"
        )
    if their.phrase != mine.phrase and older.get("phrase") != their.phrase:
        problems.append(
            f"{their.value}: phrase {mine.phrase!r}, expected {their.phrase!r}"
        )
    if (
        their.description
        and their.description != mine.description
        and older.get("description") != their.description
    ):
        problems.append(
            f"{their.value}: description {mine.description!r}, expected {their.description!r}"
        )
    return problems


def _compare_behaviour(mine, their, extra_member_dir):
    problems = []
    for view, function in VIEWS.items():
        expected = _outcome(function, their)
        if their.name != mine.name and isinstance(expected[1], str):
            # A renamed member: the same text, with the new name.
            expected = (expected[0], expected[1].replace(their.name, mine.name))
        if _outcome(function, mine) != expected:
            problems.append(
                f"{their.value}: {view} gives {_outcome(function, mine)!r}, expected {expected!r}"
            )
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        if _outcome(_pickled, mine, protocol) != ("value", mine):
            problems.append(
                f"{their.value}: pickle protocol {protocol} does not round-trip"
            )
    if copy.copy(mine) is not mine or copy.deepcopy(mine) is not mine:
        problems.append(f"{their.value}: copy makes a new object")
    for attribute in CATEGORIES:
        if hasattr(their, attribute) and getattr(their, attribute) != getattr(
            mine, attribute
        ):
            problems.append(f"{their.value}: {attribute} differs")
    ours_dir, theirs_dir = set(dir(mine)), set(dir(their))
    if not theirs_dir <= ours_dir:
        problems.append(f"{their.value}: dir() lacks {sorted(theirs_dir - ours_dir)}")
    unexpected = ours_dir - theirs_dir - EXTRA_ATTRIBUTES - set(extra_member_dir)
    if unexpected:
        problems.append(f"{their.value}: dir() has unexpected {sorted(unexpected)}")
    if not {"name", "value", "phrase", "description"} <= ours_dir:
        problems.append(
            f"{their.value}: dir() does not show name, value, phrase, description"
        )
    return problems


def _pickled(member, protocol):
    unpickled = pickle.loads(pickle.dumps(member, protocol))
    return unpickled if unpickled is member else ("a copy", unpickled)


def check_categories(ours):
    """Each member is in exactly the category its code says."""
    problems = []
    for member in ours:
        for attribute, codes in CATEGORIES.items():
            if getattr(member, attribute) is not (member.value in codes):
                problems.append(
                    f"{member.value}: {attribute} is {getattr(member, attribute)!r}"
                )
    return problems


def class_statement_dir_extras(enum_class):
    """On 3.11 and 3.12 dir() of a member of an enum built by a class statement also
    lists the member names; http.HTTPStatus, built by enum._simple_enum, does not."""
    if (3, 11) <= sys.version_info < (3, 13):
        return set(enum_class.__members__)
    return set()


def main(arguments):
    import enum

    class_statement = "--class-statement" in arguments
    built_by = []
    if class_statement:
        # Take away the fast path, as on an interpreter that does not have it.
        if hasattr(enum, "_simple_enum"):
            del enum._simple_enum
    elif hasattr(enum, "_simple_enum"):
        real = enum._simple_enum

        def counting(*arguments, **keywords):
            built_by.append("enum._simple_enum")
            return real(*arguments, **keywords)

        enum._simple_enum = counting
    from http_status import HTTPStatus

    extras = class_statement_dir_extras(HTTPStatus) if class_statement else set()
    problems = compare(HTTPStatus, http.HTTPStatus, extras) + check_categories(
        HTTPStatus
    )
    for problem in problems:
        print(problem)
    version = "{}.{}".format(*sys.version_info[:2])
    # Each name and the name of the member it resolves to, for the caller to check
    # against the registry: the interpreter's own enum cannot tell a wrong alias.
    print(
        "names: "
        + json.dumps(
            [[name, member.name] for name, member in HTTPStatus.__members__.items()]
        )
    )
    print(f"built by: {built_by[0] if built_by else 'class statement'}")
    form = "class statement" if class_statement else "default form"
    print(
        f"Python {version}, {form}: {len(http.HTTPStatus)} members of http.HTTPStatus compared, {len(problems)} differences"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
