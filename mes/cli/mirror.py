"""The ``mirror`` command: customers' ratings beside employees' expectations, per aspect."""

from __future__ import annotations

import sys
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
from mes.cli.options import (
    InstrumentOpt,
    LangOpt,
    OutputOpt,
    SheetOpt,
    confidence_option,
    min_group_size_option,
)
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_CHANGE, DEFAULT_MIN_GROUP_SIZE
from mes.messages import N_, message
from mes.render import OutputFormat

if TYPE_CHECKING:
    from rich.console import Console

    from mes.mirror import MirrorOptions

DefinitionOpt = Annotated[
    Path | None,
    typer.Option(
        "--definition",
        metavar="TOML",
        help=N_("Mirror definition (TOML); default: the built-in six aspects (see --template)."),
        dir_okay=False,
    ),
]


customer_sheet_option = Annotated[
    str | None,
    typer.Option("--customer-sheet", metavar="NAME", help=N_("Sheet of the customer workbook.")),
]


MIRROR_HELP = N_(
    """Mirror survey: what customers say per aspect of the service, beside what employees
expect them to say.

Per aspect, for the organisation and every department and team in both files: the
customers' score, the employees' expectation (0-100), the gap with its interval (Welch),
and a verdict: employees underestimate, overestimate, or are in line. A gap counts only
when it is significant and at least --min-change points. Groups that mes score suppresses,
and customer figures on fewer than K answers, are never shown."""
)


def mirror_command(
    employees: Annotated[
        str | None,
        typer.Argument(
            metavar="EMPLOYEES",
            help=N_("Staff survey export that also holds the expectation questions."),
            show_default=False,
        ),
    ] = None,
    customers: Annotated[
        str | None,
        typer.Argument(
            metavar="CUSTOMERS",
            help=N_("Customer survey: one row per response, with the team that served them."),
            show_default=False,
        ),
    ] = None,
    definition: DefinitionOpt = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help=N_("table (terminal), json or xlsx."))
    ] = OutputFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: Annotated[
        int,
        min_group_size_option(
            N_("Fewer respondents or answers than this are never shown (3 or more).")
        ),
    ] = DEFAULT_MIN_GROUP_SIZE,
    confidence: Annotated[
        float, confidence_option(N_("Confidence level of test and interval."))
    ] = DEFAULT_CONFIDENCE,
    min_change: Annotated[
        float,
        typer.Option(
            "--min-change",
            metavar="POINTS",
            help=N_("Points (0-100) a significant gap needs to count as a blind spot."),
        ),
    ] = DEFAULT_MIN_CHANGE,
    sheet: SheetOpt = None,
    customer_sheet: customer_sheet_option = None,
    instrument: InstrumentOpt = None,
    lang: LangOpt = "en",
    template: Annotated[
        bool,
        typer.Option("--template", help=N_("Print the built-in mirror definition and exit.")),
    ] = False,
) -> None:
    if template:
        from mes.mirror_definition import builtin_toml

        sys.stdout.write(builtin_toml())
        return
    if employees is None or customers is None:
        usage_error(message("give two files: EMPLOYEES CUSTOMERS (or --template)"))
    if employees == STDIO and customers == STDIO:
        usage_error(message("only one of the two files can be read from standard input"))
    options = _options(min_group_size, confidence, min_change)
    if format == OutputFormat.XLSX:
        refuse_workbook_to_terminal(output, "mirror.xlsx")
    check_output(output, (employees, customers))
    from mes import pipeline

    with handled():
        from mes.mirror_definition import builtin_definition, load_definition

        defn = load_definition(definition) if definition is not None else builtin_definition()
        ins = pipeline.load_instrument(instrument)
        employee_table = pipeline.read_survey(employees, ins, sheet, warm=("scipy.stats",))
        customer_table = pipeline.read_survey(customers, defn.customer_instrument(), customer_sheet)
        from mes.mirror import mirror

        report = mirror(employee_table, customer_table, defn, ins, options)
        warn(report.issues)

        def table(out: Console) -> None:
            from mes.render.terminal.mirror import render_mirror

            render_mirror(report, out, lang)

        def workbook(path: Path) -> None:
            from mes.render.xlsx.mirror import write_mirror_workbook

            write_mirror_workbook(report, path, lang=lang)

        write_result(report, format, output, (employees, customers), table=table, workbook=workbook)


def _options(min_group_size: int, confidence: float, min_change: float) -> MirrorOptions:
    from mes import pipeline
    from mes.mirror import MirrorOptions

    pipeline.check_min_group_size(min_group_size)
    pipeline.check_confidence(confidence)
    pipeline.check_min_change(min_change)
    return MirrorOptions(
        min_group_size=min_group_size, confidence=confidence, min_change=min_change
    )
