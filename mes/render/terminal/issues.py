"""Issues as people read them on stderr: the first 20, then how many more there are.

One issue per line. In a terminal a long line wraps at word boundaries within the width (no
trailing spaces, see `mes.render.terminal.fit.emit`); piped or redirected, each issue stays on
one line, so that logs can be searched with grep and read by other programs."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from mes.errors import Issue, Severity
from mes.render import Lang, inert_text
from mes.render.catalogue import tr, tr_n
from mes.render.terminal.fit import emit
from mes.render.words import issue_text, severity_word, where_text

SHOWN = 20


def render_issues(
    issues: Sequence[Issue], console: Console, lang: Lang = "en", limit: int = SHOWN
) -> None:
    """Print up to ``limit`` issues, one per line, and a count of the rest."""
    for issue in issues[:limit]:
        line = Text()
        style = "bold red" if issue.severity == Severity.ERROR else "yellow"
        line.append(f"{severity_word(issue.severity, lang)}: ", style=style)
        where = where_text(issue.location, lang)
        if where:
            line.append(inert_text(where) + ": ", style="bold")
        line.append(inert_text(issue_text(issue, lang)))
        line.append(f" [{issue.code}]", style="dim")
        if console.is_terminal:
            emit(console, line)
        else:
            console.print(line, soft_wrap=True)
    rest = len(issues) - limit
    if rest > 0:
        more = tr(lang, "… and {n} more (mes validate FILE --format json lists them all)", n=rest)
        console.print(Text(more, style="dim"))


def summary_line(issues: Sequence[Issue], lang: Lang = "en") -> str:
    errors = sum(1 for i in issues if i.severity == Severity.ERROR)
    warnings = len(issues) - errors
    parts = []
    if errors:
        parts.append(tr_n(lang, "{n} error", "{n} errors", errors, n=errors))
    if warnings:
        parts.append(tr_n(lang, "{n} warning", "{n} warnings", warnings, n=warnings))
    return ", ".join(parts) or tr(lang, "no problems")
