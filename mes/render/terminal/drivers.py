"""The terminal view of ``mes drivers``: per outcome, the organisation's traits as drivers (r
and share of R² with their intervals), the reading in plain words, and a table of every shown
group's shares and priority. Groups not computed show no figure, only why.

Names from the input go through `inert_text` into Rich `Text`, never as markup.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.driver_sentences import (
    method_lines,
    outcome_title,
    r_text,
    reading,
    trait_label,
)
from mes.render.words import decimal, percent
from mes.results import (
    DriversReport,
    DriversResult,
    GroupDrivers,
    InstrumentInfo,
    OutcomeDrivers,
    SourceInfo,
)

NAME_LIMIT = 40
_MIN_NAME = 14
_GAP = 2


def render_drivers(report: DriversReport, console: Console, lang: Lang = "en") -> None:
    """Print every outcome's drivers, then how they were computed."""
    render_drivers_result(report.drivers, report.instrument, report.source, console, lang)


def render_drivers_result(
    result: DriversResult,
    instrument: InstrumentInfo,
    source: SourceInfo,
    console: Console,
    lang: Lang = "en",
) -> None:
    for i, outcome in enumerate(result.outcomes):
        if i:
            console.print()
        _outcome(result, outcome, instrument, source, console, lang)
    console.print()
    console.print(Text("\n".join(method_lines(result, lang)), style="dim"))


def _outcome(
    result: DriversResult,
    outcome: OutcomeDrivers,
    instrument: InstrumentInfo,
    source: SourceInfo,
    console: Console,
    lang: Lang,
) -> None:
    org = outcome.groups[0] if outcome.groups else None
    title = Text()
    title.append(
        tr(lang, "Drivers of {outcome}", outcome=outcome_title(outcome, lang)), style="bold"
    )
    sheet = " " + tr(lang, "(sheet {name})", name=inert_text(source.sheet)) if source.sheet else ""
    title.append(f" · {inert_text(source.file)}{sheet}")
    console.print(title)
    if org is None or org.dimension != "organisation":
        console.print(
            tr(
                lang,
                (
                    "No group has {min} or more people with every trait and the outcome "
                    "answered: nothing is computed."
                ),
                min=result.settings.min_people,
            )
        )
        return
    if org.computed and org.n is not None:
        label = tr(lang, "Organisation")
        console.print(
            f"{label}: "
            + tr(lang, "rests on {n} people with every trait and the outcome answered", n=org.n),
            markup=False,
            highlight=False,
        )
        table = trait_table(org, instrument, result.settings.confidence, lang)
        console.print(table, width=max(console.width, table.width or 0), crop=False)
    for line in reading(org, outcome, instrument, result, lang):
        console.print(Text(line))
    computed = [g for g in outcome.groups if g.reason != "too-few-people" and g is not org]
    if computed:
        console.print()
        console.print(Text(tr(lang, "Per group: each trait's share of R²"), style="bold"))
        table = groups_table(outcome, instrument, lang, console.width)
        console.print(table, width=max(console.width, table.width or 0), crop=False)
    skipped = [g for g in outcome.groups if g.reason == "too-few-people" and g is not org]
    if skipped:
        names = ", ".join(inert_text(_name(g, lang), NAME_LIMIT) for g in skipped)
        note = tr(
            lang,
            ("Not computed (fewer than {min} people with every trait and the outcome): {groups}."),
            min=result.settings.min_people,
            groups=names,
        )
        console.print(Text(note, style="dim"))


def trait_table(
    group: GroupDrivers, instrument: InstrumentInfo, confidence: float, lang: Lang
) -> Table:
    """One row per trait, strongest driver first: score, r with its interval, share of R²
    with its interval, rank."""
    ci = f"{percent(confidence, lang, None)} {'CI' if lang == 'en' else 'BI'}"
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip
    table.add_column(tr(lang, "Trait"), no_wrap=True)
    for header in (tr(lang, "Score"), tr(lang, "r"), ci, tr(lang, "Share of R²"), ci):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(tr(lang, "Rank"), justify="right", no_wrap=True)
    for t in sorted(group.traits or [], key=lambda t: t.rank):
        table.add_row(
            Text(trait_label(instrument, t.key, lang)),
            "–" if t.score is None else f"{t.score:.0f}",
            r_text(t.r, lang),
            f"{r_text(t.r_ci.low, lang)}–{r_text(t.r_ci.high, lang)}",
            percent(t.share, lang),
            f"{decimal(100 * t.share_ci.low, lang, 0)}–{percent(t.share_ci.high, lang)}",
            str(t.rank),
        )
    return table


