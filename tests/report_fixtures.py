"""Realistic `ScoreReport`s for the renderer tests, built through the Python API (no file reader).

`survey()` makes a seeded, made-up survey of a Dutch insurance office: four departments, teams of
3 (suppressed), 4, 6, 7 (suppressed to protect a smaller team) and up to 14, a ``--by rol``
breakdown, a few incomplete, empty and invalid rows, and hostile team names: a formula, a DDE
payload, a control character and a 40,000-character name. The raw rows are kept, so a test can
compute a suppressed group's real figures on its own and check that none of them leaks.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mes.instrument import Instrument, builtin, parse_instrument
from mes.report import score
from mes.results import ScoreReport
from mes.settings import Settings
from mes.table import RawTable, SourceKind, column_letter
from mes.validation import validate
from tests.conftest import frame_from_rows

TRAITS = ("signals", "room", "criticism", "feedback", "speed")
HEADERS = ("id", "afdeling", "team", "rol", *TRAITS)

HYPERLINK = '=HYPERLINK("http://x","click")'
DDE = "+cmd|' /C calc'!A0"
CONTROL = "Advies\x07Zakelijk"
LONG = ("Uitkeringen en Regres " * 2000)[:40_000].strip() + " Z"
AT_ROLE = "@Management"
DASH_ROLE = "-Stagiair"

#: (department, team, scored people, mean answer shift): sizes chosen so that every suppressed
#: group's size differs from every figure the workbook does show.
TEAMS: tuple[tuple[str, str, int, float], ...] = (
    ("Klantenservice", "Klantcontact Noord", 12, 0.3),
    ("Klantenservice", "Klantcontact Zuid", 14, -0.4),
    ("Klantenservice", "Chat & Social", 6, 0.1),
    ("Schadebehandeling", "Schade Particulier", 12, 0.2),
    ("Schadebehandeling", "Letselschade", 7, -0.2),  # hidden: protects Fraudeonderzoek
    ("Schadebehandeling", "Fraudeonderzoek", 3, 0.6),  # hidden: too few
    ("Verkoop & Advies", HYPERLINK, 6, 0.4),
    ("Verkoop & Advies", DDE, 9, -0.1),
    ("Verkoop & Advies", CONTROL, 10, 0.5),
    ("Financiën", LONG, 11, 0.0),
    ("Financiën", "Premie & Incasso", 8, -0.25),  # hidden: protects Uitkeringen
    ("Financiën", "Uitkeringen", 4, -0.5),  # hidden: too few
)

HEADER_ROW = 1


@dataclass(frozen=True)
class Survey:
    """A made-up survey: the rows as written in the file, and the report scored from them."""

    rows: list[list[str | None]]
    row_numbers: list[int]
    report: ScoreReport
    instrument: Instrument

    def scored_people(self, keep: Callable[[list[str | None]], bool]) -> list[list[float]]:
        """Trait scores (0-100) of every scored person in the rows ``keep`` selects.

        Written independently of mes: a person counts when every answer is a whole number on
        the scale and their id was not seen before.
        """
        return _scored(self.rows, keep, self.instrument)


def survey(*, individuals: bool = False, seed: int = 2026, lang_by: str = "rol") -> Survey:
    """The standard survey, scored with default settings and a ``--by rol`` breakdown."""
    rng = random.Random(seed)
    rows: list[list[str | None]] = []
    person = 0
    for department, team, size, shift in TEAMS:
        for i in range(size):
            person += 1
            role = _role(i)
            rows.append([str(person), department, team, role, *_answers(rng, shift, 5)])
    # Problem rows, at the end so their row numbers are large: an incomplete respondent (no MES),
    # an empty line and an out-of-range answer (left out with --skip-invalid).
    rows.append(
        ["901", "Klantenservice", "Klantcontact Zuid", "Frontoffice", "4", "", "3", "", "2"]
    )
    rows.append(["902", "Financiën", "Uitkeringen", "Backoffice", None, None, None, None, None])
    rows.append(["903", "Klantenservice", "Chat & Social", "Frontoffice", "4", "9", "3", "4", "4"])
    return _scored_survey(rows, builtin(), individuals=individuals)


def tiny_survey() -> Survey:
    """Four respondents: the organisation itself is suppressed."""
    rng = random.Random(7)
    rows: list[list[str | None]] = [
        [str(i + 1), "Klantenservice", "Team A", "Frontoffice", *_answers(rng, 0.0, 5)]
        for i in range(4)
    ]
    return _scored_survey(rows, builtin())


MULTI_ITEM_TOML = """
id = "mes-multi"
name = "MES multi-item test"
version = "2"
[scale]
min = 1
max = 5
[[traits]]
key = "signals"
name = "Customer signals"
name_nl = "Klantsignalen"
[[traits.items]]
key = "signals_1"
text_en = "I pass customer signals on."
text_nl = "Ik geef klantsignalen door."
[[traits.items]]
key = "signals_2"
text_en = "I tell colleagues what customers say."
text_nl = "Ik vertel collega's wat klanten zeggen."
[[traits]]
key = "room"
name = "Room"
name_nl = "Ruimte"
[[traits.items]]
key = "room"
text_en = "I have room to solve problems."
text_nl = "Ik heb ruimte om problemen op te lossen."
[[traits]]
key = "speed"
name = "Speed"
name_nl = "Snelheid"
[[traits.items]]
key = "speed_1"
text_en = "I switch quickly."
text_nl = "Ik schakel snel."
[[traits.items]]
key = "speed_2"
text_en = "Improvements take me long."
text_nl = "Verbeteringen kosten mij veel tijd."
reverse = true
"""


def multi_item_survey() -> Survey:
    """A three-trait instrument with two-item traits: one reliable, one not (alpha < 0.70)."""
    instrument = parse_instrument(MULTI_ITEM_TOML, source="<test>")
    rng = random.Random(11)
    headers = ("id", "team", "signals_1", "signals_2", "room", "speed_1", "speed_2")
    rows: list[list[str | None]] = []
    for i in range(40):
        latent = rng.gauss(0, 1)
        team = "Team A" if i < 20 else "Team B"
        signals = [_likert(3 + latent + rng.gauss(0, 0.4)) for _ in range(2)]
        room = _likert(3 + rng.gauss(0, 1))
        # Unrelated items: their alpha is low, and the report must warn about it.
        speed = [_likert(3 + rng.gauss(0, 1)), _likert(3 + rng.gauss(0, 1))]
        rows.append([str(i + 1), team, *signals, room, *speed])
    return _scored_survey(rows, instrument, headers=headers)


def _scored_survey(
    rows: list[list[str | None]],
    instrument: Instrument,
    *,
    headers: Sequence[str] = HEADERS,
    individuals: bool = False,
) -> Survey:
    row_numbers = list(range(HEADER_ROW + 1, HEADER_ROW + 1 + len(rows)))
    table = RawTable(
        source="survey.xlsx",
        kind=SourceKind.XLSX,
        headers=tuple(headers),
        frame=frame_from_rows(rows, row_numbers, len(headers)),
        sheet="Sheet1",
        header_row=HEADER_ROW,
        column_refs=tuple(column_letter(i) for i in range(len(headers))),
    )
    by = ["rol"] if "rol" in headers else []
    responses = validate(table, instrument, by=by, skip_invalid=True)
    report = score(responses, instrument, Settings(), individuals=individuals)
    return Survey(rows, row_numbers, report, instrument)


def _role(index: int) -> str:
    if index == 0:
        return AT_ROLE
    if index == 1:
        return DASH_ROLE
    return "Frontoffice" if index % 2 else "Backoffice"


def _answers(rng: random.Random, shift: float, count: int) -> list[str | None]:
    return [_likert(3.3 + shift + rng.gauss(0, 1.0)) for _ in range(count)]


def _likert(value: float) -> str:
    return str(min(5, max(1, round(value))))


def _scored(
    rows: list[list[str | None]], keep: Callable[[list[str | None]], bool], instrument: Instrument
) -> list[list[float]]:
    low, high = instrument.scale.min, instrument.scale.max
    people = []
    seen: set[str | None] = set()
    for row in rows:
        answers = row[4:]
        if row[0] in seen or not keep(row):
            continue
        seen.add(row[0])
        if not all(a is not None and a.isdigit() and low <= int(a) <= high for a in answers):
            continue
        people.append([100 * (int(a or 0) - low) / (high - low) for a in answers])
    return people


def group_figures(people: list[list[float]]) -> tuple[list[float], list[float]]:
    """The figures a group of people would show, as (distinctive, coarse).

    Distinctive: n, MES mean and standard deviation. Coarse: the trait means, which for a small
    group take few possible values (multiples of 100/12 for three people on a 1-5 scale), so
    another group may show the very same number by coincidence.
    """
    mes = [statistics.fmean(p) for p in people]
    distinctive = [float(len(people)), statistics.fmean(mes)]
    if len(people) > 1:
        distinctive.append(statistics.stdev(mes))
    coarse = [statistics.fmean(p[t] for p in people) for t in range(len(people[0]))]
    return distinctive, coarse
