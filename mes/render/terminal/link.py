"""The terminal view of a `LinkReport`: each team's energy beside its customer score, how they
go together across teams, and honest words about what so few teams can show. Every table is
fitted to the console's width by `mes.render.terminal.fit` (the Spearman columns, then the
intervals give way first; names are cut distinctly, with the full names below).

Names from the data go through `inert_text` into Rich `Text`, never markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from mes.messages import N_
from mes.mirror_results import Correlation, LinkReport, LinkTeam
from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.link_sentences import change_words, lag_words, measure_name, notes, words
from mes.render.terminal.fit import (
    DETAIL,
    FIGURE,
    INTERVAL,
    Cell,
    Column,
    Fitted,
    Name,
    band_style,
    emit,
    emit_text,
    fit_table,
)
from mes.render.words import number, p_text, signed


def _show(console: Console, fitted: Fitted) -> list[str]:
    emit(console, fitted.table, width=max(console.width, fitted.table_width))
    return fitted.notes


_LEVEL = {"team": N_("Team"), "department": N_("Department")}


_LEVEL = {"team": N_("Team"), "department": N_("Department")}


def render_link(report: LinkReport, console: Console, lang: Lang = "en") -> None:
    width = console.width
    emit(console, Text(tr(lang, "Team energy and customer score"), style="bold"))
    lines = []
    for side, info in (
        (tr(lang, "Staff survey"), report.survey),
        (tr(lang, "Customers"), report.customers),
    ):
        line = f"{side}: {inert_text(info.file)}"
        if info.sheet:
            line += f" ({inert_text(info.sheet)})"
        lines.append(line)
    emit_text(console, lines)
    console.print()
    table_notes = _show(console, team_table(report, lang, width))
    console.print()
    table_notes += _show(console, correlation_table(report, lang, width=width))
    console.print()
    emit_text(console, words(report, lang))
    emit_text(console, list(dict.fromkeys(table_notes)) + notes(report, lang), "dim")
    if report.change is not None:
        _render_change(report, console, lang)
    if report.lag is not None:
        _render_lag(report, console, lang)


def _render_change(report: LinkReport, console: Console, lang: Lang) -> None:
    change = report.change
    assert change is not None
    width = console.width
    console.print()
    emit(console, Text(tr(lang, "Change in MES and in customer score"), style="bold"))
    lines = []
    earlier = tr_ctx(lang, "link table", "Earlier quarter").lower()
    for side, info in (
        (tr(lang, "Staff survey"), change.previous_survey),
        (tr(lang, "Customers"), change.previous_customers),
    ):
        line = f"{side}, {earlier}: {inert_text(info.file)}"
        lines.append(line + (f" ({inert_text(info.sheet)})" if info.sheet else ""))
    emit_text(console, lines)
    console.print()
    table_notes = _show(console, change_table(report, lang, width))
    console.print()
    table_notes += _show(console, correlation_table(report, lang, [change.correlation], width))
    console.print()
    emit_text(console, change_words(report, lang))
    emit_text(console, list(dict.fromkeys(table_notes)), "dim")


def _render_lag(report: LinkReport, console: Console, lang: Lang) -> None:
    lag = report.lag
    assert lag is not None
    width = console.width
    console.print()
    emit_text(
        console,
        [tr(lang, ("Change in MES, then the next quarter's change in customer score"))],
        "bold",
    )
    info = lag.earlier_survey
    line = (
        f"{tr(lang, 'Staff survey')}, {tr(lang, 'First quarter').lower()}: {inert_text(info.file)}"
    )
    emit_text(console, [line + (f" ({inert_text(info.sheet)})" if info.sheet else "")])
    console.print()
    table_notes = _show(console, lag_table(report, lang, width))
    console.print()
    table_notes += _show(console, correlation_table(report, lang, [lag.correlation], width))
    console.print()
    emit_text(console, lag_words(report, lang))
    emit_text(console, list(dict.fromkeys(table_notes)), "dim")


def lag_table(report: LinkReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """The teams taking part in the lagged link: MES in the first and second quarter and its
    change, then customer score (0-100) in the second quarter and now and its change."""
    assert report.lag is not None
    headers = (tr(lang, "MES\n1st"), tr(lang, "MES\n2nd"), tr(lang, "Cust.\n2nd"))
    rows = [
        (t.name, t.mes_earlier, t.mes_previous, t.mes_change,
         t.customer_previous, t.customer_current, t.customer_change)
        for t in report.lag.teams
        if t.left_out is None  # named in the words below, with why
    ]  # fmt: skip
    return _changes_table(report, lang, headers, rows, width)


def change_table(report: LinkReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    """The teams taking part: MES and customer score (0-100) in both quarters, and the change."""
    assert report.change is not None
    headers = (tr(lang, "MES\nbefore"), tr(lang, "MES\nnow"), tr(lang, "Cust.\nbefore"))
    rows = [
        (t.name, t.mes_previous, t.mes_current, t.mes_change,
         t.customer_previous, t.customer_current, t.customer_change)
        for t in report.change.teams
        if t.left_out is None  # named in the words below, with why
    ]  # fmt: skip
    return _changes_table(report, lang, headers, rows, width)


ChangeRow = tuple[str, float | None, float | None, float | None, float | None, float | None,
                  float | None]  # fmt: skip


def _changes_table(
    report: LinkReport,
    lang: Lang,
    headers: tuple[str, str, str],
    rows: list[ChangeRow],
    width: int,
) -> Fitted:
    """Team, MES before and after and its change, customer score before and now and its change."""
    level = "team" if report.level == "team" else "department"
    mes_from, mes_to, cust_from = headers
    heads = (mes_from, mes_to, "Δ MES", cust_from, tr(lang, "Cust.\nnow"),
             tr(lang, "Δ Cust."))  # fmt: skip
    values = [r[1:] for r in rows]
    columns = [
        Column(head, [(signed if i in (2, 5) else number)(v[i], lang) for v in values])
        for i, head in enumerate(heads)
    ]
    names: list[Name] = [Name(inert_text(r[0])) for r in rows]
    return fit_table(tr(lang, _LEVEL[level]), names, columns, width, lang)


def team_table(report: LinkReport, lang: Lang = "en", width: int = 10_000) -> Fitted:
    scale = f"{report.settings.scale_min}-{report.settings.scale_max}"
    level = "team" if report.level == "team" else "department"
    k = report.settings.min_group_size
    cells = [_team_row(team, k, lang) for team in report.teams]
    heads = (tr(lang, "n\nstaff"), tr(lang, "MES"), tr(lang, "Ener-\ngetic"), tr(lang, "n\ncust."),
             tr(lang, "Customer\n0-100"), tr(lang, "Customer\n{s}", s=scale))  # fmt: skip
    ranks = (FIGURE, 1_000, FIGURE + 5, FIGURE, 1_000, DETAIL)
    columns = [
        Column(head, [c[i] for c in cells], rank)
        for i, (head, rank) in enumerate(zip(heads, ranks, strict=True))
    ]
    names: list[Name] = [Name(inert_text(t.name)) for t in report.teams]
    return fit_table(tr(lang, _LEVEL[level]), names, columns, width, lang)


def _team_row(team: LinkTeam, k: int, lang: Lang) -> list[Cell]:
    if team.suppressed:  # the reason is in the notes
        return ["–", "–", "–", "–", "–", Text(tr(lang, "suppressed"), style="dim italic")]
    share = "–" if team.energetic_share is None else f"{100 * team.energetic_share:.0f}%"
    mes = Text(number(team.mes), style=band_style(team.mes))
    cells: list[Cell] = [str(team.employees), mes, share]
    if team.customer_score is None:  # why is in the notes
        return [*cells, "–", "–", "–"]
    return [
        *cells,
        str(team.customers),
        Text(number(team.customer_score), style=band_style(team.customer_score)),
        number(team.customer_mean_on_scale, digits=2),
    ]


def correlation_table(
    report: LinkReport,
    lang: Lang = "en",
    correlations: list[Correlation] | None = None,
    width: int = 10_000,
) -> Fitted:
    """Pearson's r and Spearman's rho with their intervals and p; within ``width`` the
    Spearman columns give way first, then the intervals."""
    correlations = report.correlations if correlations is None else correlations
    conf = f"{report.settings.confidence:.0%}"
    n = max((c.teams for c in correlations), default=0)
    ci = tr(lang, "{conf} CI", conf=conf)
    cells = [_correlation_cells(c) for c in correlations]
    heads = ("r", ci, "p", "ρ", ci, "p")
    ranks = (1_000, INTERVAL, FIGURE, DETAIL, DETAIL, DETAIL)
    lost = (None, f"{ci} (r)", None, "ρ", f"{ci} (ρ)", "p (ρ)")
    columns = [
        Column(head, [c[i] for c in cells], rank, lost=gone)
        for i, (head, rank, gone) in enumerate(zip(heads, ranks, lost, strict=True))
    ]
    names: list[Name] = [Name(measure_name(report, c.measure, lang)) for c in correlations]
    return fit_table(tr(lang, "Across {n} teams", n=n), names, columns, width, lang)


def _r(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _correlation_cells(c: Correlation) -> list[str]:
    def ci(low: float | None, high: float | None) -> str:
        return "–" if low is None or high is None else f"{_r(low)}…{_r(high)}"

    return [
        _r(c.pearson_r),
        ci(c.pearson_ci.low, c.pearson_ci.high) if c.pearson_ci else "–",
        p_text(c.pearson_p) if c.pearson_p is not None else "–",
        _r(c.spearman_rho),
        ci(c.spearman_ci.low, c.spearman_ci.high) if c.spearman_ci else "–",
        p_text(c.spearman_p) if c.spearman_p is not None else "–",
    ]
