"""Problems a user can cause, as data: `Issue`, its `Location`, the catalogue of issue codes, and
the exceptions that carry them.

Every user-facing problem is an `Issue` with a stable kebab-case `code`, a message that says what
to do, and a `Location` the user can find (file, sheet, row as numbered in Excel, column header,
cell such as ``D7``; for JSON the item index and field). Every code is listed once, in `CODES`,
with its `Category` and a one-line meaning, and the category decides the exit code
(`Category.exit_code`): a data problem exits 1, an unreadable input or a usage error exits 2,
a warning never stops mes. `error` and `warning` refuse a code that is not catalogued, so a new
code is documented the day it is written. ``python -m mes.errors`` writes the list for users,
``docs/issue-codes.md``.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, PrivateAttr, SerializationInfo, field_serializer

from mes.exit_codes import ExitCode
from mes.messages import Message

__all__ = [
    "CODES",
    "MAX_CELLS",
    "Category",
    "CodeInfo",
    "DataError",
    "ExitCode",
    "InputError",
    "Issue",
    "Location",
    "MesError",
    "Severity",
    "as_warning",
    "code_info",
    "error",
    "unreadable",
    "warning",
]


class Severity(StrEnum):
    ERROR = "error"  # the row (or the file) cannot be scored as it is
    WARNING = "warning"  # scored, but the user should know


class Category(StrEnum):
    """What kind of problem a code names; the exit code follows from it."""

    DATA = "data problem"  # the file was read, but its data has problems: nothing is scored
    UNREADABLE = "unreadable input"  # a file cannot be read, or is not what mes needs, at all
    USAGE = "usage"  # an option, an argument or a combination of inputs is wrong
    WARNING = "warning"  # reported on stderr and in the result; never stops mes

    @property
    def exit_code(self) -> ExitCode:
        """The process exit code of an error of this category (the one place it is decided)."""
        if self is Category.DATA:
            return ExitCode.DATA_PROBLEMS
        if self is Category.WARNING:
            return ExitCode.OK
        return ExitCode.USAGE_OR_UNREADABLE


class CodeInfo(NamedTuple):
    category: Category
    meaning: str  # one line, for docs/issue-codes.md


_D, _U, _X, _W = Category.DATA, Category.UNREADABLE, Category.USAGE, Category.WARNING

#: Every issue code mes uses. A code of an error category may also be reported as a warning where
#: the user chose to go on: --skip-invalid skips rows with data problems, and
#: --allow-instrument-change compares quarters scored with different questionnaires.
CODES: dict[str, CodeInfo] = {
    # --- data problems: the file was read, but its data stop scoring (exit 1) ---
    "invalid-answer": CodeInfo(_D, "an answer is not a number or a label of the answer scale"),
    "answer-not-whole": CodeInfo(_D, "an answer is a number with a fraction, e.g. 3.5"),
    "answer-out-of-range": CodeInfo(_D, "an answer lies outside the answer scale, e.g. 7 on 1-5"),
    "answers-on-other-scale": CodeInfo(
        _D, "the statements were answered on another scale (e.g. 1-10) than the instrument's"
    ),
    "duplicate-respondent": CodeInfo(_D, "the same respondent id appears in more than one row"),
    "missing-column": CodeInfo(_D, "no column holds one of the instrument's items"),
    "missing-aspect-column": CodeInfo(_D, "no column holds a question of a mirror aspect"),
    "missing-score-column": CodeInfo(_D, "mes link finds no customer score column"),
    "invalid-team-score": CodeInfo(
        _D, "a team's score in a one-row-per-team customer file is not a number within the scale"
    ),
    "invalid-customer-count": CodeInfo(
        _D, "a team's n in a one-row-per-team customer file is not a whole number of 0 or more"
    ),
    "duplicate-column": CodeInfo(_D, "two columns hold the same item, id or group"),
    "no-responses": CodeInfo(_D, "the file has a header but no row with an answer"),
    "no-outcome": CodeInfo(
        _D, "mes drivers finds no outcome question (energy, eNPS or a declared one) in the file"
    ),
    "formula-without-value": CodeInfo(
        _D, "a workbook cell holds a formula whose result was never saved"
    ),
    "invalid-headcount": CodeInfo(_D, "an invited count in a headcount is not a whole number"),
    "duplicate-headcount-group": CodeInfo(_D, "a group is on two rows of a per-group headcount"),
    "more-respondents-than-invited": CodeInfo(
        _D, "a group has more respondents than the headcount invited"
    ),
    # --- unreadable input: a file cannot be read at all (exit 2) ---
    "file-not-found": CodeInfo(_U, "the file does not exist"),
    "not-a-file": CodeInfo(_U, "the path names a folder, not a file"),
    "permission-denied": CodeInfo(_U, "the file may not be read (or is locked by Excel)"),
    "unreadable-file": CodeInfo(_U, "the operating system could not read the file"),
    "empty-file": CodeInfo(_U, "the file, the chosen sheet or every sheet holds no data"),
    "unreadable-text": CodeInfo(
        _U, "a text file is binary, mixes encodings or has an unclosed quote"
    ),
    "ragged-row": CodeInfo(_U, "a CSV row has more values than the header has columns"),
    "invalid-json": CodeInfo(_U, "a JSON file is not valid JSON"),
    "not-json-array": CodeInfo(_U, "a JSON file is not an array (or lines) of objects"),
    "legacy-or-encrypted-workbook": CodeInfo(_U, "an old .xls or password-protected workbook"),
    "html-not-supported": CodeInfo(_U, "an HTML page saved with a spreadsheet's name"),
    "xml-not-supported": CodeInfo(_U, "an XML file, such as an Excel 2003 XML spreadsheet"),
    "ods-not-supported": CodeInfo(_U, "an OpenDocument spreadsheet (.ods)"),
    "not-a-workbook": CodeInfo(_U, "a file named as a workbook holds something else"),
    "corrupt-workbook": CodeInfo(_U, "the workbook is damaged or incomplete"),
    "zip-bomb": CodeInfo(_U, "the workbook would unpack to far more data than a survey holds"),
    "xml-entities": CodeInfo(_U, "the workbook declares XML entities, a known attack"),
    "headcount-without-groups": CodeInfo(_U, "a headcount file has no department or team column"),
    "invalid-instrument": CodeInfo(_U, "an instrument file (--instrument) is not valid"),
    "invalid-mirror-definition": CodeInfo(_U, "a mirror definition (--definition) is not valid"),
    "not-a-score-result": CodeInfo(_U, "a saved result given to diff or trend is not from score"),
    "unsupported-schema-version": CodeInfo(
        _U, "a saved result was written in a format this mes does not read"
    ),
    "invalid-saved-result": CodeInfo(_U, "a saved score result does not have the shape mes wrote"),
    "edited-saved-result": CodeInfo(
        _U, "a saved score result has settings or groups mes score cannot have made"
    ),
    # --- usage: an option, an argument or a combination of inputs is wrong (exit 2) ---
    "invalid-option": CodeInfo(_X, "an option has a value mes cannot use"),
    "min-group-size-too-small": CodeInfo(_X, "--min-group-size is below the lowest allowed"),
    "unknown-sheet": CodeInfo(_X, "--sheet names a sheet the workbook does not have"),
    "unknown-by-column": CodeInfo(_X, "--by names a column the file does not have"),
    "unknown-outcome": CodeInfo(_X, "--outcome names no outcome question of the instrument"),
    "personal-by-column": CodeInfo(_X, "--by names a column of personal identifiers"),
    "id-by-column": CodeInfo(_X, "--by names a column of respondent or personnel ids"),
    "tree-by-column": CodeInfo(_X, "--by names the team or department column: the tree shows them"),
    "unique-by-column": CodeInfo(_X, "--by names a column whose values are nearly all different"),
    "cannot-write": CodeInfo(_X, "the output file (-o) cannot be written"),
    "too-few-quarters": CodeInfo(_X, "mes trend was given fewer than three quarters"),
    "invalid-rename": CodeInfo(_X, "a --rename is not written as OLD=NEW"),
    "invalid-rename-file": CodeInfo(_X, "a --rename-file cannot be read or has a bad line"),
    "rename-ambiguous": CodeInfo(_X, "a rename's old name matches more than one group"),
    "settings-differ": CodeInfo(_X, "the quarters were scored with different settings"),
    "instrument-changed": CodeInfo(
        _X, "the quarters were scored with different questionnaires (a warning when allowed)"
    ),
    # --- warnings: reported, scoring goes on (exit 0) ---
    "nul-bytes-removed": CodeInfo(_W, "NUL bytes in a text file were removed"),
    "sheet-ignored": CodeInfo(_W, "--sheet was given for a text file, which has no sheets"),
    "sheet-chosen": CodeInfo(_W, "mes read another sheet than the first, and says why"),
    "incomplete-responses-skipped": CodeInfo(
        _W, "incomplete responses (LimeSurvey's empty submitdate) were left out"
    ),
    "no-group-columns": CodeInfo(_W, "no team or department column: only the organisation"),
    "group-column-not-recognised": CodeInfo(
        _W, "a column looks like the team or department column but is not read as one"
    ),
    "id-column-not-recognised": CodeInfo(
        _W, "no personnel-number id, while a column looks like one: double answers go unseen"
    ),
    "unmatched-customer-groups": CodeInfo(_W, "customer teams that match no survey team"),
    "ambiguous-customer-team": CodeInfo(_W, "a customer team fits teams of several departments"),
    "response-changed-more": CodeInfo(_W, "a group's response rate moved more than its MES"),
    "personal-id-column": CodeInfo(_W, "the id column holds names or e-mail addresses: not used"),
    "no-answers": CodeInfo(_W, "a row has no answers and is not counted"),
    "more-issues": CodeInfo(_W, "more issues of the same kinds were found than are listed"),
    "incomplete-respondents": CodeInfo(
        _W, "respondents have too few trait scores for a MES; they count in their other figures"
    ),
    "no-mes": CodeInfo(_W, "this respondent has too few trait scores for a MES (mes validate)"),
    "low-reliability": CodeInfo(_W, "a trait's Cronbach's alpha is below the threshold"),
    "breakdown-not-in-every-quarter": CodeInfo(
        _W, "a --by breakdown is in some quarters only and is not compared"
    ),
    "group-names-merged": CodeInfo(
        _W, "group names written in more than one way (case, spacing, Unicode) were merged"
    ),
    "team-without-department": CodeInfo(
        _W, "rows with a team but no department: a team without a department, never a department"
    ),
    "team-in-several-departments": CodeInfo(
        _W, "one team name appears under more than one department"
    ),
    "ambiguous-group-name": CodeInfo(_W, "group names differ only in case, spacing or accents"),
    "rename-unmatched": CodeInfo(_W, "a rename matches no department or team"),
    "rename-target-missing": CodeInfo(
        _W, "a rename's new name is not a group of the later quarter"
    ),
    "not-in-headcount": CodeInfo(_W, "survey groups the headcount does not list: no response rate"),
    "no-responses-from-group": CodeInfo(_W, "headcount groups with no respondents in the survey"),
    "low-response": CodeInfo(_W, "groups whose response is below --min-response"),
    "small-turnover": CodeInfo(
        _W, "groups changed size by fewer than k people: their change says something about them"
    ),
}


def code_info(code: str) -> CodeInfo:
    """The catalogue entry of ``code``; an unknown code is a bug in mes (`ValueError`)."""
    try:
        return CODES[code]
    except KeyError:
        raise ValueError(f"bug: issue code {code!r} is not in mes.errors.CODES") from None


class Location(BaseModel):
    """Where a problem is, in the terms the user sees when they open the file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # as numbered in Excel: the first line of the file is row 1
    column: str | None = None  # the column header as written in the file
    cell: str | None = None  # e.g. "D7"
    item: int | None = None  # JSON: index of the object in the array (0-based, as in jq)
    field: str | None = None  # JSON: key of the object

    def describe(self) -> str:
        """One human-readable phrase, e.g. ``survey.xlsx, sheet Data, cell D7 (column "Team")``."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.item is not None:
            parts.append(f"item {self.item}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        elif self.field is not None:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)


#: Places listed in one issue at most (`Issue.cells`); `Issue.count` counts them all.
MAX_CELLS = 10_000


class Issue(BaseModel):
    """One problem found in the input, with a stable code and a location."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Not checked against `CODES` here: saved results are read back into this model, and a
    # result saved by another mes version may name a code this one does not have.
    code: str
    severity: Severity
    message: str  # in English; `text` is what a renderer translates
    location: Location = Location()  # the first place, when the issue stands for several
    # One issue may stand for the same problem in many places (the same wrong answer in 40
    # cells): how many, and where (at most `MAX_CELLS`, in reading order). None for one place.
    count: int | None = None
    cells: list[Location] | None = None
    # The message's template and values, for the renderers to show in the user's language; absent
    # in an issue read back from a saved result (its `message` is shown as it was saved).
    _text: Message | None = PrivateAttr(default=None)

    @property
    def text(self) -> Message | None:
        """The message as a template with values, or None for an issue read from a file."""
        return self._text

    @field_serializer("message", when_used="json")
    def _message_in_words(self, message: str, info: SerializationInfo) -> str:
        """In JSON, the message in the reader's language when the renderer passes a translator
        as ``context={"issue_text": ...}``; the core itself says it in English."""
        issue_text = (info.context or {}).get("issue_text")
        return str(issue_text(self)) if issue_text is not None else message

    def describe(self) -> str:
        where = self.location.describe()
        return f"{where}: {self.message}" if where else self.message


