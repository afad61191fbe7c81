"""The terminal view of a `LinkReport`: each team's energy beside its customer score, how they
go together across teams, and honest words about what so few teams can show. Fits 80 columns.

Names from the data go through `inert_text` into Rich `Text`, never markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.messages import N_
from mes.mirror_results import Correlation, LinkReport, LinkTeam
from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.link_sentences import change_words, lag_words, measure_name, notes, words
from mes.render.words import number, p_text, signed

NAME_LIMIT = 28


_LEVEL = {"team": N_("Team"), "department": N_("Department")}


def render_link(report: LinkReport, console: Console, lang: Lang = "en") -> None:
    width = console.width
    head = Text(tr(lang, "Team energy and customer score"), style="bold")
    console.print(head)
    for side, info in (
        (tr(lang, "Staff survey"), report.survey),
        (tr(lang, "Customers"), report.customers),
    ):
        line = f"{side}: {inert_text(info.file)}"
        if info.sheet:
            line += f" ({inert_text(info.sheet)})"
        console.print(Text(line), width=width)
    console.print()
    console.print(team_table(report, lang))
    console.print()
    console.print(correlation_table(report, lang))
    console.print()
    for sentence in words(report, lang):
        console.print(Text(sentence), width=width)
    console.print(Text("\n".join(notes(report, lang)), style="dim"), width=width)
    if report.change is not None:
        _render_change(report, console, lang)
    if report.lag is not None:
        _render_lag(report, console, lang)


def _render_change(report: LinkReport, console: Console, lang: Lang) -> None:
    change = report.change
    assert change is not None
    width = console.width
    console.print()
    console.print(Text(tr(lang, "Change in MES and in customer score"), style="bold"))
    earlier = tr_ctx(lang, "link table", "Earlier quarter").lower()
    for side, info in (
        (tr(lang, "Staff survey"), change.previous_survey),
        (tr(lang, "Customers"), change.previous_customers),
    ):
        line = f"{side}, {earlier}: {inert_text(info.file)}"
        console.print(Text(line + (f" ({inert_text(info.sheet)})" if info.sheet else "")))
    console.print()
    console.print(change_table(report, lang))
    console.print()
    console.print(correlation_table(report, lang, [change.correlation]))
    console.print()
    for sentence in change_words(report, lang):
        console.print(Text(sentence), width=width)


def _render_lag(report: LinkReport, console: Console, lang: Lang) -> None:
    lag = report.lag
    assert lag is not None
    width = console.width
    console.print()
    console.print(
        Text(
            tr(lang, ("Change in MES, then the next quarter's change in customer score")),
            style="bold",
        ),
        width=width,
    )
    info = lag.earlier_survey
    first = tr(lang, "First quarter").lower()
    line = f"{tr(lang, 'Staff survey')}, {first}: {inert_text(info.file)}"
    console.print(Text(line + (f" ({inert_text(info.sheet)})" if info.sheet else "")))
    console.print()
    console.print(lag_table(report, lang))
    console.print()
    console.print(correlation_table(report, lang, [lag.correlation]))
    console.print()
    for sentence in lag_words(report, lang):
        console.print(Text(sentence), width=width)


def lag_table(report: LinkReport, lang: Lang = "en") -> Table:
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
    return _changes_table(report, lang, headers, rows)


def change_table(report: LinkReport, lang: Lang = "en") -> Table:
    """The teams taking part: MES and customer score (0-100) in both quarters, and the change."""
    assert report.change is not None
    headers = (tr(lang, "MES\nbefore"), tr(lang, "MES\nnow"), tr(lang, "Cust.\nbefore"))
    rows = [
        (t.name, t.mes_previous, t.mes_current, t.mes_change,
         t.customer_previous, t.customer_current, t.customer_change)
        for t in report.change.teams
        if t.left_out is None  # named in the words below, with why
    ]  # fmt: skip
    return _changes_table(report, lang, headers, rows)


ChangeRow = tuple[str, float | None, float | None, float | None, float | None, float | None,
                  float | None]  # fmt: skip


def _changes_table(
    report: LinkReport, lang: Lang, headers: tuple[str, str, str], rows: list[ChangeRow]
) -> Table:
    """Team, MES before and after and its change, customer score before and now and its change."""
    table = _table()
    level = "team" if report.level == "team" else "department"
    table.add_column(
        tr(lang, _LEVEL[level]), no_wrap=True, overflow="ellipsis", max_width=NAME_LIMIT
    )
    mes_from, mes_to, cust_from = headers
    for header in (mes_from, mes_to, "Δ MES", cust_from, tr(lang, "Cust.\nnow"),
                   tr(lang, "Δ Cust.")):  # fmt: skip
        table.add_column(header, justify="right", no_wrap=True)
    for name, mes_a, mes_b, mes_d, cust_a, cust_b, cust_d in rows:
        table.add_row(
            Text(inert_text(name, NAME_LIMIT)),
            number(mes_a, lang), number(mes_b, lang), signed(mes_d, lang),
            number(cust_a, lang), number(cust_b, lang), signed(cust_d, lang),
        )  # fmt: skip
    return table


def _table() -> Table:
    return Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
        padding=(0, 1, 0, 0),
    )  # fmt: skip


def team_table(report: LinkReport, lang: Lang = "en") -> Table:
    scale = f"{report.settings.scale_min}-{report.settings.scale_max}"
    table = _table()
    level = "team" if report.level == "team" else "department"
    table.add_column(
        tr(lang, _LEVEL[level]), no_wrap=True, overflow="ellipsis", max_width=NAME_LIMIT
    )
    for header in (
        tr(lang, "n\nstaff"), tr(lang, "MES"), tr(lang, "Ener-\ngetic"), tr(lang, "n\ncust."),
        tr(lang, "Customer\n0-100"), tr(lang, "Customer\n{s}", s=scale),
    ):  # fmt: skip
        table.add_column(header, justify="right", no_wrap=True)
    k = report.settings.min_group_size
    for team in report.teams:
        table.add_row(*_team_row(team, k, lang))
    return table


def _team_row(team: LinkTeam, k: int, lang: Lang) -> list[Text | str]:
    name = Text(inert_text(team.name, NAME_LIMIT))
    if team.suppressed:  # the reason is in the notes
        return [name, "–", "–", "–", "–", "–", Text(tr(lang, "suppressed"), style="dim italic")]
    share = "–" if team.energetic_share is None else f"{100 * team.energetic_share:.0f}%"
    cells: list[Text | str] = [name, str(team.employees), number(team.mes), share]
    if team.customer_score is None:  # why is in the notes
        return [*cells, "–", "–", "–"]
    return [
        *cells,
        str(team.customers),
        number(team.customer_score),
        number(team.customer_mean_on_scale, digits=2),
    ]


def correlation_table(
    report: LinkReport, lang: Lang = "en", correlations: list[Correlation] | None = None
) -> Table:
    correlations = report.correlations if correlations is None else correlations
    conf = f"{report.settings.confidence:.0%}"
    n = max((c.teams for c in correlations), default=0)
    table = _table()
    table.add_column(tr(lang, "Across {n} teams", n=n), no_wrap=True)
    ci = tr(lang, "{conf} CI", conf=conf)
    for header in ("r", ci, "p", "ρ", ci, "p"):
        table.add_column(header, justify="right", no_wrap=True)
    for c in correlations:
        table.add_row(measure_name(report, c.measure, lang), *_correlation_cells(c))
    return table


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
