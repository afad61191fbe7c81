"""The ``diff`` and ``trend`` commands: compare quarters given as survey files or saved results.

A quarter given as a result saved with ``mes score --format json`` is recognised by its content
(a JSON object of kind ``mes.score``); anything else is read as a survey export and scored first,
with the same settings, so that both give the same comparison. Reading the quarters is
`mes.pipeline` (`diff_files`, `trend_files`), the comparison itself `mes.change`; this module
only parses options, calls them, and writes.

Heavy libraries (polars, scipy, pydantic) are imported inside the commands, so that
``mes --help`` stays fast.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mes.cli.common import (
    check_output,
    handled,
    refuse_workbook_to_terminal,
    warn,
    write_result,
)
from mes.cli.options import (
    ByOpt,
    HeadcountsOpt,
    InstrumentOpt,
    LangOpt,
    MinResponseOpt,
    OutputOpt,
    SheetOpt,
    SkipInvalidOpt,
    confidence_option,
)
from mes.defaults import DEFAULT_CONFIDENCE, DEFAULT_MIN_CHANGE
from mes.messages import N_
from mes.render import OutputFormat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from mes.change.options import CompareOptions
    from mes.errors import Issue
    from mes.pipeline import ChangeOptions


class TrendFormat(StrEnum):
    """The formats of `OutputFormat` that ``mes trend`` writes (Typer refuses any other, such as
    ``--format pdf``, with exit 2 before anything is read)."""

    TABLE = OutputFormat.TABLE.value
    JSON = OutputFormat.JSON.value
    XLSX = OutputFormat.XLSX.value


QuarterArg = Annotated[
    str,
    typer.Argument(
        help=N_(
            "A survey export (anything mes score reads; - for stdin) or a result saved with "
            "mes score --format json."
        ),
        show_default=False,
    ),
]
RenameOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--rename",
        metavar="OLD=NEW",
        help=N_(
            "A department or team renamed since the earlier quarter; repeat for more. Write "
            "Dept/Team=Dept/Team to name one of two same-named teams, or to move a team."
        ),
        show_default=False,
    ),
]
RenameFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--rename-file",
        metavar="TOML",
        help=N_('Renames in a TOML file, one per line: "Old name" = "New name".'),
        dir_okay=False,
    ),
]
LabelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        metavar="NAME",
        help=N_(
            "A name for each quarter in tables, workbooks and JSON, e.g. --label 'Q2 2026' "
            "--label 'Q3 2026': one per quarter, in the same order. Default: the file names "
            "without folder and extension."
        ),
        show_default=False,
    ),
]
ConfidenceOpt = Annotated[
    float,
    confidence_option(N_("A change must be significant at this level to be rising or falling.")),
]
MinChangeOpt = Annotated[
    float,
    typer.Option(
        "--min-change",
        metavar="POINTS",
        help=N_("A change must also be at least this many MES points to be rising or falling."),
    ),
]
AllowInstrumentOpt = Annotated[
    bool,
    typer.Option(
        "--allow-instrument-change",
        help=N_(
            "Compare quarters scored with different questionnaires: only the traits whose items "
            "and scale are identical (MES only if all are)."
        ),
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help=N_("table (terminal), json, or xlsx (an Excel workbook; give -o changes.xlsx)."),
    ),
]
TrendFormatOpt = Annotated[
    TrendFormat,
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "table (terminal), json, or xlsx (an Excel workbook with a line chart per group "
            "over the quarters; give -o trend.xlsx)."
        ),
    ),
]
MinGroupSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--min-group-size",
        "-k",
        metavar="K",
        help=N_(
            "Minimum group size for scoring survey files (3 or more; default: that of the "
            "saved results given, else 5)."
        ),
        show_default=False,
    ),
]


DIFF_HELP = N_(
    """Compare two quarters, OLD then NEW: per group the change in MES and whether it is real.

For every group shown in both quarters: respondents on both sides, the change in MES, in the
share customer-energetic and in each trait, Welch's test with the interval of the change and
Hedges' g. A change is rising or falling only when it is significant at --confidence AND at
least --min-change points; otherwise it is stable. Small groups will mostly be stable: with
few respondents only a large change is significant, and mes will not call noise a trend.

Groups are matched by department and team names, ignoring case, spacing and accents' forms;
use --rename for renamed teams. A group suppressed in either quarter gets no change, as a
change against a hidden group would reveal it.

--format xlsx -o changes.xlsx writes the same as an Excel workbook for management (--lang nl
for Dutch): the changes, the change per trait, the paired view when there is one, and how
to read it.