def _issue(code: str, severity: Severity, text: Message, location: Location) -> Issue:
    issue = Issue(code=code, severity=severity, message=text.english, location=location)
    issue._text = text
    return issue


def error(
    code: str, message: Message, location: Location | None = None, **where: str | int | None
) -> Issue:
    """An error-level issue at ``location``, or at a location given by keyword.

    ``code`` must be catalogued in `CODES` with an error category (a bug otherwise: `ValueError`).
    """
    if code_info(code).category is Category.WARNING:
        raise ValueError(f"bug: issue code {code!r} is catalogued as a warning, not an error")
    return _issue(code, Severity.ERROR, message, location or Location(**where))


def warning(
    code: str, message: Message, location: Location | None = None, **where: str | int | None
) -> Issue:
    """A warning-level issue at ``location``, or at a location given by keyword.

    ``code`` must be catalogued in `CODES` (a bug otherwise: `ValueError`); an error's code may be
    reported as a warning where the user chose to go on (e.g. ``--skip-invalid``).
    """
    code_info(code)
    return _issue(code, Severity.WARNING, message, location or Location(**where))


def as_warning(issue: Issue, text: Message) -> Issue:
    """``issue`` as a warning with another message, where the user chose to go on."""
    out = issue.model_copy(update={"severity": Severity.WARNING, "message": text.english})
    out._text = text
    return out


