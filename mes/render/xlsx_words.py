"""The words of the Excel score report, in English and Dutch (``--lang en|nl``).

Kept apart from `mes.render.labels` (the words every renderer shares) because most of these are
whole sentences that only the workbook shows. ``{placeholders}`` are filled by `say`.
"""

from __future__ import annotations

from mes.render import Lang

SHEETS: dict[str, dict[Lang, str]] = {
    "summary": {"en": "Summary", "nl": "Samenvatting"},
    "groups": {"en": "Groups", "nl": "Groepen"},
    "traits": {"en": "Traits", "nl": "Kenmerken"},
    "method": {"en": "Method", "nl": "Methode"},
    "issues": {"en": "Issues", "nl": "Meldingen"},
    "individuals": {"en": "Individuals", "nl": "Personen"},
}

TEXT: dict[str, dict[Lang, str]] = {
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
        "en": "Customer orientation (1–10): engaged vs the rest",
        "nl": "Klantgerichtheid (1–10): betrokken vs de rest",
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
        "trait. For context, a Dutch study (MSI 2020) found that about 19% of employees go home "
        "with a lot of energy.",
        "nl": "{share} van de respondenten is klantenergiek: zij scoren {at} of meer op elk "
        "kenmerk. Ter vergelijking: volgens Nederlands onderzoek (MSI 2020) gaat ongeveer 19% "
        "van de werknemers met veel energie naar huis.",
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
    "suppressed": {"en": "Suppressed: {reason}", "nl": "Afgeschermd: {reason}"},
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
    "chart_axis": {
        "en": "◀ unfavourable · neutral in the middle · favourable ▶",
        "nl": "◀ negatief · neutraal in het midden · positief ▶",
    },
    "chart_data": {"en": "Chart data", "nl": "Gegevens van de grafiek"},
    "chart_data_note": {
        "en": "The chart centres the neutral share on the middle line: unfavourable and half of "
        "neutral are drawn to the left, so they are stored as negative values (shown without "
        "the minus sign).",
        "nl": "De grafiek zet het neutrale aandeel midden op de middellijn: negatief en de helft "
        "van neutraal staan links en zijn daarom als negatieve waarden opgeslagen (getoond "
        "zonder minteken).",
    },
    "neutral_left": {"en": "Neutral (left half)", "nl": "Neutraal (linkerhelft)"},
    "neutral_right": {"en": "Neutral (right half)", "nl": "Neutraal (rechterhelft)"},
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
}


def percent(share: float, lang: Lang, places: int | None = 0) -> str:
    """A share in a sentence: ``0.194`` as ``19%``; with ``places=None`` as exact as needed,
    for settings: ``0.975`` as ``97.5%`` (``97,5%`` in Dutch)."""
    return decimal(100 * share, lang, places) + "%"


def decimal(value: float, lang: Lang, places: int | None = 1) -> str:
    """A number in a sentence, with a decimal comma in Dutch; ``places=None``: as short as exact."""
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "nl" else text


def say(key: str, lang: Lang, **values: object) -> str:
    """The text ``key`` in ``lang``, with its placeholders filled."""
    text = TEXT[key][lang]
    return text.format(**values) if values else text


def sheet_name(key: str, lang: Lang) -> str:
    return SHEETS[key][lang]
