"""The command-line interface: Typer commands over the mes library.

A command is one short process, and the command line tunes it for that (the library, imported
on its own, leaves the process as it is):

- Python's cyclic garbage collector runs after 50,000 new objects instead of 700. A command
  makes many long-lived objects (its imports, then the disclosure check's sets and values); at
  the default threshold the collector ran some 130 times in a 1,000-row table and 400 times in
  a million-row score, each time walking what the imports had made: 10% of the small run
  (measured with benchmarks/gc_time.py).
- polars' allocator, jemalloc, returns freed pages to the system once their half second is
  over (``muzzy_decay_ms:0``; set before polars is loaded, unless the user set
  ``_RJEM_MALLOC_CONF`` themselves). By polars' settings it keeps them resident for about 1.5
  seconds (half a second "dirty", then a second "muzzy", pages the kernel may take back but
  still counts). A large file's text is freed just before scoring allocates its columns, so the
  two added up: at 5 million rows that was 250-300 MB of the peak, at no measurable cost in
  time (docs/performance.md).
"""

import gc
import os

#: jemalloc's options for polars' allocator (its ``_RJEM_`` build), unless the user set their own.
ALLOCATOR_OPTIONS = "muzzy_decay_ms:0"

gc.set_threshold(50_000, 20, 100)
os.environ.setdefault("_RJEM_MALLOC_CONF", ALLOCATOR_OPTIONS)