class MesError(Exception):
    """Base of the errors mes raises for things a user can cause."""

    exit_code: ExitCode = ExitCode.USAGE_OR_UNREADABLE

    def __init__(self, issues: list[Issue] | Issue) -> None:
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        for issue in self.issues:
            if issue.severity is Severity.ERROR:
                category = code_info(issue.code).category
                if category.exit_code != self.exit_code:
                    raise ValueError(
                        f"bug: {type(self).__name__} carries {issue.code!r}, a {category} code"
                    )
        super().__init__("; ".join(i.describe() for i in self.issues[:3]))


class InputError(MesError):
    """The file cannot be read at all, or an option is wrong: exit 2, one clear line."""

    exit_code = Category.UNREADABLE.exit_code


class DataError(MesError):
    """The file was read, but its data has problems that stop scoring: exit 1."""

    exit_code = Category.DATA.exit_code


def unreadable(file: str | None, message: Message, code: str = "unreadable-file") -> InputError:
    """An `InputError` for a whole file: ``unreadable("x.xlsx", message("a CSV file ..."))``."""
    return InputError(error(code, message, file=file))


# --- The list of codes for users: docs/issue-codes.md -----------------------------------------

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "issue-codes.md"


def codes_markdown() -> str:
    """``docs/issue-codes.md``: every code with its category, exit code and meaning."""
    lines = [
        "# Issue codes",
        "",
        "Every problem mes reports carries one of these stable codes: in the `code` of each",
        "issue in `--format json` output, in the Issues sheet of the Excel report, and in",
        "`mes validate`. The category decides the exit code when the problem stops mes. A code",
        "of a data problem is reported as a warning instead when `--skip-invalid` skips its row,",
        "and `instrument-changed` is a warning with `--allow-instrument-change`.",
        "",
        "Generated from `CODES` in `mes/errors.py` by `python -m mes.errors`; do not edit by hand.",
        "",
        "| code | category | exit code | meaning |",
        "|---|---|---|---|",
    ]
    for code, info in CODES.items():
        lines.append(
            f"| `{code}` | {info.category} | {int(info.category.exit_code)} | {info.meaning} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Write ``docs/issue-codes.md`` (or print it with ``-``)."""
    if argv == ["-"]:
        sys.stdout.write(codes_markdown())
    else:
        DOC_PATH.write_text(codes_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
