"""Every word mes shows to people, in English and Dutch (``--lang en|nl``): one catalogue per
output, one lookup (`say`), one rule for a trait's or aspect's display name (`display_name`), and
the numbers as they are written in tables and sentences (a decimal comma in Dutch).

The catalogues, each ``{key: {"en": ..., "nl": ...}}``: `COMMON` (what every renderer shares:
levels, column heads, the words of diff and trend), `SHEETS` and `WORKBOOK` (the Excel reports
of score and diff), `SETTING_NAMES` and `EXPLANATIONS` (their Method sheet), `MIRROR`,
`MIRROR_SENTENCES` and `MIRROR_WORKBOOK` (``mes mirror``), `LINK` (``mes link``). ``{placeholders}``
are filled by `say`. No terminal or spreadsheet library here.
"""

from __future__ import annotations

from mes.mirror_results import HiddenReason, MirrorGroup, MirrorReport, Verdict, VerdictReason
from mes.privacy import Suppression
from mes.render import Lang
from mes.results import InstrumentInfo

#: A catalogue of texts: key -> language -> text.
Catalogue = dict[str, dict[Lang, str]]


def say(catalogue: Catalogue, key: str, lang: Lang, **values: object) -> str:
    """The text ``key`` of ``catalogue`` in ``lang``, with its placeholders filled."""
    text = catalogue[key][lang]
    return text.format(**values) if values else text


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


