"""The library's one pipeline: read a survey file with its instrument, validate, score; load a
saved result; the quarters of ``mes diff`` and ``mes trend``.

Every command of the CLI, and any Python caller, goes through these functions, so a check or a
default exists once: the minimum group size (`check_min_group_size`), the confidence level
(`check_confidence`), reading standard input (`read_stdin`), renames (`renames`). Problems a
user can cause are raised as `MesError`; warnings go to the ``warn`` callback given, as
``warn(what, issues)``, the moment they are known. Nothing here knows of terminals or files
written: that is `mes.cli` and `mes.render`.

Example, as ``mes diff --format json`` does it::

    from mes import pipeline
    report = pipeline.diff_files("2026-Q2.xlsx", "2026-Q3.xlsx")
    print(report.model_dump_json(indent=2))
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mes.defaults import DEFAULT_MIN_GROUP_SIZE
from mes.errors import InputError, Issue, MesError, error, unreadable
from mes.exit_codes import ExitCode
from mes.messages import N_, Message, Value, message
from mes.privacy import LOWEST_MIN_GROUP_SIZE

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    import polars as pl

    from mes.change.options import CompareOptions, Rename
    from mes.change.people import Side
    from mes.instrument import Instrument, Outcome
    from mes.results import (
        ColumnsReport,
        DiffReport,
        ScoreReport,
        ShownGroup,
        TrendReport,
        ValidationReport,
    )
    from mes.settings import Settings
    from mes.table import RawTable
    from mes.validation import Responses

#: The file name that means standard input.
STDIN = "-"

#: Called with what the warnings are about (a file name, ``diff``, ``trend``) and the warnings.
Warn = Callable[[str, Sequence[Issue]], None]


def usage_error(text: Message, code: str = "invalid-option") -> InputError:
    """The error to raise for an option or argument mes cannot use (exit 2)."""
    return InputError(error(code, text))


# --- Checks of the options every command shares --------------------------------------------------


#: What each numeric option takes, with a valid example: said whenever a value is refused,
#: whether it is out of range or not a number at all (`mes.cli.app` maps the framework's errors).
OPTION_VALUES: dict[str, Message] = {
    "--confidence": message("a fraction between 0.5 and 0.999, e.g. --confidence 0.95"),
    "--min-group-size": message(
        "a whole number of people, {lowest} or more, e.g. --min-group-size 5",
        lowest=LOWEST_MIN_GROUP_SIZE,
    ),
    "--min-response": message("a share between 0 and 1, e.g. --min-response 0.6 for 60%"),
    "--min-change": message("a number of points from 0 to 100, e.g. --min-change 5"),
}
#: The short names of those options.
OPTION_ALIASES = {"-k": "--min-group-size"}


def option_error(
    option: str, given: object, why: Message | None = None, code: str = "invalid-option"
) -> InputError:
    """The usage error for a refused option value: the value, what the option takes, an example."""
    shown = f"{given:g}" if isinstance(given, float) else str(given)
    values: dict[str, Value] = {"option": option, "shown": shown, "takes": OPTION_VALUES[option]}
    if why is None:
        return usage_error(
            message("{option} {shown} is refused: {option} takes {takes}", **values), code
        )
    return usage_error(
        message("{option} {shown} is refused: {option} takes {takes}; {why}", why=why, **values),
        code,
    )


def check_min_group_size(k: int) -> None:
    """Refuse a minimum group size below `LOWEST_MIN_GROUP_SIZE`: too few people to hide."""
    if k < LOWEST_MIN_GROUP_SIZE:
        raise option_error(
            "--min-group-size",
            k,
            message(
                "below {lowest} people can be recognised from their group's figures",
                lowest=LOWEST_MIN_GROUP_SIZE,
            ),
            "min-group-size-too-small",
        )


#: The highest confidence level accepted: beyond it an interval says nothing useful.
HIGHEST_CONFIDENCE = 0.999


def check_confidence(level: float) -> None:
    """Refuse a confidence level outside (0.5, 0.999]; 95 is taken for the 0.95 it means."""
    if not 0.5 < level <= HIGHEST_CONFIDENCE:
        hint = (
            message("for {percent:g}% write {share:g}", percent=level, share=level / 100)
            if 50 < level < 100
            else None
        )
        raise option_error("--confidence", level, hint)


def check_min_response(share: float) -> None:
    """Refuse a response threshold outside 0-1; 60 is taken for the 0.6 it means."""
    if not 0.0 <= share <= 1.0:
        hint = (
            message("for {percent:g}% write {share:g}", percent=share, share=share / 100)
            if 1 < share <= 100
            else None
        )
        raise option_error("--min-response", share, hint)


def check_min_change(points: float) -> None:
    """Refuse a minimum change outside 0-100 points."""
    if not 0.0 <= points <= 100.0:
        raise option_error("--min-change", points)


def scoring_settings(min_group_size: int, confidence: float) -> Settings:
    """The settings of a scoring run, the two shared options checked first."""
    from mes.settings import Settings

    check_min_group_size(min_group_size)
    check_confidence(confidence)
    return Settings(min_group_size=min_group_size, confidence=confidence)


# --- Reading --------------------------------------------------------------------------------------


def read_stdin() -> bytes:
    """Everything piped in on standard input; a usage error when nothing is piped in."""
    if sys.stdin.isatty():
        raise usage_error(
            message("reading from standard input, but nothing was piped in; give a FILE")
        )
    return sys.stdin.buffer.read()


def warm_up(*modules: str) -> None:
    """Import heavy modules on a background thread while the input is parsed.

    scipy's t distribution costs ~0.25 s to import and is needed only after the file is read.
    `read_survey` starts this once calamine parses, which releases the GIL, so on a second core
    the import is nearly free; started earlier it would slow the workbook's safety pass.
    """

    def load() -> None:
        for name in modules:
            importlib.import_module(name)

    threading.Thread(target=load, name="mes-warm-up", daemon=True).start()


def load_instrument(path: Path | None) -> Instrument:
    """The instrument in the TOML file ``path``; the built-in MES-5 for None."""
    from mes.instrument import builtin
    from mes.instrument import load_instrument as load

    return load(path) if path is not None else builtin()


def read_survey(
    file: str,
    instrument: Instrument,
    sheet: str | None = None,
    *,
    data: bytes | None = None,
    warm: tuple[str, ...] = (),
) -> RawTable:
    """Read a survey file (``-`` for standard input, or its ``data`` given) into a `RawTable`.

    The ``warm`` modules are imported on another thread (`warm_up`) while the file is parsed.
    """
    from mes.columns import make_header_scorer
    from mes.io import read_table

    source = file
    if file == STDIN:
        data = read_stdin() if data is None else data
        source = "<stdin>"
    return read_table(
        source,
        data=data,
        sheet=sheet,
        header_scorer=make_header_scorer(instrument),
        parsing=(lambda: warm_up(*warm)) if warm else None,
    )


@dataclass(frozen=True)
class ReadOptions:
    """How survey files are read: the instrument (None: MES-5), sheet, breakdowns, invalid rows."""

    instrument: Instrument | None = None
    sheet: str | None = None
    by: Sequence[str] = ()
    skip_invalid: bool = False

    def resolved_instrument(self) -> Instrument:
        from mes.instrument import builtin

        return self.instrument if self.instrument is not None else builtin()


# --- Scoring and validating one file --------------------------------------------------------------


def score_file(
    file: str,
    read: ReadOptions | None = None,
    settings: Settings | None = None,
    *,
    individuals: bool = False,
    keep_ids: bool = False,
    warm: tuple[str, ...] = (),
    headcount: str | None = None,
    min_response: float = 0.6,
) -> ScoreReport:
    """What ``mes score`` shows: ``file`` read, validated and scored into a `ScoreReport`;
    with a ``headcount`` file, the response per group beside it."""
    from mes.settings import Settings
    from mes.validation import validate

    read = read or ReadOptions()
    instrument = read.resolved_instrument()
    # The table is handed on, not kept: validation frees its text as soon as it is read.
    responses = validate(
        read_survey(file, instrument, read.sheet, warm=warm),
        instrument,
        by=list(read.by),
        skip_invalid=read.skip_invalid,
    )
    responses = responses.compact(ids=individuals)
    from mes.report import score_with_persons  # often imported already, on the warm-up thread

    report, persons = score_with_persons(
        responses,
        instrument,
        settings or Settings(),
        individuals=individuals,
        keep_ids=keep_ids,
    )
    from mes.scoring import outcomes_present

    if outcomes_present(instrument, persons):  # numpy only for a file with outcome questions
        from mes.driver_report import with_drivers

        report = with_drivers(report, persons, instrument)
    if headcount is None:
        return report
    from mes.headcount import add_response, read_headcount

    return add_response(report, responses, read_headcount(headcount, instrument), min_response)


@dataclass(frozen=True)
class ScoredFile:
    """A survey file scored, with what the report was built from (for analyses beside it,
    such as ``mes drivers``).

    ``persons``: one row per respondent (`mes.scoring.score_persons`): ``respondent``, the group
    label columns, ``trait:<key>`` (0-100, null when too few items), ``mes`` (null below
    ``min_traits``), ``energetic`` and ``outcome:<key>`` (own range, null when unanswered) for
    each outcome in `outcomes`. ``report``: the privacy-checked `ScoreReport` (without
    individuals). Only the groups ``report`` shows may be reported on.
    """

    persons: pl.DataFrame
    report: ScoreReport
    instrument: Instrument
    settings: Settings
    responses: Responses

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The instrument's outcomes this file has answers for, in instrument order."""
        present = set(self.responses.outcomes)
        return tuple(o for o in self.instrument.outcomes if o.key in present)

    def shown_groups(self) -> list[ShownGroup]:
        """The groups the report shows, in its order (the organisation first, if shown)."""
        from mes.results import ShownGroup

        return [g for g in self.report.groups if isinstance(g, ShownGroup)]

    def members(self, group_id: str) -> pl.DataFrame:
        """The rows of `persons` in the report's group ``group_id`` (any group, shown or not)."""
        from mes.groups import GroupKey
        from mes.report import member_filter

        group = next((g for g in self.report.groups if g.id == group_id), None)
        if group is None:
            raise KeyError(group_id)
        key = GroupKey(group.dimension, tuple(group.path), breakdown=group.id.startswith("by:"))
        return self.persons.filter(member_filter(key, self.persons.columns))


