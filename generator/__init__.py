"""Generate the HTTPStatus modules and documentation from the status code registry (data/http_status.yaml)."""
