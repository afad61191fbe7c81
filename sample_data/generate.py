"""Generate the committed sample data: one fictional Dutch insurer surveyed in three quarters.

Writes, next to this script, `2026-Q1.xlsx`, `2026-Q2.xlsx` and `2026-Q3.xlsx` laid out like a
Microsoft Forms "Open in Excel" export of the MES-5 questionnaire, and `2026-Q3.csv` with the Q3
data as a Dutch Excel would save it (`;`, UTF-8 with BOM, CRLF). Everything is drawn from one seeded
random generator and the workbooks get fixed timestamps, so a rerun writes byte-identical files.

The story the data tells (see README.md): most teams stay stable, Klantcontact Zuid improves and
Schade Particulier declines from Q2 to Q3, Fraudeonderzoek always has 3 respondents, Klantcontact
Noord is renamed Klantcontact Noord-Oost in Q3 and Online Verkoop is new in Q3.

Q3 also asks the two outcome questions MES-5 recognises: energy at the end of the workday (1-10
report grade) and the eNPS question (0-10). They are drawn from a separate seeded generator after
the five statements, so the statements are the same as before they were added, and energy
really depends on some traits: mostly on room and speed, a little on signals, plus noise (see
`draw_outcomes`); eNPS follows energy loosely.

Run `.venv/bin/python sample_data/generate.py`; it prints a summary read back from the workbooks.
"""

from __future__ import annotations

import csv
import io
import random
import tomllib
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
INSTRUMENT = HERE.parent / "mes" / "instruments" / "mes-5.toml"
SEED = 2026
FIXED_TIMESTAMP = datetime(2026, 1, 1, 9, 0, 0)
TRAIT_ORDER = ("signals", "room", "criticism", "feedback", "speed")

# The answer labels Microsoft Forms writes for a Dutch 5-point Likert question, scored 1..5.
LABELS = ("Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens")
NOT_APPLICABLE = "n.v.t."

ID_HEADER = "ID"
START_HEADER = "Start time"
END_HEADER = "Completion time"
DEPARTMENT_HEADER = "Bij welke afdeling werk je?"
TEAM_HEADER = "In welk team werk je?"
ROLE_HEADER = "Wat is je functie?"
FORMS_HEADERS = (ID_HEADER, START_HEADER, END_HEADER, "Email", "Name")
GROUP_HEADERS = (DEPARTMENT_HEADER, TEAM_HEADER, ROLE_HEADER)

MANAGEMENT, FRONT, BACK = "Management", "Frontoffice", "Backoffice"

# Latent model of one answer on the 1..5 scale, rounded and clipped to 1..5:
#   BASE + team effect + team shift this quarter + quarter noise      (the team level)
#   + role effect + person level + drift this quarter                 (the person level)
#   + trait effect + team and role trait effects + answer noise       (the answer)
# The shared person level makes the five traits correlate as real answers do. People are the same
# from quarter to quarter (a roster per team, a random part of whom respond), so teams without a
# designed shift stay stable apart from who happened to respond and small random noise.
BASE = 3.7
PERSON_SD = 0.6  # between people of one team, lasting
DRIFT_SD = 0.1  # one person from quarter to quarter
ANSWER_SD = 0.45  # one answer around the person's level
QUARTER_NOISE_SD = 0.03
# `room` weakest (MSI 2020: 51% lack room to solve a customer's problem), `criticism` second.
TRAIT_EFFECT = {"signals": 0.30, "room": -0.50, "criticism": -0.28, "feedback": 0.0, "speed": 0.12}
ROLE_EFFECT = {MANAGEMENT: 0.25, FRONT: 0.0, BACK: -0.10}
ROLE_TRAIT_EFFECT = {
    MANAGEMENT: {"room": 0.35},
    FRONT: {},
    BACK: {"feedback": -0.40, "signals": -0.15},
}

# Share of each team's rows with a missing answer, the share of those missing two (never more),
# and the share of missing answers that say "n.v.t." rather than being blank: about 2% of cells.
INCOMPLETE_ROW_SHARE = 0.1
TWO_MISSING_SHARE = 0.15
NOT_APPLICABLE_SHARE = 0.2


