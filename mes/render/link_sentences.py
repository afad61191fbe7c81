"""The words of ``mes link`` in English and Dutch, shared by its table and its workbook: column
headings, what the correlations say and what so few teams can show, and the notes on what is
hidden and why. Names from the data pass through `inert_text`.
"""

from __future__ import annotations

from mes.mirror_results import LagLeftOutReason, LeftOutReason, LinkReport
from mes.render import Lang, inert_text
from mes.render.words import LINK, LINK_LAG, p_sentence, suppression_word

#: Why a team takes no part in the lagged link; the quarters are the first (--earlier), the
#: second (--previous) and this one.


def w(key: str, lang: Lang, **values: object) -> str:
    return LINK[key][lang].format(**values)


def measure_name(report: LinkReport, measure: str, lang: Lang) -> str:
    if measure in ("mes_change", "mes_change_lagged"):
        return w(measure, lang)
    if measure == "mes":
        return "MES"
    if measure == "energetic_share":
        return w("energetic_share", lang)
    names = report.trait_names_nl if lang == "nl" else report.trait_names
    return names.get(measure, measure)


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
        f"{inert_text(t.name)} ({w(t.customer_hidden or 'no-customers', lang, k=k)})"
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


def left_out_word(reason: LeftOutReason, lang: Lang) -> str:
    return w(reason, lang)


def change_words(report: LinkReport, lang: Lang) -> list[str]:
    """What the link between the two quarters' changes says, on how many teams, and what two
    quarters cannot show."""
    change = report.change
    if change is None:
        return []
    c = change.correlation
    n = c.teams
    en = lang == "en"
    conf = f"{report.settings.confidence:.0%}"
    lines = []
    if c.pearson_r is None or c.pearson_ci is None or c.pearson_p is None:
        lines.append(
            f"Only {n} team(s) are shown with a customer score in both quarters: too few to "
            "relate their changes."
            if en
            else f"Maar {n} team(s) staan in beide kwartalen met een klantscore: te weinig om hun "
            "veranderingen te vergelijken."
        )
    else:
        r = f"{c.pearson_r:+.2f}"
        ci = f"{c.pearson_ci.low:+.2f} … {c.pearson_ci.high:+.2f}"
        p = p_sentence(c.pearson_p, lang)
        significant = c.pearson_p < round(1 - report.settings.confidence, 12)
        if en:
            verdict = (
                "teams whose MES rose more also gained more customer score"
                if significant and c.pearson_r > 0
                else "teams whose MES rose more gained less customer score"
                if significant
                else "not distinguishable from no relation"
            )
            lines.append(
                f"Across the {n} teams shown with a customer score in both quarters, the change "
                f"in MES goes with the change in customer score with r = {r} ({conf} CI {ci}, "
                f"{p}): {verdict}."
            )
        else:
            verdict = (
                "teams waarvan de MES meer steeg, wonnen ook meer klantscore"
                if significant and c.pearson_r > 0
                else "teams waarvan de MES meer steeg, wonnen minder klantscore"
                if significant
                else "niet te onderscheiden van geen verband"
            )
            lines.append(
                f"Over de {n} teams die in beide kwartalen met een klantscore getoond worden, "
                f"hangt de verandering in MES samen met de verandering in klantscore met r = "
                f"{r.replace('.', ',')} ({conf}-BI {ci.replace('.', ',')}, {p}): {verdict}."
            )
        if change.detectable_r is not None:
            d = f"{change.detectable_r:.2f}"
            lines.append(
                f"With {n} teams only a strong relation would be visible (|r| of about {d} or "
                "more)."
                if en
                else f"Met {n} teams is alleen een sterk verband zichtbaar (|r| vanaf ongeveer "
                f"{d.replace('.', ',')})."
            )
    if report.lag is not None:
        lines.append(
            "Both changes cover the same two quarters. The lag the literature describes (a "
            "quarter's change in MES followed by the next quarter's change in customer score) "
            "is shown separately, with the first quarter given by --earlier."
            if en
            else "Beide veranderingen gaan over dezelfde twee kwartalen. Het verband met "
            "vertraging uit de literatuur (de verandering in MES in een kwartaal, gevolgd door "
            "die in klantscore in het volgende) staat apart, met het eerste kwartaal van "
            "--earlier."
        )
    else:
        lines.append(
            "Both changes cover the same two quarters. The lag the literature describes (this "
            "quarter's change in MES followed by next quarter's change in customer score) needs "
            "three quarters; with two, mes shows the changes side by side."
            if en
            else "Beide veranderingen gaan over dezelfde twee kwartalen. Het verband met "
            "vertraging uit de literatuur (de verandering in MES van dit kwartaal, gevolgd door "
            "die in klantscore van het volgende) vraagt drie kwartalen; met twee toont mes de "
            "veranderingen naast elkaar."
        )
    left = [
        f"{inert_text(t.name)} ({left_out_word(t.left_out, lang)})"
        for t in change.teams
        if t.left_out is not None
    ]
    if left:
        lines.append(("Left out: " if en else "Niet meegeteld: ") + "; ".join(left) + ".")
    return lines


