"""A registry as validated records: read the document, validate it (validation.py),
and let its kind turn each entry into a record."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .iana import as_of
from .kind import Kind
from .problems import InputError, one_problem
from .pythons import version_tuple
from .records import Alias, Entry, EnumEntry, SpecReference, build, mismatch
from .sourcefile import DATA, parse_json, read_text, shown
from .validation import Rules, validate
from .yamlsource import parse_document


@dataclass(frozen=True)
class Added:
    """The members a CPython version added to the enum."""

    version: str
    members: tuple[EnumEntry, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Each member as its key and name: 425 TOO_EARLY."""
        return tuple(f"{member.key} {member.name}" for member in self.members)


@dataclass(frozen=True)
class Renamed:
    """The members a CPython version renamed after one specification; each keeps its
    old name as an alias."""

    version: str
    renamed_by: SpecReference
    renames: tuple[tuple[EnumEntry, Alias], ...]  # the member, and its old name

    @property
    def old_names(self) -> tuple[str, ...]:
        """Each member as its key and old name: 413 REQUEST_ENTITY_TOO_LARGE."""
        return tuple(f"{member.key} {alias.name}" for member, alias in self.renames)


@dataclass(frozen=True)
class Registry:
    path: str
    kind: Kind
    entries: tuple[Entry, ...]
    schema: dict[str, Any]  # the registry's JSON Schema, which the export's follows
    # The date of IANA's registry as the vendored file holds it; None where unknown.
    iana_as_of: datetime.date | None = None

    @property
    def members(self) -> tuple[EnumEntry, ...]:
        """The entries that become enum members, in registry order (an enum kind's)."""
        return tuple(
            entry
            for entry in self.entries
            if isinstance(entry, EnumEntry) and entry.member
        )

    @property
    def additions(self) -> tuple[Added, ...]:
        """The members each CPython version added, oldest first, after the first
        version whose enum had any (documentation notes say what came when)."""
        by_version: dict[str, list[EnumEntry]] = {}
        for member in self.members:
            if member.python_added:
                by_version.setdefault(member.python_added, []).append(member)
        versions = sorted(by_version, key=version_tuple)[1:]
        return tuple(Added(version, tuple(by_version[version])) for version in versions)

    @property
    def renamings(self) -> tuple[Renamed, ...]:
        """The renames of released CPython versions, by version and specification,
        oldest first."""
        groups: dict[tuple[str, str], Renamed] = {}
        for member in self.members:
            for alias in member.aliases:
                rename = alias.rename
                if rename is None or rename.renamed_in is None:
                    continue
                key = (rename.renamed_in, rename.renamed_by.name)
                group = groups.get(key, Renamed(key[0], rename.renamed_by, ()))
                groups[key] = Renamed(
                    group.version, group.renamed_by, (*group.renames, (member, alias))
                )
        return tuple(
            sorted(groups.values(), key=lambda group: version_tuple(group.version))
        )

    @property
    def stdlib_since(self) -> tuple[int, int] | None:
        """The first CPython whose own enum is exactly this registry's, as the records
        say: every member, name, alias and wording there, and the whole API. None when
        a member or a name no released CPython has rules it out."""
        if self.kind.enum is None:
            return None
        versions = [version_tuple(self.kind.enum.stdlib_api)]
        for member in self.members:
            since = _as_here_since(member)
            if since is None:
                return None
            versions.append(since)
        return max(versions)

    @property
    def stdlib_limits(self) -> tuple[EnumEntry, ...]:
        """The members that set where the standard library's enum begins to be this
        one: those no released CPython has as here, or else those it has as here only
        from stdlib_since on (none when the API alone sets it)."""
        since = self.stdlib_since
        if self.kind.enum is not None and since == version_tuple(
            self.kind.enum.stdlib_api
        ):
            return ()
        return tuple(
            member for member in self.members if _as_here_since(member) == since
        )


def _as_here_since(member: EnumEntry) -> tuple[int, int] | None:
    """The first CPython whose enum has the member as the registry has it: its name,
    aliases and wording; None when no released CPython has all of them."""
    renames = [alias.rename for alias in member.aliases]
    if member.python_added is None or any(
        rename is None or rename.renamed_in is None for rename in renames
    ):
        return None
    versions = [member.python_added, member.python_wording or "3.0"]
    versions += [
        rename.renamed_in for rename in renames if rename and rename.renamed_in
    ]
    return max(version_tuple(version) for version in versions)


