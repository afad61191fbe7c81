"""The Method sheet: how each figure is computed, in plain words, with this run's settings.

The explanations are written with the run's own numbers filled in (the scale, the thresholds,
the minimum group size), so the sheet describes exactly the figures in this workbook. Below them:
the settings as a table, and the questionnaire's statements.
"""

from __future__ import annotations

from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.words import decimal, percent, trait_names
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.style import Kind, Value
from mes.render.xlsx.summary import item_text
from mes.results import ScoreReport

#: (figure, explanation); placeholders are filled from the report's settings.
EXPLANATIONS: tuple[tuple[str, str], ...] = (
    (
        N_("Trait score"),
        N_(
            "Per person: the mean of their answers to the trait's statements (a "
            "reverse-keyed statement is turned around first: {min} + {max} − answer), "
            "rescaled to 0–100 as 100 × (answer − {min}) / ({max} − {min}). So {min} is 0, "
            "the middle of the scale is 50 and {max} is 100. A trait counts when enough of "
            "its statements are answered (at least half, rounded up, unless the "
            "questionnaire says otherwise)."
        ),
    ),
    (
        N_("MES"),
        N_(
            "Per person: the mean of their {t} trait scores; only people with a score on "
            "every trait get a MES. A group's MES is the mean over its people: the "
            "organisation's MES is the mean over everyone, not the mean of the team means."
        ),
    ),
    (
        N_("Respondents"),
        N_(
            "The people in the group with a MES. People who answered too few statements are "
            "left out of every group, and are counted on the Summary sheet."
        ),
    ),
    (
        N_("Confidence interval"),
        N_(
            "The {conf} t-interval of the group's mean MES: with {conf} confidence the true "
            "mean lies in it. The fewer the respondents, the wider the interval."
        ),
    ),
    (
        N_("Customer-energetic"),
        N_(
            "The share of people whose every trait score is {e} or more (on a 1–5 scale: "
            '"agree" or better on every statement).'
        ),
    ),
    (
        N_("Unfavourable, neutral, favourable"),
        N_(
            "Per trait, the share of people with a score of {u} or less (unfavourable), {f} "
            "or more (favourable), or in between (neutral)."
        ),
    ),
    (
        N_("Focus trait"),
        N_(
            "The trait with the lowest mean in the group: where to act first. On a tie, the "
            "first in questionnaire order."
        ),
    ),
    (
        N_("Colours"),
        N_(
            "Scores are coloured red at {u} or less, yellow at 50 and green at {f} or more. "
            "The anchors are fixed, so a colour means the same in every report."
        ),
    ),
    (
        N_("Anonymity"),
        N_(
            "A group with fewer than {k} respondents is suppressed: its name and the reason "
            "are shown, never its figures or its size. When the people hidden in a group's "
            "subgroups could be worked out by subtraction (more than 0 but fewer than {k}), "
            "the next-smallest subgroup is hidden too; the subgroups of a hidden group are "
            "hidden as well. The same groups are hidden in every output of mes."
        ),
    ),
    (
        N_("Reliability"),
        N_(
            "For a trait with two or more statements: Cronbach's alpha over the people who "
            "answered all of them. Below {r} the statements may not measure one thing."
        ),
    ),
    (
        N_("Reference figures"),
        N_(
            "MSI (2020), a survey of 1,012 Dutch employees, and another Dutch study on "
            "customer orientation of engaged employees. They are context for your results, "
            "not targets."
        ),
    ),
)


def write_method(sheet: SheetWriter, report: ScoreReport) -> None:
    """Fill the Method sheet (portrait)."""
    lang = sheet.lang
    sheet.title(
        tr(lang, "Method"),
        tr(lang, ("How every figure in this workbook is computed, with the settings of this run.")),
    )
    sheet.set_width(1, 38)
    sheet.set_width(2, 90)
    fill = _placeholders(report, lang)
    rows = [Row([tr(lang, figure), tr(lang, text, **fill)]) for figure, text in EXPLANATIONS]
    sheet.table(
        [
            Column(tr(lang, "Figure"), Kind.TEXT),
            Column(tr(lang, "How it is computed"), Kind.WRAP, max_width=90),
        ],
        rows,
    )
    sheet.section(tr(lang, "Settings of this run"), 2)
    sheet.table(
        [
            Column(tr(lang, "Setting"), Kind.TEXT),
            Column(tr(lang, "Value"), Kind.TEXT, align="left"),
        ],
        [
            Row([tr(lang, _SETTING_NAMES[key]), value], kinds={1: kind})
            for key, value, kind in _settings(report, lang)
        ],
    )
    _questionnaire(sheet, report)
    sheet.finish(landscape=False)


