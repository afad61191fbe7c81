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

from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import tr, tr_n
from mes.render.response_sentences import response_lines
from mes.render.words import decimal, percent, trait_names
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
_MSI = N_("MSI (2020), 1,012 Dutch employees")
#: (what, figures, kind, source), the texts marked for the catalogue.
REFERENCES: tuple[tuple[str, tuple[float, ...], Kind, str], ...] = (
    (N_("Go home with a lot of energy"), (0.19,), Kind.SHARE, _MSI),
    (N_("Lack room to solve a customer's problem themselves"), (0.51,), Kind.SHARE, _MSI),
    (N_("End the workday with (almost) no energy"), (0.33,), Kind.SHARE, _MSI),
    # one row each: "engaged vs the rest 8.5 6.6" side by side read as a riddle
    (
        N_("Customer orientation of engaged employees (grade 1–10)"),
        (8.5,),
        Kind.GRADE,
        N_("Another Dutch study"),
    ),
    (
        N_("Customer orientation of the other employees (grade 1–10)"),
        (6.6,),
        Kind.GRADE,
        N_("Another Dutch study"),
    ),
)


def write_summary(sheet: SheetWriter, report: ScoreReport, today: dt.date) -> None:
    """Fill the Summary sheet (portrait, one page wide)."""
    lang = sheet.lang
    for col, width in _WIDTHS.items():
        sheet.set_width(col, width)
    sheet.title(
        tr(lang, "Employee Energy Score (MES)"),
        tr(lang, "Report on {file}", file=_source_name(report, lang)),
    )
    org = report.organisation
    for line in response_lines(report, lang):  # --headcount: who answered, first of all
        sheet.paragraph(line, _LAST_COL, cell_font=font(bold=True))
    sheet.section(tr(lang, "Result for the whole organisation"), _LAST_COL)
    if shown(org):
        mes_cell = _key_figures(sheet, report, org)
        trait_range = _traits_table(sheet, report, org)
        st = report.settings
        sheet.heatmap([mes_cell, trait_range], st.unfavourable_at, 50.0, st.favourable_at)
        sheet.section(tr(lang, "What it means"), _LAST_COL)
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
        tr(lang, "{file}, sheet {sheet}", file=src.file, sheet=src.sheet) if src.sheet else src.file
    )


