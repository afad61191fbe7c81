"""The words of ``mes link`` in English and Dutch, shared by its table and its workbook: column
headings, what the correlations say and what so few teams can show, and the notes on what is
hidden and why. Names from the data pass through `inert_text`.
"""

from __future__ import annotations

from mes.messages import N_
from mes.mirror_results import LagLeftOutReason, LeftOutReason, LinkReport
from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_ctx
from mes.render.words import p_sentence, suppression_word

#: Why a team takes no part in the link of two quarters' changes.
_LEFT_OUT: dict[str, str] = {
    "only-previous": N_("earlier quarter only"),
    "only-current": N_("this quarter only"),
    "suppressed-previous": N_("suppressed in the earlier quarter"),
    "suppressed-current": N_("suppressed this quarter"),
    "customers-hidden-previous": N_("no customer score shown in the earlier quarter"),
    "customers-hidden-current": N_("no customer score shown this quarter"),
}

#: Why a team takes no part in the lagged link; the quarters are the first (--earlier), the
#: second (--previous) and this one.
_LAG_LEFT_OUT: dict[str, str] = {
    "absent-earlier": N_("not in the first quarter"),
    "absent-previous": N_("not in the second quarter"),
    "absent-current": N_("not in this quarter"),
    "suppressed-earlier": N_("suppressed in the first quarter"),
    "suppressed-previous": N_("suppressed in the second quarter"),
    "suppressed-current": N_("suppressed this quarter"),
    "customers-hidden-previous": N_("no customer score shown in the second quarter"),
    "customers-hidden-current": N_("no customer score shown this quarter"),
}

#: Why a team's customer score is not shown.
_NO_SCORE: dict[str, str] = {
    "too-few-answers": N_("fewer than {k} customers"),
    "no-customers": N_("no customers"),
}


def _comma(text: str, lang: Lang) -> str:
    """A number already written with a point, with a decimal comma in Dutch."""
    return text.replace(".", ",") if lang == "nl" else text


def measure_name(report: LinkReport, measure: str, lang: Lang) -> str:
    if measure == "mes_change":
        return tr(lang, "Change in MES")
    if measure == "mes_change_lagged":
        return tr(lang, "Δ MES, then Δ cust.")
    if measure == "mes":
        return "MES"
    if measure == "energetic_share":
        return tr_ctx(lang, "link table", "Share energetic")
    names = report.trait_names_nl if lang == "nl" else report.trait_names
    return names.get(measure, measure)


def words(report: LinkReport, lang: Lang) -> list[str]:
    """What the MES correlation says, and what this many teams can and cannot show."""
    mes = next(c for c in report.correlations if c.measure == "mes")
    n = mes.teams
    if mes.pearson_r is None or mes.pearson_ci is None or mes.pearson_p is None:
        return [
            tr(
                lang,
                "Only {n} team(s) have both an MES and a customer score shown: too few to "
                "relate them.",
                n=n,
            )
        ]
    alpha = round(1 - report.settings.confidence, 12)
    r = _comma(f"{mes.pearson_r:+.2f}", lang)
    ci = _comma(f"{mes.pearson_ci.low:+.2f} … {mes.pearson_ci.high:+.2f}", lang)
    p = p_sentence(mes.pearson_p, lang)
    conf = f"{report.settings.confidence:.0%}"
    lines = []
    if mes.pearson_p < alpha:
        lines.append(
            tr(
                lang,
                "Across {n} teams, teams with a higher MES have higher customer scores: "
                "r = {r} ({conf} CI {ci}, {p}).",
                n=n, r=r, conf=conf, ci=ci, p=p,
            )
            if mes.pearson_r > 0
            else tr(
                lang,
                "Across {n} teams, teams with a higher MES have lower customer scores: "
                "r = {r} ({conf} CI {ci}, {p}).",
                n=n, r=r, conf=conf, ci=ci, p=p,
            )
        )  # fmt: skip
    else:
        lines.append(
            tr(
                lang,
                "Across {n} teams, MES and customer score go together with r = {r} "
                "({conf} CI {ci}, {p}): not distinguishable from no relation.",
                n=n, r=r, conf=conf, ci=ci, p=p,
            )
        )  # fmt: skip
    if report.detectable_r is not None:
        lines.append(
            tr(
                lang,
                "With {n} teams only a strong relation would be visible (|r| of about {d} or "
                "more); the interval shows how uncertain r is. A relation across teams says "
                "they go together, not that one causes the other. Of several measures tested, "
                "one may reach significance by chance.",
                n=n,
                d=_comma(f"{report.detectable_r:.2f}", lang),
            )
        )
    return lines


def notes(report: LinkReport, lang: Lang) -> list[str]:
    st = report.settings
    k = st.min_group_size
    lines = [
        tr(
            lang,
            "Customer score: column {column}, scale {low}-{high}, shown on 0-100 and on its "
            "scale; MES by {instrument}.",
            column=repr(inert_text(st.score_column)),
            low=st.scale_min,
            high=st.scale_max,
            instrument=inert_text(st.instrument),
        ),
        tr(
            lang,
            "r: Pearson; ρ: Spearman (rank). Only teams shown on both sides count; minimum "
            "group size {k}.",
            k=k,
        ),
    ]
    hidden = [
        f"{inert_text(t.name)} ({suppression_word(t.suppression, k, lang)})"
        for t in report.teams
        if t.suppressed
    ]
    if hidden:
        lines.append(tr(lang, "Suppressed: {groups}.", groups="; ".join(hidden)))
    no_score = [
        f"{inert_text(t.name)} ({no_score_word(t.customer_hidden, k, lang)})"
        for t in report.teams
        if not t.suppressed and t.customer_score is None
    ]
    if no_score:
        lines.append(tr(lang, "No customer score shown: {teams}.", teams="; ".join(no_score)))
    if report.matching.customer_only:
        lines.append(
            tr(
                lang,
                "In the customer file only: {teams}.",
                teams=", ".join(inert_text(n) for n in report.matching.customer_only),
            )
        )
    return lines


