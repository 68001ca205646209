"""The result envelope: the brief, its grounding report, and how it was made."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, Field

from .brief import NewsBrief
from .grounding import GroundingReport
from .ingest import Article

__all__ = ["ArticleInfo", "BriefResult", "RunInfo", "Usage", "json_schemas"]


class Usage(BaseModel):
    """Tokens summed over every model call of the run, re-asks included."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def add(self, usage: Any) -> None:
        """Add an ``openai`` ``CompletionUsage`` (or None, when a server reports none)."""
        if usage is None:
            return
        self.prompt_tokens += usage.prompt_tokens or 0
        self.completion_tokens += usage.completion_tokens or 0
        self.total_tokens += usage.total_tokens or 0


class ArticleInfo(BaseModel):
    source: str = Field(description="File path, '<stdin>' or '<text>'.")
    date: str | None = Field(description="The date dates were resolved against, ISO.")
    chars: int = Field(description="Length of the article text; evidence offsets index it.")
    sha256: str = Field(description="SHA-256 of the article text, UTF-8.")

    @classmethod
    def of(cls, article: Article) -> ArticleInfo:
        return cls(
            source=article.source,
            date=article.date.isoformat() if article.date else None,
            chars=len(article.text),
            sha256=hashlib.sha256(article.text.encode()).hexdigest(),
        )


class RunInfo(BaseModel):
    summarizer_version: str
    provider: str = Field(description="openai, local or replay.")
    model: str
    endpoint: str | None = Field(description="Base URL for the openai provider, else null.")
    mode: str = Field(description="Structured-output mode that produced the brief.")
    strategy: str = Field(
        description="How the brief was asked for: whole, sections, numbered or guided "
        "(docs/strategies.md)."
    )
    prompt_version: str
    schema_version: str
    attempts: int = Field(description="Answers asked of the model: first try, re-asks, fallbacks.")
    requests: int = Field(description="Model requests actually made, transient retries included.")
    cache_hits: int = Field(description="Answers read from the response cache instead.")
    usage: Usage = Field(description="Tokens spent by this run's requests; 0 for cache hits.")
    elapsed_s: float = Field(description="Wall time of the run, seconds.")


class BriefResult(BaseModel):
    """What one summarization returns: the brief and everything needed to trust it."""

    brief: NewsBrief
    grounding: GroundingReport
    article: ArticleInfo
    run: RunInfo


def json_schemas() -> dict[str, dict[str, Any]]:
    """The committed JSON Schemas, by file name: the brief, the envelope, and the model's draft."""
    from .brief import BriefDraft

    return {
        "news-brief.schema.json": NewsBrief.model_json_schema(),
        "brief-result.schema.json": BriefResult.model_json_schema(),
        "brief-draft.schema.json": BriefDraft.model_json_schema(),
    }
