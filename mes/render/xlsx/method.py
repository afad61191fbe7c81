"""The Method sheet: how each figure is computed, in plain words, with this run's settings.

The explanations are written with the run's own numbers filled in (the scale, the thresholds,
the minimum group size), so the sheet describes exactly the figures in this workbook. Below them:
the settings as a table, and the questionnaire's statements.
"""

from __future__ import annotations

from mes.render import Lang
from mes.render.words import (
    EXPLANATIONS,
    SETTING_NAMES,
    WORKBOOK,
    decimal,
    percent,
    say,
    trait_names,
)
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.style import Kind, Value
from mes.render.xlsx.summary import item_text
from mes.results import ScoreReport


def write_method(sheet: SheetWriter, report: ScoreReport) -> None:
    """Fill the Method sheet (portrait)."""
    lang = sheet.lang
    sheet.title(say(WORKBOOK, "method_title", lang), say(WORKBOOK, "method_subtitle", lang))
    sheet.set_width(1, 38)
    sheet.set_width(2, 90)
    fill = _placeholders(report, lang)
    rows = [Row([figure, text.format(**fill)]) for figure, text in EXPLANATIONS[lang]]
    sheet.table(
        [
            Column(say(WORKBOOK, "figure", lang), Kind.TEXT),
            Column(say(WORKBOOK, "how", lang), Kind.WRAP, max_width=90),
        ],
        rows,
    )
    sheet.section(say(WORKBOOK, "run_settings", lang), 2)
    sheet.table(
        [
            Column(say(WORKBOOK, "setting", lang), Kind.TEXT),
            Column(say(WORKBOOK, "value", lang), Kind.TEXT, align="left"),
        ],
        [
            Row([say(SETTING_NAMES, key, lang), value], kinds={1: kind})
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
            say(
                WORKBOOK,
                "instrument_value",
                lang,
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
    sheet.section(say(WORKBOOK, "questionnaire", lang), 3)
    names = trait_names(report.instrument, lang)
    rows = []
    for trait in report.instrument.traits:
        for item in trait.items:
            reverse = say(WORKBOOK, "yes" if item.reverse else "no", lang)
            rows.append(Row([names[trait.key], item_text(item, lang), reverse]))
    sheet.table(
        [
            Column(say(WORKBOOK, "trait", lang), Kind.TEXT),
            Column(say(WORKBOOK, "statement", lang), Kind.WRAP, max_width=90),
            Column(say(WORKBOOK, "reverse", lang), Kind.TEXT),
        ],
        rows,
    )
