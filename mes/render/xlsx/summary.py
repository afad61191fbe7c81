"""The Summary sheet: the organisation's result on one page, in figures and in plain words.

From the top: the key figures (MES with its interval, respondents, share customer-energetic,
focus trait), the traits, a short reading of the result, the reference figures from the
literature as context, and what produced the report (file, date, questionnaire, settings).
"""

from __future__ import annotations

import datetime as dt
import math

from openpyxl.styles import Font
from openpyxl.utils import range_boundaries

from mes.render import Lang
from mes.render.response_sentences import response_lines
from mes.render.words import COMMON, WORKBOOK, decimal, percent, say, trait_names
from mes.render.xlsx.charts import interval_bars, profile_bars
from mes.render.xlsx.kit import Column, Row, SheetWriter
from mes.render.xlsx.measure import text_height
from mes.render.xlsx.style import GREY_TEXT, Kind, RowStyle, Value, font
from mes.results import GroupResult, InstrumentInfo, ItemInfo, ScoreReport, TraitResult

_LAST_COL = 4  # label, value, second value, explanation
_WIDTHS = {1: 50.0, 2: 11.0, 3: 11.0, 4: 70.0}
_NAME_IN_TEXT = 40  # group names quoted inside a sentence are shortened to this
_WIDE_INTERVAL = 10.0  # points; wider than this, the reading warns about small differences

#: BRIEF's reference figures: (text key, values, kind, source key). Context, never targets.
REFERENCES: tuple[tuple[str, tuple[float, ...], Kind, str], ...] = (
    ("ref_energy", (0.19,), Kind.SHARE, "source_msi"),
    ("ref_room", (0.51,), Kind.SHARE, "source_msi"),
    ("ref_drained", (0.33,), Kind.SHARE, "source_msi"),
    # one row each: "engaged vs the rest 8.5 6.6" side by side read as a riddle
    ("ref_engaged", (8.5,), Kind.GRADE, "source_other"),
    ("ref_rest", (6.6,), Kind.GRADE, "source_other"),
)


def write_summary(sheet: SheetWriter, report: ScoreReport, today: dt.date) -> None:
    """Fill the Summary sheet (portrait, one page wide)."""
    lang = sheet.lang
    for col, width in _WIDTHS.items():
        sheet.set_width(col, width)
    sheet.title(
        say(WORKBOOK, "title", lang),
        say(WORKBOOK, "subtitle", lang, file=_source_name(report, lang)),
    )
    org = report.organisation
    for line in response_lines(report, lang):  # --headcount: who answered, first of all
        sheet.paragraph(line, _LAST_COL, cell_font=font(bold=True))
    sheet.section(say(WORKBOOK, "result", lang), _LAST_COL)
    if shown(org):
        mes_cell = _key_figures(sheet, report, org)
        trait_range = _traits_table(sheet, report, org)
        st = report.settings
        sheet.heatmap([mes_cell, trait_range], st.unfavourable_at, 50.0, st.favourable_at)
        sheet.section(say(WORKBOOK, "reading", lang), _LAST_COL)
        for sentence in reading(report, lang):
            sheet.paragraph("• " + sentence, _LAST_COL)
        _trait_chart(sheet, trait_range)
        _department_chart(sheet, report)
    else:
        sheet.paragraph(reading(report, lang)[0], _LAST_COL)
    _references(sheet)
    _about(sheet, report, today)
    sheet.finish(landscape=False)


def shown(group: GroupResult) -> bool:
    """Whether a group's figures may be written (the core left them out otherwise)."""
    return not group.suppressed and group.n is not None and group.traits is not None


def _source_name(report: ScoreReport, lang: Lang) -> str:
    src = report.source
    return (
        say(WORKBOOK, "sheet_of", lang, file=src.file, sheet=src.sheet) if src.sheet else src.file
    )


