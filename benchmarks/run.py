"""Time ``mes score`` end to end beside its floor (the bare read) and beside a pandas script.

Every measurement is a fresh process, so interpreter start-up and imports count and the peak
memory (maximum resident set size, via ``/usr/bin/time``) is that one job's. All jobs run in one
go, interleaved round by round, so that a noisy machine slows them alike and the ratios hold; each
figure is the best of N rounds (3 by default, 1 for the million-row files unless ``--repeat``).
Before each run the job's input and the environment's compiled libraries are read into the page
cache (`warm_cache`), and mes's modules are byte-compiled once, so no job pays for a cold disk.

Per size (1k, 100k, 1m) and file (xlsx, csv):

- ``mes``: ``mes score FILE --format json -o FILE.json``, the whole job;
- ``bare read``: python-calamine reading every cell into Python (csv: ``csv.reader``), the floor;
- ``fastexcel``: the Arrow-column read that mes is built on (xlsx only), to tell reading from
  the rest of mes's work;
- ``pandas``: ``benchmarks/pandas_baseline.py``, the script an analyst would write (``read_excel``
  with pandas' default engine, openpyxl); ``pandas+calamine``: the same with ``engine="calamine"``.

And, best of 5: ``mes score survey-1k.xlsx --format table`` and ``mes --help``.

``--suite issue15`` runs instead the jobs of issue 15's target table (see ``issue15.py``): the
per-person outputs, ``mes diff`` and ``mes trend`` of quarters, the polars-script peer on CSVs and
the 5,000,000-row CSV, and prints one table with every target, min / median, met or missed.

Writes the table to ``benchmarks/out/latest.md`` (and ``latest.json``); ``--save`` also writes
``benchmarks/RESULTS.md``. Finally checks that the xlsx and the csv give mes the same organisation
MES, and that pandas agrees.

    .venv/bin/python benchmarks/run.py [--sizes 1k,100k,1m] [--repeat N] [--tools ...] [--save]
    .venv/bin/python benchmarks/run.py --suite issue15 [--sizes ...] [--repeat N] [--save]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import issue15
import report

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
OUT = ROOT / "out"
BIN = Path(sys.executable).parent
MES = str(BIN / "mes") if (BIN / "mes").exists() else (shutil.which("mes") or "mes")
PYTHON = sys.executable
TIME = "/usr/bin/time"
SIZES = ("1k", "100k", "1m")
FORMATS = ("xlsx", "csv")
TOOLS = ("mes", "bare", "fastexcel", "pandas", "pandas+calamine")
FIXED_REPEATS = 5
MB = 1_000_000


@dataclass(frozen=True)
class Job:
    """One command to time: which size, file and tool it stands for, and how often to run it."""

    size: str
    fmt: str
    tool: str
    argv: tuple[str, ...]
    repeats: int
    stdout: Path | None = None  # where the job's stdout goes (None: discarded)


@dataclass
class Result:
    """The runs of one job: wall seconds and peak resident memory (MB) per run."""

    job: Job
    seconds: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    error: str | None = None
    loads: list[float] = field(default_factory=list)  # 1-minute load average before each run

    @property
    def best(self) -> float | None:
        return min(self.seconds) if self.seconds else None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def peak(self) -> float | None:
        return max(self.peaks_mb) if self.peaks_mb else None


# ---- measuring one process -------------------------------------------------------------------


class JobFailed(Exception):
    """A measured command exited non-zero."""


def measure(argv: tuple[str, ...], stdout: Path | None) -> tuple[float, float]:
    """Run ``argv`` in a fresh process; return (wall seconds, peak RSS in MB)."""
    sink = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        if Path(TIME).exists():
            return _measure_with_time(argv, sink)
        return _measure_with_wait4(argv, sink)
    finally:
        if stdout:
            sink.close()


def _measure_with_time(argv: tuple[str, ...], sink: object) -> tuple[float, float]:
    # /usr/bin/time is a tiny process that forks the job, so the peak is the job's alone.
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        cmd = [TIME, "-f", "%M", "-o", report.name, *argv]
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=sink, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        _check(proc.returncode, proc.stderr)
        peak_kb = int(Path(report.name).read_text().split()[-1])
    return elapsed, peak_kb * 1024 / MB


def _measure_with_wait4(argv: tuple[str, ...], sink: object) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    _check(proc.returncode, stderr)
    return elapsed, usage.ru_maxrss * 1024 / MB


def _check(returncode: int, stderr: bytes) -> None:
    if returncode != 0:
        tail = stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise JobFailed(f"exit {returncode}: " + " | ".join(tail))


# ---- what to run -----------------------------------------------------------------------------


def data_file(size: str, fmt: str) -> Path:
    return DATA / f"survey-{size}.{fmt}"


def tool_argv(tool: str, path: Path, size: str, fmt: str) -> tuple[tuple[str, ...], Path | None]:
    """The command for one tool on one file, and where its stdout goes."""
    script = str(ROOT / "pandas_baseline.py")
    if tool == "mes":
        target = OUT / f"mes-{size}.{fmt}.json"
        return (MES, "score", str(path), "--format", "json", "-o", str(target)), None
    if tool == "bare":
        return (PYTHON, str(ROOT / "bare_read.py"), "calamine", str(path)), None
    if tool == "fastexcel":
        return (PYTHON, str(ROOT / "bare_read.py"), "fastexcel", str(path)), None
    engine = "calamine" if tool == "pandas+calamine" else "openpyxl"
    stdout = OUT / f"{tool}-{size}.{fmt}.json"
    return (PYTHON, script, "--engine", engine, str(path)), stdout


def applies(tool: str, fmt: str) -> bool:
    """fastexcel and the calamine engine of pandas read workbooks only."""
    return fmt == "xlsx" or tool not in ("fastexcel", "pandas+calamine")


def plan(sizes: list[str], tools: list[str], repeat: int | None) -> list[Job]:
    """Every job of the run, in the order one round runs them."""
    jobs = []
    for size in sizes:
        repeats = repeat or (1 if size == "1m" else 3)
        for fmt in FORMATS:
            path = data_file(size, fmt)
            for tool in (t for t in tools if applies(t, fmt)):
                argv, stdout = tool_argv(tool, path, size, fmt)
                jobs.append(Job(size, fmt, tool, argv, repeats, stdout))
    return jobs + fixed_jobs(max(FIXED_REPEATS, repeat or 0))


def plan_issue15(
    sizes: list[str], tools: list[str], repeat: int | None, big_repeat: int | None
) -> list[Job]:
    """The jobs of issue 15's target table, in the order one round runs them."""
    jobs = []
    for spec in issue15.SPECS:
        if spec.size in sizes and spec.tool in tools:
            argv = issue15.argv(spec, MES, PYTHON, DATA, OUT, ROOT)
            repeats = issue15.repeats(spec, repeat, big_repeat)
            jobs.append(
                Job(spec.size, spec.fmt, spec.tool, argv, repeats, issue15.stdout_of(spec, OUT))
            )
    return jobs


