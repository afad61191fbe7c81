"""Generate the customer scores of 2026-Q2 for the lagged ``mes link``, one row per team.

Writes `2026-Q2-customers-teams.xlsx` next to this script: the summary a customer-survey tool
hands over, one row per team with `Afdeling`, `Team`, `Klantscore` (the team's mean report grade,
1-10, two decimals) and `Aantal` (the customer responses it rests on). Each team's grades are
drawn as in `generate_mirror.py` for Q3, from the team's level in the Q2 staff model, so teams
whose staff gain energy from Q2 to Q3 (Klantcontact Zuid) also gain customer score, and teams
that lose it (Schade Particulier) lose it. `Premie & Incasso` has 4 responses (below k = 5),
`Fraudeonderzoek` none, and `Online Verkoop` did not exist yet. `Klantcontact Noord` has its
Q2 name (it is renamed `Klantcontact Noord-Oost` in Q3).

Every other sample file is left alone. Seeded (`random.Random(20262)`) with fixed workbook
timestamps, so a rerun writes byte-identical files.
Run `.venv/bin/python sample_data/generate_link.py`.
"""

from __future__ import annotations

import random
from pathlib import Path

from generate import TEAMS, deterministic_xlsx  # this script's folder is on sys.path
from generate_mirror import GRADE_BASE, GRADE_PER_LEVEL, GRADE_SD
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "2026-Q2-customers-teams.xlsx"
SEED = 20262
Q2 = 1  # quarter index in generate.TEAMS
#: Customer responses per team in Q2 (Online Verkoop did not exist; Fraudeonderzoek has none).
RESPONSES = {
    "Klantcontact Noord": 81, "Klantcontact Zuid": 77, "Chat & Social": 58,
    "Schade Particulier": 62, "Schade Zakelijk": 28, "Letselschade": 19,
    "Advies Particulier": 40, "Advies Zakelijk": 25, "Premie & Incasso": 4, "Uitkeringen": 17,
}  # fmt: skip


def main() -> None:
    rng = random.Random(SEED)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Teams"
    ws.append(["Afdeling", "Team", "Klantscore", "Aantal"])
    for team in TEAMS:
        name = team.name(Q2)
        count = RESPONSES.get(name, 0)
        if team.sizes[Q2] == 0 or count == 0:
            continue
        level = team.effect + team.shifts[Q2] + sum(team.trait_effects.values()) / 5
        grades = [
            min(10, max(1, round(rng.gauss(GRADE_BASE + GRADE_PER_LEVEL * level, GRADE_SD))))
            for _ in range(count)
        ]
        mean = round(sum(grades) / count, 2)
        ws.append([team.department, name, mean, count])
        print(f"{name:<22} n={count:>3}  mean grade {mean:.2f}")
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 22
    OUTPUT.write_bytes(deterministic_xlsx(wb))


if __name__ == "__main__":
    main()
