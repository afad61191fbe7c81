"""The words renderers share, in the user's language (``--lang en|nl``): issues and where they
are (`issue_text`, `where_text`), suppression reasons, verdicts, one rule for a trait's or aspect's
display name (`display_name`), and the numbers as they are written in tables and sentences (a
decimal comma in Dutch). Every text is looked up in the message catalogue
(`mes.render.catalogue`); no terminal or spreadsheet library here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mes.errors import Issue, Location, Severity
from mes.messages import N_
from mes.privacy import Suppression
from mes.render import Lang
from mes.render.catalogue import tr, tr_ctx, tr_message
from mes.results import InstrumentInfo, PairedInfo

if TYPE_CHECKING:  # the mirror's models cost 15 ms to import, and most runs have no mirror
    from mes.mirror_results import HiddenReason, MirrorGroup, MirrorReport, Verdict


def issue_text(issue: Issue, lang: Lang) -> str:
    """An issue's message in ``lang``; one read back from a saved result as it was saved."""
    return issue.message if issue.text is None else tr_message(lang, issue.text)


def paired_text(info: PairedInfo, lang: Lang) -> str:
    """Why there is no paired view, in ``lang`` (as saved, for a result read from a file)."""
    return info.message or "" if info.text is None else tr_message(lang, info.text)


def where_text(location: Location, lang: Lang) -> str:
    """Where a problem is, as `Location.describe` says it, in ``lang``:
    ``survey.xlsx, sheet 'Data', cell D7, column 'Team'``."""
    parts: list[str] = []
    if location.file:
        parts.append(location.file)
    if location.sheet:
        parts.append(tr(lang, "sheet {name!r}", name=location.sheet))
    if location.item is not None:
        parts.append(tr(lang, "item {index}", index=location.item))
    if location.cell:
        parts.append(tr(lang, "cell {cell}", cell=location.cell))
    elif location.row is not None:
        parts.append(tr(lang, "row {row}", row=location.row))
    if location.column is not None:
        parts.append(tr(lang, "column {name!r}", name=location.column))
    elif location.field is not None:
        parts.append(tr(lang, "field {name!r}", name=location.field))
    return ", ".join(parts)


def severity_word(severity: Severity, lang: Lang) -> str:
    """``error`` or ``warning`` in ``lang``."""
    return tr(lang, "error") if severity is Severity.ERROR else tr(lang, "warning")


def issue_line(issue: Issue, lang: Lang) -> str:
    """One issue on one line: ``warning: where: message [code]``."""
    where = where_text(issue.location, lang)
    text = issue_text(issue, lang)
    head = f"{severity_word(issue.severity, lang)}: {where + ': ' if where else ''}"
    return f"{head}{text} [{issue.code}]"


def display_name(name: str, name_nl: str | None, lang: Lang) -> str:
    """A trait's or aspect's name as shown: the Dutch name in Dutch when the instrument has one."""
    return name_nl if lang == "nl" and name_nl else name


# --- Numbers ------------------------------------------------------------------------------------


def score(value: float | None) -> str:
    """A 0-100 score as shown: one decimal."""
    return "–" if value is None else f"{value:.1f}"


def share(value: float | None) -> str:
    """A 0-1 share as shown: whole percent."""
    return "–" if value is None else f"{100 * value:.0f}%"


def percent(share: float, lang: Lang, places: int | None = 0) -> str:
    """A share in a sentence: ``0.194`` as ``19%``; with ``places=None`` as exact as needed,
    for settings: ``0.975`` as ``97.5%`` (``97,5%`` in Dutch)."""
    return decimal(100 * share, lang, places) + "%"


def decimal(value: float, lang: Lang, places: int | None = 1) -> str:
    """A number in a sentence, with a decimal comma in Dutch; ``places=None``: as short as exact."""
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "nl" else text


def signed(value: float | None, lang: Lang = "en", digits: int = 1) -> str:
    """A gap with its sign; one that rounds to zero is +0.0, never -0.0."""
    if value is None:
        return "–"
    text = f"{round(value, digits) + 0.0:+.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def number(value: float | None, lang: Lang = "en", digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nl" else text


