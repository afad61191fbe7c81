"""PDF reports: one A4 page per shown group (``mes score --format pdf -o DIR``).

`team_pdfs` returns every file of a run as (name, bytes), built in memory, so that the CLI writes
nothing until all of them are made: ``00 All groups.pdf`` (every page in one file, to print at
once), ``01 Organisation.pdf``, then one per shown department and team in the order of the
report (``02 Financiën.pdf``, ``03 Financiën - Premie & Incasso.pdf``, ...; teams without a
department under their own name). The number keeps a folder listing in report order and makes
every name unique, whatever the group names are; characters a file name cannot hold become
``_``. Dutch names with ``--lang nl`` (``00 Alle groepen.pdf``, ``01 Organisatie.pdf``).
A suppressed group gets no file; ``--by`` groups get none (they are no team).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.pdf.team import (
    FONT,
    GREY,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PageContext,
    footer_text,
    group_label,
    page,
    register_fonts,
)
from mes.results import DiffReport, ScoreReport, ShownGroup

__all__ = ["PageContext", "file_name", "paged_groups", "team_pdfs"]

_TREE = ("organisation", "department", "team")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_NAME_LIMIT = 80


def paged_groups(report: ScoreReport) -> list[ShownGroup]:
    """The groups that get a page, in report order: the organisation, departments, teams; shown
    ones only."""
    return [g for g in report.groups if g.dimension in _TREE and isinstance(g, ShownGroup)]


def file_name(index: int, title: str) -> str:
    """``03 Financiën - Premie & Incasso.pdf``: numbered, with characters no file system takes
    replaced, shortened, never starting with a dot."""
    safe = _UNSAFE.sub("_", title[: 4 * _NAME_LIMIT])
    safe = " ".join(safe.split()).lstrip(".") or "_"
    if len(safe) > _NAME_LIMIT:
        safe = safe[: _NAME_LIMIT - 1] + "…"
    return f"{index:02d} {safe}.pdf"


def _title(group: ShownGroup, lang: Lang) -> str:
    if group.dimension == "team" and len(group.path) > 1:
        return f"{group.path[0]} - {group.name}"
    return group_label(group, lang)


def team_pdfs(
    report: ScoreReport, *, lang: Lang = "en", today: dt.date, change: DiffReport | None = None
) -> list[tuple[str, bytes]]:
    """Every PDF of a run, combined file first; empty when no group is shown."""
    register_fonts()
    ctx = PageContext(report=report, lang=lang, today=today, change=change)
    groups = paged_groups(report)
    if not groups:
        return []
    # Each document gets flowables of its own: platypus changes them while laying them out.
    combined: list[Flowable] = []
    for i, group in enumerate(groups):
        if i:
            combined.append(PageBreak())
        combined += page(group, ctx)
    all_title = tr(lang, "All groups")
    files = [(file_name(0, all_title), _document(combined, ctx, all_title))]
    for i, group in enumerate(groups, start=1):
        title = _title(group, lang)
        files.append((file_name(i, title), _document(page(group, ctx), ctx, title)))
    return files


def _document(story: Sequence[Flowable], ctx: PageContext, title: str) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=f"mes {ctx.report.mes_version}",
        creator=f"mes {ctx.report.mes_version}",
        subject=tr(ctx.lang, "Organisation report"),
        lang="nl-NL" if ctx.lang == "nl" else "en-GB",
        invariant=True,
        # The canvas starts every page in Helvetica, a font no PDF reader must have and mes
        # does not embed: start it in the embedded DejaVu Sans instead.
        initialFontName=FONT,  # no creation time or random id: the same input gives the same bytes
    )
    frame = Frame(
        MARGIN, MARGIN + 6 * mm, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 6 * mm,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    footer = footer_text(ctx)

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, footer)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 2 * mm, str(document.page))
        canvas.restoreState()

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
    doc.build(list(story))
    return buffer.getvalue()
