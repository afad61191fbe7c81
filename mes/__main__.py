"""The entry point of the installed ``mes`` command and of ``python -m mes``.

Before the command-line app is imported, the workbook the command line names starts loading
(`mes.cli.early`, `mes.io.prefetch`); when the command ends, the objects left are frozen
(`gc.freeze`), so that the interpreter's final garbage collections do not walk every object of
polars, pydantic and Typer (about 0.1 s of CPU time, a fifth of an everyday run): the process's
memory goes back to the system as it exits anyway. Objects are still freed as the interpreter
shuts down, files are flushed and closed and exit handlers run, as before. Ctrl-C while mes is
still importing ends it as Ctrl-C does later: ``mes: interrupted``, exit code 130.
"""

import gc
import sys


def main() -> None:
    """Run ``mes`` with the arguments in `sys.argv`."""
    try:
        from mes.cli.early import start_reading

        start_reading(sys.argv[1:])  # the workbook's checks and load, while the rest is imported
        from mes.cli.app import app

        app()
    except KeyboardInterrupt:  # Ctrl-C before the app could say so itself (while importing)
        sys.stderr.write("mes: interrupted\n")
        raise SystemExit(130) from None
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
