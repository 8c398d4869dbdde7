"""Render the templates from the validated registry.

Templates hold the shape of the output; everything they print passes through a
filter that makes it safe for the target language. In Python templates a value
that did not pass through `py` (a literal) or `identifier` is an error, so no
registry text can ever reach the generated source as code.
"""

from __future__ import annotations

import datetime
import functools
import re
import string
import textwrap
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2

from .export import export, export_schema, to_json
from .kind import PACKAGE
from .problems import InputError
from .pythons import simple_enum_range, stdlib_range
from .records import SpecReference
from .registry import Registry
from .sourcefile import decode_text, read_bytes, shown


class Code(str):
    """Text that is already valid Python source."""


class Refused(ValueError):
    """A filter's refusal of a value the template gave it: the template's mistake,
    reported at its line. Any other exception from a filter is a bug, and keeps its
    traceback."""


def py(value: object) -> Code:
    """A Python literal that evaluates to exactly `value`."""
    if value is None or isinstance(value, (bool, int, str, bytes)):
        # repr() of these types is a literal that round-trips, escaping quotes,
        # backslashes, line breaks and unprintable characters.
        return Code(repr(value))
    if type(value) is datetime.date:
        # The module that prints one imports datetime.
        return Code(f"datetime.date({value.year}, {value.month}, {value.day})")
    if isinstance(value, tuple):
        items = [py(item) for item in value]
        return Code(f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})")
    raise Refused(f"cannot write a {type(value).__name__} as a Python literal")


def identifier(value: object) -> Code:
    if not (isinstance(value, str) and value.isidentifier() and value.isascii()):
        raise Refused(f"{value!r} is not a Python identifier")
    return Code(value)


def python_version(version: object) -> Code:
    """(3, 14) as 3.14, for a comment of generated source."""
    if not (
        isinstance(version, tuple)
        and len(version) == 2
        and all(type(part) is int for part in version)
    ):
        raise Refused(f"{version!r} is not a version such as (3, 14)")
    return Code(f"{version[0]}.{version[1]}")


def int_literal(value: object, hex_width: int = 0) -> Code:
    """A whole number as a Python literal: 0x0a with `hex_width` digits, or 1000."""
    if type(value) is not int:
        raise Refused(f"{value!r} is not a whole number")
    return Code(f"0x{value:0{hex_width}x}" if hex_width else str(value))


def doc(value: object) -> Code:
    """Text inside a docstring, shown as itself: a backslash or a quote cannot end it
    or make an escape, and a control character is written as an escape."""
    text = str(value).replace("\\", "\\\\")
    # No two quotes stand together, nor one at the end: none can close the docstring.
    text = re.sub(r'"(?="|$)', r'\\"', text)
    return Code(
        "".join(c if c.isprintable() or c == "\n" else f"\\x{ord(c):02x}" for c in text)
    )


def comment(value: object, width: int = 84) -> Code:
    """Text as the lines of a # comment: no line break of the text can end it."""
    lines = textwrap.wrap(" ".join(str(value).split()), width) or [""]
    return Code("\n# ".join(lines))


_STUB_TYPE = re.compile(
    r"[A-Za-z_][A-Za-z0-9_.]*(\[[^\[\]]*\])?( \| [A-Za-z_][A-Za-z0-9_]*)*"
)


def code_type(value: object) -> Code:
    """A type annotation the declaration makes (int | None, Literal['a'] | None)."""
    if not (isinstance(value, str) and _STUB_TYPE.fullmatch(value)):
        raise Refused(f"{value!r} is not a type annotation")
    return Code(value)


class TemplateFailure(Exception):
    """A template that cannot be rendered, with the line where it failed."""


