"""The ``columns`` command: what mes reads each column of a file as, and why."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from mes.cli.common import console, handled, usage_error, warn
from mes.cli.options import FileArg, InstrumentOpt, LangOpt, SheetOpt
from mes.exit_codes import ExitCode
from mes.messages import N_, message

COLUMNS_HELP = N_(
    """Show what mes reads each column of a file as, and why.

For every column: an item (which trait, which statement), the respondent id, the team,
department or role, personal data (never read), or unknown, with the reason (the name
itself, a statement, a known name, the instrument file, the words of a question), and for
an unknown column the expected one it most resembles. Exit 0 when every item has a column,
1 when one is missing, 2 when the file cannot be read."""
)


def columns_command(
    file: FileArg,
    format: Annotated[
        str, typer.Option("--format", "-f", help=N_("table (terminal) or json (stdout)."))
    ] = "table",
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    lang: LangOpt = "en",
) -> None:
    from mes import pipeline
    from mes.errors import Severity

    if format not in ("table", "json"):
        usage_error(message("--format {format!r}: choose table or json", format=format))
    with handled():
        report = pipeline.columns_file(file, instrument, sheet)
    code = (
        ExitCode.DATA_PROBLEMS
        if any(i.severity == Severity.ERROR for i in report.issues)
        else ExitCode.OK
    )
    if format == "json":
        from mes.render.json import to_json

        sys.stdout.write(to_json(report))
    else:
        from mes.render.terminal.columns import render_columns

        render_columns(report, console(), lang)
        warn(report.issues)
    raise typer.Exit(int(code))