# Outcome questions, Q3 only, on their own generator so that every statement stays as it was.
OUTCOME_SEED = SEED + 3
ENERGY_HEADER = "Met hoeveel energie ga je aan het eind van de werkdag naar huis?"
ENPS_HEADER = "Hoe waarschijnlijk is het dat je Verzekeraar Noorderlicht als werkgever aanbeveelt?"
OUTCOME_HEADERS = (ENERGY_HEADER, ENPS_HEADER)
# Energy (1-10) = ENERGY_BASE + weight x (answer - 3) per trait + noise: room and speed drive it.
ENERGY_BASE = 5.4
ENERGY_WEIGHTS = {"signals": 0.25, "room": 0.9, "criticism": 0.0, "feedback": 0.1, "speed": 0.7}
ENERGY_SD = 0.9
# eNPS answer (0-10) = ENPS_BASE + ENPS_PER_ENERGY x (energy - ENERGY_BASE) + noise.
ENPS_BASE = 6.9
ENPS_PER_ENERGY = 0.8
ENPS_SD = 1.3
OUTCOME_BLANK_SHARE = 0.03


@dataclass(frozen=True)
class Team:
    """One team of the organisation and how its people tend to answer."""

    key: str
    department: str
    sizes: tuple[int, int, int]  # respondents in Q1, Q2, Q3 (0: team not in that quarter)
    front_share: float  # share of the non-management staff working in the front office
    effect: float = 0.0
    trait_effects: dict[str, float] = field(default_factory=dict)
    shifts: tuple[float, float, float] = (0.0, 0.0, 0.0)  # per-quarter change of the team level
    names: tuple[str, str, str] | None = None  # per-quarter name when the team is renamed
    department_head: bool = False  # the department's manager answers in this team

    def name(self, quarter: int) -> str:
        """The team name as respondents chose it in the given quarter (0-based)."""
        return self.names[quarter] if self.names else self.key


TEAMS = (
    Team(
        "Klantcontact Noord",
        "Klantenservice",
        (24, 25, 24),
        0.9,
        effect=-0.05,
        names=("Klantcontact Noord", "Klantcontact Noord", "Klantcontact Noord-Oost"),
        department_head=True,
    ),
    # Improves in Q3: new team lead, weekly customer-signal huddle, more mandate on the phone.
    Team(
        "Klantcontact Zuid",
        "Klantenservice",
        (22, 21, 23),
        0.9,
        effect=-0.22,
        shifts=(0.0, 0.0, 0.5),
    ),
    Team("Chat & Social", "Klantenservice", (12, 13, 12), 0.95, effect=0.12),
    # Declines in Q3: backlog after the summer storms.
    Team(
        "Schade Particulier",
        "Schadebehandeling",
        (20, 21, 20),
        0.5,
        effect=0.10,
        shifts=(0.0, 0.0, -0.55),
        department_head=True,
    ),
    Team("Schade Zakelijk", "Schadebehandeling", (14, 14, 15), 0.4, effect=0.0),
    Team("Letselschade", "Schadebehandeling", (9, 9, 8), 0.5, effect=0.08),
    # Always fewer than 5 respondents: must be suppressed in every output.
    Team("Fraudeonderzoek", "Schadebehandeling", (3, 3, 3), 0.0, effect=-0.05),
    Team(
        "Advies Particulier",
        "Verkoop & Advies",
        (16, 17, 16),
        0.85,
        effect=0.05,
        department_head=True,
    ),
    # Account managers with plenty of mandate: here `criticism` is weakest, not `room`.
    Team(
        "Advies Zakelijk",
        "Verkoop & Advies",
        (11, 11, 12),
        0.8,
        effect=0.15,
        trait_effects={"room": 0.55},
    ),
    Team("Online Verkoop", "Verkoop & Advies", (0, 0, 6), 0.8, effect=0.10),
    Team(
        "Premie & Incasso",
        "Financiën",
        (9, 9, 8),
        0.3,
        effect=-0.10,
        department_head=True,
    ),
    # Pays out claims without seeing customers: here `feedback` is weakest.
    Team(
        "Uitkeringen", "Financiën", (8, 9, 8), 0.1, effect=-0.05, trait_effects={"feedback": -0.5}
    ),
)


