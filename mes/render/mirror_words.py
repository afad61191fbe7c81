"""The words of ``mes mirror`` in English and Dutch, and the plain-words summary of a report.

Shared by the terminal table and the workbook, so both say the same thing. No terminal or
spreadsheet library here; numbers in sentences follow the language (decimal comma in Dutch).
"""

from __future__ import annotations

from mes.mirror_results import (
    AspectGap,
    HiddenReason,
    MirrorGroup,
    MirrorReport,
    Verdict,
    VerdictReason,
)
from mes.privacy import Suppression
from mes.render import Lang, inert_text

WORDS: dict[str, dict[Lang, str]] = {
    "title": {"en": "Mirror survey", "nl": "Spiegelonderzoek"},
    "organisation": {"en": "Organisation", "nl": "Organisatie"},
    "group": {"en": "Group", "nl": "Groep"},
    "aspect": {"en": "Aspect", "nl": "Aspect"},
    "aspects": {"en": "aspects", "nl": "aspecten"},
    "customers": {"en": "Customers", "nl": "Klanten"},
    "employees": {"en": "Employees", "nl": "Medewerkers"},
    "expected": {"en": "Employees expect", "nl": "Medewerkers verwachten"},
    "gap": {"en": "Gap", "nl": "Verschil"},
    "ci": {"en": "{conf} CI", "nl": "{conf}-BI"},
    "p": {"en": "p", "nl": "p"},
    "verdict": {"en": "Verdict", "nl": "Oordeel"},
    "under": {"en": "Underestimated", "nl": "Onderschat"},
    "over": {"en": "Overestimated", "nl": "Overschat"},
    "suppressed": {"en": "suppressed", "nl": "afgeschermd"},
    "hidden": {"en": "hidden", "nl": "verborgen"},
    "none": {"en": "–", "nl": "–"},
    "scored": {"en": "scored", "nl": "met score"},
    "responses": {"en": "responses", "nl": "reacties"},
    "sheet": {"en": "sheet", "nl": "tabblad"},
    "blind_spots": {
        "en": "Blind spots per group: gaps that are significant and at least {m} points "
        "(+ customers rate higher than employees expect, − lower)",
        "nl": "Blinde vlekken per groep: verschillen die significant zijn en minstens {m} punten "
        "(+ klanten waarderen hoger dan medewerkers verwachten, − lager)",
    },
    "n_staff": {"en": "n\nstaff", "nl": "n\nmedew."},
    "n_customers": {"en": "n\ncust.", "nl": "n\nklant"},
    "spots": {"en": "Blind spots (gap)", "nl": "Blinde vlekken (verschil)"},
    "no_gaps": {"en": "no gap shown", "nl": "geen verschil getoond"},
    "in_line": {"en": "in line on every aspect", "nl": "overal in lijn"},
}

VERDICTS: dict[Verdict, dict[Lang, str]] = {
    "underestimate": {"en": "underestimate", "nl": "onderschat"},
    "overestimate": {"en": "overestimate", "nl": "overschat"},
    "in-line": {"en": "in line", "nl": "in lijn"},
}

REASONS: dict[VerdictReason, dict[Lang, str]] = {
    "significant-gap": {"en": "significant and large enough", "nl": "significant en groot genoeg"},
    "not-significant": {"en": "not significant", "nl": "niet significant"},
    "below-min-change": {"en": "smaller than {m} points", "nl": "kleiner dan {m} punten"},
    "no-test": {"en": "no test possible", "nl": "geen toets mogelijk"},
}

HIDDEN: dict[HiddenReason, dict[Lang, str]] = {
    "employee-group-suppressed": {
        "en": "suppressed in the staff survey",
        "nl": "afgeschermd in het medewerkersonderzoek",
    },
    "too-few-answers": {"en": "fewer than {k} answers", "nl": "minder dan {k} antwoorden"},
    "protects-another-group": {
        "en": "protects a smaller group",
        "nl": "beschermt een kleinere groep",
    },
    "parent-suppressed": {
        "en": "hidden with its parent group",
        "nl": "verborgen met bovenliggende groep",
    },
}

SUPPRESSION: dict[Suppression, dict[Lang, str]] = {
    Suppression.TOO_FEW: {"en": "fewer than {k} respondents", "nl": "minder dan {k} respondenten"},
    Suppression.PROTECTS_OTHER: {
        "en": "protects a smaller group",
        "nl": "beschermt een kleinere groep",
    },
    Suppression.PARENT_SUPPRESSED: {
        "en": "hidden with its parent group",
        "nl": "afgeschermd met bovenliggende groep",
    },
}


def word(key: str, lang: Lang, **values: object) -> str:
    return WORDS[key][lang].format(**values)


def verdict_word(verdict: Verdict | None, lang: Lang) -> str:
    return "–" if verdict is None else VERDICTS[verdict][lang]


def hidden_word(reason: HiddenReason, k: int, lang: Lang) -> str:
    return HIDDEN[reason][lang].format(k=k)


def suppression_word(reason: Suppression | None, k: int, lang: Lang) -> str:
    return SUPPRESSION[reason or Suppression.TOO_FEW][lang].format(k=k)


def aspect_names(report: MirrorReport, lang: Lang) -> dict[str, str]:
    return {
        a.key: (a.name_nl if lang == "nl" and a.name_nl else a.name)
        for a in report.definition.aspects
    }


def group_label(group: MirrorGroup, lang: Lang) -> str:
    return word("organisation", lang) if group.dimension == "organisation" else group.name


# --- Numbers ----------------------------------------------------------------------------------


