"""Write the benchmark surveys: MES-5 exports of 1,000 to 5,000,000 respondents, and quarters.

Each size is written twice, as the two files a user hands to ``mes`` (``5m`` as a CSV only: a
worksheet holds at most 1,048,576 rows):

- ``benchmarks/data/survey-{size}.xlsx``: one sheet, header on row 1, written with openpyxl's
  write-only mode (answers as numbers, names as shared strings, like Excel saves them);
- ``benchmarks/data/survey-{size}.csv``: the same rows as Dutch Excel saves "CSV UTF-8":
  ``;`` separator, UTF-8 with BOM, CRLF line ends.

Columns: ``id, afdeling, team, rol`` and the five MES-5 statements in Dutch (the headers of a
Microsoft Forms export). Answers are whole numbers 1-5 with about 2% blanks; departments and teams
scale with the size (about 40 departments and 400 teams at a million rows), team sizes vary so that
some teams are small enough to be suppressed. A fixed seed makes every run write the same answers.

``--quarters 100k,1m`` also writes ``benchmarks/data/quarter-{size}-q{1,2,3}.xlsx``: three
consecutive quarters of one organisation for ``mes diff`` and ``mes trend``. Respondent ids are
person ids (``E0000001``), not a response sequence, so the paired view runs; each quarter about 5%
of the people leave and as many join, team climates drift a little and every answer is asked anew.

``--suite issue15`` writes every file ``run.py --suite issue15`` reads.

Files that exist are kept (the 1M workbook takes minutes to write) unless ``--force`` is given.

    .venv/bin/python benchmarks/generate.py [--sizes 1k,100k,1m,5m] [--quarters 100k,1m] [--force]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
INSTRUMENT = ROOT.parent / "mes" / "instruments" / "mes-5.toml"
SIZES = {"1k": 1_000, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}
DEFAULT_SIZES = ("1k", "100k", "1m")
CSV_ONLY = ("5m",)  # more rows than a worksheet holds
QUARTERS = 3
TURNOVER = 0.05  # share of the people who leave (and are replaced) each quarter
TEAM_DRIFT = 0.08  # sd of a team's change of climate from one quarter to the next
SUITES = {"issue15": {"sizes": ("1k", "100k", "1m", "5m"), "quarters": ("100k", "1m")}}
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
    ids: list[str] | None = None  # person ids; None: numbered 1, 2, 3, ... as Forms does

    def id_of(self, i: int) -> str | int:
        return self.ids[i] if self.ids is not None else i + 1


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


def generate_quarters(rows: int, seed: int = SEED) -> list[Survey]:
    """Three quarters of one organisation of ``rows`` respondents each, oldest first.

    One population of people (a team and a personal level each) serves all quarters: quarter
    ``q`` asks people ``q * turnover`` to ``q * turnover + rows``, so about 5% leave and 5% join
    each quarter. Team climates drift a little between quarters; the answers are drawn anew.
    """
    rng = np.random.default_rng(seed)
    teams, team_department = organisation(rows)
    turnover = round(rows * TURNOVER)
    population = rows + (QUARTERS - 1) * turnover
    weights = rng.lognormal(0.0, 1.0, len(teams))
    team_of = rng.choice(len(teams), size=population, p=weights / weights.sum())
    team_level = rng.normal(0.0, 0.35, len(teams))
    level = rng.normal(3.3, 0.6, population)
    role_of = rng.choice(len(ROLES), size=population, p=ROLE_WEIGHTS)
    ids = np.char.add("E", np.char.zfill(np.arange(1, population + 1).astype(str), 7))
    quarters = []
    for q in range(QUARTERS):
        team_level = team_level + rng.normal(0.0, TEAM_DRIFT, len(teams))
        who = np.arange(q * turnover, q * turnover + rows)
        rng.shuffle(who)  # a new export lists people in a new order
        person = level[who] + team_level[team_of[who]]
        latent = person[:, None] + np.asarray(TRAIT_SHIFT) + rng.normal(0.0, 0.8, (rows, 5))
        answers = np.clip(np.rint(latent), 1, 5).astype(np.int8)
        answers[rng.random((rows, 5)) < BLANK_SHARE] = 0
        quarters.append(
            Survey(
                headers=["id", "afdeling", "team", "rol", *statements()],
                departments=[team_department[t] for t in team_of[who]],
                teams=[teams[t] for t in team_of[who]],
                roles=[ROLES[r] for r in role_of[who]],
                answers=answers,
                ids=ids[who].tolist(),
            )
        )
    return quarters


def write_csv(survey: Survey, path: Path) -> None:
    """``;``-separated, UTF-8 with BOM, CRLF: what Dutch Excel saves as "CSV UTF-8"."""
    answer_text = np.array(["", "1", "2", "3", "4", "5"])[survey.answers]
    lines = [";".join(survey.headers)]
    for i, cells in enumerate(answer_text.tolist()):
        groups = f"{survey.id_of(i)};{survey.departments[i]};{survey.teams[i]};{survey.roles[i]}"
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
        sheet.append(
            [survey.id_of(i), survey.departments[i], survey.teams[i], survey.roles[i], *cells]
        )
    workbook.save(path)


def write_size(name: str, force: bool) -> None:
    """Write both files of one size, skipping those that exist unless ``force``."""
    formats = ("csv",) if name in CSV_ONLY else ("csv", "xlsx")
    targets = {fmt: DATA / f"survey-{name}.{fmt}" for fmt in formats}
    todo = {fmt: path for fmt, path in targets.items() if force or not path.exists()}
    if not todo:
        print(f"{name}: cached ({', '.join(str(p.name) for p in targets.values())})")
        return
    survey = generate(SIZES[name])
    for fmt, path in todo.items():
        _write(survey, path, write_csv if fmt == "csv" else write_xlsx)


def write_quarters(name: str, force: bool) -> None:
    """Write the three quarter workbooks of one size, unless they all exist (or ``force``)."""
    paths = [DATA / f"quarter-{name}-q{q + 1}.xlsx" for q in range(QUARTERS)]
    if not force and all(p.exists() for p in paths):
        print(f"{name} quarters: cached ({', '.join(p.name for p in paths)})")
        return
    for survey, path in zip(generate_quarters(SIZES[name]), paths, strict=True):
        _write(survey, path, write_xlsx)


def _write(survey: Survey, path: Path, writer: Callable[[Survey, Path], None]) -> None:
    start = time.perf_counter()
    partial = path.with_name(path.name + ".partial")
    writer(survey, partial)
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
    parser.add_argument(
        "--sizes", default=",".join(DEFAULT_SIZES), help="comma-separated: " + ",".join(SIZES)
    )
    parser.add_argument("--quarters", default="", help="three quarters of these sizes: 100k,1m")
    parser.add_argument("--suite", choices=sorted(SUITES), help="every file this suite reads")
    parser.add_argument("--force", action="store_true", help="rewrite files that exist")
    args = parser.parse_args()
    sizes, quarters = parse_sizes(args.sizes), parse_sizes(args.quarters)
    if args.suite:
        sizes, quarters = list(SUITES[args.suite]["sizes"]), list(SUITES[args.suite]["quarters"])
    if any(n in CSV_ONLY for n in quarters):
        sys.exit(f"quarters are workbooks; {', '.join(CSV_ONLY)} rows do not fit a worksheet")
    DATA.mkdir(parents=True, exist_ok=True)
    for name in sizes:
        write_size(name, args.force)
    for name in quarters:
        write_quarters(name, args.force)


if __name__ == "__main__":
    main()
