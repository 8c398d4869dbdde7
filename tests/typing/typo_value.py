"""A misspelt fixed value: type checkers must reject this file."""

from http_registries import lookup_status

answer = lookup_status(404)
if answer is not None and answer.kind == "membr":
    print(answer.category == "client-error")