@dataclass(frozen=True)
class Quarter:
    """One survey round: its name and the working days the form was open."""

    name: str
    first_day: date
    last_day: date


QUARTERS = (
    Quarter("2026-Q1", date(2026, 3, 2), date(2026, 3, 13)),
    Quarter("2026-Q2", date(2026, 6, 1), date(2026, 6, 12)),
    Quarter("2026-Q3", date(2026, 9, 7), date(2026, 9, 18)),
)


@dataclass(frozen=True)
class Person:
    """One employee, the same across quarters (answers stay anonymous: nothing links them)."""

    role: str
    level: float  # lasting personal deviation from the team level


@dataclass(frozen=True)
class Response:
    """One submitted form, as Forms stores it."""

    start: datetime
    end: datetime
    department: str
    team: str
    role: str
    answers: tuple[str | int | None, ...]  # per statement a label, "n.v.t." or None; then outcomes


def statement_texts(path: Path = INSTRUMENT) -> list[str]:
    """The Dutch statements of MES-5 in trait order, exactly as the built-in instrument has them."""
    instrument = tomllib.loads(path.read_text(encoding="utf-8"))
    traits = instrument["traits"]
    keys = tuple(trait["key"] for trait in traits)
    if keys != TRAIT_ORDER:
        raise SystemExit(f"mes-5.toml has traits {keys}, expected {TRAIT_ORDER}")
    return [trait["items"][0]["text_nl"] for trait in traits]


def team_roles(rng: random.Random, team: Team, size: int) -> list[str]:
    """Roles of a team's members: its lead (and maybe the department head), then the staff."""
    managers = min(size, 1 + int(team.department_head))
    staff = [FRONT if rng.random() < team.front_share else BACK for _ in range(size - managers)]
    return [MANAGEMENT] * managers + staff


def draw_scores(rng: random.Random, level: float, team: Team, role: str) -> list[int]:
    """One person's five answers (1..5): a shared personal level plus trait effects and noise."""
    scores = []
    for trait in TRAIT_ORDER:
        value = (
            level
            + TRAIT_EFFECT[trait]
            + team.trait_effects.get(trait, 0.0)
            + ROLE_TRAIT_EFFECT[role].get(trait, 0.0)
            + rng.gauss(0.0, ANSWER_SD)
        )
        scores.append(min(5, max(1, round(value))))
    return scores


def leave_blanks(rng: random.Random, scores: list[int], missing: int) -> tuple[str | None, ...]:
    """Turn scores into Forms labels, leaving `missing` statements blank or "n.v.t."."""
    answers: list[str | None] = [LABELS[score - 1] for score in scores]
    for index in rng.sample(range(len(answers)), missing):
        answers[index] = NOT_APPLICABLE if rng.random() < NOT_APPLICABLE_SHARE else None
    return tuple(answers)


def missing_counts(rng: random.Random, size: int) -> list[int]:
    """How many answers each of a team's respondents leaves open: 0, 1 or at most 2.

    A fixed share of each team's rows has a gap, so luck cannot empty a team of scored people.
    """
    gaps = int(size * INCOMPLETE_ROW_SHARE + 0.5)
    counts = [0] * size
    for index in rng.sample(range(size), gaps):
        counts[index] = 2 if rng.random() < TWO_MISSING_SHARE else 1
    return counts


def working_moment(rng: random.Random, quarter: Quarter) -> datetime:
    """A random moment during office hours on a working day while the form was open."""
    days = [
        quarter.first_day + timedelta(days=offset)
        for offset in range((quarter.last_day - quarter.first_day).days + 1)
    ]
    day = rng.choice([d for d in days if d.weekday() < 5])
    seconds = rng.randint(8 * 3600, 17 * 3600 + 30 * 60)
    return datetime.combine(day, time()) + timedelta(seconds=seconds)


