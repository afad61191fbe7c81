"""The example files of `tests.examples`, run through ``mes`` as a user runs it.

Good files must give the figures computed from the answers the builder wrote; bad files must
exit 1 with exactly the expected ``(code, location)`` errors; refused files must exit 2 with one
line on stderr naming the file. Nothing may end in a traceback. The inert-names examples are also
rendered as a table, as JSON and as a workbook, and their names checked in each.

Every assertion on an exit code prints stdout and stderr when it fails.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from mes.cli.app import app
from tests.examples.build import CASES, INERT
from tests.examples.case import Case, ExpectedIssue, Kind

runner = CliRunner()
TABLE_WIDTH = 160  # wide enough for every name up to NAME_LIMIT beside the figures
NARROW_WIDTH = 100  # here names give way to the figures
FORMULA_TRIGGERS = ("=", "+", "-", "@")


@pytest.fixture
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The example named by the test's parameter, written into a fresh folder."""
    name: str = request.param
    return CASES[name](tmp_path_factory.mktemp(name))


def run(case: Case, command: str, *options: str, env: Mapping[str, str] | None = None) -> Result:
    """``mes COMMAND FILE OPTIONS... CASE-OPTIONS...``; never a traceback, the case's exit code."""
    args = [command, str(case.path), *options, *case.args]
    result = runner.invoke(app, args, env=env)
    shown = (
        f"mes {' '.join(args)}\nexit {result.exit_code}, expected {case.exit_code}\n"
        f"stdout:\n{result.stdout[:3000]}\nstderr:\n{result.stderr[:3000]}\n"
        f"exception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert result.exception is None or isinstance(result.exception, SystemExit), shown
    assert result.exit_code == case.exit_code, shown
    return result


#: Every example, by name.
NAMES = list(CASES)
all_cases = pytest.mark.parametrize("case", NAMES, indirect=True, ids=NAMES)


# --- every example through `mes score` and `mes validate` -----------------------------------------


@all_cases
def test_score(case: Case) -> None:
    result = run(case, "score", "--format", "json")
    for text in case.never_shown:
        assert text not in result.stdout + result.stderr
    if case.kind is Kind.GOOD:
        check_figures(case, json.loads(result.stdout))
    elif case.kind is Kind.BAD:
        assert result.stdout == ""
        first = result.stderr.splitlines()[0]
        assert first.startswith(f"mes: {len(case.issues)} error"), result.stderr
        assert "nothing was scored" in first
        for issue in case.issues:
            assert f"[{issue.code}]" in result.stderr
    else:
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"mes: {case.path}"), result.stderr


@all_cases
def test_validate(case: Case) -> None:
    result = run(case, "validate", "--format", "json")
    for text in case.never_shown:
        assert text not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["kind"] == "mes.validate"
    assert report["file"] == str(case.path)
    assert report["valid"] is (case.kind is Kind.GOOD)
    errors = [i for i in report["issues"] if i["severity"] == "error"]
    if case.kind is Kind.GOOD:
        assert case.figures is not None
        assert report["respondents"] == case.figures.respondents
        assert errors == []
        # Every warning of `mes score` but low reliability, a property of the scores, not the file.
        # mes validate also names each respondent without a MES at their row.
        warnings = {i["code"] for i in report["issues"]}
        expected = case.warnings - {"low-reliability"}
        if "incomplete-respondents" in expected:
            expected |= {"no-mes"}
        assert warnings == expected, report["issues"]
        no_mes = [i for i in report["issues"] if i["code"] == "no-mes"]
        assert len(no_mes) == case.figures.respondents - case.figures.scored
    else:
        check_issues(case.issues, errors)


