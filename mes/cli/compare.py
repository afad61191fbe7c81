"""The ``diff`` and ``trend`` commands: compare quarters given as survey files or saved results.

A quarter given as a result saved with ``mes score --format json`` is recognised by its content
(a JSON object of kind ``mes.score``); anything else is read as a survey export and scored first,
with the same settings, so that both give the same comparison. The comparison itself is
`mes.compare`; this module only reads, checks options, and writes.

Heavy libraries (polars, scipy, pydantic) are imported inside the commands, so that
``mes --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import (
    STDIO,
    console,
    err_console,
    handled,
    load_instrument_option,
    read_input,
    usage_error,
    write_output,
)
from mes.cli.options import (
    ByOpt,
    InstrumentOpt,
    LangOpt,
    OutputOpt,
    SheetOpt,
    SkipInvalidOpt,
)
from mes.privacy import LOWEST_MIN_GROUP_SIZE

if TYPE_CHECKING:
    from rich.console import Console

    from mes.compare import CompareOptions, Rename, Side
    from mes.errors import Issue
    from mes.instrument import Instrument
    from mes.records import RawTable
    from mes.results import DiffReport, ScoreReport, TrendReport
    from mes.settings import Settings

DEFAULT_MIN_GROUP_SIZE = 5


class CompareFormat(StrEnum):
    """What ``mes diff`` writes: a terminal table, versioned JSON or an Excel workbook."""

    TABLE = "table"
    JSON = "json"
    XLSX = "xlsx"


class TrendFormat(StrEnum):
    """What ``mes trend`` writes. No workbook: Typer refuses ``--format xlsx`` (exit 2)."""

    TABLE = "table"
    JSON = "json"


QuarterArg = Annotated[
    str,
    typer.Argument(
        help="A survey export (anything mes score reads; - for stdin) or a result saved with "
        "mes score --format json.",
        show_default=False,
    ),
]
RenameOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rename",
        metavar="OLD=NEW",
        help="A department or team renamed since the earlier quarter; repeat for more. Write "
        "Dept/Team=Dept/Team to name one of two same-named teams, or to move a team.",
        show_default=False,
    ),
]
RenameFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--rename-file",
        metavar="TOML",
        help='Renames in a TOML file, one per line: "Old name" = "New name".',
        dir_okay=False,
    ),
]
ConfidenceOpt = Annotated[
    float,
    typer.Option(
        "--confidence",
        metavar="LEVEL",
        help="A change must be significant at this level to be rising or falling.",
    ),
]
MinChangeOpt = Annotated[
    float,
    typer.Option(
        "--min-change",
        metavar="POINTS",
        help="A change must also be at least this many MES points to be rising or falling.",
    ),
]
AllowInstrumentOpt = Annotated[
    bool,
    typer.Option(
        "--allow-instrument-change",
        help="Compare quarters scored with different questionnaires: only the traits whose items "
        "and scale are identical (MES only if all are).",
    ),
]
FormatOpt = Annotated[
    CompareFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (terminal), json, or xlsx (an Excel workbook; give -o changes.xlsx).",
    ),
]
TrendFormatOpt = Annotated[
    TrendFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (terminal) or json. There is no workbook of a trend; mes diff --format xlsx "
        "makes one of two quarters.",
    ),
]
MinGroupSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--min-group-size",
        "-k",
        metavar="K",
        help="Minimum group size for scoring survey files (3 or more; default: that of the "
        "saved results given, else 5).",
        show_default=False,
    ),
]


def diff_command(
    old: QuarterArg,
    new: QuarterArg,
    rename: RenameOpt = None,
    rename_file: RenameFileOpt = None,
    confidence: ConfidenceOpt = 0.95,
    min_change: MinChangeOpt = 5.0,
    allow_instrument_change: AllowInstrumentOpt = False,
    no_paired: Annotated[
        bool,
        typer.Option(
            "--no-paired",
            help="Leave out the paired view (who stayed, joined and left, and the stayers' own "
            "change). It needs both quarters as survey files with a respondent id column of real "
            "person ids; Microsoft Forms' ID (1, 2, 3, ...) is not one and is never paired.",
        ),
    ] = False,
    format: FormatOpt = CompareFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: MinGroupSizeOpt = None,
    by: ByOpt = None,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    lang: LangOpt = "en",
) -> None:
    """Compare two quarters, OLD then NEW: per group the change in MES and whether it is real.

    For every group shown in both quarters: respondents on both sides, the change in MES, in the
    share customer-energetic and in each trait, Welch's test with the interval of the change and
    Hedges' g. A change is rising or falling only when it is significant at --confidence AND at
    least --min-change points; otherwise it is stable. Small groups will mostly be stable: with
    few respondents only a large change is significant, and mes will not call noise a trend.

    Groups are matched by department and team names, ignoring case, spacing and accents' forms;
    use --rename for renamed teams. A group suppressed in either quarter gets no change, as a
    change against a hidden group would reveal it.

    --format xlsx -o changes.xlsx writes the same as an Excel workbook for management (--lang nl
    for Dutch): the changes, the change per trait, the paired view when there is one, and how
    to read it.

    Exit codes: 0 success (warnings allowed), 1 a survey file's data has problems, 2 usage
    error, a file that cannot be read, or quarters scored with different questionnaires.
    """
    files = (old, new)
    if files.count(STDIO) > 1:
        usage_error("only one quarter can be read from standard input")
    if format == CompareFormat.XLSX and output in (None, STDIO) and sys.stdout.isatty():
        usage_error("a workbook cannot be shown in a terminal; give -o changes.xlsx")
    options = _options(confidence, min_change, allow_instrument_change, rename, rename_file)
    with handled():
        from mes.compare import diff

        reading = _Reading(load_instrument_option(instrument), sheet, by or [], skip_invalid)
        sides = _load_sides(files, reading, min_group_size, want_people=not no_paired)
        report = diff(sides[0], sides[1], options(paired=not no_paired))
        _warn("diff", report.issues)

        def render(out: Console) -> None:
            from mes.render.compare_table import render_diff

            render_diff(report, out, lang)

        if format == CompareFormat.XLSX:
            from mes.render.xlsx_diff import write_diff_workbook

            write_output(
                lambda path: write_diff_workbook(report, path, lang=lang),
                output,
                inputs=files,
                binary=True,
            )
        else:
            _write(report, format, output, files, render)


def trend_command(
    quarters: Annotated[
        list[str],
        typer.Argument(
            metavar="QUARTER...",
            help="Three or more quarters, oldest first: survey exports or results saved with "
            "mes score --format json.",
            show_default=False,
        ),
    ],
    rename: RenameOpt = None,
    rename_file: RenameFileOpt = None,
    confidence: ConfidenceOpt = 0.95,
    min_change: MinChangeOpt = 5.0,
    allow_instrument_change: AllowInstrumentOpt = False,
    format: TrendFormatOpt = TrendFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: MinGroupSizeOpt = None,
    by: ByOpt = None,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    lang: LangOpt = "en",
) -> None:
    """MES per group over three or more quarters, given oldest first, and the last change.

    Shows each group's MES per quarter with a sparkline, and labels the change between the last
    two quarters as mes diff does: rising or falling only when significant at --confidence AND
    at least --min-change points. Small groups will mostly be stable: with few respondents only
    a large change is significant. Suppressed quarters show as gaps.

    Exit codes: 0 success, 1 a survey file's data has problems, 2 usage error, a file that
    cannot be read, or quarters scored with different questionnaires.
    """
    if len(quarters) < 3:
        usage_error(
            f"mes trend needs three or more quarters, got {len(quarters)}; "
            "compare two with mes diff OLD NEW",
            "too-few-quarters",
        )
    if quarters.count(STDIO) > 1:
        usage_error("only one quarter can be read from standard input")
    options = _options(confidence, min_change, allow_instrument_change, rename, rename_file)
    with handled():
        from mes.compare import trend

        reading = _Reading(load_instrument_option(instrument), sheet, by or [], skip_invalid)
        sides = _load_sides(tuple(quarters), reading, min_group_size, want_people=False)
        report = trend([s.report for s in sides], options(paired=False))
        _warn("trend", report.issues)

        def render(out: Console) -> None:
            from mes.render.compare_table import render_trend

            render_trend(report, out, lang)

        _write(report, format, output, tuple(quarters), render)


# --- Options ----------------------------------------------------------------------------------


def _options(
    confidence: float,
    min_change: float,
    allow_instrument_change: bool,
    rename: list[str] | None,
    rename_file: Path | None,
) -> _OptionsFactory:
    """Check the comparison options now, before any file is read."""
    if not 0.5 < confidence < 1.0:
        usage_error(f"--confidence {confidence}: give a level between 0.5 and 1, such as 0.95")
    if min_change < 0:
        usage_error(f"--min-change {min_change}: give a number of points, 0 or more")
    renames = _renames(rename or [], rename_file)
    return _OptionsFactory(confidence, min_change, allow_instrument_change, renames)


@dataclass(frozen=True)
class _OptionsFactory:
    confidence: float
    min_change: float
    allow_instrument_change: bool
    renames: tuple[Rename, ...]

    def __call__(self, *, paired: bool) -> CompareOptions:
        from mes.compare import CompareOptions

        return CompareOptions(
            confidence=self.confidence,
            min_change=self.min_change,
            allow_instrument_change=self.allow_instrument_change,
            renames=self.renames,
            paired=paired,
        )


def _renames(given: Sequence[str], file: Path | None) -> tuple[Rename, ...]:
    """Renames from the file, then from --rename; the same old name twice must agree."""
    from mes.compare import Rename
    from mes.instrument import normalize_text

    pairs = _rename_file(file) if file is not None else []
    for text in given:
        old, sep, new = text.partition("=")
        if not sep:
            usage_error(f"--rename {text!r}: write it as OLD=NEW", "invalid-rename")
        pairs.append((old, new, f"--rename {text!r}"))
    seen: dict[str, str] = {}
    renames = []
    for raw_old, raw_new, where in pairs:
        old, new = raw_old.strip(), raw_new.strip()
        if not old or not new:
            usage_error(f"{where}: both the old and the new name are needed", "invalid-rename")
        previous = seen.setdefault(normalize_text(old), new)
        if normalize_text(previous) != normalize_text(new):
            usage_error(
                f"{where}: {old!r} is renamed twice, to {previous!r} and to {new!r}",
                "invalid-rename",
            )
        renames.append(Rename(old, new))
    return tuple(dict.fromkeys(renames))


def _rename_file(path: Path) -> list[tuple[str, str, str]]:
    """``"Old" = "New"`` lines of a TOML file, as (old, new, where) in file order."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        usage_error(f"--rename-file {path}: file not found", "invalid-rename-file")
    except (OSError, UnicodeDecodeError) as exc:
        usage_error(f"--rename-file {path}: cannot read it ({exc})", "invalid-rename-file")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        usage_error(
            f'--rename-file {path}: not valid TOML ({exc}); write lines like "Old" = "New"',
            "invalid-rename-file",
        )
    out = []
    for old, new in data.items():
        if not isinstance(new, str):
            usage_error(
                f'--rename-file {path}: {old!r} must be renamed to a name in quotes, like "Old" = '
                '"New"',
                "invalid-rename-file",
            )
        out.append((old, new, f"--rename-file {path}"))
    return out