def _placeholders(report: ScoreReport, lang: Lang) -> dict[str, object]:
    st, ins = report.settings, report.instrument
    return {
        "min": ins.scale_min,
        "max": ins.scale_max,
        "t": len(ins.traits),
        "conf": percent(st.confidence, lang, None),
        "e": f"{st.energetic_at:g}",
        "f": f"{st.favourable_at:g}",
        "u": f"{st.unfavourable_at:g}",
        "k": st.min_group_size,
        "r": decimal(st.reliability_warning_below, lang, 2),
    }


_SETTING_NAMES = {
    "k": N_("Minimum group size (-k)"),
    "confidence": N_("Confidence level (--confidence)"),
    "energetic": N_("Customer-energetic at"),
    "favourable": N_("Favourable at"),
    "unfavourable": N_("Unfavourable at"),
    "reliability": N_("Reliability warning below"),
    "by": N_("Breakdowns (--by)"),
    "instrument": N_("Questionnaire"),
    "fingerprint": N_("Questionnaire fingerprint"),
    "scale": N_("Answer scale"),
    "file": N_("Source file"),
    "rows": N_("Data rows read"),
    "respondents": N_("Respondents (rows with answers)"),
    "scored": N_("Respondents with a MES"),
    "not_scored": N_("Too few answers for a MES"),
    "skipped": N_("Rows skipped (--skip-invalid)"),
    "version": N_("mes version"),
}


def _settings(report: ScoreReport, lang: Lang) -> list[tuple[str, Value, Kind]]:
    """Every setting and count of the run, as (name key, value, kind)."""
    st, ins, src = report.settings, report.instrument, report.source
    rows: list[tuple[str, Value, Kind]] = [
        ("k", st.min_group_size, Kind.COUNT),
        ("confidence", st.confidence, Kind.SHARE),
        ("energetic", st.energetic_at, Kind.NUMBER),
        ("favourable", st.favourable_at, Kind.NUMBER),
        ("unfavourable", st.unfavourable_at, Kind.NUMBER),
        ("reliability", st.reliability_warning_below, Kind.DECIMAL),
    ]
    if report.by:
        rows.append(("by", ", ".join(report.by), Kind.TEXT))
    rows += [
        (
            "instrument",
            tr(
                lang,
                "{name}, version {version} ({fingerprint})",
                name=ins.name,
                version=ins.version,
                fingerprint=ins.id,
            ),
            Kind.TEXT,
        ),
        ("fingerprint", ins.fingerprint, Kind.TEXT),
        ("scale", f"{ins.scale_min}–{ins.scale_max}", Kind.TEXT),
        ("file", src.file, Kind.TEXT),
    ]
    # These counts equal the organisation's size: shown only when the organisation is.
    if not report.organisation.suppressed:
        rows += [
            ("rows", src.rows_read, Kind.COUNT),
            ("respondents", src.respondents, Kind.COUNT),
            ("scored", src.scored, Kind.COUNT),
            ("not_scored", src.not_scored, Kind.COUNT),
            ("skipped", src.skipped, Kind.COUNT),
        ]
    rows.append(("version", report.mes_version, Kind.TEXT))
    return rows


def _questionnaire(sheet: SheetWriter, report: ScoreReport) -> None:
    lang = sheet.lang
    sheet.section(tr(lang, "The questionnaire"), 3)
    names = trait_names(report.instrument, lang)
    rows = []
    for trait in report.instrument.traits:
        for item in trait.items:
            reverse = tr(lang, "yes") if item.reverse else tr(lang, "no")
            rows.append(Row([names[trait.key], item_text(item, lang), reverse]))
    sheet.table(
        [
            Column(tr(lang, "Trait"), Kind.TEXT),
            Column(tr(lang, "Statement"), Kind.WRAP, max_width=90),
            Column(tr(lang, "Reverse-keyed"), Kind.TEXT),
        ],
        rows,
    )