def no_score_word(reason: str | None, k: int, lang: Lang) -> str:
    """Why a team's customer score is not shown."""
    return tr(lang, _NO_SCORE[reason or "no-customers"], k=k)


def left_out_word(reason: LeftOutReason, lang: Lang) -> str:
    return tr(lang, _LEFT_OUT[reason])


def change_words(report: LinkReport, lang: Lang) -> list[str]:
    """What the link between the two quarters' changes says, on how many teams, and what two
    quarters cannot show."""
    change = report.change
    if change is None:
        return []
    c = change.correlation
    n = c.teams
    conf = f"{report.settings.confidence:.0%}"
    lines = []
    if c.pearson_r is None or c.pearson_ci is None or c.pearson_p is None:
        lines.append(
            tr(
                lang,
                "Only {n} team(s) are shown with a customer score in both quarters: too few to "
                "relate their changes.",
                n=n,
            )
        )
    else:
        r = _comma(f"{c.pearson_r:+.2f}", lang)
        ci = _comma(f"{c.pearson_ci.low:+.2f} … {c.pearson_ci.high:+.2f}", lang)
        p = p_sentence(c.pearson_p, lang)
        significant = c.pearson_p < round(1 - report.settings.confidence, 12)
        verdict = (
            tr(lang, "teams whose MES rose more also gained more customer score")
            if significant and c.pearson_r > 0
            else tr(lang, "teams whose MES rose more gained less customer score")
            if significant
            else tr(lang, "not distinguishable from no relation")
        )
        lines.append(
            tr(
                lang,
                "Across the {n} teams shown with a customer score in both quarters, the change "
                "in MES goes with the change in customer score with r = {r} ({conf} CI {ci}, "
                "{p}): {verdict}.",
                n=n, r=r, conf=conf, ci=ci, p=p, verdict=verdict,
            )
        )  # fmt: skip
        if change.detectable_r is not None:
            lines.append(
                tr(
                    lang,
                    "With {n} teams only a strong relation would be visible (|r| of about {d} "
                    "or more).",
                    n=n,
                    d=_comma(f"{change.detectable_r:.2f}", lang),
                )
            )
    if report.lag is not None:
        lines.append(
            tr(
                lang,
                "Both changes cover the same two quarters. The lag the literature describes (a "
                "quarter's change in MES followed by the next quarter's change in customer "
                "score) is shown separately, with the first quarter given by --earlier.",
            )
        )
    else:
        lines.append(
            tr(
                lang,
                "Both changes cover the same two quarters. The lag the literature describes "
                "(this quarter's change in MES followed by next quarter's change in customer "
                "score) needs three quarters; with two, mes shows the changes side by side.",
            )
        )
    left = [
        f"{inert_text(t.name)} ({left_out_word(t.left_out, lang)})"
        for t in change.teams
        if t.left_out is not None
    ]
    if left:
        lines.append(tr(lang, "Left out: {teams}.", teams="; ".join(left)))
    return lines


def lag_left_out_word(reason: LagLeftOutReason, lang: Lang) -> str:
    return tr(lang, _LAG_LEFT_OUT[reason])


def lag_words(report: LinkReport, lang: Lang) -> list[str]:
    """What the lagged link says (a change in MES against the next quarter's change in customer
    score), on how many teams it rests, and which teams are left out and why."""
    lag = report.lag
    if lag is None:
        return []
    c = lag.correlation
    n = c.teams
    conf = f"{report.settings.confidence:.0%}"
    lines = []
    if c.pearson_r is None or c.pearson_ci is None or c.pearson_p is None:
        lines.append(
            tr(
                lang,
                "Only {n} team(s) are shown in all three quarters with the figures the lagged "
                "link needs: too few to relate a change in MES to the next quarter's change in "
                "customer score.",
                n=n,
            )
        )
    else:
        r = _comma(f"{c.pearson_r:+.2f}", lang)
        ci = _comma(f"{c.pearson_ci.low:+.2f} … {c.pearson_ci.high:+.2f}", lang)
        p = p_sentence(c.pearson_p, lang)
        significant = c.pearson_p < round(1 - report.settings.confidence, 12)
        verdict = (
            tr(lang, "teams whose MES rose more went on to gain more customer score")
            if significant and c.pearson_r > 0
            else tr(lang, "teams whose MES rose more went on to gain less customer score")
            if significant
            else tr(lang, "not distinguishable from no relation")
        )
        lines.append(
            tr(
                lang,
                "This rests on {n} teams, shown in all three quarters. Their change in MES "
                "from the first to the second quarter goes with their change in customer score "
                "from the second quarter to this one with r = {r} ({conf} CI {ci}, {p}): "
                "{verdict}.",
                n=n, r=r, conf=conf, ci=ci, p=p, verdict=verdict,
            )
        )  # fmt: skip
        if lag.detectable_r is not None:
            lines.append(
                tr(
                    lang,
                    "With {n} teams only a strong relation would be visible (|r| of about {d} "
                    "or more). That one change follows the other across teams does not show "
                    "that the first causes the second.",
                    n=n,
                    d=_comma(f"{lag.detectable_r:.2f}", lang),
                )
            )
    left = [
        f"{inert_text(t.name)} ({lag_left_out_word(t.left_out, lang)})"
        for t in lag.teams
        if t.left_out is not None
    ]
    if left:
        lines.append(tr(lang, "Left out: {teams}.", teams="; ".join(left)))
    return lines