def check_figures(case: Case, report: dict[str, Any]) -> None:
    """The score report against the figures the builder computed from its own answers."""
    figures = case.figures
    assert figures is not None
    source = report["source"]
    assert source["file"] == str(case.path)
    assert source["respondents"] == figures.respondents
    assert source["scored"] == figures.scored
    if case.sheet is not None:
        assert source["sheet"] == case.sheet
    assert {i["code"] for i in report["issues"]} == case.warnings, report["issues"]
    groups = {tuple(g["path"]): g for g in report["groups"]}
    assert set(groups) == set(figures.groups), sorted(groups)
    for path, want in figures.groups.items():
        got = groups[path]
        assert not got["suppressed"], path
        assert got["n"] == want.n, path
        assert got["mes"] == pytest.approx(want.mes, abs=1e-9), path
        assert round(got["energetic_share"] * got["n"]) == want.energetic, path


def check_issues(expected: Sequence[ExpectedIssue], errors: list[dict[str, Any]]) -> None:
    """Exactly the expected errors, each matched once by code, location fields and words."""
    unmatched = list(errors)
    for want in expected:
        match = next((e for e in unmatched if _matches(want, e)), None)
        assert match is not None, f"no error like {want} among:\n" + "\n".join(
            f"{e['code']} {e['location']}" for e in unmatched
        )
        unmatched.remove(match)
    assert unmatched == [], unmatched


def _matches(want: ExpectedIssue, got: dict[str, Any]) -> bool:
    location = got["location"]
    return (
        got["code"] == want.code
        and all(location.get(key) == value for key, value in want.location.items())
        and all(words in got["message"] for words in want.message_contains)
    )


# --- names that must stay inert ------------------------------------------------------------------

inert_cases = pytest.mark.parametrize("case", INERT, indirect=True, ids=INERT)
NAME_LIMIT = 40  # names up to this long are never shortened at TABLE_WIDTH


def _as_shown(name: str) -> str:
    """A name as the terminal must show it: control characters spelled out as ``\\xNN``."""
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in name)


@inert_cases
def test_inert_names_in_the_table(case: Case) -> None:
    out = run(case, "score", env={"COLUMNS": str(TABLE_WIDTH)}).stdout
    assert "\x1b" not in out
    assert "\x07" not in out
    for name in case.inert_names:
        shown = _as_shown(name)
        if len(shown) <= NAME_LIMIT:
            assert shown in out, name
        else:
            assert name not in out
            assert shown[:20] in out, name[:50]  # shortened, its start kept
            assert "Names shortened:" in out  # and listed under the table
    for line in out.splitlines():
        assert cell_len(line) <= TABLE_WIDTH, line


@inert_cases
def test_inert_names_give_way_in_a_narrow_table(case: Case) -> None:
    out = run(case, "score", env={"COLUMNS": str(NARROW_WIDTH)}).stdout
    lines = out.splitlines()
    assert [line for line in lines if cell_len(line) > NARROW_WIDTH] == []
    # One line per group below the organisation: no name or figure wraps onto a second line.
    groups = json.loads(run(case, "score", "--format", "json").stdout)["groups"]
    rule = next(i for i, line in enumerate(lines) if line.startswith("──"))
    after = lines[rule + 1 + len(groups)]  # notes on what was left out or shortened, then ours
    assert after.startswith(("Left out", "Names shortened", "Instrument:")), after
    assert "…" in out


@inert_cases
def test_inert_names_in_json(case: Case) -> None:
    report = json.loads(run(case, "score", "--format", "json").stdout)
    names = [g["name"] for g in report["groups"] if g["dimension"] != "organisation"]
    assert sorted(names) == sorted(case.inert_names)
    assert max(len(name) for name in names) == 10_000


@inert_cases
def test_inert_names_in_the_workbook(case: Case, tmp_path: Path) -> None:
    output = tmp_path / "report.xlsx"
    run(case, "score", "--format", "xlsx", "--individuals", "-o", str(output))
    workbook = openpyxl.load_workbook(output)
    texts: set[str] = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    for name in case.inert_names:
        if name.startswith(FORMULA_TRIGGERS):
            assert "'" + name in texts, name
            assert name not in texts, name
        elif name.isprintable():
            assert name in texts, name[:50]
