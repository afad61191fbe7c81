"""The workbook a command line will read, found before Typer parses it (`mes.cli.early`), and the
prefetch it starts, through the real entry point (`main`, in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from mes.cli import early
from mes.cli.app import app

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
Q3 = str(SAMPLE / "2026-Q3.xlsx")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score", "x.xlsx"], ("x.xlsx", None)),
        (["score", "x.xlsx", "--format", "json", "-o", "out.json"], ("x.xlsx", None)),
        (["score", "-f", "json", "-oout.json", "x.xlsx"], ("x.xlsx", None)),
        (["--lang", "nl", "score", "--sheet=Data", "x.xlsx"], ("x.xlsx", "Data")),
        (["--debug", "--lang=nl", "score", "x.xlsx", "--sheet", "Blad 1"], ("x.xlsx", "Blad 1")),
        (["score", "--by", "role", "--by", "site", "--individuals", "x.xlsx"], ("x.xlsx", None)),
        (["score", "-o", "-", "x.xlsx"], ("x.xlsx", None)),  # -o's value, not standard input
        (["score", "--", "-odd name.xlsx"], ("-odd name.xlsx", None)),
        (["validate", "x.xlsx"], ("x.xlsx", None)),
        (["columns", "x.xlsx", "--sheet", "S"], ("x.xlsx", "S")),
        (["drivers", "x.xlsx", "--outcome", "energy"], ("x.xlsx", None)),
        (["diff", "q2.xlsx", "q3.xlsx", "--no-paired"], ("q2.xlsx", None)),
        (["trend", "q1.xlsx", "q2.xlsx", "q3.xlsx", "--label", "Q1"], ("q1.xlsx", None)),
        # Nothing is started for these:
        ([], None),
        (["--help"], None),
        (["score", "--help", "x.xlsx"], None),
        (["score", "-h", "x.xlsx"], None),
        (["score"], None),  # a usage error: no file
        (["score", "a.xlsx", "b.xlsx"], None),  # a usage error: two files
        (["score", "x.xlsx", "--bogus"], None),
        (["score", "x.xlsx", "--individuals=yes"], None),
        (["score", "x.xlsx", "--sheet"], None),  # --sheet without its value
        (["score", "-"], None),  # standard input
        (["score", "x.xlsx", "--instrument", "my.toml"], None),  # another questionnaire
        (["diff", "q2.xlsx"], None),
        (["mirror", "e.xlsx", "c.xlsx"], None),
        (["schema", "score"], None),
        (["--bogus", "score", "x.xlsx"], None),
        (["Score", "x.xlsx"], None),
        (["score", "x.xlsx", "-o", "/no/such/folder/out.json"], None),  # refused after parsing
        (["score", "x.xlsx", "-f", "pdf", "-o", "-"], None),  # PDFs need a folder
        (["score", "x.xlsx", "-f", "xlsx", "-o", "report.xlsx"], ("x.xlsx", None)),
    ],
)
def test_the_file_a_command_line_reads(args: list[str], expected: tuple[str, str | None]) -> None:
    assert early.survey_to_read(args) == expected


def test_the_option_table_is_the_commands_own() -> None:
    group = typer.main.get_command(app)
    assert {o for p in group.params for o in p.opts} == early.GLOBAL_FLAGS | early.GLOBAL_VALUES
    for name, (options, (least, most)) in early.COMMANDS.items():
        command = group.commands[name]  # type: ignore[attr-defined]
        params = [p for p in command.params if p.param_type_name == "option"]
        flags = {o for p in params for o in p.opts if p.is_flag}
        valued = {o for p in params for o in p.opts if not p.is_flag and p.nargs == 1}
        assert options == (flags | valued) - {"--instrument"}, name
        assert flags <= early.FLAGS, name
        nargs = [p.nargs for p in command.params if p.param_type_name == "argument"]
        assert (least, most) == ((1, None) if nargs == [-1] else (len(nargs), len(nargs))), name


# --- through the real entry point ----------------------------------------------------------------


def mes(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mes", *args], capture_output=True, text=True, check=False, cwd=cwd
    )


@pytest.mark.slow  # fresh interpreters importing mes
def test_mes_score_of_a_workbook_prefetched_is_the_same(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    done = mes("score", Q3, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    inside = CliRunner().invoke(app, ["score", Q3, "--format", "json"])  # no prefetch in-process
    assert inside.exit_code == 0, inside.output
    assert json.loads(done.stdout) == json.loads(inside.stdout)
    # The same warnings, and nothing more (fastexcel's log of its type guesses is kept quiet).
    assert done.stderr == inside.stderr
    assert "incomplete-respondents" in done.stderr


@pytest.mark.slow  # fresh interpreters importing mes
def test_a_hostile_workbook_is_refused_the_same_through_main(tmp_path: Path) -> None:
    from io_fixtures import patch_sizes, raw_xlsx, sheet_xml
    from typer.testing import CliRunner

    path = tmp_path / "bomb.xlsx"
    good = raw_xlsx({"Data": sheet_xml("<sheetData/>")})
    path.write_bytes(patch_sizes(good, "xl/worksheets/sheet1.xml", uncompressed=2**31))
    done = mes("score", str(path), "--format", "json")
    inside = CliRunner().invoke(app, ["score", str(path), "--format", "json"])
    assert (done.returncode, inside.exit_code) == (2, 2)
    assert "would unpack to far more data than a survey holds" in done.stderr
    assert done.stderr == inside.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["score", Q3, "-k", "2"],
        ["score", Q3, "--min-group-size=two"],
        ["score", Q3, "--confidence", "95"],
        ["score", Q3, "--min-response", "60"],
        ["score", Q3, "--keep-ids"],
        ["score", Q3, "--individuals", "-f", "pdf", "-o", "reports/"],
        ["score", Q3, "--previous", Q3],
        ["score", Q3, "-f", "pdf"],
        ["score", Q3, "-o", "/no/such/folder/out.json"],
        ["diff", Q3, Q3, "--min-change", "200"],
        ["trend", Q3, Q3, "-k", "1"],
        ["score", Q3, "-o", Q3],  # one of the inputs
        ["diff", Q3, Q3, "--rename-file", "/no/such/renames.txt"],
        ["score", Q3, "--lang", "fr"],
        ["--lang", "de", "score", Q3],
    ],
)
def test_refusals_after_parsing_start_nothing(args: list[str]) -> None:
    # The command refuses these before reading (exit 2): the load would only slow them down.
    from typer.testing import CliRunner

    assert early.survey_to_read(args) is None
    assert CliRunner().invoke(app, args).exit_code == 2


def test_the_limits_are_the_pipelines() -> None:
    from mes import pipeline

    assert early.LOWEST_MIN_GROUP_SIZE == pipeline.LOWEST_MIN_GROUP_SIZE
    assert early.HIGHEST_CONFIDENCE == pipeline.HIGHEST_CONFIDENCE
    assert early.survey_to_read(["score", "x.xlsx", "-k", "3", "--confidence", "0.999"])
    assert early.survey_to_read(["score", "x.xlsx", "--min-response", "0", "--keep-ids"]) is None


def test_an_output_folder_starts_nothing_but_for_pdf(tmp_path: Path) -> None:
    assert early.survey_to_read(["score", "x.xlsx", "-o", str(tmp_path)]) is None
    assert early.survey_to_read(["score", "x.xlsx", "-f", "pdf", "-o", str(tmp_path)])


@pytest.mark.slow  # fresh interpreters importing mes
def test_a_usage_error_after_the_prefetch_started_ends_at_once(tmp_path: Path) -> None:
    # The command line reads well, so the first quarter's load starts; the command then
    # refuses a rename, and exits without waiting for the load or writing anything.
    args = ("diff", Q3, Q3, "--rename", "no equals sign", "-f", "json", "-o", str(tmp_path / "d"))
    assert early.survey_to_read(args)
    done = mes(*args)
    assert done.returncode == 2
    assert "--rename" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # builds a workbook that takes calamine a while, and runs mes on it
def test_ctrl_c_while_the_workbook_loads(tmp_path: Path) -> None:
    # Ctrl-C while the command waits for calamine's load on the prefetch thread (where a wait
    # without a timeout would not see it): exit 130, no traceback, nothing written.
    import signal
    import time

    from io_fixtures import inline_row, raw_xlsx, sheet_xml

    header = ["team", "signals", "room", "criticism", "feedback", "speed"]
    rows = "".join(
        inline_row(n, [f"T{n % 7}", *(n % k + 1 for k in (5, 4, 3, 5, 2))])
        for n in range(2, 250_000)
    )
    survey = tmp_path / "big.xlsx"
    survey.write_bytes(
        raw_xlsx({"Data": sheet_xml(f"<sheetData>{inline_row(1, header)}{rows}</sheetData>")})
    )
    out = tmp_path / "out.json"
    # python -m mes, with Ctrl-C handled as in a terminal even where the test runs without one;
    # it says when it is ready for it
    run_mes = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "print('ready', flush=True); runpy.run_module('mes', run_name='__main__')"
    )
    running = subprocess.Popen(
        [sys.executable, "-c", run_mes, "score", str(survey), "-f", "json", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert running.stdout is not None
    assert running.stdout.readline() == "ready\n"
    time.sleep(0.7)  # past the imports and Typer, and long before the scoring ends
    running.send_signal(signal.SIGINT)
    _, stderr = running.communicate(timeout=120)
    assert running.returncode == 130, stderr
    assert "mes: interrupted" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()
