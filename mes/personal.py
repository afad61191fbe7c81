"""Which columns of a survey export hold personal identifiers, by header and by content.

Exports carry names, e-mail addresses, phone numbers, IP addresses and the like next to the
answers. mes never reads them into any output, never takes them as the respondent id and never
breaks a report down by them. A column is personal when:

- its header names such data: one of `PERSONAL_HEADERS` (compared without case, spaces or
  punctuation, so "E-mail adres", "e-mailadres" and "Email address" are one name), or a header
  with a meaning word such as "e-mail", "naam" or "name" in it, unless the header is about a
  group ("Naam van je team");
- or, whatever its header, its values are mostly e-mail addresses, or mostly look like full
  names in a column that has a different value for nearly every row (`content_kind`).

Content is judged on a sample of at most `SAMPLE_SIZE` values spread over the file, so a file
of a million rows costs a few thousand regular-expression matches per column.
"""

from __future__ import annotations

import re
from enum import StrEnum

import polars as pl

from mes.instrument import normalize_header
from mes.messages import N_


class Personal(StrEnum):
    """Why a column is personal; the value is how messages describe its content."""

    HEADER = N_("personal data (its header says so)")
    EMAIL = N_("e-mail addresses")
    NAME = N_("names")


def _compact(text: str) -> str:
    """A header without case, spaces and punctuation: "E-mail adres" -> "emailadres"."""
    return re.sub(r"[\W_]+", "", normalize_header(text))


#: Headers of personal data in exports (Dutch and English, Microsoft and Google Forms,
#: LimeSurvey, Qualtrics), in `_compact` form.
PERSONAL_HEADERS = frozenset(
    _compact(h)
    for h in (
        # e-mail
        "e-mail", "email", "mail", "e-mail adres", "e-mailadres", "emailadres", "mailadres",
        "email address", "e-mail address", "mail address", "email adres medewerker",
        "recipientemail", "recipient email",
        # names
        "naam", "naam medewerker", "medewerkernaam", "voor- en achternaam", "voornaam",
        "achternaam", "tussenvoegsel", "tussenvoegsels", "roepnaam", "volledige naam",
        "voorletters", "initialen", "familienaam", "geboortenaam", "gebruikersnaam", "jouw naam",
        "je naam", "uw naam", "name", "full name", "first name", "last name", "surname",
        "given name", "family name", "your name", "initials", "username", "user name",
        "firstname", "lastname", "recipientfirstname", "recipientlastname",
        "recipient first name", "recipient last name", "recipientname",
        # other identifiers and contact details
        "token", "ipaddr", "ipaddress", "ip address", "ip-adres", "refurl", "externalreference",
        "external reference", "external data reference", "locationlatitude", "locationlongitude",
        "location latitude", "location longitude", "latitude", "longitude",
        "telefoon", "telefoonnummer", "telefoonnr", "mobiel", "mobiel nummer", "mobielnummer",
        "06-nummer", "phone", "phone number", "telephone", "mobile", "mobile number",
        "geboortedatum", "date of birth", "birth date", "birthdate", "birthday", "dob",
        "bsn", "burgerservicenummer", "sofinummer", "ssn", "social security number",
        "adres", "woonadres", "address", "home address", "straat", "straatnaam", "huisnummer",
        "postcode", "zip", "zip code", "zipcode", "postal code", "woonplaats",
        "iban", "rekeningnummer", "bankrekeningnummer", "bank account",
    )
)  # fmt: skip

#: Words that make a header personal wherever they stand in it ("Naam medewerker",
#: "Uw e-mailadres", "Employee name"), in `_compact` form.
_MEANING_WORDS = frozenset(
    {
        "email", "mail", "emailadres", "mailadres", "emailaddress", "naam", "name", "voornaam",
        "achternaam", "roepnaam", "tussenvoegsel", "surname", "firstname", "lastname",
        "fullname", "username", "gebruikersnaam", "telefoon", "telefoonnummer", "phone",
        "geboortedatum", "birth", "bsn", "iban", "postcode", "adres", "address",
    }
)  # fmt: skip

#: Words of a header about a group or the survey: "Naam van je team" names a team, not a person.
_GROUP_WORDS = frozenset(
    {
        "team", "teams", "afdeling", "department", "dept", "divisie", "division", "unit",
        "organisatie", "organisation", "organization", "bedrijf", "company", "locatie",
        "location", "vestiging", "regio", "region", "functie", "function", "rol", "role",
        "product", "dienst", "service", "enquete", "survey", "vragenlijst", "questionnaire",
        "formulier", "form", "bestand", "file",
    }
)  # fmt: skip


