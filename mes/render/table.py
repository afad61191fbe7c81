"""The terminal view of a `ScoreReport`: one Rich table of groups, and a footer of settings.

Every text that came from the input (group names) goes through `inert_text` and into a Rich
`Text` object, so ``[brackets]`` are printed as written and escape sequences are not acted on.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.render import inert_text
from mes.render.labels import Lang, reason, score, share, trait_names, word
from mes.results import GroupResult, ScoreReport

NAME_LIMIT = 40  # long group names are shortened in tables, never in JSON


def render_score(report: ScoreReport, console: Console, lang: Lang = "en") -> None:
    """Print the groups table and the footer of a score report."""
    console.print(_title(report, lang))
    console.print(score_table(report, lang))
    console.print(footer(report, lang))


def _title(report: ScoreReport, lang: Lang) -> Text:
    src = report.source
    where = inert_text(src.file) + (f" (sheet {inert_text(src.sheet)})" if src.sheet else "")
    text = Text()
    text.append("MES", style="bold")
    text.append(f" · {where}")
    if src.respondents is not None:  # None when the organisation itself is suppressed
        text.append(f" · {src.respondents} {word('respondents', lang)}")
        text.append(f", {src.scored} {word('scored', lang)}")
    return text


def score_table(report: ScoreReport, lang: Lang = "en") -> Table:
    """The groups table: organisation, departments with their teams, then each --by breakdown."""
    names = trait_names(report.instrument, lang)
    ci_label = f"{report.settings.confidence:.0%} CI" if lang == "en" else "BI"
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style="bold",
        padding=(0, 1, 0, 0),
    )
    table.add_column(word("group", lang), no_wrap=True, max_width=NAME_LIMIT + 4)
    table.add_column("n", justify="right")
    table.add_column(word("mes", lang), justify="right", style="bold")
    table.add_column(ci_label, justify="right", no_wrap=True)
    table.add_column(word("energetic", lang), justify="right")
    for key in names:  # narrow columns: long trait names wrap in the header, not in the cells
        table.add_column(names[key], justify="right", min_width=6, max_width=9)
    table.add_column(word("focus", lang), min_width=9, max_width=26)

    k = report.settings.min_group_size
    previous_dimension = None
    for group in report.groups:
        if group.dimension not in ("organisation", "department", "team") and (
            group.dimension != previous_dimension
        ):
            table.add_section()
            table.add_row(Text(f"{word('by', lang)} {inert_text(group.dimension)}", style="italic"))
        previous_dimension = group.dimension
        table.add_row(*_row(group, names, k, lang))
    return table


def _indent(group: GroupResult) -> str:
    if group.dimension == "organisation":
        return ""
    if group.dimension == "team" and len(group.path) > 1:
        return "    "
    return "  "


def _row(group: GroupResult, names: dict[str, str], k: int, lang: Lang) -> list[Text | str]:
    label = word("organisation", lang) if group.dimension == "organisation" else group.name
    name = Text(_indent(group) + inert_text(label, NAME_LIMIT))
    if group.dimension in ("organisation", "department"):
        name.stylize("bold")
    if group.suppressed or group.traits is None:
        # No figures and no count; the reason is listed under the table (`_suppressed_lines`)
        # so that a long reason does not push the figure columns apart.
        dash = ["–"] * (4 + len(names))
        return [name, *dash, Text(word("suppressed", lang), style="dim italic")]
    ci = f"{score(group.ci.low)}–{score(group.ci.high)}" if group.ci else "–"
    cells: list[Text | str] = [
        name,
        str(group.n),
        score(group.mes),
        ci,
        share(group.energetic_share),
    ]
    for trait in group.traits:
        cells.append(f"{trait.mean:.0f} {share(trait.favourable)}")
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
    return [f"{word('suppressed', lang).capitalize()}: " + "; ".join(hidden) + "."]


def footer(report: ScoreReport, lang: Lang = "en") -> Text:
    """Which instrument and settings produced the figures, and the reliability per trait."""
    ins, st = report.instrument, report.settings
    lines = [
        f"{word('instrument', lang)}: {inert_text(ins.name)} v{inert_text(ins.version)} "
        f"({ins.fingerprint}), scale {ins.scale_min}-{ins.scale_max}.",
        f"{word('settings', lang)}: minimum group size {st.min_group_size}; "
        f"{st.confidence:.0%} t-interval of the mean; "
        f"energetic = every trait ≥ {st.energetic_at:g}.",
        f"Trait cells: mean score 0-100, then the share favourable (≥ {st.favourable_at:g}; "
        f"unfavourable ≤ {st.unfavourable_at:g}).",
    ]
    lines += _suppressed_lines(report, lang)
    names = trait_names(ins, lang)
    for rel in report.reliability:
        alpha = "n/a" if rel.alpha is None else f"{rel.alpha:.2f}"
        warn = " (below 0.70: items may not measure one thing)" if rel.below_threshold else ""
        lines.append(
            f"{word('reliability', lang)} {names.get(rel.trait, rel.trait)}: Cronbach's alpha "
            f"{alpha} over {rel.n} complete answers to {rel.items} items{warn}"
        )
    return Text("\n".join(lines), style="dim")