# --- Reading the quarters ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    instrument: Instrument
    sheet: str | None
    by: list[str]
    skip_invalid: bool


def _load_sides(
    files: tuple[str, ...], reading: _Reading, min_group_size: int | None, *, want_people: bool
) -> list[Side]:
    """Every quarter as a score report: saved results as they are, survey files scored.

    Saved results are read first: their settings decide how the survey files are scored.
    """
    from mes.compare import Side, people

    stdin = _read_stdin() if STDIO in files else None
    saved = {f: _saved_result(f, stdin if f == STDIO else None) for f in files}
    settings = _scoring_settings(saved, min_group_size)
    # Person-level data is only worth building when every quarter is a survey file.
    want_people = want_people and all(report is None for report in saved.values())
    sides = []
    for file in files:
        report = saved[file]
        if report is not None:
            sides.append(Side(report))
            continue
        from mes.analysis import score
        from mes.validation import validate

        table = _read_survey(file, stdin, reading)
        responses = validate(
            table, reading.instrument, by=reading.by, skip_invalid=reading.skip_invalid
        )
        report = score(responses, reading.instrument, settings)
        _warn(report.source.file, report.issues)
        person_data = people(responses, reading.instrument, settings) if want_people else None
        sides.append(Side(report, person_data))
    return sides