def _key_figures(sheet: SheetWriter, report: ScoreReport, org: GroupResult) -> str:
    """The organisation's headline figures; returns the MES cell (for the heatmap)."""
    lang, st, src = sheet.lang, report.settings, report.source
    conf = percent(st.confidence, lang, None)
    mes_row = sheet.row
    big = font(bold=True, size=14)
    _figure(
        sheet,
        say(WORKBOOK, "mes_label", lang),
        [org.mes],
        Kind.SCORE,
        say(WORKBOOK, "mes_note", lang),
        big,
    )
    if org.ci is not None:
        _figure(
            sheet,
            say(WORKBOOK, "ci_label", lang, conf=conf),
            [org.ci.low, org.ci.high],
            Kind.SCORE,
            say(WORKBOOK, "ci_note", lang, conf=conf),
        )
    if src.not_scored:
        note = say(
            WORKBOOK,
            "respondents_note",
            lang,
            respondents=src.respondents,
            not_scored=src.not_scored,
        )
    else:
        note = say(WORKBOOK, "respondents_note_all", lang)
    if src.skipped:
        note += say(WORKBOOK, "skipped_note", lang, skipped=src.skipped)
    _figure(sheet, say(WORKBOOK, "respondents_label", lang), [org.n], Kind.COUNT, note)
    _figure(
        sheet,
        say(WORKBOOK, "energetic_label", lang),
        [org.energetic_share],
        Kind.SHARE,
        say(WORKBOOK, "energetic_note", lang, at=f"{st.energetic_at:g}"),
    )
    focus = trait_names(report.instrument, lang).get(org.focus_trait or "", org.focus_trait)
    _figure(
        sheet,
        say(WORKBOOK, "focus_label", lang),
        [focus],
        Kind.TEXT,
        say(WORKBOOK, "focus_note", lang),
    )
    return f"B{mes_row}"


def _figure(
    sheet: SheetWriter,
    label: str,
    values: list[Value],
    kind: Kind,
    note: str,
    value_font: Font | None = None,
) -> None:
    sheet.put(sheet.row, 1, label, cell_font=font(bold=True), fit=False)
    for i, value in enumerate(values):
        cell_font = value_font if i == 0 and value_font is not None else font(bold=i == 0)
        sheet.put(sheet.row, 2 + i, value, kind, cell_font=cell_font, fit=False)
    sheet.put(sheet.row, 4, note, Kind.WRAP, cell_font=font(color=GREY_TEXT), fit=False, indent=1)
    height = text_height(note, _WIDTHS[4], indent=1)
    sheet.ws.row_dimensions[sheet.row].height = max(height, 21 if value_font is not None else 0)
    sheet.row += 1


def _traits_table(sheet: SheetWriter, report: ScoreReport, org: GroupResult) -> str:
    """Score, favourable share and statement per trait; returns the score cells' range."""
    lang = sheet.lang
    sheet.row += 1
    names = trait_names(report.instrument, lang)
    columns = [
        Column(say(WORKBOOK, "trait", lang), Kind.TEXT),
        Column(say(WORKBOOK, "score", lang), Kind.SCORE),
        Column(say(WORKBOOK, "favourable", lang), Kind.SHARE),
        Column(say(WORKBOOK, "statement", lang), Kind.WRAP, max_width=_WIDTHS[4]),
    ]
    by_key: dict[str, TraitResult] = {t.key: t for t in org.traits or []}
    rows = []
    for trait in report.instrument.traits:
        result = by_key.get(trait.key)
        name = names[trait.key]
        is_focus = trait.key == org.focus_trait
        label = say(WORKBOOK, "focus_mark", lang, name=name) if is_focus else name
        rows.append(
            Row(
                [
                    label,
                    result.mean if result else None,
                    result.favourable if result else None,
                    statements(report.instrument, trait.key, lang),
                ],
                RowStyle.SUBTOTAL if is_focus else RowStyle.NORMAL,
            )
        )
    table = sheet.table(columns, rows)
    return table.column_range(1)


