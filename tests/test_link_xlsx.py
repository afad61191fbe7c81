"""The ``mes link`` workbook read back: values, the scatter charts and the ranges they read, no
figure of a suppressed team anywhere (chart data included), input text never a formula."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from mes.instrument import builtin
from mes.link import link
from mes.link_change import link_change
from mes.mirror_results import LinkReport
from mes.render.xlsx.link import MES_COL, build_link_workbook, customer_col
from tests.conftest import MES5_HEADERS, make_table
from tests.test_link import CUSTOMER_HEADERS, GRADES, _customers, _survey

ROOT = Path(__file__).parent.parent
EVIL = '=HYPERLINK("http://x","klik")'


def _report(k: int = 5) -> LinkReport:
    rows = _survey([6, 7, 8, 6, 9, 7, 6, 3])
    rows = [[*r[:2], EVIL if r[2] == "T5" else r[2], *r[3:]] for r in rows]
    survey = make_table(rows, MES5_HEADERS, source="staff.xlsx")
    grades = {(EVIL if t == "T5" else t): g for t, g in GRADES.items()}
    customers = make_table(_customers(grades), CUSTOMER_HEADERS, source="klanten.xlsx")
    return link(survey, customers, builtin(), min_group_size=k)


def _load(report: LinkReport, tmp_path: Path, lang: str = "en") -> list[Worksheet]:
    path = tmp_path / f"link-{lang}.xlsx"
    build_link_workbook(report, lang=lang, today=dt.date(2026, 10, 1)).save(path)  # type: ignore[arg-type]
    return list(load_workbook(path).worksheets)


def _rows(ws: Worksheet) -> dict[str, list[object]]:
    """Data rows of the per-team table by team name (the column A values)."""
    return {
        str(row[0].value): [c.value for c in row]
        for row in ws.iter_rows()
        if row[0].value is not None
    }


def test_team_table_values_and_suppressed_teams_by_name_only(tmp_path: Path) -> None:
    report = _report()
    link_sheet, about = _load(report, tmp_path)
    assert [link_sheet.title, about.title] == ["Link", "About"]
    rows = _rows(link_sheet)
    by_name = {t.name: t for t in report.teams}
    t1 = rows["T1"]
    assert t1[2] == by_name["T1"].employees
    assert t1[MES_COL] == pytest.approx(by_name["T1"].mes)
    assert t1[customer_col(report)] == pytest.approx(by_name["T1"].customer_score)
    assert t1[customer_col(report) - 1] == by_name["T1"].customers
    for name in ("T0", "T7"):  # suppressed: the name, the department and the reason only
        assert by_name[name].suppressed
        figures = rows[name][2:-1]
        assert all(v is None for v in figures), (name, figures)
    assert rows["T6"][customer_col(report)] is None  # 3 customers: hidden


def test_no_hidden_figure_anywhere_in_the_workbook(tmp_path: Path) -> None:
    """The figures k = 3 shows of the teams k = 5 hides appear in no cell of any sheet."""
    report, open_report = _report(), _report(3)
    hidden = {t.name for t in report.teams if t.suppressed}
    assert hidden == {"T0", "T7"}
    secrets: set[float] = set()
    for t in open_report.teams:
        if t.name in hidden:
            secrets |= {v for v in (t.mes, t.energetic_share, *(t.traits or {}).values()) if v}
        if t.name == "T6":  # 3 customers: its customer score is shown at k = 3 only
            secrets |= {t.customer_score or 0.0, t.customer_mean_on_scale or 0.0}
    shown = {
        v
        for t in report.teams
        for v in (t.mes, t.energetic_share, t.customer_score, *(t.traits or {}).values())
        if v is not None
    }
    secrets -= shown  # a hidden figure equal to a shown one says nothing
    assert secrets
    for ws in _load(report, tmp_path):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, float):
                    assert all(abs(cell.value - s) > 1e-9 for s in secrets), cell.coordinate


def test_scatter_chart_reads_the_mes_and_customer_columns(tmp_path: Path) -> None:
    report = _report()
    ws = _load(report, tmp_path)[0]
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.tagname == "scatterChart"
    (series,) = chart.series
    x_ref, y_ref = series.xVal.numRef.f, series.yVal.numRef.f
    header = next(r for r in ws.iter_rows() if r[0].value == "Team")[0].row
    first, last = header + 1, header + len(report.teams)
    assert x_ref == f"'Link'!$D${first}:$D${last}"
    col = chr(ord("A") + customer_col(report))
    assert y_ref == f"'Link'!${col}${first}:${col}${last}"
    # The chart's cells hold exactly the table's figures: empty for a suppressed team.
    for i, team in enumerate(report.teams):
        x = ws.cell(row=first + i, column=MES_COL + 1).value
        y = ws.cell(row=first + i, column=customer_col(report) + 1).value
        assert x == (None if team.suppressed else pytest.approx(team.mes))
        assert y == (None if team.customer_score is None else pytest.approx(team.customer_score))


def test_input_text_is_never_a_formula(tmp_path: Path) -> None:
    for ws in _load(_report(), tmp_path, "nl"):
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not cell.value.startswith("=")
    names = [c.value for c in _load(_report(), tmp_path)[0]["A"]]
    assert "'" + EVIL in names


def test_change_sheet_with_two_quarters(tmp_path: Path) -> None:
    before = _report()
    after_grades = {
        (EVIL if t == "T5" else t): [min(10, g + (i % 3)) for g in gs]
        for i, (t, gs) in enumerate(GRADES.items())
    }
    rows = _survey([6, 8, 7, 9, 6, 8, 6, 3])
    rows = [[*r[:2], EVIL if r[2] == "T5" else r[2], *r[3:]] for r in rows]
    after = link(
        make_table(rows, MES5_HEADERS, source="staff.xlsx"),
        make_table(_customers(after_grades), CUSTOMER_HEADERS, source="klanten.xlsx"),
        builtin(),
    )
    report = after.model_copy(update={"change": link_change(before, after, 0.95)})
    assert report.change is not None
    sheets = _load(report, tmp_path, "nl")
    assert [s.title for s in sheets] == ["Verband", "Verandering", "Over"]
    change = sheets[1]
    table = _rows(change)
    for t in report.change.teams:
        name = "'" + t.name if t.name == EVIL else t.name
        values = table[name]
        if t.left_out is not None:
            assert all(v is None for v in values[2:7]), (t.name, values)
            continue
        assert values[3] == pytest.approx(t.mes_change)
        assert values[6] == pytest.approx(t.customer_change)
    (chart,) = change._charts
    (series,) = chart.series
    assert series.xVal.numRef.f.startswith("'Verandering'!$D$")
    assert series.yVal.numRef.f.startswith("'Verandering'!$G$")


def test_command_writes_the_workbook_of_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mes.cli.app import app

    monkeypatch.chdir(ROOT)
    out = tmp_path / "link.xlsx"
    result = CliRunner().invoke(
        app,
        ["link", "sample_data/2026-Q3.xlsx", "sample_data/2026-Q3-customers.xlsx",
         "--previous", "sample_data/2026-Q2.xlsx", "sample_data/2026-Q2-customers-teams.xlsx",
         "--rename", "Klantcontact Noord=Klantcontact Noord-Oost", "-f", "xlsx", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["Link", "Change", "About"]
    _no_secrets_and_no_suppressed_figures(wb)


def _no_secrets_and_no_suppressed_figures(wb: Workbook) -> None:
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    for secret in ("@example.nl", "K-1", "K-2", "Toelichting"):
        assert secret not in text
    rows = _rows(wb["Link"])
    assert all(v is None for v in rows["Fraudeonderzoek"][2:-1])
    assert all(v is None for v in rows["Letselschade"][2:-1])


def test_lag_sheet_with_three_quarters(tmp_path: Path) -> None:
    from mes.link import staff_quarter
    from mes.link_change import link_lag

    before = _report()
    after = _report()
    first = staff_quarter(make_table(_survey([6, 7, 8, 6, 9, 7, 6]), MES5_HEADERS), builtin())
    lag = link_lag(first, before, after, 0.95)
    report = after.model_copy(update={"change": link_change(before, after, 0.95), "lag": lag})
    sheets = _load(report, tmp_path, "nl")
    assert [s.title for s in sheets] == ["Verband", "Verandering", "Vertraging", "Over"]
    ws = sheets[2]
    table = _rows(ws)
    left = {t.name for t in lag.teams if t.left_out}
    assert {"T0", "T6", "T7"} <= left  # suppressed now and then, too few customers, only now
    for t in lag.teams:
        name = "'" + t.name if t.name == EVIL else t.name
        values = table[name]
        if t.left_out is not None:
            assert all(v is None for v in values[2:7]), (t.name, values)
            continue
        assert values[1:7] == pytest.approx(
            [t.mes_earlier, t.mes_previous, t.mes_change, t.customer_previous,
             t.customer_current, t.customer_change]
        )  # fmt: skip
    (chart,) = ws._charts
    (series,) = chart.series
    header = next(r for r in ws.iter_rows() if r[0].value == "Team")[0].row
    first_row, last_row = header + 1, header + len(lag.teams)
    assert series.xVal.numRef.f == f"'Vertraging'!$D${first_row}:$D${last_row}"
    assert series.yVal.numRef.f == f"'Vertraging'!$G${first_row}:$G${last_row}"
    c = lag.correlation
    corr = next(r for r in ws.iter_rows() if r[0].value == "Δ MES, dan Δ klant")
    assert [corr[1].value, corr[2].value] == [c.teams, pytest.approx(c.pearson_r)]


def test_command_writes_the_lag_sheet_of_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mes.cli.app import app
    from tests.test_link import LAG_ARGS

    monkeypatch.chdir(ROOT)
    out = tmp_path / "link.xlsx"
    result = CliRunner().invoke(app, [*LAG_ARGS, "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["Link", "Change", "Lag", "About"]
    _no_secrets_and_no_suppressed_figures(wb)
    rows = _rows(wb["Lag"])
    for name in ("Fraudeonderzoek", "Letselschade", "Premie & Incasso", "Online Verkoop"):
        assert all(v is None for v in rows[name][2:7]), name
    assert rows["Klantcontact Noord-Oost"][3] is not None  # renamed, matched in all quarters
    assert len(wb["Lag"]._charts) == 1
    about = " ".join(str(c.value) for row in wb["About"].iter_rows() for c in row if c.value)
    assert "Staff survey, first quarter sample_data/2026-Q1.xlsx" in about
