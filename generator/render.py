"""Render the templates from the validated registry.

Templates hold the shape of the output; everything they print passes through a
filter that makes it safe for the target language. In Python templates a value
that did not pass through `py` (a literal) or `identifier` is an error, so no
registry text can ever reach the generated source as code.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from .export import export, export_schema, to_json
from .pythons import simple_enum_range, stdlib_range
from .records import SpecReference
from .registry import Registry


class Code(str):
    """Text that is already valid Python source."""


def py(value: object) -> Code:
    """A Python literal that evaluates to exactly `value`."""
    if value is None or isinstance(value, (bool, int, str)):
        # repr() of these types is a literal that round-trips, escaping quotes,
        # backslashes, line breaks and unprintable characters.
        return Code(repr(value))
    if isinstance(value, tuple):
        items = [py(item) for item in value]
        return Code(f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})")
    raise TypeError(f"cannot write a {type(value).__name__} as a Python literal")


def identifier(value: object) -> Code:
    if not (isinstance(value, str) and value.isidentifier() and value.isascii()):
        raise ValueError(f"{value!r} is not a Python identifier")
    return Code(value)


def python_version(version: object) -> Code:
    """(3, 14) as 3.14, for a comment of generated source."""
    if not (
        isinstance(version, tuple)
        and len(version) == 2
        and all(type(part) is int for part in version)
    ):
        raise ValueError(f"{version!r} is not a version such as (3, 14)")
    return Code(f"{version[0]}.{version[1]}")


class TemplateFailure(Exception):
    """A template that cannot be rendered, with the line where it failed."""


def _only_code(value: object) -> object:
    if isinstance(value, Code):
        return value
    if isinstance(value, jinja2.Undefined):
        str(value)  # raises StrictUndefined's own "'name' is undefined"
    raise TypeError(
        f"writes {value!r} into Python source without the py or identifier filter"
    )


def markdown(value: object) -> str:
    """Text for a GitHub Markdown table cell that shows as the text itself: no
    character can end the cell, start markup (~~ is strikethrough) or an entity."""
    text = " ".join(str(value).split())
    for character in "\\`*_[]<>|~&":
        text = text.replace(character, "\\" + character)
    return text


def rst(value: object) -> str:
    """Text for reStructuredText that shows as the text itself: markup characters
    are escaped with a backslash, line breaks become spaces."""
    text = " ".join(str(value).split())
    return "".join("\\" + c if c in "\\`*_|[]<>:" else c for c in text)


def rst_reference(spec: SpecReference) -> str:
    """A citation as CPython's documentation writes it: :rfc:`9110`, Section 15.5.5."""
    if spec.rfc is None:
        return f"`{spec.document} <{spec.url}>`__"
    section = (
        f", {'Appendix' if spec.section[0].isalpha() else 'Section'} {spec.section}"
        if spec.section
        else ""
    )
    return f":rfc:`{spec.rfc}`{section}"


def _environment(templates: Path, finalize: Any) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
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
    environment.filters["rst"] = rst
    environment.filters["rst_reference"] = rst_reference
    environment.filters["export"] = export
    environment.filters["export_schema"] = export_schema
    environment.filters["json"] = to_json
    return environment


def render(templates: Path, template_name: str, registry: Registry) -> str:
    finalize = _only_code if template_name.endswith((".py.j2", ".pyi.j2")) else None
    try:
        template = _environment(templates, finalize).get_template(template_name)
        return template.render(
            registry=registry,
            members=registry.members,
            fast_path=simple_enum_range(),
            stdlib=stdlib_range(registry.stdlib_since),
            **registry.kind.template_context,
        )
    except jinja2.TemplateSyntaxError as error:
        raise TemplateFailure(
            f"{error.filename or template_name}:{error.lineno}: template: {error.message}"
        ) from error
    except jinja2.TemplateNotFound as error:
        raise TemplateFailure(
            f"{templates / template_name}:1: template: does not exist"
        ) from error
    except Exception as error:  # an undefined name, a filter refusing a value, ...
        raise TemplateFailure(
            f"{_failing_line(error, template_name)}: template: {error}"
        ) from error


def _failing_line(error: Exception, template_name: str) -> str:
    """`path:line` of the template line that failed, from the traceback Jinja rewrites."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(template_name):
            return f"{frame.filename}:{frame.lineno}"
    return f"{template_name}:1"
