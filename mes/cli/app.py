"""The ``mes`` command: a thin Typer app that parses options and calls the library.

Exit codes: 0 success; 1 the data has problems (nothing was scored); 2 a usage error or a file
that cannot be read at all.
"""

from __future__ import annotations

import typer

from mes.cli import compare, link, mirror, score

HELP = """Employee Energy Score (MES) from staff survey exports.

Exit codes: 0 success, 1 the data has problems (nothing was scored),
2 usage error or a file that cannot be read at all.
"""

app = typer.Typer(
    name="mes",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rendering it with Rich costs ~0.1 s per call
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("score")(score.score_command)
app.command("validate")(score.validate_command)
app.command("schema")(score.schema_command)
app.command("instrument")(score.instrument_command)
app.command("diff")(compare.diff_command)
app.command("trend")(compare.trend_command)
app.command("mirror")(mirror.mirror_command)
app.command("link")(link.link_command)


def main() -> None:
    """Entry point of the installed ``mes`` command and of ``python -m mes``."""
    app()
