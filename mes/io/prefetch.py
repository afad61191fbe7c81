"""A workbook checked, and calamine's load of it started, while the command is still starting up.

calamine's load is most of the time `read_xlsx` takes, and it releases the GIL; but it used to
start only after the command line was parsed and polars, pydantic and mes's own modules were
imported (about 0.3 s), so nothing could run beside it. The CLI now calls `start` first thing,
with the file and ``--sheet`` the command line names (`mes.cli.early`). On a thread of its own,
`start` does what `read_xlsx` does first, the same way: the zip's declared sizes, one read of
the file, and the package checks of `safety` and `package` on the bytes read. Only a workbook
that passes them reaches calamine, which is then given those very bytes, to load the sheet that
`read_xlsx` is most likely to load first (`first_load`). Nothing here imports polars or pydantic
(the shared strings' look for `typed` is left to `Package.typed_ok`), so the thread is in
calamine while the command imports them.

`claim` hands the checked workbook and the load to `read_xlsx` (the same regular file, unchanged
since), which takes the loaded sheet (`Prefetch.take`) only when it asks calamine for exactly
that load: the same sheet, typed under the same header row (which it finds with the
instrument's header scorer, as always) or as text. Otherwise it waits for the load to end, drops
it and loads as it always did: a wrong guess costs time, never a different result. Anything
that fails here (a missing file, a refused or damaged workbook) is dropped without a word: the
normal path then does the same again and says what is wrong in its own words. The thread is a
daemon: a command that fails before reading (a usage error, Ctrl-C) exits at once, and takes it
along; a library caller that starts a prefetch and does not read the file calls `forget`.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mes.io import detect
from mes.io.source import HEAD_SIZE

if TYPE_CHECKING:
    import fastexcel

    from mes.io.head import SheetHead
    from mes.io.package import Package, SheetInfo
    from mes.io.source import Source

#: How often a wait for the thread looks for Ctrl-C (seconds).
_POLL = 0.05
#: Rows of a sheet's head the header row is guessed among (as many as `table` searches).
GUESS_ROWS = 10
#: The typed load is not planned for a header further down (`typed.MAX_TYPED_HEADER_ROW`).
MAX_GUESSED_HEADER_ROW = 200


def _quiet_dtype_guesses(record: logging.LogRecord) -> bool:
    # fastexcel warns, through Python's logging, about every column it finds empty while it
    # guesses types for a typed load; the text load never guesses, so mes must not print them
    # either. Set here, where the loads' arguments are, so that a load started before `typed`
    # is imported is quiet too.
    return not record.getMessage().startswith("Could not determine dtype for column")


logging.getLogger("fastexcel.types.dtype").addFilter(_quiet_dtype_guesses)


@dataclass(frozen=True)
class Load:
    """One load of a sheet: typed under ``header_row`` (see `typed`), or as text (None)."""

    sheet: str
    header_row: int | None

    def arguments(self) -> dict[str, Any]:
        """What calamine is asked (`fastexcel.ExcelReader.load_sheet`), here and in `xlsx`."""
        if self.header_row is None:  # every cell as text, no header: row i is Excel row i + 1
            return {"header_row": None, "dtypes": "string", "skip_rows": 0}
        return {  # calamine's own types for the rows under the header row
            "header_row": None,
            "skip_rows": self.header_row,
            "dtypes": None,
            "schema_sample_rows": None,
            "dtype_coercion": "coerce",
        }


@dataclass(frozen=True)
class Checked:
    """A workbook as `read_xlsx` has it once its checks passed, before calamine's first load."""

    data: bytes  # the whole file, as checked: calamine parses exactly these bytes
    package: Package
    reader: fastexcel.ExcelReader  # calamine on ``data``
    known: list[str]  # the sheet names calamine reports


class Prefetch:
    """One workbook's checks and first load, running on a thread of its own."""

    def __init__(self, file: str, sheet: str | None) -> None:
        self.file = file
        self._sheet = sheet
        self._identity: tuple[int, ...] | None = None
        self._checked: Checked | None = None
        self._load: Load | None = None
        self._loaded: fastexcel.ExcelSheet | None = None
        self._ready = threading.Event()  # set once the checks are over (passed or not)
        self._thread = threading.Thread(target=self._run, name="mes-prefetch", daemon=True)

    def _run(self) -> None:
        try:
            self._checked = self._check()
            if self._checked is not None:
                self._load = first_load(self._checked.package, self._checked.known, self._sheet)
        except BaseException:  # the normal path does it all again and says what is wrong
            self._checked = self._load = None
        finally:
            self._ready.set()
        checked, load = self._checked, self._load
        if checked is None or load is None:
            return
        try:
            self._loaded = checked.reader.load_sheet(load.sheet, **load.arguments())
        except BaseException:  # a damaged sheet: the normal path loads it and says so
            self._loaded = None

    def _check(self) -> Checked | None:
        """What `read_xlsx` checks and reads before calamine, for a regular file only (a pipe
        can be read once, by the normal path)."""
        path = Path(self.file)
        before = path.stat()
        if not stat.S_ISREG(before.st_mode):
            return None
        with path.open("rb") as handle:
            if detect.sniff_container(handle.read(HEAD_SIZE)) is not detect.Container.ZIP:
                return None
            # Imported only for a workbook: a CSV's run pays nothing for it.
            from mes.io.safety import open_zip

            handle.seek(0)
            open_zip(handle, self.file)  # declared sizes first, as `read_xlsx` does
        data = path.read_bytes()
        self._identity = _identity(before)
        if len(data) != before.st_size:  # changed while it was read
            return None
        return opened(data, self.file, look=False)

    def checked(self) -> Checked | None:
        """The checked workbook, once its checks are over; None if they did not pass."""
        while not self._ready.wait(_POLL):  # see `_join`
            pass
        return self._checked

    def take(self, load: Load) -> fastexcel.ExcelSheet | None:
        """The sheet loaded, if it is ``load``; else None, once calamine is done with it (so
        the workbook's reader is free, and the load's memory too).

        Only the first call can return a sheet; the caller owns it (and frees it).
        """
        self._join()
        loaded, self._loaded = self._loaded, None
        return loaded if load == self._load else None

    def wait(self) -> None:
        """Until calamine is done with the workbook (its load, if any, dropped)."""
        self._join()
        self._loaded = None

    def _join(self) -> None:
        # In short waits: Ctrl-C may be delivered to the thread in calamine, and a wait without
        # a timeout would not see it until calamine is done (seconds, for a large workbook).
        while self._thread.is_alive():
            self._thread.join(_POLL)


