"""The ``drivers`` command: how each trait relates to an outcome question (energy at the end of
the day, eNPS, any declared outcome) across people, per shown group, and the priority."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import check_output, handled, refuse_workbook_to_terminal, warn, write_result
from mes.cli.options import (
    ByOpt,
    FileArg,
    InstrumentOpt,
    LangOpt,
    OutputOpt,
    SheetOpt,
    SkipInvalidOpt,
    confidence_option,
    min_group_size_option,
)
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_GROUP_SIZE
from mes.messages import N_
from mes.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console


DRIVERS_HELP = N_(
    """What drives energy: how each trait relates to an outcome question across people.

Per outcome, for the organisation and every shown group with at least 30 people who
answered every trait and the outcome: Pearson's r with its interval, each trait's share of
the explained variance (R²) with a bootstrap interval, and the priority: a trait that is
both low and a strong driver. Relations across people, not causes."""
)


def drivers_command(
    file: FileArg,
    outcome: Annotated[
        list[str] | None,
        typer.Option(
            "--outcome",
            metavar="KEY",
            help=N_(
                "The outcome question to relate the traits to, by its key in the instrument "
                "(energy, enps, or one of your own); repeat for more. Default: energy if the file "
                "has it, else every outcome it has."
            ),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=N_("table (terminal), json or xlsx."))
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    by: ByOpt = None,
    min_group_size: Annotated[
        int,
        min_group_size_option(
            N_(
                "Groups with fewer scored respondents are suppressed (3 or more); drivers need at "
                "least 30 people, or K if larger."
            )
        ),
    ] = DEFAULT_MIN_GROUP_SIZE,
    confidence: Annotated[float, confidence_option()] = DEFAULT_CONFIDENCE,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    lang: LangOpt = "en",
) -> None:
    from mes import pipeline

    settings = pipeline.scoring_settings(min_group_size, confidence)
    if format == OutputFormat.XLSX:
        refuse_workbook_to_terminal(output, "drivers.xlsx")
    check_output(output, (file,))
    with handled():
        from mes.driver_report import choose_outcomes, drivers_report

        read = pipeline.ReadOptions(
            pipeline.load_instrument(instrument), sheet, by or [], skip_invalid
        )
        scored = pipeline.scored_file(file, read, settings)
        chosen = choose_outcomes(scored.instrument, scored.persons, outcome or [], file)
        report = drivers_report(scored, chosen)
        warn(report.issues, skipped=report.source.skipped)

        def table(out: Console) -> None:
            from mes.render.terminal.drivers import render_drivers

            render_drivers(report, out, lang)

        def workbook(path: Path) -> None:
            from mes.render.xlsx.drivers import write_drivers_workbook

            write_drivers_workbook(report, path, lang=lang)

        write_result(report, format, output, (file,), table=table, workbook=workbook)
