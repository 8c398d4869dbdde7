"""Run one code block of the documentation and check its commented results.

Standard library only, so that every supported CPython runs it:
    PYTHONPATH=generated python tests/run_block.py < block.py

Statements run in order, in one namespace. A statement that is an expression with a
comment after it (`lookup(404)   # <StatusInfo ...>`) must evaluate to a value whose
repr starts with the comment; a statement that prints (print(), at the top or in an
if) must print text that starts with the comment on its last line; the rest of a
comment is prose. Prints one line per mismatch and exits 1.
"""

import ast
import contextlib
import io
import sys
import tokenize


def comments(source):
    """The comment on each line, by line number, without its #."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string[1:].strip()
    return found


def _prints(statement):
    call = statement.value
    return isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print"


def main():
    source = sys.stdin.read()
    notes = comments(source)
    namespace = {"__name__": "__main__"}
    failures = []
    for statement in ast.parse(source).body:
        expected = notes.get(statement.end_lineno)
        code = compile(ast.Module([statement], []), "<block>", "exec")
        if expected is None:
            exec(code, namespace)
        elif isinstance(statement, ast.Expr) and not _prints(statement):
            value = eval(
                compile(ast.Expression(statement.value), "<block>", "eval"), namespace
            )
            if not expected.startswith(repr(value)):
                failures.append((statement.lineno, repr(value), expected))
        else:
            # print() calls, at the top or inside an if: what they print, where they
            # print anything; a comment on a statement that prints nothing is prose.
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(code, namespace)
            got = printed.getvalue().rstrip("\n")
            if got and not expected.startswith(got):
                failures.append((statement.lineno, got, expected))
    for line, got, expected in failures:
        print(f"line {line}: gives {got}; the comment says {expected}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
