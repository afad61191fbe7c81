"""The terminal view of ``mes columns``: one row per column of the file, what it is read as
and why. Headers come from the input: they go through `inert_text`."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.messages import N_
from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.results import ColumnInfo, ColumnsReport

HEADER_LIMIT = 60
_MIN_HEADER = 12
_OTHERS = 58  # the column letter, read as and why, with their gaps, at their narrowest


def render_columns(report: ColumnsReport, console: Console, lang: Lang = "en") -> None:
    """Print the table of columns, in the console's width (wrapping the reasons, not rows)."""
    title = Text(tr(lang, "Columns of {file}", file=inert_text(report.file)), style="bold")
    where = " " + tr(lang, "(sheet {name})", name=inert_text(report.sheet)) if report.sheet else ""
    title.append(where + " · " + tr(lang, "instrument {name}", name=report.instrument))
    console.print(title)
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip
    table.add_column(tr(lang, "Col"), no_wrap=True)
    # The header gives way first (one line, shortened): the file shows it in full.
    table.add_column(
        tr(lang, "Header"), no_wrap=True, overflow="ellipsis",
        max_width=max(_MIN_HEADER, min(console.width - _OTHERS, (console.width - 10) * 2 // 5)),
    )  # fmt: skip
    table.add_column(tr(lang, "Read as"), min_width=22, overflow="fold")
    table.add_column(tr(lang, "Why"), min_width=24, overflow="fold")
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


#: What a column is read as, in words ("unknown" is a dash).
_READ_AS = {
    "id": N_("respondent id"),
    "team": N_("team"),
    "department": N_("department"),
    "role": N_("role"),
    "personal": N_("personal, never read"),
    "ignored": N_("not read"),
}

#: Why a column is read as it is.
_WHY = {
    "key": N_("the name itself"),
    "statement": N_("the statement"),
    "synonym": N_("a known name"),
    "instrument": N_("named in the instrument file"),
    "meaning": N_("question about {detail}"),
    "header": N_("header names personal data"),
    "content": N_("holds {detail}"),
    "duplicate": N_("another column is read for {name}"),
    "lower_rank_id": N_("another id column ranks higher"),
    "unknown": N_("not a known name"),
}


def _read_as(read_as: str, lang: Lang) -> str:
    return tr(lang, _READ_AS[read_as]) if read_as in _READ_AS else "–"


def read_as_text(column: ColumnInfo, lang: Lang) -> str:
    if column.read_as == "item":
        return tr(
            lang,
            "{name}: trait {trait}, item {item}",
            name=repr(column.key),
            trait=column.trait_number,
            item=column.item_number,
        )
    if column.read_as == "outcome":
        return tr(lang, "outcome {name}", name=repr(column.key))
    return _read_as(column.read_as, lang)


def why_text(column: ColumnInfo, lang: Lang) -> str:
    near = column.near_miss
    if column.read_as == "unknown":
        if near is None:
            return tr(lang, "not a known name")
        if near.read_as in ("item", "outcome"):
            text = tr(lang, "looks like item {name}", name=repr(near.key))
        else:
            what = _read_as(near.read_as, lang)
            text = tr(lang, "looks like the {what} column", what=what)
        return text + (
            tr(lang, " (already read from another column)")
            if column.detail == "already-found"
            else ""
        )
    why = (column.why or "").replace("-", "_")
    detail = repr(column.detail) if column.why in ("synonym", "meaning") else column.detail
    name = tr(lang, _READ_AS[column.key]) if column.key in _READ_AS else repr(column.key)
    return tr(lang, _WHY[why], detail=detail, name=name) if why in _WHY else why
