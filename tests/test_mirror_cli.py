"""``mes mirror`` as a user runs it: every format on the sample data, golden tables at 80 and
120 columns, the workbook read back, bad input, and the core's layering."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.columns import make_header_scorer
from mes.instrument import builtin
from mes.io import read_table
from mes.mirror import mirror
from mes.mirror_definition import builtin_definition, builtin_toml
from mes.mirror_results import MirrorReport
from mes.render import Lang
from mes.render.json import rounded, to_json
from mes.render.terminal.mirror import render_mirror
from mes.render.xlsx.mirror import build_mirror_workbook
from mes.schemas import schema_text
from tests.mirror_fixtures import (
    CUSTOMER_HEADERS,
    DEFINITION_TOML,
    EMPLOYEE_HEADERS,
    customer_rows,
    employee_rows,
)

SAMPLE = Path(__file__).parent.parent / "sample_data"
EMPLOYEES = str(SAMPLE / "2026-Q3-mirror-employees.xlsx")
CUSTOMERS = str(SAMPLE / "2026-Q3-customers.xlsx")
GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()


def run(*args: str, code: int = 0, columns: int = 200) -> Result:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


REL_EMPLOYEES = "sample_data/2026-Q3-mirror-employees.xlsx"
REL_CUSTOMERS = "sample_data/2026-Q3-customers.xlsx"


@pytest.fixture(scope="module")
def sample_report() -> MirrorReport:
    """The sample's report, read under the file names a user types in the repository."""
    ins, d = builtin(), builtin_definition()
    here = Path.cwd()
    os.chdir(SAMPLE.parent)
    try:
        emp = read_table(REL_EMPLOYEES, header_scorer=make_header_scorer(ins))
        cust = read_table(REL_CUSTOMERS, header_scorer=make_header_scorer(d.customer_instrument()))
    finally:
        os.chdir(here)
    return mirror(emp, cust, d, ins)


def _rendered(report: MirrorReport, columns: int, lang: Lang) -> str:
    out = io.StringIO()
    render_mirror(report, Console(file=out, width=columns, no_color=True, highlight=False), lang)
    return out.getvalue()