def lag_left_out_word(reason: LagLeftOutReason, lang: Lang) -> str:
    return LINK_LAG[reason][lang]


def lag_words(report: LinkReport, lang: Lang) -> list[str]:
    """What the lagged link says (a change in MES against the next quarter's change in customer
    score), on how many teams it rests, and which teams are left out and why."""
    lag = report.lag
    if lag is None:
        return []
    c = lag.correlation
    n = c.teams
    en = lang == "en"
    conf = f"{report.settings.confidence:.0%}"
    lines = []
    if c.pearson_r is None or c.pearson_ci is None or c.pearson_p is None:
        lines.append(
            f"Only {n} team(s) are shown in all three quarters with the figures the lagged link "
            "needs: too few to relate a change in MES to the next quarter's change in customer "
            "score."
            if en
            else f"Maar {n} team(s) staan in alle drie de kwartalen met de cijfers die het "
            "verband met vertraging nodig heeft: te weinig om een verandering in MES te "
            "vergelijken met de verandering in klantscore een kwartaal later."
        )
    else:
        r = f"{c.pearson_r:+.2f}"
        ci = f"{c.pearson_ci.low:+.2f} … {c.pearson_ci.high:+.2f}"
        p = p_sentence(c.pearson_p, lang)
        significant = c.pearson_p < round(1 - report.settings.confidence, 12)
        if en:
            verdict = (
                "teams whose MES rose more went on to gain more customer score"
                if significant and c.pearson_r > 0
                else "teams whose MES rose more went on to gain less customer score"
                if significant
                else "not distinguishable from no relation"
            )
            lines.append(
                f"This rests on {n} teams, shown in all three quarters. Their change in MES "
                f"from the first to the second quarter goes with their change in customer score "
                f"from the second quarter to this one with r = {r} ({conf} CI {ci}, {p}): "
                f"{verdict}."
            )
        else:
            verdict = (
                "teams waarvan de MES meer steeg, wonnen daarna meer klantscore"
                if significant and c.pearson_r > 0
                else "teams waarvan de MES meer steeg, wonnen daarna minder klantscore"
                if significant
                else "niet te onderscheiden van geen verband"
            )
            lines.append(
                f"Dit rust op {n} teams, getoond in alle drie de kwartalen. Hun verandering in "
                f"MES van het eerste naar het tweede kwartaal hangt samen met hun verandering in "
                f"klantscore van het tweede kwartaal naar dit kwartaal met r = "
                f"{r.replace('.', ',')} ({conf}-BI {ci.replace('.', ',')}, {p}): {verdict}."
            )
        if lag.detectable_r is not None:
            d = f"{lag.detectable_r:.2f}"
            lines.append(
                f"With {n} teams only a strong relation would be visible (|r| of about {d} or "
                "more). That one change follows the other across teams does not show that the "
                "first causes the second."
                if en
                else f"Met {n} teams is alleen een sterk verband zichtbaar (|r| vanaf ongeveer "
                f"{d.replace('.', ',')}). Dat de ene verandering op de andere volgt, laat niet "
                "zien dat de eerste de tweede veroorzaakt."
            )
    left = [
        f"{inert_text(t.name)} ({lag_left_out_word(t.left_out, lang)})"
        for t in lag.teams
        if t.left_out is not None
    ]
    if left:
        lines.append(("Left out: " if en else "Niet meegeteld: ") + "; ".join(left) + ".")
    return lines
