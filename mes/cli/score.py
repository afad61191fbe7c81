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
    check_output,
    err_console,
    fail,
    handled,
    refuse_workbook_to_terminal,
    usage_error,
    warn,
    write_chunks,
    write_result,
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
    confidence_option,
    min_group_size_option,
)
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_GROUP_SIZE
from mes.exit_codes import ExitCode
from mes.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console


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
        min_group_size_option("Groups with fewer scored respondents are suppressed (3 or more)."),
    ] = DEFAULT_MIN_GROUP_SIZE,
    confidence: Annotated[float, confidence_option()] = DEFAULT_CONFIDENCE,
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
    from mes import pipeline

    settings = pipeline.scoring_settings(min_group_size, confidence)
    if keep_ids and not individuals:
        usage_error("--keep-ids goes with --individuals")
    if not 0.0 <= min_response <= 1.0:
        usage_error(f"--min-response {min_response}: give a share from 0 to 1, e.g. 0.6")
    if format == OutputFormat.XLSX:
        refuse_workbook_to_terminal(output)
    check_output(output, (file,) if headcount is None else (file, headcount))
    with handled():
        read = pipeline.ReadOptions(
            pipeline.load_instrument(instrument), sheet, by or [], skip_invalid
        )
        report = pipeline.score_file(
            file,
            read,
            settings,
            individuals=individuals,
            keep_ids=keep_ids,
            warm=("mes.report",),
            headcount=headcount,
            min_response=min_response,
        )
        warn(report.issues, skipped=report.source.skipped)

        def table(out: Console) -> None:
            from mes.render.terminal.score import render_score

            render_score(report, out, lang)
            if individuals:  # per-person rows do not fit a group table: say where they are
                err_console().print(
                    "mes: the per-person scores (--individuals) are in --format json or "
                    "--format xlsx -o FILE; the table shows groups only",
                    markup=False,
                    soft_wrap=True,
                )

        def workbook(path: Path) -> None:
            from mes.render.xlsx.score import write_score_workbook

            write_score_workbook(report, path, lang=lang)

        inputs = (file,) if headcount is None else (file, headcount)
        if format == OutputFormat.JSON and individuals:
            from mes.render.json_people import score_json_chunks

            write_chunks(score_json_chunks(report), output, inputs)
            return
        write_result(report, format, output, inputs, table=table, workbook=workbook)


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
    from mes import pipeline

    chosen = _VALIDATE_FORMATS.get(format)
    if chosen is None:
        usage_error(f"--format {format!r}: choose text or json")
    report, code = pipeline.validate_file(file, instrument, sheet, headcount)
    issues = report.issues
    if chosen == OutputFormat.JSON:
        from mes.render.json import to_json

        sys.stdout.write(to_json(report))
        raise typer.Exit(int(code))
    if code != ExitCode.OK:
        fail(issues, code)
    from mes.errors import Severity

    out = err_console()
    warnings = sum(1 for i in issues if i.severity == Severity.WARNING)
    out.print(
        f"{file}: OK, {report.respondents} respondents, {warnings} warning(s)",
        markup=False,
        soft_wrap=True,
    )
    if issues:
        from mes.render.terminal.issues import render_issues

        render_issues(issues, out)


#: ``mes validate --format``: "text" (the default, a summary on stderr) is what the other commands
#: call "table"; both are accepted.
_VALIDATE_FORMATS = {
    "text": OutputFormat.TABLE,
    OutputFormat.TABLE.value: OutputFormat.TABLE,
    OutputFormat.JSON.value: OutputFormat.JSON,
}


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