@pytest.mark.parametrize(("columns", "lang"), [(80, "en"), (120, "en"), (80, "nl")])
def test_table_matches_golden_text(
    columns: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLE.parent)  # file names in the title as a user types them
    args = ("sample_data/2026-Q3-mirror-employees.xlsx", "sample_data/2026-Q3-customers.xlsx")
    result = run("mirror", *args, "--lang", lang, columns=columns)
    text = result.stdout
    golden = GOLDEN / f"mirror-{lang}-{columns}.txt"
    if os.environ.get("MES_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= columns
    assert "incomplete-respondents" in result.stderr  # warnings on stderr, never in the result


def test_sample_story_employees_underestimate_friendliness_and_overestimate_reachability(
    sample_report: MirrorReport,
) -> None:
    verdicts = {a.aspect: a.verdict for a in sample_report.organisation.aspects}
    assert verdicts["friendliness"] == "underestimate"
    assert verdicts["reachability"] == "overestimate"
    assert [v for k, v in verdicts.items() if k not in ("friendliness", "reachability")] == [
        "in-line"
    ] * 4
    groups = {g.name: g for g in sample_report.groups}
    assert groups["Letselschade"].suppressed  # as in mes score
    assert "Fraudeonderzoek" not in groups  # no customers; suppressed in mes score anyway
    assert sample_report.matching.employee_only == ["Fraudeonderzoek"]
    assert groups["Premie & Incasso"].aspects[0].customers.hidden == "too-few-answers"
    assert groups["Uitkeringen"].aspects[0].customers.hidden == "protects-another-group"


def test_json_is_the_library_report(
    sample_report: MirrorReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLE.parent)
    result = run("mirror", REL_EMPLOYEES, REL_CUSTOMERS, "--format", "json")
    data = json.loads(result.stdout)
    assert data["kind"] == "mes.mirror"
    assert data["schema_version"] == "1.0"
    assert data == rounded(json.loads(sample_report.model_dump_json()))
    MirrorReport.model_validate(data)


def test_no_personal_data_from_the_customer_file_in_any_output(
    tmp_path: Path, sample_report: MirrorReport
) -> None:
    book = load_workbook(CUSTOMERS, read_only=True)
    rows = list(book["Antwoorden"].iter_rows(values_only=True))
    book.close()
    header = list(rows[0])
    secrets = set()
    for name in ("Klantnummer", "Naam", "E-mailadres", "Toelichting"):
        col = header.index(name)
        secrets |= {str(r[col]) for r in rows[1:6] if r[col]}
    out = tmp_path / "m.xlsx"
    build_mirror_workbook(sample_report, today=dt.date(2026, 9, 30)).save(out)
    cells = [
        str(c.value)
        for ws in load_workbook(out).worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    texts = [
        _rendered(sample_report, 120, "en"),
        _rendered(sample_report, 120, "nl"),
        to_json(sample_report),
        "\n".join(cells),
    ]
    for text in texts:
        for secret in secrets:
            assert secret not in text


def test_workbook_holds_the_figures_and_a_bar_chart(
    tmp_path: Path, sample_report: MirrorReport
) -> None:
    out = tmp_path / "spiegel.xlsx"
    build_mirror_workbook(sample_report, lang="nl", today=dt.date(2026, 9, 30)).save(out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Spiegel", "Groepen", "Over"]
    ws = wb["Spiegel"]
    [chart] = ws._charts
    assert chart.type == "bar"
    assert len(chart.series) == 2
    header_row = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Aspect")
    org = sample_report.organisation
    for i, a in enumerate(org.aspects):
        row = header_row + 1 + i
        assert ws.cell(row, 2).value == pytest.approx(a.customers.mean)
        assert ws.cell(row, 5).value == pytest.approx(a.employees.mean)
        assert ws.cell(row, 8).value == pytest.approx(a.gap)
    assert ws.cell(header_row + 1, 1).value == "Vriendelijkheid"
    assert ws.cell(header_row + 1, 12).value == "onderschat"
    groups = wb["Groepen"]
    names = {groups.cell(r, 1).value for r in range(1, groups.max_row + 1)}
    assert "Letselschade" in names
    let = next(r for r in range(1, groups.max_row + 1) if groups.cell(r, 1).value == "Letselschade")
    assert all(groups.cell(let, c).value is None for c in range(5, 16))


def test_template_prints_the_builtin_definition() -> None:
    assert run("mirror", "--template").stdout == builtin_toml()


def test_schema_command_prints_the_committed_schema() -> None:
    assert run("schema", "mirror").stdout == schema_text("mirror")


def _csv(path: Path, headers: tuple[str, ...], rows: list[list[str | None]]) -> str:
    lines = [";".join(headers)] + [";".join(c or "" for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str, str]:
    teams = [("Service", "Front", 8), ("Finance", "Pay", 9)]
    emp = _csv(tmp_path / "staff.csv", EMPLOYEE_HEADERS, employee_rows(teams))
    cust = _csv(
        tmp_path / "klanten.csv", CUSTOMER_HEADERS, customer_rows([("Front", 9), ("Pay", 7)])
    )
    definition = tmp_path / "mirror.toml"
    definition.write_text(DEFINITION_TOML, encoding="utf-8")
    return emp, cust, str(definition)


def test_small_files_every_format(files: tuple[str, str, str], tmp_path: Path) -> None:
    emp, cust, definition = files
    table = run("mirror", emp, cust, "--definition", definition).stdout
    assert "Friendliness" in table
    assert "Front" in table
    data = json.loads(run("mirror", emp, cust, "--definition", definition, "-f", "json").stdout)
    assert [g["name"] for g in data["groups"]] == [
        "organisation",
        "Finance",
        "Pay",
        "Service",
        "Front",
    ]
    out = tmp_path / "r.xlsx"
    run("mirror", emp, cust, "--definition", definition, "-f", "xlsx", "-o", str(out))
    assert load_workbook(out).sheetnames == ["Mirror", "Groups", "About"]
    text_out = tmp_path / "r.txt"
    run("mirror", emp, cust, "--definition", definition, "-o", str(text_out))
    assert "Friendliness" in text_out.read_text(encoding="utf-8")


def test_missing_aspect_column_exits_1_with_located_lines(files: tuple[str, str, str]) -> None:
    emp, cust, _ = files
    result = run("mirror", emp, cust, code=1)  # the built-in definition's questions are absent
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 12
    assert all("[missing-aspect-column]" in line for line in lines)
    assert any("staff.csv, row 1" in line for line in lines)
    assert any("klanten.csv, row 1" in line for line in lines)


def test_unreadable_customer_file_exits_2_in_one_line(
    files: tuple[str, str, str], tmp_path: Path
) -> None:
    emp, _, definition = files
    bad = tmp_path / "klanten.xlsx"
    bad.write_text("Naam;team\nHenk;Front\n", encoding="utf-8")
    result = run("mirror", emp, str(bad), "--definition", definition, code=2)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "klanten.xlsx" in result.stderr
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    run("mirror", emp, str(empty), "--definition", definition, code=2)
    run("mirror", emp, str(tmp_path / "missing.csv"), "--definition", definition, code=2)


def test_answer_out_of_scale_exits_1_with_its_cell(
    files: tuple[str, str, str], tmp_path: Path
) -> None:
    emp, _, definition = files
    rows = customer_rows([("Front", 9)])
    rows[3][3] = "9"
    cust = _csv(tmp_path / "k.csv", CUSTOMER_HEADERS, rows)
    result = run("mirror", emp, cust, "--definition", definition, code=1)
    assert "k.csv, cell D5, column 'How friendly were we?'" in result.stderr
    assert "[answer-out-of-range]" in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["-k", "2"], "min-group-size-too-small"),
        (["--confidence", "1.5"], "invalid-option"),
        (["--min-change", "-1"], "invalid-option"),
    ],
)
def test_bad_options_exit_2(files: tuple[str, str, str], args: list[str], code: str) -> None:
    emp, cust, definition = files
    result = run("mirror", emp, cust, "--definition", definition, *args, code=2)
    assert len(result.stderr.strip().splitlines()) == 1


def test_one_file_only_is_a_usage_error(files: tuple[str, str, str]) -> None:
    run("mirror", files[0], code=2)


def test_bad_definition_file_exits_2(files: tuple[str, str, str], tmp_path: Path) -> None:
    emp, cust, _ = files
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\nname = "x"\naspects = []\n', encoding="utf-8")
    result = run("mirror", emp, cust, "--definition", str(bad), code=2)
    assert "invalid-mirror-definition" in result.stderr or "bad.toml" in result.stderr


def test_mirror_core_loads_no_cli_terminal_or_spreadsheet_library() -> None:
    code = (
        "import sys\nimport mes.mirror, mes.mirror_definition, mes.mirror_results\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'openpyxl'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
