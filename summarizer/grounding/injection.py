"""Instructions inside an article: found by code, read as content, never taken as evidence.

An article is untrusted text placed in the prompt. The prompt delimits it and says that
instructions inside it are content (``prompts/system.j2``); a model may obey them anyway. So
grounding checks the brief against the article with every instruction-like sentence blanked
out (``masked``: same length, offsets unchanged): a name, amount, date or quote found only
there is "not in the article", and the item carrying it goes through the policy like any other
unsupported item. A participant named only inside quotation marks or instruction-like text is
refused as well (``quoted_only``): taking part needs a mention in the article's own narration.

A sentence is instruction-like when it carries a marker of text addressed to a model ("ignore
the above", "system prompt", "note to the AI", "you are now an assistant", chat-template tags,
a JSON object in prose), or starts with an imperative aimed at the brief ("List ... as a
participant", "Set the amount to ..."). Checked on every article under ``fixtures/`` written
as news: none of their sentences is marked (``tests/test_injection.py``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..prompts import TEMPLATE_NAMES, templates_dir
from ..spans import lowered, sentences

__all__ = ["instruction_spans", "masked", "prompt_echo", "quoted_only"]

#: Words in a row that, found in the prompts too, make free text an echo of them.
ECHO_WORDS = 6

_MODEL = r"(?:ai|a\.i\.|assistant|chatbot|bot|llm|language model|model|summari[sz]er|gpt)s?"
_TARGET = (
    r"(?:participants?|attendees?|brief|summary|headline|title|json|schema|fields?|output|"
    r"amounts?|figures?|commitments?|instructions?|prompt|response|answer|quotes?)"
)
_MARKERS = re.compile(
    "|".join(
        [
            r"\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,60}"
            r"\b(?:instructions?|above|previous|prior|earlier|rules?|prompts?|guidelines)\b",
            r"\b(?:system|developer|hidden|original)\s+(?:prompt|message|instructions?)\b",
            r"\b(?:reveal|repeat|print|output|show|display|leak|disclose|recite)\b[^.!?\n]{0,50}"
            r"\b(?:instructions?|prompts?|rules|configuration)\b",
            rf"\b(?:you are|you're|act as|pretend to be|acting as)\s+(?:now\s+)?(?:an?\s+|the\s+)?"
            rf"(?:\w+\s+)?{_MODEL}\b",
            rf"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?"
            rf"(?:\w+\s+)?{_MODEL}\b",
            rf"\b(?:if you are|any|every|all)\s+(?:an?\s+)?(?:\w+\s+)?{_MODEL}\s+(?:reading|"
            r"processing|summari[sz]ing|that reads?)\b",
            r"\b(?:must|should|shall|has to|have to|is to|are to)\s+be\s+(?:listed|added|included|"
            rf"named|reported|described|recorded|shown|treated|given)\b[^.!?\n]{{0,40}}\b{_TARGET}\b",
            r"\[/?inst\]|<\|[a-z_]+\|>|<<\s*sys\s*>>|#{2,}\s*(?:instruction|system|response)"
            r"|\bbegin (?:system|instructions?|new instructions)\b|\bnew instructions\s*:",
            r"^\s*(?:system|assistant|user|admin)\s*(?:prompt\s*)?:",
            r"\{\s*\"[^\"\n]{1,40}\"\s*:",
            rf"\b(?:respond|reply|answer|output|return)\s+(?:only\s+)?(?:with|in|as)\b"
            rf"[^.!?\n]{{0,40}}\b{_TARGET}\b",
            rf"\byou (?:must|should|shall|will|are required to|have to|need to)\b[^.!?\n]{{0,80}}"
            rf"\b{_TARGET}\b",
        ]
    ),
    re.I | re.M,
)
_IMPERATIVE = re.compile(
    r"^[\s\"'“‘(\[*>#-]*(?:please\s+)?(?:list|add|include|name|record|set|change|make|replace|"
    r"output|print|write|respond|return|reply|report|mark|treat|put|insert|omit|delete|remove|"
    r"describe|summari[sz]e|state|use|give|append|update)\b"
    rf"[^.!?\n]{{0,120}}\b{_TARGET}\b",
    re.I,
)


#: Words (lower case) one of which every branch of ``_MARKERS`` needs: a sentence holding none
#: of them cannot match it and is not searched (searching every character of every sentence
#: was a fifth of grounding's CPU). A branch added to ``_MARKERS`` adds its words here.
_MARKER_WORDS = re.compile(
    "|".join(
        re.escape(word)
        for words in (
            """ignore disregard forget override prompt message instruction rules configuration
            note reading processing summari must should shall system assistant user admin
            respond reply answer output return inst] <| << ## {""".split(),
            ["you are", "you're", "you will", "you need to", "act as", "acting as"],
            ["pretend to be", "that read", "has to", "have to", "is to", "are to", "begin "],
        )
        for word in words
    )
)


