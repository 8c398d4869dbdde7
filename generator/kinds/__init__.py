"""Every registry kind, in the order the generator loads, builds and reports them.

Adding a kind is writing its module here (generator/kinds/status.py is one), its
registry, schema and templates, and one line in KINDS."""

from __future__ import annotations

from . import field, method, status

KINDS = (status.KIND, method.KIND, field.KIND)
