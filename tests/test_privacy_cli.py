"""The privacy audit's reproductions through the command line, in every output format.

Each case is written as a survey CSV and scored by ``mes score`` as a user would. The JSON is
attacked with exact linear algebra (`tests.attacker`); the table and the workbook must take the
same decisions: a group hidden in the JSON shows no figure in the table or on the Groups sheet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from mes.cli.app import app
from mes.results import ScoreReport
from tests.attacker import Person, find_disclosure
from tests.test_privacy_attack import HEADERS, Row, Rows, person

runner = CliRunner()


def _csv(tmp_path: Path, rows: Sequence[Row]) -> str:
    path = tmp_path / "survey.csv"
    lines = [";".join(HEADERS), *(";".join(c or "" for c in r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def check_all_formats(tmp_path: Path, rows: Sequence[Row], by: Sequence[str] = ()) -> ScoreReport:
    """Score ``rows`` in every format; attack the JSON; check the table and workbook agree."""
    survey = _csv(tmp_path, rows)
    options = [arg for name in by for arg in ("--by", name)]
    report = ScoreReport.model_validate_json(_run("score", survey, "-f", "json", *options))
    people: list[Person] = [person(r, by) for r in rows]
    disclosure = find_disclosure(report, people)
    assert disclosure is None, str(disclosure)

    table = _run("score", survey, *options)
    for group in report.groups:
        if group.suppressed and group.path:
            named = re.compile(rf"^\s*{re.escape(group.path[-1])}\s{{2,}}")
            line = next(ln for ln in table.splitlines() if named.match(ln))
            assert "suppressed" in line
            assert not any(ch.isdigit() for ch in line), line

    book = tmp_path / "report.xlsx"
    _run("score", survey, "-f", "xlsx", "-o", str(book), *options)
    sheet = load_workbook(book)["Groups"]
    rows_by_name = {
        str(r[0].value).strip(): [c.value for c in r]
        for r in sheet.iter_rows(min_row=2)
        if r[0].value
    }
    for group in report.groups:
        if group.suppressed and group.path:
            cells = rows_by_name[group.path[-1]]
            assert not any(isinstance(v, int | float) for v in cells[1:]), cells
    return report


def test_person_with_neither_department_nor_team(tmp_path: Path) -> None:
    rows = Rows()
    rows.add(5, "Sales", "North")
    rows.add(5, "Sales", "South")
    rows.add(5, None, "Staf")
    rows.add(1, None, None, answers=(1, 2, 3, 4, 5))
    report = check_all_formats(tmp_path, rows.rows)
    assert any(g.suppressed for g in report.groups)


def test_a_location_holding_a_team_and_a_few_more(tmp_path: Path) -> None:
    rows = Rows()
    rows.add(17, "Ops", "North", location="Utrecht")
    rows.add(2, "Ops", "South", location="Utrecht")
    rows.add(12, "Ops", "South", location="Zwolle")
    rows.add(20, "Sales", "East", location="Zwolle")
    check_all_formats(tmp_path, rows.rows, by=["locatie"])


def test_colliding_names(tmp_path: Path) -> None:
    rows = Rows()
    rows.add(3, "A", "B/C")
    rows.add(6, "A/B", "C")
    rows.add(10, "X", "Y")
    report = check_all_formats(tmp_path, rows.rows)
    assert len({g.id for g in report.groups}) == len(report.groups)


@pytest.mark.parametrize("column", ["team", "afdeling", "id"])
def test_by_on_a_tree_or_id_column_is_refused(tmp_path: Path, column: str) -> None:
    rows = Rows()
    rows.add(8, "Sales", "North")
    rows.add(8, "Sales", "South")
    survey = _csv(tmp_path, rows.rows)
    for fmt in ("table", "json", "xlsx"):
        out = ["-o", str(tmp_path / "r.xlsx")] if fmt == "xlsx" else []
        result = runner.invoke(app, ["score", survey, "-f", fmt, "--by", column, *out])
        assert result.exit_code == 2, result.stderr
        assert "--by" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()


def test_individuals_masks_in_json_and_workbook(tmp_path: Path) -> None:
    rows = Rows()
    rows.add(6, "Sales", "North")
    rows.add(6, "Sales", "South")
    rows.add(2, "Sales", "Tiny")
    rows.add(1, None, None)
    survey = _csv(tmp_path, rows.rows)
    document = json.loads(_run("score", survey, "-f", "json", "--individuals"))
    teams = [p["team"] for p in document["individuals"]]
    assert "Tiny" not in teams
    assert None not in teams
    assert teams.count("(suppressed)") >= 3
    book = tmp_path / "report.xlsx"
    _run("score", survey, "-f", "xlsx", "-o", str(book), "--individuals")
    values = [c.value for row in load_workbook(book)["Individuals"].iter_rows() for c in row]
    assert "Tiny" not in values
    assert not any(isinstance(v, str) and v.startswith("p") and v[1:].isdigit() for v in values)
