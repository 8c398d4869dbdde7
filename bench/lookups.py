"""Time lookups on the generated HTTPStatus and on the standard library's, in this interpreter.

Standard library only (it runs on every CPython from 3.8). Prints JSON:
{operation: [seconds per run of ours, of the standard library's (or null)]}, a list
of samples each; bench.py runs it in several processes, since the string hash seed
of each process changes how fast a name is found in a dict.
"""

import http
import http.client
import json
import sys
import timeit

from http_registries import (
    http_method,
    http_method_info,
    http_status,
    http_status_constants,
    http_status_info,
)

REPEATS = 9
NUMBER = 50_000

OPERATIONS = {
    "HTTPStatus(404)": "HTTPStatus(404)",
    "HTTPStatus.NOT_FOUND.phrase": "HTTPStatus.NOT_FOUND.phrase",
    "HTTPStatus.NOT_FOUND.is_success": "HTTPStatus.NOT_FOUND.is_success",
    "HTTPStatus['NOT_FOUND']": "HTTPStatus['NOT_FOUND']",
    "constants module: NOT_FOUND": "constants.NOT_FOUND",
    "constants module: responses[404]": "constants.responses[404]",
    # lookup() never raises; the yardstick is the standard library's HTTPStatus(404).
    "lookup(404) vs HTTPStatus(404)": ("lookup(404)", "HTTPStatus(404)"),
    "lookup(520) vs HTTPStatus(404)": ("lookup(520)", "HTTPStatus(404)"),
    "HTTPMethod('GET')": "HTTPMethod('GET')",
    "HTTPMethod.GET.description": "HTTPMethod.GET.description",
    # The method facts; the yardstick is the standard library's HTTPMethod('GET').
    "method lookup('GET') vs HTTPMethod('GET')": (
        "method_lookup('GET')",
        "HTTPMethod('GET')",
    ),
    "method lookup('PROPFIND') vs HTTPMethod('GET')": (
        "method_lookup('PROPFIND')",
        "HTTPMethod('GET')",
    ),
    "'GET' in SAFE_METHODS vs HTTPMethod('GET')": (
        "'GET' in SAFE_METHODS",
        "HTTPMethod('GET')",
    ),
}


def samples(statement, namespaces):
    """Times of `statement` in each namespace, taken in alternation so that a slow
    moment of the machine falls on all of them alike. A pair of statements is one
    for each namespace."""
    statements = statement if isinstance(statement, tuple) else (statement,) * 2
    timers = [
        timeit.Timer(each, globals=namespace)
        for each, namespace in zip(statements, namespaces)
    ]
    times = [[] for _ in timers]
    for _ in range(REPEATS):
        for timer, found in zip(timers, times):
            found.append(timer.timeit(NUMBER) / NUMBER)
    return times


def main():
    ours = {
        "HTTPStatus": http_status.HTTPStatus,
        "constants": http_status_constants,
        "HTTPMethod": http_method.HTTPMethod,
        "lookup": http_status_info.lookup,
        "method_lookup": http_method_info.lookup,
        "SAFE_METHODS": http_method_info.SAFE_METHODS,
    }
    theirs = {
        "HTTPStatus": http.HTTPStatus,
        "constants": http.client,
        "HTTPMethod": getattr(http, "HTTPMethod", None),  # from 3.11 on
    }
    results = {}
    for name, statement in OPERATIONS.items():
        text = " ".join(statement) if isinstance(statement, tuple) else statement
        missing = "HTTPMethod" in text and theirs["HTTPMethod"] is None
        if missing or (
            "is_success" in text and not hasattr(http.HTTPStatus, "is_success")
        ):
            # not in this CPython: is_success from 3.12, HTTPMethod from 3.11
            results[name] = samples(statement, [ours]) + [None]
        else:
            results[name] = samples(statement, [ours, theirs])
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