def _read_stdin() -> bytes:
    if sys.stdin.isatty():
        usage_error("reading from standard input, but nothing was piped in; give a FILE")
    return sys.stdin.buffer.read()


def _read_survey(file: str, stdin: bytes | None, reading: _Reading) -> RawTable:
    if file != STDIO:
        return read_input(file, reading.instrument, reading.sheet)
    from mes.columns import make_header_scorer
    from mes.io import read_table

    scorer = make_header_scorer(reading.instrument)
    return read_table("<stdin>", data=stdin, sheet=reading.sheet, header_scorer=scorer)


def _saved_result(file: str, data: bytes | None) -> ScoreReport | None:
    """The result saved in ``file`` by ``mes score --format json``; None for anything else."""
    if data is None:
        try:
            data = Path(file).read_bytes() if _starts_with_brace(file) else None
        except OSError:
            return None  # the survey reader gives the proper message
    if data is None or not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return None  # e.g. JSON Lines survey answers: the survey reader's business
    kind = document.get("kind") if isinstance(document, dict) else None
    if not isinstance(kind, str) or not kind.startswith("mes."):
        return None
    report = _validated(file, kind, document)
    from mes.compare import unproducible

    problem = unproducible(report)
    if problem is not None:
        from mes.errors import unreadable

        raise unreadable(
            "<stdin>" if file == STDIO else file,
            f"this saved result was not made by mes score as it is: {problem}; score the "
            "survey again with mes score --format json",
            "edited-saved-result",
        )
    return report


