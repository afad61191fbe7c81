"""The language mes speaks on the command line: ``--lang``, else the system's.

The system language is the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set, as the
C library reads it: ``nl_NL.UTF-8`` and ``nl_BE`` are Dutch, anything else English. It decides
the words of tables, reports and messages on stderr, and of ``--help``: the help texts are
written in English in the source, marked with `N_`, and translated here, when the command tree
is built for one run (`speaking`). The framework's own words that can be reached ("Usage:",
"Options", "Missing argument ...") are translated for that run as well.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from typing import IO, Any

from mes.messages import N_
from mes.render import Lang
from mes.render.catalogue import LANGUAGES, tr

_current: Lang | None = None


def system_language(environ: Mapping[str, str] | None = None) -> Lang:
    """Dutch when the locale's language is ``nl``; English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "nl" if re.match(r"nl([_.@-]|$)", value.lower()) else "en"
    return "en"


def requested_language(args: Sequence[str], environ: Mapping[str, str] | None = None) -> Lang:
    """The language a command line asks for: its ``--lang`` (``--lang nl``, ``--lang=nl``),
    else the system's. Read before the command line is parsed, for the words of parsing."""
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return system_language(environ)


def current() -> Lang:
    """The language of this run (for stderr): chosen by `choose`, else the system's."""
    return _current or system_language()


def choose(lang: Lang) -> None:
    global _current  # noqa: PLW0603 (one run, one language: the CLI's own state)
    _current = lang


def lang_option(ctx: Any, param: Any, value: Lang) -> Lang:
    """``--lang``'s callback: when the option was not given, the one given before the command
    (``mes --lang nl score FILE``), else the system language."""
    if _given(ctx, param.name):
        choose(value)
        return value
    parent = ctx.parent
    while parent is not None:
        if _given(parent, param.name):
            value = parent.params[param.name]
            choose(value)
            return value
        parent = parent.parent
    value = system_language()
    choose(value)
    return value


def _given(ctx: Any, name: str) -> bool:
    """Whether the option ``name`` of this command's context was given on the command line."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name != "DEFAULT"


# --- The words of --help and of the command-line framework -------------------------------------

#: Usage errors of the framework, in its English, and the same in the catalogue's words.
_USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Missing argument '(?P<name>[^']*)'\.$"), N_("Missing argument '{name}'.")),
    (re.compile(r"Missing option '(?P<name>[^']*)'\.$"), N_("Missing option '{name}'.")),
    (re.compile(r"No such option: (?P<name>\S+)$"), N_("No such option: {name}")),
    (
        re.compile(r"No such option: (?P<name>\S+)\. Did you mean (?P<options>.*)\?$"),
        N_("No such option: {name}. Did you mean {options}?"),
    ),
    (
        re.compile(r"Invalid value for (?P<name>.*?): (?:Value error, )?(?P<reason>.*)$", re.S),
        N_("Invalid value for {name}: {reason}"),
    ),
    (
        re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)$"),
        N_("Got unexpected extra argument(s) ({args})"),
    ),
    (
        re.compile(r"Option '(?P<name>[^']*)' requires an argument\.$"),
        N_("Option '{name}' requires an argument."),
    ),
)


def usage_error_text(text: str, lang: Lang) -> str:
    """A usage error of the framework in ``lang``, as far as its wording is known."""
    for pattern, template in _USAGE_ERRORS:
        found = pattern.match(text)
        if found:
            return tr(lang, template, **found.groupdict())
    return text


def translate_help(command: Any, lang: Lang) -> None:
    """Every help text of ``command`` and its subcommands in ``lang`` (in place: the command
    objects are built afresh for every run)."""
    if command.help:
        command.help = tr(lang, command.help)
    if getattr(command, "options_metavar", None) == "[OPTIONS]":
        command.options_metavar = tr(lang, "[OPTIONS]")
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = tr(lang, "COMMAND [ARGS]...")
    for param in command.params:
        if getattr(param, "help", None):
            param.help = tr(lang, param.help)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub, lang)


@contextmanager
def speaking(command: Any, lang: Lang) -> Iterator[None]:
    """For one run of ``command``: its help and the framework's words in ``lang``."""
    choose(lang)
    if lang == "en":
        yield
        return
    import typer.core
    from typer._click import core, exceptions, formatting
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    translate_help(command, lang)
    formatter = formatting.HelpFormatter
    write_usage = formatter.write_usage
    get_help_option = core.Command.get_help_option

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, tr(lang, "Usage: ") if prefix is None else prefix)

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = tr(lang, "Show this message and exit.")
        return option

    def show(self: Any, file: IO[Any] | None = None) -> None:
        out = file or get_text_stderr()
        ctx = getattr(self, "ctx", None)
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = tr(
                    lang,
                    "Try '{command} {option}' for help.",
                    command=ctx.command_path,
                    option=ctx.help_option_names[0],
                )
                hint += "\n"
            echo(f"{ctx.get_usage()}\n{hint}", file=out, color=ctx.color)
        text = usage_error_text(self.format_message(), lang)
        echo(tr(lang, "Error: {message}", message=text), file=out)

    with ExitStack() as stack:
        patches: list[tuple[object, str, object]] = [
            (typer.core, "_", lambda text: tr(lang, text)),
            (formatter, "write_usage", usage),
            (core.Command, "get_help_option", help_option),
            (exceptions.ClickException, "show", show),
            (exceptions.UsageError, "show", show),
        ]
        for owner, name, replacement in patches:
            stack.callback(setattr, owner, name, getattr(owner, name))
            setattr(owner, name, replacement)
        yield


#: The framework's words that pass through `typer.core._` (gettext) and are reachable from mes.
FRAMEWORK_WORDS = (
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("(dynamic)"),
    N_("env var: {var}"),
)
