"""The response from a headcount in words, English and Dutch: one place for the table and the
workbook (``--headcount``). Only shown groups carry response figures; these sentences name
suppressed groups never with a rate or a count."""

from __future__ import annotations

from mes.render import Lang
from mes.render.words import RESPONSE
from mes.results import GroupResponse, GroupResult, ScoreReport


def rword(key: str, lang: Lang) -> str:
    return RESPONSE[key][lang]


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _label(group: GroupResult, lang: Lang) -> str:
    if group.dimension == "organisation":
        return "Organisatie" if lang == "nl" else "Organisation"
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
        head = (
            "Respons: niet getoond (de organisatie is afgeschermd)."
            if lang == "nl"
            else "Response: not shown (the organisation is suppressed)."
        )
    elif lang == "nl":
        head = (
            f"Respons: {summary.responded} van {summary.invited} uitgenodigden "
            f"({_pct(summary.rate or 0)})"
        )
    else:
        rate = _pct(summary.rate or 0)
        head = f"Response: {summary.responded} of {summary.invited} invited ({rate})"
    if summary.invited is not None:
        if not low:
            head += (
                f"; geen groep onder {threshold}."
                if lang == "nl"
                else f"; no group below {threshold}."
            )
        else:
            listed = ", ".join(f"{show(_label(g, lang))} {_rate(g.response)}" for g in low)
            head += (
                f"; {len(low)} groep(en) onder {threshold}, hun cijfers spreken mogelijk niet "
                f"voor de hele groep: {listed}."
                if lang == "nl"
                else f"; {len(low)} group(s) below {threshold}, whose figures may not speak "
                f"for the whole group: {listed}."
            )
    lines = [head]
    if summary.no_responses:
        names = ", ".join(show(_id_label(i)) for i in summary.no_responses)
        lines.append(
            f"Geen respons uit: {names}." if lang == "nl" else f"No responses from: {names}."
        )
    if summary.not_in_headcount:
        names = ", ".join(show(_id_label(i)) for i in summary.not_in_headcount)
        lines.append(
            f"Niet in het personeelsbestand (geen respons): {names}."
            if lang == "nl"
            else f"Not in the headcount (no response rate): {names}."
        )
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
    return f"{_pct(r.rate)} {rword('of', lang)} {r.invited}" + (" !" if r.low else "")


def margin_cell(group: GroupResult) -> str:
    r = getattr(group, "response", None)
    if r is None or r.margin is None:
        return ""
    return f"{r.margin:.1f}"


def response_legend(lang: Lang) -> str:
    """What the response and margin columns of the table mean."""
    if lang == "nl":
        return (
            "Respons: aandeel van de uitgenodigden met een MES, ! onder de drempel; ± is de "
            "foutmarge van de MES, gecorrigeerd voor de grootte van de groep."
        )
    return (
        "Response: share of those invited who have a MES, ! below the threshold; ± is the margin "
        "of error of the MES, corrected for the size of the group."
    )