def scored_file(
    file: str, read: ReadOptions | None = None, settings: Settings | None = None
) -> ScoredFile:
    """``file`` read, validated and scored as ``mes score`` does, with its scored persons."""
    from mes.report import score_with_persons
    from mes.settings import Settings
    from mes.validation import validate

    read = read or ReadOptions()
    settings = settings or Settings()
    instrument = read.resolved_instrument()
    responses = validate(  # the table handed on: validation frees the text it has read
        read_survey(file, instrument, read.sheet),
        instrument,
        by=list(read.by),
        skip_invalid=read.skip_invalid,
    )
    report, persons = score_with_persons(responses, instrument, settings)
    return ScoredFile(persons, report, instrument, settings, responses)


def columns_file(
    file: str, instrument: Path | None = None, sheet: str | None = None
) -> ColumnsReport:
    """What ``mes columns`` shows: what every column of ``file`` is read as, and why."""
    from mes.column_report import read_columns

    resolved = load_instrument(instrument)
    return read_columns(read_survey(file, resolved, sheet), resolved)


def validate_file(
    file: str,
    instrument: Path | None = None,
    sheet: str | None = None,
    headcount: str | None = None,
) -> tuple[ValidationReport, ExitCode]:
    """What ``mes validate`` reports: every problem of ``file``, and the exit code they mean."""
    from mes import __version__
    from mes.report import completeness_issues
    from mes.results import ValidationReport
    from mes.settings import Settings
    from mes.validation import tree_issues, validate

    respondents = None
    code = ExitCode.OK
    try:
        ins = load_instrument(instrument)
        table = read_survey(file, ins, sheet)
        responses = validate(table, ins)
        issues = [
            *responses.issues,
            *tree_issues(responses),
            *completeness_issues(responses, ins, Settings()),
        ]
        if headcount is not None:
            from mes.headcount import headcount_issues, read_headcount

            issues += headcount_issues(responses, read_headcount(headcount, ins))
        respondents = responses.frame.height
    except MesError as exc:
        issues = exc.issues
        code = exc.exit_code
    report = ValidationReport(
        mes_version=__version__,
        file=file,
        valid=code == ExitCode.OK,
        respondents=respondents,
        issues=issues,
    )
    return report, code