@lru_cache(maxsize=64)
def instruction_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the instruction-like sentences of ``text``."""
    found = []
    low = lowered(text)
    for start, end in sentences(text):
        sentence = text[start:end]
        maybe = low is None or _MARKER_WORDS.search(low, start, end) is not None
        if (maybe and _MARKERS.search(sentence)) or _IMPERATIVE.search(sentence):
            found.append((start, end))
    return tuple(found)


def masked(text: str) -> str:
    """``text`` with its instruction-like sentences blanked (line breaks kept): same length."""
    spans = instruction_spans(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    out.append(text[last:])
    return "".join(out)


def quoted_only(text: str, name: str, quotes: list[tuple[int, int]]) -> bool:
    """Whether every occurrence of ``name`` (or of its last word, 3+ letters) lies inside one of
    ``quotes`` (offsets of quoted words); False when the name does not occur at all."""
    words = re.findall(r"[^\W\d_]{3,}", name)
    if not words:
        return False
    occurrences = [at for key in dict.fromkeys([name, words[-1]]) for at in _written(text, key)]
    return bool(occurrences) and all(
        any(start <= at < end for start, end in quotes) for at in occurrences
    )


def _written(text: str, key: str) -> list[int]:
    """Where ``key`` stands as a word of its own in ``text``, ignoring case: the starts of
    ``re.finditer(rf"(?<!\\w){re.escape(key)}(?!\\w)", text, re.I)``, found by ``str.find``
    in the lower-cased copy where it holds every match (``spans.lowered``; an ASCII key)
    instead of trying the pattern at every character."""
    pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.I)
    low = lowered(text)
    if low is None or not key.isascii():
        return [m.start() for m in pattern.finditer(text)]
    needle, found = key.lower(), []
    at = low.find(needle)
    while at != -1:
        if pattern.match(text, at):
            found.append(at)
            at = low.find(needle, at + len(needle))  # matches do not overlap
        else:
            at = low.find(needle, at + 1)
    return found


@cache
def _prompt_runs() -> frozenset[tuple[str, ...]]:
    """Every run of ``ECHO_WORDS`` words of the prompt templates (template tags left out)."""
    runs: set[tuple[str, ...]] = set()
    for name in TEMPLATE_NAMES:
        text = (templates_dir() / name).read_text(encoding="utf-8")
        words = _words(re.sub(r"\{[{%#].*?[}%#]\}", " ", text, flags=re.S))
        runs.update(tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1))
    return frozenset(runs)


@lru_cache(maxsize=32)
def _said(article: str) -> str:
    """The article's words, joined by single spaces (once per article, not per value)."""
    return " ".join(_words(article))


def prompt_echo(value: str, article: str) -> str | None:
    """The first run of ``ECHO_WORDS`` words ``value`` shares with the prompts and the article
    does not hold: the model repeating its instructions (a leak). None when there is none."""
    words = _words(value)
    runs = _prompt_runs()
    said = _said(article)
    for i in range(len(words) - ECHO_WORDS + 1):
        run = tuple(words[i : i + ECHO_WORDS])
        if run in runs and " ".join(run) not in said:
            return " ".join(run)
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())