def _name(group: GroupDrivers, lang: Lang) -> str:
    return tr(lang, "Organisation") if group.dimension == "organisation" else group.name


def _indent(group: GroupDrivers) -> str:
    if group.dimension == "organisation":
        return ""
    if group.dimension == "team" and len(group.path) > 1:
        return "    "
    return "  "


def groups_table(
    outcome: OutcomeDrivers, instrument: InstrumentInfo, lang: Lang, width: int | None = None
) -> Table:
    """Every shown group: people, R², each trait's share of R² (instrument order), priority.
    Within ``width`` the group names give way first (shortened with "…"), then the trait names
    in the heading and the priority column ("Klantsignalen" as "Klants.")."""
    keys = [t.key for t in instrument.traits]
    # Only the groups with figures; the others are listed under the table with the reason.
    groups = [g for g in outcome.groups if g.reason != "too-few-people"]
    for limit in (None, 9, 8, 7, 6, 5):
        headers, rows = _group_cells(groups, keys, instrument, lang, limit)
        widths = [max(_width(c) for c in column) for column in zip(headers, *rows, strict=True)]
        others = sum(w + _GAP for w in widths[1:])
        room = (width or 10_000) - others - (_GAP - 1)
        if room >= _MIN_NAME:
            break
    name_width = max(_MIN_NAME, min(widths[0], room))
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip
    table.add_column(headers[0], no_wrap=True, overflow="ellipsis", width=name_width)
    for header in headers[1:-1]:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(headers[-1], no_wrap=True)
    previous = None
    for group, row in zip(groups, rows, strict=True):
        if group.id.startswith("by:") and group.dimension != previous:
            table.add_section()
            table.add_row(Text(f"{tr(lang, 'By')} {inert_text(group.dimension)}", style="italic"))
        previous = group.dimension
        table.add_row(*row)
    return table


def _short(text: str, limit: int | None) -> str:
    """Each line of ``text`` cut to ``limit`` characters, a cut one ending in "."."""
    if limit is None:
        return text
    return "\n".join(
        line if cell_len(line) <= limit else line[: limit - 1] + "." for line in text.split("\n")
    )


def _group_cells(
    groups: list[GroupDrivers],
    keys: list[str],
    instrument: InstrumentInfo,
    lang: Lang,
    limit: int | None,
) -> tuple[list[str], list[list[Text | str]]]:
    headers = [
        tr(lang, "Group"),
        "n",
        tr(lang, "R²"),
        *(_short(trait_label(instrument, k, lang).replace(" ", "\n"), limit) for k in keys),
        tr(lang, "Priority"),
    ]
    rows: list[list[Text | str]] = []
    for group in groups:
        name = Text(_indent(group) + inert_text(_name(group, lang), NAME_LIMIT))
        if group.dimension in ("organisation", "department"):
            name.stylize("bold")
        if not group.computed or group.traits is None or group.r2 is None:
            why = (
                tr(lang, "no spread")
                if group.reason == "no-variation"
                else tr_ctx(lang, "drivers", "hidden")
                if group.reason == "outcome-hidden"
                else tr(lang, "too few")
            )
            rows.append([name, "–", "–", *(["–"] * len(keys)), Text(why, style="dim italic")])
            continue
        shares = {t.key: percent(t.share, lang) for t in group.traits}
        label = trait_label(instrument, group.priority, lang) if group.priority else "–"
        rows.append(
            [
                name,
                str(group.n),
                decimal(group.r2, lang, 2),
                *(shares.get(k, "–") for k in keys),
                Text(_short(label, None if limit is None else max(limit, 8))),
            ]
        )
    return headers, rows


def _width(cell: Text | str) -> int:
    text = cell.plain if isinstance(cell, Text) else cell
    return max(cell_len(line) for line in text.split("\n"))
