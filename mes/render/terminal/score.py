"""The terminal view of a `ScoreReport`: one table of groups fitted to the console's width
(`mes.render.terminal.fit`), scores coloured by band, and a footer of settings.

Every text that came from the input (group names) goes through `inert_text` and into a Rich
`Text` object, so ``[brackets]`` are printed as written and escape sequences are not acted on.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.response_sentences import (
    margin_cell,
    response_cell,
    response_legend,
    response_lines,
)
from mes.render.terminal.fit import (
    DETAIL,
    EXTRA,
    FIGURE,
    HEADERS,
    INTERVAL,
    SHARES,
    TRAITS,
    Cell,
    Column,
    Fitted,
    Fold,
    Name,
    Section,
    banded,
    emit,
    emit_text,
    fit_table,
    fold_header,
)
from mes.render.terminal.outcomes import outcome_notes, outcome_table
from mes.render.words import reason, score, share, trait_names
from mes.results import GroupResult, ScoreReport

NAME_LIMIT = 40  # long group names are shortened in tables, never in JSON


def render_score(report: ScoreReport, console: Console, lang: Lang = "en") -> None:
    """Print the groups table, fitted to the console's width, and the footer."""
    emit(console, _title(report, lang))
    fitted = score_table(report, lang, console.width)
    emit(console, fitted.table, width=max(console.width, fitted.table_width))
    outcomes = outcome_table(report, lang, console.width)
    if outcomes is not None:  # energy, eNPS and other outcome questions, when the file has them
        emit(console, outcomes.table, width=max(console.width, outcomes.table_width))
        emit_text(console, outcomes.notes + outcome_notes(report, lang), "dim")
    shares = tr(lang, "favourable shares") not in fitted.left_out
    emit_text(console, fitted.notes + footer_lines(report, lang, shares=shares), "dim")


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


