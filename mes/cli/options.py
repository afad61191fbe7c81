"""Options that several commands share, declared once so their names and help texts agree."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mes.cli.language import lang_option
from mes.messages import N_
from mes.render import Lang

FileArg = Annotated[
    str,
    typer.Argument(
        metavar="FILE",
        help=N_(
            "Survey export: .xlsx, .csv, .json or JSON Lines, recognised by content; - for stdin."
        ),
        show_default=False,
    ),
]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help=N_("Workbook sheet to read (default: the one whose header fits)."),
    ),
]
InstrumentOpt = Annotated[
    Path | None,
    typer.Option(
        "--instrument",
        metavar="TOML",
        help=N_(
            "Questionnaire definition (TOML); default: the built-in MES-5 (see mes instrument)."
        ),
        dir_okay=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="PATH", help=N_("Write to this file; - means stdout.")),
]
ByOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--by",
        metavar="COLUMN",
        help=N_("Add a breakdown by this column (e.g. role); repeat for more."),
        show_default=False,
    ),
]
SkipInvalidOpt = Annotated[
    bool,
    typer.Option("--skip-invalid", help=N_("Score the valid rows; report the rows left out.")),
]
HeadcountOpt = Annotated[
    str | None,
    typer.Option(
        "--headcount",
        metavar="FILE",
        help=N_(
            "Who was invited, per group (department, team and a count such as 'aantal') or "
            "per employee (department and team; other columns are never read): adds each group's "
            "response rate and a margin of error corrected for the group's size."
        ),
    ),
]
HeadcountsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--headcount",
        metavar="FILE",
        help=N_(
            "Who was invited (as for mes score --headcount): one per quarter, in the quarters' "
            "order, to show each quarter's response beside the change."
        ),
        show_default=False,
    ),
]
MinResponseOpt = Annotated[
    float,
    typer.Option(
        "--min-response",
        metavar="SHARE",
        help=N_("With --headcount: flag groups whose response is below this share (0-1)."),
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        help=N_("Language of tables, reports and messages (default: the system's, else en)."),
        callback=lang_option,
        is_eager=True,
        show_default=False,
    ),
]


def min_group_size_option(help: str) -> Any:
    """``--min-group-size``/``-k``: the same names everywhere, help in the command's words."""
    return typer.Option("--min-group-size", "-k", metavar="K", help=help)


def confidence_option(help: str = N_("Confidence level of the intervals.")) -> Any:
    """``--confidence``: the same name everywhere, help in the command's words."""
    return typer.Option("--confidence", metavar="LEVEL", help=help)
