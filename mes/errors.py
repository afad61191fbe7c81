"""Problems a user can cause, as data: `Issue`, its `Location`, and the exceptions that carry them.

Every user-facing problem is an `Issue` with a stable kebab-case `code`, a message that says what
to do, and a `Location` the user can find (file, sheet, row as numbered in Excel, column header,
cell such as ``D7``; for JSON the item index and field). The CLI maps the exceptions to exit codes:
`InputError` (the file cannot be read at all, or the options are wrong) exits 2, `DataError` (the
file was read but its data has problems) exits 1.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from mes.exit_codes import ExitCode

__all__ = ["DataError", "ExitCode", "InputError", "Issue", "Location", "MesError", "Severity"]


class Severity(StrEnum):
    ERROR = "error"  # the row (or the file) cannot be scored as it is
    WARNING = "warning"  # scored, but the user should know


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


class Issue(BaseModel):
    """One problem found in the input, with a stable code and a location."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    message: str
    location: Location = Location()

    def describe(self) -> str:
        where = self.location.describe()
        return f"{where}: {self.message}" if where else self.message


def error(
    code: str, message: str, location: Location | None = None, **where: str | int | None
) -> Issue:
    """An error-level issue at ``location``, or at a location given by keyword."""
    return Issue(
        code=code, severity=Severity.ERROR, message=message, location=location or Location(**where)
    )


def warning(
    code: str, message: str, location: Location | None = None, **where: str | int | None
) -> Issue:
    """A warning-level issue at ``location``, or at a location given by keyword."""
    return Issue(
        code=code,
        severity=Severity.WARNING,
        message=message,
        location=location or Location(**where),
    )


class MesError(Exception):
    """Base of the errors mes raises for things a user can cause."""

    exit_code: ExitCode = ExitCode.USAGE_OR_UNREADABLE

    def __init__(self, issues: list[Issue] | Issue) -> None:
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__("; ".join(i.describe() for i in self.issues[:3]))


class InputError(MesError):
    """The file cannot be read at all, or an option is wrong: exit 2, one clear line."""

    exit_code = ExitCode.USAGE_OR_UNREADABLE


class DataError(MesError):
    """The file was read, but its data has problems that stop scoring: exit 1."""

    exit_code = ExitCode.DATA_PROBLEMS


def unreadable(file: str | None, message: str, code: str = "unreadable-file") -> InputError:
    """An `InputError` for a whole file, e.g. ``unreadable("x.xlsx", "this is a CSV file ...")``."""
    return InputError(error(code, message, file=file))
