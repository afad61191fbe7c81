"""The Method sheet: how each figure is computed, in plain words, with this run's settings.

The explanations are written with the run's own numbers filled in (the scale, the thresholds,
the minimum group size), so the sheet describes exactly the figures in this workbook. Below them:
the settings as a table, and the questionnaire's statements.
"""

from __future__ import annotations

from mes.render import Lang
from mes.render.labels import trait_names
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.style import Kind, Value
from mes.render.xlsx.summary import item_text
from mes.render.xlsx.words import decimal, percent, say
from mes.results import ScoreReport

#: (figure, explanation) per language; placeholders are filled from the report's settings.
EXPLANATIONS: dict[Lang, tuple[tuple[str, str], ...]] = {
    "en": (
        (
            "Trait score",
            "Per person: the mean of their answers to the trait's statements (a reverse-keyed "
            "statement is turned around first: {min} + {max} − answer), rescaled to 0–100 as "
            "100 × (answer − {min}) / ({max} − {min}). So {min} is 0, the middle of the scale "
            "is 50 and {max} is 100. A trait counts when enough of its statements are answered "
            "(at least half, rounded up, unless the questionnaire says otherwise).",
        ),
        (
            "MES",
            "Per person: the mean of their {t} trait scores; only people with a score on every "
            "trait get a MES. A group's MES is the mean over its people: the organisation's MES "
            "is the mean over everyone, not the mean of the team means.",
        ),
        (
            "Respondents",
            "The people in the group with a MES. People who answered too few statements are "
            "left out of every group, and are counted on the Summary sheet.",
        ),
        (
            "Confidence interval",
            "The {conf} t-interval of the group's mean MES: with {conf} confidence the true "
            "mean lies in it. The fewer the respondents, the wider the interval.",
        ),
        (
            "Customer-energetic",
            "The share of people whose every trait score is {e} or more (on a 1–5 scale: "
            '"agree" or better on every statement).',
        ),
        (
            "Unfavourable, neutral, favourable",
            "Per trait, the share of people with a score of {u} or less (unfavourable), {f} or "
            "more (favourable), or in between (neutral).",
        ),
        (
            "Focus trait",
            "The trait with the lowest mean in the group: where to act first. On a tie, the "
            "first in questionnaire order.",
        ),
        (
            "Colours",
            "Scores are coloured red at {u} or less, yellow at 50 and green at {f} or more. The "
            "anchors are fixed, so a colour means the same in every report.",
        ),
        (
            "Anonymity",
            "A group with fewer than {k} respondents is suppressed: its name and the reason are "
            "shown, never its figures or its size. When the people hidden in a group's subgroups "
            "could be worked out by subtraction (more than 0 but fewer than {k}), the next-"
            "smallest subgroup is hidden too; the subgroups of a hidden group are hidden as "
            "well. The same groups are hidden in every output of mes.",
        ),
        (
            "Reliability",
            "For a trait with two or more statements: Cronbach's alpha over the people who "
            "answered all of them. Below {r} the statements may not measure one thing.",
        ),
        (
            "Reference figures",
            "MSI (2020), a survey of 1,012 Dutch employees, and another Dutch study on customer "
            "orientation of engaged employees. They are context for your results, not targets.",
        ),
    ),
    "nl": (
        (
            "Kenmerkscore",
            "Per persoon: het gemiddelde van de antwoorden op de stellingen van het kenmerk (een "
            "omgekeerd gescoorde stelling wordt eerst omgedraaid: {min} + {max} − antwoord), "
            "omgerekend naar 0–100 als 100 × (antwoord − {min}) / ({max} − {min}). Dus {min} is "
            "0, het midden van de schaal 50 en {max} is 100. Een kenmerk telt mee als genoeg "
            "stellingen beantwoord zijn (minstens de helft, naar boven afgerond, tenzij de "
            "vragenlijst iets anders zegt).",
        ),
        (
            "MES",
            "Per persoon: het gemiddelde van de {t} kenmerkscores; alleen wie op elk kenmerk een "
            "score heeft, krijgt een MES. De MES van een groep is het gemiddelde over de mensen "
            "in die groep: de MES van de organisatie is het gemiddelde over iedereen, niet het "
            "gemiddelde van de teamgemiddelden.",
        ),
        (
            "Respondenten",
            "De mensen in de groep met een MES. Wie te weinig stellingen beantwoordde, telt in "
            "geen enkele groep mee; hun aantal staat op het tabblad Samenvatting.",
        ),
        (
            "Betrouwbaarheidsinterval",
            "Het {conf}-t-interval van de gemiddelde MES van de groep: met {conf} zekerheid ligt "
            "het werkelijke gemiddelde erin. Hoe minder respondenten, hoe breder het interval.",
        ),
        (
            "Klantenergiek",
            "Het aandeel mensen met op elk kenmerk een score van {e} of meer (op een schaal van "
            '1–5: "eens" of beter op elke stelling).',
        ),
        (
            "Negatief, neutraal, positief",
            "Per kenmerk het aandeel mensen met een score van {u} of minder (negatief), {f} of "
            "meer (positief), of daartussen (neutraal).",
        ),
        (
            "Focuskenmerk",
            "Het kenmerk met het laagste gemiddelde in de groep: daar valt het meest te winnen. "
            "Bij gelijke stand het eerste in de volgorde van de vragenlijst.",
        ),
        (
            "Kleuren",
            "Scores zijn rood bij {u} of minder, geel bij 50 en groen bij {f} of meer. De "
            "ankerpunten liggen vast, dus een kleur betekent in elk rapport hetzelfde.",
        ),
        (
            "Anonimiteit",
            "Een groep met minder dan {k} respondenten is afgeschermd: de naam en de reden staan "
            "er, de cijfers en de omvang nooit. Als de mensen die in de subgroepen van een groep "
            "verborgen zijn door aftrekken te herleiden zijn (meer dan 0 maar minder dan {k}), "
            "wordt ook de op één na kleinste subgroep afgeschermd; de subgroepen van een "
            "afgeschermde groep zijn ook afgeschermd. In elke uitvoer van mes zijn dezelfde "
            "groepen afgeschermd.",
        ),
        (
            "Betrouwbaarheid",
            "Voor een kenmerk met twee of meer stellingen: Cronbachs alfa over de mensen die ze "
            "allemaal beantwoordden. Onder {r} meten de stellingen mogelijk niet één ding.",
        ),
        (
            "Vergelijkingscijfers",
            "MSI (2020), een onderzoek onder 1.012 Nederlandse werknemers, en een ander "
            "Nederlands onderzoek naar de klantgerichtheid van betrokken medewerkers. Ze zijn "
            "context voor de eigen uitkomst, geen doelen.",
        ),
    ),
}