def fixed_jobs(repeats: int) -> list[Job]:
    """The two interactive targets: a small workbook to a table, and ``mes --help``."""
    small = str(data_file("1k", "xlsx"))
    table = (MES, "score", small, "--format", "table")
    return [
        Job("1k", "xlsx", "mes table", table, repeats),
        Job("", "", "mes --help", (MES, "--help"), repeats),
    ]


def rounds(jobs: list[Job]) -> list[list[Job]]:
    """Round ``r`` runs every job that still has a repeat to go: each round interleaves all."""
    return [[j for j in jobs if j.repeats > r] for r in range(max(j.repeats for j in jobs))]


def warm_cache(job: Job) -> None:
    """Read the job's inputs and every compiled library of the environment into the page cache.

    Done before every timed run: this machine's kernel evicts pages not used for a while
    (kdamond), and a job that found polars' library evicted took three times as long. Reading
    what is cached already costs a few tenths of a second, and it is not timed.
    """
    inputs = {Path(a) for a in job.argv if a.startswith(str(DATA))}
    for path in sorted(inputs | set(_libraries())):
        with path.open("rb") as fh:
            while fh.read(1 << 20):
                pass


def _libraries() -> list[Path]:
    if not _LIBRARIES:
        for folder in {Path(p) for p in sys.path if p.endswith("site-packages")}:
            _LIBRARIES.extend(folder.rglob("*.so"))
    return _LIBRARIES


_LIBRARIES: list[Path] = []


def compile_mes() -> None:
    """Byte-compile mes's modules, so they are timed as installed, whatever
    PYTHONDONTWRITEBYTECODE says (an editable install compiles nothing itself)."""
    spec = importlib.util.find_spec("mes")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            subprocess.run([PYTHON, "-m", "compileall", "-q", folder], check=True)


def run_all(jobs: list[Job]) -> list[Result]:
    results = {job: Result(job) for job in jobs}
    for number, batch in enumerate(rounds(jobs), start=1):
        print(f"round {number}: {len(batch)} jobs", file=sys.stderr, flush=True)
        for job in batch:
            run_one(results[job])
    return list(results.values())


def run_one(result: Result) -> None:
    job = result.job
    if result.error:
        return
    warm_cache(job)
    result.loads.append(os.getloadavg()[0])
    try:
        seconds, peak = measure(job.argv, job.stdout)
    except JobFailed as exc:
        result.error = str(exc)
        print(f"  {report.label(job)}: FAILED {exc}", file=sys.stderr, flush=True)
        return
    result.seconds.append(seconds)
    result.peaks_mb.append(peak)
    print(f"  {report.label(job)}: {seconds:.3f} s, {peak:.0f} MB", file=sys.stderr, flush=True)


