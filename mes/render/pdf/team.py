"""One A4 page per group, to hand to a team leader: the figures, and what the team can do.

A page holds, from the top: the group's MES with its interval beside its department's and the
organisation's (bars with interval lines); the five traits against the organisation; the share
customer-energetic; the change since the previous quarter when one is given; the focus trait
with its statement; and what the team can do about it (`mes.render.advice`): suggestions and
questions for the team meeting.

Only shown groups get a page, and a page shows only shown groups' figures: the group's own, its
department's (when shown) and the organisation's, and a change only when the comparison shows
one. Every text from the input (group and file names) is escaped before it reaches reportlab's
paragraph markup. The page is drawn with reportlab's platypus and graphics, in DejaVu Sans
(shipped in ``fonts/``, embedded in every PDF), so Dutch characters print as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
)

from mes.messages import N_
from mes.render import Lang
from mes.render.advice import questions, suggestions
from mes.render.catalogue import tr
from mes.render.words import CHANGE_WORDS, decimal, display_name, percent, signed
from mes.results import DiffReport, GroupChange, GroupResult, ScoreReport, ShownGroup

FONT = "MES-Sans"
FONT_BOLD = "MES-Sans-Bold"
_FONTS = Path(__file__).parent / "fonts"

NAVY = HexColor("#1F3864")
GREY = HexColor("#7F7F7F")
LIGHT = HexColor("#BFBFBF")
BAR = HexColor("#4472C4")
RISING = HexColor("#2E8B57")
FALLING = HexColor("#C0392B")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CONTENT_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 6 * mm  # room for the footer
NAME_LIMIT = 80  # characters of a group name in a title or a sentence


def register_fonts() -> None:
    """DejaVu Sans, regular and bold, under mes's own names (once per process)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(_FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(_FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)


def _style(name: str, size: float, *, bold: bool = False, colour: Color = NAVY) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=size * 1.3,
        textColor=colour,
        alignment=TA_LEFT,
    )


TITLE = _style("title", 17, bold=True)
SUBTITLE = _style("subtitle", 9, colour=GREY)
HEAD = _style("head", 11.5, bold=True)
BODY = _style("body", 9, colour=HexColor("#000000"))
SMALL = _style("small", 7.5, colour=GREY)


@dataclass(frozen=True)
class PageContext:
    """What every page of one run shares."""

    report: ScoreReport
    lang: Lang
    today: dt.date
    change: DiffReport | None = None  # with --previous: the comparison with that quarter


def shown(group: GroupResult) -> bool:
    return not group.suppressed and group.n is not None and group.traits is not None


def group_label(group: GroupResult, lang: Lang) -> str:
    if group.dimension == "organisation":
        return tr(lang, "Organisation")
    return short(group.name)