def _key_figures(sheet: SheetWriter, report: ScoreReport, org: GroupResult) -> str:
    """The organisation's headline figures; returns the MES cell (for the heatmap)."""
    lang, st, src = sheet.lang, report.settings, report.source
    conf = percent(st.confidence, lang, None)
    mes_row = sheet.row
    big = font(bold=True, size=14)
    _figure(
        sheet,
        tr(lang, "MES (0–100)"),
        [org.mes],
        Kind.SCORE,
        tr(lang, "The average customer energy of everyone scored, from 0 to 100."),
        big,
    )
    if org.ci is not None:
        _figure(
            sheet,
            tr(lang, "{conf} confidence interval", conf=conf),
            [org.ci.low, org.ci.high],
            Kind.SCORE,
            tr(
                lang,
                "With {conf} confidence the true MES lies between these two values.",
                conf=conf,
            ),
        )
    # Everyone who answered, then how many of them have a MES (the others still count in the
    # figures of what they answered).
    note = tr(lang, "Everyone who answered at least one question.")
    if src.skipped:
        note += tr(
            lang,
            " Rows left out because of errors (--skip-invalid): {skipped}.",
            skipped=src.skipped,
        )
    _figure(sheet, tr(lang, "Respondents"), [org.respondents], Kind.COUNT, note)
    if src.not_scored:
        note = tr(
            lang,
            (
                "{not_scored} have fewer than {min_traits} trait scores and so no MES; they "
                "count in the figures of the traits and outcomes they answered."
            ),
            not_scored=src.not_scored,
            min_traits=report.instrument.min_traits,
        )
    else:
        note = tr(lang, "Everyone who answered has a score.")
    _figure(sheet, tr(lang, "With a MES"), [org.n], Kind.COUNT, note)
    _figure(
        sheet,
        tr(lang, "Customer-energetic"),
        [org.energetic_share],
        Kind.SHARE,
        tr(
            lang,
            "Share of people who score {at} or more on every trait.",
            at=f"{st.energetic_at:g}",
        ),
    )
    focus = trait_names(report.instrument, lang).get(org.focus_trait or "", org.focus_trait)
    _figure(
        sheet,
        tr(lang, "Focus trait"),
        [focus],
        Kind.TEXT,
        tr(lang, "The weakest trait: the first place to act."),
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
        Column(tr(lang, "Trait"), Kind.TEXT),
        Column(tr(lang, "Score"), Kind.SCORE),
        Column(tr(lang, "Favourable"), Kind.SHARE),
        Column(tr(lang, "Statement"), Kind.WRAP, max_width=_WIDTHS[4]),
    ]
    by_key: dict[str, TraitResult] = {t.key: t for t in org.traits or []}
    rows = []
    for trait in report.instrument.traits:
        result = by_key.get(trait.key)
        name = names[trait.key]
        is_focus = trait.key == org.focus_trait
        label = tr(lang, "{name} (focus)", name=name) if is_focus else name
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
        return [
            tr(
                lang,
                (
                    "Fewer than {k} people could be scored, so no figures are shown: with "
                    "so few, people could be recognised."
                ),
                k=k,
            )
        ]
    conf = percent(st.confidence, lang, None)
    mes = decimal(org.mes, lang)
    if org.ci is not None:
        first = tr(
            lang,
            (
                "The organisation's MES is {mes} on a scale from 0 to 100 ({conf} "
                "confidence interval {low} to {high}), over {n} respondents."
            ),
            mes=mes,
            conf=conf,
            low=decimal(org.ci.low, lang),
            high=decimal(org.ci.high, lang),
            n=org.n,
        )
    else:
        first = tr(
            lang,
            ("The organisation's MES is {mes} on a scale from 0 to 100, over {n} respondents."),
            mes=mes,
            n=org.n,
        )
    ins = report.instrument
    agreement = (ins.scale_min, ins.scale_max) == (1, 5)
    # Agreement words only on the 1-5 agreement scale; on another, the scale's own numbers.
    words = (
        (
            N_("That is high: on average people agree with the statements."),
            N_(
                "On average, answers lie between neutral (50) and agree ({f}): there is "
                "customer energy, with clear room to grow."
            ),
            N_("On average, answers lie below neutral (50): customer energy is low."),
        )
        if agreement
        else (
            N_("That is high: in the top quarter of the scale."),
            N_(
                "Answers lie between the middle of the scale and its top quarter: there is "
                "customer energy, with clear room to grow."
            ),
            N_("Answers lie below the middle of the scale: customer energy is low."),
        )
    )
    if org.mes >= st.favourable_at:
        level = tr(lang, words[0])
    elif org.mes >= 50:
        level = tr(lang, words[1], f=format(st.favourable_at, "g"))
    else:
        level = tr(lang, words[2])
    if not agreement:
        value = ins.scale_min + org.mes / 100 * (ins.scale_max - ins.scale_min)
        on_scale = tr(
            lang,
            (
                "That is an average answer of {value} on the {low}–{high} scale the "
                "questionnaire used."
            ),
            value=decimal(value, lang),
            low=ins.scale_min,
            high=ins.scale_max,
        )
        level = f"{on_scale} {level}"
    out = [f"{first} {level}"]
    out.append(
        tr(
            lang,
            (
                "{share} of respondents are customer-energetic: they score {at} or "
                "more on every one of the five traits."
            ),
            share=percent(org.energetic_share or 0.0, lang),
            at=f"{st.energetic_at:g}",
        )
        + _energy_context(org, report, lang)
    )
    focus = next((t for t in org.traits if t.key == org.focus_trait), None)
    if focus is not None:
        name = trait_names(report.instrument, lang).get(focus.key, focus.key)
        text = tr(
            lang,
            (
                "The weakest trait is {trait} ({score}; {fav} answer favourably): this "
                "is the first place to act."
            ),
            trait=_short(name),
            score=decimal(focus.mean, lang),
            fav=percent(focus.favourable, lang),
        )
        if focus.key == "room":  # the MES-5 trait the MSI figure is about
            text += tr(
                lang,
                (
                    " The same study found that 51% of employees lack the room to solve a "
                    "customer's problem themselves."
                ),
            )
        out.append(text)
    out += _group_sentences(report, lang)
    if org.ci is not None and org.ci.high - org.ci.low > _WIDE_INTERVAL:
        out.append(
            tr(
                lang,
                (
                    "The interval is wide ({width} points): with this many respondents, "
                    "treat small differences with caution."
                ),
                width=decimal(org.ci.high - org.ci.low, lang),
            )
        )
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
        return tr(
            lang,
            (
                " That is a different measure from going home with a lot of energy "
                "(19% of Dutch employees, MSI 2020), which this survey does not ask: "
                "the two figures do not compare."
            ),
        )
    infos = getattr(report.instrument, "outcomes", None) or []
    info = next((i for i in infos if getattr(i, "key", None) == energy.key), None)
    return tr(
        lang,
        (
            " Asked about their energy at the end of the workday, {share} of "
            "respondents go home with a lot of energy ({at} or more): the Dutch "
            "study (MSI 2020) found 19%."
        ),
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
            tr(
                lang,
                (
                    "Among the {count} teams shown, MES runs from {low} ({low_name}) to "
                    "{high} ({high_name}); the Groups sheet has every team."
                ),
                count=len(teams),
                low=decimal(low.mes or 0.0, lang),
                low_name=_short(low.name),
                high=decimal(high.mes or 0.0, lang),
                high_name=_short(high.name),
            )
        )
    hidden = sum(1 for g in report.groups if g.suppressed)
    if hidden:
        out.append(
            tr_n(
                lang,
                "One group is not shown because it is smaller than {k} or would let a "
                "smaller group be worked out.",
                "{hidden} groups are not shown because they are smaller than {k} or would "
                "let a smaller group be worked out.",
                hidden,
                hidden=hidden,
                k=report.settings.min_group_size,
            )
        )
    return out


