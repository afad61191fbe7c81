"""Process exit codes, documented in ``--help`` and the README (a light module: no pydantic)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA_PROBLEMS = 1  # the input was read, but its data has problems; nothing was scored
    USAGE_OR_UNREADABLE = 2  # bad options, or a file that cannot be read at all
