"""The ``link`` command: each team's MES beside the team's customer score, across teams."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from mes.cli.common import (
    STDIO,
    console,
    handled,
    load_instrument_option,
    read_input,
    usage_error,
    write_output,
)
from mes.cli.mirror import customer_sheet_option, warn
from mes.cli.options import InstrumentOpt, LangOpt, OutputOpt, SheetOpt
from mes.privacy import LOWEST_MIN_GROUP_SIZE
from mes.render import OutputFormat

_SCALE = re.compile(r"^\s*(-?\d+)\s*[-–]\s*(-?\d+)\s*$")


def link_command(
    survey: Annotated[
        str,
        typer.Argument(metavar="SURVEY", help="Staff survey export.", show_default=False),
    ],
    customers: Annotated[
        str,
        typer.Argument(
            metavar="CUSTOMERS",
            help="Customer survey: one row per response, the team that served them and a score.",
            show_default=False,
        ),
    ],
    score_column: Annotated[
        str | None,
        typer.Option(
            "--score-column",
            metavar="HEADER",
            help="Customer score column (default: one headed score, cijfer, rapportcijfer, "
            "tevredenheid, satisfaction, csat, rating, ...).",
        ),
    ] = None,
    scale: Annotated[
        str, typer.Option("--scale", metavar="MIN-MAX", help="Scale of the customer score.")
    ] = "1-10",
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (terminal) or json.")
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: Annotated[
        int,
        typer.Option(
            "--min-group-size",
            "-k",
            metavar="K",
            help="Fewer respondents or customer responses than this are never shown (3 or more).",
        ),
    ] = 5,
    confidence: Annotated[
        float,
        typer.Option("--confidence", metavar="LEVEL", help="Confidence level of the intervals."),
    ] = 0.95,
    sheet: SheetOpt = None,
    customer_sheet: customer_sheet_option = None,
    instrument: InstrumentOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Team energy beside customer score: each team's MES, traits and share customer-energetic
    next to the team's customer score, and the correlation across teams (Pearson and Spearman
    with intervals). With few teams only a strong relation can be seen; the words say so.
    """
    from mes.instrument import Scale

    if survey == STDIO and customers == STDIO:
        usage_error("only one of the two files can be read from standard input")
    if format == OutputFormat.XLSX:
        usage_error("mes link writes a table or JSON; a workbook is not available yet")
    if min_group_size < LOWEST_MIN_GROUP_SIZE:
        usage_error(
            f"--min-group-size {min_group_size} is refused: below {LOWEST_MIN_GROUP_SIZE} "
            "people can be recognised from their group's figures",
            "min-group-size-too-small",
        )
    if not 0.5 < confidence < 1.0:
        usage_error(f"--confidence {confidence}: give a level between 0.5 and 1, such as 0.95")
    match = _SCALE.match(scale)
    if match is None or int(match.group(1)) >= int(match.group(2)):
        usage_error(f"--scale {scale!r}: give the lowest and highest answer, such as 1-10 or 0-10")
    answer_scale = Scale(min=int(match.group(1)), max=int(match.group(2)))
    with handled():
        from mes.link import customer_instrument, link

        ins = load_instrument_option(instrument)
        survey_table = read_input(survey, ins, sheet, warm=("scipy.stats",))
        cust_ins = customer_instrument(score_column, answer_scale)
        customer_table = read_input(customers, cust_ins, customer_sheet)
        report = link(
            survey_table,
            customer_table,
            ins,
            score_column=score_column,
            scale=answer_scale,
            min_group_size=min_group_size,
            confidence=confidence,
        )
        warn(report.issues)
        inputs = (survey, customers)
        if format == OutputFormat.JSON:
            from mes.render.json import to_json

            write_output(to_json(report), output, inputs=inputs)
            return
        from mes.render.link_table import render_link

        if output in (None, STDIO):
            render_link(report, console(), lang)
            return

        def write_text(path: Path) -> None:
            with path.open("w", encoding="utf-8") as fh:
                render_link(report, console(fh), lang)

        write_output(write_text, output, inputs=inputs)
