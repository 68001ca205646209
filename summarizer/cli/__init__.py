"""The command line: a thin layer over the library. Library errors become one line and an exit code.

Exit codes: 0 ok; 1 summarization failed (model error, no valid brief); 2 usage or input error.
Each command is a plain function in a module of its own, registered here.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from . import commands, evaluate, tools

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, evidence-grounded briefs of news articles.",
)
app.command()(commands.summarize)
app.command()(commands.batch)
app.command("eval")(evaluate.evaluate)
app.add_typer(tools.app, name="cache", help="Inspect or empty the response cache.")
app.command()(tools.schema)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Structured, evidence-grounded briefs of news articles."""


def main() -> None:
    app(prog_name="summarizer")
