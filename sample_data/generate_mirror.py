"""Generate the sample mirror survey for the latest quarter (2026-Q3).

Writes, next to this script:

- `2026-Q3-mirror-employees.xlsx`: every row and cell of `2026-Q3.xlsx` unchanged, plus the six
  expectation questions of the built-in mirror definition ("Hoe beoordelen klanten volgens jou
  onze ...?"), answered 1-5 as a Forms rating question writes them (numbers).
- `2026-Q3-customers.xlsx`: one row per customer response: a customer number, name, e-mail
  address and date (which `mes` must never show), the team that served the customer, the six
  customer questions answered with Dutch labels (`Zeer slecht` .. `Zeer goed`), an overall
  `Rapportcijfer` (1-10, for `mes link`), and a free-text comment (never shown either).

The story: customers rate friendliness clearly higher than employees expect (employees
underestimate it), and reachability clearly lower (employees overestimate it); the other aspects
are close. `Premie & Incasso` has only 3 customer responses, so its customer figures are hidden,
and so are those of `Uitkeringen` (otherwise `Financiën` minus `Uitkeringen` would give them away).
`Fraudeonderzoek` has no customer responses (and is suppressed in the staff survey anyway).

The existing sample files are only read. Seeded (`random.Random(20263)`) with fixed workbook
timestamps, so a rerun writes byte-identical files.
Run `.venv/bin/python sample_data/generate_mirror.py`.
"""

from __future__ import annotations

import random
import tomllib
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from generate import TEAMS, deterministic_xlsx  # this script's folder is on sys.path
from openpyxl import Workbook, load_workbook

HERE = Path(__file__).resolve().parent
DEFINITION = HERE.parent / "mes" / "instruments" / "mirror-default.toml"
SOURCE = HERE / "2026-Q3.xlsx"
EMPLOYEES = HERE / "2026-Q3-mirror-employees.xlsx"
CUSTOMERS = HERE / "2026-Q3-customers.xlsx"
SEED = 20263
TEAM_HEADER = "In welk team werk je?"
CUSTOMER_TEAM_HEADER = "Welk team heeft u geholpen?"
LABELS = ("Zeer slecht", "Slecht", "Neutraal", "Goed", "Zeer goed")

ASPECTS = ("friendliness", "speed", "expertise", "promises", "reachability", "first_time")
# Latent answers on 1-5 (rounded and clipped): what customers give, and what employees expect.
CUSTOMER_LEVEL = {
    "friendliness": 4.3, "speed": 3.3, "expertise": 3.9,
    "promises": 3.6, "reachability": 2.9, "first_time": 3.4,
}  # fmt: skip
EMPLOYEE_LEVEL = {
    "friendliness": 3.65, "speed": 3.35, "expertise": 3.95,
    "promises": 3.7, "reachability": 3.85, "first_time": 3.5,
}  # fmt: skip
CUSTOMER_SD = 0.85
EMPLOYEE_SD = 0.6
EMPLOYEE_PERSON_SD = 0.35  # a person's general optimism, shared over the six questions
# Per team: customer responses, and how that team's customers (and staff) differ from the rest.
CUSTOMER_TEAMS = {
    "Klantcontact Noord-Oost": (88, {"reachability": -0.2}),
    "Klantcontact Zuid": (84, {"friendliness": 0.15, "first_time": 0.2}),
    "Chat & Social": (61, {"reachability": 0.5, "speed": 0.3}),
    "Schade Particulier": (57, {"speed": -0.6, "promises": -0.3}),
    "Schade Zakelijk": (31, {}),
    "Letselschade": (22, {"friendliness": 0.2}),
    "Advies Particulier": (43, {"expertise": 0.15}),
    "Advies Zakelijk": (27, {"expertise": 0.3, "reachability": 0.3}),
    "Online Verkoop": (16, {"reachability": 0.4, "friendliness": -0.3}),
    "Premie & Incasso": (3, {}),
    "Uitkeringen": (19, {"speed": -0.2}),
}
NO_TEAM = 9  # customers who did not say which team helped them
# The overall grade (1-10) goes with the team's energy: its level in the staff survey model.
GRADE_BASE = 7.1
GRADE_PER_LEVEL = 3.0  # grade points per point of the team's latent answer level (1-5)
GRADE_SD = 1.3
NOT_APPLICABLE_SHARE = 0.03
SKIPPED_MIRROR_SHARE = 0.05  # staff who left the mirror questions blank
COMMENTS = (
    "Vriendelijk geholpen, maar ik moest lang wachten.",
    "Telefonisch slecht bereikbaar, via de chat ging het snel.",
    "Prima geregeld!",
    "Ik moest drie keer bellen voordat het was opgelost.",
    "Zeer deskundig advies, dank u wel.",
    "",
    "",
    "Beloofde terugbelafspraak is niet nagekomen.",
)
FIRST_NAMES = ("Anna", "Bram", "Carla", "Daan", "Eva", "Finn", "Grietje", "Hamza", "Iris", "Joost")
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "El Amrani", "Bos")