def statements(instrument: InstrumentInfo, trait_key: str, lang: Lang) -> str:
    """The statements of a trait in the report's language, one per line."""
    trait = next(t for t in instrument.traits if t.key == trait_key)
    return "\n".join(item_text(item, lang) for item in trait.items)


def item_text(item: ItemInfo, lang: Lang) -> str:
    """A statement in the report's language, else in the other one, else its key."""
    text = (item.text_nl or item.text_en) if lang == "nl" else (item.text_en or item.text_nl)
    return text or item.key


def reading(report: ScoreReport, lang: Lang) -> list[str]:
    """A few plain sentences on what the organisation's figures say."""
    st = report.settings
    org = report.organisation
    k = st.min_group_size
    if not shown(org) or org.mes is None or org.traits is None or org.n is None:
        return [say(WORKBOOK, "org_hidden", lang, k=k)]
    conf = percent(st.confidence, lang, None)
    mes = decimal(org.mes, lang)
    if org.ci is not None:
        first = say(
            WORKBOOK,
            "read_mes",
            lang,
            mes=mes,
            conf=conf,
            low=decimal(org.ci.low, lang),
            high=decimal(org.ci.high, lang),
            n=org.n,
        )
    else:
        first = say(WORKBOOK, "read_mes_no_ci", lang, mes=mes, n=org.n)
    ins = report.instrument
    agreement = (ins.scale_min, ins.scale_max) == (1, 5)
    # Agreement words only on the 1-5 agreement scale; on another, the scale's own numbers.
    words = ("read_high", "read_middle", "read_low") if agreement else (
        "read_high_scale", "read_middle_scale", "read_low_scale"
    )  # fmt: skip
    if org.mes >= st.favourable_at:
        level = say(WORKBOOK, words[0], lang)
    elif org.mes >= 50:
        level = say(WORKBOOK, words[1], lang, f=f"{st.favourable_at:g}")
    else:
        level = say(WORKBOOK, words[2], lang)
    if not agreement:
        value = ins.scale_min + org.mes / 100 * (ins.scale_max - ins.scale_min)
        on_scale = say(
            WORKBOOK,
            "read_on_scale",
            lang,
            value=decimal(value, lang),
            low=ins.scale_min,
            high=ins.scale_max,
        )
        level = f"{on_scale} {level}"
    out = [f"{first} {level}"]
    out.append(
        say(
            WORKBOOK,
            "read_energetic",
            lang,
            share=percent(org.energetic_share or 0.0, lang),
            at=f"{st.energetic_at:g}",
        )
        + _energy_context(org, report, lang)
    )
    focus = next((t for t in org.traits if t.key == org.focus_trait), None)
    if focus is not None:
        name = trait_names(report.instrument, lang).get(focus.key, focus.key)
        text = say(
            WORKBOOK,
            "read_focus",
            lang,
            trait=_short(name),
            score=decimal(focus.mean, lang),
            fav=percent(focus.favourable, lang),
        )
        if focus.key == "room":  # the MES-5 trait the MSI figure is about
            text += say(WORKBOOK, "read_focus_room", lang)
        out.append(text)
    out += _group_sentences(report, lang)
    if org.ci is not None and org.ci.high - org.ci.low > _WIDE_INTERVAL:
        out.append(say(WORKBOOK, "read_wide", lang, width=decimal(org.ci.high - org.ci.low, lang)))
    return out


def _energy_context(org: GroupResult, report: ScoreReport, lang: Lang) -> str:
    """How the share customer-energetic relates to the literature's 19% who go home with a lot
    of energy: when the survey asked about energy, that share is compared like with like;
    otherwise the sentence says the two do not compare.

    The energy figures are read by name (``outcomes``): they join the results in a parallel
    change (issue 16), and results without them get the second sentence.
    """
    results = getattr(org, "outcomes", None) or []
    energy = next((o for o in results if getattr(o, "kind", None) == "energy"), None)
    if energy is None:
        return say(WORKBOOK, "read_energetic_apart", lang)
    infos = getattr(report.instrument, "outcomes", None) or []
    info = next((i for i in infos if getattr(i, "key", None) == energy.key), None)
    return say(
        WORKBOOK,
        "read_energy_compare",
        lang,
        share=percent(energy.high_share, lang),
        at=getattr(info, "high_at", 8),
    )


