"""The ``score``, ``validate``, ``schema`` and ``instrument`` commands as a user runs them.

Each assertion that checks an exit code prints stdout and stderr when it fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.instrument import builtin
from mes.render.json import to_json
from mes.report import score
from mes.schemas import schema_text
from mes.settings import Settings
from mes.table import SourceKind
from mes.validation import validate
from tests.conftest import MES5_HEADERS, make_table

SAMPLE = Path(__file__).parent.parent / "sample_data"
runner = CliRunner()


def run(*args: str, code: int = 0, stdin: bytes | str | None = None) -> Result:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def write_csv(path: Path, rows: list[list[str]], headers: tuple[str, ...] = MES5_HEADERS) -> str:
    lines = [";".join(headers)] + [";".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def office(n_per_team: int = 6) -> list[list[str]]:
    """Two departments, three teams; answers cycle so that figures differ between teams."""
    rows = []
    teams = [("Klantenservice", "Team A"), ("Klantenservice", "Team B"), ("Financiën", "Team C")]
    for t, (dept, team) in enumerate(teams):
        for i in range(n_per_team):
            a = [str(1 + (i + t + j) % 5) for j in range(5)]
            rows.append([f"p{t}{i}", dept, team, *a])
    return rows


@pytest.fixture
def survey(tmp_path: Path) -> str:
    return write_csv(tmp_path / "survey.csv", office())


def test_json_output_equals_the_library_result(survey: str) -> None:
    out = run("score", survey, "--format", "json").stdout
    ins = builtin()
    table = make_table(office(), source=survey, kind=SourceKind.CSV)
    expected = score(validate(table, ins), ins, Settings())
    got = json.loads(out)
    assert got["schema_version"] == "2.0"
    want = json.loads(to_json(expected))
    # The reader knows the CSV's real layout; the figures must be the same.
    assert got["groups"] == want["groups"]
    assert got["instrument"] == want["instrument"]


def test_json_is_byte_identical_between_runs(survey: str, tmp_path: Path) -> None:
    first = run("score", survey, "--format", "json").stdout
    second = run("score", survey, "--format", "json").stdout
    assert first == second
    run("score", survey, "--format", "json", "-o", str(tmp_path / "out.json"))
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == first


def test_stdout_is_the_result_only_and_warnings_go_to_stderr(tmp_path: Path) -> None:
    rows = [*office(), ["x1", "Klantenservice", "Team A", "", "", "", "", ""]]
    result = run("score", write_csv(tmp_path / "s.csv", rows), "--format", "json")
    json.loads(result.stdout)  # parses: nothing else on stdout
    assert "no-answers" in result.stderr


def test_table_shows_groups_and_suppressed_groups(tmp_path: Path) -> None:
    rows = [*office(), ["s1", "Financiën", "Tiny", "3", "3", "3", "3", "3"]]
    result = run("score", write_csv(tmp_path / "s.csv", rows))
    out = result.stdout
    for name in ("Organisation", "Klantenservice", "Team A", "Financiën", "Team C", "Tiny"):
        assert name in out
    tiny = next(line for line in out.splitlines() if "Tiny" in line)
    assert "suppressed" in tiny
    # Financiën (7) minus Team C (6) would give Tiny's one person away: Team C is hidden too.
    assert "Suppressed: Team C (protects a smaller group); Tiny (fewer than 5 respondents)." in out
    assert "MES-5" in out  # the footer names instrument and settings
    assert "minimum group size 5" in out


def test_markup_in_names_is_printed_verbatim(tmp_path: Path) -> None:
    rows = [[f"p{i}", "[bold red]Dept[/]", "[/]", "4", "4", "4", "4", "4"] for i in range(6)]
    out = run("score", write_csv(tmp_path / "s.csv", rows)).stdout
    assert "[bold red]Dept[/]" in out
    assert "\x1b" not in out


def test_escape_sequences_in_names_are_not_acted_on(tmp_path: Path) -> None:
    rows = [[f"p{i}", "Dept\x1b[31mRED", "T", "4", "4", "4", "4", "4"] for i in range(6)]
    out = run("score", write_csv(tmp_path / "s.csv", rows)).stdout
    assert "Dept\\x1b[31mRED" in out
    assert "\x1b" not in out


def test_by_role_adds_a_breakdown(tmp_path: Path) -> None:
    headers = (*MES5_HEADERS, "Wat is je functie?")
    rows = [[*r, "Frontoffice" if i % 2 else "Backoffice"] for i, r in enumerate(office())]
    out = run("score", write_csv(tmp_path / "s.csv", rows, headers), "--by", "role", "-f", "json")
    groups = json.loads(out.stdout)["groups"]
    roles = {g["name"]: g["n"] for g in groups if g["dimension"] == "role"}
    assert roles == {"Backoffice": 9, "Frontoffice": 9}


def test_individuals_only_on_request_and_without_email(tmp_path: Path) -> None:
    headers = (*MES5_HEADERS, "Email")
    rows = [[*r, f"person{i}@example.org"] for i, r in enumerate(office())]
    path = write_csv(tmp_path / "s.csv", rows, headers)
    plain = run("score", path, "-f", "json").stdout
    assert json.loads(plain)["individuals"] is None
    full = run("score", path, "-f", "json", "--individuals").stdout
    assert len(json.loads(full)["individuals"]) == 18
    assert "@example.org" not in full


@pytest.mark.parametrize("k", ["2", "0", "-1"])
def test_min_group_size_below_3_is_refused(survey: str, k: str) -> None:
    result = run("score", survey, "--min-group-size", k, code=2)
    assert "below 3" in result.stderr


def test_min_group_size_changes_suppression(survey: str) -> None:
    out = json.loads(run("score", survey, "-k", "7", "-f", "json").stdout)
    teams = [g for g in out["groups"] if g["dimension"] == "team"]
    assert all(g["suppressed"] for g in teams)  # teams of 6 < 7


def test_data_problems_exit_1_with_located_issues_and_no_output(tmp_path: Path) -> None:
    rows = office()
    rows[2][4] = "7"
    rows[5][6] = "weet niet"
    out = tmp_path / "out.json"
    result = run("score", write_csv(tmp_path / "s.csv", rows), "-f", "json", "-o", str(out), code=1)
    assert result.stdout == ""
    assert "2 errors" in result.stderr
    assert "cell E4" in result.stderr
    assert "answer-out-of-range" in result.stderr
    assert "cell G7" in result.stderr
    assert not out.exists()  # nothing half-written


def test_first_20_issues_shown_with_the_count_of_the_rest(tmp_path: Path) -> None:
    rows = office(10)
    for i, r in enumerate(rows):
        r[3] = str(9 + i)  # a different wrong answer in every row: one issue each
    result = run("score", write_csv(tmp_path / "s.csv", rows), code=1)
    assert result.stderr.count("answer-out-of-range") == 20
    assert "… and 10 more" in result.stderr


def test_the_same_wrong_answer_in_many_cells_is_one_issue(tmp_path: Path) -> None:
    rows = office(10)
    for r in rows:
        r[3] = "9"
    result = run("score", write_csv(tmp_path / "s.csv", rows), code=1)
    assert result.stderr.count("answer-out-of-range") == 1
    assert f"9 in {len(rows)} cells of column D, first D2, D3, D4" in result.stderr
    report = json.loads(run("validate", str(tmp_path / "s.csv"), "-f", "json", code=1).stdout)
    (issue,) = report["issues"]
    assert issue["count"] == len(rows)
    assert [c["cell"] for c in issue["cells"]] == [f"D{r}" for r in range(2, len(rows) + 2)]


def test_skip_invalid_scores_the_valid_rows(tmp_path: Path) -> None:
    rows = office()
    rows[0][4] = "7"
    result = run("score", write_csv(tmp_path / "s.csv", rows), "--skip-invalid", "-f", "json")
    assert json.loads(result.stdout)["source"]["skipped"] == 1
    assert "row skipped" in result.stderr


def test_unreadable_file_exits_2_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    result = run("score", str(empty), code=2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "empty.xlsx" in lines[0]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("score", str(tmp_path / "nope.xlsx"), code=2)
    assert "nope.xlsx" in result.stderr


def test_unknown_option_is_a_usage_error(survey: str) -> None:
    run("score", survey, "--frobnicate", code=2)


def test_unknown_by_column_is_a_usage_error(survey: str) -> None:
    result = run("score", survey, "--by", "regio", code=2)
    assert "'regio'" in result.stderr


def test_refuses_to_write_over_its_input(survey: str) -> None:
    result = run("score", survey, "-f", "json", "-o", survey, code=2)
    assert "input" in result.stderr
    assert Path(survey).read_text(encoding="utf-8").startswith("id;afdeling")


def test_reads_standard_input(survey: str) -> None:
    data = Path(survey).read_bytes()
    out = json.loads(run("score", "-", "-f", "json", stdin=data).stdout)
    assert out["source"]["file"] == "<stdin>"
    assert out["groups"][0]["n"] == 18


def test_instrument_option_scores_another_questionnaire(tmp_path: Path) -> None:
    toml = tmp_path / "seven.toml"
    toml.write_text(
        'id = "seven"\nname = "Seven"\n[scale]\nmin = 1\nmax = 7\n'
        '[[traits]]\nkey = "energy"\nname = "Energy"\n'
        '[[traits.items]]\nkey = "e1"\nheaders = ["Hoeveel energie?"]\n',
        encoding="utf-8",
    )
    rows = [[f"p{i}", "T", str(1 + i % 7)] for i in range(7)]
    path = write_csv(tmp_path / "s.csv", rows, ("id", "team", "Hoeveel energie?"))
    out = json.loads(run("score", path, "--instrument", str(toml), "-f", "json").stdout)
    assert out["instrument"]["id"] == "seven"
    assert out["groups"][0]["mes"] == pytest.approx(50.0)  # answers 1..7: mean 4 -> 50


def test_invalid_instrument_file_exits_2(tmp_path: Path, survey: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\nname = "X"\n[scale]\nmin = 5\nmax = 1\n', encoding="utf-8")
    result = run("score", survey, "--instrument", str(bad), code=2)
    assert "bad.toml" in result.stderr


def test_validate_reports_every_problem_as_json(tmp_path: Path) -> None:
    rows = office()
    rows[1][3] = "0"
    rows[3][7] = "3.5"
    result = run("validate", write_csv(tmp_path / "s.csv", rows), "--format", "json", code=1)
    report = json.loads(result.stdout)
    assert report["valid"] is False
    found = [(i["location"]["cell"], i["code"]) for i in report["issues"]]
    assert found == [("D3", "answer-out-of-range"), ("H5", "answer-not-whole")]


def test_validate_ok(survey: str) -> None:
    result = run("validate", survey)
    assert "OK, 18 respondents" in result.stderr
    assert result.stdout == ""


def test_schema_command_prints_the_committed_schema() -> None:
    assert run("schema").stdout == schema_text("score")
    run("schema", "nonsense", code=2)


def test_instrument_command_prints_a_loadable_file(tmp_path: Path, survey: str) -> None:
    text = run("instrument").stdout
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    run("score", survey, "--instrument", str(path))


@pytest.mark.parametrize("command", ["score", "validate", "schema", "instrument", "diff", "trend"])
def test_every_command_has_help(command: str) -> None:
    out = run(command, "--help").stdout
    assert len(out.strip()) > 100


def test_sample_data_scores_from_xlsx_and_csv_alike() -> None:
    xlsx = json.loads(run("score", str(SAMPLE / "2026-Q3.xlsx"), "-f", "json").stdout)
    csv = json.loads(run("score", str(SAMPLE / "2026-Q3.csv"), "-f", "json").stdout)
    assert xlsx["groups"] == csv["groups"]
    fraude = next(g for g in xlsx["groups"] if g["name"] == "Fraudeonderzoek")
    assert fraude["suppressed"]
    assert fraude["n"] is None


@pytest.mark.slow  # two fresh interpreters importing mes
def test_installed_command_and_python_dash_m_work(survey: str) -> None:
    for cmd in ([sys.executable, "-m", "mes"], [str(Path(sys.executable).parent / "mes")]):
        if not Path(cmd[0]).exists():
            continue
        done = subprocess.run(
            [*cmd, "score", survey, "-f", "json"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["groups"][0]["n"] == 18


@pytest.mark.slow  # a fresh interpreter importing mes
def test_no_color_and_no_terminal_means_no_escape_codes(survey: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mes", "score", survey],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b[" not in done.stdout


def test_output_to_dev_null_leaves_it_a_device(survey: str) -> None:
    run("score", survey, "-f", "json", "-o", "/dev/null")
    assert Path("/dev/null").is_char_device()


def test_output_into_a_missing_folder_is_a_usage_error(survey: str, tmp_path: Path) -> None:
    result = run("score", survey, "-f", "json", "-o", str(tmp_path / "nope" / "x.json"), code=2)
    assert "does not exist" in result.stderr


def test_output_that_cannot_be_written_exits_2(survey: str, tmp_path: Path) -> None:
    # A "folder" that is a file: the temporary file cannot be made (even as root).
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = run("score", survey, "-f", "json", "-o", str(blocker / "x.json"), code=2)
    assert "cannot write" in result.stderr


def test_a_written_file_gets_the_users_permissions_and_is_named(
    survey: str, tmp_path: Path
) -> None:
    import os

    target = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        result = run("score", survey, "-f", "json", "-o", str(target))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    assert f"mes: wrote {target}" in result.stderr


def test_an_unusable_output_is_refused_before_the_input_is_read(tmp_path: Path) -> None:
    # The input does not exist either: the -o problem is found first, before any reading.
    missing = tmp_path / "no-such-survey.xlsx"
    result = run("score", str(missing), "-f", "json", "-o", str(tmp_path / "nope" / "r.json"),
                 code=2)  # fmt: skip
    assert "folder" in result.stderr
    assert "does not exist" in result.stderr
    assert "no-such-survey" not in result.stderr


def test_individuals_with_the_table_says_where_the_people_are(survey: str) -> None:
    result = run("score", survey, "--individuals")
    assert "--format json" in result.stderr
    assert "per-person" in result.stderr
