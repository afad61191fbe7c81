"""A bug in mes ends in one line and exit code 3; the traceback comes only when asked for.

The bug is forced by replacing a library function with one that raises, as a real bug would.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import mes.pipeline
import mes.validation
from mes.cli.app import app
from mes.errors import InputError, error
from mes.messages import message

SAMPLE = str(Path(__file__).parent.parent / "sample_data" / "2026-Q3.xlsx")
runner = CliRunner()


def run(*args: str, code: int) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    return result


def _raise(exc: BaseException) -> object:
    def broken(*args: object, **kwargs: object) -> None:
        raise exc

    return broken


@pytest.fixture
def broken_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MES_DEBUG", raising=False)
    monkeypatch.setattr(mes.validation, "validate", _raise(ValueError("boom\nin two lines")))


@pytest.mark.usefixtures("broken_validation")
def test_a_bug_is_one_line_naming_it_with_exit_code_3() -> None:
    result = run("score", SAMPLE, code=3)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    line = result.stderr.rstrip("\n")
    assert line.startswith("mes: internal error (ValueError): boom in two lines. ")
    assert "This is a bug in mes" in line
    assert "--debug" in line
    assert "MES_DEBUG=1" in line
    assert "Traceback" not in result.stderr


@pytest.mark.usefixtures("broken_validation")
def test_debug_shows_the_traceback_then_the_line() -> None:
    result = run("--debug", "score", SAMPLE, code=3)
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "in score_command" in result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1].startswith("mes: internal error")


@pytest.mark.usefixtures("broken_validation")
def test_mes_debug_in_the_environment_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MES_DEBUG", "1")
    assert "Traceback" in run("score", SAMPLE, code=3).stderr
    monkeypatch.setenv("MES_DEBUG", "0")
    assert "Traceback" not in run("score", SAMPLE, code=3).stderr


def test_ctrl_c_is_one_line_and_exit_code_130(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mes.validation, "validate", _raise(KeyboardInterrupt()))
    result = run("score", SAMPLE, code=130)
    assert result.stderr == "mes: interrupted\n"


def test_a_mes_error_outside_a_command_s_handler_is_still_its_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problem = InputError(error("invalid-option", message("this option is wrong")))
    monkeypatch.setattr(mes.pipeline, "scoring_settings", _raise(problem))
    result = run("score", SAMPLE, code=2)
    assert result.stderr == "mes: this option is wrong\n"


def test_usage_errors_and_help_are_left_to_the_framework() -> None:
    assert "No such option" in run("score", "--no-such-option", code=2).stderr
    assert "--debug" in run("--help", code=0).stdout


_BROKEN_MES = textwrap.dedent(
    """
    import sys
    import mes.validation

    def broken(*args, **kwargs):
        raise ValueError("boom")

    mes.validation.validate = broken
    from mes.cli.app import main

    sys.argv = ["mes", "score", sys.argv[1]]
    main()
    """
)


@pytest.mark.slow  # a fresh interpreter importing mes, polars and pydantic: about a second
@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_in_the_installed_command(debug: bool, tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"  # a small text file: the run is mostly Python's start-up
    survey.write_text("team;signals\nA;4\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    if debug:
        env["MES_DEBUG"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _BROKEN_MES, str(survey)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[-1].startswith("mes: internal error (ValueError): boom. This is a bug in mes")
    if debug:
        assert lines[0] == "Traceback (most recent call last):"
    else:
        assert len(lines) == 1, done.stderr
