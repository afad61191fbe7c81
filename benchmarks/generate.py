"""Write the benchmark surveys: MES-5 exports of 1,000, 100,000 and 1,000,000 respondents.

Each size is written twice, as the two files a user hands to ``mes``:

- ``benchmarks/data/survey-{size}.xlsx``: one sheet, header on row 1, written with openpyxl's
  write-only mode (answers as numbers, names as shared strings, like Excel saves them);
- ``benchmarks/data/survey-{size}.csv``: the same rows as Dutch Excel saves "CSV UTF-8":
  ``;`` separator, UTF-8 with BOM, CRLF line ends.

Columns: ``id, afdeling, team, rol`` and the five MES-5 statements in Dutch (the headers of a
Microsoft Forms export). Answers are whole numbers 1-5 with about 2% blanks; departments and teams
scale with the size (about 40 departments and 400 teams at a million rows), team sizes vary so that
some teams are small enough to be suppressed. A fixed seed makes every run write the same answers.

Files that exist are kept (the 1M workbook takes minutes to write) unless ``--force`` is given.

    .venv/bin/python benchmarks/generate.py [--sizes 1k,100k,1m] [--force]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
INSTRUMENT = ROOT.parent / "mes" / "instruments" / "mes-5.toml"
SIZES = {"1k": 1_000, "100k": 100_000, "1m": 1_000_000}
SEED = 2026
BLANK_SHARE = 0.02
TRAIT_SHIFT = (0.35, -0.45, -0.25, -0.05, 0.15)  # room and criticism are usually the weakest
ROLES = ("Management", "Frontoffice", "Backoffice")
ROLE_WEIGHTS = (0.1, 0.55, 0.35)
DEPARTMENT_WORDS = (
    "Klantenservice",
    "Schadebehandeling",
    "Verkoop & Advies",
    "Financiën",
    "Polisbeheer",
    "Acceptatie",
    "Inkoop",
    "Juridische Zaken",
    "Communicatie",
    "Informatievoorziening",
)


@dataclass(frozen=True)
class Survey:
    """The generated answers, column-wise: groups as text, answers as 0 (blank) or 1-5."""

    headers: list[str]
    departments: list[str]  # one per row
    teams: list[str]
    roles: list[str]
    answers: np.ndarray  # shape (rows, 5), int8, 0 = blank


def statements() -> list[str]:
    """The Dutch MES-5 statements, in trait order, as the built-in instrument states them."""
    with INSTRUMENT.open("rb") as fh:
        spec = tomllib.load(fh)
    return [trait["items"][0]["text_nl"] for trait in spec["traits"]]


def organisation(rows: int) -> tuple[list[str], list[str]]:
    """Team names and each team's department: ~400 teams in ~40 departments at 1M rows."""
    n_teams = max(10, round(400 * math.sqrt(rows / 1_000_000)))
    n_departments = max(3, n_teams // 10)
    departments = [
        f"{DEPARTMENT_WORDS[d % len(DEPARTMENT_WORDS)]} {d // len(DEPARTMENT_WORDS) + 1}"
        for d in range(n_departments)
    ]
    team_department = [departments[t % n_departments] for t in range(n_teams)]
    teams = [f"Team {t + 1:03d}" for t in range(n_teams)]
    return teams, team_department


def generate(rows: int, seed: int = SEED) -> Survey:
    """Answers for ``rows`` respondents: a person level, a team level and a per-trait shift."""
    rng = np.random.default_rng(seed)
    teams, team_department = organisation(rows)
    weights = rng.lognormal(0.0, 1.0, len(teams))
    team_of = rng.choice(len(teams), size=rows, p=weights / weights.sum())
    team_level = rng.normal(0.0, 0.35, len(teams))
    person = rng.normal(3.3, 0.6, rows) + team_level[team_of]
    latent = person[:, None] + np.asarray(TRAIT_SHIFT) + rng.normal(0.0, 0.8, (rows, 5))
    answers = np.clip(np.rint(latent), 1, 5).astype(np.int8)
    answers[rng.random((rows, 5)) < BLANK_SHARE] = 0
    roles = rng.choice(len(ROLES), size=rows, p=ROLE_WEIGHTS)
    return Survey(
        headers=["id", "afdeling", "team", "rol", *statements()],
        departments=[team_department[t] for t in team_of],
        teams=[teams[t] for t in team_of],
        roles=[ROLES[r] for r in roles],
        answers=answers,
    )


def write_csv(survey: Survey, path: Path) -> None:
    """``;``-separated, UTF-8 with BOM, CRLF: what Dutch Excel saves as "CSV UTF-8"."""
    answer_text = np.array(["", "1", "2", "3", "4", "5"])[survey.answers]
    lines = [";".join(survey.headers)]
    for i, cells in enumerate(answer_text.tolist()):
        groups = f"{i + 1};{survey.departments[i]};{survey.teams[i]};{survey.roles[i]}"
        lines.append(groups + ";" + ";".join(cells))
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        fh.write("\r\n".join(lines) + "\r\n")


def write_xlsx(survey: Survey, path: Path) -> None:
    """One sheet, header on row 1, answers as numbers and blanks as empty cells."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(survey.headers)
    for i, answers in enumerate(survey.answers.tolist()):
        cells = [a or None for a in answers]
        sheet.append([i + 1, survey.departments[i], survey.teams[i], survey.roles[i], *cells])
    workbook.save(path)


def write_size(name: str, force: bool) -> None:
    """Write both files of one size, skipping those that exist unless ``force``."""
    targets = {fmt: DATA / f"survey-{name}.{fmt}" for fmt in ("csv", "xlsx")}
    todo = {fmt: path for fmt, path in targets.items() if force or not path.exists()}
    if not todo:
        print(f"{name}: cached ({', '.join(str(p.name) for p in targets.values())})")
        return
    survey = generate(SIZES[name])
    for fmt, path in todo.items():
        start = time.perf_counter()
        partial = path.with_name(path.name + ".partial")
        (write_csv if fmt == "csv" else write_xlsx)(survey, partial)
        partial.replace(path)  # an interrupted run leaves no truncated file behind
        size_mb = path.stat().st_size / 1e6
        print(f"{path.name}: {size_mb:.1f} MB in {time.perf_counter() - start:.1f} s", flush=True)


def parse_sizes(text: str) -> list[str]:
    names = [s.strip().lower() for s in text.split(",") if s.strip()]
    unknown = [n for n in names if n not in SIZES]
    if unknown:
        sys.exit(f"unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: 1k,100k,1m")
    parser.add_argument("--force", action="store_true", help="rewrite files that exist")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    for name in parse_sizes(args.sizes):
        write_size(name, args.force)


if __name__ == "__main__":
    main()
