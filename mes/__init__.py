"""mes: the Employee Energy Score (Medewerkers Energie Score) from staff survey exports.

The package is layered: a pure core (instrument, validation, scoring, privacy, compare, results)
that knows nothing of terminals or spreadsheets, readers in `mes.io`, renderers in `mes.render`,
and a thin Typer CLI in `mes.cli`. Dependencies point one way: cli -> render, io -> core.

Importing mes sets one environment variable, before polars is loaded, unless it is set already:
polars allocates with jemalloc, which by polars' settings keeps freed memory resident for about
1.5 seconds (half a second "dirty", then a second "muzzy", pages the kernel may take back but
still counts). A large file's text is freed just before scoring allocates its columns, so the
two added up: at 5 million rows that was 250-300 MB of the peak. ``muzzy_decay_ms:0`` returns
freed pages once their half second is over, at no measurable cost in time (docs/performance.md).
"""

import os

__version__ = "0.1.0"

#: jemalloc's options for polars' allocator (its ``_RJEM_`` build), unless the user set their own.
ALLOCATOR_OPTIONS = "muzzy_decay_ms:0"
os.environ.setdefault("_RJEM_MALLOC_CONF", ALLOCATOR_OPTIONS)
