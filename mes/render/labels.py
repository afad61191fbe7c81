"""Words shown to people, in English and Dutch (``--lang en|nl``), and number formatting."""

from __future__ import annotations

from mes.privacy import Suppression
from mes.render import Lang
from mes.results import InstrumentInfo

__all__ = ["Lang", "reason", "score", "share", "trait_names", "word"]

WORDS: dict[str, dict[Lang, str]] = {
    "organisation": {"en": "Organisation", "nl": "Organisatie"},
    "department": {"en": "Department", "nl": "Afdeling"},
    "team": {"en": "Team", "nl": "Team"},
    "group": {"en": "Group", "nl": "Groep"},
    "n": {"en": "n", "nl": "n"},
    "mes": {"en": "MES", "nl": "MES"},
    "ci": {"en": "95% CI", "nl": "95%-BI"},
    "energetic": {"en": "Energetic", "nl": "Klantenergiek"},
    "focus": {"en": "Focus", "nl": "Focus"},
    "suppressed": {"en": "suppressed", "nl": "afgeschermd"},
    "by": {"en": "By", "nl": "Naar"},
    "respondents": {"en": "respondents", "nl": "respondenten"},
    "scored": {"en": "scored", "nl": "gescoord"},
    "instrument": {"en": "Instrument", "nl": "Vragenlijst"},
    "settings": {"en": "Settings", "nl": "Instellingen"},
    "reliability": {"en": "Reliability", "nl": "Betrouwbaarheid"},
    "favourable": {"en": "favourable", "nl": "positief"},
}

SUPPRESSION_REASON: dict[Suppression, dict[Lang, str]] = {
    Suppression.TOO_FEW: {
        "en": "fewer than {k} respondents",
        "nl": "minder dan {k} respondenten",
    },
    Suppression.PROTECTS_OTHER: {
        "en": "hidden so that a smaller group cannot be worked out",
        "nl": "afgeschermd zodat een kleinere groep niet te herleiden is",
    },
    Suppression.PARENT_SUPPRESSED: {
        "en": "hidden with the group it belongs to",
        "nl": "afgeschermd met de groep waar het onder valt",
    },
}


def word(key: str, lang: Lang) -> str:
    return WORDS[key][lang]


def reason(suppression: Suppression, k: int, lang: Lang) -> str:
    return SUPPRESSION_REASON[suppression][lang].format(k=k)


def trait_names(instrument: InstrumentInfo, lang: Lang) -> dict[str, str]:
    """Display name of every trait of a result's instrument, in the chosen language."""
    return {t.key: (t.name_nl if lang == "nl" and t.name_nl else t.name) for t in instrument.traits}


def score(value: float | None) -> str:
    """A 0-100 score as shown: one decimal."""
    return "–" if value is None else f"{value:.1f}"


def share(value: float | None) -> str:
    """A 0-1 share as shown: whole percent."""
    return "–" if value is None else f"{100 * value:.0f}%"
