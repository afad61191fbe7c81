"""Small mirror surveys built in memory: an employee table and a customer table."""

from __future__ import annotations

from collections.abc import Sequence

from mes.mirror_definition import MirrorDefinition, parse_definition
from mes.table import RawTable
from tests.conftest import MES5_HEADERS, make_table

DEFINITION_TOML = """
id = "test-mirror"
name = "Test mirror"

[[aspects]]
key = "friendliness"
name = "Friendliness"
name_nl = "Vriendelijkheid"
customer = ["How friendly were we?"]
employee = ["How friendly do customers find us?"]

[[aspects]]
key = "speed"
name = "Speed"
name_nl = "Snelheid"
customer = ["How fast were we?"]
employee = ["How fast do customers find us?"]
"""

EMPLOYEE_HEADERS = (
    *MES5_HEADERS,
    "How friendly do customers find us?",
    "How fast do customers find us?",
)
CUSTOMER_HEADERS = (
    "Naam",
    "E-mail",
    "team",
    "How friendly were we?",
    "How fast were we?",
    "Opmerking",
)
SECRET_NAME = "Henk de Klant"
SECRET_MAIL = "henk@example.nl"
SECRET_COMMENT = "Mijn buurman Piet was erg boos"


def definition() -> MirrorDefinition:
    return parse_definition(DEFINITION_TOML, "test-mirror.toml")


def employee_rows(
    teams: Sequence[tuple[str, str, int]], expect: tuple[int, int] = (3, 4)
) -> list[list[str | None]]:
    """Per (department, team, size): people with varied MES answers and expectations."""
    rows: list[list[str | None]] = []
    for t, (dept, team, size) in enumerate(teams):
        for i in range(size):
            answers = [str(1 + (i + t + j) % 5) for j in range(5)]
            e = [
                str(min(5, max(1, expect[0] + (i % 3) - 1))),
                str(min(5, max(1, expect[1] + (i % 2)))),
            ]
            rows.append([f"p{t}-{i}", dept, team, *answers, *e])
    return rows


def customer_rows(
    teams: Sequence[tuple[str, int]], answers: tuple[int, int] = (5, 3)
) -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    for team, size in teams:
        for i in range(size):
            a = [
                str(min(5, max(1, answers[0] - (i % 2)))),
                str(min(5, max(1, answers[1] + (i % 3) - 1))),
            ]
            rows.append([SECRET_NAME, SECRET_MAIL, team, *a, SECRET_COMMENT])
    return rows


def tables(
    employees: list[list[str | None]], customers: list[list[str | None]]
) -> tuple[RawTable, RawTable]:
    return (
        make_table(employees, EMPLOYEE_HEADERS, source="staff.xlsx"),
        make_table(customers, CUSTOMER_HEADERS, source="customers.xlsx"),
    )