def build_roster(rng: random.Random, team: Team) -> list[Person]:
    """Everyone in a team: a few more people than ever respond, each with a lasting level."""
    size = max(team.sizes) + 1 + max(team.sizes) // 10
    return [Person(role, rng.gauss(0.0, PERSON_SD)) for role in team_roles(rng, team, size)]


def respondents(rng: random.Random, roster: list[Person], size: int) -> list[Person]:
    """Who fills in the form this quarter: every manager, and a random part of the staff."""
    managers = [person for person in roster if person.role == MANAGEMENT]
    staff = [person for person in roster if person.role != MANAGEMENT]
    return managers + rng.sample(staff, size - len(managers))


def generate_quarter(
    rng: random.Random, rosters: dict[str, list[Person]], index: int
) -> list[Response]:
    """All responses of one quarter, ordered by completion time as Forms numbers them."""
    quarter = QUARTERS[index]
    responses = []
    for team in TEAMS:
        if team.sizes[index] == 0:
            continue
        team_level = BASE + team.effect + team.shifts[index] + rng.gauss(0.0, QUARTER_NOISE_SD)
        people = respondents(rng, rosters[team.key], team.sizes[index])
        for person, missing in zip(people, missing_counts(rng, len(people)), strict=True):
            level = team_level + ROLE_EFFECT[person.role] + person.level
            level += rng.gauss(0.0, DRIFT_SD)
            answers = leave_blanks(rng, draw_scores(rng, level, team, person.role), missing)
            start = working_moment(rng, quarter)
            end = start + timedelta(seconds=rng.randint(75, 540))
            responses.append(
                Response(start, end, team.department, team.name(index), person.role, answers)
            )
    responses.sort(key=lambda response: response.end)
    return responses


def draw_outcomes(
    rng: random.Random, answers: tuple[str | int | None, ...]
) -> tuple[int | None, ...]:
    """Energy (1-10) and eNPS (0-10) of one respondent, from their statements (a skipped one
    counts as neutral) plus noise; a few leave a question blank."""
    scores = [LABELS.index(a) + 1 if a in LABELS else 3 for a in answers]
    pairs = zip(TRAIT_ORDER, scores, strict=True)
    energy_level = ENERGY_BASE + sum(ENERGY_WEIGHTS[trait] * (score - 3) for trait, score in pairs)
    energy = min(10, max(1, round(energy_level + rng.gauss(0.0, ENERGY_SD))))
    enps_level = ENPS_BASE + ENPS_PER_ENERGY * (energy - ENERGY_BASE)
    enps = min(10, max(0, round(enps_level + rng.gauss(0.0, ENPS_SD))))
    return tuple(None if rng.random() < OUTCOME_BLANK_SHARE else value for value in (energy, enps))


def with_outcomes(rng: random.Random, responses: list[Response]) -> list[Response]:
    """The responses with the two outcome answers after the statements."""
    return [
        Response(
            r.start,
            r.end,
            r.department,
            r.team,
            r.role,
            (*r.answers, *draw_outcomes(rng, r.answers)),
        )
        for r in responses
    ]


def rows(responses: list[Response]) -> list[list[object]]:
    """The cells of each response in export column order (without the header)."""
    return [
        [number, r.start, r.end, "anonymous", None, r.department, r.team, r.role, *r.answers]
        for number, r in enumerate(responses, start=1)
    ]


def deterministic_xlsx(workbook: Workbook) -> bytes:
    """The workbook as xlsx bytes with fixed document and zip-entry timestamps."""
    workbook.properties.created = FIXED_TIMESTAMP
    workbook.properties.modified = FIXED_TIMESTAMP
    # `Workbook.save` stamps the current time into `modified`, so drive the writer directly.
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, FIXED_TIMESTAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return fixed.getvalue()


