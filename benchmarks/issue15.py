"""The jobs and the target table of issue 15: every size, output and command of its targets.

``run.py --suite issue15`` runs these jobs interleaved, like the default suite, and prints one
table with a line per target of the issue: what was measured (min / median of the rounds), the
ratio the target is stated in (of the mins / the median of the per-round ratios), the target,
met or missed. A job runs right beside the one it is divided by, so each round's ratio compares
two runs under the same load; the verdict uses the median of those per-round ratios (and the
median time for the 1k table). A job run once has min = median.

The jobs (``benchmarks/data/``, written by ``generate.py --suite issue15``):

- 1k workbook: ``mes score --format table`` (the everyday run);
- 100k and 1m workbooks: ``mes score --format json``; ``--format xlsx --individuals -o FILE``;
  at 1m also ``--format json --individuals``; at 100k the bare python-calamine read;
- 100k and 1m CSVs: ``mes score --format json`` and ``polars_baseline.py``, the plain polars
  script doing the same statistics;
- quarters (100k, 1m): ``mes diff Q2 Q3 --format json`` beside ``mes score Q3 --format json``,
  the newer quarter; at 1m also ``mes trend Q1 Q2 Q3 --format json``;
- 5m CSV: ``mes score --format json``, for its peak memory per row.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

SIZES = ("1k", "100k", "1m", "5m")
BIG = ("1m", "5m")  # run once unless --big-repeat
ROWS = {"1k": 1_000, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}
SMALL_REPEATS = 5
HEAVY_REPEATS = 3  # the 100k per-person workbook takes 20 s or more a round
HEAVY = ("xlsx-individuals",)
TOOL_NAMES = {
    "table": "`mes score FILE --format table`",
    "mes": "`mes score FILE --format json -o OUT`",
    "bare": "bare read (python-calamine `to_python()`)",
    "polars": "`polars_baseline.py FILE` (plain polars script)",
    "xlsx-individuals": "`mes score FILE --format xlsx --individuals -o OUT`",
    "json-individuals": "`mes score FILE --format json --individuals -o OUT`",
    "score-q3": "`mes score Q3 --format json -o OUT`",
    "diff": "`mes diff Q2 Q3 --format json -o OUT`",
    "trend": "`mes trend Q1 Q2 Q3 --format json -o OUT`",
}

TOOLS = tuple(TOOL_NAMES)


class JobLike(Protocol):
    size: str
    fmt: str
    tool: str


class ResultLike(Protocol):
    job: JobLike
    seconds: list[float]
    peaks_mb: list[float]
    error: str | None


@dataclass(frozen=True)
class Spec:
    """One job of the suite, before it is given its command: size, input format and tool."""

    size: str
    fmt: str
    tool: str


# Each job runs right beside the job it is divided by, so that in every round the two see the
# same load: the per-round ratios are paired.
SPECS = (
    Spec("1k", "xlsx", "table"),
    Spec("100k", "xlsx", "xlsx-individuals"),
    Spec("100k", "xlsx", "mes"),
    Spec("100k", "xlsx", "bare"),
    Spec("100k", "csv", "mes"),
    Spec("100k", "csv", "polars"),
    Spec("100k", "xlsx", "score-q3"),
    Spec("100k", "xlsx", "diff"),
    Spec("1m", "xlsx", "xlsx-individuals"),
    Spec("1m", "xlsx", "mes"),
    Spec("1m", "xlsx", "json-individuals"),
    Spec("1m", "csv", "mes"),
    Spec("1m", "csv", "polars"),
    Spec("1m", "xlsx", "diff"),
    Spec("1m", "xlsx", "score-q3"),
    Spec("1m", "xlsx", "trend"),
    Spec("5m", "csv", "mes"),
)


def argv(spec: Spec, mes: str, python: str, data: Path, out: Path, root: Path) -> tuple[str, ...]:
    """The command of one job; outputs go to ``out`` (named by size, format and tool)."""
    survey = str(data / f"survey-{spec.size}.{spec.fmt}")
    quarter = [str(data / f"quarter-{spec.size}-q{q}.xlsx") for q in (1, 2, 3)]
    stem = f"{spec.tool}-{spec.size}.{spec.fmt}"
    json_out = ("--format", "json", "-o", str(out / f"{stem}.json"))
    commands: dict[str, tuple[str, ...]] = {
        "table": (mes, "score", survey, "--format", "table"),
        "mes": (mes, "score", survey, *json_out),
        "bare": (python, str(root / "bare_read.py"), "calamine", survey),
        "polars": (python, str(root / "polars_baseline.py"), survey),
        "xlsx-individuals": (
            mes,
            "score",
            survey,
            "--format",
            "xlsx",
            "--individuals",
            "-o",
            str(out / f"{stem}.xlsx"),
        ),
        "json-individuals": (mes, "score", survey, "--individuals", *json_out),
        "score-q3": (mes, "score", quarter[2], *json_out),
        "diff": (mes, "diff", quarter[1], quarter[2], *json_out),
        "trend": (mes, "trend", *quarter, *json_out),
    }
    return commands[spec.tool]


def stdout_of(spec: Spec, out: Path) -> Path | None:
    """Where a job's stdout is kept: the polars script's JSON, for the sanity check."""
    return out / f"polars-{spec.size}.csv.json" if spec.tool == "polars" else None


def repeats(spec: Spec, small: int | None, big: int | None) -> int:
    if spec.size in BIG:
        return big or 1
    return small or (HEAVY_REPEATS if spec.tool in HEAVY else SMALL_REPEATS)


# ---- the target table ------------------------------------------------------------------------


def _find(results: Sequence[ResultLike], size: str, fmt: str, tool: str) -> ResultLike | None:
    for r in results:
        if (r.job.size, r.job.fmt, r.job.tool) == (size, fmt, tool) and r.seconds:
            return r
    return None


def _times(r: ResultLike) -> tuple[float, float]:
    return min(r.seconds), statistics.median(r.seconds)


def _seconds_text(r: ResultLike | None) -> str:
    if r is None:
        return "–"
    low, mid = _times(r)
    return f"{low:.2f} / {mid:.2f} s"


@dataclass(frozen=True)
class Line:
    """One line of the target table: its text, and the figure the verdict is made on."""

    what: str
    measured: str
    ratio: str
    target: str
    value: float | None  # compared with limit; None: not measured
    limit: float

    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        return "met" if self.value <= self.limit else "**missed**"


def _ratio_line(
    rs: Sequence[ResultLike], what: str, a: Spec, b: Spec, target: str, limit: float
) -> Line:
    ra, rb = _find(rs, a.size, a.fmt, a.tool), _find(rs, b.size, b.fmt, b.tool)
    measured = f"{_seconds_text(ra)} ÷ {_seconds_text(rb)}"
    if ra is None or rb is None:
        return Line(what, measured, "–", target, None, limit)
    a_min, b_min = _times(ra)[0], _times(rb)[0]
    paired = statistics.median(a / b for a, b in zip(ra.seconds, rb.seconds, strict=False))
    ratio = f"{a_min / b_min:.2f}× / {paired:.2f}×"
    return Line(what, measured, ratio, target, paired, limit)


def _peak_line(
    rs: Sequence[ResultLike], what: str, spec: Spec, target: str, limit_mb: float
) -> Line:
    r = _find(rs, spec.size, spec.fmt, spec.tool)
    if r is None:
        return Line(what, "–", "", target, None, limit_mb)
    peak = max(r.peaks_mb)
    return Line(what, f"{peak:,.0f} MB", "", target, peak, limit_mb)


def lines(rs: Sequence[ResultLike]) -> list[Line]:
    """Every target of issue 15, in the issue's order."""
    table = _find(rs, "1k", "xlsx", "table")
    table_median = _times(table)[1] if table else None
    per_row = _find(rs, "5m", "csv", "mes")
    per_row_kb = max(per_row.peaks_mb) * 1000 / ROWS["5m"] if per_row else None  # MB -> KB
    json_1m, json_100k = Spec("1m", "xlsx", "mes"), Spec("100k", "xlsx", "mes")
    return [
        Line(
            "1,000-row workbook to a table, median",
            _seconds_text(table),
            "",
            "≤ 0.45 s",
            table_median,
            0.45,
        ),
        _ratio_line(
            rs,
            "100k workbook, `--format json` ÷ bare python-calamine read",
            json_100k,
            Spec("100k", "xlsx", "bare"),
            "≤ 1.1×",
            1.1,
        ),
        _ratio_line(
            rs,
            "1M CSV, `--format json` ÷ the polars script",
            Spec("1m", "csv", "mes"),
            Spec("1m", "csv", "polars"),
            "≤ 1.5×",
            1.5,
        ),
        _ratio_line(
            rs,
            "100k CSV, `--format json` ÷ the polars script",
            Spec("100k", "csv", "mes"),
            Spec("100k", "csv", "polars"),
            "≤ 1.3×",
            1.3,
        ),
        _ratio_line(
            rs,
            "`--format xlsx --individuals` ÷ `--format json`, 100k workbook",
            Spec("100k", "xlsx", "xlsx-individuals"),
            json_100k,
            "≤ 2×",
            2.0,
        ),
        _ratio_line(
            rs,
            "`--format xlsx --individuals` ÷ `--format json`, 1M workbook",
            Spec("1m", "xlsx", "xlsx-individuals"),
            json_1m,
            "≤ 3×",
            3.0,
        ),
        _peak_line(
            rs,
            "`--format xlsx --individuals`, peak at 1M",
            Spec("1m", "xlsx", "xlsx-individuals"),
            "< 1.5 GB",
            1500,
        ),
        _ratio_line(
            rs,
            "`--format json --individuals` ÷ `--format json`, 1M workbook",
            Spec("1m", "xlsx", "json-individuals"),
            json_1m,
            "≤ 1.5×",
            1.5,
        ),
        _peak_line(
            rs,
            "`--format json --individuals`, peak at 1M",
            Spec("1m", "xlsx", "json-individuals"),
            "< 1.5 GB",
            1500,
        ),
        _ratio_line(
            rs,
            "`mes diff` ÷ `mes score` of the newer quarter, 100k workbooks",
            Spec("100k", "xlsx", "diff"),
            Spec("100k", "xlsx", "score-q3"),
            "≤ 1.4×",
            1.4,
        ),
        _ratio_line(
            rs,
            "`mes diff` ÷ `mes score` of the newer quarter, 1M workbooks",
            Spec("1m", "xlsx", "diff"),
            Spec("1m", "xlsx", "score-q3"),
            "≤ 1.5×",
            1.5,
        ),
        _peak_line(rs, "`mes diff`, peak at 1M", Spec("1m", "xlsx", "diff"), "< 1 GB", 1000),
        _ratio_line(
            rs,
            "`mes trend` of 3 quarters ÷ one `mes score`, 1M workbooks",
            Spec("1m", "xlsx", "trend"),
            Spec("1m", "xlsx", "score-q3"),
            "≤ 2.0×",
            2.0,
        ),
        Line(
            "peak memory per CSV row, 5M rows",
            "–" if per_row is None else f"{max(per_row.peaks_mb):,.0f} MB / 5,000,000 rows",
            "" if per_row_kb is None else f"{per_row_kb:.2f} KB",
            "≤ 0.3 KB",
            per_row_kb,
            0.3,
        ),
    ]


