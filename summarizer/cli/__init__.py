"""The command line: a thin layer over the library. Library errors become one line and an exit code.

Exit codes: 0 ok; 1 summarization failed (model error, no valid brief); 2 usage or input error.
Each command is a plain function in a module of its own, registered here.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import Annotated, NoReturn

import typer

from .. import __version__
from . import batch_api, commands, evaluate, tools

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, evidence-grounded briefs of news articles.",
)
app.command()(commands.summarize)
app.command()(commands.batch)
app.command("batch-status")(batch_api.batch_status)
app.command("batch-cancel")(batch_api.batch_cancel)
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


def main() -> NoReturn:
    """Run the command line, then leave without tearing the interpreter down.

    By then every output is written and closed (atomic files, whole JSONL lines). What is left
    is freeing thousands of modules and objects one by one: ~0.4 s measured after a 200-article
    batch (`benchmarks/batch_throughput.py`), for nothing. Exit handlers still run.
    """
    try:
        app(prog_name="summarizer")
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what the interpreter does with a message
        code = 1
    atexit._run_exitfuncs()  # logging's flush, among others
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing left to say
            stream.flush()
    os._exit(code or 0)