def page(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    """The flowables of one group's page, shrunk to fit a single A4 page if need be."""
    register_fonts()
    content: list[Flowable] = [*_heading(group, ctx), Spacer(1, 3 * mm)]
    content += _mes_section(group, ctx)
    content += _traits_section(group, ctx)
    content += _energetic_section(group, ctx)
    content += _outcomes_section(group, ctx)
    if ctx.change is not None:
        content += _change_section(group, ctx, ctx.change)
    content += _focus_section(group, ctx)
    return [KeepInFrame(CONTENT_WIDTH, CONTENT_HEIGHT, content, mode="shrink")]


def footer_text(ctx: PageContext) -> str:
    src = ctx.report.source
    return tr(
        ctx.lang,
        ("mes {v} · {file} · {date} · groups of fewer than {k} respondents are never shown"),
        v=ctx.report.mes_version,
        file=src.file,
        date=ctx.today.isoformat(),
        k=ctx.report.settings.min_group_size,
    )


# -- sections -----------------------------------------------------------------------------------


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text: escaped, so no input can become markup."""
    return Paragraph(escape(text), style)


def _heading(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    lang = ctx.lang
    if group.dimension == "organisation":
        title = tr(lang, "Organisation report")
    elif group.dimension == "department":
        title = tr(lang, "Department report: {name}", name=short(group.name))
    else:
        title = tr(lang, "Team report: {name}", name=short(group.name))
    parts = []
    if group.dimension == "team" and len(group.path) > 1:
        parts.append(tr(lang, "Team of {department}", department=short(group.path[0])))
    parts.append(
        tr(
            lang,
            "{file} · {date} · {n} respondents",
            file=ctx.report.source.file,
            date=ctx.today.isoformat(),
            n=group.n,
        )
    )
    return [_p(title, TITLE), _p(" · ".join(parts), SUBTITLE)]


def _department(group: ShownGroup, report: ScoreReport) -> GroupResult | None:
    if group.dimension != "team" or len(group.path) < 2:
        return None
    return next(
        (g for g in report.groups if g.dimension == "department" and g.id == group.parent), None
    )


def _mes_section(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    lang, report = ctx.lang, ctx.report
    org = report.organisation
    rows: list[tuple[str, ShownGroup, bool]] = [(group_label(group, lang), group, True)]
    note = None
    department = _department(group, report)
    if department is not None:
        if isinstance(department, ShownGroup):
            rows.append((short(department.name), department, False))
        else:
            note = tr(lang, "The department's figures are not shown, to protect anonymity.")
    if group.dimension == "organisation":
        rows += [
            (short(g.name), g, False)
            for g in report.groups
            if g.dimension == "department" and isinstance(g, ShownGroup)
        ]
    elif isinstance(org, ShownGroup):
        rows.append((tr(lang, "Organisation"), org, False))
    # A group whose MES the report does not show (a figure can be hidden on its own) has no bar.
    rows = [r for r in rows if r[1].mes is not None and r[1].n is not None]
    if not rows:
        return []
    conf = percent(report.settings.confidence, lang, None)
    out: list[Flowable] = [
        _p(tr(lang, "MES: customer energy from 0 to 100"), HEAD),
        Spacer(1, 1.5 * mm),
    ]
    out.append(interval_chart(rows, lang))
    if note:
        out.append(_p(note, SMALL))
    out.append(
        _p(
            tr(
                lang,
                (
                    "The bar is the MES; the line across it is its {conf} confidence "
                    "interval, where the true value lies. Where two intervals overlap, the "
                    "difference may be chance."
                ),
                conf=conf,
            ),
            SMALL,
        )
    )
    out.append(Spacer(1, 3 * mm))
    return out


def interval_chart(rows: Sequence[tuple[str, ShownGroup, bool]], lang: Lang) -> Drawing:
    """Horizontal bars on 0-100, the interval as a line with end caps; the first row bold."""
    label_w, value_w = 150.0, 120.0
    bar_w = CONTENT_WIDTH - label_w - value_w
    row_h = 17.0
    height = row_h * len(rows) + 16
    d = _drawing(height)
    top = height - 4
    for i, (name, g, own) in enumerate(rows):
        y = top - (i + 1) * row_h
        font = FONT_BOLD if own else FONT
        if g.mes is None:
            continue
        d.add(String(0, y + 4, _fit(name, font, 9, label_w - 6), fontName=font, fontSize=9))
        d.add(Rect(label_w, y + 2, bar_w * g.mes / 100, row_h - 6,
                   fillColor=NAVY if own else BAR, strokeColor=None))  # fmt: skip
        if g.ci is not None:
            lo, hi = label_w + bar_w * g.ci.low / 100, label_w + bar_w * g.ci.high / 100
            mid = y + 2 + (row_h - 6) / 2
            for shape in (
                Line(lo, mid, hi, mid),
                Line(lo, mid - 4, lo, mid + 4),
                Line(hi, mid - 4, hi, mid + 4),
            ):
                shape.strokeColor = HexColor("#000000")
                shape.strokeWidth = 1.2
                d.add(shape)
            low, high = decimal(g.ci.low, lang), decimal(g.ci.high, lang)
            text = tr(
                lang,
                "{mes} ({low}–{high}), n = {n}",
                mes=decimal(g.mes, lang),
                low=low,
                high=high,
                n=g.n,
            )
        else:
            text = tr(lang, "{mes}, n = {n}", mes=decimal(g.mes, lang), n=g.n)
        d.add(String(label_w + bar_w + 6, y + 4, text, fontName=font, fontSize=8.5))
    _scale(d, label_w, bar_w, 0)
    return d


def _drawing(height: float) -> Drawing:
    """A drawing as wide as the page's text; its state starts in DejaVu Sans, not reportlab's
    default Helvetica, which would be named (unembedded) in the PDF."""
    d = Drawing(CONTENT_WIDTH, height)
    d.initialFontName = FONT
    d.initialFontSize = 9
    return d


def _scale(d: Drawing, x0: float, width: float, y: float, top: float = 2.0) -> None:
    """The 0-100 axis under a chart: ticks every 25, light grid lines up to ``top`` points
    below the drawing's top edge."""
    for tick in (0, 25, 50, 75, 100):
        x = x0 + width * tick / 100
        grid = Line(x, y + 10, x, d.height - top)
        grid.strokeColor = HexColor("#E0E0E0")
        grid.strokeWidth = 0.5
        d.insert(0, grid)
        d.add(String(x, y + 1, str(tick), fontName=FONT, fontSize=7, textAnchor="middle",
                     fillColor=GREY))  # fmt: skip


def _traits_section(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    lang, report = ctx.lang, ctx.report
    org = report.organisation
    against = isinstance(org, ShownGroup) and group.dimension != "organisation"
    head = N_("The five traits, against the organisation") if against else N_("The five traits")
    f = f"{report.settings.favourable_at:g}"
    out: list[Flowable] = [_p(tr(lang, head), HEAD), Spacer(1, 1.5 * mm)]
    out.append(trait_chart(group, org if against else None, ctx))
    out.append(
        _p(
            tr(
                lang,
                ("Score 0–100 per trait; in brackets the share favourable (score {f} or more)."),
                f=f,
            ),
            SMALL,
        )
    )
    out.append(Spacer(1, 3 * mm))
    return out


def trait_chart(group: ShownGroup, org: GroupResult | None, ctx: PageContext) -> Drawing:
    """Per trait a bar for the group and, thinner and grey, one for the organisation."""
    lang = ctx.lang
    names = {t.key: display_name(t.name, t.name_nl, lang) for t in ctx.report.instrument.traits}
    own = {t.key: t for t in group.traits}
    other = {t.key: t for t in (org.traits or [])} if org is not None else {}
    label_w, value_w = 150.0, 120.0
    bar_w = CONTENT_WIDTH - label_w - value_w
    row_h = 24.0 if other else 17.0
    keys = [t.key for t in ctx.report.instrument.traits if t.key in own]
    legend = 12.0 if other else 0.0
    height = row_h * len(keys) + 16 + legend
    d = _drawing(height)
    top = height - 4 - legend
    for i, key in enumerate(keys):
        y = top - (i + 1) * row_h
        t = own[key]
        focus = key == group.focus_trait
        font = FONT_BOLD if focus else FONT
        label = names[key]
        d.add(String(0, y + row_h - 13, _fit(label, font, 9, label_w - 6), fontName=font,
                     fontSize=9))  # fmt: skip
        bar_y = y + row_h - 14
        d.add(Rect(label_w, bar_y, bar_w * t.mean / 100, 10, fillColor=NAVY, strokeColor=None))
        value = f"{decimal(t.mean, lang)} ({percent(t.favourable, lang)})"
        d.add(String(label_w + bar_w + 6, bar_y + 1.5, value, fontName=font, fontSize=8.5))
        if key in other:
            o = other[key]
            d.add(Rect(label_w, bar_y - 7, bar_w * o.mean / 100, 5, fillColor=LIGHT,
                       strokeColor=None))  # fmt: skip
            text = f"{decimal(o.mean, lang)} ({percent(o.favourable, lang)})"
            d.add(String(label_w + bar_w + 6, bar_y - 7, text, fontName=FONT, fontSize=7,
                         fillColor=GREY))  # fmt: skip
    if other:
        y = height - 10
        d.add(Rect(label_w, y, 14, 7, fillColor=NAVY, strokeColor=None))
        d.add(String(label_w + 18, y, tr(lang, "this group"), fontName=FONT,
                     fontSize=7.5))  # fmt: skip
        d.add(Rect(label_w + 110, y + 1, 14, 5, fillColor=LIGHT, strokeColor=None))
        d.add(String(label_w + 128, y, tr(lang, "organisation"), fontName=FONT,
                     fontSize=7.5))  # fmt: skip
    _scale(d, label_w, bar_w, 0, top=4 + legend)
    return d


def _energetic_section(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    lang, st = ctx.lang, ctx.report.settings
    org = ctx.report.organisation
    if group.energetic_share is None:
        return []
    share = percent(group.energetic_share, lang)
    at = f"{st.energetic_at:g}"
    if (
        group.dimension != "organisation"
        and isinstance(org, ShownGroup)
        and org.energetic_share is not None
    ):
        text = tr(
            lang,
            ("{share} of the respondents score {at} or more on every trait (organisation: {org})."),
            share=share,
            at=at,
            org=percent(org.energetic_share, lang),
        )
    else:
        text = tr(
            lang,
            "{share} of the respondents score {at} or more on every trait.",
            share=share,
            at=at,
        )
    return [
        _p(tr(lang, "Customer-energetic"), HEAD),
        Spacer(1, 1 * mm),
        _p(text),
        Spacer(1, 3 * mm),
    ]


def _outcomes_section(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    """Energy at the end of the day, eNPS and other outcome questions, when the results carry
    them, beside the organisation's.

    Read by name (``outcomes`` on the group, ``outcomes`` on the instrument) because the outcome
    figures join the results in a parallel change (issue 16); results without them show nothing
    here. Once both are on main this becomes typed.
    """
    results = list(getattr(group, "outcomes", None) or [])
    if not results:
        return []
    lang = ctx.lang
    infos = {o.key: o for o in getattr(ctx.report.instrument, "outcomes", None) or []}
    org = ctx.report.organisation
    org_results = {o.key: o for o in getattr(org, "outcomes", None) or []}
    own_page = group.dimension == "organisation"
    out: list[Flowable] = [_p(tr(lang, "Energy and recommendation"), HEAD), Spacer(1, 1 * mm)]
    for result in results:
        info = infos.get(result.key)
        name = display_name(info.name, info.name_nl, lang) if info is not None else result.key
        text = outcome_sentence(result, name, info, lang)
        other = None if own_page else org_results.get(result.key)
        if other is not None:
            text += tr(lang, " Organisation: {org}.", org=outcome_figure(other, lang))
        out.append(_p(text))
    out.append(Spacer(1, 3 * mm))
    return out


def outcome_figure(result: Any, lang: Lang) -> str:
    """The headline figure of an outcome: the share with a lot of energy, eNPS as a signed
    score, else the mean."""
    if result.kind == "energy":
        return str(percent(result.high_share, lang))
    if result.kind == "enps" and result.enps is not None:
        return signed(result.enps, lang, 0)
    return decimal(result.mean, lang)


def outcome_sentence(result: Any, name: str, info: Any, lang: Lang) -> str:
    """One line per outcome: energy as the share with a lot of energy and the mean grade; eNPS
    with its interval; any other question as its mean and favourable share."""
    n = result.n
    if result.kind == "energy":
        at = getattr(info, "high_at", 8)
        return tr(
            lang,
            ("{name}: {share} go home with a lot of energy ({at} or more); mean {mean}, n = {n}."),
            name=name,
            share=percent(result.high_share, lang),
            at=at,
            mean=decimal(result.mean, lang),
            n=n,
        )
    if result.kind == "enps" and result.enps is not None:
        ci = result.enps_ci
        interval = (
            tr(
                lang,
                " (from {low} to {high})",
                low=signed(ci.low, lang, 0),
                high=signed(ci.high, lang, 0),
            )
            if ci is not None
            else ""
        )
        return tr(
            lang,
            "{name}: eNPS {enps}{interval}, n = {n}.",
            name=name,
            enps=signed(result.enps, lang, 0),
            interval=interval,
            n=n,
        )
    return tr(
        lang,
        "{name}: mean {mean}, {share} favourable, n = {n}.",
        name=name,
        mean=decimal(result.mean, lang),
        share=percent(result.high_share, lang),
        n=n,
    )


def group_change(group: ShownGroup, change: DiffReport) -> GroupChange | None:
    """The comparison's entry for this group (matched by its id in this quarter)."""
    return next((g for g in change.groups if g.new_id == group.id), None)


def _change_section(group: ShownGroup, ctx: PageContext, change: DiffReport) -> list[Flowable]:
    lang = ctx.lang
    old = change.old.label
    out: list[Flowable] = [_p(tr(lang, "Since {old}", old=old), HEAD)]
    out.append(Spacer(1, 1 * mm))
    g = group_change(group, change)
    if g is None or g.status == "new":
        out.append(_p(tr(lang, "This group was not in {old}: no change to show.", old=old)))
    elif g.suppressed_in or g.old is None or g.new is None or g.mes_change is None:
        out.append(
            _p(tr(lang, "No change shown: the group was suppressed in {old} or now.", old=old))
        )
    else:
        verdict = tr(lang, CHANGE_WORDS[g.label or "stable"])
        colour = {"rising": "#2E8B57", "falling": "#C0392B"}.get(g.label or "", "#000000")
        energetic = signed(100 * (g.energetic_change or 0.0), lang, 0)
        text = tr(
            lang,
            (
                "MES {old} → {new} ({change}): {verdict}. Customer-energetic "
                "{energetic} percentage points."
            ),
            old=decimal(g.old.mes, lang),
            new=decimal(g.new.mes, lang),
            change=signed(g.mes_change, lang),
            verdict="\x00",
            energetic=energetic,
        )
        marked = escape(text).replace(
            "\x00", f'<font color="{colour}"><b>{escape(verdict)}</b></font>'
        )
        out.append(Paragraph(marked, BODY))
        names = {t.key: display_name(t.name, t.name_nl, lang) for t in change.traits}
        parts = [f"{names.get(t.key, t.key)} {signed(t.change, lang)}" for t in g.traits or []]
        if parts:
            out.append(_p(tr(lang, "Per trait: {parts}.", parts="; ".join(parts))))
        st = change.settings
        rule = tr(
            lang,
            (
                "Rising or falling only when significant at {conf} and at least {min} "
                "points; small groups will mostly be stable."
            ),
            conf=percent(st.confidence, lang, None),
            min=decimal(st.min_change, lang, None),
        )
        out.append(_p(rule, SMALL))
    out.append(Spacer(1, 3 * mm))
    return out


def _focus_section(group: ShownGroup, ctx: PageContext) -> list[Flowable]:
    lang, report = ctx.lang, ctx.report
    key = group.focus_trait
    trait = next((t for t in report.instrument.traits if t.key == key), None)
    result = next((t for t in group.traits if t.key == key), None)
    if trait is None or result is None:
        return []
    name = display_name(trait.name, trait.name_nl, lang)
    out: list[Flowable] = [_p(tr(lang, "Focus: {trait}", trait=name), HEAD)]
    out.append(Spacer(1, 1 * mm))
    text = tr(
        lang,
        (
            "{trait} is this group's lowest trait ({score}; {fav} favourable): the "
            "first place to act."
        ),
        trait=name,
        score=decimal(result.mean, lang),
        fav=percent(result.favourable, lang),
    )
    out.append(_p(text))
    statements = [(i.text_nl or i.text_en) if lang == "nl" else (i.text_en or i.text_nl)
                  for i in trait.items]  # fmt: skip
    for statement in statements:
        if statement:
            out.append(_p(tr(lang, "Statement: “{text}”", text=statement), SMALL))
    out.append(Spacer(1, 2.5 * mm))
    todo, ask = suggestions(trait.key, lang), questions(trait.key, lang)
    if not todo and not ask:
        out.append(
            _p(
                tr(
                    lang,
                    (
                        "This questionnaire's trait has no advice texts in mes: discuss in the "
                        "team what would help."
                    ),
                )
            )
        )
        return out
    out.append(_p(tr(lang, "What the team can do"), HEAD))
    out.append(_bullets(todo, "bullet"))
    out.append(Spacer(1, 2 * mm))
    out.append(_p(tr(lang, "Questions for the team meeting"), HEAD))
    out.append(_bullets(ask, "1"))
    return out


def _bullets(texts: Sequence[str], kind: str) -> ListFlowable:
    items = [ListItem(_p(t), leftIndent=14, value="•" if kind == "bullet" else None)
             for t in texts]  # fmt: skip
    return ListFlowable(
        items,
        bulletType=kind,
        start="•" if kind == "bullet" else "1",
        bulletFontName=FONT,
        bulletFontSize=9,
        leftIndent=14,
        spaceBefore=2,
    )


def short(name: str) -> str:
    """A group name as a page shows it: at most ``NAME_LIMIT`` characters, then "…"."""
    return name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with "…" to fit ``width`` points (long team names on a chart)."""
    text = short(text)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


__all__ = ["PageContext", "footer_text", "group_label", "page", "register_fonts"]
