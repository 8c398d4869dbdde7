"""A misspelt constant: type checkers must reject this file."""

from http_registries.http_status_constants import NOT_FOUNDD

print(NOT_FOUNDD)