def _group_sentences(report: ScoreReport, lang: Lang) -> list[str]:
    out = []
    teams = [g for g in report.groups if g.dimension == "team" and g.mes is not None]
    if len(teams) >= 2:
        low = min(teams, key=lambda g: g.mes or 0.0)
        high = max(teams, key=lambda g: g.mes or 0.0)
        out.append(
            say(
                WORKBOOK,
                "read_range",
                lang,
                count=len(teams),
                low=decimal(low.mes or 0.0, lang),
                low_name=_short(low.name),
                high=decimal(high.mes or 0.0, lang),
                high_name=_short(high.name),
            )
        )
    hidden = sum(1 for g in report.groups if g.suppressed)
    if hidden:
        key = "read_hidden_one" if hidden == 1 else "read_hidden"
        out.append(say(WORKBOOK, key, lang, hidden=hidden, k=report.settings.min_group_size))
    return out


def _chart_rows(height_cm: float) -> int:
    """Sheet rows a chart of this height covers (15-point rows are 0.53 cm), and one spare."""
    return math.ceil(height_cm / 0.53) + 1


def _trait_chart(sheet: SheetWriter, trait_range: str) -> None:
    """The organisation's trait profile as bars, drawn from the trait table's score cells."""
    lang = sheet.lang
    sheet.section(say(WORKBOOK, "profile_title", lang), _LAST_COL)
    min_col, first, _, last = range_boundaries(trait_range)
    chart = profile_bars(
        sheet.ws,
        names=(1, first, last),
        values=min_col,
        title=say(WORKBOOK, "profile_chart", lang),
        axis_title=say(WORKBOOK, "score_axis", lang),
    )
    sheet.ws.add_chart(chart, f"A{sheet.row}")
    sheet.row += _chart_rows(chart.height)


def _department_chart(sheet: SheetWriter, report: ScoreReport) -> None:
    """MES with its interval for the organisation and every shown department: a small table
    and a bar chart drawn from it. Suppressed departments are named under it, without figures."""
    lang = sheet.lang
    departments = [g for g in report.groups if g.dimension == "department"]
    # A figure can be hidden on its own: only groups whose MES is shown are charted.
    rows_of = [g for g in [report.organisation, *departments] if shown(g) and g.mes is not None]
    if rows_of and rows_of[0].dimension != "organisation":
        return
    if len(rows_of) < 2:
        return  # no department shown: the organisation alone says nothing new here
    conf = percent(report.settings.confidence, lang, None)
    sheet.section(say(WORKBOOK, "departments_title", lang), _LAST_COL)
    columns = [
        Column(say(COMMON, "department", lang), Kind.TEXT),
        Column(say(WORKBOOK, "mes", lang), Kind.SCORE),
        Column(say(WORKBOOK, "margin_label", lang), Kind.SCORE),
        Column(say(WORKBOOK, "interval_label", lang, conf=conf), Kind.WRAP, max_width=_WIDTHS[4]),
    ]
    rows = []
    for g in rows_of:
        assert g.mes is not None
        assert g.n is not None
        margin = None if g.ci is None else g.ci.high - g.mes
        words = (
            say(WORKBOOK, "interval_words", lang, n=g.n, low=decimal(g.ci.low, lang),
                high=decimal(g.ci.high, lang))
            if g.ci is not None
            else say(WORKBOOK, "interval_none", lang, n=g.n)
        )  # fmt: skip
        name = say(COMMON, "organisation", lang) if g.dimension == "organisation" else g.name
        style = RowStyle.TOTAL if g.dimension == "organisation" else RowStyle.NORMAL
        rows.append(Row([name, g.mes, margin, words], style))
    table = sheet.table(columns, rows)
    hidden = [g.name for g in departments if not shown(g) or g.mes is None]
    if hidden:
        sheet.paragraph(
            say(WORKBOOK, "departments_hidden", lang, names=", ".join(hidden)),
            _LAST_COL,
            cell_font=font(italic=True, color=GREY_TEXT),
        )
    chart = interval_bars(
        sheet.ws,
        names=(1, table.first_row, table.last_row),
        values=2,
        margins=3,
        title=say(WORKBOOK, "departments_chart", lang, conf=conf),
        axis_title=say(WORKBOOK, "mes_axis", lang),
    )
    sheet.row += 1
    sheet.ws.add_chart(chart, f"A{sheet.row}")
    sheet.row += _chart_rows(chart.height)


