"""A registry as validated records: read the document, validate it (validation.py),
and let its kind turn each entry into a record."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .kind import Kind
from .problems import InputError
from .pythons import version_tuple
from .records import Alias, Entry, SpecReference
from .sourcefile import read_json
from .validation import validate
from .yamlsource import read_document

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Added:
    """The members a CPython version added to the enum."""

    version: str
    members: tuple[Entry, ...]

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
    renames: tuple[tuple[Entry, Alias], ...]  # the member, and its old name

    @property
    def old_names(self) -> tuple[str, ...]:
        """Each member as its key and old name: 413 REQUEST_ENTITY_TOO_LARGE."""
        return tuple(f"{member.key} {alias.name}" for member, alias in self.renames)


@dataclass(frozen=True)
class Registry:
    path: str
    kind: Kind
    entries: tuple[Entry, ...]

    @property
    def members(self) -> tuple[Entry, ...]:
        """The entries that become enum members, in registry order."""
        return tuple(entry for entry in self.entries if entry.member)

    @property
    def additions(self) -> tuple[Added, ...]:
        """The members each CPython version added, oldest first, after the first
        version whose enum had any (documentation notes say what came when)."""
        by_version: dict[str, list[Entry]] = {}
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
                key = (rename.renamed_in, rename.renamed_by.document)
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
        if self.kind.stdlib_api is None:
            return None
        versions = [self.kind.stdlib_api]
        for member in self.members:
            renames = [alias.rename for alias in member.aliases]
            if member.python_added is None or any(
                rename is None or rename.renamed_in is None for rename in renames
            ):
                return None
            versions += [member.python_added, member.python_wording or "3.0"]
            versions += [
                rename.renamed_in for rename in renames if rename and rename.renamed_in
            ]
        return max(version_tuple(version) for version in versions)


def load_registry(
    kind: Kind, path: Path, shown_path: str, schema_path: Path | None = None
) -> Registry:
    """The registry of `kind` at `path`; InputError with every problem it has."""
    document = read_document(path, shown_path, kind.entries)
    schema = read_json(schema_path or DATA / kind.schema, "the registry's JSON Schema")
    problems = validate(
        document, schema, shown_path, kind.entries, kind.record.KEY, kind.rules
    )
    if problems:
        raise InputError(problems)
    entries = tuple(
        kind.record.from_document(
            entry,
            document.line_of((kind.entries, index)),
            {
                field: document.key_lines[(kind.entries, index, field)]
                for field in entry
            },
        )
        for index, entry in enumerate(document.data[kind.entries])
    )
    return Registry(shown_path, kind, entries)