def targets_table(rs: Sequence[ResultLike]) -> list[str]:
    out = [
        "| what | measured (min / median) | ratio (of mins / median per round) | target | |",
        "|---|---:|---:|---:|---|",
    ]
    for line in lines(rs):
        cells = [line.what, line.measured, line.ratio, line.target, line.verdict()]
        out.append("| " + " | ".join(cells) + " |")
    return out


def figures_table(rs: Sequence[ResultLike]) -> list[str]:
    out = [
        "| rows | file | job | runs | min s | median s | peak MB |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for r in rs:
        job = r.job
        if r.error or not r.seconds:
            timing = ["failed" if r.error else "–", "", ""]
        else:
            low, mid = _times(r)
            timing = [f"{low:.3f}", f"{mid:.3f}", f"{max(r.peaks_mb):,.0f}"]
        runs = str(len(r.seconds))
        out.append(
            f"| {job.size} | {job.fmt} | {TOOL_NAMES[job.tool]} | {runs} | "
            + " | ".join(timing)
            + " |"
        )
    return out


# ---- sanity: mes and the polars script agree -------------------------------------------------


def sanity(out: Path, sizes: Sequence[str]) -> list[str]:
    """The organisation's n, MES and interval from mes (csv, xlsx) and the polars script."""
    found = []
    for size in sizes:
        values: dict[str, tuple[int, float, float]] = {}
        for name, path, read in (
            ("mes csv", out / f"mes-{size}.csv.json", _mes_organisation),
            ("mes xlsx", out / f"mes-{size}.xlsx.json", _mes_organisation),
            ("polars csv", out / f"polars-{size}.csv.json", _polars_organisation),
        ):
            value = read(path)
            if value is not None:
                values[name] = value
        if len(values) > 1:
            found.append(f"- {size}: {_agreement(values)}")
    return found


def _agreement(values: dict[str, tuple[int, float, float]]) -> str:
    ns = {n for n, _, _ in values.values()}
    means = [m for _, m, _ in values.values()]
    lows = [low for _, _, low in values.values()]
    agree = len(ns) == 1 and _spread(means) < 1e-9 and _spread(lows) < 1e-9
    shown = ", ".join(
        f"{who} n {n} MES {m:.9f} CI low {low:.9f}" for who, (n, m, low) in values.items()
    )
    return f"{shown}: {'agree' if agree else '**DISAGREE**'}"


def _spread(xs: list[float]) -> float:
    return max(xs) - min(xs)


def _read(path: Path) -> dict[str, object] | None:
    if not path.exists() or path.stat().st_size == 0:
        return None
    value: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return value


def _mes_organisation(path: Path) -> tuple[int, float, float] | None:
    data = _read(path)
    if data is None:
        return None
    org = data["groups"][0]  # type: ignore[index]
    return org["n"], org["mes"], org["ci"]["low"]


def _polars_organisation(path: Path) -> tuple[int, float, float] | None:
    data = _read(path)
    if data is None:
        return None
    org = data["organisation"]  # type: ignore[index]
    return org["n"], org["mes"], org["ci"]["low"]


# ---- the whole report ------------------------------------------------------------------------


def render(
    rs: Sequence[ResultLike],
    sizes: Sequence[str],
    command: str,
    out: Path,
    machine: list[str],
    load: str,
) -> str:
    """The Markdown section of one run of the suite."""
    lines_ = [
        "## Issue 15: every target, one run",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} UTC with (after "
        "`.venv/bin/python benchmarks/generate.py --suite issue15`):",
        "",
        "```",
        command,
        "```",
        "",
        *machine,
        f"- machine load (1-minute load average, 2 cores) {load}",
        "- each job is a fresh process; all jobs interleaved, round by round; 1k and 100k jobs "
        f"{SMALL_REPEATS} rounds ({HEAVY_REPEATS} for the 100k per-person workbook), 1M and 5M "
        "once (unless `--repeat` / `--big-repeat`); peak MB = "
        "maximum resident set size (1 MB = 10^6 bytes, 1 KB = 10^3 bytes); a ratio is given as the "
        "ratio of the mins and the median of the per-round ratios (job and reference run back to "
        "back each round); the verdict is on the latter",
        "",
        "### Targets",
        "",
        *targets_table(rs),
        "",
        "### All figures",
        "",
        *figures_table(rs),
        "",
        "### Sanity: the organisation's figures from mes and the polars script",
        "",
        *(sanity(out, sizes) or ["- nothing to compare"]),
    ]
    errors = [f"- {r.job.size} {r.job.fmt} {r.job.tool}: {r.error}" for r in rs if r.error]
    if errors:
        lines_ += ["", "### Failed jobs", "", *errors]
    return "\n".join(lines_) + "\n"
