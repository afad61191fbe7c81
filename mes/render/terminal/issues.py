"""Issues as people read them on stderr: the first 20, then how many more there are.

One issue per line. In a terminal a long line wraps at word boundaries within the width (no
trailing spaces, see `mes.render.terminal.fit.emit`); piped or redirected, each issue stays on
one line, so that logs can be searched with grep and read by other programs."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from mes.errors import Issue, Severity
from mes.render import inert_text
from mes.render.terminal.fit import emit

SHOWN = 20


def render_issues(issues: Sequence[Issue], console: Console, limit: int = SHOWN) -> None:
    """Print up to ``limit`` issues, one per line, and a count of the rest."""
    for issue in issues[:limit]:
        line = Text()
        style = "bold red" if issue.severity == Severity.ERROR else "yellow"
        line.append(f"{issue.severity.value}: ", style=style)
        where = issue.location.describe()
        if where:
            line.append(inert_text(where) + ": ", style="bold")
        line.append(inert_text(issue.message))
        line.append(f" [{issue.code}]", style="dim")
        if console.is_terminal:
            emit(console, line)
        else:
            console.print(line, soft_wrap=True)
    rest = len(issues) - limit
    if rest > 0:
        console.print(
            Text(f"… and {rest} more (mes validate FILE --format json lists them all)", style="dim")
        )


def summary_line(issues: Sequence[Issue]) -> str:
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    warnings = len(issues) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts) or "no problems"
