"""Process exit codes, documented in ``--help`` and the README (a light module: no pydantic)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DATA_PROBLEMS = 1  # the input was read, but its data has problems; nothing was scored
    USAGE_OR_UNREADABLE = 2  # bad options, or a file that cannot be read at all
    INTERNAL_ERROR = 3  # a bug in mes: an exception nothing in mes expected
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)
