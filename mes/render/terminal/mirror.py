"""The terminal view of a `MirrorReport`: the organisation per aspect, blind spots per group,
and the summary in plain words. Made to fit 80 columns; wider terminals get more columns.

Every text from the input (group names, file names) goes through `inert_text` into Rich `Text`,
so brackets are printed as written and escape sequences are never acted on.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.mirror_results import AspectGap, MirrorGroup, MirrorReport
from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.mirror_sentences import notes, summary
from mes.render.words import (
    aspect_names,
    group_label,
    interval,
    number,
    p_text,
    signed,
    verdict_word,
)

NAME_LIMIT = 30
_GAP = 2  # right padding plus the column separator of the SIMPLE_HEAD box
STYLES = {"underestimate": "green", "overestimate": "red"}


def render_mirror(report: MirrorReport, console: Console, lang: Lang = "en") -> None:
    """Print the whole mirror report to ``console``."""
    width = console.width
    for line in _title(report, lang):
        console.print(line, width=width)
    console.print()
    table = aspect_table(report, lang, width)
    console.print(table, width=max(width, table.width or 0), crop=False)
    groups = [g for g in report.groups if g.dimension != "organisation"]
    if groups:
        console.print()
        heading = tr(
            lang,
            (
                "Blind spots per group: gaps that are significant and at least {m} "
                "points (+ customers rate higher than employees expect, − lower)"
            ),
            m=format(report.settings.min_change, "g"),
        )
        console.print(Text(heading, style="bold"), width=width)
        table = blind_spot_table(report, groups, lang, width)
        console.print(table, width=max(width, table.width or 0), crop=False)
    console.print()
    for sentence in summary(report, lang):
        console.print(Text(sentence), width=width)
    console.print(Text("\n".join(notes(report, lang)), style="dim"), width=width)


def _title(report: MirrorReport, lang: Lang) -> list[Text]:
    out = []
    head = Text()
    head.append(tr(lang, "Mirror survey"), style="bold")
    head.append(f" · {len(report.definition.aspects)} {tr(lang, 'aspects')}")
    out.append(head)
    for side, info, counted in (
        (tr(lang, "Employees"), report.employees, tr_ctx(lang, "mirror", "scored")),
        (tr(lang, "Customers"), report.customers, tr(lang, "responses")),
    ):
        line = Text(f"{side}: {inert_text(info.file)}")
        extra = []
        if info.sheet:
            extra.append(f"{tr(lang, 'sheet')} {inert_text(info.sheet)}")
        if info.responses is not None:
            extra.append(f"{info.responses} {counted}")
        if extra:
            line.append(f" ({', '.join(extra)})")
        out.append(line)
    return out


def _fit(headers: list[str], rows: list[list[Text | str]]) -> list[int]:
    return [
        max(max(cell_len(line) for line in _plain(c).split("\n")) for c in column)
        for column in zip(headers, *rows, strict=True)
    ]


def _plain(cell: Text | str) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def aspect_table(report: MirrorReport, lang: Lang = "en", width: int | None = None) -> Table:
    """Per aspect for the organisation: both scores, the gap, its interval, p and the verdict.

    Wide (the default): n and the mean on the answer scale beside each score, and p. Within
    ``width`` columns those give way first.
    """
    org = report.organisation
    names = aspect_names(report, lang)
    conf = f"{report.settings.confidence:.0%}"
    for compact in (False, True):
        headers = [tr(lang, "Organisation")]
        headers += [
            tr(lang, "Customers"),
            tr(lang, "Employees"),
            tr(lang, "Gap"),
        ]
        headers += [tr(lang, "{conf} CI", conf=conf)]
        headers += [] if compact else [tr(lang, "p")]
        headers += [tr(lang, "Verdict")]
        rows = [_aspect_row(a, names, compact, lang) for a in org.aspects]
        widths = _fit(headers, rows)
        if compact or sum(widths) + _GAP * (len(widths) - 1) <= (width or 10_000):
            break
    table = _table()
    table.add_column(headers[0], no_wrap=True, style="bold")
    for header in headers[1:-1]:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(headers[-1], no_wrap=True)
    if org.suppressed or not org.aspects:
        table.add_row(
            tr(lang, "Organisation"),
            *["–"] * (len(headers) - 2),
            tr(lang, "suppressed"),
        )
    for row in rows:
        table.add_row(*row)
    return table


def _side(mean: float | None, on_scale: float | None, n: int | None, compact: bool) -> str:
    if mean is None:
        return "–"
    if compact:
        return f"{mean:.1f}"
    return f"{mean:.1f} ({on_scale:.2f}, n {n})"


def _aspect_row(
    gap: AspectGap, names: dict[str, str], compact: bool, lang: Lang
) -> list[Text | str]:
    c, e = gap.customers, gap.employees
    cells: list[Text | str] = [
        Text(names[gap.aspect]),
        _side(c.mean, c.mean_on_scale, c.n, compact),
        _side(e.mean, e.mean_on_scale, e.n, compact),
        Text(signed(gap.gap), style=STYLES.get(gap.verdict or "", "")),
        interval(gap.test.ci.low, gap.test.ci.high) if gap.test else "–",
    ]
    if not compact:
        cells.append(p_text(gap.test.p) if gap.test else "–")
    cells.append(Text(verdict_word(gap.verdict, lang), style=STYLES.get(gap.verdict or "", "")))
    return cells


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip


def _indent(group: MirrorGroup) -> str:
    return "    " if group.dimension == "team" and len(group.path) > 1 else "  "


def blind_spot_table(
    report: MirrorReport, groups: list[MirrorGroup], lang: Lang = "en", width: int | None = None
) -> Table:
    """One row per department and team: n of both sides, and its blind spots one per line,
    largest gap first (+ employees underestimate the aspect, − they overestimate it)."""
    names = aspect_names(report, lang)
    k = report.settings.min_group_size
    headers = [
        tr(lang, "Group"),
        tr(lang, "n\nstaff"),
        tr(lang, "n\ncust."),
    ]
    headers += [tr(lang, "Blind spots (gap)")]
    rows = [_spot_row(g, names, k, lang) for g in groups]
    widths = _fit(headers, rows)
    room = (width or 10_000) - sum(widths[1:]) - _GAP * (len(widths) - 1)
    name_width = max(14, min(widths[0], NAME_LIMIT, room))
    table = _table()
    table.add_column(headers[0], no_wrap=True, overflow="ellipsis", width=name_width)
    table.add_column(headers[1], justify="right", no_wrap=True)
    table.add_column(headers[2], justify="right", no_wrap=True)
    table.add_column(headers[3], no_wrap=True)
    for row in rows:
        table.add_row(*row)
    return table


def _spot_row(group: MirrorGroup, names: dict[str, str], k: int, lang: Lang) -> list[Text | str]:
    name = Text(_indent(group) + inert_text(group_label(group, lang), NAME_LIMIT))
    if group.dimension == "department":
        name.stylize("bold")
    if group.suppressed:  # the reason is in the notes under the tables
        return [name, "–", "–", Text(tr(lang, "suppressed"), style="dim italic")]
    cells: list[Text | str] = [
        name,
        str(group.employees) if group.employees is not None else "–",
        str(group.customers) if group.customers is not None else "–",
    ]
    spots = sorted(
        (a for a in group.aspects if a.verdict in STYLES and a.gap is not None),
        key=lambda a: -abs(a.gap or 0.0),
    )
    if spots:
        text = Text()
        for i, a in enumerate(spots):
            text.append(("\n" if i else "") + f"{signed(a.gap)} {names[a.aspect]}",
                        style=STYLES[a.verdict or ""])  # fmt: skip
        cells.append(text)
    elif all(a.gap is None for a in group.aspects):
        cells.append(Text(tr(lang, "no gap shown"), style="dim italic"))
    else:
        cells.append(Text(tr(lang, "in line on every aspect"), style="dim"))
    return cells


__all__ = ["aspect_table", "blind_spot_table", "number", "render_mirror"]
