"""summarizer: structured, evidence-grounded briefs of news articles.

>>> from summarizer import summarize
>>> result = summarize(Path("article.txt"))      # or a str of text
>>> result.brief.participants[0].evidence[0]     # located in the article by code
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis import Analysis, analyze
from .batch import BatchItem, Budget, Outcome, collect_inputs, summarize_many
from .batch_api import BatchLimits, collect_batch, submit_batch
from .brief import (
    SCHEMA_VERSION,
    Amount,
    Commitment,
    ContextEvent,
    Dateline,
    DateRef,
    Evidence,
    Meeting,
    NewsBrief,
    Participant,
    Quote,
)
from .cluster import summarize_dataset
from .errors import (
    BudgetExceeded,
    ConfigError,
    GroundingFailed,
    InputError,
    ProviderError,
    StaleRecording,
    SummarizationError,
    SummarizerError,
    ValidationFailed,
)
from .fetch import fetch_article
from .grounding import Finding, GroundingReport
from .ingest import Article, article_from_html, article_from_text, read_article
from .pipeline import Summarizer, asummarize, summarize
from .providers import LocalProvider, OpenAIProvider, Provider
from .replay import ReplayProvider
from .result import ArticleInfo, BriefResult, RunInfo, Usage
from .retry import RetryPolicy
from .settings import Settings

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Analysis",
    "Article",
    "ArticleInfo",
    "BatchItem",
    "BatchLimits",
    "BriefResult",
    "Budget",
    "BudgetExceeded",
    "Commitment",
    "ConfigError",
    "ContextEvent",
    "DateRef",
    "Dateline",
    "Evidence",
    "Finding",
    "GroundingFailed",
    "GroundingReport",
    "InputError",
    "LocalProvider",
    "Meeting",
    "NewsBrief",
    "OpenAIProvider",
    "Outcome",
    "Participant",
    "Provider",
    "ProviderError",
    "Quote",
    "ReplayProvider",
    "RetryPolicy",
    "RunInfo",
    "Settings",
    "StaleRecording",
    "SummarizationError",
    "Summarizer",
    "SummarizerError",
    "Usage",
    "ValidationFailed",
    "__version__",
    "analyze",
    "article_from_html",
    "article_from_text",
    "asummarize",
    "collect_batch",
    "collect_inputs",
    "fetch_article",
    "read_article",
    "submit_batch",
    "summarize",
    "summarize_dataset",
    "summarize_many",
]
