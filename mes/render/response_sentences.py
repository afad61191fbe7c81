"""The response from a headcount in words, English and Dutch: one place for the table and the
workbook (``--headcount``). Only shown groups carry response figures; these sentences name
suppressed groups never with a rate or a count."""

from __future__ import annotations

from mes.render import Lang
from mes.render.catalogue import tr
from mes.results import GroupResponse, GroupResult, ScoreReport


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _label(group: GroupResult, lang: Lang) -> str:
    if group.dimension == "organisation":
        return tr(lang, "Organisation")
    if group.dimension == "team" and len(group.path) == 2:
        return f"{group.path[1]} ({group.path[0]})"
    return group.name


def response_lines(report: ScoreReport, lang: Lang, name: object = str) -> list[str]:
    """The organisation's response and the flagged groups: the first lines of a footer or a
    summary. ``name`` makes a group name safe for the medium (e.g. `inert_text`)."""
    summary = report.response
    if summary is None:
        return []
    show = name if callable(name) else str
    threshold = _pct(summary.min_response)
    by_id = {g.id: g for g in report.groups}
    low = [by_id[i] for i in summary.low if i in by_id]
    if summary.invited is None:
        head = tr(lang, "Response: not shown (the organisation is suppressed).")
    else:
        head = tr(
            lang,
            "Response: {responded} of {invited} invited ({rate})",
            responded=summary.responded,
            invited=summary.invited,
            rate=_pct(summary.rate or 0),
        )
    if summary.invited is not None:
        if not low:
            head += tr(lang, "; no group below {threshold}.", threshold=threshold)
        else:
            listed = ", ".join(f"{show(_label(g, lang))} {_rate(g.response)}" for g in low)
            head += tr(
                lang,
                "; {n} group(s) below {threshold}, whose figures may not speak for the whole "
                "group: {groups}.",
                n=len(low),
                threshold=threshold,
                groups=listed,
            )
    lines = [head]
    if summary.no_responses:
        names = ", ".join(show(_id_label(i)) for i in summary.no_responses)
        lines.append(tr(lang, "No responses from: {groups}.", groups=names))
    if summary.not_in_headcount:
        names = ", ".join(show(_id_label(i)) for i in summary.not_in_headcount)
        lines.append(tr(lang, "Not in the headcount (no response rate): {groups}.", groups=names))
    return lines


def _rate(response: GroupResponse | None) -> str:
    return _pct(response.rate) if response is not None else ""


def _id_label(group_id: str) -> str:
    """A group id in words: ``team/Finance/Claims`` -> ``Claims (Finance)``."""
    from urllib.parse import unquote

    parts = [unquote(p) for p in group_id.split("/")[1:]]
    return f"{parts[1]} ({parts[0]})" if len(parts) == 2 else (parts[0] if parts else group_id)


def response_cell(group: GroupResult, lang: Lang) -> str:
    """A shown group's response as one table cell: ``64% of 11``; empty without one."""
    r = getattr(group, "response", None)
    if r is None:
        return ""
    return f"{_pct(r.rate)} {tr(lang, 'of')} {r.invited}" + (" !" if r.low else "")


def margin_cell(group: GroupResult) -> str:
    r = getattr(group, "response", None)
    if r is None or r.margin is None:
        return ""
    return f"{r.margin:.1f}"


def response_legend(lang: Lang) -> str:
    """What the response and margin columns of the table mean."""
    return tr(
        lang,
        "Response: share of those invited who have a MES, ! below the threshold; ± is the margin "
        "of error of the MES, corrected for the size of the group.",
    )