def _chart_rows(height_cm: float) -> int:
    """Sheet rows a chart of this height covers (15-point rows are 0.53 cm), and one spare."""
    return math.ceil(height_cm / 0.53) + 1


def _trait_chart(sheet: SheetWriter, trait_range: str) -> None:
    """The organisation's trait profile as bars, drawn from the trait table's score cells."""
    lang = sheet.lang
    sheet.section(tr(lang, "Trait profile"), _LAST_COL)
    min_col, first, _, last = range_boundaries(trait_range)
    chart = profile_bars(
        sheet.ws,
        names=(1, first, last),
        values=min_col,
        title=tr(lang, "Score per trait, whole organisation (0–100)"),
        axis_title=tr(lang, "Score (0–100)"),
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
    sheet.section(tr(lang, "MES per department"), _LAST_COL)
    columns = [
        Column(tr(lang, "Department"), Kind.TEXT),
        Column(tr(lang, "MES"), Kind.SCORE),
        Column(tr(lang, "± margin"), Kind.SCORE),
        Column(tr(lang, "{conf} confidence interval", conf=conf), Kind.WRAP, max_width=_WIDTHS[4]),
    ]
    rows = []
    for g in rows_of:
        assert g.mes is not None
        assert g.n is not None
        margin = None if g.ci is None else g.ci.high - g.mes
        words = (
            tr(
                lang,
                "{n} respondents; from {low} to {high}",
                n=g.n,
                low=decimal(g.ci.low, lang),
                high=decimal(g.ci.high, lang),
            )
            if g.ci is not None
            else tr(lang, "{n} respondents; no interval", n=g.n)
        )
        name = tr(lang, "Organisation") if g.dimension == "organisation" else g.name
        style = RowStyle.TOTAL if g.dimension == "organisation" else RowStyle.NORMAL
        rows.append(Row([name, g.mes, margin, words], style))
    table = sheet.table(columns, rows)
    hidden = [g.name for g in departments if not shown(g) or g.mes is None]
    if hidden:
        sheet.paragraph(
            tr(lang, "Not shown, to protect anonymity: {names}.", names=", ".join(hidden)),
            _LAST_COL,
            cell_font=font(italic=True, color=GREY_TEXT),
        )
    chart = interval_bars(
        sheet.ws,
        names=(1, table.first_row, table.last_row),
        values=2,
        margins=3,
        title=tr(lang, "MES per department, with its {conf} confidence interval", conf=conf),
        axis_title=tr(lang, "MES (0–100)"),
    )
    sheet.row += 1
    sheet.ws.add_chart(chart, f"A{sheet.row}")
    sheet.row += _chart_rows(chart.height)


def _references(sheet: SheetWriter) -> None:
    lang = sheet.lang
    sheet.section(tr(lang, "For context, not targets"), _LAST_COL)
    for key, values, kind, source in REFERENCES:
        sheet.put(sheet.row, 1, tr(lang, key), fit=False)
        for i, value in enumerate(values):
            sheet.put(sheet.row, 2 + i, value, kind, cell_font=font(bold=i == 0), fit=False)
        grey = font(color=GREY_TEXT)
        sheet.put(sheet.row, 4, tr(lang, source), cell_font=grey, fit=False, indent=1)
        sheet.row += 1
    sheet.paragraph(
        tr(
            lang,
            (
                "Figures about Dutch employees in general, to put your own results in "
                "perspective. They measure related but not identical things, so "
                "compare with care."
            ),
        ),
        _LAST_COL,
        cell_font=font(italic=True, color=GREY_TEXT),
    )


def _about(sheet: SheetWriter, report: ScoreReport, today: dt.date) -> None:
    lang, st, ins = sheet.lang, report.settings, report.instrument
    sheet.section(tr(lang, "About this report"), _LAST_COL)
    hidden = sum(1 for g in report.groups if g.suppressed)
    rows: list[tuple[str, Value, Kind]] = [
        (tr(lang, "Source file"), _source_name(report, lang), Kind.TEXT),
        (tr(lang, "Date"), today, Kind.DATE),
        (
            tr(lang, "Questionnaire"),
            tr(
                lang,
                "{name}, version {version} ({fingerprint})",
                name=ins.name,
                version=ins.version,
                fingerprint=ins.fingerprint,
            ),
            Kind.TEXT,
        ),
        (tr(lang, "Answer scale"), f"{ins.scale_min}–{ins.scale_max}", Kind.TEXT),
        (
            tr(lang, "Settings"),
            tr(
                lang,
                (
                    "minimum group size {k}; {conf} confidence; customer-energetic at {e} "
                    "or more on every trait; favourable at {f} or more, unfavourable at "
                    "{u} or less"
                ),
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
        rows.append((tr(lang, "Breakdowns (--by)"), ", ".join(report.by), Kind.TEXT))
    rows += [
        (
            tr(lang, "Groups"),
            tr(
                lang,
                "{shown} shown, {hidden} suppressed to protect anonymity",
                shown=len(report.groups) - hidden,
                hidden=hidden,
            ),
            Kind.TEXT,
        ),
        (tr(lang, "Made with"), f"mes {report.mes_version}", Kind.TEXT),
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