def committed_registry(registry: Registry, output: Path) -> Registry | None:
    """The registry as the committed export in `output` holds it: the records the
    generated files were made from. None where there is no export, or it does not
    read as this kind's records."""
    (export,) = [
        item for item in registry.kind.outputs if item.template == "export.json.j2"
    ]
    path = output / export.path
    try:
        entries = json.loads(read_text(path, shown(path), "the committed export"))
        records = tuple(
            build(registry.kind.record, entry)
            for entry in entries[registry.kind.entries]
        )
    except (InputError, ValueError, KeyError, TypeError):
        return None
    return Registry(shown(path), registry.kind, records, registry.schema)


def load_registry(
    kind: Kind,
    path: Path,
    shown_path: str,
    iana: Path | None = None,
    schema_path: Path | None = None,
) -> Registry:
    """The registry of `kind` at `path`, validated by the JSON Schema beside it (the
    project's, where there is none beside it; or the one at `schema_path`), with the
    date of IANA's file `iana` from the provenance beside it (none without it);
    InputError with every problem it has."""
    if kind.schema_document is not None and schema_path is None:
        # A declared registry's schema is made from its declaration.
        schema_path = DATA / kind.schema
        schema_text = json.dumps(kind.schema_document)
    else:
        if schema_path is None:
            beside = path.parent / kind.schema
            schema_path = beside if beside.is_file() else DATA / kind.schema
        schema_text = read_text(schema_path, shown(schema_path), _SCHEMA)
    text = read_text(path, shown_path, "the registry file")
    entries, schema = _records(kind, text, shown_path, schema_text, shown(schema_path))
    dated = as_of(iana.parent, iana.name) if iana else None
    return Registry(shown_path, kind, entries, schema, dated)


_SCHEMA = "the registry's JSON Schema"


def schema_document(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of a kind's registry: made from its declaration, or read from
    data/."""
    if kind.schema_document is not None:
        return kind.schema_document
    path = DATA / kind.schema
    schema: dict[str, Any] = parse_json(
        read_text(path, shown(path), _SCHEMA), shown(path), _SCHEMA
    )
    return schema


def _records(
    kind: Kind, text: str, shown_path: str, schema_text: str, shown_schema: str
) -> tuple[tuple[Entry, ...], dict[str, Any]]:
    schema = parse_json(schema_text, shown_schema, _SCHEMA)
    _check_kind(kind, schema, shown_schema)
    document = parse_document(
        text, shown_path, f"a mapping with a '{kind.entries}' list"
    )
    rules = Rules(
        kind.entries, kind.record.KEY, kind.fold, kind.rules, kind.registry_rules
    )
    problems = validate(document, schema, shown_path, rules)
    if problems:
        raise InputError(problems)
    entries = tuple(
        build(
            kind.record,
            entry,
            line=document.line_of((kind.entries, index)),
            field_lines={
                field: document.key_lines[(kind.entries, index, field)]
                for field in entry
            },
        )
        for index, entry in enumerate(document.data[kind.entries])
    )
    return entries, schema


def entry_schema(schema: dict[str, Any], entries: str) -> dict[str, Any] | None:
    """The schema of one entry of the list `entries`, its local reference followed;
    None when the schema has no such list."""
    try:
        items = schema["properties"][entries]["items"]
        reference = items.get("$ref", "")
        if not reference.startswith("#/"):
            return dict(items)
        part: Any = schema
        for step in reference.removeprefix("#/").split("/"):
            part = part[step]
        return dict(part)
    except (KeyError, TypeError, AttributeError):
        return None


def _check_kind(kind: Kind, schema: dict[str, Any], shown_schema: str) -> None:
    """The kind's record type and its schema describe the same entry: one line
    naming what differs, never a KeyError later."""
    entry = entry_schema(schema, kind.entries)
    if entry is None:
        message = (
            f"has no '{kind.entries}' list of entries; expected the list the kind "
            f"'{kind.name}' names"
        )
    elif kind.record.KEY not in entry.get("required", []):
        message = (
            f"does not require '{kind.record.KEY}', the key of the kind "
            f"'{kind.name}'; expected it among the entry's required fields"
        )
    else:
        found = mismatch(kind.record, entry.get("properties", {}))
        if found is None:
            return
        message = found
    raise one_problem(shown_schema, 0, "schema", message)
