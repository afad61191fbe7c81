"""The plain-words summary and notes of a ``mes mirror`` report, composed from the words of
`mes.render.words`.

Shared by the terminal table and the workbook, so both say the same thing. No terminal or
spreadsheet library here; numbers in sentences follow the language (decimal comma in Dutch).
"""

from __future__ import annotations

from mes.messages import N_
from mes.mirror_results import (
    AspectGap,
    MirrorReport,
)
from mes.render import Lang, inert_text
from mes.render.catalogue import tr
from mes.render.words import (
    aspect_names,
    group_label,
    hidden_word,
    number,
    p_sentence,
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
        return [
            tr(
                lang,
                ("The organisation is suppressed (fewer than {k} respondents): nothing is shown."),
                k=report.settings.min_group_size,
            )
        ]
    flagged = sorted(
        (a for a in org.aspects if a.verdict in ("underestimate", "overestimate")),
        key=lambda a: -abs(a.gap or 0.0),
    )
    lines = []
    if flagged:
        top = flagged[0]
        lines.append(_blind_spot_sentence(top, names, lang, report))
        for other in flagged[1:]:
            key = (
                N_("Employees also underestimate {aspect} ({gap}).")
                if other.verdict == "underestimate"
                else N_("Employees also overestimate {aspect} ({gap}).")
            )
            lines.append(tr(lang, key, aspect=names[other.aspect], gap=signed(other.gap, lang)))
    else:
        shown = [a for a in org.aspects if a.gap is not None]
        if shown:
            largest = max(shown, key=lambda a: abs(a.gap or 0.0))
            lines.append(
                tr(
                    lang,
                    (
                        "No blind spot for the organisation: no gap is both significant and at "
                        "least {m} points. The largest gap is {aspect} ({gap})."
                    ),
                    m=m,
                    aspect=names[largest.aspect],
                    gap=signed(largest.gap, lang),
                )
            )
        else:
            lines.append(tr(lang, "No gap can be shown for the organisation."))
    groups = {g.id: g for g in report.groups}
    team_spots = [s for s in report.blind_spots if groups[s.group].dimension != "organisation"]
    if team_spots:
        spot = team_spots[0]
        key = (
            N_(
                "Largest blind spot in a department or team: {group} underestimates "
                "{aspect} ({gap})."
            )
            if spot.verdict == "underestimate"
            else N_(
                "Largest blind spot in a department or team: {group} overestimates "
                "{aspect} ({gap})."
            )
        )
        lines.append(
            tr(
                lang,
                key,
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
    key = (
        N_(
            "Largest blind spot: {aspect}. Customers rate it {size} points higher "
            "than employees expect ({customers} against {employees} on 0-100, "
            "{p}): employees underestimate it."
        )
        if gap.verdict == "underestimate"
        else N_(
            "Largest blind spot: {aspect}. Customers rate it {size} points lower "
            "than employees expect ({customers} against {employees} on 0-100, "
            "{p}): employees overestimate it."
        )
    )
    return tr(
        lang,
        key,
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
    lines = [
        tr(
            lang,
            "Definition: {name} v{version} ({fingerprint}), scale {scale}; employees scored "
            "with {instrument}.",
            name=inert_text(d.name),
            version=inert_text(d.version),
            fingerprint=d.fingerprint,
            scale=scale,
            instrument=inert_text(st.instrument),
        ),
        tr(
            lang,
            "Gap = customers − employees on 0-100; Welch test at {conf}; a blind spot needs "
            "p < {alpha} and at least {m} points; minimum group size {k}.",
            conf=format(st.confidence, ".0%"),
            alpha=format(1 - st.confidence, ".2g"),
            m=format(st.min_change, "g"),
            k=k,
        ),
    ]
    suppressed = [
        f"{inert_text(g.name)} ({suppression_word(g.suppression, k, lang)})"
        for g in report.groups
        if g.suppressed and g.dimension != "organisation"
    ]
    if suppressed:
        lines.append(tr(lang, "Suppressed: {groups}.", groups="; ".join(suppressed)))
    for side, head in (
        ("customers", N_("Customer figures hidden: {groups}.")),
        ("employees", N_("Employee figures hidden: {groups}.")),
    ):
        hidden = _hidden(report, side, k, lang)
        if hidden:
            lines.append(tr(lang, head, groups="; ".join(hidden)))
    m = report.matching
    if m.employee_only:
        names = ", ".join(inert_text(n) for n in m.employee_only)
        lines.append(tr(lang, "No customer responses: {groups}.", groups=names))
    if m.customer_only:
        names = ", ".join(inert_text(n) for n in m.customer_only)
        lines.append(
            tr(
                lang,
                "In the customer file only (counted for the organisation): {groups}.",
                groups=names,
            )
        )
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