class _Loader(jinja2.BaseLoader):
    """The templates of one folder, read through the reader of every local file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        raw = read_bytes(path, shown(path), "a template")
        if raw is None:
            raise jinja2.TemplateNotFound(template)
        text = decode_text(raw, shown(path))

        def unchanged() -> bool:
            # A template compiled once is used again while its bytes are the same.
            try:
                return read_bytes(path, shown(path), "a template") == raw
            except InputError:
                return False

        return text, str(path), unchanged


def _only_code(value: object) -> object:
    if isinstance(value, Code):
        return value
    if isinstance(value, jinja2.Undefined):
        str(value)  # raises StrictUndefined's own "'name' is undefined"
    raise Refused(
        f"writes {value!r} into Python source without the py or identifier filter"
    )


# Spaces, tabs and whatever breaks a line (str.splitlines() and Markdown): a table
# cell is one line, and shows a run of them as one space. Other spaces (U+00A0) are
# text.
_BLANKS = re.compile("[ \t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def markdown(value: object) -> str:
    """Text for a GitHub Markdown table cell that shows as the text itself: no
    character can end the cell, start markup (~~ is strikethrough), an entity, raw
    HTML or a link (GitHub links www. and scheme:// text by itself; no escape keeps
    it from linking an e-mail address, as the address it is)."""
    text = _BLANKS.sub(" ", str(value))
    text = "".join("\\" + c if c in "\\`*_[]<>|~&" else c for c in text)
    return re.sub(
        r"(?i)(www)\.|:(?=//)", lambda found: f"{found[1] or ''}\\{found[0][-1]}", text
    )


# The characters of an address (RFC 3986, Section 2): unreserved, reserved, and the
# % of a percent-encoded octet. The registries' schemas refuse any other.
_URL_CHARACTERS = frozenset(
    string.ascii_letters + string.digits + "-._~" + ":/?#[]@!$&'()*+,;=" + "%"
)


def _address(value: object) -> str:
    url = str(value)
    if not (url.startswith(("https://", "http://")) and set(url) <= _URL_CHARACTERS):
        raise Refused(
            f"{url!r} is not an http or https address of RFC 3986's characters"
        )
    return url


def markdown_url(value: object) -> str:
    """An address as the destination of a Markdown link: the characters that end it
    or start markup there ((, ), [, ]) backslash-escaped, and & written as &amp;
    (which a parser turns back into &), so that no entity is read in it."""
    url = _address(value).replace("&", "&amp;")
    return "".join("\\" + c if c in "()[]" else c for c in url)


def rst(value: object) -> str:
    """Text for reStructuredText that shows as the text itself: markup characters
    are escaped with a backslash, line breaks become spaces, and a text that would
    begin a list, a comment or a directive at the start of a cell or paragraph
    (-, .., 1., A)) has its first character escaped."""
    text = _BLANKS.sub(" ", str(value))
    text = "".join("\\" + c if c in "\\`*_|[]<>:@" else c for c in text)
    if text[:1] not in ("", "\\") and (
        not text[0].isalnum() or re.match(r"\w+[.)](\s|$)", text)
    ):
        text = "\\" + text
    return text


def rst_url(value: object) -> str:
    """An address inside a reStructuredText reference's <...>: a final _ escaped,
    which would make it the name of a target."""
    url = _address(value)
    return url[:-1] + "\\_" if url.endswith("_") else url


def rst_reference(spec: SpecReference) -> str:
    """A citation as CPython's documentation writes it: :rfc:`9110`, Section 15.5.5."""
    if spec.rfc is None:
        return f"`{rst(spec.name)} <{rst_url(spec.url)}>`__"
    return f":rfc:`{spec.rfc}`" + (f", {spec.part}" if spec.part else "")


def rst_citation(spec: SpecReference) -> str:
    """A Details cell as CPython's documentation writes it: the title, the
    reference, and a note such as (Experimental)."""
    note = f" ({rst(spec.note)})" if spec.note else ""
    return f"{rst(spec.title)} {rst_reference(spec)}{note}"


def rst_simple_table(text: str) -> str:
    """A reStructuredText simple table, as CPython's documentation writes its tables,
    from lines of tab-separated cells, the first line the header. Each column is as
    wide as its widest cell; the last may run past its rule, as simple tables allow."""
    rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    if len({len(row) for row in rows}) != 1:
        raise Refused("every row of a table needs the same number of cells")
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    rule = " ".join("=" * width for width in widths)

    def line(row: list[str]) -> str:
        return " ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()

    return "\n".join([rule, line(rows[0]), rule, *map(line, rows[1:]), rule]) + "\n"


