"""A misspelt member name: type checkers must reject this file."""

from http_registries.http_status import HTTPStatus
from http_registries.http_status_constants import NOT_FOUND

print(HTTPStatus.NOT_FOUNDD, NOT_FOUND.phrase)