# --- Renames --------------------------------------------------------------------------------------


def renames(given: Sequence[str] = (), file: Path | None = None) -> tuple[Rename, ...]:
    """Renames from a ``--rename-file``, then from ``--rename OLD=NEW`` values.

    The same old name given twice must be renamed to the same new name.
    """
    from mes.change.options import Rename
    from mes.instrument import normalize_text

    pairs = _rename_file(file) if file is not None else []
    for text in given:
        old, sep, new = text.partition("=")
        if not sep:
            raise usage_error(
                message("--rename {text!r}: write it as OLD=NEW", text=text), "invalid-rename"
            )
        pairs.append((old, new, f"--rename {text!r}"))
    seen: dict[str, str] = {}
    found = []
    for raw_old, raw_new, where in pairs:
        old, new = raw_old.strip(), raw_new.strip()
        if not old or not new:
            raise usage_error(
                message("{where}: both the old and the new name are needed", where=where),
                "invalid-rename",
            )
        previous = seen.setdefault(normalize_text(old), new)
        if normalize_text(previous) != normalize_text(new):
            raise usage_error(
                message(
                    "{where}: {old!r} is renamed twice, to {previous!r} and to {new!r}",
                    where=where,
                    old=old,
                    previous=previous,
                    new=new,
                ),
                "invalid-rename",
            )
        found.append(Rename(old, new))
    return tuple(dict.fromkeys(found))


