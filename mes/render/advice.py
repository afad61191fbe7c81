"""What a team can do about a trait: concrete suggestions and questions for the team meeting.

Written for mes from the ideas behind the five MES traits (make customer signals a routine with
feedback to the sender; a bounded mandate to solve a customer's problem; complaints as fuel;
regular word of what customers think; a short road from idea to change). A catalogue in the
style of `mes.render.words` (``{key: {"en": ..., "nl": ...}}``), keys ``<trait>_do_<n>`` for
suggestions and ``<trait>_ask_<n>`` for questions, numbered from 1 without gaps, so that it can
move to gettext with the rest. Only the traits of the built-in MES-5 have texts; another
instrument's traits have none, and the team page says so.
"""

from __future__ import annotations

from mes.render import Lang
from mes.render.words import Catalogue

#: The traits with advice, in the order of MES-5.
ADVICE_TRAITS = ("signals", "room", "criticism", "feedback", "speed")

ADVICE: Catalogue = {
    # --- Customer signals ---
    "signals_do_1": {
        "en": "Make passing on customer signals a routine, not a favour: a fixed moment in the "
        "weekly meeting and one short, visible channel (a shared list or board) to the people "
        "who can act on it.",
        "nl": "Maak het doorgeven van klantsignalen een vaste gewoonte, geen gunst: een vast "
        "moment in het wekelijkse overleg en één kort, zichtbaar kanaal (een gedeelde lijst of "
        "een bord) naar de mensen die er iets mee kunnen.",
    },
    "signals_do_2": {
        "en": "Close the loop: tell whoever passed on a signal what happened with it, also when "
        "nothing could be done, and why.",
        "nl": "Maak de cirkel rond: laat wie een signaal doorgaf weten wat ermee gebeurd is, ook "
        "als er niets mee kon, en waarom.",
    },
    "signals_do_3": {
        "en": "Let people see the whole customer journey, not only their own part of it: invite "
        "colleagues from other steps to a team meeting, or spend a day alongside them.",
        "nl": "Laat mensen de hele klantreis zien, niet alleen hun eigen deel: nodig collega's "
        "uit andere schakels uit in het teamoverleg, of loop een dag met hen mee.",
    },
    "signals_ask_1": {
        "en": "What did a customer tell you this week that someone else in the organisation "
        "should know?",
        "nl": "Wat vertelde een klant je deze week dat iemand anders in de organisatie zou "
        "moeten weten?",
    },
    "signals_ask_2": {
        "en": "The last time you passed on a signal, did you hear back what happened with it?",
        "nl": "Toen je voor het laatst een signaal doorgaf: hoorde je terug wat ermee gebeurde?",
    },
    "signals_ask_3": {
        "en": "Which part of the customer's journey do we know too little about?",
        "nl": "Van welk deel van de klantreis weten wij te weinig?",
    },
    # --- Room ---
    "room_do_1": {
        "en": "Give everyone a clear mandate to solve a customer's problem without asking a "
        "manager first, with an upper limit (an amount, a kind of solution): the limit is the "
        "safety net that makes people act.",
        "nl": "Geef iedereen een duidelijk mandaat om een probleem van een klant op te lossen "
        "zonder eerst een leidinggevende te vragen, met een bovengrens (een bedrag, een soort "
        "oplossing): die grens is het vangnet dat mensen laat handelen.",
    },
    "room_do_2": {
        "en": "Trust the many: do not write rules against the few who might misuse the room; "
        "deal with misuse when it happens.",
        "nl": "Vertrouw op de velen: schrijf geen regels tegen de enkeling die de ruimte zou "
        "kunnen misbruiken; pak misbruik aan als het gebeurt.",
    },
    "room_do_3": {
        "en": "When something goes wrong, solve the customer's problem first and look for "
        "causes later, without blame.",
        "nl": "Gaat er iets mis, los dan eerst het probleem van de klant op en zoek pas daarna "
        "naar oorzaken, zonder schuldvraag.",
    },
    "room_ask_1": {
        "en": "In which customer situations do you now have to ask permission, and would rather "
        "not?",
        "nl": "In welke klantsituaties moet je nu toestemming vragen, terwijl je dat liever niet "
        "zou hoeven?",
    },
    "room_ask_2": {
        "en": "What limit would make you feel safe to solve a problem on the spot?",
        "nl": "Welke grens zou je het gevoel geven dat je een probleem ter plekke mag oplossen?",
    },
    "room_ask_3": {
        "en": "What did someone in the team solve on their own recently, and what can we learn "
        "from it?",
        "nl": "Wat loste iemand in het team onlangs zelf op, en wat leren we daarvan?",
    },
    # --- Criticism ---
    "criticism_do_1": {
        "en": "Treat complaints and points to improve as fuel: put one on the agenda of every "
        "team meeting and talk about what it teaches.",
        "nl": "Zie klachten en verbeterpunten als brandstof: zet er in elk teamoverleg één op de "
        "agenda en bespreek wat die ons leert.",
    },
    "criticism_do_2": {
        "en": "Thank the customer who complained, and share criticism openly in the team "
        "without looking for someone to blame.",
        "nl": "Bedank de klant die klaagde, en deel kritiek open in het team zonder een schuldige "
        "te zoeken.",
    },
    "criticism_do_3": {
        "en": "Show what changed because of criticism: keep a short list of \u201cyou said, we "
        "did\u201d and tell the customers too.",
        "nl": "Laat zien wat er veranderd is door kritiek: houd een korte lijst bij van \u201cu "
        "zei, wij deden\u201d en vertel het de klanten ook.",
    },
    "criticism_ask_1": {
        "en": "Which complaint of the last month taught us the most?",
        "nl": "Van welke klacht van de afgelopen maand hebben we het meest geleerd?",
    },
    "criticism_ask_2": {
        "en": "How does criticism from a customer feel, and what would make it easier to take?",
        "nl": "Hoe voelt kritiek van een klant, en wat zou het makkelijker maken?",
    },
    "criticism_ask_3": {
        "en": "What have we changed because of a complaint, and did the customer hear about it?",
        "nl": "Wat hebben we veranderd door een klacht, en heeft de klant dat gehoord?",
    },
    # --- Feedback ---
    "feedback_do_1": {
        "en": "Tell the team regularly what customers think of their work, the team and the "
        "organisation: the good and the bad, in the customers' own words.",
        "nl": "Vertel het team regelmatig wat klanten van hun werk, het team en de organisatie "
        "vinden: het goede en het slechte, in de woorden van de klant.",
    },
    "feedback_do_2": {
        "en": "Share the results and goals of the organisation and the team, so that people see "
        "where their work lands.",
        "nl": "Deel de resultaten en doelen van de organisatie en het team, zodat mensen zien "
        "waar hun werk terechtkomt.",
    },
    "feedback_do_3": {
        "en": "Pass on compliments as well as complaints, to the person they are about.",
        "nl": "Geef complimenten net zo goed door als klachten, aan degene over wie ze gaan.",
    },
    "feedback_ask_1": {
        "en": "What do you know about how customers experience your work, and where do you hear "
        "it?",
        "nl": "Wat weet je van hoe klanten jouw werk ervaren, en waar hoor je dat?",
    },
    "feedback_ask_2": {
        "en": "Which customer feedback would you like to hear more often?",
        "nl": "Welke feedback van klanten zou je vaker willen horen?",
    },
    "feedback_ask_3": {
        "en": "Do you know how the team and the organisation are doing on their goals for "
        "customers?",
        "nl": "Weet je hoe het team en de organisatie ervoor staan op hun doelen voor klanten?",
    },
    # --- Speed ---
    "speed_do_1": {
        "en": "Shorten the road from idea to change: decide close to the customer, and let the "
        "team try small improvements without a long round of approval.",
        "nl": "Verkort de weg van idee naar verandering: beslis dicht bij de klant, en laat het "
        "team kleine verbeteringen uitproberen zonder lange goedkeuringsronde.",
    },
    "speed_do_2": {
        "en": "Say which ideas were taken up and why others were not: most employees feel that "
        "nothing is done with their ideas.",
        "nl": "Zeg welke ideeën zijn opgepakt en waarom andere niet: de meeste medewerkers "
        "hebben het gevoel dat er niets met hun ideeën gebeurt.",
    },
    "speed_do_3": {
        "en": "Try an improvement for two weeks, then look at what it did; accept a little cost "
        "now for a customer relationship that lasts.",
        "nl": "Probeer een verbetering twee weken uit en kijk dan wat die opleverde; accepteer "
        "wat kosten nu voor een klantrelatie die blijft.",
    },
    "speed_ask_1": {
        "en": "Which improvement for customers has been waiting too long, and what is holding "
        "it up?",
        "nl": "Welke verbetering voor klanten wacht al te lang, en wat houdt die tegen?",
    },
    "speed_ask_2": {
        "en": "What could we try next week, on a small scale?",
        "nl": "Wat kunnen we volgende week op kleine schaal uitproberen?",
    },
    "speed_ask_3": {
        "en": "What happened to the last idea you put forward?",
        "nl": "Wat is er gebeurd met het laatste idee dat je inbracht?",
    },
}


def _numbered(trait: str, kind: str, lang: Lang) -> list[str]:
    out = []
    n = 1
    while f"{trait}_{kind}_{n}" in ADVICE:
        out.append(ADVICE[f"{trait}_{kind}_{n}"][lang])
        n += 1
    return out


def suggestions(trait: str, lang: Lang) -> list[str]:
    """What a team can do about ``trait`` (empty for a trait without advice texts)."""
    return _numbered(trait, "do", lang)


def questions(trait: str, lang: Lang) -> list[str]:
    """Questions for the team meeting about ``trait`` (empty for a trait without texts)."""
    return _numbered(trait, "ask", lang)