def opened(
    data: bytes,
    name: str,
    *,
    look: bool = True,
    calamine: Callable[[Callable[[], Any]], Any] = lambda call: call(),
) -> Checked:
    """The package checks on the bytes read (`package.inspect_package`; ``look`` as there), then
    calamine opened on those very bytes: what `read_xlsx` and a prefetch both do once the zip's
    declared sizes have passed. ``calamine`` runs each call into calamine (`read_xlsx` turns
    what they raise into a refusal)."""
    import fastexcel

    from mes.io.package import inspect_package
    from mes.io.safety import open_zip

    with io.BytesIO(data) as handle:
        archive = open_zip(handle, name)
    package = inspect_package(data, archive, name, look=look)
    reader = calamine(lambda: fastexcel.read_excel(data))
    return Checked(data, package, reader, calamine(lambda: list(reader.sheet_names)))


def first_load(package: Package, known: list[str], sheet: str | None) -> Load | None:
    """The load `read_xlsx` most likely asks calamine for first.

    The sheet is the one ``--sheet`` names, else the first visible worksheet (as `read_xlsx`
    finds them). It is loaded typed under the header row `guess_header_row` guesses where
    `typed.plan` can plan a typed load at all, else as text; `read_xlsx` checks the guess with
    the instrument's header scorer before it uses the load.
    """
    from mes.io.package import find_sheet, worksheets

    found = worksheets(package, known)
    info = find_sheet(found, sheet) if sheet is not None else _first_visible(found)
    if info is None:
        return None
    head = _head(package, info)
    row = guess_header_row(head) if head is not None else None
    return Load(info.name, row)


def _first_visible(found: list[SheetInfo]) -> SheetInfo | None:
    visible = [s for s in found if s.visible] or found
    return visible[0] if visible else None


def _head(package: Package, info: SheetInfo) -> SheetHead | None:
    from mes.io.head import read_head

    if info.part is None or info.part not in package.heads:
        return None
    return read_head(package.heads[info.part], package.strings, GUESS_ROWS)


def guess_header_row(head: SheetHead) -> int | None:
    """The row of the head with the most cells of text (the first of equals): the header, in
    every export seen; None where `typed.plan` would plan no typed load under it."""
    from mes.io.head import Unclear

    def filled(cells: tuple[tuple[int, object], ...]) -> int:
        return sum(isinstance(v, str) and bool(v.strip()) for _, v in cells)

    rows = [row for row in head.rows if filled(row.cells)]
    if not rows:
        return None
    best = max(rows, key=lambda row: filled(row.cells))  # max keeps the first of equals
    above = [row for row in head.rows if row.number <= best.number]
    if best.number > MAX_GUESSED_HEADER_ROW or any(
        isinstance(v, Unclear) for row in above for _, v in row.cells
    ):
        return None
    return best.number


def _identity(status: os.stat_result) -> tuple[int, ...]:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


# --- The workbooks prefetched for this process ----------------------------------------------------

_pending: dict[str, Prefetch] = {}
_lock = threading.Lock()


def start(file: str, sheet: str | None = None) -> None:
    """Check ``file`` and start loading it on a thread, for `read_xlsx` to `claim`."""
    prefetch = Prefetch(file, sheet)
    with _lock:
        if file in _pending:
            return
        _pending[file] = prefetch
    prefetch._thread.start()


def claim(src: Source) -> tuple[Prefetch, Checked] | None:
    """The prefetch of ``src``, if it was started and its checks passed on the same file (the
    same regular file, unchanged since). Each prefetch is claimed once."""
    if src.path is None or src.data is not None:
        return None
    with _lock:
        prefetch = _pending.pop(src.name, None)
    if prefetch is None:
        return None
    checked = prefetch.checked()
    try:
        same = checked is not None and _identity(src.path.stat()) == prefetch._identity
    except OSError:
        same = False
    if not same or checked is None:
        prefetch.wait()
        return None
    return prefetch, checked


def forget() -> None:
    """Drop every prefetch not claimed, once calamine is done with it (tests; a library caller)."""
    with _lock:
        dropped = list(_pending.values())
        _pending.clear()
    for prefetch in dropped:
        prefetch.wait()