COMMON: dict[str, dict[Lang, str]] = {
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
    "no_department": {"en": "(no department)", "nl": "(geen afdeling)"},
    "respondents": {"en": "respondents", "nl": "respondenten"},
    "scored": {"en": "scored", "nl": "gescoord"},
    "instrument": {"en": "Instrument", "nl": "Vragenlijst"},
    "settings": {"en": "Settings", "nl": "Instellingen"},
    "reliability": {"en": "Reliability", "nl": "Betrouwbaarheid"},
    "favourable": {"en": "favourable", "nl": "positief"},
    # Words of the comparison tables (mes diff, mes trend).
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


def reason(suppression: Suppression, k: int, lang: Lang) -> str:
    return SUPPRESSION_REASON[suppression][lang].format(k=k)


#: Outcome questions (issue 16): column headers and the study's context figures.
OUTCOMES: dict[str, dict[Lang, str]] = {
    "title": {"en": "Outcomes beside the MES", "nl": "Uitkomsten naast de MES"},
    "sheet_title": {"en": "Outcomes beside the MES", "nl": "Uitkomsten naast de MES"},
    "sheet_subtitle": {
        "en": "Questions reported beside the MES, never part of it; each figure over the people "
        "who answered the question. Empty: not shown (fewer than {k} people, or it would give "
        "someone away).",
        "nl": "Vragen naast de MES, nooit een deel ervan; elk cijfer over de mensen die de vraag "
        "beantwoordden. Leeg: niet getoond (minder dan {k} mensen, of het zou iemand "
        "herkenbaar maken).",
    },
    "n_answered": {"en": "{name}: n", "nl": "{name}: n"},
    "mean_on": {"en": "{name}: mean {low}–{high}", "nl": "{name}: gemiddeld {low}–{high}"},
    "mean_100": {"en": "{name}: 0–100", "nl": "{name}: 0–100"},
    "share_high": {"en": "{name}: {word} ≥{at}", "nl": "{name}: {word} ≥{at}"},
    "share_low": {"en": "{name}: {word} ≤{at}", "nl": "{name}: {word} ≤{at}"},
    "enps_value": {"en": "eNPS", "nl": "eNPS"},
    "enps_low": {"en": "eNPS {conf} CI low", "nl": "eNPS {conf} BI laag"},
    "enps_high": {"en": "eNPS {conf} CI high", "nl": "eNPS {conf} BI hoog"},
    "word_lot": {"en": "a lot of energy", "nl": "veel energie"},
    "word_little": {"en": "little energy", "nl": "weinig energie"},
    "word_promoters": {"en": "promoters", "nl": "promotors"},
    "word_detractors": {"en": "detractors", "nl": "criticasters"},
    "word_favourable": {"en": "favourable", "nl": "gunstig"},
    "word_unfavourable": {"en": "unfavourable", "nl": "ongunstig"},
    "change_title": {"en": "Change in the outcomes", "nl": "Verandering in de uitkomsten"},
    "change_note": {
        "en": "↑ ↓: significant at the confidence level and at least the minimum change (on "
        "0-100; eNPS in its own points); energy: Welch's test; eNPS: the difference of two "
        "independent eNPS values (z-test).",
        "nl": "↑ ↓: significant bij het betrouwbaarheidsniveau en minstens de minimale "
        "verandering (op 0-100; eNPS in eigen punten); energie: Welch-toets; eNPS: het verschil "
        "van twee onafhankelijke eNPS-waarden (z-toets).",
    },
    "energy": {"en": "Energy", "nl": "Energie"},
    "mean_grade": {"en": "{low}–{high}", "nl": "{low}–{high}"},
    "lot": {"en": "a lot\n≥{at}", "nl": "veel\n≥{at}"},
    "little": {"en": "little\n≤{at}", "nl": "weinig\n≤{at}"},
    "enps": {"en": "eNPS", "nl": "eNPS"},
    "ci": {"en": "95% CI", "nl": "95% BI"},
    "promoters": {"en": "prom.\n≥{at}", "nl": "prom.\n≥{at}"},
    "detractors": {"en": "detr.\n≤{at}", "nl": "crit.\n≤{at}"},
    "on_100": {"en": "0–100", "nl": "0–100"},
    "favourable": {"en": "fav.\n≥{at}", "nl": "gunstig\n≥{at}"},
    "context": {
        "en": "Context (MSI 2020, 1,012 Dutch employees): 19% go home with a lot of energy, "
        "33% with (almost) none. Not targets.",
        "nl": "Ter vergelijking (MSI 2020, 1.012 Nederlandse medewerkers): 19% gaat met veel "
        "energie naar huis, 33% met (bijna) geen. Geen streefcijfers.",
    },
    "enps_note": {
        "en": "eNPS = % promoters (≥{high}) − % detractors (≤{low}), −100..100; interval: Wald, "
        "from one multinomial sample.",
        "nl": "eNPS = % promotors (≥{high}) − % criticasters (≤{low}), −100..100; interval: "
        "Wald, uit één multinomiale steekproef.",
    },
}


def outcome_names(instrument: InstrumentInfo, lang: Lang) -> dict[str, str]:
    """Display name of every outcome of a result's instrument, in the chosen language."""
    return {o.key: display_name(o.name, o.name_nl, lang) for o in instrument.outcomes}


def trait_names(instrument: InstrumentInfo, lang: Lang) -> dict[str, str]:
    """Display name of every trait of a result's instrument, in the chosen language."""
    return {t.key: display_name(t.name, t.name_nl, lang) for t in instrument.traits}


# --- The Excel reports of mes score and mes diff -------------------------------------------------


SHEETS: dict[str, dict[Lang, str]] = {
    "summary": {"en": "Summary", "nl": "Samenvatting"},
    "groups": {"en": "Groups", "nl": "Groepen"},
    "traits": {"en": "Traits", "nl": "Kenmerken"},
    "method": {"en": "Method", "nl": "Methode"},
    "issues": {"en": "Issues", "nl": "Meldingen"},
    "individuals": {"en": "Individuals", "nl": "Personen"},
    "outcomes": {"en": "Outcomes", "nl": "Uitkomsten"},
    "changes": {"en": "Changes", "nl": "Veranderingen"},
    "change_traits": {"en": "Traits", "nl": "Kenmerken"},
    "paired": {"en": "Paired", "nl": "Gekoppeld"},
    "before_after": {"en": "Before and after", "nl": "Voor en na"},
    "about_diff": {"en": "About", "nl": "Toelichting"},
}


WORKBOOK: dict[str, dict[Lang, str]] = {
    # Summary
    "title": {"en": "Employee Energy Score (MES)", "nl": "Medewerkers Energie Score (MES)"},
    "subtitle": {"en": "Report on {file}", "nl": "Rapport over {file}"},
    "sheet_of": {"en": "{file}, sheet {sheet}", "nl": "{file}, tabblad {sheet}"},
    "result": {
        "en": "Result for the whole organisation",
        "nl": "Uitkomst voor de hele organisatie",
    },
    "mes_label": {"en": "MES (0–100)", "nl": "MES (0–100)"},
    "mes_note": {
        "en": "The average customer energy of everyone scored, from 0 to 100.",
        "nl": "De gemiddelde klantenergie van iedereen die een score heeft, van 0 tot 100.",
    },
    "ci_label": {"en": "{conf} confidence interval", "nl": "{conf}-betrouwbaarheidsinterval"},
    "ci_note": {
        "en": "With {conf} confidence the true MES lies between these two values.",
        "nl": "Met {conf} zekerheid ligt de werkelijke MES tussen deze twee waarden.",
    },
    "respondents_label": {"en": "Respondents scored", "nl": "Respondenten met een score"},
    "respondents_note": {
        "en": "{respondents} people answered; {not_scored} answered too few statements for a "
        "score.",
        "nl": "{respondents} mensen vulden in; {not_scored} beantwoordden te weinig stellingen "
        "voor een score.",
    },
    "respondents_note_all": {
        "en": "Everyone who answered has a score.",
        "nl": "Iedereen die invulde heeft een score.",
    },
    "skipped_note": {
        "en": " Rows left out because of errors (--skip-invalid): {skipped}.",
        "nl": " Rijen overgeslagen wegens fouten (--skip-invalid): {skipped}.",
    },
    "energetic_label": {"en": "Customer-energetic", "nl": "Klantenergiek"},
    "energetic_note": {
        "en": "Share of people who score {at} or more on every trait.",
        "nl": "Aandeel mensen met een score van {at} of meer op elk kenmerk.",
    },
    "focus_label": {"en": "Focus trait", "nl": "Focuskenmerk"},
    "focus_note": {
        "en": "The weakest trait: the first place to act.",
        "nl": "Het zwakste kenmerk: daar valt het meest te winnen.",
    },
    "org_hidden": {
        "en": "Fewer than {k} people could be scored, so no figures are shown: with so few, "
        "people could be recognised.",
        "nl": "Minder dan {k} mensen hebben een score, dus er worden geen cijfers getoond: bij zo "
        "weinig mensen zijn personen te herkennen.",
    },
    "five_traits": {"en": "The traits", "nl": "De kenmerken"},
    "trait": {"en": "Trait", "nl": "Kenmerk"},
    "score": {"en": "Score", "nl": "Score"},
    "favourable": {"en": "Favourable", "nl": "Positief"},
    "neutral": {"en": "Neutral", "nl": "Neutraal"},
    "unfavourable": {"en": "Unfavourable", "nl": "Negatief"},
    "statement": {"en": "Statement", "nl": "Stelling"},
    "focus_mark": {"en": "{name} (focus)", "nl": "{name} (focus)"},
    "reading": {"en": "What it means", "nl": "Wat zegt dit?"},
    "context": {"en": "For context, not targets", "nl": "Ter vergelijking, geen doelen"},
    "profile_title": {"en": "Trait profile", "nl": "Profiel van de kenmerken"},
    "profile_chart": {
        "en": "Score per trait, whole organisation (0–100)",
        "nl": "Score per kenmerk, hele organisatie (0–100)",
    },
    "score_axis": {"en": "Score (0–100)", "nl": "Score (0–100)"},
    "mes_axis": {"en": "MES (0–100)", "nl": "MES (0–100)"},
    "departments_title": {"en": "MES per department", "nl": "MES per afdeling"},
    "departments_chart": {
        "en": "MES per department, with its {conf} confidence interval",
        "nl": "MES per afdeling, met het {conf}-betrouwbaarheidsinterval",
    },
    "margin_label": {"en": "± margin", "nl": "± marge"},
    "interval_label": {"en": "{conf} confidence interval", "nl": "{conf}-betrouwbaarheidsinterval"},
    "interval_words": {
        "en": "{n} respondents; from {low} to {high}",
        "nl": "{n} respondenten; van {low} tot {high}",
    },
    "interval_none": {
        "en": "{n} respondents; no interval",
        "nl": "{n} respondenten; geen interval",
    },
    "departments_hidden": {
        "en": "Not shown, to protect anonymity: {names}.",
        "nl": "Niet getoond, om de anonimiteit te beschermen: {names}.",
    },
    "context_note": {
        "en": "Figures about Dutch employees in general, to put your own results in perspective. "
        "They measure related but not identical things, so compare with care.",
        "nl": "Cijfers over Nederlandse werknemers in het algemeen, om de eigen uitkomst in "
        "perspectief te zien. Ze meten verwante maar niet dezelfde dingen: vergelijk met zorg.",
    },
    "ref_energy": {
        "en": "Go home with a lot of energy",
        "nl": "Gaat met veel energie naar huis",
    },
    "ref_room": {
        "en": "Lack room to solve a customer's problem themselves",
        "nl": "Mist ruimte om een klantprobleem zelf op te lossen",
    },
    "ref_drained": {
        "en": "End the workday with (almost) no energy",
        "nl": "Eindigt de werkdag met (bijna) geen energie",
    },
    "ref_engaged": {
        "en": "Customer orientation of engaged employees (grade 1–10)",
        "nl": "Klantgerichtheid van betrokken medewerkers (cijfer 1–10)",
    },
    "ref_rest": {
        "en": "Customer orientation of the other employees (grade 1–10)",
        "nl": "Klantgerichtheid van de overige medewerkers (cijfer 1–10)",
    },
    "source_msi": {
        "en": "MSI (2020), 1,012 Dutch employees",
        "nl": "MSI (2020), 1.012 Nederlandse werknemers",
    },
    "source_other": {"en": "Another Dutch study", "nl": "Ander Nederlands onderzoek"},
    "about": {"en": "About this report", "nl": "Over dit rapport"},
    "source_file": {"en": "Source file", "nl": "Bronbestand"},
    "date": {"en": "Date", "nl": "Datum"},
    "instrument": {"en": "Questionnaire", "nl": "Vragenlijst"},
    "instrument_value": {
        "en": "{name}, version {version} ({fingerprint})",
        "nl": "{name}, versie {version} ({fingerprint})",
    },
    "scale": {"en": "Answer scale", "nl": "Antwoordschaal"},
    "settings": {"en": "Settings", "nl": "Instellingen"},
    "settings_value": {
        "en": "minimum group size {k}; {conf} confidence; customer-energetic at {e} or more on "
        "every trait; favourable at {f} or more, unfavourable at {u} or less",
        "nl": "minimale groepsgrootte {k}; {conf} betrouwbaarheid; klantenergiek bij {e} of meer "
        "op elk kenmerk; positief bij {f} of meer, negatief bij {u} of minder",
    },
    "breakdowns": {"en": "Breakdowns (--by)", "nl": "Uitsplitsingen (--by)"},
    "groups_count": {"en": "Groups", "nl": "Groepen"},
    "groups_value": {
        "en": "{shown} shown, {hidden} suppressed to protect anonymity",
        "nl": "{shown} getoond, {hidden} afgeschermd om anonimiteit te beschermen",
    },
    "made_with": {"en": "Made with", "nl": "Gemaakt met"},
    # Reading (plain words)
    "read_mes": {
        "en": "The organisation's MES is {mes} on a scale from 0 to 100 ({conf} confidence "
        "interval {low} to {high}), over {n} respondents.",
        "nl": "De MES van de organisatie is {mes} op een schaal van 0 tot 100 "
        "({conf}-betrouwbaarheidsinterval {low} tot {high}), over {n} respondenten.",
    },
    "read_mes_no_ci": {
        "en": "The organisation's MES is {mes} on a scale from 0 to 100, over {n} respondents.",
        "nl": "De MES van de organisatie is {mes} op een schaal van 0 tot 100, over {n} "
        "respondenten.",
    },
    "read_on_scale": {
        "en": "That is an average answer of {value} on the {low}–{high} scale the questionnaire "
        "used.",
        "nl": "Dat is een gemiddeld antwoord van {value} op de schaal {low}–{high} van de "
        "vragenlijst.",
    },
    "read_high_scale": {
        "en": "That is high: in the top quarter of the scale.",
        "nl": "Dat is hoog: in het bovenste kwart van de schaal.",
    },
    "read_middle_scale": {
        "en": "Answers lie between the middle of the scale and its top quarter: there is "
        "customer energy, with clear room to grow.",
        "nl": "De antwoorden liggen tussen het midden van de schaal en het bovenste kwart: er is "
        "klantenergie, met duidelijk ruimte om te groeien.",
    },
    "read_low_scale": {
        "en": "Answers lie below the middle of the scale: customer energy is low.",
        "nl": "De antwoorden liggen onder het midden van de schaal: de klantenergie is laag.",
    },
    "read_high": {
        "en": "That is high: on average people agree with the statements.",
        "nl": "Dat is hoog: gemiddeld zijn mensen het eens met de stellingen.",
    },
    "read_middle": {
        "en": "On average, answers lie between neutral (50) and agree ({f}): there is customer "
        "energy, with clear room to grow.",
        "nl": "Gemiddeld liggen de antwoorden tussen neutraal (50) en eens ({f}): er is "
        "klantenergie, met duidelijk ruimte om te groeien.",
    },
    "read_low": {
        "en": "On average, answers lie below neutral (50): customer energy is low.",
        "nl": "Gemiddeld liggen de antwoorden onder neutraal (50): de klantenergie is laag.",
    },
    "read_energetic": {
        "en": "{share} of respondents are customer-energetic: they score {at} or more on every "
        "one of the five traits.",
        "nl": "{share} van de respondenten is klantenergiek: zij scoren {at} of meer op elk van "
        "de vijf kenmerken.",
    },
    "read_energetic_apart": {
        "en": " That is a different measure from going home with a lot of energy (19% of Dutch "
        "employees, MSI 2020), which this survey does not ask: the two figures do not compare.",
        "nl": " Dat is een andere maat dan met veel energie naar huis gaan (19% van de "
        "Nederlandse werknemers, MSI 2020), wat deze vragenlijst niet vraagt: de twee cijfers "
        "zijn niet te vergelijken.",
    },
    "read_energy_compare": {
        "en": " Asked about their energy at the end of the workday, {share} of respondents go home "
        "with a lot of energy ({at} or more): the Dutch study (MSI 2020) found 19%.",
        "nl": " Gevraagd naar hun energie aan het eind van de werkdag gaat {share} van de "
        "respondenten met veel energie naar huis ({at} of meer): het Nederlandse onderzoek (MSI "
        "2020) vond 19%.",
    },
    "read_focus": {
        "en": "The weakest trait is {trait} ({score}; {fav} answer favourably): this is the "
        "first place to act.",
        "nl": "Het zwakste kenmerk is {trait} ({score}; {fav} antwoordt positief): daar valt "
        "het meest te winnen.",
    },
    "read_focus_room": {
        "en": " The same study found that 51% of employees lack the room to solve a customer's "
        "problem themselves.",
        "nl": " Uit hetzelfde onderzoek bleek dat 51% van de werknemers de ruimte mist om een "
        "probleem van een klant zelf op te lossen.",
    },
    "read_range": {
        "en": "Among the {count} teams shown, MES runs from {low} ({low_name}) to {high} "
        "({high_name}); the Groups sheet has every team.",
        "nl": "Bij de {count} getoonde teams loopt de MES van {low} ({low_name}) tot {high} "
        "({high_name}); het tabblad Groepen toont elk team.",
    },
    "read_hidden": {
        "en": "{hidden} groups are not shown because they are smaller than {k} or would let a "
        "smaller group be worked out.",
        "nl": "{hidden} groepen worden niet getoond, omdat ze kleiner zijn dan {k} of een "
        "kleinere groep zouden verraden.",
    },
    "read_hidden_one": {
        "en": "One group is not shown because it is smaller than {k} or would let a smaller "
        "group be worked out.",
        "nl": "Eén groep wordt niet getoond, omdat die kleiner is dan {k} of een kleinere groep "
        "zou verraden.",
    },
    "read_wide": {
        "en": "The interval is wide ({width} points): with this many respondents, treat small "
        "differences with caution.",
        "nl": "Het interval is breed ({width} punten): wees bij dit aantal respondenten "
        "voorzichtig met kleine verschillen.",
    },
    # Groups
    "groups_title": {"en": "Groups", "nl": "Groepen"},
    "groups_subtitle": {
        "en": "Scores from 0 to 100, coloured red ({u} or less), yellow (50) and green ({f} or "
        "more). A group with fewer than {k} respondents, or from which such a group could be "
        "worked out, is suppressed: its name and the reason only.",
        "nl": "Scores van 0 tot 100, gekleurd rood ({u} of minder), geel (50) en groen ({f} of "
        "meer). Een groep met minder dan {k} respondenten, of waaruit zo'n groep te herleiden "
        "is, is afgeschermd: alleen de naam en de reden.",
    },
    "group": {"en": "Group", "nl": "Groep"},
    "level": {"en": "Level", "nl": "Niveau"},
    "part_of": {"en": "Part of", "nl": "Valt onder"},
    "respondents": {"en": "Respondents", "nl": "Respondenten"},
    "mes": {"en": "MES", "nl": "MES"},
    "ci_low": {"en": "{conf} CI from", "nl": "{conf}-BI van"},
    "ci_high": {"en": "{conf} CI to", "nl": "{conf}-BI tot"},
    "note": {"en": "Note", "nl": "Toelichting"},
    "not_shown": {"en": "not shown: {figures}", "nl": "niet getoond: {figures}"},
    "suppressed": {"en": "Suppressed: {reason}", "nl": "Afgeschermd: {reason}"},
    "groups_scores": {"en": "Score per trait (0–100)", "nl": "Score per kenmerk (0–100)"},
    "groups_favourable": {
        "en": "Share favourable per trait ({f} or more)",
        "nl": "Aandeel positief per kenmerk ({f} of meer)",
    },
    "by_heading": {"en": "By {column}", "nl": "Naar {column}"},
    # Traits
    "traits_title": {"en": "Traits", "nl": "Kenmerken"},
    "traits_subtitle": {
        "en": "Whole organisation, {n} respondents: the share of people with an unfavourable "
        "({u} or less), neutral or favourable ({f} or more) score on each trait.",
        "nl": "Hele organisatie, {n} respondenten: het aandeel mensen met een negatieve ({u} of "
        "minder), neutrale of positieve ({f} of meer) score per kenmerk.",
    },
    "traits_hidden": {
        "en": "No trait figures: fewer than {k} people could be scored.",
        "nl": "Geen cijfers per kenmerk: minder dan {k} mensen hebben een score.",
    },
    "items": {"en": "Statements", "nl": "Stellingen"},
    "alpha": {"en": "Cronbach's alpha", "nl": "Cronbachs alfa"},
    "reliability": {"en": "Reliability", "nl": "Betrouwbaarheid"},
    "alpha_all_one_item": {
        "en": "Each trait has one statement, so Cronbach's alpha (reliability) does not apply.",
        "nl": "Elk kenmerk heeft één stelling, dus Cronbachs alfa (betrouwbaarheid) is niet van "
        "toepassing.",
    },
    "alpha_one_item": {
        "en": "One statement: alpha does not apply",
        "nl": "Eén stelling: alfa is niet van toepassing",
    },
    "alpha_low": {
        "en": "Below {r}: the statements may not measure one thing ({n} complete answers)",
        "nl": "Onder {r}: de stellingen meten mogelijk niet één ding ({n} volledige antwoorden)",
    },
    "alpha_ok": {
        "en": "Good: {r} or more ({n} complete answers)",
        "nl": "Goed: {r} of hoger ({n} volledige antwoorden)",
    },
    "alpha_none": {"en": "Cannot be computed: {note}", "nl": "Niet te berekenen: {note}"},
    "chart_title": {
        "en": "Unfavourable, neutral and favourable per trait",
        "nl": "Negatief, neutraal en positief per kenmerk",
    },
    # Method
    "method_title": {"en": "Method", "nl": "Methode"},
    "method_subtitle": {
        "en": "How every figure in this workbook is computed, with the settings of this run.",
        "nl": "Hoe elk cijfer in deze werkmap berekend is, met de instellingen van deze run.",
    },
    "figure": {"en": "Figure", "nl": "Cijfer"},
    "how": {"en": "How it is computed", "nl": "Hoe het berekend wordt"},
    "setting": {"en": "Setting", "nl": "Instelling"},
    "value": {"en": "Value", "nl": "Waarde"},
    "run_settings": {"en": "Settings of this run", "nl": "Instellingen van deze run"},
    "questionnaire": {"en": "The questionnaire", "nl": "De vragenlijst"},
    "reverse": {"en": "Reverse-keyed", "nl": "Omgekeerd gescoord"},
    "yes": {"en": "yes", "nl": "ja"},
    "no": {"en": "no", "nl": "nee"},
    # Issues
    "issues_title": {"en": "Issues", "nl": "Meldingen"},
    "issues_subtitle": {
        "en": "Warnings from reading and checking the input, and where to find them "
        "(rows as numbered in Excel).",
        "nl": "Waarschuwingen bij het lezen en controleren van de invoer, en waar ze staan "
        "(rijen genummerd zoals in Excel).",
    },
    "no_issues": {
        "en": "No problems were found in the input.",
        "nl": "Er zijn geen problemen in de invoer gevonden.",
    },
    "severity": {"en": "Severity", "nl": "Ernst"},
    "code": {"en": "Code", "nl": "Code"},
    "message": {"en": "Message", "nl": "Melding"},
    "file": {"en": "File", "nl": "Bestand"},
    "sheet": {"en": "Sheet", "nl": "Tabblad"},
    "row": {"en": "Row", "nl": "Rij"},
    "column": {"en": "Column", "nl": "Kolom"},
    "cell": {"en": "Cell", "nl": "Cel"},
    "item": {"en": "Item", "nl": "Item"},
    "field": {"en": "Field", "nl": "Veld"},
    "warning": {"en": "warning", "nl": "waarschuwing"},
    "error": {"en": "error", "nl": "fout"},
    # Individuals
    "individuals_title": {"en": "Individuals", "nl": "Personen"},
    "individuals_subtitle": {
        "en": "Scores per person (--individuals); names of suppressed groups are masked. This "
        "sheet holds personal data: share it only with people allowed to see it.",
        "nl": "Scores per persoon (--individuals); namen van afgeschermde groepen zijn "
        "gemaskeerd. Dit tabblad bevat persoonsgegevens: deel het alleen met wie ze mag zien.",
    },
    "respondent": {"en": "Respondent", "nl": "Respondent"},
    "hidden_label": {"en": "(suppressed)", "nl": "(afgeschermd)"},
    "diff_doc_title": {
        "en": "Change in the Employee Energy Score (MES)",
        "nl": "Verandering in de Medewerkers Energie Score (MES)",
    },
    # Changes
    "diff_title": {
        "en": "MES change: {old} → {new}",
        "nl": "Verandering in MES: {old} → {new}",
    },
    "diff_subtitle": {
        "en": "Rising (green) or falling (red) only when Welch's test is significant at "
        "{conf} and the change is at least {min} points; otherwise stable. Small groups will "
        "mostly be stable: with few respondents only a large change is significant.",
        "nl": "Stijgend (groen) of dalend (rood) alleen als de toets van Welch significant is "
        "bij {conf} en de verandering minstens {min} punten is; anders stabiel. Kleine "
        "groepen blijven meestal stabiel: bij weinig respondenten is alleen een grote "
        "verandering significant.",
    },
    "n_of": {"en": "n {q}", "nl": "n {q}"},
    "mes_of": {"en": "MES {q}", "nl": "MES {q}"},
    "change": {"en": "Change", "nl": "Verandering"},
    "p": {"en": "p", "nl": "p"},
    "hedges_g": {"en": "Hedges' g", "nl": "Hedges' g"},
    "verdict": {"en": "Verdict", "nl": "Oordeel"},
    "verdict_rising": {"en": "↑ rising", "nl": "↑ stijgend"},
    "verdict_falling": {"en": "↓ falling", "nl": "↓ dalend"},
    "verdict_stable": {"en": "→ stable", "nl": "→ stabiel"},
    "verdict_new": {"en": "new", "nl": "nieuw"},
    "verdict_gone": {"en": "gone", "nl": "verdwenen"},
    "verdict_suppressed": {"en": "suppressed", "nl": "afgeschermd"},
    "verdict_not_compared": {"en": "not compared", "nl": "niet vergeleken"},
    "was": {"en": "was {name}", "nl": "was {name}"},
    "only_in": {"en": "only in {q}", "nl": "alleen in {q}"},
    "and": {"en": " and ", "nl": " en "},
    "suppressed_in": {
        "en": "suppressed in {quarters}: fewer than {k} respondents, or protects a smaller group",
        "nl": "afgeschermd in {quarters}: minder dan {k} respondenten, of beschermt een "
        "kleinere groep",
    },
    "why_not-significant": {
        "en": "not significant at {conf}",
        "nl": "niet significant bij {conf}",
    },
    "why_below-min-change": {
        "en": "significant, but less than {min} points",
        "nl": "significant, maar minder dan {min} punten",
    },
    "why_no-spread": {
        "en": "no test: everyone scored the same",
        "nl": "geen toets: iedereen scoorde gelijk",
    },
    "why_one-respondent": {
        "en": "no test: one respondent",
        "nl": "geen toets: één respondent",
    },
    "why_instrument-changed": {
        "en": "questionnaire changed: MES not compared",
        "nl": "vragenlijst veranderd: MES niet vergeleken",
    },
    # Traits
    "diff_traits_title": {
        "en": "Change per trait: {old} → {new}",
        "nl": "Verandering per kenmerk: {old} → {new}",
    },
    "diff_traits_subtitle": {
        "en": "Points on 0–100; customer-energetic in percentage points. Only the change in "
        "MES is tested: these show where it comes from.",
        "nl": "Punten op 0–100; klantenergiek in procentpunten. Alleen de verandering in MES "
        "is getoetst: deze cijfers tonen waar die vandaan komt.",
    },
    "energetic_change": {"en": "Customer-energetic (pp)", "nl": "Klantenergiek (%-punt)"},
    "nothing_compared": {
        "en": "No group is shown in both quarters, so there is no change to show.",
        "nl": "Geen groep wordt in beide kwartalen getoond, dus er is geen verandering te tonen.",
    },
    # Paired
    "before_after_title": {
        "en": "MES before and after: {old} → {new}",
        "nl": "MES voor en na: {old} → {new}",
    },
    "before_after_subtitle": {
        "en": "Every group shown in both quarters. The later bar is green when the change is "
        "rising, red when falling (significant and large enough), dark grey when stable.",
        "nl": "Elke groep die in beide kwartalen getoond wordt. De latere balk is groen bij een "
        "stijging, rood bij een daling (significant en groot genoeg), donkergrijs bij stabiel.",
    },
    "before_after_chart": {"en": "MES in {old} and {new}", "nl": "MES in {old} en {new}"},
    # mes trend --format xlsx
    "trend_sheet_charts": {"en": "Charts", "nl": "Grafieken"},
    "trend_sheet_table": {"en": "Trend", "nl": "Verloop"},
    "trend_sheet_about": {"en": "About", "nl": "Toelichting"},
    "trend_doc_title": {"en": "MES trend", "nl": "Verloop van de MES"},
    "trend_title": {"en": "MES per quarter: {quarters}", "nl": "MES per kwartaal: {quarters}"},
    "trend_subtitle": {
        "en": "An empty cell: the group was not in that quarter, or was suppressed. The last "
        "change is rising or falling only when significant at {conf} and at least {min} points.",
        "nl": "Een lege cel: de groep zat niet in dat kwartaal, of was afgeschermd. De laatste "
        "verandering is stijgend of dalend alleen als die significant is bij {conf} en minstens "
        "{min} punten.",
    },
    "last_change": {"en": "Last change", "nl": "Laatste verandering"},
    "trend_hidden_in": {"en": "suppressed in {quarters}", "nl": "afgeschermd in {quarters}"},
    "trend_charts_title": {
        "en": "MES over the quarters: {quarters}",
        "nl": "MES over de kwartalen: {quarters}",
    },
    "trend_charts_subtitle": {
        "en": "A line per group, drawn from the Trend sheet. A gap: the group was not in that "
        "quarter or was suppressed. Differences of a few points are mostly noise.",
        "nl": "Een lijn per groep, getekend uit het tabblad Verloop. Een onderbreking: de groep "
        "zat niet in dat kwartaal of was afgeschermd. Verschillen van een paar punten zijn "
        "meestal ruis.",
    },
    "trend_chart_top": {
        "en": "Organisation and departments",
        "nl": "Organisatie en afdelingen",
    },
    "trend_chart_department": {"en": "{name} and its teams", "nl": "{name} en de teams"},
    "trend_chart_loose": {"en": "Teams without a department", "nl": "Teams zonder afdeling"},
    "trend_chart_by": {"en": "By {column}", "nl": "Naar {column}"},
    "trend_no_charts": {
        "en": "No group has figures in any quarter: nothing to draw.",
        "nl": "Geen enkele groep heeft cijfers in enig kwartaal: niets te tekenen.",
    },
    "trend_about_title": {"en": "About this trend", "nl": "Over dit verloop"},
    "trend_how": {
        "en": "Each quarter is scored on its own, with minimum group size {k}: a group hidden in "
        "one quarter can be shown in another. The last change is tested with Welch's t-test; it "
        "is rising or falling only when significant at {conf} and at least {min} points, "
        "otherwise stable. Small groups will mostly be stable.",
        "nl": "Elk kwartaal wordt apart berekend, met minimale groepsgrootte {k}: een groep die "
        "in het ene kwartaal afgeschermd is, kan in een ander getoond worden. De laatste "
        "verandering wordt getoetst met Welch' t-toets; die is stijgend of dalend alleen als die "
        "significant is bij {conf} en minstens {min} punten, anders stabiel. Kleine groepen "
        "blijven meestal stabiel.",
    },
    "trend_warnings": {"en": "Warnings", "nl": "Waarschuwingen"},
    "trend_quarters": {"en": "The quarters", "nl": "De kwartalen"},
    "paired_none_shown": {
        "en": "No group can show who stayed, joined and left: in every group at least one of "
        "these counts is below {k} and could give someone away, so the paired view is withheld "
        "everywhere. The Changes sheet compares all respondents of both quarters.",
        "nl": "Geen enkele groep kan tonen wie bleef, erbij kwam en vertrok: in elke groep is "
        "minstens één van die aantallen kleiner dan {k} en zou iemand kunnen verraden, dus de "
        "gekoppelde vergelijking blijft overal achterwege. Het tabblad Veranderingen vergelijkt "
        "alle respondenten van beide kwartalen.",
    },
    "paired_title": {
        "en": "Same people: {old} → {new}",
        "nl": "Dezelfde mensen: {old} → {new}",
    },
    "paired_subtitle": {
        "en": "People followed by their respondent id. A count that could give someone away "
        "shows only as below or at least {k}, and the change is then withheld.",
        "nl": "Mensen gevolgd via hun respondentnummer. Een aantal dat iemand kan verraden "
        "staat er alleen als minder dan of minstens {k}; de verandering ontbreekt dan.",
    },
    "stayed": {"en": "Stayed", "nl": "Gebleven"},
    "joined": {"en": "Joined", "nl": "Erbij"},
    "left": {"en": "Left", "nl": "Vertrokken"},
    "stayers_change": {"en": "Change of stayers", "nl": "Verandering gebleven"},
    "withheld_too-few-stayers": {
        "en": "withheld: fewer than {k} stayed",
        "nl": "niet getoond: minder dan {k} gebleven",
    },
    "withheld_few-joined-or-left": {
        "en": "withheld: fewer than {k} joined or left",
        "nl": "niet getoond: minder dan {k} erbij of vertrokken",
    },
    "withheld_protects-another-group": {
        "en": "withheld: protects another group",
        "nl": "niet getoond: beschermt een andere groep",
    },
    "withheld_parent-suppressed": {
        "en": "withheld: hidden with its parent group",
        "nl": "niet getoond: afgeschermd met de bovenliggende groep",
    },
    "withheld": {"en": "withheld", "nl": "niet getoond"},
    "paired_no_test": {
        "en": "no test: everyone changed by the same amount",
        "nl": "geen toets: iedereen veranderde evenveel",
    },
    # About
    "about_diff_title": {
        "en": "About this comparison",
        "nl": "Toelichting bij deze vergelijking",
    },
    "about_diff_subtitle": {
        "en": "Where the figures come from, how the verdict is reached, and what to keep in "
        "mind when reading it.",
        "nl": "Waar de cijfers vandaan komen, hoe het oordeel tot stand komt en waar u bij "
        "het lezen op moet letten.",
    },
    "quarters": {"en": "The two quarters", "nl": "De twee kwartalen"},
    "earlier": {"en": "Earlier quarter", "nl": "Eerder kwartaal"},
    "later": {"en": "Later quarter", "nl": "Later kwartaal"},
    "quarter": {"en": "Quarter", "nl": "Kwartaal"},
    "answered": {"en": "Respondents", "nl": "Respondenten"},
    "fingerprint": {"en": "Questionnaire fingerprint", "nl": "Vingerafdruk vragenlijst"},
    "confidence_setting": {
        "en": "Confidence level (--confidence)",
        "nl": "Betrouwbaarheid (--confidence)",
    },
    "min_change_setting": {
        "en": "Minimum change in points (--min-change)",
        "nl": "Minimale verandering in punten (--min-change)",
    },
    "k_setting": {"en": "Minimum group size (-k)", "nl": "Minimale groepsgrootte (-k)"},
    "paired_setting": {"en": "Same people (paired view)", "nl": "Dezelfde mensen (gekoppeld)"},
    "asked": {"en": "asked for", "nl": "gevraagd"},
    "switched_off": {"en": "switched off (--no-paired)", "nl": "uitgezet (--no-paired)"},
    "instrument_setting": {
        "en": "Different questionnaires",
        "nl": "Verschillende vragenlijsten",
    },
    "allowed": {
        "en": "allowed (--allow-instrument-change)",
        "nl": "toegestaan (--allow-instrument-change)",
    },
    "not_allowed": {"en": "not allowed", "nl": "niet toegestaan"},
    "how_verdict": {"en": "How the verdict is reached", "nl": "Hoe het oordeel tot stand komt"},
    "how_match": {
        "en": "Groups are matched by their department and team names, ignoring case, spacing "
        "and accents' forms, and by the renames given (--rename). A group only in the later "
        "quarter is new, one only in the earlier quarter is gone.",
        "nl": "Groepen worden gekoppeld op hun afdelings- en teamnaam, ongeacht hoofdletters, "
        "spaties en schrijfwijze van accenten, en via de opgegeven hernoemingen (--rename). "
        "Een groep die alleen in het latere kwartaal voorkomt is nieuw, een groep die alleen "
        "in het eerdere voorkomt is verdwenen.",
    },
    "how_test": {
        "en": "For every group shown in both quarters, Welch's t-test compares the MES of the "
        "people in the two quarters, from each quarter's number of respondents, mean and "
        "standard deviation. The {conf} confidence interval of the change and Hedges' g (the "
        "change in standard deviations: about 0.2 is small, 0.5 medium, 0.8 large) say how "
        "large the change is.",
        "nl": "Voor elke groep die in beide kwartalen getoond wordt, vergelijkt de t-toets "
        "van Welch de MES van de mensen in de twee kwartalen, uit het aantal respondenten, "
        "het gemiddelde en de standaardafwijking per kwartaal. Het "
        "{conf}-betrouwbaarheidsinterval van de verandering en Hedges' g (de verandering in "
        "standaardafwijkingen: ongeveer 0,2 is klein, 0,5 middelmatig, 0,8 groot) zeggen "
        "hoe groot de verandering is.",
    },
    "how_label": {
        "en": "A change is rising or falling only when it is both significant at {conf} (p "
        "below {alpha}) and at least {min} points. Otherwise it is stable.",
        "nl": "Een verandering is stijgend of dalend alleen als ze significant is bij {conf} "
        "(p onder {alpha}) én minstens {min} punten bedraagt. Anders is ze stabiel.",
    },
    "how_small": {
        "en": "Small groups will mostly be stable: with few respondents only a large change "
        "is significant, and mes will not call noise a trend. For a small team, stable means "
        "that the data cannot tell, not that nothing changed.",
        "nl": "Kleine groepen blijven meestal stabiel: bij weinig respondenten is alleen een "
        "grote verandering significant, en mes noemt ruis geen trend. Bij een klein team "
        "betekent stabiel dat de gegevens het niet kunnen zeggen, niet dat er niets "
        "veranderde.",
    },
    "how_hidden": {
        "en": "A group suppressed in either quarter (fewer than {k} respondents, or hidden to "
        "protect a smaller group) gets no change and no figures at all, not even its number "
        "of respondents: a change beside a hidden figure would let that figure be worked out.",
        "nl": "Een groep die in een van beide kwartalen is afgeschermd (minder dan {k} "
        "respondenten, of afgeschermd om een kleinere groep te beschermen) krijgt geen "
        "verandering en geen enkel cijfer, ook niet het aantal respondenten: een "
        "verandering naast een verborgen cijfer zou dat cijfer verraden.",
    },
    "how_instrument": {
        "en": "The questionnaire changed between the quarters. Compared are only the traits "
        "whose statements and scale are identical: {traits}.",
        "nl": "De vragenlijst veranderde tussen de kwartalen. Alleen de kenmerken met "
        "dezelfde stellingen en schaal zijn vergeleken: {traits}.",
    },
    "how_instrument_mes": {
        "en": " MES and the share customer-energetic need every trait and are not compared.",
        "nl": " De MES en het aandeel klantenergiek hebben alle kenmerken nodig en zijn niet "
        "vergeleken.",
    },
    "renames": {"en": "Renames", "nl": "Hernoemingen"},
    "old_name": {"en": "Earlier name", "nl": "Eerdere naam"},
    "new_name": {"en": "Later name", "nl": "Latere naam"},
    "renamed_groups": {"en": "Groups renamed", "nl": "Hernoemde groepen"},
    "matched_nothing": {
        "en": "matched nothing: check the spelling",
        "nl": "kwam met niets overeen: controleer de spelling",
    },
    "no_renames": {
        "en": "No renames were given (--rename).",
        "nl": "Er zijn geen hernoemingen opgegeven (--rename).",
    },
    "paired_section": {"en": "Same people (paired view)", "nl": "Dezelfde mensen (gekoppeld)"},
    "paired_available": {
        "en": "On the sheet {sheet}: people are followed from one quarter to the next by their "
        "respondent id. Microsoft Forms' ID column (1, 2, 3, …) numbers responses, not "
        "people, and is never used for this.",
        "nl": "Op het tabblad {sheet}: mensen worden van het ene naar het volgende kwartaal "
        "gevolgd via hun respondentnummer. De kolom ID van Microsoft Forms (1, 2, 3, …) "
        "nummert antwoorden, geen mensen, en wordt hiervoor nooit gebruikt.",
    },
    "paired_not-requested": {
        "en": "Switched off with --no-paired.",
        "nl": "Uitgezet met --no-paired.",
    },
    "paired_saved-result": {
        "en": "Not available: it needs the survey files of both quarters, and a saved result "
        "has no person ids.",
        "nl": "Niet beschikbaar: hiervoor zijn de enquêtebestanden van beide kwartalen nodig, "
        "en een bewaard resultaat bevat geen persoonsnummers.",
    },
    "paired_no-ids": {
        "en": "Not available: a quarter has no respondent id column to follow people by.",
        "nl": "Niet beschikbaar: een kwartaal heeft geen kolom met respondentnummers om "
        "mensen mee te volgen.",
    },
    "paired_sequence-ids": {
        "en": "Not available: the respondent ids are numbered 1, 2, 3, … (as Microsoft Forms "
        "numbers responses). They do not identify people, so nobody can be followed from "
        "one quarter to the next.",
        "nl": "Niet beschikbaar: de respondentnummers lopen 1, 2, 3, … (zoals Microsoft Forms "
        "antwoorden nummert). Ze wijzen geen mensen aan, dus niemand kan van het ene naar "
        "het volgende kwartaal gevolgd worden.",
    },
    "paired_no-overlap": {
        "en": "Not available: no respondent id occurs in both quarters.",
        "nl": "Niet beschikbaar: geen respondentnummer komt in beide kwartalen voor.",
    },
    "paired_unavailable": {
        "en": "Not available: {message}",
        "nl": "Niet beschikbaar: {message}",
    },
    "diff_issues": {"en": "Warnings", "nl": "Waarschuwingen"},
    "diff_no_issues": {
        "en": "The comparison raised no warnings.",
        "nl": "De vergelijking gaf geen waarschuwingen.",
    },
    "diff_issues_note": {
        "en": "Warnings about a survey file itself (such as respondents who answered too few "
        "statements) are in that quarter's own report: mes score FILE --format xlsx.",
        "nl": "Waarschuwingen over een enquêtebestand zelf (zoals respondenten die te weinig "
        "stellingen beantwoordden) staan in het eigen rapport van dat kwartaal: mes score "
        "BESTAND --format xlsx.",
    },
    "where": {"en": "Where", "nl": "Waar"},
    "where_sheet": {"en": "sheet {v}", "nl": "tabblad {v}"},
    "where_row": {"en": "row {v}", "nl": "rij {v}"},
    "where_cell": {"en": "cell {v}", "nl": "cel {v}"},
    "where_column": {"en": "column {v}", "nl": "kolom {v}"},
    "where_item": {"en": "item {v}", "nl": "item {v}"},
    "where_field": {"en": "field {v}", "nl": "veld {v}"},
}


SETTING_NAMES: dict[str, dict[Lang, str]] = {
    "k": {"en": "Minimum group size (-k)", "nl": "Minimale groepsgrootte (-k)"},
    "confidence": {"en": "Confidence level (--confidence)", "nl": "Betrouwbaarheid (--confidence)"},
    "energetic": {"en": "Customer-energetic at", "nl": "Klantenergiek vanaf"},
    "favourable": {"en": "Favourable at", "nl": "Positief vanaf"},
    "unfavourable": {"en": "Unfavourable at", "nl": "Negatief tot en met"},
    "reliability": {"en": "Reliability warning below", "nl": "Waarschuwing betrouwbaarheid onder"},
    "by": {"en": "Breakdowns (--by)", "nl": "Uitsplitsingen (--by)"},
    "instrument": {"en": "Questionnaire", "nl": "Vragenlijst"},
    "fingerprint": {"en": "Questionnaire fingerprint", "nl": "Vingerafdruk vragenlijst"},
    "scale": {"en": "Answer scale", "nl": "Antwoordschaal"},
    "file": {"en": "Source file", "nl": "Bronbestand"},
    "rows": {"en": "Data rows read", "nl": "Gelezen gegevensrijen"},
    "respondents": {"en": "Respondents (rows with answers)", "nl": "Respondenten (met antwoorden)"},
    "scored": {"en": "Respondents with a MES", "nl": "Respondenten met een MES"},
    "not_scored": {"en": "Too few answers for a MES", "nl": "Te weinig antwoorden voor een MES"},
    "skipped": {"en": "Rows skipped (--skip-invalid)", "nl": "Overgeslagen rijen (--skip-invalid)"},
    "version": {"en": "mes version", "nl": "Versie van mes"},
}  # fmt: skip


#: (figure, explanation) per language; placeholders are filled from the report's settings.
EXPLANATIONS: dict[Lang, tuple[tuple[str, str], ...]] = {
    "en": (
        (
            "Trait score",
            "Per person: the mean of their answers to the trait's statements (a reverse-keyed "
            "statement is turned around first: {min} + {max} − answer), rescaled to 0–100 as "
            "100 × (answer − {min}) / ({max} − {min}). So {min} is 0, the middle of the scale "
            "is 50 and {max} is 100. A trait counts when enough of its statements are answered "
            "(at least half, rounded up, unless the questionnaire says otherwise).",
        ),
        (
            "MES",
            "Per person: the mean of their {t} trait scores; only people with a score on every "
            "trait get a MES. A group's MES is the mean over its people: the organisation's MES "
            "is the mean over everyone, not the mean of the team means.",
        ),
        (
            "Respondents",
            "The people in the group with a MES. People who answered too few statements are "
            "left out of every group, and are counted on the Summary sheet.",
        ),
        (
            "Confidence interval",
            "The {conf} t-interval of the group's mean MES: with {conf} confidence the true "
            "mean lies in it. The fewer the respondents, the wider the interval.",
        ),
        (
            "Customer-energetic",
            "The share of people whose every trait score is {e} or more (on a 1–5 scale: "
            '"agree" or better on every statement).',
        ),
        (
            "Unfavourable, neutral, favourable",
            "Per trait, the share of people with a score of {u} or less (unfavourable), {f} or "
            "more (favourable), or in between (neutral).",
        ),
        (
            "Focus trait",
            "The trait with the lowest mean in the group: where to act first. On a tie, the "
            "first in questionnaire order.",
        ),
        (
            "Colours",
            "Scores are coloured red at {u} or less, yellow at 50 and green at {f} or more. The "
            "anchors are fixed, so a colour means the same in every report.",
        ),
        (
            "Anonymity",
            "A group with fewer than {k} respondents is suppressed: its name and the reason are "
            "shown, never its figures or its size. When the people hidden in a group's subgroups "
            "could be worked out by subtraction (more than 0 but fewer than {k}), the next-"
            "smallest subgroup is hidden too; the subgroups of a hidden group are hidden as "
            "well. The same groups are hidden in every output of mes.",
        ),
        (
            "Reliability",
            "For a trait with two or more statements: Cronbach's alpha over the people who "
            "answered all of them. Below {r} the statements may not measure one thing.",
        ),
        (
            "Reference figures",
            "MSI (2020), a survey of 1,012 Dutch employees, and another Dutch study on customer "
            "orientation of engaged employees. They are context for your results, not targets.",
        ),
    ),
    "nl": (
        (
            "Kenmerkscore",
            "Per persoon: het gemiddelde van de antwoorden op de stellingen van het kenmerk (een "
            "omgekeerd gescoorde stelling wordt eerst omgedraaid: {min} + {max} − antwoord), "
            "omgerekend naar 0–100 als 100 × (antwoord − {min}) / ({max} − {min}). Dus {min} is "
            "0, het midden van de schaal 50 en {max} is 100. Een kenmerk telt mee als genoeg "
            "stellingen beantwoord zijn (minstens de helft, naar boven afgerond, tenzij de "
            "vragenlijst iets anders zegt).",
        ),
        (
            "MES",
            "Per persoon: het gemiddelde van de {t} kenmerkscores; alleen wie op elk kenmerk een "
            "score heeft, krijgt een MES. De MES van een groep is het gemiddelde over de mensen "
            "in die groep: de MES van de organisatie is het gemiddelde over iedereen, niet het "
            "gemiddelde van de teamgemiddelden.",
        ),
        (
            "Respondenten",
            "De mensen in de groep met een MES. Wie te weinig stellingen beantwoordde, telt in "
            "geen enkele groep mee; hun aantal staat op het tabblad Samenvatting.",
        ),
        (
            "Betrouwbaarheidsinterval",
            "Het {conf}-t-interval van de gemiddelde MES van de groep: met {conf} zekerheid ligt "
            "het werkelijke gemiddelde erin. Hoe minder respondenten, hoe breder het interval.",
        ),
        (
            "Klantenergiek",
            "Het aandeel mensen met op elk kenmerk een score van {e} of meer (op een schaal van "
            '1–5: "eens" of beter op elke stelling).',
        ),
        (
            "Negatief, neutraal, positief",
            "Per kenmerk het aandeel mensen met een score van {u} of minder (negatief), {f} of "
            "meer (positief), of daartussen (neutraal).",
        ),
        (
            "Focuskenmerk",
            "Het kenmerk met het laagste gemiddelde in de groep: daar valt het meest te winnen. "
            "Bij gelijke stand het eerste in de volgorde van de vragenlijst.",
        ),
        (
            "Kleuren",
            "Scores zijn rood bij {u} of minder, geel bij 50 en groen bij {f} of meer. De "
            "ankerpunten liggen vast, dus een kleur betekent in elk rapport hetzelfde.",
        ),
        (
            "Anonimiteit",
            "Een groep met minder dan {k} respondenten is afgeschermd: de naam en de reden staan "
            "er, de cijfers en de omvang nooit. Als de mensen die in de subgroepen van een groep "
            "verborgen zijn door aftrekken te herleiden zijn (meer dan 0 maar minder dan {k}), "
            "wordt ook de op één na kleinste subgroep afgeschermd; de subgroepen van een "
            "afgeschermde groep zijn ook afgeschermd. In elke uitvoer van mes zijn dezelfde "
            "groepen afgeschermd.",
        ),
        (
            "Betrouwbaarheid",
            "Voor een kenmerk met twee of meer stellingen: Cronbachs alfa over de mensen die ze "
            "allemaal beantwoordden. Onder {r} meten de stellingen mogelijk niet één ding.",
        ),
        (
            "Vergelijkingscijfers",
            "MSI (2020), een onderzoek onder 1.012 Nederlandse werknemers, en een ander "
            "Nederlands onderzoek naar de klantgerichtheid van betrokken medewerkers. Ze zijn "
            "context voor de eigen uitkomst, geen doelen.",
        ),
    ),
}


#: The paired view's and the test's reasons in the terminal tables of mes diff (English only).


PAIRED_REASONS = {
    "too-few-stayers": "fewer than {k} stayed",
    "few-joined-or-left": "fewer than {k} joined or left",
    "protects-another-group": "protects another group",
    "parent-suppressed": "hidden with its parent",
}


NO_TEST = {
    "no-spread": "no test: no spread",
    "one-respondent": "no test: n = 1",
    "instrument-changed": "not compared",
}


SHORTENED: dict[Lang, str] = {"en": "… [shortened]", "nl": "… [ingekort]"}


# --- mes mirror ---------------------------------------------------------------------------------


MIRROR: dict[str, dict[Lang, str]] = {
    "title": {"en": "Mirror survey", "nl": "Spiegelonderzoek"},
    "organisation": {"en": "Organisation", "nl": "Organisatie"},
    "group": {"en": "Group", "nl": "Groep"},
    "aspect": {"en": "Aspect", "nl": "Aspect"},
    "aspects": {"en": "aspects", "nl": "aspecten"},
    "customers": {"en": "Customers", "nl": "Klanten"},
    "employees": {"en": "Employees", "nl": "Medewerkers"},
    "expected": {"en": "Employees expect", "nl": "Medewerkers verwachten"},
    "gap": {"en": "Gap", "nl": "Verschil"},
    "ci": {"en": "{conf} CI", "nl": "{conf}-BI"},
    "p": {"en": "p", "nl": "p"},
    "verdict": {"en": "Verdict", "nl": "Oordeel"},
    "under": {"en": "Underestimated", "nl": "Onderschat"},
    "over": {"en": "Overestimated", "nl": "Overschat"},
    "suppressed": {"en": "suppressed", "nl": "afgeschermd"},
    "hidden": {"en": "hidden", "nl": "verborgen"},
    "none": {"en": "–", "nl": "–"},
    "scored": {"en": "scored", "nl": "met score"},
    "responses": {"en": "responses", "nl": "reacties"},
    "sheet": {"en": "sheet", "nl": "tabblad"},
    "blind_spots": {
        "en": "Blind spots per group: gaps that are significant and at least {m} points "
        "(+ customers rate higher than employees expect, − lower)",
        "nl": "Blinde vlekken per groep: verschillen die significant zijn en minstens {m} punten "
        "(+ klanten waarderen hoger dan medewerkers verwachten, − lager)",
    },
    "n_staff": {"en": "n\nstaff", "nl": "n\nmedew."},
    "n_customers": {"en": "n\ncust.", "nl": "n\nklant"},
    "spots": {"en": "Blind spots (gap)", "nl": "Blinde vlekken (verschil)"},
    "no_gaps": {"en": "no gap shown", "nl": "geen verschil getoond"},
    "in_line": {"en": "in line on every aspect", "nl": "overal in lijn"},
}


VERDICTS: dict[Verdict, dict[Lang, str]] = {
    "underestimate": {"en": "underestimate", "nl": "onderschat"},
    "overestimate": {"en": "overestimate", "nl": "overschat"},
    "in-line": {"en": "in line", "nl": "in lijn"},
}


REASONS: dict[VerdictReason, dict[Lang, str]] = {
    "significant-gap": {"en": "significant and large enough", "nl": "significant en groot genoeg"},
    "not-significant": {"en": "not significant", "nl": "niet significant"},
    "below-min-change": {"en": "smaller than {m} points", "nl": "kleiner dan {m} punten"},
    "no-test": {"en": "no test possible", "nl": "geen toets mogelijk"},
}


HIDDEN: dict[HiddenReason, dict[Lang, str]] = {
    "employee-group-suppressed": {
        "en": "suppressed in the staff survey",
        "nl": "afgeschermd in het medewerkersonderzoek",
    },
    "too-few-answers": {"en": "fewer than {k} answers", "nl": "minder dan {k} antwoorden"},
    "protects-another-group": {
        "en": "protects a smaller group",
        "nl": "beschermt een kleinere groep",
    },
    "parent-suppressed": {
        "en": "hidden with its parent group",
        "nl": "verborgen met bovenliggende groep",
    },
}


MIRROR_SUPPRESSION: dict[Suppression, dict[Lang, str]] = {
    Suppression.TOO_FEW: {"en": "fewer than {k} respondents", "nl": "minder dan {k} respondenten"},
    Suppression.PROTECTS_OTHER: {
        "en": "protects a smaller group",
        "nl": "beschermt een kleinere groep",
    },
    Suppression.PARENT_SUPPRESSED: {
        "en": "hidden with its parent group",
        "nl": "afgeschermd met bovenliggende groep",
    },
}


def verdict_word(verdict: Verdict | None, lang: Lang) -> str:
    return "–" if verdict is None else VERDICTS[verdict][lang]


def hidden_word(reason: HiddenReason, k: int, lang: Lang) -> str:
    return HIDDEN[reason][lang].format(k=k)


def suppression_word(reason: Suppression | None, k: int, lang: Lang) -> str:
    return MIRROR_SUPPRESSION[reason or Suppression.TOO_FEW][lang].format(k=k)


def aspect_names(report: MirrorReport, lang: Lang) -> dict[str, str]:
    return {a.key: display_name(a.name, a.name_nl, lang) for a in report.definition.aspects}


def group_label(group: MirrorGroup, lang: Lang) -> str:
    return say(MIRROR, "organisation", lang) if group.dimension == "organisation" else group.name


MIRROR_SENTENCES: dict[str, dict[Lang, str]] = {
    "largest_under": {
        "en": "Largest blind spot: {aspect}. Customers rate it {size} points higher than "
        "employees expect ({customers} against {employees} on 0-100, {p}): employees "
        "underestimate it.",
        "nl": "Grootste blinde vlek: {aspect}. Klanten waarderen dit {size} punten hoger dan "
        "medewerkers verwachten ({customers} tegen {employees} op 0-100, {p}): medewerkers "
        "onderschatten het.",
    },
    "largest_over": {
        "en": "Largest blind spot: {aspect}. Customers rate it {size} points lower than "
        "employees expect ({customers} against {employees} on 0-100, {p}): employees "
        "overestimate it.",
        "nl": "Grootste blinde vlek: {aspect}. Klanten waarderen dit {size} punten lager dan "
        "medewerkers verwachten ({customers} tegen {employees} op 0-100, {p}): medewerkers "
        "overschatten het.",
    },
    "also_under": {
        "en": "Employees also underestimate {aspect} ({gap}).",
        "nl": "Medewerkers onderschatten ook {aspect} ({gap}).",
    },
    "also_over": {
        "en": "Employees also overestimate {aspect} ({gap}).",
        "nl": "Medewerkers overschatten ook {aspect} ({gap}).",
    },
    "no_blind_spot": {
        "en": "No blind spot for the organisation: no gap is both significant and at least {m} "
        "points. The largest gap is {aspect} ({gap}).",
        "nl": "Geen blinde vlek voor de organisatie: geen verschil is significant en minstens {m} "
        "punten. Het grootste verschil is {aspect} ({gap}).",
    },
    "no_gaps": {
        "en": "No gap can be shown for the organisation.",
        "nl": "Voor de organisatie kan geen verschil worden getoond.",
    },
    "group_under": {
        "en": "Largest blind spot in a department or team: {group} underestimates {aspect} "
        "({gap}).",
        "nl": "Grootste blinde vlek in een afdeling of team: {group} onderschat {aspect} ({gap}).",
    },
    "group_over": {
        "en": "Largest blind spot in a department or team: {group} overestimates {aspect} ({gap}).",
        "nl": "Grootste blinde vlek in een afdeling of team: {group} overschat {aspect} ({gap}).",
    },
    "org_hidden": {
        "en": "The organisation is suppressed (fewer than {k} respondents): nothing is shown.",
        "nl": "De organisatie is afgeschermd (minder dan {k} respondenten): niets wordt getoond.",
    },
}


MIRROR_WORKBOOK: dict[str, dict[Lang, str]] = {
    "sheet_mirror": {"en": "Mirror", "nl": "Spiegel"},
    "sheet_groups": {"en": "Groups", "nl": "Groepen"},
    "sheet_about": {"en": "About", "nl": "Over"},
    "title": {"en": "Mirror survey", "nl": "Spiegelonderzoek"},
    "subtitle": {
        "en": "Customers: {customers} · Employees: {employees}",
        "nl": "Klanten: {customers} · Medewerkers: {employees}",
    },
    "reading": {"en": "In plain words", "nl": "In gewone woorden"},
    "org_table": {"en": "The organisation per aspect", "nl": "De organisatie per aspect"},
    "aspect": {"en": "Aspect", "nl": "Aspect"},
    "customers": {"en": "Customers (0-100)", "nl": "Klanten (0-100)"},
    "customers_scale": {"en": "Customers ({s})", "nl": "Klanten ({s})"},
    "n_customers": {"en": "n customers", "nl": "n klanten"},
    "employees": {"en": "Employees expect (0-100)", "nl": "Medewerkers verwachten (0-100)"},
    "employees_scale": {"en": "Employees expect ({s})", "nl": "Medewerkers verwachten ({s})"},
    "n_employees": {"en": "n employees", "nl": "n medewerkers"},
    "gap": {"en": "Gap (points)", "nl": "Verschil (punten)"},
    "ci_low": {"en": "{conf} CI low", "nl": "{conf}-BI laag"},
    "ci_high": {"en": "{conf} CI high", "nl": "{conf}-BI hoog"},
    "p": {"en": "p", "nl": "p"},
    "verdict": {"en": "Verdict", "nl": "Oordeel"},
    "note": {"en": "Note", "nl": "Toelichting"},
    "group": {"en": "Group", "nl": "Groep"},
    "level": {"en": "Level", "nl": "Niveau"},
    "part_of": {"en": "Part of", "nl": "Onderdeel van"},
    "organisation": {"en": "organisation", "nl": "organisatie"},
    "department": {"en": "department", "nl": "afdeling"},
    "team": {"en": "team", "nl": "team"},
    "chart_title": {
        "en": "Customers' score and employees' expectation per aspect (0-100)",
        "nl": "Score van klanten en verwachting van medewerkers per aspect (0-100)",
    },
    "series_customers": {"en": "Customers", "nl": "Klanten"},
    "series_employees": {"en": "Employees expect", "nl": "Medewerkers verwachten"},
    "groups_title": {"en": "Per department and team", "nl": "Per afdeling en team"},
    "groups_subtitle": {
        "en": "Gap = customers − employees' expectation, in points on 0-100. Filter on a group.",
        "nl": "Verschil = klanten − verwachting van medewerkers, in punten op 0-100. Filter op "
        "een groep.",
    },
    "about_title": {"en": "About this report", "nl": "Over dit rapport"},
    "files": {"en": "Files", "nl": "Bestanden"},
    "method": {"en": "Method and settings", "nl": "Methode en instellingen"},
    "method_text": {
        "en": "Customers answered how they rate each aspect of the service; employees answered "
        "how they think customers rate it. Both are shown on 0-100 (100 × (answer − min) / "
        "(max − min)). The gap is the customers' mean minus the employees' mean, tested with "
        "Welch's t-test. Employees underestimate an aspect when customers rate it higher, and "
        "overestimate it when customers rate it lower, but only when the gap is significant "
        "and at least the minimum number of points; otherwise they are in line. Employee "
        "groups are suppressed exactly as mes score suppresses them; no figure rests on fewer "
        "than the minimum group size, on either side. Names, e-mail addresses, customer "
        "numbers and comments in the customer file are never read.",
        "nl": "Klanten gaven aan hoe zij elk aspect van de dienstverlening waarderen; "
        "medewerkers gaven aan hoe zij denken dat klanten het waarderen. Beide staan op 0-100 "
        "(100 × (antwoord − min) / (max − min)). Het verschil is het gemiddelde van klanten "
        "min dat van medewerkers, getoetst met Welch' t-toets. Medewerkers onderschatten een "
        "aspect als klanten het hoger waarderen en overschatten het als klanten het lager "
        "waarderen, maar alleen als het verschil significant is en minstens het minimum aantal "
        "punten; anders zijn ze in lijn. Groepen medewerkers worden afgeschermd precies zoals "
        "mes score dat doet; geen cijfer rust op minder antwoorden dan de minimale "
        "groepsgrootte, aan geen van beide kanten. Namen, e-mailadressen, klantnummers en "
        "toelichtingen in het klantbestand worden nooit gelezen.",
    },
    "made": {"en": "Made by mes {v} on {date}.", "nl": "Gemaakt door mes {v} op {date}."},
    "issues": {"en": "Warnings", "nl": "Waarschuwingen"},
    "no_issues": {"en": "None.", "nl": "Geen."},
    "org_hidden": {
        "en": "The organisation is suppressed: nothing is shown.",
        "nl": "De organisatie is afgeschermd: niets wordt getoond.",
    },
}


# --- --headcount: the response ----------------------------------------------------------------


RESPONSE: dict[str, dict[Lang, str]] = {
    "response": {"en": "Response", "nl": "Respons"},
    "invited": {"en": "Invited", "nl": "Uitgenodigd"},
    "rate": {"en": "Response rate", "nl": "Responspercentage"},
    "margin": {"en": "± MES (finite population)", "nl": "± MES (eindige populatie)"},
    "margin_short": {"en": "±", "nl": "±"},
    "of": {"en": "of", "nl": "van"},
    "low": {"en": "below {t}", "nl": "onder {t}"},
}


# --- mes link ---------------------------------------------------------------------------------


LINK: dict[str, dict[Lang, str]] = {
    "title": {"en": "Team energy and customer score", "nl": "Teamenergie en klantscore"},
    "survey": {"en": "Staff survey", "nl": "Medewerkersonderzoek"},
    "customers": {"en": "Customers", "nl": "Klanten"},
    "team": {"en": "Team", "nl": "Team"},
    "department": {"en": "Department", "nl": "Afdeling"},
    "n_staff": {"en": "n\nstaff", "nl": "n\nmedew."},
    "mes": {"en": "MES", "nl": "MES"},
    "energetic": {"en": "Ener-\ngetic", "nl": "Klant-\nenergiek"},
    "n_cust": {"en": "n\ncust.", "nl": "n\nklant"},
    "score": {"en": "Customer\n0-100", "nl": "Klant\n0-100"},
    "on_scale": {"en": "Customer\n{s}", "nl": "Klant\n{s}"},
    "measure": {"en": "Across {n} teams", "nl": "Over {n} teams"},
    "suppressed": {"en": "suppressed", "nl": "afgeschermd"},
    "energetic_share": {"en": "Share energetic", "nl": "Aandeel energiek"},
    "too-few-answers": {"en": "fewer than {k} customers", "nl": "minder dan {k} klanten"},
    "no-customers": {"en": "no customers", "nl": "geen klanten"},
    "change_title": {
        "en": "Change in MES and in customer score",
        "nl": "Verandering in MES en in klantscore",
    },
    "earlier": {"en": "Earlier quarter", "nl": "Vorig kwartaal"},
    "mes_change": {"en": "Change in MES", "nl": "Verandering MES"},
    "only-previous": {"en": "earlier quarter only", "nl": "alleen vorig kwartaal"},
    "only-current": {"en": "this quarter only", "nl": "alleen dit kwartaal"},
    "suppressed-previous": {
        "en": "suppressed in the earlier quarter",
        "nl": "afgeschermd in het vorige kwartaal",
    },
    "suppressed-current": {"en": "suppressed this quarter", "nl": "afgeschermd dit kwartaal"},
    "customers-hidden-previous": {
        "en": "no customer score shown in the earlier quarter",
        "nl": "geen klantscore getoond in het vorige kwartaal",
    },
    "customers-hidden-current": {
        "en": "no customer score shown this quarter",
        "nl": "geen klantscore getoond dit kwartaal",
    },
    "lag_title": {
        "en": "Change in MES, then the next quarter's change in customer score",
        "nl": "Verandering in MES, daarna die in klantscore een kwartaal later",
    },
    "first": {"en": "First quarter", "nl": "Eerste kwartaal"},
    "second": {"en": "Second quarter", "nl": "Tweede kwartaal"},
    "mes_change_lagged": {"en": "Δ MES, then Δ cust.", "nl": "Δ MES, dan Δ klant"},
}


# --- the mes link workbook --------------------------------------------------------------------


LINK_WORKBOOK: dict[str, dict[Lang, str]] = {
    "sheet_link": {"en": "Link", "nl": "Verband"},
    "sheet_change": {"en": "Change", "nl": "Verandering"},
    "sheet_about": {"en": "About", "nl": "Over"},
    "title": {"en": "Team energy and customer score", "nl": "Teamenergie en klantscore"},
    "subtitle": {
        "en": "Staff survey: {survey} · Customers: {customers}",
        "nl": "Medewerkersonderzoek: {survey} · Klanten: {customers}",
    },
    "reading": {"en": "In plain words", "nl": "In gewone woorden"},
    "per_team": {"en": "Per team", "nl": "Per team"},
    "per_department": {"en": "Per department", "nl": "Per afdeling"},
    "team": {"en": "Team", "nl": "Team"},
    "department": {"en": "Department", "nl": "Afdeling"},
    "part_of": {"en": "Part of", "nl": "Onderdeel van"},
    "n_staff": {"en": "n staff", "nl": "n medewerkers"},
    "mes": {"en": "MES", "nl": "MES"},
    "energetic": {"en": "Share energetic", "nl": "Aandeel klantenergiek"},
    "n_customers": {"en": "n customers", "nl": "n klanten"},
    # The scale on a line of its own: LibreOffice would otherwise break "(0-100)" at its hyphen.
    "customer": {"en": "Customer score\n(0-100)", "nl": "Klantscore\n(0-100)"},
    "customer_scale": {"en": "Customer score\n({s})", "nl": "Klantscore\n({s})"},
    "note": {"en": "Note", "nl": "Toelichting"},
    "correlations": {"en": "Across {n} teams", "nl": "Over {n} teams"},
    "measure": {"en": "Measure", "nl": "Maat"},
    "teams": {"en": "Teams", "nl": "Teams"},
    "ci_low": {"en": "{conf} CI low", "nl": "{conf}-BI laag"},
    "ci_high": {"en": "{conf} CI high", "nl": "{conf}-BI hoog"},
    "pearson": {"en": "Pearson r", "nl": "Pearson r"},
    "spearman": {"en": "Spearman ρ", "nl": "Spearman ρ"},
    "chart_title": {
        "en": "Team MES (x) and customer score (y), 0-100",
        "nl": "MES van het team (x) en klantscore (y), 0-100",
    },
    "series": {"en": "Teams", "nl": "Teams"},
    "change_title": {
        "en": "Change in MES and in customer score",
        "nl": "Verandering in MES en in klantscore",
    },
    "change_subtitle": {
        "en": "Earlier quarter: {survey} · {customers}",
        "nl": "Vorig kwartaal: {survey} · {customers}",
    },
    "mes_before": {"en": "MES before", "nl": "MES vorig kwartaal"},
    "mes_now": {"en": "MES now", "nl": "MES nu"},
    "mes_change": {"en": "Change in MES", "nl": "Verandering MES"},
    "cust_before": {"en": "Customer score before", "nl": "Klantscore vorig kwartaal"},
    "cust_now": {"en": "Customer score now", "nl": "Klantscore nu"},
    "cust_change": {"en": "Change in customer score", "nl": "Verandering klantscore"},
    "change_chart": {
        "en": "Change in MES (x) and change in customer score (y), points",
        "nl": "Verandering in MES (x) en in klantscore (y), punten",
    },
    "sheet_lag": {"en": "Lag", "nl": "Vertraging"},
    "lag_title": {
        "en": "Change in MES, then the next quarter's change in customer score",
        "nl": "Verandering in MES, daarna die in klantscore een kwartaal later",
    },
    "lag_subtitle": {
        "en": "First quarter: {survey} · second quarter and this one as on the Change sheet",
        "nl": "Eerste kwartaal: {survey} · tweede kwartaal en dit kwartaal als op het blad "
        "Verandering",
    },
    "mes_first": {"en": "MES 1st quarter", "nl": "MES 1e kwartaal"},
    "mes_second": {"en": "MES 2nd quarter", "nl": "MES 2e kwartaal"},
    "mes_change_12": {"en": "Change in MES, 1st to 2nd", "nl": "Verandering MES, 1e naar 2e"},
    "cust_second": {"en": "Customer score 2nd quarter", "nl": "Klantscore 2e kwartaal"},
    "cust_change_23": {
        "en": "Change in customer score, 2nd to now",
        "nl": "Verandering klantscore, 2e naar nu",
    },
    "lag_chart": {
        "en": "Change in MES (x) and the next quarter's change in customer score (y), points",
        "nl": "Verandering in MES (x) en daarna in klantscore (y), punten",
    },
    "first_survey": {"en": "Staff survey, first quarter", "nl": "Medewerkers, eerste kwartaal"},
    "second_survey": {"en": "Staff survey, second quarter", "nl": "Medewerkers, tweede kwartaal"},
    "second_customers": {"en": "Customers, second quarter", "nl": "Klanten, tweede kwartaal"},
    "about_title": {"en": "About this report", "nl": "Over dit rapport"},
    "files": {"en": "Files", "nl": "Bestanden"},
    "survey": {"en": "Staff survey", "nl": "Medewerkersonderzoek"},
    "customers": {"en": "Customers", "nl": "Klanten"},
    "earlier_survey": {"en": "Staff survey, earlier", "nl": "Medewerkers, vorig kwartaal"},
    "earlier_customers": {"en": "Customers, earlier", "nl": "Klanten, vorig kwartaal"},
    "method": {"en": "Method and settings", "nl": "Methode en instellingen"},
    "method_text": {
        "en": "Each team's MES, share customer-energetic and trait scores come from the staff "
        "survey, scored and suppressed exactly as mes score does. The customer score is the "
        "mean of the team's customer responses (or the team's score in a file with one row per "
        "team, weighed by its n), on 0-100 as 100 × (score − min) / (max − min). Across the "
        "teams shown on both sides, Pearson's r has the interval scipy gives and Spearman's ρ a "
        "Fisher-z interval (Bonett and Wright). A relation across teams says that they go "
        "together, not that one causes the other. Names, e-mail addresses, customer numbers "
        "and comments in the customer file are never read.",
        "nl": "De MES, het aandeel klantenergiek en de eigenschappen van elk team komen uit het "
        "medewerkersonderzoek, berekend en afgeschermd precies zoals mes score dat doet. De "
        "klantscore is het gemiddelde van de antwoorden van de klanten van het team (of de "
        "score van het team in een bestand met één rij per team, gewogen naar zijn n), op "
        "0-100 als 100 × (score − min) / (max − min). Over de teams die aan beide kanten "
        "getoond worden, heeft Pearsons r het interval van scipy en Spearmans ρ een "
        "Fisher-z-interval (Bonett en Wright). Een verband tussen teams zegt dat ze samengaan, "
        "niet dat het een het ander veroorzaakt. Namen, e-mailadressen, klantnummers en "
        "toelichtingen in het klantbestand worden nooit gelezen.",
    },
    "made": {"en": "Made by mes {v} on {date}.", "nl": "Gemaakt door mes {v} op {date}."},
    "issues": {"en": "Warnings", "nl": "Waarschuwingen"},
    "no_issues": {"en": "None.", "nl": "Geen."},
}


LINK_LAG: dict[str, dict[Lang, str]] = {
    "absent-earlier": {"en": "not in the first quarter", "nl": "niet in het eerste kwartaal"},
    "absent-previous": {"en": "not in the second quarter", "nl": "niet in het tweede kwartaal"},
    "absent-current": {"en": "not in this quarter", "nl": "niet in dit kwartaal"},
    "suppressed-earlier": {
        "en": "suppressed in the first quarter",
        "nl": "afgeschermd in het eerste kwartaal",
    },
    "suppressed-previous": {
        "en": "suppressed in the second quarter",
        "nl": "afgeschermd in het tweede kwartaal",
    },
    "suppressed-current": {"en": "suppressed this quarter", "nl": "afgeschermd dit kwartaal"},
    "customers-hidden-previous": {
        "en": "no customer score shown in the second quarter",
        "nl": "geen klantscore getoond in het tweede kwartaal",
    },
    "customers-hidden-current": {
        "en": "no customer score shown this quarter",
        "nl": "geen klantscore getoond dit kwartaal",
    },
}


# --- mes columns ------------------------------------------------------------------------------

COLUMNS: dict[str, dict[Lang, str]] = {
    "title": {"en": "Columns of {file}", "nl": "Kolommen van {file}"},
    "instrument": {"en": "instrument {name}", "nl": "vragenlijst {name}"},
    "col": {"en": "Col", "nl": "Kol"},
    "header": {"en": "Header", "nl": "Kop"},
    "read_as": {"en": "Read as", "nl": "Gelezen als"},
    "why": {"en": "Why", "nl": "Waarom"},
    "item": {
        "en": "{name}: trait {trait}, item {item}",
        "nl": "{name}: eigenschap {trait}, stelling {item}",
    },
    "outcome": {"en": "outcome {name}", "nl": "uitkomst {name}"},
    "id": {"en": "respondent id", "nl": "respondent-id"},
    "team": {"en": "team", "nl": "team"},
    "department": {"en": "department", "nl": "afdeling"},
    "role": {"en": "role", "nl": "functie"},
    "personal": {"en": "personal, never read", "nl": "persoonlijk, nooit gelezen"},
    "ignored": {"en": "not read", "nl": "niet gelezen"},
    "unknown": {"en": "–", "nl": "–"},
    "why_key": {"en": "the name itself", "nl": "de naam zelf"},
    "why_statement": {"en": "the statement", "nl": "de stelling"},
    "why_synonym": {"en": "a known name", "nl": "een bekende naam"},
    "why_instrument": {
        "en": "named in the instrument file",
        "nl": "genoemd in het vragenlijstbestand",
    },
    "why_meaning": {"en": "question about {detail}", "nl": "vraag naar {detail}"},
    "why_header": {"en": "header names personal data", "nl": "kop noemt persoonsgegevens"},
    "why_content": {"en": "holds {detail}", "nl": "bevat {detail}"},
    "why_duplicate": {
        "en": "another column is read for {name}",
        "nl": "een andere kolom wordt gelezen voor {name}",
    },
    "why_lower_rank_id": {
        "en": "another id column ranks higher",
        "nl": "een andere id-kolom gaat voor",
    },
    "why_unknown": {"en": "not a known name", "nl": "geen bekende naam"},
    "near_item": {"en": "looks like item {name}", "nl": "lijkt op stelling {name}"},
    "near_dimension": {"en": "looks like the {what} column", "nl": "lijkt op de kolom {what}"},
    "already": {
        "en": " (already read from another column)",
        "nl": " (al gelezen uit een andere kolom)",
    },
}


# --- The one-page PDF per group (mes score --format pdf) ------------------------------------------

TEAM_PAGE: dict[str, dict[Lang, str]] = {
    "title_organisation": {"en": "Organisation report", "nl": "Rapport organisatie"},
    "title_department": {"en": "Department report: {name}", "nl": "Rapport afdeling: {name}"},
    "title_team": {"en": "Team report: {name}", "nl": "Teamrapport: {name}"},
    "sub_team_of": {"en": "Team of {department}", "nl": "Team van {department}"},
    "sub_source": {
        "en": "{file} · {date} · {n} respondents",
        "nl": "{file} · {date} · {n} respondenten",
    },
    "mes_head": {
        "en": "MES: customer energy from 0 to 100",
        "nl": "MES: klantenergie van 0 tot 100",
    },
    "mes_explain": {
        "en": "The bar is the MES; the line across it is its {conf} confidence interval, where "
        "the true value lies. Where two intervals overlap, the difference may be chance.",
        "nl": "De balk is de MES; de lijn erdoorheen is het {conf}-betrouwbaarheidsinterval, "
        "waar de werkelijke waarde ligt. Overlappen twee intervallen, dan kan het verschil "
        "toeval zijn.",
    },
    "bar_value": {"en": "{mes} ({low}–{high}), n = {n}", "nl": "{mes} ({low}–{high}), n = {n}"},
    "bar_value_no_ci": {"en": "{mes}, n = {n}", "nl": "{mes}, n = {n}"},
    "department_hidden": {
        "en": "The department's figures are not shown, to protect anonymity.",
        "nl": "De cijfers van de afdeling worden niet getoond, om de anonimiteit te beschermen.",
    },
    "traits_head": {
        "en": "The five traits, against the organisation",
        "nl": "De vijf kenmerken, naast de organisatie",
    },
    "traits_head_org": {"en": "The five traits", "nl": "De vijf kenmerken"},
    "traits_explain": {
        "en": "Score 0–100 per trait; in brackets the share favourable (score {f} or more).",
        "nl": "Score 0–100 per kenmerk; tussen haakjes het aandeel positief (score {f} of meer).",
    },
    "legend_group": {"en": "this group", "nl": "deze groep"},
    "legend_org": {"en": "organisation", "nl": "organisatie"},
    "energetic_head": {"en": "Customer-energetic", "nl": "Klantenergiek"},
    "energetic_text": {
        "en": "{share} of the respondents score {at} or more on every trait (organisation: {org}).",
        "nl": "{share} van de respondenten scoort {at} of meer op elk kenmerk (organisatie: "
        "{org}).",
    },
    "energetic_text_org": {
        "en": "{share} of the respondents score {at} or more on every trait.",
        "nl": "{share} van de respondenten scoort {at} of meer op elk kenmerk.",
    },
    "outcomes_head": {"en": "Energy and recommendation", "nl": "Energie en aanbeveling"},
    "outcome_energy": {
        "en": "{name}: {share} go home with a lot of energy ({at} or more); mean {mean}, n = {n}.",
        "nl": "{name}: {share} gaat met veel energie naar huis ({at} of meer); gemiddeld {mean}, "
        "n = {n}.",
    },
    "outcome_enps": {
        "en": "{name}: eNPS {enps}{interval}, n = {n}.",
        "nl": "{name}: eNPS {enps}{interval}, n = {n}.",
    },
    "outcome_interval": {"en": " (from {low} to {high})", "nl": " (van {low} tot {high})"},
    "outcome_scale": {
        "en": "{name}: mean {mean}, {share} favourable, n = {n}.",
        "nl": "{name}: gemiddeld {mean}, {share} positief, n = {n}.",
    },
    "outcome_org": {"en": " Organisation: {org}.", "nl": " Organisatie: {org}."},
    "change_head": {"en": "Since {old}", "nl": "Sinds {old}"},
    "change_text": {
        "en": "MES {old} → {new} ({change}): {verdict}. Customer-energetic {energetic} "
        "percentage points.",
        "nl": "MES {old} → {new} ({change}): {verdict}. Klantenergiek {energetic} procentpunt.",
    },
    "change_traits": {"en": "Per trait: {parts}.", "nl": "Per kenmerk: {parts}."},
    "change_none_new": {
        "en": "This group was not in {old}: no change to show.",
        "nl": "Deze groep zat niet in {old}: geen verandering te tonen.",
    },
    "change_none_hidden": {
        "en": "No change shown: the group was suppressed in {old} or now.",
        "nl": "Geen verandering getoond: de groep was afgeschermd in {old} of nu.",
    },
    "change_rule": {
        "en": "Rising or falling only when significant at {conf} and at least {min} points; "
        "small groups will mostly be stable.",
        "nl": "Stijgend of dalend alleen als significant bij {conf} en minstens {min} punten; "
        "kleine groepen blijven meestal stabiel.",
    },
    "verdict_rising": {"en": "rising", "nl": "stijgend"},
    "verdict_falling": {"en": "falling", "nl": "dalend"},
    "verdict_stable": {"en": "stable", "nl": "stabiel"},
    "focus_head": {"en": "Focus: {trait}", "nl": "Focus: {trait}"},
    "focus_text": {
        "en": "{trait} is this group's lowest trait ({score}; {fav} favourable): the first place "
        "to act.",
        "nl": "{trait} is het laagste kenmerk van deze groep ({score}; {fav} positief): daar "
        "valt het meest te winnen.",
    },
    "statement": {"en": "Statement: \u201c{text}\u201d", "nl": "Stelling: \u201c{text}\u201d"},
    "todo_head": {"en": "What the team can do", "nl": "Wat het team kan doen"},
    "ask_head": {
        "en": "Questions for the team meeting",
        "nl": "Vragen voor het teamoverleg",
    },
    "no_advice": {
        "en": "This questionnaire's trait has no advice texts in mes: discuss in the team what "
        "would help.",
        "nl": "Voor dit kenmerk van de vragenlijst heeft mes geen adviesteksten: bespreek in het "
        "team wat zou helpen.",
    },
    "footer": {
        "en": "mes {v} · {file} · {date} · groups of fewer than {k} respondents are never shown",
        "nl": "mes {v} · {file} · {date} · groepen van minder dan {k} respondenten worden nooit "
        "getoond",
    },
    "all_groups": {"en": "All groups", "nl": "Alle groepen"},
}


# --- Terminal tables that fit the console (mes/render/terminal/fit.py) --------------------------


TABLE: dict[str, dict[Lang, str]] = {
    "left_out": {
        "en": "Left out to fit {width} columns: {what}; a wider terminal shows everything, as "
        "does {formats}.",
        "nl": "Weggelaten om in {width} kolommen te passen: {what}; een breder venster toont "
        "alles, net als {formats}.",
    },
    "names": {"en": "Names shortened", "nl": "Ingekorte namen"},
    "or": {"en": "or", "nl": "of"},
    "energetic_folded": {"en": "Ener-\ngetic", "nl": "Klant-\nenergiek"},
    "favourable_shares": {"en": "favourable shares", "nl": "aandelen positief"},
    "sparkline": {"en": "Trend", "nl": "Verloop"},
    "n_per_quarter": {"en": "n per quarter", "nl": "n per kwartaal"},
    "mirror_detail": {
        "en": "each mean on the answer scale and its n",
        "nl": "elk gemiddelde op de antwoordschaal en de n",
    },
    "individuals": {
        "en": "mes: the {n} per-person rows of --individuals are not shown in the table; "
        "they are in --format json and in --format xlsx -o FILE (sheet Individuals). Treat "
        "them as personal data.",
        "nl": "mes: de {n} rijen per persoon van --individuals staan niet in de tabel; ze staan "
        "in --format json en in --format xlsx -o BESTAND (blad Personen). Behandel ze als "
        "persoonsgegevens.",
    },
}
