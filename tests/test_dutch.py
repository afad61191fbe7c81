"""mes in Dutch, end to end: with ``--lang nl`` and by default on a Dutch system (LANG), every
command's output, warnings, errors, JSON messages, the Excel report's Meldingen sheet and
``--help`` hold none of the common English words mes used to print. The same check on the
English output finds them, so the check itself can fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from mes.cli.app import app
from mes.cli.language import requested_language, system_language

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"
runner = CliRunner()

#: English words mes printed before it spoke Dutch, and the Dutch it says instead.
ENGLISH = {
    r"\bthe\b": "de / het",
    r"\band\b": "en",
    r"\bwith\b": "met",
    r"\bnot\b": "niet",
    r"\brespondents\b": "respondenten",
    r"\b[Ww]arnings?\b": "waarschuwing",
    r"\b[Ee]rrors?\b": "fout",
    r"\bUsage\b": "Gebruik",
    r"\bOptions\b": "Opties",
    r"\bArguments\b": "Argumenten",
    r"\bCommands\b": "Opdrachten",
    r"\b[Dd]efault\b": "standaard",
    r"\brequired\b": "verplicht",
    r"\b[Ss]uppressed\b": "afgeschermd",
    r"\bOrganisation\b": "Organisatie",
    r"\bGroups?\b": "Groep",
    r"\bChange\b": "Verandering",
    r"\bSettings\b": "Instellingen",
    r"\bcustomers?\b": "klant",
    r"\bemployees\b": "medewerkers",
    r"\bquarters?\b": "kwartaal",
    r"\bTry\b": "Probeer",
    r"\bShow\b": "Toon",
    r"\bfile\b": "bestand",
    r"\bscale\b": "schaal",
    r"\bshown\b": "getoond",
}

#: Data that is English by nature: the built-in mirror definition's name, file names, option
#: names and metavars (they are typed as they are), and the names of the sample's sheets.
_DATA = re.compile(
    r"Mirror survey, six aspects of service"
    r"|\S*sample_data/\S*|\S*\.xlsx\b|\S*\.json\b|\S*\.csv\b"
    r"|--[a-z][a-z-]*|\[[a-z-]+\]|\[[A-Z]+\]|\b[A-Z_]{2,}(?:=[A-Z_]+)?(?:\.\.\.)?"
    r"|\(Sheet1\)|sheet1|Sheet1|Antwoorden|Teams"
    # the headers of the sample file, shown by mes columns as they are written
    r"|Start time|Completion time|Email|Name\b"
)


def english_words(text: str) -> list[str]:
    """The English words of `ENGLISH` found in ``text``, data left out."""
    bare = _DATA.sub(" ", text)
    return [word for word in ENGLISH if re.search(word, bare)]


def run(*args: str, code: int = 0, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1", **(env or {})})
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    return result


Q1, Q2, Q3 = (str(SAMPLE / f"2026-Q{i}.xlsx") for i in (1, 2, 3))
COMMANDS = {
    "score": ["score", Q3, "--headcount", str(SAMPLE / "2026-Q3-headcount.xlsx")],
    "validate": ["validate", Q3],
    "columns": ["columns", Q3],
    "diff": ["diff", Q2, Q3],
    "trend": ["trend", Q1, Q2, Q3],
    "mirror": ["mirror", str(SAMPLE / "2026-Q3-mirror-employees.xlsx"),
               str(SAMPLE / "2026-Q3-customers.xlsx")],
    "link": [
        "link", Q3, str(SAMPLE / "2026-Q3-customers.xlsx"),
        "--previous", Q2, str(SAMPLE / "2026-Q2-customers-teams.xlsx"),
    ],
}  # fmt: skip
#: The two ways to ask for Dutch: the option, and a Dutch system without it.
WAYS = {"--lang nl": (["--lang", "nl"], {}), "LANG=nl_NL.UTF-8": ([], {"LANG": "nl_NL.UTF-8"})}


@pytest.mark.slow
@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_speaks_dutch(command: str, way: str) -> None:
    extra, env = WAYS[way]
    result = run(*COMMANDS[command], *extra, env=env)
    out = result.stdout + result.stderr
    assert out.strip()
    assert english_words(out) == [], out


@pytest.mark.parametrize("command", ["score", "diff"])
def test_lang_before_the_command_is_the_commands_language(command: str) -> None:
    # mes --lang nl score FILE: the command's output in Dutch, as with score FILE --lang nl; a
    # --lang after the command wins; without either, the system's language.
    dutch = run("--lang", "nl", *COMMANDS[command])
    assert english_words(dutch.stdout + dutch.stderr) == [], dutch.stdout + dutch.stderr
    english = run("--lang", "nl", *COMMANDS[command], "--lang", "en")
    assert english_words(english.stdout + english.stderr)
    system = run("--lang", "en", *COMMANDS[command], env={"LANG": "nl_NL.UTF-8"})
    assert english_words(system.stdout + system.stderr)
    assert english_words(run(*COMMANDS[command], env={"LANG": "nl_NL.UTF-8"}).stdout) == []


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_the_check_finds_the_english_words(command: str) -> None:
    # Without Dutch, the same output holds English words: the check above can fail.
    result = run(*COMMANDS[command], "--lang", "en", env={"LANG": "nl_NL.UTF-8"})
    assert english_words(result.stdout + result.stderr)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("command", [None, *COMMANDS, "schema", "instrument"])
def test_help_is_dutch(command: str | None, way: str) -> None:
    extra, env = WAYS[way]
    # schema and instrument print no words but help: --lang goes before them (mes --lang nl ...)
    if command in COMMANDS:
        args = [command, *extra, "--help"]
    else:
        args = [*extra, *([command] if command else []), "--help"]
    out = run(*args, env=env).stdout
    assert "Gebruik:" in out
    assert "Opties" in out
    assert english_words(out) == [], out


def test_help_is_english_by_default() -> None:
    out = run("score", "--help").stdout
    assert "Usage:" in out
    assert "Show this message and exit." in out


@pytest.mark.parametrize("way", WAYS)
def test_errors_are_dutch(way: str, tmp_path: Path) -> None:
    extra, env = WAYS[way]
    missing = run("score", str(tmp_path / "weg.xlsx"), *extra, code=2, env=env)
    assert "bestand bestaat niet" in missing.stderr
    bad = tmp_path / "kapot.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    data = run("score", str(bad), *extra, code=1, env=env)
    assert "er is niets gescoord" in data.stderr
    usage = run("score", *extra, code=2, env=env)  # typer's own words
    assert "Argument 'FILE' ontbreekt" in usage.stderr
    option = run("score", Q3, "-k", "2", *extra, code=2, env=env)
    assert "wordt geweigerd" in option.stderr
    for result in (missing, data, usage, option):
        assert english_words(result.stderr) == [], result.stderr


def test_json_messages_are_dutch_and_the_rest_is_the_same() -> None:
    english = json.loads(run("score", Q3, "--format", "json").stdout)
    dutch = json.loads(run("score", Q3, "--format", "json", "--lang", "nl").stdout)
    assert dutch["issues"]
    for en, nl in zip(english["issues"], dutch["issues"], strict=True):
        assert nl["message"] != en["message"]
        assert english_words(nl["message"]) == []
        nl["message"] = en["message"]
    assert dutch == english  # only the words differ, never a figure, key or code


def test_the_meldingen_sheet_is_dutch(tmp_path: Path) -> None:
    out = tmp_path / "rapport.xlsx"
    run("score", Q3, "--format", "xlsx", "-o", str(out), "--lang", "nl")
    book = load_workbook(out)
    sheet = book["Meldingen"]
    header = [c.value for c in sheet[sheet.min_row]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=sheet.min_row + 1)]
    messages = [(row[0], row[2]) for row in rows if row and row[0] in ("fout", "waarschuwing")]
    assert messages, (header, rows)
    for severity, text in messages:
        assert isinstance(text, str)
        assert english_words(text) == [], text
        assert severity == "waarschuwing"
    assert any("kenmerk" in text or "stelling" in text for _, text in messages)


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE"}, "nl"),
        ({"LANG": "nl"}, "nl"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),  # LC_ALL wins
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "nle_XX"}, "en"),  # not Dutch, only starting like it
        ({}, "en"),
    ],
)
def test_the_system_language(environ: dict[str, str], lang: str) -> None:
    assert system_language(environ) == lang


def test_the_option_beats_the_system() -> None:
    assert requested_language(["score", "x", "--lang", "en"], {"LANG": "nl_NL.UTF-8"}) == "en"
    assert requested_language(["score", "--lang=nl", "x"], {"LANG": "C"}) == "nl"
    assert requested_language(["score", "--lang", "fr"], {"LANG": "nl_NL"}) == "nl"
    out = run("score", Q3, "--lang", "en", env={"LANG": "nl_NL.UTF-8"})
    assert "respondents" in out.stdout