def _references(sheet: SheetWriter) -> None:
    lang = sheet.lang
    sheet.section(say(WORKBOOK, "context", lang), _LAST_COL)
    for key, values, kind, source in REFERENCES:
        sheet.put(sheet.row, 1, say(WORKBOOK, key, lang), fit=False)
        for i, value in enumerate(values):
            sheet.put(sheet.row, 2 + i, value, kind, cell_font=font(bold=i == 0), fit=False)
        grey = font(color=GREY_TEXT)
        sheet.put(sheet.row, 4, say(WORKBOOK, source, lang), cell_font=grey, fit=False, indent=1)
        sheet.row += 1
    sheet.paragraph(
        say(WORKBOOK, "context_note", lang), _LAST_COL, cell_font=font(italic=True, color=GREY_TEXT)
    )


def _about(sheet: SheetWriter, report: ScoreReport, today: dt.date) -> None:
    lang, st, ins = sheet.lang, report.settings, report.instrument
    sheet.section(say(WORKBOOK, "about", lang), _LAST_COL)
    hidden = sum(1 for g in report.groups if g.suppressed)
    rows: list[tuple[str, Value, Kind]] = [
        (say(WORKBOOK, "source_file", lang), _source_name(report, lang), Kind.TEXT),
        (say(WORKBOOK, "date", lang), today, Kind.DATE),
        (
            say(WORKBOOK, "instrument", lang),
            say(
                WORKBOOK,
                "instrument_value",
                lang,
                name=ins.name,
                version=ins.version,
                fingerprint=ins.fingerprint,
            ),
            Kind.TEXT,
        ),
        (say(WORKBOOK, "scale", lang), f"{ins.scale_min}–{ins.scale_max}", Kind.TEXT),
        (
            say(WORKBOOK, "settings", lang),
            say(
                WORKBOOK,
                "settings_value",
                lang,
                k=st.min_group_size,
                conf=percent(st.confidence, lang, None),
                e=f"{st.energetic_at:g}",
                f=f"{st.favourable_at:g}",
                u=f"{st.unfavourable_at:g}",
            ),
            Kind.TEXT,
        ),
    ]
    if report.by:
        rows.append((say(WORKBOOK, "breakdowns", lang), ", ".join(report.by), Kind.TEXT))
    rows += [
        (
            say(WORKBOOK, "groups_count", lang),
            say(WORKBOOK, "groups_value", lang, shown=len(report.groups) - hidden, hidden=hidden),
            Kind.TEXT,
        ),
        (say(WORKBOOK, "made_with", lang), f"mes {report.mes_version}", Kind.TEXT),
    ]
    for label, value, kind in rows:
        sheet.put(sheet.row, 1, label, cell_font=font(bold=True), fit=False)
        if kind == Kind.DATE:
            sheet.put(sheet.row, 2, value, kind, fit=False)
            sheet.row += 1
        else:
            sheet.paragraph(str(value), _LAST_COL, first_col=2)


def _short(name: str) -> str:
    return name if len(name) <= _NAME_IN_TEXT else name[: _NAME_IN_TEXT - 1] + "…"
