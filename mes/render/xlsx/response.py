"""The Groups sheet's response columns (``--headcount``): invited, response rate, margin."""

from __future__ import annotations

from mes.render import Lang
from mes.render.catalogue import tr
from mes.render.xlsx.kit import Column
from mes.render.xlsx.style import Kind, Value
from mes.results import GroupResult, ScoreReport


def response_columns(lang: Lang) -> list[Column]:
    """The Groups sheet's response columns (with ``--headcount``), after the note."""
    return [
        Column(tr(lang, "Invited"), Kind.COUNT),
        Column(tr(lang, "Response rate"), Kind.SHARE),
        Column(tr(lang, "± MES (finite population)"), Kind.SCORE, max_width=16),
    ]


def response_values(group: GroupResult, report: ScoreReport) -> list[Value]:
    """A group's invited, response rate and margin; blanks for a suppressed group."""
    if report.response is None:
        return []
    r = getattr(group, "response", None)
    if r is None:
        return [None, None, None]
    return [r.invited, r.rate, r.margin]
