"""A value the registry can lack, used as if it were always there: type checkers
must reject this file."""

from http_registries import lookup_field, lookup_method, lookup_status

status = lookup_status(404)
method = lookup_method("PROPFIND")
field = lookup_field("Age")
if status is not None and method is not None and field is not None:
    print(status.source.upper(), method.description.lower())
    print(field.structured.lower(), field.comment.strip(), field.source.title())