def is_personal_header(header: str | None) -> bool:
    """Whether a header names personal data (call it on headers no survey column claimed)."""
    if not header:
        return False
    if _compact(header) in PERSONAL_HEADERS:
        return True
    words = [
        _compact(w)
        for w in re.split(r"[^\w-]+", normalize_header(header).replace("e-mail", "email"))
    ]
    return any(w in _MEANING_WORDS for w in words) and not any(w in _GROUP_WORDS for w in words)


# --- content -------------------------------------------------------------------------------------

#: At most this many values of a column are looked at to judge its content.
SAMPLE_SIZE = 4000
#: Below this many non-blank values in the spread sample, a sparse column is sampled from the top.
_MIN_SAMPLE = 50

#: An e-mail address anywhere in a cell ("Jan <jan@x.nl>" too).
EMAIL = r"[^@\s<>,;:\"']+@[^@\s<>,;:\"']+\.\p{L}{2,}"

# A full name: two or more capitalised words of letters ("Jansen", "O'Brien", "Jansen-Bakker"),
# with Dutch and other particles ("van der", "'t", "el") and initials ("J.", "A.B.") around them.
_WORD = r"\p{Lu}[\p{L}'’]*\p{Ll}[\p{L}'’]*(?:-[\p{L}'’]+)*"
_PARTICLE = (
    r"(?:van|de|der|den|het|'t|’t|te|ten|ter|in|op|aan|bij|uit|voor|la|le|du|da|di|dos|das|del"
    r"|von|vom|zu|el|al|bin|ibn|'s|’s)"
)
_INITIALS = r"(?:\p{Lu}\.)+"
_EXTRA = rf"(?:{_PARTICLE}|{_INITIALS})"
# Initials may stand for the first word: "J. Jansen", "A.B. de Vries".
FULL_NAME = (
    rf"^(?:{_EXTRA} )*(?:{_WORD}|{_INITIALS})(?: {_EXTRA})* (?:{_EXTRA} )*{_WORD}"
    rf"(?: (?:{_EXTRA}|{_WORD}))*$"
)
_MAX_NAME_WORDS = 6  # longer texts are sentences (comments), not names

#: "Mostly": more than this share of the sampled non-blank values.
MOSTLY = 0.5


def sample_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """At most `SAMPLE_SIZE` rows spread evenly over the frame."""
    step = max(1, -(-frame.height // SAMPLE_SIZE))
    return frame.gather_every(step) if step > 1 else frame


def column_sample(column: pl.Series, sampled: pl.Series) -> pl.Series:
    """Non-blank values of ``column`` to judge it by: the spread sample ``sampled`` of it, or,
    when that holds few values (a column filled in by few people), the first ones of the column."""
    values = _non_blank(sampled)
    if values.len() < _MIN_SAMPLE and column.len() > sampled.len():
        values = _non_blank(column).head(SAMPLE_SIZE)
    return values


def _non_blank(column: pl.Series) -> pl.Series:
    stripped = column.drop_nulls().str.strip_chars()
    return stripped.filter(stripped != "")


def content_kind(values: pl.Series) -> Personal | None:
    """Whether sampled non-blank values are mostly e-mail addresses or mostly full names.

    Names count only in a column where more than half of the values differ: a team or location
    column also holds capitalised words ("Klantcontact Noord", "Den Haag"), but many people share
    each of its values, while a name belongs to one person.
    """
    n = values.len()
    if n == 0:
        return None
    text = values.str.replace_all(r"\s+", " ")
    if text.str.contains(EMAIL).sum() > MOSTLY * n:
        return Personal.EMAIL
    # People type their own name in lower (or upper) case: judge such a value title-cased.
    one_case = (text == text.str.to_lowercase()) | (text == text.str.to_uppercase())
    text = pl.select(pl.when(one_case).then(text.str.to_titlecase()).otherwise(text)).to_series()
    names = text.str.contains(FULL_NAME) & (text.str.count_matches(" ") < _MAX_NAME_WORDS)
    if names.sum() > MOSTLY * n and text.n_unique() > MOSTLY * n:
        return Personal.NAME
    return None


_EMAIL_IN_TEXT = re.compile(r"[^@\s<>,;:\"']+@[^@\s<>,;:\"']+\.[^\W\d_]{2,}")


def mask_emails(text: str) -> str:
    """A cell's text with every e-mail address in it replaced, for messages that quote cells."""
    return _EMAIL_IN_TEXT.sub("<e-mail address>", text)


def holds_email(column: pl.Series) -> bool:
    """Whether any cell of the whole column holds an e-mail address (cheap: a literal "@" first)."""
    at = column.filter(column.str.contains("@", literal=True))
    return bool(at.len()) and bool(at.str.contains(EMAIL).any())
