"""Personal columns: recognised by header and by content, never the id, never a ``--by`` column."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from mes.columns import map_columns
from mes.errors import DataError, InputError
from mes.instrument import Instrument, builtin_toml
from mes.personal import FULL_NAME, Personal, content_kind, holds_email, is_personal_header
from mes.validation import validate
from tests.conftest import MES5_HEADERS, make_table

ANSWERS = ["4", "3", "5", "4", "2"]

#: Headers of personal data as real exports write them (issue 9 item 5, and more).
PERSONAL = [
    # e-mail, Dutch and English, as Forms, Google Forms and hand-made sheets write it
    "E-mail adres", "E-mailadres", "Emailadres", "Email address", "E-mail address", "Email",
    "E-mail", "Mail", "email adres", "Uw e-mailadres", "E-mail medewerker", "Email Address",
    # names
    "Naam", "Naam medewerker", "Voor- en achternaam", "Voornaam", "Achternaam", "Tussenvoegsel",
    "Roepnaam", "Volledige naam", "Full name", "First name", "Last name", "Surname", "Name",
    "Your name", "Employee name", "Jouw naam?",
    # LimeSurvey
    "firstname", "lastname", "email", "token", "ipaddr",
    # Qualtrics
    "RecipientFirstName", "RecipientLastName", "RecipientEmail", "IPAddress",
    "LocationLatitude", "LocationLongitude", "ExternalReference",
    "Recipient Last Name", "IP Address", "External Data Reference",
    # other identifiers and contact details
    "Telefoonnummer", "Phone", "Phone number", "Geboortedatum", "Date of birth", "BSN",
    "Adres", "Postcode", "IBAN", "IP-adres", "  E-MAIL ADRES:  ",
]  # fmt: skip

#: Headers that look a little like those above but name a survey column or nothing personal.
NOT_PERSONAL = [
    "Team", "Teamnaam", "Team name", "Naam van je team", "Afdelingsnaam", "Company name",
    "Naam van de afdeling", "Wat is je functie?", "Locatie", "Tijdstempel", "Timestamp",
    "Start time", "Completion time", "submitdate", "startlanguage", "Progress", "Finished",
    "Status", "UserLanguage", "DistributionChannel", "ResponseId", "ID", "Opmerkingen",
    "Ik geef signalen van klanten actief door in de organisatie.", "",
]  # fmt: skip


@pytest.mark.parametrize("header", PERSONAL)
def test_personal_headers_are_recognised(header: str) -> None:
    assert is_personal_header(header)


@pytest.mark.parametrize("header", PERSONAL)
def test_a_personal_header_is_set_apart_whatever_the_column_holds(
    mes5: Instrument, header: str
) -> None:
    table = make_table([["1", "A", "T", *ANSWERS, "x"]], (*MES5_HEADERS, header))
    assert map_columns(table, mes5).personal == frozenset({8})


@pytest.mark.parametrize("header", NOT_PERSONAL)
def test_other_headers_are_not_personal(header: str) -> None:
    assert not is_personal_header(header)


# --- content -------------------------------------------------------------------------------------

NAMES = [
    "Jan Jansen", "Anouk de Vries", "Daan van der Berg", "Fenna van den Heuvel",
    "Hans van 't Hek", "Yılmaz El Amrani", "O'Brien Smith", "Anna-Lena Müller",
    "J. Jansen", "A.B. de Vries-Bakker", "Pieter Jan Willem Kok", "Éva Kovács",
]  # fmt: skip
NOT_NAMES = [
    "Jansen", "Team A", "M001", "R_1a2b3c", "12345", "x@y.nl", "Meer tijd voor klanten",
    "Klanten 2", "J. K.", "de vries", "Frontoffice", "",
]  # fmt: skip


@pytest.mark.parametrize("value", NAMES)
def test_values_that_look_like_full_names(value: str) -> None:
    assert pl.Series([value]).str.contains(FULL_NAME)[0]


@pytest.mark.parametrize("value", NOT_NAMES)
def test_values_that_do_not_look_like_full_names(value: str) -> None:
    assert not pl.Series([value]).str.contains(FULL_NAME)[0]


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["jan@x.nl", "piet@y.com", "", "kees.bakker@z.org"], Personal.EMAIL),
        (["Jan <jan@x.nl>", "Piet <piet@x.nl>", "?"], Personal.EMAIL),
        (["jan@x.nl", "geen", "nee"], None),  # one in three is not "mostly"
        (NAMES, Personal.NAME),
        (["jan jansen", "piet de vries", "KEES BAKKER"], Personal.NAME),  # typed in one case
        (["Den Haag", "Den Haag", "Den Haag", "Utrecht Centrum"], None),  # shared: a place
        (["Klantcontact Noord"] * 10 + ["Chat Social"] * 10, None),
        (["M001", "M002", "M003"], None),
        (["Meer tijd voor klanten", "Sneller beslissen graag"], None),
        ([], None),
    ],
)
def test_content_kind(values: list[str], kind: Personal | None) -> None:
    series = pl.Series(values, dtype=pl.String)
    assert content_kind(series.filter(series != "")) == kind


@pytest.mark.parametrize(
    ("values", "header"),
    [
        ([f"person{i}@example.org" for i in range(6)], "Contact"),
        ([f"person{i}@example.org" for i in range(6)], "Responder"),
        (NAMES[:6], "Ingevuld door"),
    ],
)
def test_a_column_is_personal_by_content_under_any_header(
    mes5: Instrument, values: Sequence[str], header: str
) -> None:
    rows = [[str(i), "A", "T", *ANSWERS, v] for i, v in enumerate(values)]
    assert map_columns(make_table(rows, (*MES5_HEADERS, header)), mes5).personal == {8}


def test_content_of_a_large_column_is_judged_on_a_sample() -> None:
    n = 200_000
    rows = pl.DataFrame({"v": [f"p{i}@example.org" for i in range(n)]})
    column = rows.get_column("v")
    assert holds_email(column)
    assert content_kind(column.head(4000)) is Personal.EMAIL


def test_a_sparse_column_is_judged_by_its_values_not_its_blanks(mes5: Instrument) -> None:
    # Under 1% filled in: the spread sample holds few values, so the filled cells are read.
    rows = [[str(i), "A", "T", *ANSWERS, ""] for i in range(10_000)]
    for i in range(0, 10_000, 200):
        rows[i][-1] = f"iemand{i}@example.org"
    table = make_table(rows, (*MES5_HEADERS, "Opmerking"))
    assert map_columns(table, mes5).personal == {8}


# --- the id column -------------------------------------------------------------------------------

ID_HEADERS = [
    "Personeelsnummer", "Medewerkernummer", "Personeelsnr", "Personeelsnr.", "Employee ID",
    "Employee number", "EMPLID", "Badge", "Badgenummer", "Registratienummer", "Respondent ID",
    "Response ID", "respondent_id", "ResponseId", "id",
]  # fmt: skip


@pytest.mark.parametrize("header", ID_HEADERS)
def test_id_headers(mes5: Instrument, header: str) -> None:
    table = make_table([["P1", "A", "T", *ANSWERS]], (header, *MES5_HEADERS[1:]))
    assert map_columns(table, mes5).dimensions["id"] == 0


def test_a_personnel_number_is_preferred_over_a_response_number(mes5: Instrument) -> None:
    headers = ("ID", "Personeelsnummer", *MES5_HEADERS[1:])
    rows = [["1", "P7", "A", "T", *ANSWERS], ["2", "P7", "A", "T", *ANSWERS]]
    with pytest.raises(DataError) as exc:  # a double submission, found by the personnel number
        validate(make_table(rows, headers), mes5)
    assert [(i.code, i.location.cell) for i in exc.value.issues] == [("duplicate-respondent", "B3")]


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["Jan Jansen", "Anouk de Vries", "Jan Jansen"], "names"),
        (["jan@x.nl", "piet@x.nl", "jan@x.nl"], "e-mail addresses"),
        (["M001", "M002", "kees@x.nl"], "e-mail addresses"),  # a single one is enough
    ],
)
def test_an_id_column_of_names_or_e_mail_is_personal_and_not_the_id(
    mes5: Instrument, values: list[str], kind: str
) -> None:
    headers = ("Medewerker", *MES5_HEADERS[1:])
    rows = [[v, "A", "T", *ANSWERS] for v in values]
    responses = validate(make_table(rows, headers), mes5)  # repeated values: no duplicate error
    assert "id" not in responses.columns.dimensions
    assert responses.columns.personal == {0}
    assert responses.frame["respondent"].to_list() == ["2", "3", "4"]
    (issue,) = [i for i in responses.issues if i.code == "personal-id-column"]
    assert issue.location.column == "Medewerker"
    assert kind in issue.message
    assert "numbered by their row" in issue.message
    for value in values:
        assert value not in issue.message


def test_a_demoted_id_gives_way_to_another_id_column(mes5: Instrument) -> None:
    headers = ("Medewerker", "ID", *MES5_HEADERS[1:])
    rows = [["Jan Jansen", "1", "A", "T", *ANSWERS], ["Piet de Vries", "2", "A", "T", *ANSWERS]]
    responses = validate(make_table(rows, headers), mes5)
    assert responses.columns.dimensions["id"] == 1
    (issue,) = [i for i in responses.issues if i.code == "personal-id-column"]
    assert "taken from column 'ID'" in issue.message


def test_two_columns_of_the_same_id_name_are_a_duplicate(mes5: Instrument) -> None:
    table = make_table([["1", "2", "A", "T", *ANSWERS]], ("id", "ID", *MES5_HEADERS[1:]))
    codes = [i.code for i in map_columns(table, mes5).issues]
    assert codes == ["duplicate-column"]


def test_duplicate_respondent_message_names_rows_not_the_id(mes5: Instrument) -> None:
    # A personnel number is personal too: the message points at the rows, not at the value.
    rows = [[f"M{i:03d}", "A", "T", *ANSWERS] for i in range(1, 6)]
    rows[4][0] = "M003"
    with pytest.raises(DataError) as exc:
        validate(make_table(rows), mes5)
    (issue,) = exc.value.issues
    assert issue.code == "duplicate-respondent"
    assert issue.location.cell == "A6"
    assert "row 4 (cell A4)" in issue.message
    assert "M003" not in issue.message


# --- --by ----------------------------------------------------------------------------------------


def office(n: int = 20) -> list[list[str]]:
    """``n`` people in two teams of one department, two roles, a location, an employee number."""
    return [
        [
            *(f"p{i}", "Klantenservice", "Team A" if i % 2 else "Team B", *ANSWERS),
            *("Frontoffice" if i % 3 else "Backoffice", f"{19700101 + i}", f"x{i}@example.org"),
            *(f"Persoon{chr(65 + i % 26)} Achternaam{chr(65 + i // 26)}", "Utrecht"),
        ]
        for i in range(n)
    ]


OFFICE = (*MES5_HEADERS, "Rol", "Geboortedatum", "Contact", "Ingevuld door", "Locatie")


def by_issue(by: str, rows: list[list[str]] | None = None) -> tuple[str, str]:
    from mes.instrument import builtin

    table = make_table(office() if rows is None else rows, OFFICE)
    with pytest.raises(InputError) as exc:
        validate(table, builtin(), by=[by])
    (issue,) = exc.value.issues
    return issue.code, issue.message


@pytest.mark.parametrize(
    ("by", "code"),
    [
        ("Geboortedatum", "personal-by-column"),  # by header
        ("Contact", "personal-by-column"),  # e-mail addresses by content
        ("Ingevuld door", "personal-by-column"),  # names by content
        ("id", "id-by-column"),
        ("team", "tree-by-column"),
        ("afdeling", "tree-by-column"),
        ("department", "tree-by-column"),  # found by the dimension's name, not the header
        ("signals", None),  # an item: not refused here
        ("rol", None),
        ("Locatie", None),
    ],
)
def test_by_refusals(by: str, code: str | None) -> None:
    if code is None:
        from mes.instrument import builtin

        responses = validate(make_table(office(), OFFICE), builtin(), by=[by])
        assert responses.by == [by]
    else:
        assert by_issue(by)[0] == code


def test_by_on_a_personnel_number_that_is_not_the_id_is_refused(mes5: Instrument) -> None:
    headers = ("ID", "Personeelsnummer", *MES5_HEADERS[1:])
    table = make_table([[str(i), f"P{i}", "A", "T", *ANSWERS] for i in range(12)], headers)
    for by in ("ID", "Personeelsnummer"):
        with pytest.raises(InputError) as exc:
            validate(table, mes5, by=[by])
        assert exc.value.issues[0].code == "id-by-column"


@pytest.mark.parametrize(
    ("values", "refused"),
    [
        (["a", "b", "c", "d", "e", "f"] * 2, False),  # 12 values, 6 distinct: half, not more
        (["a", "b", "c", "d", "e", "f", "g"] + ["a"] * 5, True),  # 7 of 12 distinct
        ([f"v{i}" for i in range(9)], True),  # below 10 values: all distinct is refused
        ([f"v{i}" for i in range(8)] + ["v0"], False),  # ... and only that
        (["Utrecht", " utrecht ", "UTRECHT", "Zwolle"] * 3, False),  # spellings of one value
        ([f"v{i}" for i in range(20)] + [""] * 20, True),  # blanks are not values
        (["v"], False),
    ],
)
def test_a_by_column_of_mostly_unique_values_is_refused(
    mes5: Instrument, values: list[str], refused: bool
) -> None:
    table = make_table(
        [[str(i), "A", "T", *ANSWERS, v] for i, v in enumerate(values)], (*MES5_HEADERS, "Extra")
    )
    if refused:
        with pytest.raises(InputError) as exc:
            validate(table, mes5, by=["Extra"])
        assert exc.value.issues[0].code == "unique-by-column"
    else:
        assert validate(table, mes5, by=["Extra"]).by == ["Extra"]


def test_by_messages_say_why_and_what_to_do() -> None:
    _, message = by_issue("Geboortedatum")
    assert "personal data" in message
    assert "role or location" in message
    _, message = by_issue("team")
    assert "already shows every department and its teams" in message
    assert "Leave out --by 'team'" in message
    for value in ("19700101", "x1@example.org", "PersoonB"):
        for by in ("Geboortedatum", "Contact", "Ingevuld door"):
            assert value not in by_issue(by)[1]


def test_an_e_mail_address_typed_as_an_answer_is_not_quoted(mes5: Instrument) -> None:
    rows = [["1", "A", "T", "zie jan.jansen@example.org", *ANSWERS[1:]]]
    with pytest.raises(DataError) as exc:
        validate(make_table(rows), mes5)
    (issue,) = exc.value.issues
    assert (issue.code, issue.location.cell) == ("invalid-answer", "D2")
    assert "jan.jansen" not in issue.message
    assert "'zie <e-mail address>'" in issue.message


def test_an_instrument_id_header_matched_by_its_ending_ranks_as_that_header() -> None:
    from mes.instrument import parse_instrument

    instrument = parse_instrument(
        builtin_toml().replace("id = []", 'id = ["Wat is je personeelsnummer?"]'), "x.toml"
    )
    headers = ("Vraag 1.Wat is je personeelsnummer?", "ID", *MES5_HEADERS[1:])
    table = make_table([["P1", "1", "A", "T", *ANSWERS]], headers)
    # An instrument's id headers rank above a survey tool's response number.
    assert map_columns(table, instrument).dimensions["id"] == 0