def _rename_file(path: Path) -> list[tuple[str, str, str]]:
    """``"Old" = "New"`` lines of a TOML file, as (old, new, where) in file order."""
    import tomllib

    def bad(reason: Message) -> InputError:
        return usage_error(
            message("--rename-file {path}: {reason}", path=str(path), reason=reason),
            "invalid-rename-file",
        )

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise bad(message("file not found")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise bad(message("cannot read it ({exc})", exc=str(exc))) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise bad(
            message('not valid TOML ({exc}); write lines like "Old" = "New"', exc=str(exc))
        ) from None
    out = []
    for old, new in data.items():
        if not isinstance(new, str):
            raise bad(
                message('{old!r} must be renamed to a name in quotes, like "Old" = "New"', old=old)
            )
        out.append((old, new, f"--rename-file {path}"))
    return out


# --- Saved results --------------------------------------------------------------------------------


def load_saved(file: str, data: bytes | None = None) -> ScoreReport | None:
    """The result saved in ``file`` by ``mes score --format json``; None for anything else.

    ``data`` is the file's content when it was read already (standard input). A saved result
    that is not valid, or could not have come from ``mes score`` as it is, is an `InputError`.
    """
    if data is None:
        try:
            data = Path(file).read_bytes() if _starts_with_brace(file) else None
        except OSError:
            return None  # the survey reader gives the proper message
    if data is None or not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return None  # e.g. JSON Lines survey answers: the survey reader's business
    kind = document.get("kind") if isinstance(document, dict) else None
    if not isinstance(kind, str) or not kind.startswith("mes."):
        return None
    report = _validated(file, kind, document)
    from mes.change.matching import unproducible

    problem = unproducible(report)
    if problem is not None:
        raise unreadable(
            "<stdin>" if file == STDIN else file,
            message(
                "this saved result was not made by mes score as it is: {problem}; "
                "score the survey again with mes score --format json",
                problem=problem,
            ),
            "edited-saved-result",
        )
    return report


def _starts_with_brace(file: str) -> bool:
    with Path(file).open("rb") as fh:
        return fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _validated(file: str, kind: str, document: dict[str, object]) -> ScoreReport:
    from pydantic import ValidationError

    from mes.results import SCHEMA_VERSION, ScoreReport

    name = "<stdin>" if file == STDIN else file
    if kind != "mes.score":
        raise unreadable(
            name,
            message(
                "this is a {kind} result; compare survey files or results saved with "
                "mes score --format json",
                kind=kind,
            ),
            "not-a-score-result",
        )
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise unreadable(
            name,
            message(
                "this result was saved in format {version!r}, this mes reads "
                "{SCHEMA_VERSION!r}; score the survey again with this version of mes",
                version=str(version),
                SCHEMA_VERSION=SCHEMA_VERSION,
            ),
            "unsupported-schema-version",
        )
    try:
        return ScoreReport.model_validate_json(json.dumps(document))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = json_path(document, first["loc"])
        known = _SAVED_RESULT_ERRORS.get(first["type"])
        problem = message(known) if known else first["msg"].removeprefix("Value error, ")
        raise unreadable(
            name,
            message(
                "a saved mes score result, but {where}: {problem}; save it again with "
                "mes score --format json",
                where=where,
                problem=problem,
            ),
            "invalid-saved-result",
        ) from None


#: pydantic's words for the errors of a group that is neither clearly shown nor suppressed.
_SAVED_RESULT_ERRORS = {
    "union_tag_not_found": N_("'suppressed' is missing: every group says whether it is shown"),
    "union_tag_invalid": N_("'suppressed' must be true or false"),
    "none_required": N_("should be null: a suppressed group has no figures, a shown one no reason"),
}


def json_path(document: object, loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a path into the JSON document, e.g. ``groups[3].n``.

    pydantic puts the tag of a union's member in the location (``groups.3.0.n`` for the shown
    group at index 3); the tag is not in the document, so it is left out.
    """
    path, node = "", document
    for i, part in enumerate(loc):
        if isinstance(node, list) and isinstance(part, int) and not isinstance(part, bool):
            path += f"[{part}]"
            node = node[part] if -len(node) <= part < len(node) else None
        elif (
            isinstance(node, dict) and isinstance(part, str) and (part in node or i == len(loc) - 1)
        ):
            path += f".{part}" if path else part
            node = node.get(part)
    return path or "the document"


# --- Quarters: diff and trend ---------------------------------------------------------------------


def _compare_options() -> CompareOptions:
    from mes.change.options import CompareOptions

    return CompareOptions()


@dataclass(frozen=True)
class ChangeOptions:
    """Options of ``mes diff`` and ``mes trend``.

    ``min_group_size`` is for scoring the survey files among the quarters; None means that of
    the saved results given, else the default.
    """

    read: ReadOptions = field(default_factory=ReadOptions)
    compare: CompareOptions = field(default_factory=_compare_options)
    min_group_size: int | None = None
    #: One headcount file per quarter, in the quarters' order (or none at all).
    headcounts: tuple[str, ...] = ()
    min_response: float = 0.6


def check_change_options(options: CompareOptions) -> None:
    """Refuse comparison options that cannot be used, before any file is read."""
    check_confidence(options.confidence)
    check_min_change(options.min_change)


def check_labels(labels: Sequence[str], quarters: int) -> None:
    """``--label``: none, or one non-blank, distinct name per quarter, in the quarters' order."""
    if not labels:
        return
    if len(labels) != quarters:
        raise usage_error(
            message(
                "--label was given {n} time(s) for {quarters} quarters: give one label "
                "per quarter, in the same order as the files, or none",
                n=len(labels),
                quarters=quarters,
            )
        )
    if any(not label.strip() for label in labels):
        raise usage_error(message("--label: a label cannot be empty"))
    if len(set(labels)) != len(labels):
        raise usage_error(
            message("--label: each quarter needs a label of its own (two are the same)")
        )


def _check_stdin_once(files: Sequence[str]) -> None:
    if list(files).count(STDIN) > 1:
        raise usage_error(message("only one quarter can be read from standard input"))


def diff_files(
    old: str, new: str, options: ChangeOptions | None = None, *, warn: Warn | None = None
) -> DiffReport:
    """What ``mes diff OLD NEW`` shows: two quarters, survey files or saved results, compared."""
    from mes.change.diff import diff

    options = options or ChangeOptions()
    _check_stdin_once((old, new))
    check_change_options(options.compare)
    check_labels(options.compare.labels, 2)
    sides = load_quarters((old, new), options, want_people=options.compare.paired, warn=warn)
    report = diff(sides[0], sides[1], options.compare)
    if warn is not None and report.issues:
        warn("diff", report.issues)
    return report


def trend_files(
    quarters: Sequence[str], options: ChangeOptions | None = None, *, warn: Warn | None = None
) -> TrendReport:
    """What ``mes trend`` shows: three or more quarters, oldest first, and the last change."""
    from mes.change.trend import trend

    options = options or ChangeOptions()
    if len(quarters) < 3:
        raise usage_error(
            message(
                "mes trend needs three or more quarters, got {n}; compare two with mes "
                "diff OLD NEW",
                n=len(quarters),
            ),
            "too-few-quarters",
        )
    _check_stdin_once(quarters)
    check_change_options(options.compare)
    check_labels(options.compare.labels, len(quarters))
    compare = dataclasses.replace(options.compare, paired=False)
    sides = load_quarters(tuple(quarters), options, want_people=False, warn=warn)
    report = trend([s.report for s in sides], compare)
    if warn is not None and report.issues:
        warn("trend", report.issues)
    return report


def load_quarters(
    files: Sequence[str], options: ChangeOptions, *, want_people: bool, warn: Warn | None = None
) -> list[Side]:
    """Every quarter as a score report: saved results as they are, survey files scored.

    Saved results are read first: their settings decide how the survey files are scored. The
    survey files are read and scored two at a time when that fits in memory
    (`concurrent_quarters`), else one after the other; the results are the same either way.
    """
    from mes.change.people import Side

    if options.headcounts and len(options.headcounts) != len(files):
        raise usage_error(
            message(
                "{n} --headcount file(s) for {n2} quarters: give one per quarter, in "
                "the same order, or none",
                n=len(options.headcounts),
                n2=len(files),
            )
        )
    headcounts = dict(zip(files, options.headcounts or [None] * len(files), strict=True))
    stdin = read_stdin() if STDIN in files else None
    saved = {f: load_saved(f, stdin if f == STDIN else None) for f in files}
    for file, report in saved.items():
        if report is not None and headcounts[file] is not None:
            raise usage_error(
                message(
                    "--headcount goes with a survey file, not with the saved result "
                    "{file}: save it again with mes score --headcount ... --format json",
                    file=file,
                )
            )
    settings = _quarter_settings(saved, options.min_group_size)
    surveys = [f for f in files if saved[f] is None]
    # Person-level data is only worth building when every quarter is a survey file.
    want_people = want_people and len(surveys) == len(files)
    instrument = options.read.resolved_instrument()
    sizes = [len(stdin) if f == STDIN and stdin is not None else _size(f) for f in surveys]
    concurrently = concurrent_quarters(sizes)
    if surveys and concurrently:
        # For the p-values, imported while calamine parses. Quarters too large to read two at
        # a time import it after the reads instead: its 30 MB would add to the peak.
        warm_up("scipy.special")
    scoring = _Quarters(instrument, settings, options, want_people, stdin)
    scored = scoring.each(surveys, headcounts, concurrently=concurrently)
    sides = []
    try:
        for file in files:
            report = saved[file]
            side = Side(report) if report is not None else next(scored)
            if report is None and warn is not None and side.report.issues:
                warn(side.report.source.file, side.report.issues)
            sides.append(side)
    finally:
        scoring.stop()
    return sides


#: Reading and scoring a survey file takes about this many bytes of memory at its peak per byte
#: of the file: 940 MB for a workbook of a million rows (41 MB), most of it calamine's buffer of
#: every cell of the sheet. A workbook, being compressed, takes the most per byte of any format.
PEAK_PER_FILE_BYTE = 24
#: Two quarters are read and scored at once only while both their peaks fit in this: the memory
#: mes keeps to at a million rows (docs/performance.md).
CONCURRENT_QUARTERS_BUDGET = 1_000_000_000


def concurrent_quarters(sizes: Sequence[int]) -> bool:
    """Whether survey files of these sizes (bytes) may be read and scored two at a time.

    Two at a time, a second core reads and scores one quarter while the first core does another
    (calamine and polars release the GIL), but the memory of both is held at once; for large
    files one after the other keeps the peak that of a single ``mes score``.
    """
    largest = sorted(sizes, reverse=True)[:2]
    return len(largest) == 2 and PEAK_PER_FILE_BYTE * sum(largest) <= CONCURRENT_QUARTERS_BUDGET


def _size(file: str) -> int:
    try:
        return Path(file).stat().st_size
    except OSError:
        return 0  # reading it gives the proper message


class _Quarters:
    """Reads, validates and scores the survey files of ``mes diff`` and ``mes trend``.

    Of each quarter only its report and, for the paired view, its people are kept: the raw table
    and the validated responses are dropped as soon as the quarter is scored, before the next
    one is read when they are read one after the other.
    """

    def __init__(
        self,
        instrument: Instrument,
        settings: Settings,
        options: ChangeOptions,
        want_people: bool,
        stdin: bytes | None,
    ) -> None:
        self._instrument = instrument
        self._settings = settings
        self._options = options
        self._want_people = want_people
        self._stdin = stdin
        self._stopped = threading.Event()
        self._pool: ThreadPoolExecutor | None = None

    def each(
        self, files: Sequence[str], headcounts: dict[str, str | None], *, concurrently: bool
    ) -> Iterator[Side]:
        """The scored quarters, in the order of ``files``.

        One after the other, each is read only when the previous one has been taken (and its
        warnings shown); two at a time, the next file is read as soon as a thread is free.
        """
        if not concurrently:
            return (self._score(file, headcounts[file]) for file in files)
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mes-quarter")
        futures = [self._pool.submit(self._score, file, headcounts[file]) for file in files]
        return (future.result() for future in futures)

    def stop(self) -> None:
        """Start no further quarter, and let one being scored end at its next step: after an
        error the command exits without scoring quarters it will not show."""
        self._stopped.set()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _score(self, file: str, headcount: str | None) -> Side:
        from mes.change.people import Side, people
        from mes.report import score_with_persons
        from mes.validation import validate

        read = self._options.read
        data = self._stdin if file == STDIN else None
        tables = [read_survey(file, self._instrument, read.sheet, data=data)]
        self._check_stopped()
        # Handed on, not kept while the quarter is scored: validation frees the text it has read.
        responses = validate(
            tables.pop(), self._instrument, by=list(read.by), skip_invalid=read.skip_invalid
        )
        self._check_stopped()
        report, persons = score_with_persons(responses, self._instrument, self._settings)
        if headcount is not None:
            from mes.headcount import add_response, read_headcount

            staff = read_headcount(headcount, self._instrument)
            report = add_response(report, responses, staff, self._options.min_response)
        return Side(report, people(responses, persons) if self._want_people else None)

    def _check_stopped(self) -> None:
        if self._stopped.is_set():
            raise _Stopped


class _Stopped(Exception):
    """A quarter left unscored because the command is ending (never reaches the user)."""


def _quarter_settings(saved: dict[str, ScoreReport | None], given: int | None) -> Settings:
    """Settings for scoring survey files: those of the saved results, so the quarters compare."""
    from mes.settings import Settings

    if given is not None:
        check_min_group_size(given)
    reports = [(f, r) for f, r in saved.items() if r is not None]
    if given is not None:
        for file, report in reports:
            k = report.settings.min_group_size
            if k != given:
                raise usage_error(
                    message(
                        "{file} was saved with minimum group size {k}; a saved result cannot "
                        "be suppressed again with -k {given}: score its survey again with -k "
                        "{given}, or leave -k out",
                        file=file,
                        k=k,
                        given=given,
                    ),
                    "settings-differ",
                )
    if not reports:
        return Settings(min_group_size=given or DEFAULT_MIN_GROUP_SIZE)
    # The other thresholds follow the first saved result; mes.change refuses quarters that differ.
    first = reports[0][1].settings
    return first.model_copy(update={"min_group_size": given or first.min_group_size})
