"""The `cache` commands and `schema`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from ..cache import ResponseCache
from ..errors import ConfigError
from ..files import write_json_atomic
from ..result import json_schemas
from .options import fail

app = typer.Typer(help="Inspect or empty the response cache.", no_args_is_help=True)
CacheDir = Annotated[Path | None, typer.Option(help="Cache folder (default: as summarize).")]


@app.command("path")
def cache_path(cache_dir: CacheDir = None) -> None:
    """Print where the cache lives."""
    typer.echo(ResponseCache(cache_dir).path)


@app.command("stats")
def cache_stats(cache_dir: CacheDir = None) -> None:
    """Print the number of cached responses and the size on disk."""
    try:
        stats = ResponseCache(cache_dir).stats()
    except sqlite3.Error as exc:
        fail(ConfigError(f"cache unreadable ({exc}); `summarizer cache clear` removes it"))
    typer.echo(f"path: {stats.path}\nentries: {stats.entries}\nbytes: {stats.bytes}")


@app.command("clear")
def cache_clear(cache_dir: CacheDir = None) -> None:
    """Delete every cached response."""
    removed = ResponseCache(cache_dir).clear()
    typer.echo(f"removed {removed} cached response(s)")


def schema(
    out_dir: Annotated[
        Path | None, typer.Option(help="Write one .schema.json file per schema here.")
    ] = None,
) -> None:
    """Print the JSON Schemas of the brief and the result envelope, or write them to a folder."""
    schemas = json_schemas()
    if out_dir is None:
        typer.echo(json.dumps(schemas, indent=2))
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, body in schemas.items():
        write_json_atomic(out_dir / name, body)
        typer.echo(f"wrote {out_dir / name}", err=True)
