"""The issue-code catalogue is complete, has no dead entries, and its list for users is current."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mes.errors import (
    CODES,
    DOC_PATH,
    Category,
    DataError,
    InputError,
    Severity,
    codes_markdown,
    error,
    unreadable,
    warning,
)
from mes.messages import message

PACKAGE = Path(__file__).resolve().parent.parent / "mes"
README = PACKAGE.parent / "README.md"

#: The functions that take an issue code, and the position of the code among their arguments
#: (it may also be given as ``code=``). `unreadable` and `usage_error` pass it on to `error`.
CODE_TAKERS = {
    "error": 0,
    "warning": 0,
    "Issue": None,
    "_issue": 0,
    "unreadable": 2,
    "usage_error": 1,
    "option_error": 3,
}


def _name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _code_argument(call: ast.Call, position: int | None) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def _string_dicts(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level ``NAME = {...: "literal", ...}`` tables, e.g. validation's cell codes."""
    tables: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            values = [v.value for v in node.value.values if isinstance(v, ast.Constant)]
            for target in node.targets:
                if isinstance(target, ast.Name) and all(isinstance(v, str) for v in values):
                    tables[target.id] = [str(v) for v in values]
    return tables


def _calls(
    node: ast.AST, function: ast.FunctionDef | None = None
) -> Iterator[tuple[ast.Call, ast.FunctionDef | None]]:
    """Each call to a code taker, with the function it is written in."""
    for child in ast.iter_child_nodes(node):
        inner = child if isinstance(child, ast.FunctionDef) else function
        if isinstance(child, ast.Call) and _name(child) in CODE_TAKERS:
            yield child, function
        yield from _calls(child, inner)


def _uses(path: Path) -> Iterator[tuple[str | None, str]]:
    """(code, where) for each code the module passes to a code taker; None where it is not
    a literal the test can read (then ``where`` says what it is)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tables = _string_dicts(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in CODE_TAKERS:
            positional = node.args.args
            defaults = [None] * (len(positional) - len(node.args.defaults)) + node.args.defaults
            pairs = [*zip(positional, defaults, strict=True)]
            pairs += zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
            for argument, default in pairs:
                if (
                    argument.arg == "code"
                    and isinstance(default, ast.Constant)
                    and isinstance(default.value, str)
                ):
                    yield default.value, f"{path.name}:{node.lineno} default of {node.name}"
    for call, function in _calls(tree):
        name = _name(call)
        assert name is not None
        where = f"{path.relative_to(PACKAGE.parent)}:{call.lineno} {name}("
        argument = _code_argument(call, CODE_TAKERS[name])
        if argument is None:
            continue  # the taker's default, read from its definition above
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            yield argument.value, where
        elif isinstance(argument, ast.Subscript) and isinstance(argument.value, ast.Name):
            if argument.value.id not in tables:
                yield None, f"{where} with code {ast.unparse(argument)}"
            for code in tables.get(argument.value.id, []):
                yield code, where
        elif not (
            isinstance(argument, ast.Name)
            and argument.id == "code"
            and function is not None
            and function.name in CODE_TAKERS
        ):  # anything but a code taker passing its own `code` on
            yield None, f"{where} with code {ast.unparse(argument)}"


def _all_uses() -> list[tuple[str | None, str]]:
    return [use for path in sorted(PACKAGE.rglob("*.py")) for use in _uses(path)]


def test_every_code_used_in_mes_is_catalogued() -> None:
    uses = _all_uses()
    unreadable_args = [where for code, where in uses if code is None]
    assert not unreadable_args, (
        "pass issue codes as string literals (or a module-level table of them) so that this "
        f"test can check them: {unreadable_args}"
    )
    unknown = sorted({f"{code} ({where})" for code, where in uses if code not in CODES})
    assert not unknown, f"add these codes to CODES in mes/errors.py: {unknown}"


def test_the_catalogue_lists_no_unused_code() -> None:
    used = {code for code, _ in _all_uses()}
    assert sorted(set(CODES) - used) == []


def test_the_scan_sees_the_codes_of_every_kind_of_call() -> None:
    # A scan that found nothing would pass the two tests above; these come from a literal in
    # error(), a literal in unreadable(), a default argument and a table of codes.
    used = {code for code, _ in _all_uses()}
    assert {"duplicate-column", "zip-bomb", "unreadable-file", "answer-out-of-range"} <= used
    assert len(used) >= 50


def test_codes_are_kebab_case_with_a_one_line_meaning() -> None:
    for code, info in CODES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert info.meaning, code
        assert "\n" not in info.meaning, code
        assert "|" not in info.meaning, code


@pytest.mark.parametrize("make", [error, warning])
def test_an_uncatalogued_code_is_a_bug(make: object) -> None:
    assert callable(make)
    with pytest.raises(ValueError, match=r"not in mes\.errors\.CODES"):
        make("no-such-code", "message")


def test_a_warning_code_cannot_be_an_error() -> None:
    with pytest.raises(ValueError, match="warning"):
        error("low-reliability", message("message"))
    assert warning("low-reliability", message("message")).severity is Severity.WARNING


def test_an_error_code_may_be_reported_as_a_warning() -> None:
    # --skip-invalid turns a skipped row's data problem into a warning with the same code
    assert warning("invalid-answer", message("message")).code == "invalid-answer"


def test_exit_codes_follow_from_the_category() -> None:
    assert DataError(error("invalid-answer", message("m"))).exit_code == 1
    assert InputError(error("invalid-option", message("m"))).exit_code == 2
    assert unreadable("x.csv", message("m")).exit_code == 2
    assert {c: int(c.exit_code) for c in Category} == {
        Category.DATA: 1,
        Category.UNREADABLE: 2,
        Category.USAGE: 2,
        Category.WARNING: 0,
    }


def test_an_exception_must_agree_with_its_codes() -> None:
    with pytest.raises(ValueError, match="bug"):
        DataError(error("zip-bomb", message("m")))
    with pytest.raises(ValueError, match="bug"):
        InputError(error("invalid-answer", message("m")))
    # warnings ride along with either
    DataError([error("invalid-answer", message("m")), warning("more-issues", message("m"))])


def test_the_committed_list_of_codes_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == codes_markdown(), (
        "docs/issue-codes.md is out of date: run python -m mes.errors"
    )
    for code in CODES:
        assert f"| `{code}` |" in codes_markdown()


def test_the_readme_links_the_list_of_codes() -> None:
    assert "(docs/issue-codes.md)" in README.read_text(encoding="utf-8")
