"""Registry text is text in every output: a corpus of hostile strings, put in every
text field (and hostile addresses in every address field) of every kind, reaches
the Markdown tables, the reStructuredText tables, the documentation pages Sphinx and
MyST build from them, the JSON export and the Python package as the text itself.
Each output is judged by a real parser of its format: CommonMark (markdown-it-py, as
MyST reads it) and GitHub's Markdown (cmarkgfm), docutils, an HTML parser, json and
Python itself. Tables keep their shape, no element, directive or link comes from
registry text, and each text comes back exactly."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote

import cmarkgfm
import pytest
import yaml
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from markdown_it import MarkdownIt

from conftest import (
    KINDS,
    PACKAGE,
    REGISTRIES,
    ROOT,
    generated_package,
    require_interpreter,
)
from generator.kind import Kind
from generator.outputs import build_outputs
from generator.problems import InputError
from generator.pythons import SUPPORTED
from generator.records import SpecReference
from generator.registry import Registry, load_registry
from generator.render import (
    markdown,
    markdown_url,
    rst_citation,
    rst_literal,
    rst_simple_table,
)

CORPUS = [
    "<script>alert(1)</script>",
    "</td></tr></table><p>after",
    "<!-- a comment --> <br> <img src=x onerror=alert(1)>",
    "&amp; &lt;b&gt; &#60; &#x3C;",
    "[a link](https://evil.example/) ![an image](https://evil.example/x.png)",
    "<https://evil.example/> https://evil.example/path www.evil.example",
    "mail@evil.example mailto:mail@evil.example",
    "`code` ``literal`` ```fence```",
    "**strong** *em* _em_ __strong__ ~~struck~~",
    "a | b || c",
    "\\ \\\\ \\* \\| \\`",
    ":rfc:`9110` :raw:`x` {role}`x`",
    "`Title <https://evil.example/>`__ `x`_ name_ [1]_ [#]_ |substitution|",
    ".. raw:: html",
    ".. _target: https://evil.example/",
    "* item",
    "- item",
    "1. item",
    "A) item",
    "#. item",
    ">>> import os",
    "----",
    "| a line block",
    "{{ registry }} {% raw %} {# x #}",
    "$x$ %comment (label)= +++",
    "\"\"\" ''' \\\" \\' # not a comment",
    "Café Ñandú «» ¿ ÿ",
    "tab\tand  spaces",
    "line one\nline two",
    "a line\u2028separator\u2029and\x85next line, a\u00a0no-break space",
    "Āē 中文 \U0001f600",
    "x" * 2000,
]
# Addresses RFC 3986 allows whose characters are syntax in some output.
ADDRESSES = [
    "https://evil.example/x)](javascript:alert(1))",
    "https://evil.example/?a=1&lt;b&amp;c",
    "https://evil.example/a_",
    "https://evil.example/a__",
    "https://evil.example/[x](y)",
    "https://evil.example/'onmouseover='alert(1)",
    "https://evil.example/*x*_y_~~z~~",
    "http://evil.example:8080/%3Cscript%3E",
    "https://user@evil.example/",
    "https://evil.example/a#b",
]


def shown(text: str) -> str:
    """Text as any page shows it: a line break or a run of spaces as one space."""
    return re.sub("[ \t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+", " ", text)


# Parsers of each format, and what they make of a text.


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()


_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.open[-1].children.append(Element("!--", {}))


def html_tree(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


_COMMONMARK = MarkdownIt("commonmark", {"html": True}).enable(
    ["table", "strikethrough"]
)


def markdown_trees(text: str) -> list[Element]:
    """`text` as MyST's parser reads it (CommonMark with tables, raw HTML on) and as
    GitHub does (its Markdown, raw HTML kept to be seen)."""
    return [
        html_tree(_COMMONMARK.render(text)),
        html_tree(
            cmarkgfm.github_flavored_markdown_to_html(
                text, options=cmarkgfm.Options.CMARK_OPT_UNSAFE
            )
        ),
    ]


def _mailto(element: Element) -> bool:
    """GitHub's link of an e-mail address in text, which no escape prevents: to the
    address the text shows, which stays as it is."""
    href = element.attributes.get("href", "")
    return href.startswith("mailto:") and element.text() in (href, href[7:])


class _VersionNote(Directive):
    """Sphinx's versionadded and versionchanged, for docutils alone."""

    required_arguments = 1
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


