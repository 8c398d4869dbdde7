"""Compare the HTTPStatus the generated modules build with the running interpreter's
own http.HTTPStatus, and say which of the two `http_status` gives.

Standard library only, so that every CPython from 3.8 on can run it:
    PYTHONPATH=generated python tests/parity.py [--class-statement] [--extensions 599,...]

--class-statement hides enum._simple_enum first, to test the fallback; --extensions
names the codes the registry declares as its own (no CPython has them), which are
not probed as unknown codes. It prints what it found as `key: JSON` lines, one
`difference:` line per difference, and exits 1 if there is any. Whether a
difference is one the registry explains (an older interpreter's wording or name,
which the newest CPython replaced) is for the caller to judge: only it sees the
registry and every interpreter.

A member as text (str(), format(), f-strings, printf-style, repr()) is not compared
here: before 3.11 this interpreter's own enum writes `HTTPStatus.OK` where the
newest CPython writes `200`, and the newest CPython's is the promise. Both enums'
answers are printed (`text`, `cpython text`), for the caller to compare with those
of the newest CPython.
"""

import copy
import http
import importlib
import json
import pickle
import sys

CATEGORIES = {
    "is_informational": range(100, 200),
    "is_success": range(200, 300),
    "is_redirection": range(300, 400),
    "is_client_error": range(400, 500),
    "is_server_error": range(500, 600),
}

# What the generated members have that http.HTTPStatus members lack: the category
# properties before 3.12 (when CPython added them).
EXTRA_ATTRIBUTES = set(CATEGORIES)

# A member as text: the questions whose answers are the newest CPython's on every
# version, which this script only reports (see above).
TEXT_VIEWS = {
    "repr": repr,
    "str": str,
    "format": format,
    "format 'd'": lambda member: format(member, "d"),
    "format '>6'": lambda member: format(member, ">6"),
    "format 'x'": lambda member: format(member, "x"),
    "format '#06x'": lambda member: format(member, "#06x"),
    "format '+,'": lambda member: format(member, "+,"),
    "format 's'": lambda member: format(member, "s"),
    "f-string": lambda member: f"{member}",
    "f-string '!s:<5'": lambda member: f"{member!s:<5}",
    "f-string '!r'": lambda member: f"{member!r}",
    "%s": lambda member: _percent("%s", member),
    "%d": lambda member: _percent("%d", member),
    "%r": lambda member: _percent("%r", member),
}

# The same question put to both enums' members; the answers must be equal.
VIEWS = {
    "hash": hash,
    "int": int,
    "bool": bool,
    "+ 1": lambda member: (member + 1, type(member + 1)),
    "< 300": lambda member: member < 300,
    "== value": lambda member: member == member.value,
    "type name": lambda member: type(member).__name__,
    "int subclass": lambda member: isinstance(member, int),
}

# Values that are no status code of CPython's; each must be refused alike.
PROBES = (99, 299, 600, "404", None, 404.0, True, b"404")


def _percent(template, member):
    """printf-style formatting, the oldest way to put a status into text."""
    return template % member


def _outcome(function, *arguments):
    """What `function(*arguments)` returns, or the type and message of what it raises."""
    try:
        return ("value", function(*arguments))
    except Exception as error:
        return ("raised", type(error).__name__, str(error))


def difference(code, field, ours, theirs):
    """One difference: the code it concerns (None for the enum as a whole), what
    differs, and what each enum gives, as text."""
    return {"code": code, "field": field, "ours": ours, "theirs": theirs}


def describe(found):
    """A difference as one line of text."""
    where = f"{found['code']}: " if found["code"] is not None else ""
    return f"{where}{found['field']}: {found['ours']}, CPython has {found['theirs']}"


def compare(ours, theirs, extensions=()):
    """Every difference between two HTTPStatus enums."""
    found = []
    our_values = {member.value for member in ours}
    for their in theirs:
        if their.value not in our_values:
            found.append(difference(their.value, "member", "none", their.name))
            continue
        mine = ours(their.value)
        found += _compare_data(ours, theirs, mine, their)
        found += _compare_behaviour(ours, theirs, mine, their)
    their_values = [their.value for their in theirs]
    ordered = [member.value for member in ours if member.value in their_values]
    if ordered != their_values:
        found.append(difference(None, "member order", ordered, their_values))
    for code in (*PROBES, http.HTTPStatus.OK):
        if code in extensions:
            continue
        if _outcome(ours, code) != _outcome(theirs, code):
            found.append(
                difference(
                    None,
                    f"HTTPStatus({code!r})",
                    repr(_outcome(ours, code)),
                    repr(_outcome(theirs, code)),
                )
            )
    for name in ("NOT_A_STATUS",):
        if _outcome(ours.__getitem__, name) != _outcome(theirs.__getitem__, name):
            found.append(difference(None, f"HTTPStatus[{name!r}]", "differs", "other"))
    # dir() of an enum class lists no aliases, and an older interpreter's canonical
    # name may be an alias here.
    missing = set(dir(theirs)) - set(dir(ours)) - set(ours.__members__)
    if missing:
        found.append(difference(None, "dir(HTTPStatus)", "lacks", sorted(missing)))
    return found


def _compare_data(ours, theirs, mine, their):
    found = []
    for name, member in theirs.__members__.items():
        if member is their and ours.__members__.get(name) is not mine:
            found.append(difference(their.value, f"name {name}", "unknown", mine.name))
    if their.name != mine.name:
        found.append(difference(their.value, "name", mine.name, their.name))
    if their.phrase != mine.phrase:
        found.append(difference(their.value, "phrase", mine.phrase, their.phrase))
    if their.description and their.description != mine.description:
        found.append(
            difference(their.value, "description", mine.description, their.description)
        )
    return found


