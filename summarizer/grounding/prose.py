"""Prose: the article's opening as a faithful fallback for the title and summary."""

from __future__ import annotations

import re

from ..ingest import DATE_HEADER

__all__ = ["LEAD_LIMITS", "lead"]

# Splitting for lead(): a period, ! or ? then white space. (Not spans.SENTENCE_END, which also
# cuts after ".]" and would make a bracketed note line the whole title fallback.)
_LEAD_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


#: Longest fallback taken from the article's opening, by field.
LEAD_LIMITS = {"title": 100, "summary": 400}


def lead(article: str, limit: int) -> str:
    """The article's opening sentences, at most ``limit`` characters: a faithful fallback."""
    body = DATE_HEADER.sub("", article, count=1).strip()
    text = ""
    for sentence in _LEAD_SENTENCE_END.split(" ".join(body.split())):
        if text and len(text) + len(sentence) + 1 > limit:
            break
        text = f"{text} {sentence}".strip()
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text
