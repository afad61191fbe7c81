"""Getting at the bytes of an input: a path the user typed, or bytes already read (stdin).

Only the head of a regular file is read up front, so that format detection and most refusals
(an old .xls, an HTML page, an ODS file) cost a few kilobytes whatever the file's size. Workbooks
are then read through a seekable handle (the zip central directory sits at the end); text is read
whole, or (a UTF-8 CSV) looked at in pieces and handed to polars by its path. Every
operating-system failure becomes an `InputError` that names the file.
"""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from mes.messages import message

if TYPE_CHECKING:
    from mes.errors import InputError

#: Enough to classify any format we know and to sniff a CSV's separator and header region.
HEAD_SIZE = 64 * 1024


@dataclass(frozen=True)
class Source:
    """One input: its name as the user gave it, and either a regular file or bytes in memory."""

    name: str
    head: bytes  # the first HEAD_SIZE bytes (all of them for a small file)
    path: Path | None = None  # set for a regular file that is read lazily
    data: bytes | None = None  # set for stdin, pipes and other non-regular files

    @property
    def suffix(self) -> str:
        """The file extension in lower case (``".xlsx"``), or ``""`` for stdin and bare names."""
        return "" if self.name.startswith("<") else Path(self.name).suffix.lower()

    def read_all(self) -> bytes:
        """Every byte of the input."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise _os_error(self.name, self.path, exc) from None

    def start(self, size: int) -> bytes:
        """The first ``size`` bytes of the input (all of them for a shorter one)."""
        if size <= len(self.head) or self.path is None:
            return (self.head if self.data is None else self.data)[:size]
        with self.open_binary() as handle:
            return handle.read(size)

    def contains(self, byte: bytes) -> bool:
        """Whether ``byte`` (one byte) occurs anywhere in the input, read in pieces."""
        if self.path is None:
            return byte in (self.data or b"")
        with self.open_binary() as handle:
            return any(byte in piece for piece in iter(lambda: handle.read(1 << 20), b""))

    def open_binary(self) -> BinaryIO:
        """A seekable binary handle on the input (the caller closes it)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise _os_error(self.name, self.path, exc) from None


def open_source(name: str, data: bytes | None = None) -> Source:
    """Open ``name`` (or wrap ``data``) and read its head; refuse what cannot be read at all."""
    if data is not None:
        return Source(name=name, head=data[:HEAD_SIZE], data=data)
    path = Path(name)
    try:
        with path.open("rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):  # Windows and some filesystems open directories
                raise IsADirectoryError(name)
            if not stat.S_ISREG(mode):
                # A pipe or process substitution can be read only once: keep all of it.
                everything = handle.read()
                return Source(name=name, head=everything[:HEAD_SIZE], data=everything)
            head = handle.read(HEAD_SIZE)
    except OSError as exc:
        raise _os_error(name, path, exc) from None
    return Source(name=name, head=head, path=path)


def _os_error(name: str, path: Path, exc: OSError) -> InputError:
    from mes.errors import unreadable  # pydantic: only for a refusal (see prefetch)

    if isinstance(exc, FileNotFoundError):
        return unreadable(
            name,
            message("no such file: check the name and the folder you run mes from"),
            "file-not-found",
        )
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return unreadable(
            name,
            message("this is a folder, not a file: give the path of the survey file"),
            "not-a-file",
        )
    if isinstance(exc, PermissionError):
        return unreadable(
            name,
            message(
                "permission denied: close the file if it is open in Excel, or ask for read access"
            ),
            "permission-denied",
        )
    reason = exc.strerror or type(exc).__name__
    return unreadable(
        name, message("the file cannot be read ({reason})", reason=reason), "unreadable-file"
    )