def _starts_with_brace(file: str) -> bool:
    with Path(file).open("rb") as fh:
        return fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _validated(file: str, kind: str, document: dict[str, object]) -> ScoreReport:
    from pydantic import ValidationError

    from mes.errors import unreadable
    from mes.results import SCHEMA_VERSION, ScoreReport

    name = "<stdin>" if file == STDIO else file
    if kind != "mes.score":
        raise unreadable(
            name,
            f"this is a {kind} result; compare survey files or results saved with "
            "mes score --format json",
            "not-a-score-result",
        )
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise unreadable(
            name,
            f"this result was saved in format {version!r}, this mes reads {SCHEMA_VERSION!r}; "
            "score the survey again with this version of mes",
            "unsupported-schema-version",
        )
    try:
        return ScoreReport.model_validate_json(json.dumps(document))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = json_path(document, first["loc"])
        message = _SAVED_RESULT_ERRORS.get(
            first["type"], first["msg"].removeprefix("Value error, ")
        )
        raise unreadable(
            name,
            f"a saved mes score result, but {where}: {message}; save it again with "
            "mes score --format json",
            "invalid-saved-result",
        ) from None


#: pydantic's words for the errors of a group that is neither clearly shown nor suppressed.
_SAVED_RESULT_ERRORS = {
    "union_tag_not_found": "'suppressed' is missing: every group says whether it is shown",
    "union_tag_invalid": "'suppressed' must be true or false",
    "none_required": "should be null: a suppressed group has no figures, a shown one no reason",
}


def json_path(document: object, loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a path into the JSON document, e.g. ``groups[3].n``.

    pydantic puts the tag of a union's member in the location (``groups.3.0.n`` for the shown
    group at index 3); the tag is not in the document, so it is left out.
    """
    path, node = "", document
    for i, part in enumerate(loc):
        if isinstance(node, list) and isinstance(part, int) and not isinstance(part, bool):
            path += f"[{part}]"
            node = node[part] if -len(node) <= part < len(node) else None
        elif (
            isinstance(node, dict) and isinstance(part, str) and (part in node or i == len(loc) - 1)
        ):
            path += f".{part}" if path else part
            node = node.get(part)
    return path or "the document"


def _scoring_settings(saved: dict[str, ScoreReport | None], given: int | None) -> Settings:
    """Settings for scoring survey files: those of the saved results, so the quarters compare."""
    from mes.settings import Settings

    if given is not None and given < LOWEST_MIN_GROUP_SIZE:
        usage_error(
            f"--min-group-size {given} is refused: below {LOWEST_MIN_GROUP_SIZE} people can be "
            "recognised from their group's figures",
            "min-group-size-too-small",
        )
    reports = [(f, r) for f, r in saved.items() if r is not None]
    if given is not None:
        for file, report in reports:
            k = report.settings.min_group_size
            if k != given:
                usage_error(
                    f"{file} was saved with minimum group size {k}; a saved result cannot be "
                    f"suppressed again with -k {given}: score its survey again with -k {given}, "
                    "or leave -k out",
                    "settings-differ",
                )
    if not reports:
        return Settings(min_group_size=given or DEFAULT_MIN_GROUP_SIZE)
    # The other thresholds follow the first saved result; mes.compare refuses quarters that differ.
    first = reports[0][1].settings
    return first.model_copy(update={"min_group_size": given or first.min_group_size})


# --- Writing ----------------------------------------------------------------------------------


def _warn(what: str, issues: Sequence[Issue]) -> None:
    """Warnings on stderr, so that stdout carries the result only."""
    if not issues:
        return
    from mes.render import inert_text
    from mes.render.issues import render_issues, summary_line

    out = err_console()
    out.print(f"mes: {inert_text(what)}: {summary_line(issues)}", markup=False)
    render_issues(issues, out)


def _write(
    report: DiffReport | TrendReport,
    format: CompareFormat | TrendFormat,
    output: str | None,
    inputs: tuple[str, ...],
    render: Callable[[Console], None],
) -> None:
    """JSON (never through Rich) or the table, to stdout or, once complete, to a file."""
    from mes.render.json import to_json

    if format in (CompareFormat.JSON, TrendFormat.JSON):
        write_output(to_json(report), output, inputs=inputs)
    elif output in (None, STDIO):
        render(console())
    else:

        def write_text(path: Path) -> None:
            with path.open("w", encoding="utf-8") as fh:
                render(console(fh))

        write_output(write_text, output, inputs=inputs)