def score_table(report: ScoreReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """The groups table: organisation, departments with their teams, then each --by breakdown.

    Fitted to ``width`` by `fit_table`: the interval goes first, then the favourable shares in
    the trait cells; headers fold onto two lines; then the focus and the energetic share go,
    and names are cut (distinctly) before the trait means would. n and MES always stay.
    """
    st = report.settings
    names = trait_names(report.instrument, lang)
    groups = report.groups
    shown = [not (g.suppressed or g.traits is None) for g in groups]

    def cells(fn: Callable[[GroupResult], Cell], blank: Cell = "–") -> list[Cell]:
        return [fn(g) if ok else blank for g, ok in zip(groups, shown, strict=True)]

    def band(value: float | None, text: str) -> Text:
        return banded(text, value, st.favourable_at, st.unfavourable_at)

    ci_label = tr(lang, "{conf} CI", conf=f"{st.confidence:.0%}")
    figure_n = tr(lang, "(n) of each figure")
    # n is the group's respondents; a figure resting on fewer people says so: "58 (5)".
    columns = [Column("n", cells(lambda g: str(g.respondents)))]
    if report.response is not None:  # --headcount: the response, and the margin for the size
        columns += [
            Column(tr(lang, "Response"), cells(lambda g: response_cell(g, lang)), FIGURE + 5),
            Column(tr(lang, "±"), cells(margin_cell), DETAIL),
        ]
    columns += [
        Column(
            tr(lang, "MES"),
            cells(lambda g: band(g.mes, _mes_text(g, with_n=True))),
            folds=(Fold(DETAIL, cells=cells(lambda g: band(g.mes, _mes_text(g))), lost=figure_n),),
        ),
    ]
    ins = report.instrument
    if (ins.scale_min, ins.scale_max) != (1, 5):  # the MES as an average answer, e.g. 6.6
        columns.append(
            Column(f"{ins.scale_min}–{ins.scale_max}", cells(_on_scale), FIGURE),
        )
    columns += [
        Column(ci_label, cells(_ci), INTERVAL),
        Column(
            tr(lang, "Energetic"),
            cells(lambda g: share(g.energetic_share)),
            FIGURE,
            folds=(Fold(HEADERS, header=tr(lang, "Ener-\ngetic")),),
        ),
    ]

    def trait_cells(key: str, full: bool, with_n: bool = False) -> list[Cell]:
        return cells(lambda g: _trait_cell(g, key, band, full=full, with_n=with_n))

    for key, name in names.items():
        # One line per word: a two-word trait name keeps its column narrow.
        columns.append(
            Column(
                name.replace(" ", "\n"),
                trait_cells(key, full=True, with_n=True),
                TRAITS,
                folds=(
                    # "(n)" after a figure resting on fewer people goes first: the JSON has it.
                    Fold(DETAIL, cells=trait_cells(key, full=True), lost=figure_n),
                    Fold(
                        SHARES,
                        cells=trait_cells(key, full=False),
                        lost=tr(lang, "favourable shares"),
                    ),
                    Fold(HEADERS, header=fold_header(name)),
                ),
            )
        )
    focus = cells(lambda g: names.get(g.focus_trait or "", ""), "")
    columns.append(Column(tr(lang, "Focus"), focus, EXTRA, justify="left"))
    # "suppressed" ends the row of a hidden group, whichever columns fit.
    marker = Text(tr(lang, "suppressed"), style="dim italic")
    notes = [None if ok else marker for ok in shown]
    rows: list[Name | Section] = []
    previous_dimension = None
    loose = _first_loose_team(report)
    for group in groups:
        if group.id == loose:  # teams whose rows have no department: never shown as departments
            rows.append(Section("  " + tr(lang, "(no department)")))
        if group.dimension not in _TREE and group.dimension != previous_dimension:
            rows.append(Section(f"{tr(lang, 'By')} {inert_text(group.dimension)}"))
        previous_dimension = group.dimension
        rows.append(_name(group, lang, nested=loose is not None))
    return fit_table(tr(lang, "Group"), rows, columns, width, lang, name_rank=EXTRA,
                     notes=notes)  # fmt: skip


_TREE = ("organisation", "department", "team")


def _ci(group: GroupResult) -> str:
    return f"{score(group.ci.low)}–{score(group.ci.high)}" if group.ci else "–"


def _trait_cell(
    group: GroupResult,
    key: str,
    band: Callable[[float | None, str], Text],
    *,
    full: bool,
    with_n: bool = False,
) -> Cell:
    trait = next((t for t in group.traits or [] if t.key == key), None)
    if trait is None or trait.mean is None:
        return "–"
    cell = band(trait.mean, f"{trait.mean:.0f}")
    if full:
        cell.append(f" {share(trait.favourable)}")
    if with_n and trait.n != group.respondents:  # rests on fewer people than the respondents
        cell.append(f" ({trait.n})")
    return cell


def _mes_text(group: GroupResult, *, with_n: bool = False) -> str:
    if group.n is None:
        return "–"
    text = score(group.mes)
    return text if not with_n or group.n == group.respondents else f"{text} ({group.n})"


def _on_scale(group: GroupResult) -> str:
    return "–" if group.mes_on_scale is None else f"{group.mes_on_scale:.1f}"


def _first_loose_team(report: ScoreReport) -> str | None:
    """The id of the first team without a department, in a report that has departments."""
    if not any(g.dimension == "department" for g in report.groups):
        return None
    return next((g.id for g in report.groups if g.dimension == "team" and len(g.path) == 1), None)


def _name(group: GroupResult, lang: Lang, *, nested: bool = False) -> Name:
    """A group's name; ``nested``: teams without a department sit under "(no department)"."""
    if group.dimension == "organisation":
        return Name(tr(lang, "Organisation"), style="bold")
    team = group.dimension == "team"
    indent = 4 if team and (len(group.path) > 1 or nested) else 2
    style = "bold" if group.dimension == "department" else ""
    return Name(inert_text(group.name), indent, style)


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


def footer_lines(report: ScoreReport, lang: Lang = "en", *, shares: bool = True) -> list[str]:
    """Which instrument and settings produced the figures, and the reliability per trait.
    ``shares``: whether the trait cells show the favourable share beside the mean."""
    ins, st = report.instrument, report.settings
    lines = response_lines(report, lang, inert_text)
    if report.response is not None:
        lines.append(response_legend(lang))
    lines += [
        f"{tr(lang, 'Instrument')}: "
        + (
            tr(
                lang,
                "{name} v{version} ({fingerprint}), scale {low}-{high}.",
                name=inert_text(ins.name),
                version=inert_text(ins.version),
                fingerprint=ins.fingerprint,
                low=ins.scale_min,
                high=ins.scale_max,
            )
            if (ins.scale_min, ins.scale_max) == (1, 5)
            else tr(
                lang,
                "{name} v{version} ({fingerprint}), scale {low}-{high}; the {low}–{high} column "
                "is the MES as an average answer on it.",
                name=inert_text(ins.name),
                version=inert_text(ins.version),
                fingerprint=ins.fingerprint,
                low=ins.scale_min,
                high=ins.scale_max,
            )
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
        )
        if shares
        else tr(
            lang,
            "Trait cells: mean score 0-100 (favourable ≥ {f}; unfavourable ≤ {u}).",
            f=f"{st.favourable_at:g}",
            u=f"{st.unfavourable_at:g}",
        ),
    ]
    lines.append(
        tr(
            lang,
            "n: respondents; (n) after a figure: the people it rests on, when fewer answered; "
            "–: not shown (too few people, or it would give someone away).",
        )
    )
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
    return lines