directives.register_directive("versionadded", _VersionNote)
directives.register_directive("versionchanged", _VersionNote)


def rst_tree(text: str) -> nodes.document:
    """`text` as docutils reads it; any message it has (a warning, an error) fails."""
    document = publish_doctree(
        text, settings_overrides={"report_level": 5, "halt_level": 5}
    )
    messages = list(document.findall(nodes.system_message))
    assert not messages, [message.astext() for message in messages]
    return document


# Each filter: every text of the corpus, parsed back.


@pytest.mark.parametrize(
    ("text", "url"),
    list(zip(CORPUS, itertools.cycle(ADDRESSES))),
    ids=range(len(CORPUS)),
)
def test_a_markdown_cell_and_link_show_the_text_and_address(
    text: str, url: str
) -> None:
    document = (
        "| A | B |\n| --- | --- |\n"
        f"| {markdown(text)} | [{markdown(text)}]({markdown_url(url)}) |\n"
    )
    for tree in markdown_trees(document):
        tags = [element.tag for element in tree.walk()]
        assert sorted(set(tags)) == [
            "a",
            "root",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
        ]
        (row,) = [
            e for e in tree.walk() if e.tag == "tr" and e.children and "td" in str(e)
        ]
        cells = [e for e in row.walk() if e.tag == "td"]
        assert [cell.text() for cell in cells] == [shown(text)] * 2
        (link,) = [e for e in tree.walk() if e.tag == "a" and not _mailto(e)]
        # The address itself; the parsers percent-encode some characters of it (])
        # as a browser would.
        assert list(link.attributes) == ["href"]
        assert unquote(link.attributes["href"]) == unquote(url)


@pytest.mark.parametrize(
    ("text", "url"),
    list(zip(CORPUS, itertools.cycle(ADDRESSES))),
    ids=range(len(CORPUS)),
)
def test_a_rst_cell_and_reference_show_the_text_and_address(
    text: str, url: str
) -> None:
    token = re.sub(r"[^!#$%&'*+.^_`|~0-9A-Za-z-]", "", text) or "x"
    spec = SpecReference(title=text, link=url, document=text, note=text)
    table = rst_simple_table(f"A\tB\n{rst_literal(token)}\t{rst_citation(spec)}\n")
    document = rst_tree(table)
    kinds = {type(node).__name__ for node in document.findall()}
    assert kinds <= {
        "document",
        "table",
        "tgroup",
        "colspec",
        "thead",
        "tbody",
        "row",
        "entry",
        "paragraph",
        "literal",
        "reference",
        "target",
        "Text",
    }, kinds
    rows = list(document.findall(nodes.row))
    assert [len(row) for row in rows] == [2, 2]
    literal, citation = rows[1]
    assert literal.astext() == token
    assert citation.astext() == f"{shown(text)} {shown(text)} ({shown(text)})"
    (reference,) = document.findall(nodes.reference)
    assert reference["refuri"] == url


# Every output, built from registries that carry the corpus.


def _leaves(
    value: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, path + (index,))
    else:
        yield path, value