def questions() -> tuple[list[str], list[str]]:
    """The first (Dutch) customer and employee header of every aspect, from the definition."""
    aspects = tomllib.loads(DEFINITION.read_text(encoding="utf-8"))["aspects"]
    keys = tuple(a["key"] for a in aspects)
    if keys != ASPECTS:
        raise SystemExit(f"mirror-default.toml has aspects {keys}, expected {ASPECTS}")
    return [a["customer"][0] for a in aspects], [a["employee"][0] for a in aspects]


def answer(rng: random.Random, level: float, sd: float) -> int:
    return min(5, max(1, round(rng.gauss(level, sd))))


def write_employees(rng: random.Random, headers: list[str]) -> None:
    source = load_workbook(SOURCE)["Sheet1"]
    table = [list(row) for row in source.iter_rows(values_only=True)]
    team_col = table[0].index(TEAM_HEADER)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([*table[0], *headers])
    for row in table[1:]:
        effects = CUSTOMER_TEAMS.get(str(row[team_col]), (0, {}))[1]
        person = rng.gauss(0.0, EMPLOYEE_PERSON_SD)
        skipped = rng.random() < SKIPPED_MIRROR_SHARE
        extra: list[int | None] = []
        for key in ASPECTS:
            # Staff know their own team's strong and weak points half-way.
            level = EMPLOYEE_LEVEL[key] + person + 0.5 * effects.get(key, 0.0)
            extra.append(None if skipped else answer(rng, level, EMPLOYEE_SD))
        ws.append([*row, *extra])
    for column in ("B", "C"):
        for cell in ws[column][1:]:
            cell.number_format = "m/d/yy h:mm:ss"
    EMPLOYEES.write_bytes(deterministic_xlsx(wb))


def write_customers(rng: random.Random, headers: list[str]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Antwoorden"
    ws.append(
        ["Klantnummer", "Naam", "E-mailadres", "Datum", CUSTOMER_TEAM_HEADER, *headers,
         "Rapportcijfer", "Toelichting"]
    )  # fmt: skip
    # A second generator for the grade, so the other answers stay as they were before it.
    grades = random.Random(SEED + 1)
    level = {t.name(2): t.effect + t.shifts[2] + sum(t.trait_effects.values()) / 5 for t in TEAMS}
    rows = []
    teams = [(team, n, effects) for team, (n, effects) in CUSTOMER_TEAMS.items()]
    teams.append(("", NO_TEAM, {}))
    for team, count, effects in teams:
        for _ in range(count):
            cells: list[str | None] = []
            for key in ASPECTS:
                if rng.random() < NOT_APPLICABLE_SHARE:
                    cells.append("n.v.t.")
                    continue
                value = answer(rng, CUSTOMER_LEVEL[key] + effects.get(key, 0.0), CUSTOMER_SD)
                cells.append(LABELS[value - 1])
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            shown_team: str | None = team or None
            if team == "Klantcontact Zuid" and rng.random() < 0.2:
                shown_team = "klantcontact zuid "  # typed by hand: case and a trailing space
            rows.append(
                [
                    f"K-{rng.randint(100_000, 999_999)}",
                    f"{first} {last}",
                    f"{first.lower()}.{last.lower().replace(' ', '')}@example.nl",
                    date(2026, 9, 7) + timedelta(days=rng.randint(0, 11)),
                    shown_team,
                    *cells,
                    min(
                        10,
                        max(
                            1,
                            round(
                                grades.gauss(
                                    GRADE_BASE + GRADE_PER_LEVEL * level.get(team, 0.0), GRADE_SD
                                )
                            ),
                        ),
                    ),
                    rng.choice(COMMENTS) or None,
                ]
            )
    rng.shuffle(rows)
    for row in rows:
        ws.append(row)
    for cell in ws["D"][1:]:
        cell.number_format = "dd-mm-yyyy"
    CUSTOMERS.write_bytes(deterministic_xlsx(wb))


def summarise() -> None:
    """Mean answer per aspect: customers (labels) against employees (numbers)."""
    customer_headers, employee_headers = questions()
    cust = list(load_workbook(CUSTOMERS, read_only=True)["Antwoorden"].iter_rows(values_only=True))
    emp = list(load_workbook(EMPLOYEES, read_only=True)["Sheet1"].iter_rows(values_only=True))
    sums: dict[str, list[float]] = defaultdict(list)
    for key, ch, eh in zip(ASPECTS, customer_headers, employee_headers, strict=True):
        ci, ei = cust[0].index(ch), emp[0].index(eh)
        c = [LABELS.index(r[ci]) + 1 for r in cust[1:] if r[ci] in LABELS]
        e = [float(r[ei]) for r in emp[1:] if r[ei] is not None]
        sums[key] = [sum(c) / len(c), sum(e) / len(e)]
    print(f"{CUSTOMERS.name}: {len(cust) - 1} responses; {EMPLOYEES.name}: {len(emp) - 1} rows")
    print(f"  {'aspect':<14}{'customers':>10}{'employees':>10}")
    for key, (c, e) in sums.items():
        print(f"  {key:<14}{c:>10.2f}{e:>10.2f}")


def main() -> None:
    rng = random.Random(SEED)
    customer_headers, employee_headers = questions()
    write_employees(rng, employee_headers)
    write_customers(rng, customer_headers)
    summarise()


if __name__ == "__main__":
    main()
