"""The command-line interface: Typer commands over the mes library.

A command is one short process that makes many long-lived objects (its imports, then the
disclosure check's sets and values). Python's cyclic garbage collector, at its default
threshold of 700 new objects, ran some 130 times in a 1,000-row table and 400 times in a
million-row score, each time walking what the imports had made: 10% of the small run. The
command line collects after 50,000 new objects instead (measured with benchmarks/gc_time.py);
the library, imported on its own, leaves the collector as it is.
"""

import gc

gc.set_threshold(50_000, 20, 100)