def rst_literal(value: object) -> str:
    """Text shown as code: ``text``; or, for a text an inline literal cannot hold
    (one with ``, or a ` at either end), the :literal: role, whose text is escaped."""
    text = _BLANKS.sub(" ", str(value))
    if not text:
        raise Refused(f"{value!r} cannot be an inline literal")
    if "``" in text or text.startswith("`") or text.endswith("`"):
        return f":literal:`{rst(text)}`"
    return f"``{text}``"


def rst_paragraph(text: str, indent: int = 0, width: int = 88) -> str:
    """`text` wrapped to `width` columns, each line after the first indented, never
    inside an inline literal (``413 REQUEST_ENTITY_TOO_LARGE`` stays on one line)."""
    words = re.findall(r"``.+?``\S*|\S+", text)
    lines = [""]
    for word in words:
        if lines[-1] and indent + len(lines[-1]) + 1 + len(word) > width:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    return f"\n{' ' * indent}".join(lines)


def and_list(items: Iterable[object]) -> str:
    """a, b and c."""
    words = [str(item) for item in items]
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


@functools.lru_cache(maxsize=16)
def _environment(templates: Path, finalize: Any) -> jinja2.Environment:
    """The environment of one folder of templates, kept for the process: compiling
    the templates is most of the time of rendering them."""
    environment = jinja2.Environment(
        loader=_Loader(templates),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=finalize,
    )
    environment.filters["py"] = py
    environment.filters["identifier"] = identifier
    environment.filters["python_version"] = python_version
    environment.filters["markdown"] = markdown
    environment.filters["rst_citation"] = rst_citation
    environment.filters["rst_simple_table"] = rst_simple_table
    environment.filters["and_list"] = and_list
    environment.filters["rst_literal"] = rst_literal
    environment.filters["rst_paragraph"] = rst_paragraph
    environment.filters["export"] = export
    environment.filters["export_schema"] = export_schema
    environment.filters["json"] = to_json
    environment.filters["int_literal"] = int_literal
    environment.filters["doc"] = doc
    environment.filters["comment"] = comment
    environment.filters["code_type"] = code_type
    environment.filters["markdown_url"] = markdown_url
    return environment


def kind_context(registry: Registry) -> dict[str, Any]:
    """What a kind's templates are given: the package, the registry and the kind's
    own constants; and for a kind CPython has an enum of, its members and the
    versions of the enum's fast path and of the standard library's own enum."""
    context = {
        "package": PACKAGE,
        "registry": registry,
        **registry.kind.template_context,
        "fast_path": simple_enum_range(),
    }
    if registry.kind.enum is not None:
        context |= {
            "members": registry.members,
            "stdlib": stdlib_range(registry.stdlib_since),
        }
    return context


def render(templates: Path, template_name: str, context: dict[str, Any]) -> str:
    finalize = _only_code if template_name.endswith((".py.j2", ".pyi.j2")) else None
    try:
        template = _environment(templates, finalize).get_template(template_name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateFailure(
            f"{error.filename or template_name}:{error.lineno}: template: {error.message}"
        ) from error
    except jinja2.TemplateNotFound as error:
        raise TemplateFailure(
            f"{shown(templates / str(error.name))}: template: does not exist"
        ) from error
    except Exception as error:
        # An undefined name, a filter's refusal, or an expression of the template's
        # own that fails (1 + "a") is the template's mistake; anything raised inside
        # the generator's code is a bug, and keeps its traceback.
        frames = traceback.extract_tb(error.__traceback__)
        if not (
            isinstance(error, (Refused, jinja2.UndefinedError))
            or _in_template(frames[-1].filename, templates)
        ):
            raise
        raise TemplateFailure(
            f"{_failing_line(frames, templates, template_name)}: template: {error}"
        ) from error


def _in_template(filename: str, templates: Path) -> bool:
    return Path(filename).parent == templates and filename.endswith(".j2")


def _failing_line(
    frames: traceback.StackSummary, templates: Path, template_name: str
) -> str:
    """`path:line` of the template line that failed, from the traceback Jinja rewrites."""
    for frame in reversed(frames):
        if _in_template(frame.filename, templates):
            return f"{shown(Path(frame.filename))}:{frame.lineno}"
    return shown(templates / template_name)
