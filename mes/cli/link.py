"""The ``link`` command: each team's MES beside the team's customer score, across teams."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import (
    STDIO,
    check_output,
    handled,
    refuse_workbook_to_terminal,
    usage_error,
    warn,
    write_result,
)
from mes.cli.mirror import customer_sheet_option
from mes.cli.options import InstrumentOpt, LangOpt, OutputOpt, SheetOpt
from mes.messages import N_, message
from mes.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

_SCALE = re.compile(r"^\s*(-?\d+)\s*[-–]\s*(-?\d+)\s*$")


LINK_HELP = N_(
    """Team energy beside customer score: each team's MES, traits and share customer-energetic
next to the team's customer score, and the correlation across teams (Pearson and Spearman
with intervals). With few teams only a strong relation can be seen; the words say so. With
--previous, also each team's change in MES against its change in customer score; with
--earlier as well, the change in MES against the next quarter's change in customer score."""
)


def link_command(
    survey: Annotated[
        str,
        typer.Argument(metavar="SURVEY", help=N_("Staff survey export."), show_default=False),
    ],
    customers: Annotated[
        str,
        typer.Argument(
            metavar="CUSTOMERS",
            help=N_(
                "Customer survey: one row per response with the team that served them and a "
                "score, or one row per team with its score and n."
            ),
            show_default=False,
        ),
    ],
    score_column: Annotated[
        str | None,
        typer.Option(
            "--score-column",
            metavar="HEADER",
            help=N_(
                "Customer score column (default: one headed score, cijfer, rapportcijfer, "
                "tevredenheid, satisfaction, csat, rating, ...)."
            ),
        ),
    ] = None,
    scale: Annotated[
        str, typer.Option("--scale", metavar="MIN-MAX", help=N_("Scale of the customer score."))
    ] = "1-10",
    previous: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--previous",
            metavar="SURVEY CUSTOMERS",
            help=N_(
                "The staff survey and customer file of the quarter before: adds how each "
                "team's change in MES goes with its change in customer score."
            ),
            show_default=False,
        ),
    ] = None,
    earlier: Annotated[
        str | None,
        typer.Option(
            "--earlier",
            metavar="SURVEY",
            help=N_(
                "The staff survey of the quarter before --previous: adds how each team's "
                "change in MES (that quarter to --previous) goes with the NEXT quarter's change in "
                "customer score (--previous to now), the lag the literature describes."
            ),
            show_default=False,
        ),
    ] = None,
    rename: Annotated[
        list[str] | None,
        typer.Option(
            "--rename",
            metavar="OLD=NEW",
            help=N_(
                "A team renamed since the earlier quarters (with --previous); repeat for more."
            ),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=N_("table (terminal), json or xlsx."))
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: Annotated[
        int,
        typer.Option(
            "--min-group-size",
            "-k",
            metavar="K",
            help=N_(
                "Fewer respondents or customer responses than this are never shown (3 or more)."
            ),
        ),
    ] = 5,
    confidence: Annotated[
        float,
        typer.Option(
            "--confidence", metavar="LEVEL", help=N_("Confidence level of the intervals.")
        ),
    ] = 0.95,
    sheet: SheetOpt = None,
    customer_sheet: customer_sheet_option = None,
    instrument: InstrumentOpt = None,
    lang: LangOpt = "en",
) -> None:
    from mes import pipeline
    from mes.instrument import Scale

    files = [survey, customers, *(previous or ()), *([earlier] if earlier else [])]
    if files.count(STDIO) > 1:
        usage_error(message("only one of the files can be read from standard input"))
    if format == OutputFormat.XLSX:
        refuse_workbook_to_terminal(output, "link.xlsx")
    pipeline.check_min_group_size(min_group_size)
    pipeline.check_confidence(confidence)
    check_output(output, tuple(files))
    match = _SCALE.match(scale)
    if match is None or int(match.group(1)) >= int(match.group(2)):
        usage_error(
            message(
                "--scale {scale!r}: give the lowest and highest answer, such as 1-10 or 0-10",
                scale=scale,
            )
        )
    answer_scale = Scale(min=int(match.group(1)), max=int(match.group(2)))
    renames: dict[str, str] = {}
    for given in rename or []:
        old, sep, new = given.partition("=")
        if not sep or not old.strip() or not new.strip():
            usage_error(
                message(
                    "--rename {given!r}: write the old and the new name as OLD=NEW", given=given
                )
            )
        renames[old.strip()] = new.strip()
    if earlier is not None and previous is None:
        usage_error(message("--earlier needs --previous: the lag runs over three quarters"))
    if renames and previous is None:
        usage_error(
            message("--rename needs --previous: it names teams renamed since the earlier quarter")
        )
    with handled():
        from mes.link import customer_instrument, link

        ins = pipeline.load_instrument(instrument)
        survey_table = pipeline.read_survey(survey, ins, sheet, warm=("scipy.stats",))
        cust_ins = customer_instrument(score_column, answer_scale)
        customer_table = pipeline.read_survey(customers, cust_ins, customer_sheet)
        options = {
            "score_column": score_column,
            "scale": answer_scale,
            "min_group_size": min_group_size,
            "confidence": confidence,
        }
        report = link(survey_table, customer_table, ins, **options)  # type: ignore[arg-type]
        if previous is not None:
            from mes.link_change import link_change

            before = link(
                pipeline.read_survey(previous[0], ins, sheet),
                pipeline.read_survey(previous[1], cust_ins, customer_sheet),
                ins,
                **options,  # type: ignore[arg-type]
            )
            change = link_change(before, report, confidence, renames)
            issues = [*before.issues, *report.issues]
            lag = None
            if earlier is not None:
                from mes.link import staff_quarter
                from mes.link_change import link_lag

                first = staff_quarter(
                    pipeline.read_survey(earlier, ins, sheet),
                    ins,
                    min_group_size=min_group_size,
                    confidence=confidence,
                )
                lag = link_lag(first, before, report, confidence, renames)
                issues = [*first.issues, *issues]
            report = report.model_copy(update={"change": change, "lag": lag, "issues": issues})
        warn(report.issues)

        def table(out: Console) -> None:
            from mes.render.terminal.link import render_link

            render_link(report, out, lang)

        def workbook(path: Path) -> None:
            from mes.render.xlsx.link import write_link_workbook

            write_link_workbook(report, path, lang=lang)

        write_result(report, format, output, tuple(files), table=table, workbook=workbook)