SETTING_NAMES: dict[str, dict[Lang, str]] = {
    "k": {"en": "Minimum group size (-k)", "nl": "Minimale groepsgrootte (-k)"},
    "confidence": {"en": "Confidence level (--confidence)", "nl": "Betrouwbaarheid (--confidence)"},
    "energetic": {"en": "Customer-energetic at", "nl": "Klantenergiek vanaf"},
    "favourable": {"en": "Favourable at", "nl": "Positief vanaf"},
    "unfavourable": {"en": "Unfavourable at", "nl": "Negatief tot en met"},
    "reliability": {"en": "Reliability warning below", "nl": "Waarschuwing betrouwbaarheid onder"},
    "by": {"en": "Breakdowns (--by)", "nl": "Uitsplitsingen (--by)"},
    "instrument": {"en": "Questionnaire", "nl": "Vragenlijst"},
    "fingerprint": {"en": "Questionnaire fingerprint", "nl": "Vingerafdruk vragenlijst"},
    "scale": {"en": "Answer scale", "nl": "Antwoordschaal"},
    "file": {"en": "Source file", "nl": "Bronbestand"},
    "rows": {"en": "Data rows read", "nl": "Gelezen gegevensrijen"},
    "respondents": {"en": "Respondents (rows with answers)", "nl": "Respondenten (met antwoorden)"},
    "scored": {"en": "Respondents with a MES", "nl": "Respondenten met een MES"},
    "not_scored": {"en": "Too few answers for a MES", "nl": "Te weinig antwoorden voor een MES"},
    "skipped": {"en": "Rows skipped (--skip-invalid)", "nl": "Overgeslagen rijen (--skip-invalid)"},
    "version": {"en": "mes version", "nl": "Versie van mes"},
}  # fmt: skip


def write_method(sheet: SheetWriter, report: ScoreReport) -> None:
    """Fill the Method sheet (portrait)."""
    lang = sheet.lang
    sheet.title(say("method_title", lang), say("method_subtitle", lang))
    sheet.set_width(1, 38)
    sheet.set_width(2, 90)
    fill = _placeholders(report, lang)
    rows = [Row([figure, text.format(**fill)]) for figure, text in EXPLANATIONS[lang]]
    sheet.table(
        [Column(say("figure", lang), Kind.TEXT), Column(say("how", lang), Kind.WRAP, max_width=90)],
        rows,
    )
    sheet.section(say("run_settings", lang), 2)
    sheet.table(
        [
            Column(say("setting", lang), Kind.TEXT),
            Column(say("value", lang), Kind.TEXT, align="left"),
        ],
        [
            Row([SETTING_NAMES[key][lang], value], kinds={1: kind})
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
            say("instrument_value", lang, name=ins.name, version=ins.version, fingerprint=ins.id),
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
    sheet.section(say("questionnaire", lang), 3)
    names = trait_names(report.instrument, lang)
    rows = []
    for trait in report.instrument.traits:
        for item in trait.items:
            reverse = say("yes" if item.reverse else "no", lang)
            rows.append(Row([names[trait.key], item_text(item, lang), reverse]))
    sheet.table(
        [
            Column(say("trait", lang), Kind.TEXT),
            Column(say("statement", lang), Kind.WRAP, max_width=90),
            Column(say("reverse", lang), Kind.TEXT),
        ],
        rows,
    )