def signed(value: float | None, lang: Lang = "en", digits: int = 1) -> str:
    """A gap with its sign; one that rounds to zero is +0.0, never -0.0."""
    if value is None:
        return "–"
    text = f"{round(value, digits) + 0.0:+.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def number(value: float | None, lang: Lang = "en", digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def p_text(p: float, lang: Lang = "en") -> str:
    text = "<0.001" if p < 0.001 else f"{p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text


def p_sentence(p: float, lang: Lang = "en") -> str:
    """p in a sentence: ``p < 0.001`` or ``p = 0.012``."""
    text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text


def interval(low: float, high: float, lang: Lang = "en") -> str:
    return f"{signed(low, lang)}…{signed(high, lang)}"


# --- The plain-words summary ------------------------------------------------------------------


def summary(report: MirrorReport, lang: Lang) -> list[str]:
    """A few sentences: the organisation's largest blind spot, the other blind spots, and the
    group with the largest one. Names from the data go through `inert_text`."""
    names = aspect_names(report, lang)
    org = report.organisation
    m = f"{report.settings.min_change:g}"
    if org.suppressed or not org.aspects:
        return [_SAY["org_hidden"][lang].format(k=report.settings.min_group_size)]
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
                _SAY[key][lang].format(aspect=names[other.aspect], gap=signed(other.gap, lang))
            )
    else:
        shown = [a for a in org.aspects if a.gap is not None]
        if shown:
            largest = max(shown, key=lambda a: abs(a.gap or 0.0))
            lines.append(
                _SAY["no_blind_spot"][lang].format(
                    m=m, aspect=names[largest.aspect], gap=signed(largest.gap, lang)
                )
            )
        else:
            lines.append(_SAY["no_gaps"][lang])
    groups = {g.id: g for g in report.groups}
    team_spots = [s for s in report.blind_spots if groups[s.group].dimension != "organisation"]
    if team_spots:
        spot = team_spots[0]
        key = "group_under" if spot.verdict == "underestimate" else "group_over"
        lines.append(
            _SAY[key][lang].format(
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
    return _SAY[key][lang].format(
        aspect=names[gap.aspect],
        size=number(abs(gap.gap or 0.0), lang),
        customers=number(gap.customers.mean, lang),
        employees=number(gap.employees.mean, lang),
        p=p_sentence(gap.test.p, lang),
    )


_SAY: dict[str, dict[Lang, str]] = {
    "largest_under": {
        "en": "Largest blind spot: {aspect}. Customers rate it {size} points higher than "
        "employees expect ({customers} against {employees} on 0-100, {p}): employees "
        "underestimate it.",
        "nl": "Grootste blinde vlek: {aspect}. Klanten waarderen dit {size} punten hoger dan "
        "medewerkers verwachten ({customers} tegen {employees} op 0-100, {p}): medewerkers "
        "onderschatten het.",
    },
    "largest_over": {
        "en": "Largest blind spot: {aspect}. Customers rate it {size} points lower than "
        "employees expect ({customers} against {employees} on 0-100, {p}): employees "
        "overestimate it.",
        "nl": "Grootste blinde vlek: {aspect}. Klanten waarderen dit {size} punten lager dan "
        "medewerkers verwachten ({customers} tegen {employees} op 0-100, {p}): medewerkers "
        "overschatten het.",
    },
    "also_under": {
        "en": "Employees also underestimate {aspect} ({gap}).",
        "nl": "Medewerkers onderschatten ook {aspect} ({gap}).",
    },
    "also_over": {
        "en": "Employees also overestimate {aspect} ({gap}).",
        "nl": "Medewerkers overschatten ook {aspect} ({gap}).",
    },
    "no_blind_spot": {
        "en": "No blind spot for the organisation: no gap is both significant and at least {m} "
        "points. The largest gap is {aspect} ({gap}).",
        "nl": "Geen blinde vlek voor de organisatie: geen verschil is significant en minstens {m} "
        "punten. Het grootste verschil is {aspect} ({gap}).",
    },
    "no_gaps": {
        "en": "No gap can be shown for the organisation.",
        "nl": "Voor de organisatie kan geen verschil worden getoond.",
    },
    "group_under": {
        "en": "Largest blind spot in a department or team: {group} underestimates {aspect} "
        "({gap}).",
        "nl": "Grootste blinde vlek in een afdeling of team: {group} onderschat {aspect} ({gap}).",
    },
    "group_over": {
        "en": "Largest blind spot in a department or team: {group} overestimates {aspect} ({gap}).",
        "nl": "Grootste blinde vlek in een afdeling of team: {group} overschat {aspect} ({gap}).",
    },
    "org_hidden": {
        "en": "The organisation is suppressed (fewer than {k} respondents): nothing is shown.",
        "nl": "De organisatie is afgeschermd (minder dan {k} respondenten): niets wordt getoond.",
    },
}


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
    hidden = []
    for g in report.groups:
        if g.suppressed:
            continue
        reasons = {a.customers.hidden for a in g.aspects if a.customers.hidden}
        if reasons:
            text = ", ".join(hidden_word(r, k, lang) for r in sorted(reasons))
            hidden.append(f"{inert_text(group_label(g, lang))} ({text})")
    if hidden:
        head = "Customer figures hidden" if en else "Klantcijfers verborgen"
        lines.append(f"{head}: " + "; ".join(hidden) + ".")
    emp_hidden = []
    for g in report.groups:
        if g.suppressed:
            continue
        reasons = {a.employees.hidden for a in g.aspects if a.employees.hidden}
        if reasons:
            text = ", ".join(hidden_word(r, k, lang) for r in sorted(reasons))
            emp_hidden.append(f"{inert_text(group_label(g, lang))} ({text})")
    if emp_hidden:
        head = "Employee figures hidden" if en else "Medewerkerscijfers verborgen"
        lines.append(f"{head}: " + "; ".join(emp_hidden) + ".")
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
