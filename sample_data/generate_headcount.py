"""Generate the sample headcounts: who was invited to each quarter's survey (see README.md).

Reads each quarter's survey workbook (`2026-Q1.xlsx` ...), counts its rows per team and invites
a few more people than answered, so that invited >= respondents everywhere. The story: about
80% respond in most teams; Verkoop & Advies falls to about half in Q3 (below the 60% flag);
Financiën has a new team Data & Analyse in Q3 that was invited but did not answer.

- `2026-Q1-headcount.xlsx`, `2026-Q2-headcount.xlsx`: one row per team (Afdeling, Team, Aantal).
- `2026-Q3-headcount.xlsx`: one row per employee, a staff list with made-up names, e-mail
  addresses and personnel numbers (mes reads only Afdeling and Team).

A fixed seed and fixed workbook timestamps make a rerun write byte-identical files.
Run `.venv/bin/python sample_data/generate_headcount.py`.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

from generate import DEPARTMENT_HEADER, TEAM_HEADER, deterministic_xlsx
from openpyxl import Workbook, load_workbook

HERE = Path(__file__).resolve().parent
SEED = 2026
QUARTERS = ("2026-Q1", "2026-Q2", "2026-Q3")
LOW_DEPARTMENT, LOW_QUARTER, LOW_RATE = "Verkoop & Advies", "2026-Q3", 0.5
NEW_TEAM = ("Financiën", "Data & Analyse", 4)  # invited in Q3, no one answered
FIRST = ("Anna", "Bram", "Chantal", "Daan", "Eva", "Finn", "Hanna", "Jeroen", "Lotte", "Mehmet")
LAST = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Yilmaz", "Mulder", "Bos")


def respondents(quarter: str) -> Counter[tuple[str, str]]:
    """Rows per (department, team) of a quarter's survey workbook."""
    sheet = load_workbook(HERE / f"{quarter}.xlsx", read_only=True).active
    assert sheet is not None
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    d, t = header.index(DEPARTMENT_HEADER), header.index(TEAM_HEADER)
    return Counter((str(r[d]), str(r[t])) for r in sheet.iter_rows(min_row=2, values_only=True))


def invited(
    rng: random.Random, quarter: str, counts: Counter[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    out = {}
    for (dept, team), n in sorted(counts.items()):
        rate = (
            LOW_RATE
            if (dept, quarter) == (LOW_DEPARTMENT, LOW_QUARTER)
            else rng.uniform(0.72, 0.92)
        )
        out[(dept, team)] = max(n, math.ceil(n / rate))
    if quarter == "2026-Q3":
        out[NEW_TEAM[:2]] = NEW_TEAM[2]
    return out


def write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Personeel"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path.write_bytes(deterministic_xlsx(workbook))


def main() -> None:
    rng = random.Random(SEED)
    for quarter in QUARTERS:
        counts = respondents(quarter)
        groups = invited(rng, quarter, counts)
        path = HERE / f"{quarter}-headcount.xlsx"
        if quarter != "2026-Q3":
            rows: list[list[object]] = [[d, t, n] for (d, t), n in groups.items()]
            write(path, ["Afdeling", "Team", "Aantal"], rows)
        else:
            rows = []
            for (dept, team), n in groups.items():
                for _ in range(n):
                    number = 10000 + len(rows) * 7 + rng.randint(0, 6)
                    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    email = name.lower().replace(" ", ".") + "@verzekeraar.example"
                    rows.append([number, name, email, dept, team])
            write(path, ["Personeelsnummer", "Naam", "E-mail", "Afdeling", "Team"], rows)
        total_n, total_i = sum(counts.values()), sum(groups.values())
        print(f"{path.name}: {total_n} of {total_i} invited ({total_n / total_i:.0%})")
        for (dept, team), n in groups.items():
            print(f"  {dept} / {team}: {counts.get((dept, team), 0)} of {n}")


if __name__ == "__main__":
    main()
