"""The terminal view of ``mes columns``: one row per column of the file, what it is read as
and why. Headers come from the input: they go through `inert_text`."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.render import Lang, inert_text
from mes.render.words import COLUMNS, say
from mes.results import ColumnInfo, ColumnsReport

HEADER_LIMIT = 60
_MIN_HEADER = 12
_OTHERS = 58  # the column letter, read as and why, with their gaps, at their narrowest


def render_columns(report: ColumnsReport, console: Console, lang: Lang = "en") -> None:
    """Print the table of columns, in the console's width (wrapping the reasons, not rows)."""
    title = Text(say(COLUMNS, "title", lang, file=inert_text(report.file)), style="bold")
    where = f" (sheet {inert_text(report.sheet)})" if report.sheet else ""
    title.append(where + " · " + say(COLUMNS, "instrument", lang, name=report.instrument))
    console.print(title)
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip
    table.add_column(say(COLUMNS, "col", lang), no_wrap=True)
    # The header gives way first (one line, shortened): the file shows it in full.
    table.add_column(
        say(COLUMNS, "header", lang), no_wrap=True, overflow="ellipsis",
        max_width=max(_MIN_HEADER, min(console.width - _OTHERS, (console.width - 10) * 2 // 5)),
    )  # fmt: skip
    table.add_column(say(COLUMNS, "read_as", lang), min_width=22, overflow="fold")
    table.add_column(say(COLUMNS, "why", lang), min_width=24, overflow="fold")
    for column in report.columns:
        ref = column.ref or str(column.index + 1)
        header = Text(inert_text(column.header or "", HEADER_LIMIT))
        read_as = Text(read_as_text(column, lang))
        if column.read_as == "unknown" and column.near_miss is not None:
            read_as.stylize("yellow")
        elif column.read_as in ("personal", "ignored", "unknown"):
            read_as.stylize("dim")
        table.add_row(ref, header, read_as, why_text(column, lang))
    console.print(table)


def read_as_text(column: ColumnInfo, lang: Lang) -> str:
    if column.read_as == "item":
        return say(
            COLUMNS, "item", lang, name=repr(column.key), trait=column.trait_number,
            item=column.item_number,
        )  # fmt: skip
    if column.read_as == "outcome":
        return say(COLUMNS, "outcome", lang, name=repr(column.key))
    return say(COLUMNS, column.read_as, lang)


def why_text(column: ColumnInfo, lang: Lang) -> str:
    near = column.near_miss
    if column.read_as == "unknown":
        if near is None:
            return say(COLUMNS, "why_unknown", lang)
        if near.read_as in ("item", "outcome"):
            text = say(COLUMNS, "near_item", lang, name=repr(near.key))
        else:
            text = say(COLUMNS, "near_dimension", lang, what=say(COLUMNS, near.read_as, lang))
        return text + (say(COLUMNS, "already", lang) if column.detail == "already-found" else "")
    why = (column.why or "").replace("-", "_")
    detail = repr(column.detail) if column.why in ("synonym", "meaning") else column.detail
    name = say(COLUMNS, column.key, lang) if column.key in COLUMNS else repr(column.key)
    return say(COLUMNS, f"why_{why}", lang, detail=detail, name=name)
