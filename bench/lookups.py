"""Time lookups on the generated HTTPStatus and on the standard library's, in this interpreter.

Standard library only (it runs on every CPython from 3.8). Prints JSON:
{operation: [median seconds of ours, median seconds of the standard library's]}.
"""

import http
import http.client
import json
import statistics
import sys
import timeit

import http_status
import http_status_constants

REPEATS = 15
NUMBER = 100_000

OPERATIONS = {
    "HTTPStatus(404)": "HTTPStatus(404)",
    "HTTPStatus.NOT_FOUND.phrase": "HTTPStatus.NOT_FOUND.phrase",
    "HTTPStatus.NOT_FOUND.is_success": "HTTPStatus.NOT_FOUND.is_success",
    "HTTPStatus['NOT_FOUND']": "HTTPStatus['NOT_FOUND']",
    "constants module: NOT_FOUND": "constants.NOT_FOUND",
    "constants module: responses[404]": "constants.responses[404]",
}


def medians(statement, namespaces):
    """The median time of `statement` in each namespace, timed in alternation so that a
    slow moment of the machine falls on all of them alike."""
    timers = [timeit.Timer(statement, globals=namespace) for namespace in namespaces]
    samples = [[] for _ in timers]
    for _ in range(REPEATS):
        for timer, times in zip(timers, samples):
            times.append(timer.timeit(NUMBER) / NUMBER)
    return [statistics.median(times) for times in samples]


def main():
    ours = {"HTTPStatus": http_status.HTTPStatus, "constants": http_status_constants}
    theirs = {"HTTPStatus": http.HTTPStatus, "constants": http.client}
    results = {}
    for name, statement in OPERATIONS.items():
        if "is_success" in statement and not hasattr(http.HTTPStatus, "is_success"):
            results[name] = medians(statement, [ours]) + [
                None
            ]  # in CPython from 3.12 on
        else:
            results[name] = medians(statement, [ours, theirs])
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
