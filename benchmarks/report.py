"""The benchmark report: figures, ratios, the issue's targets and a sanity check, as Markdown.

Kept apart from ``run.py`` so that measuring and presenting can be read (and changed) separately.
Ratios compare best times of the same file in the same run: ``÷ bare read`` is a job's time over
the bare python-calamine read (csv: ``csv.reader``), ``÷ mes`` its time over ``mes score``.
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

PACKAGES = (
    "mes", "polars", "fastexcel", "isal", "scipy", "pydantic", "typer", "python-calamine", "pandas",
)  # fmt: skip
FORMATS = ("xlsx", "csv")
TOOL_NAMES = {
    "mes": "`mes score --format json`",
    "bare": "bare read (python-calamine; csv: `csv.reader`)",
    "fastexcel": "fastexcel read (Arrow columns)",
    "pandas": "pandas script (openpyxl / `read_csv`)",
    "pandas+calamine": "pandas script, `engine='calamine'`",
    "mes table": "`mes score survey-1k.xlsx --format table`",
    "mes --help": "`mes --help`",
}
FIXED = ("mes table", "mes --help")


class JobLike(Protocol):
    size: str
    fmt: str
    tool: str


class ResultLike(Protocol):
    job: JobLike
    error: str | None

    @property
    def best(self) -> float | None: ...

    @property
    def peak(self) -> float | None: ...


Results = list[ResultLike]


def find(results: Results, size: str, fmt: str, tool: str) -> ResultLike | None:
    """The measured result of one job, or None if it was not run or failed."""
    for r in results:
        if (r.job.size, r.job.fmt, r.job.tool) == (size, fmt, tool) and r.best is not None:
            return r
    return None


def ratio(a: ResultLike | None, b: ResultLike | None) -> float | None:
    if a is None or b is None or a.best is None or b.best is None:
        return None
    return a.best / b.best


def shown(value: float | None, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def label(job: JobLike) -> str:
    return " ".join(part for part in (job.size, job.fmt, job.tool) if part)


# ---- the figures -----------------------------------------------------------------------------


def figures_table(results: Results) -> list[str]:
    lines = [
        "| rows | file | job | best s | peak MB | ÷ bare read | ÷ mes |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.job.tool not in FIXED:
            lines.append(_figures_row(r, results))
    for tool in FIXED:
        r = _fixed(results, tool)
        if r is not None:
            lines.append(f"| | | {TOOL_NAMES[tool]} | {r.best:.3f} | {r.peak:.0f} | | |")
    return lines


def _figures_row(r: ResultLike, results: Results) -> str:
    job = r.job
    cells = [
        job.size,
        job.fmt,
        TOOL_NAMES[job.tool],
        "failed" if r.error else shown(r.best, "{:.3f}"),
        shown(r.peak, "{:.0f}"),
        shown(ratio(r, find(results, job.size, job.fmt, "bare")), "{:.2f}×"),
        shown(ratio(r, find(results, job.size, job.fmt, "mes")), "{:.2f}×"),
    ]
    return "| " + " | ".join(cells) + " |"


def _fixed(results: Results, tool: str) -> ResultLike | None:
    return find(results, "1k", "xlsx", tool) if tool == "mes table" else find(results, "", "", tool)


# ---- the targets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One target of the issue: what is measured, its limit, and whether lower is better."""

    name: str
    measure: Callable[[Results], float | None]
    limit: float
    pattern: str
    at_most: bool = True

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "not measured"
        met = value <= self.limit if self.at_most else value >= self.limit
        return "met" if met else "**missed**"


def _vs_bare(size: str) -> Callable[[Results], float | None]:
    return lambda rs: ratio(find(rs, size, "xlsx", "mes"), find(rs, size, "xlsx", "bare"))


def _peak(size: str, fmt: str) -> Callable[[Results], float | None]:
    def measure(rs: Results) -> float | None:
        r = find(rs, size, fmt, "mes")
        return r.peak if r else None

    return measure


def _pandas_speedup(size: str) -> Callable[[Results], float | None]:
    def measure(rs: Results) -> float | None:
        return ratio(find(rs, size, "xlsx", "pandas"), find(rs, size, "xlsx", "mes"))

    return measure


def _seconds(tool: str) -> Callable[[Results], float | None]:
    def measure(rs: Results) -> float | None:
        r = _fixed(rs, tool)
        return r.best if r else None

    return measure


