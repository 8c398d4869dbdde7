"""Generate the http_registries package, its tables and its exports from the
registries in data/ (one for each kind in generator/kinds/), check them, and
compare the registries with IANA's."""
