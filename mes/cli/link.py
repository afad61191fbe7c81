"""The ``link`` command: each team's MES beside the team's customer score, across teams."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import STDIO, handled, usage_error, warn, write_result
from mes.cli.mirror import customer_sheet_option
from mes.cli.options import (
    InstrumentOpt,
    LangOpt,
    OutputOpt,
    SheetOpt,
    confidence_option,
    min_group_size_option,
)
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_GROUP_SIZE
from mes.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

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
        min_group_size_option(
            "Fewer respondents or customer responses than this are never shown (3 or more)."
        ),
    ] = DEFAULT_MIN_GROUP_SIZE,
    confidence: Annotated[float, confidence_option()] = DEFAULT_CONFIDENCE,
    sheet: SheetOpt = None,
    customer_sheet: customer_sheet_option = None,
    instrument: InstrumentOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Team energy beside customer score: each team's MES, traits and share customer-energetic
    next to the team's customer score, and the correlation across teams (Pearson and Spearman
    with intervals). With few teams only a strong relation can be seen; the words say so.
    """
    from mes import pipeline
    from mes.instrument import Scale

    if survey == STDIO and customers == STDIO:
        usage_error("only one of the two files can be read from standard input")
    if format == OutputFormat.XLSX:
        usage_error("mes link writes a table or JSON; a workbook is not available yet")
    pipeline.check_min_group_size(min_group_size)
    pipeline.check_confidence(confidence)
    match = _SCALE.match(scale)
    if match is None or int(match.group(1)) >= int(match.group(2)):
        usage_error(f"--scale {scale!r}: give the lowest and highest answer, such as 1-10 or 0-10")
    answer_scale = Scale(min=int(match.group(1)), max=int(match.group(2)))
    with handled():
        from mes.link import customer_instrument, link

        ins = pipeline.load_instrument(instrument)
        survey_table = pipeline.read_survey(survey, ins, sheet, warm=("scipy.stats",))
        cust_ins = customer_instrument(score_column, answer_scale)
        customer_table = pipeline.read_survey(customers, cust_ins, customer_sheet)
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

        def table(out: Console) -> None:
            from mes.render.terminal.link import render_link

            render_link(report, out, lang)

        write_result(report, format, output, (survey, customers), table=table)
