"""Generate the HTTPStatus and HTTPMethod modules and their documentation from the
registries in data/ (http_status.yaml, http_method.yaml)."""
