"""The ``score``, ``validate``, ``schema`` and ``instrument`` commands.

Heavy libraries (polars, scipy, openpyxl) are imported inside the commands, so that
``mes --help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import (
    check_output,
    check_output_folder,
    err_console,
    fail,
    handled,
    refuse_workbook_to_terminal,
    usage_error,
    warn,
    write_chunks,
    write_files,
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
from mes.messages import N_, message
from mes.render import OutputFormat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from mes.errors import Issue
    from mes.pipeline import ReadOptions
    from mes.render import Lang
    from mes.results import DiffReport, ScoreReport


class ScoreFormat(StrEnum):
    """What ``mes score`` writes: `OutputFormat`'s three, and a folder of one-page PDFs."""

    TABLE = OutputFormat.TABLE.value
    JSON = OutputFormat.JSON.value
    XLSX = OutputFormat.XLSX.value
    PDF = "pdf"


SCORE_HELP = N_(
    """Score a survey export: MES per organisation, department and team.

Shows respondents, MES with its confidence interval, the share customer-energetic, each
trait's mean and favourable share, and the focus trait. Groups smaller than the minimum
group size are suppressed, and so is any group from which they could be worked out."""
)


def score_command(
    file: FileArg,
    format: Annotated[
        ScoreFormat,
        typer.Option(
            "--format",
            "-f",
            help=N_(
                "table (terminal), json, xlsx, or pdf: a one-page report per shown department "
                "and team, the organisation, and all of them in one file, written into the folder "
                "-o names (e.g. -o reports/)."
            ),
        ),
    ] = ScoreFormat.TABLE,
    output: OutputOpt = None,
    by: ByOpt = None,
    individuals: Annotated[
        bool,
        typer.Option(
            "--individuals",
            help=N_(
                "Add per-person scores (JSON and xlsx; off by default). Each row is one "
                "person's answers in scores: rows come in a shuffled order, ids become pseudonyms "
                "(P001, ...), and a department, team or --by label is shown only where at least K "
                "people share the row's labels. Treat such a file as personal data."
            ),
        ),
    ] = False,
    keep_ids: Annotated[
        bool,
        typer.Option(
            "--keep-ids",
            help=N_(
                "With --individuals: keep the respondent ids of the file instead of pseudonyms."
            ),
        ),
    ] = False,
    min_group_size: Annotated[
        int,
        min_group_size_option(
            N_("Groups with fewer scored respondents are suppressed (3 or more).")
        ),
    ] = DEFAULT_MIN_GROUP_SIZE,
    confidence: Annotated[float, confidence_option()] = DEFAULT_CONFIDENCE,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    headcount: HeadcountOpt = None,
    min_response: MinResponseOpt = 0.6,
    lang: LangOpt = "en",
    previous: Annotated[
        str | None,
        typer.Option(
            "--previous",
            metavar="FILE",
            help=N_(
                "With --format pdf: last quarter's survey file or saved result (mes score "
                "--format json); each page then shows the change since that quarter, as mes diff "
                "computes it."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from mes import pipeline

    with handled():
        settings = pipeline.scoring_settings(min_group_size, confidence)
    if keep_ids and not individuals:
        usage_error(message("--keep-ids goes with --individuals"))
    with handled():
        pipeline.check_min_response(min_response)
    if individuals and format == ScoreFormat.PDF:
        usage_error(
            message("--individuals goes with --format json or xlsx: a team page shows groups only")
        )
    if previous is not None and format != ScoreFormat.PDF:
        usage_error(message("--previous goes with --format pdf (mes diff compares two quarters)"))
    if format == ScoreFormat.XLSX:
        refuse_workbook_to_terminal(output)
    if format == ScoreFormat.PDF:
        folder = check_output_folder(output)
    else:
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
            from mes.render.catalogue import tr
            from mes.render.terminal.score import render_score

            render_score(report, out, lang)
            if individuals:  # per-person rows do not belong in a group table: say where they are
                people = report.people()
                n = 0 if people is None else len(people)
                err_console().print(
                    tr(
                        lang,
                        "mes: the {n} per-person rows of --individuals are not shown in the "
                        "table; they are in --format json and in --format xlsx -o FILE (sheet "
                        "Individuals). Treat them as personal data.",
                        n=n,
                    ),
                    markup=False,
                    soft_wrap=True,
                )

        def workbook(path: Path) -> None:
            from mes.render.xlsx.score import write_score_workbook

            write_score_workbook(report, path, lang=lang)

        if format == ScoreFormat.PDF:
            assert output is not None  # check_output_folder refused no -o
            change = None if previous is None else _change(previous, report, read)
            _write_pdfs(report, change, folder, output, lang)
            return
        inputs = (file,) if headcount is None else (file, headcount)
        if format == ScoreFormat.JSON and individuals:
            from mes.render.json_people import score_json_chunks

            write_chunks(score_json_chunks(report), output, inputs)
            return
        write_result(report, OutputFormat(format), output, inputs, table=table, workbook=workbook)


def _change(previous: str, report: ScoreReport, read: ReadOptions) -> DiffReport:
    """``--previous``: that quarter loaded (a saved result, or a survey file scored with this
    run's settings) and compared with this one, as ``mes diff`` would."""
    from mes import pipeline
    from mes.change.diff import diff
    from mes.change.options import CompareOptions
    from mes.change.people import Side

    options = pipeline.ChangeOptions(
        read=read,
        compare=CompareOptions(confidence=report.settings.confidence, paired=False),
        min_group_size=report.settings.min_group_size,
    )
    (old,) = pipeline.load_quarters((previous,), options, want_people=False, warn=_warn_quarter)
    change = diff(old, Side(report), options.compare)
    warn(change.issues, about="--previous")
    return change


def _warn_quarter(what: str, issues: Sequence[Issue]) -> None:
    warn(issues, about=what)


def _write_pdfs(
    report: ScoreReport, change: DiffReport | None, folder: Path, output: str, lang: Lang
) -> None:
    import datetime as dt

    from mes.render.pdf import team_pdfs

    files = team_pdfs(report, lang=lang, today=dt.date.today(), change=change)
    if not files:
        usage_error(
            message(
                "no group can be shown (fewer than --min-group-size people were "
                "scored), so there is no page to write"
            )
        )
    write_files(folder, files, output)


VALIDATE_HELP = N_(
    """Check a survey export and report every problem; scores nothing.

Exit 0 when the file would score (warnings allowed), 1 when its data has problems,
2 when it cannot be read at all."""
)


def validate_command(
    file: FileArg,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help=N_("text (stderr summary) or json (stdout)."))
    ] = "text",
    headcount: HeadcountOpt = None,
    lang: LangOpt = "en",
) -> None:
    from mes import pipeline

    chosen = _VALIDATE_FORMATS.get(format)
    if chosen is None:
        usage_error(message("--format {format!r}: choose text or json", format=format))
    report, code = pipeline.validate_file(file, instrument, sheet, headcount)
    issues = report.issues
    if chosen == OutputFormat.JSON:
        from mes.render.json import to_json

        sys.stdout.write(to_json(report, lang))
        raise typer.Exit(int(code))
    if code != ExitCode.OK:
        fail(issues, code)
    from mes.errors import Severity
    from mes.render.catalogue import tr

    out = err_console()
    warnings = sum(1 for i in issues if i.severity == Severity.WARNING)
    ok = tr(
        lang,
        "{file}: OK, {respondents} respondents, {warnings} warning(s)",
        file=file,
        respondents=report.respondents,
        warnings=warnings,
    )
    out.print(ok, markup=False, soft_wrap=True)
    if issues:
        from mes.render.terminal.issues import render_issues

        render_issues(issues, out, lang)


#: ``mes validate --format``: "text" (the default, a summary on stderr) is what the other commands
#: call "table"; both are accepted.
_VALIDATE_FORMATS = {
    "text": OutputFormat.TABLE,
    OutputFormat.TABLE.value: OutputFormat.TABLE,
    OutputFormat.JSON.value: OutputFormat.JSON,
}


SCHEMA_HELP = N_("""Print the JSON Schema of mes's JSON output (committed under mes/schema/).""")


def schema_command(
    kind: Annotated[
        str,
        typer.Argument(
            help=N_("Which output: score, validate, diff, trend, mirror, link or drivers.")
        ),
    ] = "score",
) -> None:
    from mes.schemas import SCHEMAS, schema_text

    if kind not in SCHEMAS:
        usage_error(
            message(
                "unknown schema {kind!r}; choose one of: {items}",
                kind=kind,
                items=", ".join(SCHEMAS),
            )
        )
    sys.stdout.write(schema_text(kind))


INSTRUMENT_HELP = N_(
    """Print the built-in MES-5 instrument file: a starting point for your own questionnaire."""
)


def instrument_command(
    scale: Annotated[
        str | None,
        typer.Option(
            "--scale",
            help=N_(
                "Answer scale of the statements, e.g. 1-10 (the Dutch report grade), 1-7 or "
                "0-10; the file is MES-5 on that scale. Default: 1-5 agreement."
            ),
        ),
    ] = None,
) -> None:
    from mes.instrument import builtin_toml, builtin_toml_for_scale, parse_scale

    if scale is None:
        sys.stdout.write(builtin_toml())
        return
    bounds = parse_scale(scale)
    if bounds is None:
        usage_error(
            message(
                "--scale {scale!r}: give the lowest and highest answer, such as 1-10", scale=scale
            )
        )
    sys.stdout.write(builtin_toml_for_scale(*bounds))