def p_text(p: float, lang: Lang = "en") -> str:
    text = "<0.001" if p < 0.001 else f"{p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text


def p_sentence(p: float, lang: Lang = "en") -> str:
    """p in a sentence: ``p < 0.001`` or ``p = 0.012``."""
    text = "p < 0.001" if p < 0.001 else f"p = {p:.3f}"
    return text.replace(".", ",") if lang == "nl" else text


def interval(low: float, high: float, lang: Lang = "en") -> str:
    return f"{signed(low, lang)}…{signed(high, lang)}"


# --- Shared by every renderer ------------------------------------------------------------------


#: Why a group is suppressed (mes score, diff, mirror and link alike).
SUPPRESSION_REASON: dict[Suppression, str] = {
    Suppression.TOO_FEW: N_("fewer than {k} respondents"),
    Suppression.PROTECTS_OTHER: N_("protects a smaller group"),
    Suppression.PARENT_SUPPRESSED: N_("hidden with its parent group"),
}


#: The levels of the group tree, as a column of a table says them.
LEVELS: dict[str, str] = {
    "organisation": N_("Organisation"),
    "department": N_("Department"),
    "team": N_("Team"),
}

#: A change's verdict or a group's status in a workbook cell, with the arrow of the terminal.
WORKBOOK_VERDICTS: dict[str, str] = {
    "rising": N_("↑ rising"),
    "falling": N_("↓ falling"),
    "stable": N_("→ stable"),
    "new": N_("new"),
    "gone": N_("gone"),
    "suppressed": N_("suppressed"),
    "not_compared": N_("not compared"),
}

#: The short names of the outcomes of a known kind.
OUTCOME_KINDS: dict[str, str] = {"energy": N_("Energy"), "enps": N_("eNPS")}

#: A change's verdict in words.
CHANGE_WORDS: dict[str, str] = {
    "rising": N_("rising"),
    "falling": N_("falling"),
    "stable": N_("stable"),
}


def reason(suppression: Suppression, k: int, lang: Lang) -> str:
    return tr(lang, SUPPRESSION_REASON[suppression], k=k)


def outcome_names(instrument: InstrumentInfo, lang: Lang) -> dict[str, str]:
    """Display name of every outcome of a result's instrument, in the chosen language."""
    return {o.key: display_name(o.name, o.name_nl, lang) for o in instrument.outcomes}


def trait_names(instrument: InstrumentInfo, lang: Lang) -> dict[str, str]:
    """Display name of every trait of a result's instrument, in the chosen language."""
    return {t.key: display_name(t.name, t.name_nl, lang) for t in instrument.traits}


# --- mes mirror ---------------------------------------------------------------------------------


VERDICTS: dict[Verdict, str] = {
    "underestimate": N_("underestimate"),
    "overestimate": N_("overestimate"),
    "in-line": N_("in line"),
}


def verdict_word(verdict: Verdict | None, lang: Lang) -> str:
    return "–" if verdict is None else tr(lang, VERDICTS[verdict])


def hidden_word(reason: HiddenReason, k: int, lang: Lang) -> str:
    """Why a figure of the mirror survey is hidden."""
    if reason == "employee-group-suppressed":
        return tr(lang, "suppressed in the staff survey")
    if reason == "too-few-answers":
        return tr(lang, "fewer than {k} answers", k=k)
    if reason == "protects-another-group":
        return tr(lang, "protects a smaller group")
    # In the mirror survey an aspect's figure is hidden, not a group: "verborgen" in Dutch.
    return tr_ctx(lang, "mirror aspect", "hidden with its parent group")


def suppression_word(reason: Suppression | None, k: int, lang: Lang) -> str:
    return tr(lang, SUPPRESSION_REASON[reason or Suppression.TOO_FEW], k=k)


def aspect_names(report: MirrorReport, lang: Lang) -> dict[str, str]:
    return {a.key: display_name(a.name, a.name_nl, lang) for a in report.definition.aspects}


def group_label(group: MirrorGroup, lang: Lang) -> str:
    return tr(lang, "Organisation") if group.dimension == "organisation" else group.name