def write_xlsx(path: Path, header: list[str], responses: list[Response]) -> None:
    """Write one quarter as a Forms "Open in Excel" export: one sheet `Sheet1`, header on row 1."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows(responses):
        sheet.append(row)
    for column in ("B", "C"):
        for cell in sheet[column][1:]:
            cell.number_format = "m/d/yy h:mm:ss"
    path.write_bytes(deterministic_xlsx(workbook))


def write_dutch_csv(path: Path, header: list[str], responses: list[Response]) -> None:
    """Write responses as Dutch Excel saves "CSV UTF-8": `;`, BOM, CRLF, dd-mm-yyyy times."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for row in rows(responses):
            writer.writerow(
                [
                    cell.strftime("%d-%m-%Y %H:%M:%S") if isinstance(cell, datetime) else cell
                    for cell in row
                ]
            )


def summarise(path: Path) -> None:
    """Read a workbook back and print per team the count, the mean answers and % energetic."""
    sheet = load_workbook(path, read_only=True)["Sheet1"]
    table = list(sheet.iter_rows(values_only=True))
    header, body = list(table[0]), table[1:]
    team_col = header.index(TEAM_HEADER)
    dept_col = header.index(DEPARTMENT_HEADER)
    first = len(FORMS_HEADERS) + len(GROUP_HEADERS)
    by_team: dict[tuple[str, str], list[list[int | None]]] = defaultdict(list)
    for row in body:
        statements = row[first : first + len(TRAIT_ORDER)]
        scores = [LABELS.index(a) + 1 if a in LABELS else None for a in statements]
        by_team[(str(row[dept_col]), str(row[team_col]))].append(scores)
    print(f"{path.name}: {len(body)} rows")
    print(
        f"  {'department / team':<45}{'rows':>5}{'complete':>9}"
        + "".join(f"{key:>10}" for key in TRAIT_ORDER)
    )
    for (department, team), people in sorted(by_team.items()):
        means = []
        for trait in range(len(TRAIT_ORDER)):
            values = [p[trait] for p in people if p[trait] is not None]
            means.append(sum(values) / len(values) if values else float("nan"))
        complete = sum(None not in p for p in people)
        label = f"{department} / {team}"
        print(f"  {label:<45}{len(people):>5}{complete:>9}" + "".join(f"{m:>10.2f}" for m in means))
    everyone = [p for people in by_team.values() for p in people]
    energetic = sum(all(s is not None and s >= 4 for s in p) for p in everyone)
    print(f"  all five answers >= 4: {energetic}/{len(everyone)} = {energetic / len(everyone):.1%}")
    if ENERGY_HEADER in header:
        column = header.index(ENERGY_HEADER)
        energy = [row[column] for row in body if isinstance(row[column], int)]
        high = sum(e >= 8 for e in energy) / len(energy)
        low = sum(e <= 6 for e in energy) / len(energy)
        print(f"  energy: mean {sum(energy) / len(energy):.2f}, >= 8: {high:.0%}, <= 6: {low:.0%}")


def main() -> None:
    """Generate every sample file next to this script and print a summary of each workbook."""
    rng = random.Random(SEED)
    rosters = {team.key: build_roster(rng, team) for team in TEAMS}
    header = [*FORMS_HEADERS, *GROUP_HEADERS, *statement_texts()]
    for index, quarter in enumerate(QUARTERS):
        responses = generate_quarter(rng, rosters, index)
        if index == len(QUARTERS) - 1:  # the latest quarter asks the outcome questions too
            responses = with_outcomes(random.Random(OUTCOME_SEED), responses)
            write_xlsx(HERE / f"{quarter.name}.xlsx", [*header, *OUTCOME_HEADERS], responses)
            write_dutch_csv(HERE / f"{quarter.name}.csv", [*header, *OUTCOME_HEADERS], responses)
        else:
            write_xlsx(HERE / f"{quarter.name}.xlsx", header, responses)
    for quarter in QUARTERS:
        summarise(HERE / f"{quarter.name}.xlsx")


if __name__ == "__main__":
    main()