# ---- command line ----------------------------------------------------------------------------


def parse_list(text: str, allowed: tuple[str, ...], what: str) -> list[str]:
    names = [s.strip().lower() for s in text.split(",") if s.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        sys.exit(f"unknown {what} {', '.join(unknown)}; choose from {', '.join(allowed)}")
    return [n for n in allowed if n in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--suite",
        choices=("default", "issue15"),
        default="default",
        help="default: mes beside the bare read and pandas; issue15: every target of issue 15",
    )
    parser.add_argument(
        "--sizes", help="comma-separated: 1k,100k,1m (issue15 also 5m); default: all"
    )
    parser.add_argument(
        "--tools",
        help=f"comma-separated: {','.join(TOOLS)} (issue15: {','.join(issue15.TOOLS)}); "
        "default: all",
    )
    parser.add_argument(
        "--repeat", type=int, help="rounds per job (default 3; 1 for 1m; issue15: 5 for 1k, 100k)"
    )
    parser.add_argument("--big-repeat", type=int, help="issue15: rounds of the 1m and 5m jobs (1)")
    parser.add_argument("--save", action="store_true", help="also write benchmarks/RESULTS.md")
    args = parser.parse_args()
    all_sizes = issue15.SIZES if args.suite == "issue15" else SIZES
    sizes = parse_list(args.sizes or ",".join(all_sizes), all_sizes, "size")
    all_tools = issue15.TOOLS if args.suite == "issue15" else TOOLS
    tools = parse_list(args.tools or ",".join(all_tools), all_tools, "tool")
    if args.suite == "issue15":
        jobs = plan_issue15(sizes, tools, args.repeat, args.big_repeat)
    else:
        jobs = plan(sizes, tools, args.repeat)
    check_inputs(jobs, args.suite)
    compile_mes()
    OUT.mkdir(parents=True, exist_ok=True)
    clear_outputs(jobs)
    load_before = _uptime()
    results = run_all(jobs)
    command = " ".join([".venv/bin/python benchmarks/run.py", *sys.argv[1:]])
    if args.suite == "issue15":
        load = _load_text(results, load_before, _uptime())
        text = issue15.render(results, sizes, command, OUT, report.machine(), load)
    else:
        text = report.render(results, sizes, command, OUT)
    write_outputs(results, text, save=args.save, suite=args.suite)


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def _load_text(results: list[Result], before: str, after: str) -> str:
    loads = [x for r in results for x in r.loads]
    during = (
        f"{min(loads):.2f}-{max(loads):.2f} (median {statistics.median(loads):.2f})"
        if loads
        else "?"
    )
    return (
        f"before each job {during}; `uptime` load averages (1, 5, 15 min) "
        f"at the start {before}, at the end {after}"
    )


def check_inputs(jobs: list[Job], suite: str) -> None:
    paths = {Path(a) for j in jobs for a in j.argv if a.startswith(str(DATA))}
    missing = sorted(str(p) for p in paths if not p.exists())
    if missing:
        flag = " --suite issue15" if suite == "issue15" else ""
        sys.exit(f"missing {', '.join(missing)}: run .venv/bin/python benchmarks/generate.py{flag}")


def clear_outputs(jobs: list[Job]) -> None:
    """Remove the outputs of an earlier run, so the sanity check never reads a stale one."""
    for job in jobs:
        written = [Path(a) for a in job.argv if a.startswith(str(OUT))]
        for path in [job.stdout, *written] if job.stdout else written:
            path.unlink(missing_ok=True)


SECTION = "<!-- suite: {} -->"


def write_outputs(results: list[Result], text: str, *, save: bool, suite: str) -> None:
    print(text)
    (OUT / f"latest-{suite}.md").write_text(text, encoding="utf-8")
    raw = [{**asdict(r), "best": r.best, "median": r.median, "peak_mb": r.peak} for r in results]
    latest = OUT / f"latest-{suite}.json"
    latest.write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
    if save:
        save_results(text, suite)


def save_results(text: str, suite: str) -> None:
    """Write this suite's part of RESULTS.md and keep the other's: the default suite's figures
    come first, the issue-15 section after its marker."""
    path = ROOT / "RESULTS.md"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = SECTION.format("issue15")
    default, _, issue = old.partition(marker)
    if suite == "issue15":
        issue = text
    else:
        default = text
    parts = [default.rstrip("\n") + "\n"]
    if issue:
        parts += ["", marker, "", issue.strip("\n") + "\n"]
    path.write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
