"""mes: the Employee Energy Score (Medewerkers Energie Score) from staff survey exports.

The package is layered: a pure core (instrument, validation, scoring, privacy, compare, results)
that knows nothing of terminals or spreadsheets, readers in `mes.io`, renderers in `mes.render`,
and a thin Typer CLI in `mes.cli`. Dependencies point one way: cli -> render, io -> core.
"""

__version__ = "0.1.0"