def _put(entry: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        entry = entry[step]
    entry[path[-1]] = value


def _field(path: tuple[Any, ...]) -> str:
    """A field's path as a problem names it: aliases[0].renamed_by.title."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _pattern(path: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple("*" if isinstance(step, int) else step for step in path)


@dataclass
class Hostile:
    """A kind's registry with the corpus in every text field: each placed text, by
    the key of its entry and the field's path; and the registry's own entry each
    copy was made from, by the copy's key."""

    registry: Registry
    placed: dict[Any, dict[tuple[Any, ...], str]]
    made_from: dict[Any, Any]


def _committed_data(kind: Kind) -> Any:
    """The kind's committed registry as YAML reads it (with libyaml, as safe_load
    would without: a tenth of the time)."""
    text = (ROOT / "data" / kind.registry).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _load(
    kind: Kind, entries: list[dict[str, Any]], folder: Path
) -> tuple[Registry | None, list[Any]]:
    path = folder / kind.registry
    ordered = sorted(entries, key=lambda entry: kind.fold(entry[kind.record.KEY]))
    path.write_text(
        yaml.dump({kind.entries: ordered}, Dumper=yaml.CSafeDumper, sort_keys=False),
        encoding="utf-8",
    )
    try:
        return load_registry(kind, path, kind.registry), []
    except InputError as error:
        text = path.read_text(encoding="utf-8")
        starts = [m.start() for m in re.finditer(r"^- ", text, re.MULTILINE)]
        lines = [text[:start].count("\n") + 1 for start in starts]
        return None, [
            (ordered[sum(line <= problem.line for line in lines) - 1], problem)
            for problem in error.problems
        ]


def _paths(
    kind: Kind, entries: list[dict[str, Any]], folder: Path
) -> dict[tuple[Any, ...], str]:
    """Each path of a string field of the kind's entries (list positions as *), as
    "text" (the registry accepts any text there) or "address"."""
    kinds: dict[tuple[Any, ...], str] = {}
    tried = set()
    for entry in entries:
        for path, value in _leaves(entry):
            if not isinstance(value, str) or _pattern(path) in tried:
                continue
            tried.add(_pattern(path))
            for probe, what in (("a <b>`c`</b> d", "text"), (ADDRESSES[0], "address")):
                changed = copy.deepcopy(entry)
                _put(changed, path, probe)
                if _load(kind, [changed], folder)[0] is not None:
                    kinds[_pattern(path)] = what
                    break
    return kinds


def hostile_registry(kind: Kind, folder: Path) -> Hostile:
    data = _committed_data(kind)
    entries: list[dict[str, Any]] = data[kind.entries]
    paths = _paths(kind, entries, folder)
    # The fewest entries of the registry that, together, have every such path.
    templates, covered = [], set()
    for entry in sorted(
        entries, key=lambda e: -len({_pattern(p) for p, _ in _leaves(e)} & set(paths))
    ):
        have = {_pattern(p) for p, _ in _leaves(entry)} & set(paths)
        if have - covered:
            templates.append(entry)
            covered |= have
    used = {kind.fold(entry[kind.record.KEY]) for entry in entries}
    first = entries[0][kind.record.KEY]

    def spare(near: Any) -> Iterator[Any]:
        """The keys no entry has yet: numbers from the template's own, then from the
        registry's first; or names."""
        if isinstance(first, int):
            keys: Iterator[Any] = itertools.chain(
                itertools.count(near), itertools.count(first)
            )
        else:
            keys = (f"Probe-{n}" for n in itertools.count())
        return (key for key in keys if kind.fold(key) not in used)

    copies, placed, made_from = [], {}, {}
    for number, (template, text) in enumerate(itertools.product(templates, CORPUS)):
        made = copy.deepcopy(template)
        for key in ("python_added", "python_wording", "docs_row"):
            made.pop(key, None)
        if "name" in made and kind.record.KEY != "name":
            made["name"] = f"PROBE_{number}"
            if "constant" in {field.name for field in dataclasses.fields(kind.record)}:
                # A declared registry makes the constant from the name, which the
                # corpus fills: the copy names its own.
                made["constant"] = f"PROBE_{number}"
        for position, alias in enumerate(made.get("aliases", [])):
            if isinstance(alias, dict):
                alias["name"] = f"PROBE_{number}_{position}"
            else:
                made["aliases"][position] = f"PROBE_{number}_{position}"
        address = ADDRESSES[number % len(ADDRESSES)]
        fields = {}
        for path, _ in list(_leaves(made)):
            what = paths.get(_pattern(path))
            if what:
                fields[path] = text if what == "text" else address
                _put(made, path, fields[path])
        for key in itertools.islice(spare(template[kind.record.KEY]), 1000):
            made[kind.record.KEY] = key
            problems = _load(kind, [made], folder)[1]
            refused = {
                path
                for path in fields
                if any(p.field == _field(path) for _, p in problems)
            }
            for path in refused:
                # A text this field does not allow (a reason phrase is Latin-1):
                # the field keeps the registry's own text.
                original = template
                for step in path:
                    original = original[step]
                _put(made, path, original)
                del fields[path]
            # Else a key the kind does not allow for this entry (a 1xx code that
            # carries content): the next one.
            if not problems or _load(kind, [made], folder)[0] is not None:
                break
        else:
            raise AssertionError(f"no key makes a valid entry: {problems}")
        used.add(kind.fold(made[kind.record.KEY]))
        placed[made[kind.record.KEY]] = fields
        made_from[made[kind.record.KEY]] = template[kind.record.KEY]
        copies.append(made)
    registry, problems = _load(kind, entries + copies, folder)
    assert registry is not None, [str(problem) for _, problem in problems]
    return Hostile(registry, placed, made_from)


@dataclass
class Built:
    """The hostile registries of every kind, the project they make (generated/ and
    the documentation pages, built), and the committed project's outputs."""

    hostile: dict[str, Hostile]
    root: Path

    def output(self, name: str) -> str:
        return (self.root / "generated" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("hostile")
    hostile = {kind.name: hostile_registry(kind, root) for kind in KINDS}
    shutil.copytree(
        ROOT / "generated",
        root / "generated",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    texts = build_outputs([h.registry for h in hostile.values()], ROOT / "templates")
    for path, text in texts.items():
        (root / "generated" / path).write_text(text, encoding="utf-8")
    shutil.copytree(
        ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("_build")
    )
    for name in ("pyproject.toml", "CHANGELOG.md"):
        shutil.copy(ROOT / name, root / name)
    _sphinx(root / "docs", root / "html")
    # The committed project's pages, to compare with.
    _sphinx(ROOT / "docs", root / "committed")
    return Built(hostile, root)


def _sphinx(source: Path, output: Path) -> None:
    """make docs, from `source` into `output`."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html"]
        + ["-d", str(output / "doctrees"), str(source), str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _rows(tree: Element) -> dict[str, list[str]]:
    """Each row of each table of a page, by the text of its first cell: its cells'
    texts. Every row has as many cells as its table's header."""
    rows = {}
    for table in (e for e in tree.walk() if e.tag == "table"):
        (header,) = [e for e in table.walk() if e.tag == "thead"]
        width = len([e for e in header.walk() if e.tag == "th"])
        for row in (
            e for e in table.walk() if e.tag == "tr" and e not in header.walk()
        ):
            cells = [e.text().strip() for e in row.children if isinstance(e, Element)]
            assert len(cells) == width, cells
            rows[cells[0]] = cells
    return rows


def _placed_texts_shown(
    built: Built,
    kind: Kind,
    rows_of: Any,
    committed_rows: dict[str, list[str]],
    hostile_rows: dict[str, list[str]],
) -> int:
    """Each text placed in a copy's field that the output shows for the entry it was
    made from (the registry's own text of the field is in that entry's row) is in
    the copy's row, exactly. Returns how many were."""
    checked = 0
    hostile = built.hostile[kind.name]
    entries = {entry.key: entry for entry in REGISTRIES[kind.name].entries}
    data = _committed_data(kind)
    raw = {entry[kind.record.KEY]: entry for entry in data[kind.entries]}
    for key, fields in hostile.placed.items():
        source = hostile.made_from[key]
        own_row = " | ".join(committed_rows.get(kind.key_text(entries[source].key), []))
        row = " | ".join(hostile_rows.get(kind.key_text(key), []))
        for path, text in fields.items():
            original = raw[source]
            for step in path:
                original = original[step]
            if own_row and shown(original) in own_row:
                assert shown(text) in row, (key, path, text, row)
                checked += 1
    return checked


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_markdown_tables_hold_the_texts_and_nothing_else(
    built: Built, kind: Kind
) -> None:
    checked = 0
    for output in (o for o in kind.outputs if o.name.endswith(".md")):
        committed = (ROOT / "generated" / output.path).read_text(encoding="utf-8")
        for own, hostile in zip(
            markdown_trees(committed), markdown_trees(built.output(output.path))
        ):
            # No element the template does not make, and no link but the registry's.
            assert {e.tag for e in hostile.walk()} <= {e.tag for e in own.walk()}
            links = {
                unquote(e.attributes.get("href", ""))
                for e in hostile.walk()
                if e.tag == "a" and not _mailto(e)
            }
            # The registry's addresses, and IANA's file, which its declaration names.
            addresses = _addresses(built.hostile[kind.name].registry) | {kind.iana.url}
            assert links <= {unquote(address) for address in addresses}
            checked += _placed_texts_shown(
                built, kind, None, _rows(own), _rows(hostile)
            )
    assert checked


def _addresses(registry: Registry) -> set[str]:
    """Every address the registry's entries cite: their specifications', their
    sources', and any other a record holds."""
    found = set()

    def walk(value: Any) -> None:
        if isinstance(value, SpecReference):
            found.add(value.url)
        if hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            found.add(value)

    for entry in registry.entries:
        walk(entry)
    return found


def _rst_rows(document: nodes.document) -> dict[str, list[str]]:
    """Each row of each table, by the text of its first cell: its cells' texts.
    Every row has as many cells as its table's header."""
    rows = {}
    for table in document.findall(nodes.table):
        (header,) = table.findall(nodes.thead)
        width = len(list(header.findall(nodes.entry)))
        for body in table.findall(nodes.tbody):
            for row in body.findall(nodes.row):
                cells = [entry.astext() for entry in row.findall(nodes.entry)]
                assert len(cells) == width, cells
                rows[cells[0]] = cells
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_rst_tables_hold_the_texts_and_nothing_else(
    built: Built, kind: Kind
) -> None:
    outputs = [o for o in kind.outputs if o.name.endswith(".rst")]
    for output in outputs:
        own = rst_tree((ROOT / "generated" / output.path).read_text(encoding="utf-8"))
        hostile = rst_tree(built.output(output.path))
        # No node the template does not make (a directive, a role, a list), and no
        # link but the registry's and the template's own.
        assert {type(n) for n in hostile.findall()} <= {type(n) for n in own.findall()}
        uris = {n["refuri"] for n in hostile.findall(nodes.reference)}
        own_uris = {n["refuri"] for n in own.findall(nodes.reference)}
        assert uris <= own_uris | _addresses(built.hostile[kind.name].registry)
        rows = _rst_rows(hostile)
        assert _placed_texts_shown(built, kind, None, _rst_rows(own), rows)


def _pages(kind: Kind) -> list[str]:
    """The documentation pages that include one of the kind's tables."""
    pages = []
    for source in sorted((ROOT / "docs").rglob("*")):
        if source.suffix in (".md", ".rst") and any(
            f"generated/{o.path}" in source.read_text(encoding="utf-8")
            for o in kind.outputs
            if o.name.endswith((".md", ".rst"))
        ):
            pages.append(
                source.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
            )
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_built_pages_hold_the_texts_and_nothing_else(
    built: Built, kind: Kind
) -> None:
    checked = 0
    assert _pages(kind)
    for page in _pages(kind):
        own = html_tree((built.root / "committed" / page).read_text(encoding="utf-8"))
        hostile = html_tree((built.root / "html" / page).read_text(encoding="utf-8"))
        assert {e.tag for e in hostile.walk()} <= {e.tag for e in own.walk()}
        # Every script is the page's own.
        scripts = [
            (e.attributes, e.text()) for e in hostile.walk() if e.tag == "script"
        ]
        assert scripts == [
            (e.attributes, e.text()) for e in own.walk() if e.tag == "script"
        ]
        # No attribute that runs code, and no link but the page's own and the
        # registry's addresses.
        assert not [
            e for e in hostile.walk() if any(a.startswith("on") for a in e.attributes)
        ]
        own_links = {
            unquote(e.attributes.get("href", "")) for e in own.walk() if e.tag == "a"
        }
        addresses = {unquote(a) for a in _addresses(built.hostile[kind.name].registry)}
        for element in (e for e in hostile.walk() if e.tag == "a"):
            assert unquote(element.attributes.get("href", "")) in own_links | addresses
        checked += _placed_texts_shown(built, kind, None, _rows(own), _rows(hostile))
    assert checked


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_export_holds_each_text_exactly(built: Built, kind: Kind) -> None:
    (output,) = [
        o for o in kind.outputs if o.name.endswith(".json") and "schema" not in o.name
    ]
    exported = {
        entry[kind.record.KEY]: entry
        for entry in json.loads(built.output(output.path))[kind.entries]
    }
    for key, fields in built.hostile[kind.name].placed.items():
        strings = {
            value for _, value in _leaves(exported[key]) if isinstance(value, str)
        }
        assert set(fields.values()) <= strings, key


def _answer_texts(answer: Any) -> list[str]:
    kind = type(answer)
    names = [*kind.__slots__, *(n for n in dir(kind) if not n.startswith("_"))]
    return [
        value
        for name in names
        for value in [getattr(answer, name)]
        if isinstance(value, str)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_package_answers_each_text_exactly(built: Built, kind: Kind) -> None:
    """Each text a lookup answers with for the entry a copy was made from (the
    registry's own text of a field is among its answer's) is, exactly, among the
    copy's: Python literals carry any text."""
    ((_, module, attribute),) = [t for t in kind.top_level if t[2] == "lookup"]
    checked = 0
    with generated_package(PACKAGE) as own, generated_package(
        built.root / "generated" / PACKAGE.name
    ) as load:
        own_lookup, lookup = getattr(own(module), attribute), getattr(
            load(module), attribute
        )
        data = _committed_data(kind)
        raw = {entry[kind.record.KEY]: entry for entry in data[kind.entries]}
        hostile = built.hostile[kind.name]
        for key, fields in hostile.placed.items():
            source = hostile.made_from[key]
            own_texts, texts = _answer_texts(own_lookup(source)), _answer_texts(
                lookup(key)
            )
            for path, text in fields.items():
                original = raw[source]
                for step in path:
                    original = original[step]
                if original in own_texts:
                    assert text in texts, (key, path)
                    checked += 1
    # Every kind whose answers carry a registry's free text was checked on some.
    assert checked or not _answers_carry_text(kind)


def _answers_carry_text(kind: Kind) -> bool:
    """Whether a kind's answers hold text of its registry beyond the key (a
    declared registry's text columns; the enum kinds' phrases and descriptions)."""
    table = kind.template_context.get("table")
    return table is None or any(column.type == "str" and not column.values for column in table.columns)


@pytest.mark.slow
@pytest.mark.parametrize("minor", [SUPPORTED[0], SUPPORTED[-1]])
@pytest.mark.parametrize(
    "environment",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["ASCII output", "C locale"],
)
def test_the_command_writes_any_text_on_any_output(
    built: Built, minor: str, environment: dict[str, str]
) -> None:
    """python -m http_registries on an output that cannot carry the registry's
    text: escapes, never a traceback."""
    keys = [str(key) for kind in KINDS for key in built.hostile[kind.name].placed]
    result = subprocess.run(
        [str(require_interpreter(minor)), "-m", PACKAGE.name, *keys],
        env={**os.environ, "PYTHONPATH": str(built.root / "generated"), **environment},
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert result.stderr == b""
    text = result.stdout.decode("ascii")
    assert "\\xe9" in text  # Café, escaped


# What is not an address, or not one of RFC 3986's characters.
NOT_ADDRESSES = [
    "javascript:alert(1)",
    "//evil.example/",
    "https:evil.example",
    "https://",
    "ftp://evil.example/",
    "https://evil.example/a b",
    "https://evil.example/<script>",
    'https://evil.example/"x',
    "https://evil.example/`x`",
    "https://evil.example/a|b",
    "https://evil.example/{x}",
    "https://evil.example/%zz",
    "https://evil.example/caf\u00e9",
    "https://evil.example/a\\b",
]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_what_is_not_an_address_is_refused_at_its_line(
    kind: Kind, tmp_path: Path
) -> None:
    data = _committed_data(kind)
    entries: list[dict[str, Any]] = data[kind.entries]
    # Each address field the registry has, and a specification's link in any
    # entry with a specification (every kind's cites one).
    cases = []
    for pattern, what in _paths(kind, entries, tmp_path).items():
        if what == "address":
            entry = next(
                e for e in entries if pattern in {_pattern(p) for p, _ in _leaves(e)}
            )
            (path,) = [p for p, _ in _leaves(entry) if _pattern(p) == pattern][:1]
            cases.append((entry, path))
    cited = next(e for e in entries if isinstance(e.get("spec"), dict))
    cases.append(
        ({**cited, "spec": {"title": "T", "link": ADDRESSES[0]}}, ("spec", "link"))
    )
    for entry, path in cases:
        assert _load(kind, [entry], tmp_path)[0] is not None, path
        for address in NOT_ADDRESSES:
            changed = copy.deepcopy(entry)
            _put(changed, path, address)
            registry, problems = _load(kind, [changed], tmp_path)
            assert registry is None, (path, address)
            for _, problem in problems:
                assert len(str(problem).splitlines()) == 1
                assert problem.path == kind.registry and problem.line > 0
                assert problem.field == _field(path), (address, str(problem))
                assert "http or https address" in problem.message
