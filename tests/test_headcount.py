"""Response from a headcount: reading both layouts, matching, rates, margins, privacy, the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.errors import DataError, InputError
from mes.headcount import parse_headcount
from mes.scoring import margin_of_error, response_rate, t_quantile
from tests.conftest import make_table
from tests.test_cli_score import office, write_csv

runner = CliRunner()
GROUP_HEADERS = ("afdeling", "team", "aantal")
#: office(): Klantenservice / Team A, Team B and Financiën / Team C, 6 respondents each.
INVITED = [["Klantenservice", "Team A", "8"], ["Klantenservice", "Team B", "7"]]
INVITED += [["Financiën", "Team C", "6"]]


def run(*args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def headcount(
    tmp_path: Path, rows: list[list[str]], headers: tuple[str, ...] = GROUP_HEADERS
) -> str:
    return write_csv(tmp_path / "staff.csv", rows, headers)


def groups(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["id"]: g for g in doc["groups"]}


# --- the statistics, by hand ----------------------------------------------------------------------


def test_margin_by_hand() -> None:
    # n = 3 of N = 4, s = 10: t(0.975, 2) = 4.302653; 4.302653 * 10 / sqrt(3) = 24.84138;
    # times sqrt(1 - 3/4) = 0.5 gives 12.42069.
    assert margin_of_error(3, 4, 10.0, 0.95) == pytest.approx(12.42069, abs=1e-5)
    # Cochran (1977), Theorems 2.2 and 2.4: v(ybar) = (1 - f) s^2 / n.
    n, big_n, s = 12, 40, 14.5
    variance = (1 - n / big_n) * s**2 / n
    expected = t_quantile(0.95, n - 1) * math.sqrt(variance)
    assert margin_of_error(n, big_n, s, 0.95) == pytest.approx(expected, rel=1e-12)


def test_everyone_answered_has_no_margin() -> None:
    assert margin_of_error(6, 6, 12.0, 0.95) == 0.0
    assert margin_of_error(1, 1, None, 0.95) == 0.0


def test_one_non_respondent() -> None:
    # n = 6 of N = 7, s = 20: t(0.975, 5) = 2.570582; 2.570582 * 20 / sqrt(6) = 20.98871;
    # times sqrt(1/7) = 0.3779645 gives 7.93299.
    assert margin_of_error(6, 7, 20.0, 0.95) == pytest.approx(7.93299, abs=1e-5)
    assert margin_of_error(1, 7, None, 0.95) is None
    assert response_rate(6, 7) == pytest.approx(0.857142857)


# --- reading both layouts -------------------------------------------------------------------------


def test_per_group_layout(mes5: Any) -> None:
    table = make_table([[" Klantenservice", "Team  A", "8"], ["Financiën", "Team C", "6"]],
                       ("Afdeling", "Team", "Aantal medewerkers"))  # fmt: skip
    staff = parse_headcount(table, mes5)
    assert not staff.per_employee
    assert staff.rows == (("Financiën", "Team C", 6), ("Klantenservice", "Team A", 8))


def test_per_employee_layout_reads_only_groups(mes5: Any) -> None:
    rows = [["1001", "Anna de Vries", "anna@x.example", "Klantenservice", "Team A"]] * 3
    rows += [["1002", "Bram Bos", "bram@x.example", "Financiën", "Team C"]]
    table = make_table(rows, ("Personeelsnummer", "Naam", "E-mail", "Afdeling", "Team"))
    staff = parse_headcount(table, mes5)
    assert staff.per_employee
    assert staff.rows == (("Financiën", "Team C", 1), ("Klantenservice", "Team A", 3))
    assert "Anna" not in repr(staff)
    assert "1001" not in repr(staff)


def test_invalid_count_is_located(mes5: Any) -> None:
    table = make_table([["A", "T", "8"], ["A", "U", "zes"], ["A", "V", "2.5"]], GROUP_HEADERS)
    with pytest.raises(DataError) as exc:
        parse_headcount(table, mes5)
    assert [(i.code, i.location.cell) for i in exc.value.issues] == [
        ("invalid-headcount", "C3"),
        ("invalid-headcount", "C4"),
    ]


def test_duplicate_group_row(mes5: Any) -> None:
    table = make_table([["A", "T", "8"], ["A", "T", "3"]], GROUP_HEADERS)
    with pytest.raises(DataError) as exc:
        parse_headcount(table, mes5)
    assert [(i.code, i.location.row) for i in exc.value.issues] == [
        ("duplicate-headcount-group", 3)
    ]


def test_total_row_is_left_out(mes5: Any) -> None:
    table = make_table([["A", "T", "8"], ["Totaal", None, "8"]], GROUP_HEADERS)
    assert parse_headcount(table, mes5).rows == (("A", "T", 8),)


def test_no_group_columns(mes5: Any) -> None:
    with pytest.raises(InputError) as exc:
        parse_headcount(make_table([["x", "8"]], ("naam", "aantal")), mes5)
    assert exc.value.issues[0].code == "headcount-without-groups"


# --- through mes score ----------------------------------------------------------------------------


def test_score_json_response(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = headcount(tmp_path, INVITED)
    doc = json.loads(run("score", survey, "--headcount", staff, "-f", "json").stdout)
    by_id = groups(doc)
    org = by_id["organisation"]["response"]
    assert (org["invited"], org["responded"]) == (21, 18)
    assert doc["response"]["invited"] == 21
    assert doc["response"]["rate"] == pytest.approx(18 / 21)
    a = by_id["team/Klantenservice/Team A"]
    assert a["response"]["rate"] == pytest.approx(0.75)
    expected = t_quantile(0.95, 5) * a["sd"] / math.sqrt(6) * math.sqrt(1 - 6 / 8)
    assert a["response"]["margin"] == pytest.approx(expected)
    assert by_id["team/Financiën/Team C"]["response"]["margin"] == 0.0  # everyone answered
    b = by_id["team/Klantenservice/Team B"]["response"]  # one non-respondent
    assert b["margin"] == pytest.approx(
        t_quantile(0.95, 5)
        * by_id["team/Klantenservice/Team B"]["sd"]
        / math.sqrt(6)
        / math.sqrt(7)
    )
    assert doc["response"]["low"] == []


def test_employee_layout_gives_the_same_response(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    per_group = json.loads(
        run("score", survey, "--headcount", headcount(tmp_path, INVITED), "-f", "json").stdout
    )
    people = [
        [f"E{d}{t}{i}", f"Medewerker Nummer{i}", dept, team]
        for d, (dept, team, n) in enumerate(INVITED)
        for t in range(1)
        for i in range(int(n))
    ]
    staff = write_csv(
        tmp_path / "people.csv", people, ("personeelsnummer", "naam", "afdeling", "team")
    )
    result = run("score", survey, "--headcount", staff, "-f", "json")
    per_person = json.loads(result.stdout)
    assert per_person["groups"] == per_group["groups"]
    assert "Nummer" not in result.stdout + result.stderr
    assert "E00" not in result.stdout


def test_low_response_flagged_everywhere(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = headcount(tmp_path, [["Klantenservice", "Team A", "12"], *INVITED[1:]])
    result = run("score", survey, "--headcount", staff, "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["response"]["low"] == ["team/Klantenservice/Team A"]
    assert groups(doc)["team/Klantenservice/Team A"]["response"]["low"] is True
    assert "low-response" in [i["code"] for i in doc["issues"]]
    assert "team 'Team A' of 'Klantenservice' (6 of 12, 50%)" in result.stderr
    table = run("score", survey, "--headcount", staff).stdout
    assert "below 60%" in table
    assert "Team A" in table.split("Response:")[1]


def test_more_respondents_than_invited(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = headcount(tmp_path, [["Klantenservice", "Team A", "5"], *INVITED[1:]])
    result = run("score", survey, "--headcount", staff, code=1)
    assert "more-respondents-than-invited" in result.stderr
    assert "more people of team 'Team A' of 'Klantenservice' answered" in result.stderr
    assert "invites (5)" in result.stderr
    # The number who answered (6) stays unsaid; the file paths may hold any digits.
    message = result.stderr.replace(str(tmp_path), "").replace("Team A", "")
    assert "6" not in message


def test_groups_in_one_file_only(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = headcount(tmp_path, [*INVITED[:2], ["Klantenservice", "Team D", "4"]])
    result = run("score", survey, "--headcount", staff, "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["response"]["not_in_headcount"] == ["department/Financiën", "team/Financiën/Team C"]
    assert doc["response"]["no_responses"] == ["team/Klantenservice/Team D"]
    codes = [i["code"] for i in doc["issues"]]
    assert "not-in-headcount" in codes
    assert "no-responses-from-group" in codes
    assert groups(doc)["team/Financiën/Team C"]["response"] is None
    assert "team 'Team C' of 'Financiën'" in result.stderr
    assert "Team D" in run("score", survey, "--headcount", staff).stdout


def test_suppressed_group_has_no_response_anywhere(tmp_path: Path) -> None:
    rows = office()
    rows = [r for r in rows if not (r[2] == "Team C" and r[0] >= "p23")]  # Team C: 3 people
    rows += [[f"q{i}", "Financiën", "Team E", *["4"] * 5] for i in range(6)]
    survey = write_csv(tmp_path / "survey.csv", rows)
    staff = headcount(
        tmp_path, [*INVITED[:2], ["Financiën", "Team C", "7"], ["Financiën", "Team E", "9"]]
    )
    doc = json.loads(run("score", survey, "--headcount", staff, "-f", "json").stdout)
    team_c = groups(doc)["team/Financiën/Team C"]
    assert team_c["suppressed"]
    assert team_c["response"] is None
    table = run("score", survey, "--headcount", staff).stdout
    line = next(x for x in table.splitlines() if x.strip().startswith("Team C"))
    assert "%" not in line
    assert "7" not in line
    out = tmp_path / "r.xlsx"
    run("score", survey, "--headcount", staff, "-f", "xlsx", "-o", str(out))
    wb = load_workbook(out)
    row = next(r for r in wb["Groups"].iter_rows(values_only=True) if "Team C" in r)
    assert 7 not in row
    assert not any(isinstance(v, float) and 0 < v <= 1 for v in row)


def test_formats(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = headcount(tmp_path, INVITED)
    table = run("score", survey, "--headcount", staff).stdout
    footer = [x for x in table.splitlines() if x.startswith("Response:")]
    assert footer[0] == "Response: 18 of 21 invited (86%); no group below 60%."
    for lang, word in (("en", "Response"), ("nl", "Respons")):
        out = tmp_path / f"r-{lang}.xlsx"
        run("score", survey, "--headcount", staff, "-f", "xlsx", "-o", str(out), "--lang", lang)
        wb = load_workbook(out)
        summary = [
            c
            for r in wb["Summary" if lang == "en" else "Samenvatting"].iter_rows(values_only=True)
            for c in r
            if c
        ]
        assert any(isinstance(c, str) and c.startswith(f"{word}: 18 ") for c in summary), summary
        sheet = wb["Groups" if lang == "en" else "Groepen"]
        rows = list(sheet.iter_rows(values_only=True))
        header = next(r for r in rows if "MES" in r)
        assert any((h and "nvited" in str(h)) or (h and "itgenodigd" in str(h)) for h in header)


def test_validate_with_headcount(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = headcount(tmp_path, [*INVITED[:2], ["Klantenservice", "Team D", "4"]])
    doc = json.loads(run("validate", survey, "--headcount", staff, "-f", "json").stdout)
    assert {"not-in-headcount", "no-responses-from-group"} <= {i["code"] for i in doc["issues"]}
    bad = headcount(tmp_path, [["Klantenservice", "Team A", "2"]])
    doc = json.loads(run("validate", survey, "--headcount", bad, "-f", "json", code=1).stdout)
    assert doc["issues"][0]["code"] == "more-respondents-than-invited"


def test_min_response_refused(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    result = run(
        "score", survey, "--headcount", headcount(tmp_path, INVITED), "--min-response", "60", code=2
    )
    assert "--min-response" in result.stderr


def test_json_headcount(tmp_path: Path) -> None:
    survey = write_csv(tmp_path / "survey.csv", office())
    staff = tmp_path / "staff.json"
    staff.write_text(
        json.dumps([{"department": d, "team": t, "invited": int(n)} for d, t, n in INVITED])
    )
    doc = json.loads(run("score", survey, "--headcount", str(staff), "-f", "json").stdout)
    assert doc["response"]["invited"] == 21


def test_diff_and_trend_show_each_quarters_response_and_name_response_shifts(
    tmp_path: Path,
) -> None:
    sample = Path(__file__).parent.parent / "sample_data"
    quarters = [str(sample / f"2026-Q{q}.xlsx") for q in (1, 2, 3)]
    heads = [str(sample / f"2026-Q{q}-headcount.xlsx") for q in (1, 2, 3)]
    rename = ["--rename", "Klantcontact Noord=Klantcontact Noord-Oost"]
    args = ["diff", *quarters[1:], *rename, "--headcount", heads[1], "--headcount", heads[2]]
    doc = json.loads(run(*args, "-f", "json").stdout)
    # Every respondent counts towards the response (issue 16), with or without a MES.
    assert doc["old"]["response"]["rate"] == pytest.approx(152 / 187)
    assert doc["new"]["response"]["rate"] == pytest.approx(155 / 224)
    sales = next(g for g in doc["groups"] if g["path"] == ["Verkoop & Advies"])
    assert sales["old"]["response_rate"] > 0.7
    assert sales["new"]["response_rate"] <= 0.5
    shifted = next(i for i in doc["issues"] if i["code"] == "response-changed-more")
    assert "Verkoop & Advies (85% → 50%" in shifted["message"]
    # A group whose MES moved more than its response is not named.
    assert "Klantcontact Zuid" not in shifted["message"]
    table = run(*args).stdout
    assert "Response: 2026-Q2 152 of 187 (81%) → 2026-Q3 155 of 224 (69%)" in table
    trend = [*quarters, *(a for h in heads for a in ("--headcount", h))]
    assert "Response: 2026-Q1 148 of 184 (80%)" in run("trend", *trend).stdout


def test_diff_needs_one_headcount_per_quarter(tmp_path: Path) -> None:
    sample = Path(__file__).parent.parent / "sample_data"
    q2, q3 = str(sample / "2026-Q2.xlsx"), str(sample / "2026-Q3.xlsx")
    result = run("diff", q2, q3, "--headcount", str(sample / "2026-Q3-headcount.xlsx"), code=2)
    assert "give one per quarter" in result.stderr
