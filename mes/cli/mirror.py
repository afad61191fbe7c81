"""The ``mirror`` command: customers' ratings beside employees' expectations, per aspect."""

from __future__ import annotations

import sys
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
from mes.cli.options import InstrumentOpt, LangOpt, OutputOpt, SheetOpt
from mes.privacy import LOWEST_MIN_GROUP_SIZE
from mes.render import OutputFormat

if TYPE_CHECKING:
    from mes.errors import Issue
    from mes.mirror import MirrorOptions

DefinitionOpt = Annotated[
    Path | None,
    typer.Option(
        "--definition",
        metavar="TOML",
        help="Mirror definition (TOML); default: the built-in six aspects (see --template).",
        dir_okay=False,
    ),
]


customer_sheet_option = Annotated[
    str | None,
    typer.Option("--customer-sheet", metavar="NAME", help="Sheet of the customer workbook."),
]


def mirror_command(
    employees: Annotated[
        str | None,
        typer.Argument(
            metavar="EMPLOYEES",
            help="Staff survey export that also holds the expectation questions.",
            show_default=False,
        ),
    ] = None,
    customers: Annotated[
        str | None,
        typer.Argument(
            metavar="CUSTOMERS",
            help="Customer survey: one row per response, with the team that served them.",
            show_default=False,
        ),
    ] = None,
    definition: DefinitionOpt = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table (terminal), json or xlsx.")
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: Annotated[
        int,
        typer.Option(
            "--min-group-size",
            "-k",
            metavar="K",
            help="Fewer respondents or answers than this are never shown (3 or more).",
        ),
    ] = 5,
    confidence: Annotated[
        float,
        typer.Option(
            "--confidence", metavar="LEVEL", help="Confidence level of test and interval."
        ),
    ] = 0.95,
    min_change: Annotated[
        float,
        typer.Option(
            "--min-change",
            metavar="POINTS",
            help="Points (0-100) a significant gap needs to count as a blind spot.",
        ),
    ] = 5.0,
    sheet: SheetOpt = None,
    customer_sheet: customer_sheet_option = None,
    instrument: InstrumentOpt = None,
    lang: LangOpt = "en",
    template: Annotated[
        bool,
        typer.Option("--template", help="Print the built-in mirror definition and exit."),
    ] = False,
) -> None:
    """Mirror survey: what customers say per aspect of the service, beside what employees
    expect them to say.

    Per aspect, for the organisation and every department and team in both files: the
    customers' score, the employees' expectation (0-100), the gap with its interval (Welch),
    and a verdict: employees underestimate, overestimate, or are in line. A gap counts only
    when it is significant and at least --min-change points. Groups that mes score suppresses,
    and customer figures on fewer than K answers, are never shown.
    """
    if template:
        from mes.mirror_definition import builtin_toml

        sys.stdout.write(builtin_toml())
        return
    if employees is None or customers is None:
        usage_error("give two files: EMPLOYEES CUSTOMERS (or --template)")
    if employees == STDIO and customers == STDIO:
        usage_error("only one of the two files can be read from standard input")
    options = _options(min_group_size, confidence, min_change)
    if format == OutputFormat.XLSX and output in (None, STDIO) and sys.stdout.isatty():
        usage_error("a workbook cannot be shown in a terminal; give -o mirror.xlsx")
    with handled():
        from mes.mirror_definition import builtin_definition, load_definition

        defn = load_definition(definition) if definition is not None else builtin_definition()
        ins = load_instrument_option(instrument)
        employee_table = read_input(employees, ins, sheet, warm=("scipy.stats",))
        customer_table = read_input(customers, defn.customer_instrument(), customer_sheet)
        from mes.mirror import mirror

        report = mirror(employee_table, customer_table, defn, ins, options)
        warn(report.issues)
        inputs = (employees, customers)
        if format == OutputFormat.JSON:
            from mes.render.json import to_json

            write_output(to_json(report), output, inputs=inputs)
        elif format == OutputFormat.XLSX:
            from mes.render.mirror_xlsx import write_mirror_workbook

            write_output(
                lambda path: write_mirror_workbook(report, path, lang=lang),
                output,
                inputs=inputs,
                binary=True,
            )
        else:
            from mes.render.mirror_table import render_mirror

            if output in (None, STDIO):
                render_mirror(report, console(), lang)
            else:

                def write_text(path: Path) -> None:
                    with path.open("w", encoding="utf-8") as fh:
                        render_mirror(report, console(fh), lang)

                write_output(write_text, output, inputs=inputs)


def _options(min_group_size: int, confidence: float, min_change: float) -> MirrorOptions:
    from mes.mirror import MirrorOptions

    if min_group_size < LOWEST_MIN_GROUP_SIZE:
        usage_error(
            f"--min-group-size {min_group_size} is refused: below {LOWEST_MIN_GROUP_SIZE} "
            "people can be recognised from their group's figures",
            "min-group-size-too-small",
        )
    if not 0.5 < confidence < 1.0:
        usage_error(f"--confidence {confidence}: give a level between 0.5 and 1, such as 0.95")
    if not 0.0 <= min_change <= 100.0:
        usage_error(f"--min-change {min_change}: give points between 0 and 100, such as 5")
    return MirrorOptions(
        min_group_size=min_group_size, confidence=confidence, min_change=min_change
    )


def warn(issues: list[Issue]) -> None:
    """Warnings on stderr, after a summary line (stdout carries the result only)."""
    from mes.render.issues import render_issues, summary_line

    if not issues:
        return
    out = err_console()
    out.print(f"mes: {summary_line(issues)}", markup=False, soft_wrap=True)
    render_issues(issues, out)
