"""The ``score``, ``validate``, ``schema`` and ``instrument`` commands.

Heavy libraries (polars, scipy, openpyxl) are imported inside the commands, so that
``mes --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import (
    console,
    err_console,
    fail,
    handled,
    load_instrument_option,
    read_input,
    usage_error,
    write_output,
)
from mes.cli.options import (
    ByOpt,
    FileArg,
    HeadcountOpt,
    InstrumentOpt,
    LangOpt,
    MinResponseOpt,
    OutputOpt,
    SheetOpt,
    SkipInvalidOpt,
)
from mes.exit_codes import ExitCode
from mes.privacy import LOWEST_MIN_GROUP_SIZE
from mes.render import OutputFormat

if TYPE_CHECKING:
    from mes.errors import Issue
    from mes.settings import Settings


def score_command(
    file: FileArg,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (terminal), json or xlsx.")
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    by: ByOpt = None,
    individuals: Annotated[
        bool,
        typer.Option(
            "--individuals",
            help="Add per-person scores (JSON and xlsx; off by default). Each row is one "
            "person's answers in scores: rows come in a shuffled order, ids become pseudonyms "
            "(P001, ...), and a department, team or --by label is shown only where at least K "
            "people share the row's labels. Treat such a file as personal data.",
        ),
    ] = False,
    keep_ids: Annotated[
        bool,
        typer.Option(
            "--keep-ids",
            help="With --individuals: keep the respondent ids of the file instead of pseudonyms.",
        ),
    ] = False,
    min_group_size: Annotated[
        int,
        typer.Option(
            "--min-group-size",
            "-k",
            metavar="K",
            help="Groups with fewer scored respondents are suppressed (3 or more).",
        ),
    ] = 5,
    confidence: Annotated[
        float,
        typer.Option("--confidence", metavar="LEVEL", help="Confidence level of the intervals."),
    ] = 0.95,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    headcount: HeadcountOpt = None,
    min_response: MinResponseOpt = 0.6,
    lang: LangOpt = "en",
) -> None:
    """Score a survey export: MES per organisation, department and team.

    Shows respondents, MES with its confidence interval, the share customer-energetic, each
    trait's mean and favourable share, and the focus trait. Groups smaller than the minimum
    group size are suppressed, and so is any group from which they could be worked out.
    """
    from mes.validation import validate

    settings = _settings(min_group_size, confidence)
    _check_min_response(min_response)
    if keep_ids and not individuals:
        usage_error("--keep-ids goes with --individuals")
    if format == OutputFormat.XLSX and output in (None, "-") and sys.stdout.isatty():
        usage_error("a workbook cannot be shown in a terminal; give -o report.xlsx")
    with handled():
        ins = load_instrument_option(instrument)
        table = read_input(file, ins, sheet, warm=("scipy.special", "mes.analysis"))
        responses = validate(table, ins, by=by or [], skip_invalid=skip_invalid)
        from mes.analysis import score  # imported already, on the warm-up thread

        report = score(responses, ins, settings, individuals=individuals, keep_ids=keep_ids)
        if headcount is not None:
            from mes.headcount import add_response, read_headcount

            staff = read_headcount(headcount, ins)
            report = add_response(report, responses, staff, min_response)
        _report_warnings(report.issues, report.source.skipped)
        if format == OutputFormat.JSON:
            from mes.render.json import to_json

            write_output(to_json(report), output, inputs=_inputs(file, headcount))
        elif format == OutputFormat.XLSX:
            from mes.render.xlsx import write_score_workbook

            write_output(
                lambda path: write_score_workbook(report, path, lang=lang),
                output,
                inputs=_inputs(file, headcount),
                binary=True,
            )
        elif output in (None, "-"):
            from mes.render.table import render_score

            render_score(report, console(), lang)
        else:
            from mes.render.table import render_score

            def write_text(path: Path) -> None:
                with path.open("w", encoding="utf-8") as fh:
                    render_score(report, console(fh), lang)

            write_output(write_text, output, inputs=_inputs(file, headcount))


def _inputs(file: str, headcount: str | None) -> tuple[str, ...]:
    return (file,) if headcount is None else (file, headcount)


def _check_min_response(min_response: float) -> None:
    if not 0.0 <= min_response <= 1.0:
        usage_error(f"--min-response {min_response}: give a share from 0 to 1, e.g. 0.6")


def _settings(min_group_size: int, confidence: float) -> Settings:
    from pydantic import ValidationError

    from mes.settings import Settings

    if min_group_size < LOWEST_MIN_GROUP_SIZE:
        usage_error(
            f"--min-group-size {min_group_size} is refused: below {LOWEST_MIN_GROUP_SIZE} "
            "people can be recognised from their group's figures",
            "min-group-size-too-small",
        )
    try:
        return Settings(min_group_size=min_group_size, confidence=confidence)
    except ValidationError as exc:
        usage_error(f"invalid option: {exc.errors()[0]['msg']}")


def _report_warnings(issues: list[Issue], skipped: int | None) -> None:
    from mes.render.issues import render_issues, summary_line

    if not issues:
        return
    out = err_console()
    note = f"; {skipped} row(s) skipped" if skipped else ""
    out.print(f"mes: {summary_line(issues)}{note}", markup=False, soft_wrap=True)
    render_issues(issues, out)


def validate_command(
    file: FileArg,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text (stderr summary) or json (stdout).")
    ] = "text",
    headcount: HeadcountOpt = None,
) -> None:
    """Check a survey export and report every problem; scores nothing.

    Exit 0 when the file would score (warnings allowed), 1 when its data has problems,
    2 when it cannot be read at all.
    """
    from mes import __version__
    from mes.analysis import completeness_issues
    from mes.errors import MesError
    from mes.results import ValidationReport
    from mes.settings import Settings
    from mes.validation import validate

    if format not in ("text", "json"):
        usage_error(f"--format {format!r}: choose text or json")
    respondents = None
    code = ExitCode.OK
    try:
        ins = load_instrument_option(instrument)
        table = read_input(file, ins, sheet)
        responses = validate(table, ins)
        issues = responses.issues + completeness_issues(responses, ins, Settings())
        if headcount is not None:
            from mes.headcount import headcount_issues, read_headcount

            issues += headcount_issues(responses, read_headcount(headcount, ins))
        respondents = responses.frame.height
    except MesError as exc:
        issues = exc.issues
        code = exc.exit_code
    if format == "json":
        report = ValidationReport(
            mes_version=__version__,
            file=file,
            valid=code == ExitCode.OK,
            respondents=respondents,
            issues=issues,
        )
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
        raise typer.Exit(int(code))
    if code != ExitCode.OK:
        fail(issues, code)
    from mes.errors import Severity

    out = err_console()
    warnings = sum(1 for i in issues if i.severity == Severity.WARNING)
    out.print(
        f"{file}: OK, {respondents} respondents, {warnings} warning(s)",
        markup=False,
        soft_wrap=True,
    )
    if issues:
        from mes.render.issues import render_issues

        render_issues(issues, out)


def schema_command(
    kind: Annotated[
        str, typer.Argument(help="Which output: score, validate, diff, trend, mirror or link.")
    ] = "score",
) -> None:
    """Print the JSON Schema of mes's JSON output (committed under mes/schema/)."""
    from mes.schemas import SCHEMAS, schema_text

    if kind not in SCHEMAS:
        usage_error(f"unknown schema {kind!r}; choose one of: {', '.join(SCHEMAS)}")
    sys.stdout.write(schema_text(kind))


def instrument_command() -> None:
    """Print the built-in MES-5 instrument file: a starting point for your own questionnaire."""
    from mes.instrument import builtin_toml

    sys.stdout.write(builtin_toml())
