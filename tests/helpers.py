"""Small builders shared by the tests."""

from __future__ import annotations

import json
from typing import Any

from openai.types.chat import ChatCompletion

from summarizer import BriefResult


def completion(content: Any, *, finish_reason: str = "stop", tokens: int = 100) -> ChatCompletion:
    """A chat completion whose message is ``content`` (JSON-encoded unless a str)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return ChatCompletion.model_validate(
        {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "test",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "message": {"role": "assistant", "content": text},
                }
            ],
            "usage": {
                "prompt_tokens": tokens,
                "completion_tokens": tokens,
                "total_tokens": 2 * tokens,
            },
        }
    )


def assert_faithful(result: BriefResult, article: str) -> None:
    """The guarantees every emitted brief keeps: spans slice the article, names appear in it."""
    brief = result.brief
    items: list[Any] = [*brief.participants, *brief.commitments, *brief.context, *brief.quotes]
    if brief.meeting:
        items.append(brief.meeting)
    for item in items:
        for evidence in item.evidence:
            if evidence.verified:
                assert evidence.start is not None and evidence.end is not None
                assert article[evidence.start : evidence.end] == evidence.text
    folded = " ".join(article.casefold().split())
    if result.grounding.policy != "flag":
        for person in brief.participants:
            assert " ".join(person.name.casefold().split()) in folded, person.name
