"""The ``mes`` command: a thin Typer app that parses options and calls the library.

Exit codes: 0 success; 1 the data has problems (nothing was scored); 2 a usage error or a file
that cannot be read at all; 3 a bug in mes; 130 interrupted (Ctrl-C).

Everything a user can cause ends in a `MesError` and its message. Anything else that escapes a
command is a bug in mes: `_Guarded` turns it into one line on stderr and exit code 3, with the
traceback only on request (``--debug`` or ``MES_DEBUG=1``), so a user sees what to report rather
than a wall of Python.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from mes.cli import columns, compare, drivers, link, mirror, score
from mes.cli.options import LangOpt
from mes.exit_codes import ExitCode
from mes.messages import N_, message

HELP = N_(
    """Employee Energy Score (MES) from staff survey exports.

Exit codes: 0 success, 1 the data has problems (nothing was scored),
2 usage error or a file that cannot be read at all, 3 a bug in mes,
130 interrupted."""
)

#: Click's base of usage errors: typer re-exports only its subclasses (and newer typer versions
#: bundle their own copy of click), so it is found from one of them.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
#: Exceptions the command-line framework raises and handles itself: exits (help, version, our own
#: exit codes), aborts, usage errors, end of input at a prompt.
_FRAMEWORK = (typer.Exit, typer.Abort, _CLICK_ERROR, EOFError)
#: A value an option cannot take, as the framework finds it (``-k abc``).
_BAD_PARAMETER: type[Exception] = typer.BadParameter


def _refuse_option_value(exc: Exception) -> None:
    """A value the framework could not read for one of mes's numeric options (``-k abc``): said
    in mes's words, what the option takes with an example, instead of the parser's."""
    from mes.cli.common import usage_error
    from mes.pipeline import OPTION_ALIASES, OPTION_VALUES

    param = getattr(exc, "param", None)
    for name in getattr(param, "opts", None) or ():
        option = OPTION_ALIASES.get(name, name)
        if option in OPTION_VALUES:
            usage_error(
                message("{option} takes {takes}", option=option, takes=OPTION_VALUES[option])
            )


_MESSAGE_LIMIT = 300


def debugging(ctx_params: dict[str, Any] | None = None) -> bool:
    """Whether the user asked for tracebacks: ``--debug`` or ``MES_DEBUG`` set (not 0/empty)."""
    if ctx_params and ctx_params.get("debug"):
        return True
    return os.environ.get("MES_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def internal_error_line(exc: BaseException) -> str:
    """The one line a user sees for a bug in mes."""
    from mes.cli.language import current
    from mes.render.catalogue import tr

    lang = current()
    message = " ".join(str(exc).split()) or tr(lang, "no message")
    if len(message) > _MESSAGE_LIMIT:
        message = message[: _MESSAGE_LIMIT - 1] + "…"
    return tr(
        lang,
        "mes: internal error ({kind}): {message}. This is a bug in mes, not a problem with your "
        "input: run it again as mes --debug COMMAND ... (or with MES_DEBUG=1) and report it to "
        "the maintainers of mes with that output",
        kind=type(exc).__name__,
        message=message,
    )


class _Guarded(TyperGroup):
    """The top of every command: the one catch-all for what nothing below expected."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Run in the language asked for (``--lang``, else the system's): help texts, the
        framework's words and mes's own."""
        from mes.cli.language import requested_language, speaking

        args = list(sys.argv[1:] if args is None else args)
        with speaking(self, requested_language(args)):
            return super().main(args, *rest, **options)

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer bundles its own click)
        try:
            return super().invoke(ctx)
        except _BAD_PARAMETER as exc:
            _refuse_option_value(exc)
            raise
        except _FRAMEWORK:
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # the reader went away (mes ... | head); typer handles it
                raise
            self._bug(exc, ctx)
        except KeyboardInterrupt:
            from mes.cli.language import current
            from mes.render.catalogue import tr

            sys.stderr.write(tr(current(), "mes: interrupted") + "\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as exc:
            from mes.errors import MesError

            if isinstance(exc, MesError):  # raised outside a command's `handled()`: still ours
                from mes.cli.common import fail

                fail(exc.issues, exc.exit_code)
            self._bug(exc, ctx)

    @staticmethod
    def _bug(exc: Exception, ctx: Any) -> NoReturn:
        if debugging(ctx.params):
            traceback.print_exception(exc, file=sys.stderr)
        sys.stderr.write(internal_error_line(exc) + "\n")
        raise typer.Exit(ExitCode.INTERNAL_ERROR) from None


app = typer.Typer(
    name="mes",
    cls=_Guarded,
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with Rich costs ~0.1 s per call
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _options(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help=N_("Show the Python traceback of an internal error (as MES_DEBUG=1 does)."),
        ),
    ] = False,
    lang: LangOpt = "en",  # before the command too: mes --lang nl --help
) -> None:
    """Options of mes itself; each command has its own after its name."""


app.command("score", help=score.SCORE_HELP)(score.score_command)
app.command("validate", help=score.VALIDATE_HELP)(score.validate_command)
app.command("columns", help=columns.COLUMNS_HELP)(columns.columns_command)
app.command("schema", help=score.SCHEMA_HELP)(score.schema_command)
app.command("instrument", help=score.INSTRUMENT_HELP)(score.instrument_command)
app.command("diff", help=compare.DIFF_HELP)(compare.diff_command)
app.command("trend", help=compare.TREND_HELP)(compare.trend_command)
app.command("drivers", help=drivers.DRIVERS_HELP)(drivers.drivers_command)
app.command("mirror", help=mirror.MIRROR_HELP)(mirror.mirror_command)
app.command("link", help=link.LINK_HELP)(link.link_command)


def main() -> None:
    """The ``mes`` command (`mes.__main__.main`, the entry point: installed as ``mes`` before
    the entry point moved there, a script still calls this)."""
    from mes.__main__ import main as run

    run()
