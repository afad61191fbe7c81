"""The command-line interface: Typer commands over the mes library."""
