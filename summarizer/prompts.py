"""Prompts: the Jinja2 templates in ``prompts/``, rendered with the article as data.

Templates run in a sandbox with strict undefined variables. The article is passed as a value,
so braces or tags inside it are never evaluated. ``PROMPT_VERSION`` names the templates in
every result: the declared version plus a hash of their text, so an edit without a bump shows.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .ingest import Article
from .spans import sentences

__all__ = [
    "TEMPLATE_NAMES",
    "Messages",
    "prompt_version",
    "render_messages",
    "render_template",
    "templates_dir",
]

TEMPLATE_NAMES = ("system.j2", "user.j2", "verify_system.j2", "verify_user.j2")
_VERSION = re.compile(r"\{#\s*version:\s*(\S+)\s*#\}")

Messages = list[dict[str, str]]


def templates_dir() -> Path:
    """``summarizer/_prompts`` in an installed wheel, else the repository's ``prompts/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_prompts", here.parent / "prompts"):
        if (candidate / TEMPLATE_NAMES[0]).is_file():
            return candidate
    raise FileNotFoundError(f"prompt templates not found next to {here}")


@cache
def _environment(directory: Path) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def prompt_version(directory: Path | None = None) -> str:
    """``<declared version>+<sha256 of the templates, 10 hex digits>``."""
    directory = directory or templates_dir()
    texts = [(directory / name).read_text(encoding="utf-8") for name in TEMPLATE_NAMES]
    declared = _VERSION.search(texts[0])
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:10]
    return f"{declared.group(1) if declared else '0'}+{digest}"


def render_template(name: str, directory: Path | None = None, **variables: Any) -> str:
    """One template of ``prompts/``, rendered with ``variables`` (as data, never as code)."""
    env = _environment(directory or templates_dir())
    return env.get_template(name).render(**variables).strip()


def render_messages(
    article: Article,
    directory: Path | None = None,
    *,
    numbered: bool = False,
    part: str | None = None,
    guided: dict[str, Any] | None = None,
) -> Messages:
    """The system and user messages for one article.

    ``numbered`` shows the article as numbered sentences (evidence is cited by number);
    ``part`` asks for one part of the brief only, described in words. ``guided`` holds what
    code found in the article (``sentences``, ``people``, ``money``, ``dates``, ``facts``, and
    ``ask``, what the model is to write): the article is then shown as those sentences.
    """
    env = _environment(directory or templates_dir())
    if guided is not None:
        numbered = False
    variables = {
        "article": article.text,
        "date": article.date.isoformat() if article.date else None,
        "numbered": numbered,
        "sentences": guided["sentences"]
        if guided is not None
        else ([article.text[a:b] for a, b in sentences(article.text)] if numbered else []),
        "part": part,
        "guided": guided,
    }
    return [
        {"role": role, "content": env.get_template(name).render(**variables).strip()}
        for role, name in zip(("system", "user"), TEMPLATE_NAMES[:2], strict=True)
    ]
