"""What a team can do about a trait: concrete suggestions and questions for the team meeting.

Written for mes from the ideas behind the five MES traits (make customer signals a routine with
feedback to the sender; a bounded mandate to solve a customer's problem; complaints as fuel;
regular word of what customers think; a short road from idea to change). The texts are
English, marked for the message catalogue (their Dutch is in mes/locale/nl/LC_MESSAGES/mes.po),
in order per trait: suggestions (``do``) and questions (``ask``). Only the traits of the
built-in MES-5 have texts; another instrument's traits have none, and the team page says so.
"""

from __future__ import annotations

from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import tr

#: The traits with advice, in the order of MES-5.
ADVICE_TRAITS = ("signals", "room", "criticism", "feedback", "speed")

#: Per (trait, kind): the texts in order, marked for the catalogue; kind is "do" for a
#: suggestion, "ask" for a question for the team meeting.
ADVICE: dict[tuple[str, str], tuple[str, ...]] = {
    ("signals", "do"): (
        N_(
            "Make passing on customer signals a routine, not a favour: a fixed "
            "moment in the weekly meeting and one short, visible channel (a shared "
            "list or board) to the people who can act on it."
        ),
        N_(
            "Close the loop: tell whoever passed on a signal what happened with it, "
            "also when nothing could be done, and why."
        ),
        N_(
            "Let people see the whole customer journey, not only their own part of "
            "it: invite colleagues from other steps to a team meeting, or spend a "
            "day alongside them."
        ),
    ),
    ("signals", "ask"): (
        N_(
            "What did a customer tell you this week that someone else in the "
            "organisation should know?"
        ),
        N_("The last time you passed on a signal, did you hear back what happened with it?"),
        N_("Which part of the customer's journey do we know too little about?"),
    ),
    ("room", "do"): (
        N_(
            "Give everyone a clear mandate to solve a customer's problem without "
            "asking a manager first, with an upper limit (an amount, a kind of "
            "solution): the limit is the safety net that makes people act."
        ),
        N_(
            "Trust the many: do not write rules against the few who might misuse the "
            "room; deal with misuse when it happens."
        ),
        N_(
            "When something goes wrong, solve the customer's problem first and look "
            "for causes later, without blame."
        ),
    ),
    ("room", "ask"): (
        N_("In which customer situations do you now have to ask permission, and would rather not?"),
        N_("What limit would make you feel safe to solve a problem on the spot?"),
        N_(
            "What did someone in the team solve on their own recently, and what can "
            "we learn from it?"
        ),
    ),
    ("criticism", "do"): (
        N_(
            "Treat complaints and points to improve as fuel: put one on the agenda "
            "of every team meeting and talk about what it teaches."
        ),
        N_(
            "Thank the customer who complained, and share criticism openly in the "
            "team without looking for someone to blame."
        ),
        N_(
            "Show what changed because of criticism: keep a short list of “you said, "
            "we did” and tell the customers too."
        ),
    ),
    ("criticism", "ask"): (
        N_("Which complaint of the last month taught us the most?"),
        N_("How does criticism from a customer feel, and what would make it easier to take?"),
        N_("What have we changed because of a complaint, and did the customer hear about it?"),
    ),
    ("feedback", "do"): (
        N_(
            "Tell the team regularly what customers think of their work, the team "
            "and the organisation: the good and the bad, in the customers' own words."
        ),
        N_(
            "Share the results and goals of the organisation and the team, so that "
            "people see where their work lands."
        ),
        N_("Pass on compliments as well as complaints, to the person they are about."),
    ),
    ("feedback", "ask"): (
        N_("What do you know about how customers experience your work, and where do you hear it?"),
        N_("Which customer feedback would you like to hear more often?"),
        N_("Do you know how the team and the organisation are doing on their goals for customers?"),
    ),
    ("speed", "do"): (
        N_(
            "Shorten the road from idea to change: decide close to the customer, and "
            "let the team try small improvements without a long round of approval."
        ),
        N_(
            "Say which ideas were taken up and why others were not: most employees "
            "feel that nothing is done with their ideas."
        ),
        N_(
            "Try an improvement for two weeks, then look at what it did; accept a "
            "little cost now for a customer relationship that lasts."
        ),
    ),
    ("speed", "ask"): (
        N_("Which improvement for customers has been waiting too long, and what is holding it up?"),
        N_("What could we try next week, on a small scale?"),
        N_("What happened to the last idea you put forward?"),
    ),
}


def _numbered(trait: str, kind: str, lang: Lang) -> list[str]:
    return [tr(lang, text) for text in ADVICE.get((trait, kind), ())]


def suggestions(trait: str, lang: Lang) -> list[str]:
    """What a team can do about ``trait`` (empty for a trait without advice texts)."""
    return _numbered(trait, "do", lang)


def questions(trait: str, lang: Lang) -> list[str]:
    """Questions for the team meeting about ``trait`` (empty for a trait without texts)."""
    return _numbered(trait, "ask", lang)
