"""The terminal view of a `ScoreReport`: one Rich table of groups, and a footer of settings.

Every text that came from the input (group names) goes through `inert_text` and into a Rich
`Text` object, so ``[brackets]`` are printed as written and escape sequences are not acted on.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.response_sentences import (
    margin_cell,
    response_cell,
    response_legend,
    response_lines,
)
from mes.render.words import reason, score, share, trait_names
from mes.results import GroupResult, ScoreReport

NAME_LIMIT = 40  # long group names are shortened in tables, never in JSON


def render_score(report: ScoreReport, console: Console, lang: Lang = "en") -> None:
    """Print the groups table and the footer of a score report."""
    console.print(_title(report, lang))
    table = score_table(report, lang, console.width)
    console.print(table, width=max(console.width, table.width or 0), crop=False)
    console.print(footer(report, lang))


def _title(report: ScoreReport, lang: Lang) -> Text:
    src = report.source
    where = inert_text(src.file)
    if src.sheet:
        where += " " + tr(lang, "(sheet {name})", name=inert_text(src.sheet))
    text = Text()
    text.append("MES", style="bold")
    text.append(f" · {where}")
    if src.respondents is not None:  # None when the organisation itself is suppressed
        text.append(f" · {src.respondents} {tr(lang, 'respondents')}")
        text.append(f", {src.scored} {tr(lang, 'scored')}")
    return text


def score_table(report: ScoreReport, lang: Lang = "en", width: int | None = None) -> Table:
    """The groups table: organisation, departments with their teams, then each --by breakdown.

    Figures never wrap. Within ``width`` the group names give way first (shortened with "…");
    if that is not enough, the interval column and the favourable shares are left out.
    """
    for compact in (False, True):
        headers, rows = _cells(report, lang, compact)
        widths = [
            max(_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)
        ]
        others = sum(w + _GAP for w in widths[1:])
        room = (width or 10_000) - others - (_GAP - 1)  # the last column has no separator
        if room >= _MIN_NAME or compact:
            break
    name_width = max(_MIN_NAME, min(widths[0], room))
    table = Table(
        # Too narrow even so: the table keeps its width and the terminal wraps its lines,
        # rather than Rich cutting figures short.
        width=name_width + others + _GAP - 1 if room < _MIN_NAME else None,
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip
    table.add_column(headers[0], no_wrap=True, overflow="ellipsis", width=name_width)
    for header in headers[1:-1]:
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column(headers[-1], no_wrap=True)
    previous_dimension = None
    for group, row in zip(report.groups, rows, strict=True):
        if group.dimension not in _TREE and group.dimension != previous_dimension:
            table.add_section()
            table.add_row(Text(f"{tr(lang, 'By')} {inert_text(group.dimension)}", style="italic"))
        previous_dimension = group.dimension
        table.add_row(*row)
    return table


_MIN_NAME = 14
_GAP = 2  # right padding plus the column separator of the SIMPLE_HEAD box
_TREE = ("organisation", "department", "team")


def _width(cell: Text | str) -> int:
    text = cell.plain if isinstance(cell, Text) else cell
    return max(cell_len(line) for line in text.split("\n"))


def _cells(
    report: ScoreReport, lang: Lang, compact: bool
) -> tuple[list[str], list[list[Text | str]]]:
    names = trait_names(report.instrument, lang)
    ci_label = tr(lang, "{conf} CI", conf=f"{report.settings.confidence:.0%}")
    headers = [tr(lang, "Group"), "n"]
    with_response = report.response is not None
    if with_response:  # --headcount: the response and the margin corrected for the group's size
        headers += [tr(lang, "Response"), tr(lang, "±")]
    headers += [tr(lang, "MES")]
    headers += [] if compact else [ci_label]
    headers += [tr(lang, "Energetic")]
    # A two-word trait name takes two header lines, keeping its column narrow.
    headers += [names[key].replace(" ", "\n") for key in names]
    headers += [tr(lang, "Focus")]
    k = report.settings.min_group_size
    rows = [_row(group, names, k, lang, compact, with_response) for group in report.groups]
    return headers, rows


def _indent(group: GroupResult) -> str:
    if group.dimension == "organisation":
        return ""
    if group.dimension == "team" and len(group.path) > 1:
        return "    "
    return "  "


def _row(
    group: GroupResult,
    names: dict[str, str],
    k: int,
    lang: Lang,
    compact: bool,
    with_response: bool = False,
) -> list[Text | str]:
    label = tr(lang, "Organisation") if group.dimension == "organisation" else group.name
    name = Text(_indent(group) + inert_text(label, NAME_LIMIT))
    if group.dimension in ("organisation", "department"):
        name.stylize("bold")
    if group.suppressed or group.traits is None:
        # No figures and no count; the reason is listed under the table (`_suppressed_lines`)
        # so that a long reason does not push the figure columns apart.
        dash = ["–"] * ((3 if compact else 4) + len(names) + 2 * with_response)
        return [name, *dash, Text(tr(lang, "suppressed"), style="dim italic")]
    cells: list[Text | str] = [name, str(group.n)]
    if with_response:
        cells += [response_cell(group, lang), margin_cell(group)]
    cells.append(score(group.mes))
    if not compact:
        cells.append(f"{score(group.ci.low)}–{score(group.ci.high)}" if group.ci else "–")
    cells.append(share(group.energetic_share))
    for trait in group.traits:
        mean = f"{trait.mean:.0f}"
        cells.append(mean if compact else f"{mean} {share(trait.favourable)}")
    cells.append(names.get(group.focus_trait or "", ""))
    return cells


def _suppressed_lines(report: ScoreReport, lang: Lang) -> list[str]:
    k = report.settings.min_group_size
    hidden = [
        f"{inert_text(g.name, NAME_LIMIT)} ({reason(g.suppression, k, lang)})"
        for g in report.groups
        if g.suppressed and g.suppression is not None and g.dimension != "organisation"
    ]
    if not hidden:
        return []
    return [f"{tr(lang, 'suppressed').capitalize()}: " + "; ".join(hidden) + "."]


def footer(report: ScoreReport, lang: Lang = "en") -> Text:
    """Which instrument and settings produced the figures, and the reliability per trait."""
    ins, st = report.instrument, report.settings
    lines = response_lines(report, lang, inert_text)
    if report.response is not None:
        lines.append(response_legend(lang))
    lines += [
        f"{tr(lang, 'Instrument')}: "
        + tr(
            lang,
            "{name} v{version} ({fingerprint}), scale {low}-{high}.",
            name=inert_text(ins.name),
            version=inert_text(ins.version),
            fingerprint=ins.fingerprint,
            low=ins.scale_min,
            high=ins.scale_max,
        ),
        f"{tr(lang, 'Settings')}: "
        + tr(
            lang,
            "minimum group size {k}; {conf} t-interval of the mean; energetic = every trait ≥ {e}.",
            k=st.min_group_size,
            conf=f"{st.confidence:.0%}",
            e=f"{st.energetic_at:g}",
        ),
        tr(
            lang,
            "Trait cells: mean score 0-100, then the share favourable (≥ {f}; unfavourable ≤ {u}).",
            f=f"{st.favourable_at:g}",
            u=f"{st.unfavourable_at:g}",
        ),
    ]
    lines += _suppressed_lines(report, lang)
    names = trait_names(ins, lang)
    for rel in report.reliability:
        alpha = tr(lang, "n/a") if rel.alpha is None else f"{rel.alpha:.2f}"
        line = tr(
            lang,
            "Cronbach's alpha {alpha} over {n} complete answers to {items} items",
            alpha=alpha,
            n=rel.n,
            items=rel.items,
        )
        if rel.below_threshold:
            line += tr(lang, " (below 0.70: items may not measure one thing)")
        lines.append(f"{tr(lang, 'Reliability')} {names.get(rel.trait, rel.trait)}: {line}")
    return Text("\n".join(lines), style="dim")
