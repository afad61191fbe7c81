"""``python -m mes``: the same as the installed ``mes`` command."""

from mes.cli.app import main

if __name__ == "__main__":
    main()