TARGETS = (
    Target("end to end ≤ 1.0× the bare calamine read, 100k xlsx", _vs_bare("100k"), 1.0, "{:.2f}×"),
    Target("end to end ≤ 0.7× the bare calamine read, 1m xlsx", _vs_bare("1m"), 0.7, "{:.2f}×"),
    Target("peak memory < 1,000 MB, 1m xlsx", _peak("1m", "xlsx"), 1000, "{:.0f} MB"),
    Target("peak memory < 1,000 MB, 1m csv", _peak("1m", "csv"), 1000, "{:.0f} MB"),
    Target(
        "≥ 10× faster than the pandas script, 100k xlsx",
        _pandas_speedup("100k"),
        10,
        "{:.1f}×",
        at_most=False,
    ),
    Target("1k workbook to a table < 0.4 s", _seconds("mes table"), 0.4, "{:.3f} s"),
    Target("`mes --help` < 0.2 s", _seconds("mes --help"), 0.2, "{:.3f} s"),
)


def targets_table(results: Results) -> list[str]:
    lines = ["| target | measured | |", "|---|---:|---|"]
    for target in TARGETS:
        value = target.measure(results)
        lines.append(
            f"| {target.name} | {shown(value, target.pattern)} | {target.verdict(value)} |"
        )
    return lines


# ---- sanity: the same answer from every file ------------------------------------------------


def sanity(out: Path, sizes: list[str]) -> list[str]:
    """The organisation's MES and n from the xlsx and the csv (mes) and from pandas, per size."""
    lines = []
    for size in sizes:
        found: dict[str, tuple[float, int]] = {}
        for fmt in FORMATS:
            for who, read in (("mes", _mes_organisation), ("pandas", _pandas_organisation)):
                value = read(out / f"{who}-{size}.{fmt}.json")
                if value is not None:
                    found[f"{who} {fmt}"] = value
        if found:
            lines.append(f"- {size}: {_agreement(found)}")
    return lines


def _agreement(found: dict[str, tuple[float, int]]) -> str:
    means = [m for m, _ in found.values()]
    agree = max(means) - min(means) < 1e-9 and len({n for _, n in found.values()}) == 1
    figures = ", ".join(f"{who} {m:.6f} (n {n})" for who, (m, n) in found.items())
    return f"{figures}: {'agree' if agree else '**DISAGREE**'}"


def _mes_organisation(path: Path) -> tuple[float, int] | None:
    if not path.exists() or path.stat().st_size == 0:
        return None
    org = json.loads(path.read_text(encoding="utf-8"))["groups"][0]
    return org["mes"], org["n"]


def _pandas_organisation(path: Path) -> tuple[float, int] | None:
    if not path.exists() or path.stat().st_size == 0:
        return None
    org = json.loads(path.read_text(encoding="utf-8"))["organisation"]
    return org["mes"], org["n"]


# ---- the whole report ------------------------------------------------------------------------


def machine() -> list[str]:
    """What the figures were measured on."""
    system = f"{platform.system()} {platform.release()}"
    versions = ", ".join(f"{p} {_version(p)}" for p in PACKAGES)
    return [
        f"- machine: {_cpu()}, {os.cpu_count()} cores, {_memory_gb()} GB RAM, {system}",
        f"- Python {platform.python_version()}; {versions}",
    ]


def _cpu() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"


def _memory_gb() -> str:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return "?"
    total_kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
    return f"{total_kb / 1e6:.0f}"


def render(results: Results, sizes: list[str], command: str, out: Path) -> str:
    """The Markdown report of one run."""
    lines = [
        "# mes benchmark: latest figures",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} with:",
        "",
        "```",
        command,
        "```",
        "",
        *machine(),
        "- each job is a fresh process; best of N rounds (3, or 1 for 1m, unless `--repeat`), all "
        "jobs interleaved in one run; peak MB = maximum resident set size (1 MB = 10^6 bytes)",
        "",
        "## Targets",
        "",
        *targets_table(results),
        "",
        "## All figures",
        "",
        *figures_table(results),
        "",
        "## Sanity: the organisation's MES from every file",
        "",
        *(sanity(out, sizes) or ["- nothing to compare"]),
    ]
    errors = [f"- {label(r.job)}: {r.error}" for r in results if r.error]
    if errors:
        lines += ["", "## Failed jobs", "", *errors]
    return "\n".join(lines) + "\n"
