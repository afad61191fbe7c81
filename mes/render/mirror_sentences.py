"""The plain-words summary and notes of a ``mes mirror`` report, composed from the words of
`mes.render.words`.

Shared by the terminal table and the workbook, so both say the same thing. No terminal or
spreadsheet library here; numbers in sentences follow the language (decimal comma in Dutch).
"""

from __future__ import annotations

from mes.mirror_results import (
    AspectGap,
    MirrorReport,
)
from mes.render import Lang, inert_text
from mes.render.words import (
    MIRROR_SENTENCES,
    aspect_names,
    group_label,
    hidden_word,
    number,
    p_sentence,
    say,
    signed,
    suppression_word,
)

# --- Numbers ----------------------------------------------------------------------------------


# --- The plain-words summary ------------------------------------------------------------------


def summary(report: MirrorReport, lang: Lang) -> list[str]:
    """A few sentences: the organisation's largest blind spot, the other blind spots, and the
    group with the largest one. Names from the data go through `inert_text`."""
    names = aspect_names(report, lang)
    org = report.organisation
    m = f"{report.settings.min_change:g}"
    if org.suppressed or not org.aspects:
        return [say(MIRROR_SENTENCES, "org_hidden", lang, k=report.settings.min_group_size)]
    flagged = sorted(
        (a for a in org.aspects if a.verdict in ("underestimate", "overestimate")),
        key=lambda a: -abs(a.gap or 0.0),
    )
    lines = []
    if flagged:
        top = flagged[0]
        lines.append(_blind_spot_sentence(top, names, lang, report))
        for other in flagged[1:]:
            key = "also_under" if other.verdict == "underestimate" else "also_over"
            lines.append(
                say(
                    MIRROR_SENTENCES,
                    key,
                    lang,
                    aspect=names[other.aspect],
                    gap=signed(other.gap, lang),
                )
            )
    else:
        shown = [a for a in org.aspects if a.gap is not None]
        if shown:
            largest = max(shown, key=lambda a: abs(a.gap or 0.0))
            lines.append(
                say(
                    MIRROR_SENTENCES,
                    "no_blind_spot",
                    lang,
                    m=m,
                    aspect=names[largest.aspect],
                    gap=signed(largest.gap, lang),
                )
            )
        else:
            lines.append(say(MIRROR_SENTENCES, "no_gaps", lang))
    groups = {g.id: g for g in report.groups}
    team_spots = [s for s in report.blind_spots if groups[s.group].dimension != "organisation"]
    if team_spots:
        spot = team_spots[0]
        key = "group_under" if spot.verdict == "underestimate" else "group_over"
        lines.append(
            say(
                MIRROR_SENTENCES,
                key,
                lang,
                group=inert_text(groups[spot.group].name),
                aspect=names[spot.aspect],
                gap=signed(spot.gap, lang),
            )
        )
    return lines


def _blind_spot_sentence(
    gap: AspectGap, names: dict[str, str], lang: Lang, report: MirrorReport
) -> str:
    assert gap.test is not None
    key = "largest_under" if gap.verdict == "underestimate" else "largest_over"
    return say(
        MIRROR_SENTENCES,
        key,
        lang,
        aspect=names[gap.aspect],
        size=number(abs(gap.gap or 0.0), lang),
        customers=number(gap.customers.mean, lang),
        employees=number(gap.employees.mean, lang),
        p=p_sentence(gap.test.p, lang),
    )


def notes(report: MirrorReport, lang: Lang) -> list[str]:
    """Footer lines: settings, what is hidden and why, and groups found in one file only."""
    st, d = report.settings, report.definition
    k = st.min_group_size
    scale = f"{d.scale_min}-{d.scale_max}"
    if (d.employee_scale_min, d.employee_scale_max) != (d.scale_min, d.scale_max):
        scale += f" / {d.employee_scale_min}-{d.employee_scale_max}"
    en = lang == "en"
    lines = [
        (
            f"Definition: {inert_text(d.name)} v{inert_text(d.version)} ({d.fingerprint}), "
            f"scale {scale}; employees scored with {inert_text(st.instrument)}."
            if en
            else f"Definitie: {inert_text(d.name)} v{inert_text(d.version)} ({d.fingerprint}), "
            f"schaal {scale}; medewerkers gescoord met {inert_text(st.instrument)}."
        ),
        (
            f"Gap = customers − employees on 0-100; Welch test at {st.confidence:.0%}; "
            f"a blind spot needs p < {1 - st.confidence:.2g} and at least {st.min_change:g} "
            f"points; minimum group size {k}."
            if en
            else f"Verschil = klanten − medewerkers op 0-100; Welch-toets bij "
            f"{st.confidence:.0%}; een blinde vlek vraagt p < {1 - st.confidence:.2g} en "
            f"minstens {st.min_change:g} punten; minimale groepsgrootte {k}."
        ),
    ]
    suppressed = [
        f"{inert_text(g.name)} ({suppression_word(g.suppression, k, lang)})"
        for g in report.groups
        if g.suppressed and g.dimension != "organisation"
    ]
    if suppressed:
        head = "Suppressed" if en else "Afgeschermd"
        lines.append(f"{head}: " + "; ".join(suppressed) + ".")
    for side, heads in (
        ("customers", ("Customer figures hidden", "Klantcijfers verborgen")),
        ("employees", ("Employee figures hidden", "Medewerkerscijfers verborgen")),
    ):
        hidden = _hidden(report, side, k, lang)
        if hidden:
            lines.append(f"{heads[0] if en else heads[1]}: " + "; ".join(hidden) + ".")
    m = report.matching
    if m.employee_only:
        head = "No customer responses" if en else "Geen klantreacties"
        lines.append(f"{head}: " + ", ".join(inert_text(n) for n in m.employee_only) + ".")
    if m.customer_only:
        head = (
            "In the customer file only (counted for the organisation)"
            if en
            else "Alleen in het klantbestand (telt mee voor de organisatie)"
        )
        lines.append(f"{head}: " + ", ".join(inert_text(n) for n in m.customer_only) + ".")
    return lines


def _hidden(report: MirrorReport, side: str, k: int, lang: Lang) -> list[str]:
    """Each shown group whose ``side`` ("customers" or "employees") hides some figures, and why."""
    out = []
    for g in report.groups:
        if g.suppressed:
            continue
        reasons = {r for a in g.aspects if (r := getattr(a, side).hidden)}
        if reasons:
            text = ", ".join(hidden_word(r, k, lang) for r in sorted(reasons))
            out.append(f"{inert_text(group_label(g, lang))} ({text})")
    return out
