"""Generate the http_registries package, its tables and its exports from the
registries in data/ (http_status.yaml, http_method.yaml, http_field.yaml), check
them, and compare the registries with IANA's."""
