"""The registry as plain data for the JSON export: every record's fields, defaults
filled in, and what the generator derives (a citation's text and link, the kind)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from .registry import Registry, SpecReference, Status


def export(registry: Registry) -> dict[str, Any]:
    return {
        registry.kind.entries: [_entry(entry) for entry in registry.entries],
    }


def _entry(entry: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field, value in vars(entry).items():
        if field in ("line", "field_lines"):
            continue  # where the entry was written, not what it says
        data[field] = _plain(value)
    if isinstance(entry, Status):
        data["kind"] = (
            "member"
            if entry.member
            else "unofficial" if entry.unofficial else "registered"
        )
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, SpecReference):
        return {**_plain(vars(value)), "text": value.text, "url": value.url}
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return _plain(vars(value))
    return value


def to_json(value: Any) -> str:
    """Deterministic JSON: keys in the records' order, two-space indents, UTF-8 text."""
    return json.dumps(value, indent=2, ensure_ascii=False)
