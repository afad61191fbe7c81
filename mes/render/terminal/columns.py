"""The terminal view of ``mes columns``: one row per column of the file, what it is read as
and why. Headers come from the input: they go through `inert_text`."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from mes.messages import N_
from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.terminal.drivers import title_text
from mes.render.terminal.fit import (
    NBSP,
    Cell,
    Column,
    Fitted,
    Fold,
    Name,
    Section,
    emit,
    emit_fitted,
    fit_table,
    wrap,
)
from mes.results import ColumnInfo, ColumnsReport

HEADER_LIMIT = 60
#: What gives way, in this order (ranks are plain integers, lower first): the header is cut
#: step by step (the file shows it in full), and only when a row cannot stay on one line does
#: the reason wrap onto a second line; Col, header and read as stay.
_HEADER_CUTS = ((5, 40), (10, 36), (15, 32), (20, 28), (25, 24), (35, 20), (40, 16), (50, 12))
_WHY_FOLDS = ((30, 20), (45, 14))


def render_columns(report: ColumnsReport, console: Console, lang: Lang = "en") -> None:
    """Print the table of columns, in the console's width (wrapping the reasons, then
    shortening the headers; a row stays whole)."""
    bold = tr(lang, "Columns of {file}", file=inert_text(report.file))
    named = tr(lang, "(sheet {name})", name=inert_text(report.sheet)) if report.sheet else ""
    where = NBSP + named.replace(" ", NBSP) if report.sheet else ""
    rest = where + " · " + tr(lang, "instrument {name}", name=report.instrument)
    emit(console, title_text(bold, rest, console.width))
    emit_fitted(console, columns_table(report, lang, console.width), lang)


def columns_table(report: ColumnsReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """Col, header, read as, why: fitted to ``width`` by `fit_table`. Col, header and read as
    are the key; the reason wraps first, then the header is shortened with "…"."""
    refs = [column.ref or str(column.index + 1) for column in report.columns]
    headers = [inert_text(column.header or "", HEADER_LIMIT) for column in report.columns]
    read_as: list[Cell] = []
    for column in report.columns:
        cell = Text(read_as_text(column, lang))
        if column.read_as == "unknown" and column.near_miss is not None:
            cell.stylize("yellow")
        elif column.read_as in ("personal", "ignored", "unknown"):
            cell.stylize("dim")
        read_as.append(cell)
    why = [why_text(column, lang) for column in report.columns]
    longest = max([len(word) for w in why for word in w.split()] + [0])  # never split a word
    columns = [
        Column(
            tr(lang, "Header"),
            headers,
            justify="left",
            folds=tuple(
                Fold(rank, cells=[_cut(h, cells) for h in headers]) for rank, cells in _HEADER_CUTS
            ),
        ),
        Column(tr(lang, "Read as"), read_as, justify="left"),
        Column(
            tr(lang, "Why"),
            why,
            justify="left",
            folds=tuple(
                Fold(rank, cells=["\n".join(wrap(w, max(cells, longest))) for w in why])
                for rank, cells in _WHY_FOLDS
            ),
        ),
    ]
    rows: list[Name | Section] = [Name(ref) for ref in refs]
    return fit_table(tr(lang, "Col"), rows, columns, width, lang)


def _cut(text: str, cells: int) -> str:
    """``text`` within ``cells`` console cells, a cut one ending in "…"."""
    if len(text) <= cells:
        return text
    return text[: cells - 1].rstrip() + "…"


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