Exit codes: 0 success (warnings allowed), 1 a survey file's data has problems, 2 usage
error, a file that cannot be read, or quarters scored with different questionnaires."""
)


def diff_command(
    old: QuarterArg,
    new: QuarterArg,
    rename: RenameOpt = None,
    rename_file: RenameFileOpt = None,
    label: LabelOpt = None,
    confidence: ConfidenceOpt = DEFAULT_CONFIDENCE,
    min_change: MinChangeOpt = DEFAULT_MIN_CHANGE,
    allow_instrument_change: AllowInstrumentOpt = False,
    no_paired: Annotated[
        bool,
        typer.Option(
            "--no-paired",
            help=N_(
                "Leave out the paired view (who stayed, joined and left, and the stayers' own "
                "change). It needs both quarters as survey files with a respondent id column of "
                "real person ids; Microsoft Forms' ID (1, 2, 3, ...) is not one and is never "
                "paired."
            ),
        ),
    ] = False,
    format: FormatOpt = OutputFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: MinGroupSizeOpt = None,
    by: ByOpt = None,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    headcount: HeadcountsOpt = None,
    min_response: MinResponseOpt = 0.6,
    lang: LangOpt = "en",
) -> None:
    from mes import pipeline

    if format == OutputFormat.XLSX:
        refuse_workbook_to_terminal(output, "changes.xlsx")
    check_output(output, (old, new, *(headcount or ())))
    with handled():
        pipeline.check_min_response(min_response)
        compare = _options(
            confidence, min_change, allow_instrument_change, rename, rename_file, not no_paired
        )
        compare = dataclasses.replace(compare, labels=tuple(label or ()))
        options = _change_options(compare, instrument, sheet, by, skip_invalid, min_group_size)
        options = dataclasses.replace(
            options, headcounts=tuple(headcount or ()), min_response=min_response
        )
        report = pipeline.diff_files(old, new, options, warn=_warn)

        def table(out: Console) -> None:
            from mes.render.terminal.change import render_diff

            render_diff(report, out, lang)

        def workbook(path: Path) -> None:
            from mes.render.xlsx.diff import write_diff_workbook

            write_diff_workbook(report, path, lang=lang)

        inputs = (old, new, *(headcount or ()))
        write_result(report, format, output, inputs, table=table, workbook=workbook)


TREND_HELP = N_(
    """MES per group over three or more quarters, given oldest first, and the last change.

Shows each group's MES per quarter with a sparkline, and labels the change between the last
two quarters as mes diff does: rising or falling only when significant at --confidence AND
at least --min-change points. Small groups will mostly be stable: with few respondents only
a large change is significant. Suppressed quarters show as gaps.

Exit codes: 0 success, 1 a survey file's data has problems, 2 usage error, a file that
cannot be read, or quarters scored with different questionnaires."""
)


def trend_command(
    quarters: Annotated[
        list[str],
        typer.Argument(
            metavar="QUARTER...",
            help=N_(
                "Three or more quarters, oldest first: survey exports or results saved with "
                "mes score --format json."
            ),
            show_default=False,
        ),
    ],
    rename: RenameOpt = None,
    rename_file: RenameFileOpt = None,
    label: LabelOpt = None,
    confidence: ConfidenceOpt = DEFAULT_CONFIDENCE,
    min_change: MinChangeOpt = DEFAULT_MIN_CHANGE,
    allow_instrument_change: AllowInstrumentOpt = False,
    format: TrendFormatOpt = TrendFormat.TABLE,
    output: OutputOpt = None,
    min_group_size: MinGroupSizeOpt = None,
    by: ByOpt = None,
    sheet: SheetOpt = None,
    instrument: InstrumentOpt = None,
    skip_invalid: SkipInvalidOpt = False,
    headcount: HeadcountsOpt = None,
    min_response: MinResponseOpt = 0.6,
    lang: LangOpt = "en",
) -> None:
    from mes import pipeline

    if format == TrendFormat.XLSX:
        refuse_workbook_to_terminal(output, "trend.xlsx")
    check_output(output, (*quarters, *(headcount or ())))
    with handled():
        pipeline.check_min_response(min_response)
        compare = _options(
            confidence, min_change, allow_instrument_change, rename, rename_file, False
        )
        compare = dataclasses.replace(compare, labels=tuple(label or ()))
        options = _change_options(compare, instrument, sheet, by, skip_invalid, min_group_size)
        options = dataclasses.replace(
            options, headcounts=tuple(headcount or ()), min_response=min_response
        )
        report = pipeline.trend_files(quarters, options, warn=_warn)

        def table(out: Console) -> None:
            from mes.render.terminal.change import render_trend

            render_trend(report, out, lang)

        def workbook(path: Path) -> None:
            from mes.render.xlsx.trend import write_trend_workbook

            write_trend_workbook(report, path, lang=lang)

        inputs = (*quarters, *(headcount or ()))
        write_result(report, OutputFormat(format), output, inputs, table=table, workbook=workbook)


def _options(
    confidence: float,
    min_change: float,
    allow_instrument_change: bool,
    rename: list[str] | None,
    rename_file: Path | None,
    paired: bool,
) -> CompareOptions:
    from mes import pipeline
    from mes.change.options import CompareOptions

    options = CompareOptions(
        confidence=confidence,
        min_change=min_change,
        allow_instrument_change=allow_instrument_change,
        paired=paired,
    )
    pipeline.check_change_options(options)  # before the rename file is read
    return dataclasses.replace(options, renames=pipeline.renames(rename or [], rename_file))


def _change_options(
    compare: CompareOptions,
    instrument: Path | None,
    sheet: str | None,
    by: list[str] | None,
    skip_invalid: bool,
    min_group_size: int | None,
) -> ChangeOptions:
    from mes import pipeline

    read = pipeline.ReadOptions(pipeline.load_instrument(instrument), sheet, by or [], skip_invalid)
    return pipeline.ChangeOptions(read, compare, min_group_size)


def _warn(what: str, issues: Sequence[Issue]) -> None:
    warn(issues, about=what)
