"""Chunking: an article too long for one call, split on sentences, extracted in parts, merged.

``split`` cuts the text at sentence ends into chunks of at most ``max_chars`` characters, each
starting ``overlap`` sentences before the previous one ended, so that nothing said across a cut
is lost. ``merge`` joins the per-chunk drafts into one: the first title, summary, dateline and
meeting; participants once per name, commitments, context events and quotes once per meaning
(rapidfuzz ``token_set_ratio`` of ``SAME_MEANING`` or more), evidence pooled. It also returns, for
each evidence passage, where in the full article its chunk found it, so grounding maps repeated
phrases to the right occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from .brief import BriefDraft, name_key
from .spans import SENTENCE_END, index_of

__all__ = ["SAME_MEANING", "Chunk", "merge", "split"]

SAME_MEANING = 85.0
_LISTS = {"participants": 20, "commitments": 15, "context": 15, "quotes": 10}


@dataclass(frozen=True)
class Chunk:
    start: int
    end: int


def split(text: str, max_chars: int, overlap: int = 2) -> list[Chunk]:
    """Chunks of whole sentences, at most ``max_chars`` long (longer sentences cut at spaces)."""
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        sentences.append((start, match.end()))
        start = match.end()
    if start < len(text):
        sentences.append((start, len(text)))
    pieces: list[tuple[int, int]] = []
    for a, b in sentences:  # a sentence longer than a chunk is cut at white space
        while b - a > max_chars:
            cut = text.rfind(" ", a + 1, a + max_chars) + 1 or a + max_chars
            pieces.append((a, cut))
            a = cut
        pieces.append((a, b))
    chunks: list[Chunk] = []
    first = 0
    while first < len(pieces):
        last = first
        while last + 1 < len(pieces) and pieces[last + 1][1] - pieces[first][0] <= max_chars:
            last += 1
        chunks.append(Chunk(pieces[first][0], pieces[last][1]))
        if last + 1 >= len(pieces):
            break
        first = max(last + 1 - overlap, first + 1)
    return chunks


def _key(section: str, item: Any) -> str:
    if section == "participants":
        return name_key(item.name)
    if section == "quotes":
        return " ".join(item.text.casefold().split())
    return ""


def _same(section: str, a: Any, b: Any) -> bool:
    if section in ("participants", "quotes"):
        return _key(section, a) == _key(section, b)
    text = "description" if section == "commitments" else "statement"
    return fuzz.token_set_ratio(getattr(a, text), getattr(b, text)) >= SAME_MEANING


def merge(
    drafts: list[BriefDraft], chunks: list[Chunk], article: str
) -> tuple[BriefDraft, dict[tuple[str, int], int]]:
    """One draft from the chunks' drafts, and the full-text position hint of each evidence."""
    first = drafts[0]
    merged: dict[str, Any] = first.model_dump(include={"title", "summary", "dateline"})
    merged["meeting"] = next((d.meeting.model_dump() for d in drafts if d.meeting), None)
    hints: dict[tuple[str, int], int] = {}
    for section, limit in _LISTS.items():
        items: list[tuple[Any, dict[str, Any], list[int]]] = []
        for draft, chunk in zip(drafts, chunks, strict=True):
            local = index_of(article[chunk.start : chunk.end])
            for item in getattr(draft, section):
                where = [chunk.start + (local.find(q) or (0, 0))[0] for q in item.evidence]
                twin = next((row for row in items if _same(section, row[0], item)), None)
                if twin is None:
                    items.append((item, item.model_dump(), where))
                    continue
                data = twin[1]
                for field, value in item.model_dump().items():
                    if data.get(field) is None and value is not None:
                        data[field] = value
                for quote, at in zip(item.evidence, where, strict=True):
                    if quote not in data["evidence"] and len(data["evidence"]) < 3:
                        data["evidence"].append(quote)
                        twin[2].append(at)
        merged[section] = [data for _, data, _ in items[:limit]]
        for n, (_, _, where) in enumerate(items[:limit]):
            for k, at in enumerate(where):
                hints[(f"{section}[{n}]", k)] = at
    if merged["meeting"] is not None:
        meeting_draft = next(d for d in drafts if d.meeting)
        chunk = chunks[drafts.index(meeting_draft)]
        local = index_of(article[chunk.start : chunk.end])
        for k, quote in enumerate(merged["meeting"]["evidence"]):
            hints[("meeting", k)] = chunk.start + (local.find(quote) or (0, 0))[0]
    return BriefDraft.model_validate(merged), hints
