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
        "en": "protects a smaller group",
        "nl": "beschermt een kleinere groep",
    },
    Suppression.PARENT_SUPPRESSED: {
        "en": "hidden with its parent group",
        "nl": "afgeschermd met bovenliggende groep",
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


# Words of the comparison tables (mes diff, mes trend).
WORDS.update(
    {
        "change": {"en": "Change", "nl": "Verandering"},
        "label": {"en": "Verdict", "nl": "Oordeel"},
        "rising": {"en": "rising", "nl": "stijgend"},
        "falling": {"en": "falling", "nl": "dalend"},
        "stable": {"en": "stable", "nl": "stabiel"},
        "new": {"en": "new", "nl": "nieuw"},
        "gone": {"en": "gone", "nl": "verdwenen"},
        "suppressed in": {"en": "suppressed in", "nl": "afgeschermd in"},
        "both": {"en": "both", "nl": "beide"},
        "was": {"en": "was", "nl": "was"},
        "departments": {"en": "Departments", "nl": "Afdelingen"},
        "teams": {"en": "Teams", "nl": "Teams"},
        "stayed": {"en": "Stayed", "nl": "Gebleven"},
        "joined": {"en": "Joined", "nl": "Erbij"},
        "left": {"en": "Left", "nl": "Vertrokken"},
        "paired": {"en": "Same people (paired)", "nl": "Dezelfde mensen (gepaard)"},
        "withheld": {"en": "withheld", "nl": "niet getoond"},
        "last change": {"en": "Last change", "nl": "Laatste verandering"},
        "trend": {"en": "Trend", "nl": "Verloop"},
    }
)