def _compare_behaviour(ours, theirs, mine, their):
    found = []
    for view, function in VIEWS.items():
        expected = _outcome(function, their)
        if their.name != mine.name and isinstance(expected[1], str):
            # A renamed member, reported once as a name difference: the same text,
            # with the new name.
            expected = (expected[0], expected[1].replace(their.name, mine.name))
        if _outcome(function, mine) != expected:
            found.append(
                difference(
                    their.value, view, repr(_outcome(function, mine)), repr(expected)
                )
            )
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        if _outcome(_pickled, mine, protocol) != ("value", mine):
            found.append(
                difference(their.value, f"pickle {protocol}", "a copy", "the member")
            )
    if copy.copy(mine) is not mine or copy.deepcopy(mine) is not mine:
        found.append(difference(their.value, "copy", "a new object", "the member"))
    for attribute in CATEGORIES:
        if hasattr(their, attribute) and getattr(their, attribute) != getattr(
            mine, attribute
        ):
            found.append(
                difference(
                    their.value,
                    attribute,
                    getattr(mine, attribute),
                    getattr(their, attribute),
                )
            )
    # Member names are in dir() of a member on some versions and build forms; the
    # attributes are what matters.
    names = set(ours.__members__) | set(theirs.__members__)
    ours_dir, theirs_dir = set(dir(mine)) - names, set(dir(their)) - names
    if not theirs_dir <= ours_dir:
        found.append(
            difference(their.value, "dir()", "lacks", sorted(theirs_dir - ours_dir))
        )
    unexpected = ours_dir - theirs_dir - EXTRA_ATTRIBUTES
    if unexpected:
        found.append(difference(their.value, "dir()", sorted(unexpected), "none"))
    return found


def _pickled(member, protocol):
    """A member pickles by the public module's name and comes back as itself. Where
    that module gives http.HTTPStatus instead, this enum is built only to be tested:
    no user holds one of its members, and the pickles users make are CPython's."""
    public = importlib.import_module(type(member).__module__).HTTPStatus
    if public is not type(member):
        return member
    unpickled = pickle.loads(pickle.dumps(member, protocol))
    return unpickled if unpickled is member else ("a copy", unpickled)


def check_categories(ours):
    """Each member is in exactly the category its code says."""
    found = []
    for member in ours:
        for attribute, codes in CATEGORIES.items():
            if getattr(member, attribute) is not (member.value in codes):
                found.append(
                    difference(
                        member.value,
                        attribute,
                        getattr(member, attribute),
                        member.value in codes,
                    )
                )
    return found


def as_text(enum_class):
    """Each member's answers to TEXT_VIEWS, by code, as text."""
    return {
        member.value: {
            view: repr(_outcome(function, member))
            for view, function in TEXT_VIEWS.items()
        }
        for member in enum_class
    }


def _names(enum_class):
    return [[name, member.name] for name, member in enum_class.__members__.items()]


def hide_or_count_simple_enum(class_statement):
    """Take away enum._simple_enum, as on an interpreter that does not have it, or
    wrap it to record its use in the list returned. Call before the import."""
    import enum

    built_by = []
    if class_statement:
        if hasattr(enum, "_simple_enum"):
            del enum._simple_enum
    elif hasattr(enum, "_simple_enum"):
        real = enum._simple_enum

        def counting(*arguments, **keywords):
            built_by.append("enum._simple_enum")
            return real(*arguments, **keywords)

        enum._simple_enum = counting
    return built_by


def main(arguments):
    extensions = set()
    if "--extensions" in arguments:
        listed = arguments[arguments.index("--extensions") + 1]
        extensions = {int(code) for code in listed.split(",") if code}
    # http itself is imported first, with the real enum._simple_enum.
    built_by = hide_or_count_simple_enum("--class-statement" in arguments)
    # The enum the modules build, on every version: where http_status gives the
    # standard one, it is what a registry change would make it give instead.
    from http_registries import http_status
    from http_registries._http_status_enum import HTTPStatus

    found = compare(HTTPStatus, http.HTTPStatus, extensions)
    found += check_categories(HTTPStatus)
    for each in found:
        print("difference: " + json.dumps(each, default=repr))
    print("version: " + json.dumps("{}.{}".format(*sys.version_info[:2])))
    print("built by: " + json.dumps(built_by[0] if built_by else "class statement"))
    print("is stdlib: " + json.dumps(http_status.HTTPStatus is http.HTTPStatus))
    # Each name and the name of the member it resolves to, in both enums, for the
    # caller to check against the registry: CPython's enum cannot tell a wrong alias.
    print("names: " + json.dumps(_names(HTTPStatus)))
    print("cpython names: " + json.dumps(_names(http.HTTPStatus)))
    print("cpython values: " + json.dumps([member.value for member in http.HTTPStatus]))
    print("text: " + json.dumps(as_text(HTTPStatus)))
    print("cpython text: " + json.dumps(as_text(http.HTTPStatus)))
    # What CPython says of each member, for the caller to judge by the registry's
    # python_added, python_wording and renamed_in.
    print(
        "cpython members: "
        + json.dumps(
            {
                member.value: [member.name, member.phrase, member.description]
                for member in http.HTTPStatus
            }
        )
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
