"""The terminal view of a `LinkReport`: each team's energy beside its customer score, how they
go together across teams, and honest words about what so few teams can show. Fits 80 columns.

Names from the data go through `inert_text` into Rich `Text`, never markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mes.mirror_results import Correlation, LinkReport, LinkTeam
from mes.render import Lang, inert_text
from mes.render.words import LINK, number, p_sentence, p_text, say, suppression_word

NAME_LIMIT = 28


def render_link(report: LinkReport, console: Console, lang: Lang = "en") -> None:
    width = console.width
    head = Text(say(LINK, "title", lang), style="bold")
    console.print(head)
    for key, info in (("survey", report.survey), ("customers", report.customers)):
        line = f"{say(LINK, key, lang)}: {inert_text(info.file)}"
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
        say(LINK, level, lang), no_wrap=True, overflow="ellipsis", max_width=NAME_LIMIT
    )
    for header in (
        say(LINK, "n_staff", lang),
        say(LINK, "mes", lang),
        say(LINK, "energetic", lang),
        say(LINK, "n_cust", lang),
        say(LINK, "score", lang),
        say(LINK, "on_scale", lang, s=scale),
    ):
        table.add_column(header, justify="right", no_wrap=True)
    k = report.settings.min_group_size
    for team in report.teams:
        table.add_row(*_team_row(team, k, lang))
    return table


def _team_row(team: LinkTeam, k: int, lang: Lang) -> list[Text | str]:
    name = Text(inert_text(team.name, NAME_LIMIT))
    if team.suppressed:  # the reason is in the notes
        return [
            name,
            "–",
            "–",
            "–",
            "–",
            "–",
            Text(say(LINK, "suppressed", lang), style="dim italic"),
        ]
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


def _measure_name(report: LinkReport, measure: str, lang: Lang) -> str:
    if measure == "mes":
        return "MES"
    if measure == "energetic_share":
        return say(LINK, "energetic_share", lang)
    names = report.trait_names_nl if lang == "nl" else report.trait_names
    return names.get(measure, measure)


def correlation_table(report: LinkReport, lang: Lang = "en") -> Table:
    conf = f"{report.settings.confidence:.0%}"
    n = max((c.teams for c in report.correlations), default=0)
    table = _table()
    table.add_column(say(LINK, "measure", lang, n=n), no_wrap=True)
    ci = f"{conf} CI" if lang == "en" else f"{conf}-BI"
    for header in ("r", ci, "p", "ρ", ci, "p"):
        table.add_column(header, justify="right", no_wrap=True)
    for c in report.correlations:
        table.add_row(_measure_name(report, c.measure, lang), *_correlation_cells(c))
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


def words(report: LinkReport, lang: Lang) -> list[str]:
    """What the MES correlation says, and what this many teams can and cannot show."""
    mes = next(c for c in report.correlations if c.measure == "mes")
    n = mes.teams
    en = lang == "en"
    if mes.pearson_r is None or mes.pearson_ci is None or mes.pearson_p is None:
        return [
            f"Only {n} team(s) have both an MES and a customer score shown: too few to relate them."
            if en
            else f"Maar {n} team(s) hebben zowel een MES als een klantscore: te weinig om ze te "
            "vergelijken."
        ]
    alpha = round(1 - report.settings.confidence, 12)
    r = f"{mes.pearson_r:+.2f}"
    ci = f"{mes.pearson_ci.low:+.2f} … {mes.pearson_ci.high:+.2f}"
    p = p_sentence(mes.pearson_p, lang)
    lines = []
    if mes.pearson_p < alpha:
        direction = ("higher", "hoger") if mes.pearson_r > 0 else ("lower", "lager")
        lines.append(
            f"Across {n} teams, teams with a higher MES have {direction[0]} customer scores: "
            f"r = {r} ({report.settings.confidence:.0%} CI {ci}, {p})."
            if en
            else f"Over {n} teams hebben teams met een hogere MES {direction[1]} klantscores: "
            f"r = {r.replace('.', ',')} ({report.settings.confidence:.0%}-BI "
            f"{ci.replace('.', ',')}, {p})."
        )
    else:
        lines.append(
            f"Across {n} teams, MES and customer score go together with r = {r} "
            f"({report.settings.confidence:.0%} CI {ci}, {p}): not distinguishable from no "
            "relation."
            if en
            else f"Over {n} teams hangen MES en klantscore samen met r = {r.replace('.', ',')} "
            f"({report.settings.confidence:.0%}-BI {ci.replace('.', ',')}, {p}): niet te "
            "onderscheiden van geen verband."
        )
    if report.detectable_r is not None:
        d = f"{report.detectable_r:.2f}"
        lines.append(
            f"With {n} teams only a strong relation would be visible (|r| of about {d} or more); "
            "the interval shows how uncertain r is. A relation across teams says they go "
            "together, not that one causes the other. Of several measures tested, one may reach "
            "significance by chance."
            if en
            else f"Met {n} teams is alleen een sterk verband zichtbaar (|r| vanaf ongeveer "
            f"{d.replace('.', ',')}); het interval laat zien hoe onzeker r is. Een verband "
            "tussen teams zegt dat ze samengaan, niet dat het een het ander veroorzaakt. Van "
            "meerdere getoetste maten kan er een toevallig significant zijn."
        )
    return lines


def notes(report: LinkReport, lang: Lang) -> list[str]:
    st = report.settings
    k = st.min_group_size
    en = lang == "en"
    lines = [
        (
            f"Customer score: column {inert_text(st.score_column)!r}, scale {st.scale_min}-"
            f"{st.scale_max}, shown on 0-100 and on its scale; MES by {inert_text(st.instrument)}."
            if en
            else f"Klantscore: kolom {inert_text(st.score_column)!r}, schaal {st.scale_min}-"
            f"{st.scale_max}, getoond op 0-100 en op de eigen schaal; MES volgens "
            f"{inert_text(st.instrument)}."
        ),
        (
            f"r: Pearson; ρ: Spearman (rank). Only teams shown on both sides count; minimum "
            f"group size {k}."
            if en
            else f"r: Pearson; ρ: Spearman (rangorde). Alleen teams die aan beide kanten getoond "
            f"worden tellen mee; minimale groepsgrootte {k}."
        ),
    ]
    hidden = [
        f"{inert_text(t.name)} ({suppression_word(t.suppression, k, lang)})"
        for t in report.teams
        if t.suppressed
    ]
    if hidden:
        lines.append(("Suppressed: " if en else "Afgeschermd: ") + "; ".join(hidden) + ".")
    no_score = [
        f"{inert_text(t.name)} ({say(LINK, t.customer_hidden or 'no-customers', lang, k=k)})"
        for t in report.teams
        if not t.suppressed and t.customer_score is None
    ]
    if no_score:
        head = "No customer score shown: " if en else "Geen klantscore getoond: "
        lines.append(head + "; ".join(no_score) + ".")
    if report.matching.customer_only:
        lines.append(
            ("In the customer file only: " if en else "Alleen in het klantbestand: ")
            + ", ".join(inert_text(n) for n in report.matching.customer_only)
            + "."
        )
    return lines
