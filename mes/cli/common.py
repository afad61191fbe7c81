"""What every command shares: consoles, reading the input, writing the output, and errors.

- stdout carries the result only; issues, warnings and summaries go to stderr.
- Consoles are built per call, so colour and width follow NO_COLOR, COLUMNS and whether the
  stream is a terminal at that moment.
- Output files are written to a temporary file beside the target and renamed into place once
  the work has succeeded: an interrupted run never leaves half a report.
- `MesError` becomes a clear message on stderr and its exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import typer

from mes.exit_codes import ExitCode
from mes.messages import Message, message
from mes.render import OutputFormat

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console

    from mes.errors import Issue, MesError

STDIO = "-"


def console(stream: TextIO | None = None) -> Console:
    """A console for stdout (results) or the given stream, following the environment.

    Width is Rich's: ``COLUMNS`` when set, else the size of whichever of stdin, stdout and
    stderr is a terminal (so ``mes score x | less`` and ``mes score x > out.txt`` fit the
    terminal they were typed in), else 80. Tables are fitted to it
    (`mes.render.terminal.fit`); ``COLUMNS=200`` gives every column in a file. Colour only on a
    terminal, never with ``NO_COLOR``.
    """
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=False)


def err_console() -> Console:
    return console(sys.stderr)


def fail(issues: list[Issue], code: ExitCode) -> NoReturn:
    """Print issues on stderr and exit with ``code``."""
    from mes.cli.language import current
    from mes.render.catalogue import tr
    from mes.render.terminal.issues import render_issues, summary_line
    from mes.render.words import issue_text, where_text

    lang = current()
    out = err_console()
    if len(issues) == 1 and code == ExitCode.USAGE_OR_UNREADABLE:
        issue = issues[0]
        where = where_text(issue.location, lang)
        # One line, however long: soft_wrap stops Rich from folding it at the console width.
        from mes.render import inert_text

        # Data may reach the message (a sheet or column name): control characters are shown
        # as \x1b, never acted on.
        line = inert_text(f"{where + ': ' if where else ''}{issue_text(issue, lang)}")
        out.print(f"mes: {line}", markup=False, soft_wrap=True)
    else:
        line = tr(lang, "{summary}; nothing was scored.", summary=summary_line(issues, lang))
        out.print(f"mes: {line}", markup=False, soft_wrap=True)
        render_issues(issues, out, lang)
    raise typer.Exit(int(code))


def usage_error(text: Message, code: str = "invalid-option") -> NoReturn:
    """Stop with a usage error (exit 2); the library raises `mes.pipeline.usage_error` instead."""
    from mes.errors import error

    fail([error(code, text)], ExitCode.USAGE_OR_UNREADABLE)


@contextmanager
def handled() -> Iterator[None]:
    """Turn every `MesError` raised inside into its message and exit code."""
    from mes.errors import MesError

    try:
        yield
    except MesError as exc:
        fail(exc.issues, exc.exit_code)


def warn(issues: Sequence[Issue], *, about: str | None = None, skipped: int | None = None) -> None:
    """Warnings on stderr after one summary line, so that stdout carries the result only.

    ``about`` names what they concern (a file, ``diff``); ``skipped`` counts rows left out.
    """
    if not issues:
        return
    from mes.cli.language import current
    from mes.render import inert_text
    from mes.render.catalogue import tr
    from mes.render.terminal.issues import render_issues, summary_line

    lang = current()
    out = err_console()
    where = f"{inert_text(about)}: " if about else ""
    note = tr(lang, "; {n} row(s) skipped", n=skipped) if skipped else ""
    out.print(f"mes: {where}{summary_line(issues, lang)}{note}", markup=False, soft_wrap=True)
    render_issues(issues, out, lang)


def refuse_workbook_to_terminal(output: str | None, example: str = "report.xlsx") -> None:
    """A workbook is bytes: written to a file or a pipe, never shown in a terminal."""
    if output in (None, STDIO) and sys.stdout.isatty():
        usage_error(
            message("a workbook cannot be shown in a terminal; give -o {example}", example=example)
        )


def write_result(
    result: BaseModel,
    format: OutputFormat,
    output: str | None,
    inputs: tuple[str, ...],
    *,
    table: Callable[[Console], None],
    workbook: Callable[[Path], None] | None = None,
) -> None:
    """A result in its format: JSON (never through Rich), a workbook, or the terminal table.

    To stdout, or to ``output`` once complete. ``workbook`` writes the xlsx to a path.
    """
    if format == OutputFormat.JSON:
        from mes.cli.language import current
        from mes.render.json import to_json

        write_output(to_json(result, current()), output, inputs=inputs)
    elif format == OutputFormat.XLSX and workbook is not None:
        write_output(workbook, output, inputs=inputs, binary=True)
    elif output in (None, STDIO):
        table(console())
    else:

        def write_text(path: Path) -> None:
            with path.open("w", encoding="utf-8") as fh:
                table(console(fh))

        write_output(write_text, output, inputs=inputs)


def write_chunks(chunks: Iterable[str], output: str | None, inputs: tuple[str, ...]) -> None:
    """Text made piece by piece (a large JSON document) to ``output`` as `write_output` does,
    without holding it whole."""
    if output is None or output == STDIO:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(chunk)

    write_output(write, output, inputs=inputs)


def write_output(
    write: Callable[[Path], None] | str,
    output: str | None,
    *,
    inputs: tuple[str, ...] = (),
    binary: bool = False,
) -> None:
    """Write text (or, via ``write``, a file) to ``output``: stdout for None or ``-``.

    A file is written to a temporary name beside the target and renamed into place. mes refuses
    to write over one of its own inputs, and a binary format to a terminal.
    """
    if output is None or output == STDIO:
        if binary:
            refuse_workbook_to_terminal(output)
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "out"
                assert callable(write)
                write(path)
                sys.stdout.buffer.write(path.read_bytes())
            return
        assert isinstance(write, str)
        sys.stdout.write(write)
        return
    target = Path(output)
    check_output(output, inputs)
    if target.exists() and not target.is_file():
        # /dev/null, a named pipe, a terminal: written in place, never renamed over.
        _write_direct(write, target, output)
        return
    directory = target.parent if str(target.parent) else Path()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    os.close(fd)
    tmp_path = Path(tmp_name)
    try:
        _write_direct(write, tmp_path, output)
        # mkstemp makes the file private (0600); a report gets the user's usual permissions.
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    finally:
        tmp_path.unlink(missing_ok=True)
    from mes.cli.language import current
    from mes.render.catalogue import tr

    wrote = tr(current(), "mes: wrote {output}", output=output)
    err_console().print(wrote, markup=False, highlight=False, soft_wrap=True)


def check_output(output: str | None, inputs: tuple[str, ...] = ()) -> None:
    """Refuse an unusable ``-o`` before any work: an input file, a folder, a missing or
    read-only folder. Devices such as /dev/null are fine."""
    if output is None or output == STDIO:
        return
    target = Path(output)
    for name in inputs:
        if name != STDIO and Path(name).exists() and _same_file(Path(name), target):
            usage_error(
                message(
                    "-o {output} is one of the input files; choose another output name",
                    output=output,
                )
            )
    if target.is_dir():
        usage_error(message("-o {output} is a folder; give a file name", output=output))
    if target.exists() and not target.is_file():
        return
    directory = target.parent if str(target.parent) else Path()
    if not directory.exists():
        usage_error(
            message(
                "-o {output}: folder {directory} does not exist",
                output=output,
                directory=str(directory),
            )
        )
    if not os.access(directory, os.W_OK):
        usage_error(
            message(
                "-o {output}: folder {directory} cannot be written to",
                output=output,
                directory=str(directory),
            ),
            "cannot-write",
        )


def check_output_folder(output: str | None, what: str = "--format pdf") -> Path:
    """The folder ``-o`` names for a format that writes several files: an existing folder, or a
    new one in an existing, writable folder. A file, stdout or no -o at all is refused."""
    example = "reports/"
    if output is None or output == STDIO:
        usage_error(
            message(
                "{what} writes one file per group into a folder; give -o {example}",
                what=what,
                example=example,
            )
        )
    target = Path(output)
    if target.exists() and not target.is_dir():
        usage_error(
            message(
                "-o {output} is a file, but {what} writes one file per group into a "
                "folder: give a folder, e.g. -o {example}",
                output=output,
                what=what,
                example=example,
            )
        )
    if target.is_dir():
        if not os.access(target, os.W_OK):
            usage_error(
                message("-o {output}: folder cannot be written to", output=output), "cannot-write"
            )
        return target
    parent = target.parent if str(target.parent) else Path()
    if not parent.is_dir():
        usage_error(
            message(
                "-o {output}: folder {parent} does not exist", output=output, parent=str(parent)
            )
        )
    if not os.access(parent, os.W_OK):
        usage_error(
            message(
                "-o {output}: folder {parent} cannot be written to",
                output=output,
                parent=str(parent),
            ),
            "cannot-write",
        )
    return target


def write_files(folder: Path, files: Sequence[tuple[str, bytes]], output: str) -> None:
    """Write every file into ``folder`` (made if need be), each to a temporary name first and
    renamed into place, so that no file is ever left half-written."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    for name, data in files:
        target = folder / name
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        tmp_path = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp_path, 0o666 & ~_umask())
            os.replace(tmp_path, target)
        except OSError as exc:
            raise _cannot_write(str(target), exc) from None
        finally:
            tmp_path.unlink(missing_ok=True)
    from mes.cli.language import current
    from mes.render.catalogue import tr

    wrote = tr(current(), "mes: wrote {n} PDF file(s) to {output}", n=len(files), output=output)
    err_console().print(wrote, markup=False, highlight=False, soft_wrap=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write_direct(write: Callable[[Path], None] | str, target: Path, output: str) -> None:
    try:
        if callable(write):
            write(target)
        else:
            with target.open("w", encoding="utf-8") as fh:
                fh.write(write)
    except OSError as exc:
        raise _cannot_write(output, exc) from None


def _cannot_write(output: str, exc: OSError) -> MesError:
    from mes.errors import InputError, error

    return InputError(
        error(
            "cannot-write",
            message(
                "cannot write {output}: {reason}", output=output, reason=exc.strerror or str(exc)
            ),
        )
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return (b.exists() and a.samefile(b)) or a.resolve() == b.resolve()
    except OSError:
        return False
