"""Personal data through the CLI: refused as ``--by``, and never in any output or message.

Each assertion that checks an exit code prints stdout and stderr when it fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from mes.cli.app import app

runner = CliRunner()

NAMES = [
    "Anouk de Vries", "Bram Jansen", "Daan van der Berg", "Eva Bakker", "Fenna Visser",
    "Hamza El Amrani", "Iris Smit", "Jesse Mulder", "Lotte de Jong", "Mila van Dijk",
    "Noah Peters", "Olga Hendriks", "Pim van Leeuwen", "Roos Dekker", "Sem Brouwer",
    "Tess de Groot", "Umut Yılmaz", "Vera Bos",
]  # fmt: skip
HEADERS = ("id", "Naam", "Ingevuld door", "afdeling", "team", "Rol", "Geboortedatum", "Volgnr")
HEADERS += ("signals", "room", "criticism", "feedback", "speed")


def email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@verzekeraar-voorbeeld.nl"


def rows() -> list[list[str]]:
    """18 people in three teams; ids are e-mail addresses, the last one answered twice."""
    teams = [("Klantenservice", "Team A"), ("Klantenservice", "Team B"), ("Financiën", "Team C")]
    out = []
    for i, name in enumerate(NAMES):
        dept, team = teams[i % 3]
        answers = [str(1 + (i + j) % 5) for j in range(5)]
        role = "Frontoffice" if i % 2 else "Backoffice"
        out.append([email(name), name, name, dept, team, role, f"{1970 + i}-03-0{1 + i % 9}"])
        out[-1] += [str(i + 1), *answers]
    out.append([*out[-1][:7], "19", *out[-1][8:]])  # a double submission, same e-mail
    return out


def write(path: Path, data: list[list[str]], headers: tuple[str, ...] = HEADERS) -> str:
    lines = [";".join(headers)] + [";".join(r) for r in data]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args: str, code: int = 0) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def survey(tmp_path: Path) -> str:
    return write(tmp_path / "survey.csv", rows())


def personal_texts() -> list[str]:
    return [*NAMES, *(email(n) for n in NAMES), "@verzekeraar-voorbeeld", "1970-03-01"]


def assert_nothing_personal(*texts: str) -> None:
    for text in texts:
        for value in personal_texts():
            assert value not in text, value
            assert value.upper() not in text, value


@pytest.mark.parametrize(
    "args",
    [
        ("score", "--format", "table"),
        ("score", "--format", "json"),
        ("score", "--format", "json", "--individuals"),
        ("score", "--by", "Rol"),
        ("validate", "--format", "json"),
        ("validate",),
    ],
)
def test_no_e_mail_address_or_name_reaches_any_output(survey: str, args: tuple[str, ...]) -> None:
    command, *options = args
    result = run(command, survey, *options)
    assert_nothing_personal(result.stdout, result.stderr)
    # The id column of e-mail addresses is not the id: said once, by column, without a value.
    assert "personal-id-column" in result.stderr + result.stdout


def test_the_id_column_of_e_mail_addresses_is_replaced_by_row_numbers(survey: str) -> None:
    args = ("score", survey, "-f", "json", "--individuals", "--keep-ids")
    report = json.loads(run(*args).stdout)
    ids = [person["respondent"] for person in report["individuals"]]
    assert sorted(ids, key=int) == [str(row) for row in range(2, 21)]


def test_nothing_personal_in_the_workbook(survey: str, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    run("score", survey, "--format", "xlsx", "--individuals", "-o", str(out))
    texts = [
        str(cell.value)
        for sheet in openpyxl.load_workbook(out).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert_nothing_personal("\n".join(texts))


def test_duplicate_personnel_numbers_are_reported_without_the_number(tmp_path: Path) -> None:
    data = rows()[:-1]
    for row in data:
        row[0] = f"P{100 + int(row[7])}"
    data.append([*data[4][:7], "19", *data[4][8:]])
    path = write(tmp_path / "dup.csv", data)
    for args in (("score", path, "-f", "json"), ("validate", path, "--format", "json")):
        result = run(*args, code=1)
        assert "duplicate-respondent" in result.stdout + result.stderr
        assert "row 6 (cell A6)" in result.stdout + result.stderr
        assert "P105" not in result.stdout + result.stderr
        assert_nothing_personal(result.stdout, result.stderr)


@pytest.mark.parametrize(
    ("by", "words"),
    [
        ("Naam", "holds personal data"),  # by header
        ("Geboortedatum", "holds personal data"),  # by header
        ("Ingevuld door", "holds names"),  # by content
        ("id", "holds e-mail addresses"),  # the id column, but it holds e-mail addresses
        ("Volgnr", "different value for nearly everyone"),  # unique per row
        ("team", "already shows every department and its teams"),
        ("afdeling", "already shows every department and its teams"),
    ],
)
def test_by_refusals_exit_2_and_say_why(survey: str, by: str, words: str) -> None:
    result = run("score", survey, "--by", by, code=2)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"mes: {survey}, column ")
    assert words in line
    assert "Choose a column" in line or "Leave out" in line
    assert_nothing_personal(result.stderr)


def test_by_the_id_column_exits_2(tmp_path: Path) -> None:
    data = [[f"P{100 + i}", *row[1:]] for i, row in enumerate(rows()[:-1])]
    path = write(tmp_path / "ids.csv", data, ("Personeelsnummer", *HEADERS[1:]))
    for by in ("Personeelsnummer", "id"):
        result = run("score", path, "--by", by, code=2)
        assert "identifies respondents" in result.stderr


def test_by_a_column_that_groups_people_still_works(survey: str) -> None:
    result = run("score", survey, "--by", "Rol", "-f", "json")
    groups = json.loads(result.stdout)["groups"]
    assert {g["name"] for g in groups if g["dimension"] == "Rol"} == {"Backoffice", "Frontoffice"}
