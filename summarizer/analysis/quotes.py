"""Direct quotes and who the article says spoke them.

A quote is the text inside a pair of quotation marks (“ ”, " ", « »). Its speaker is read from
the attribution around it, in this order:

1. right after the quote: `"...," Quinn said` / `"...," said Quinn` / `"...," she said`;
2. before it, in its sentence: `Sharif recognized Turkey's support as a "..."`, `Bellini said
   the quay would "..."`, `according to X`;
3. a pronoun ("she said") is the person named last before the quote.

When the one speaking is a spokesman or spokeswoman, the words are theirs, not their
principal's: the speaker is the spokesperson if named, else nobody (``speaker`` None, with the
words of the attribution in ``attribution``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import SPEECH_VERBS, SPOKES_WORDS
from .people import Mention, Person

__all__ = ["QuoteMention", "find_quotes"]


@dataclass(frozen=True)
class QuoteMention:
    #: Offsets of the words inside the marks.
    start: int
    end: int
    text: str
    speaker: Person | None
    #: The words that attribute the quote ("Quinn said", "a spokeswoman for the president").
    attribution: str | None
    #: Offsets of the attribution, when found.
    attribution_span: tuple[int, int] | None


_PAIRS = re.compile(
    r"“((?:[^“”\n]|\n(?!\s*\n)){2,600}?)”|\"((?:[^\"\n]|\n(?!\s*\n)){2,600}?)\""
    r"|«\s?([^«»]{2,600}?)\s?»"
)
_SPOKES_BEFORE = re.compile(r"spokes\w*,?\s+$", re.I)
_SPOKES_AFTER = re.compile(r",\s*(?:\w+['’]s\s+|an?\s+|the\s+)?(?:[\w-]+\s+){0,3}spokes", re.I)
_PRONOUNS = frozenset("he she they".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CONJUNCTIONS = frozenset({"and", "but", "then", "also", "later"})
_CLAUSE_END = re.compile(r"[.!?;]\s|\n\s*\n")


def find_quotes(
    text: str, people: list[Person], sentences: tuple[tuple[int, int], ...]
) -> list[QuoteMention]:
    quotes = []
    marks = [(m.start(), m.end()) for m in _PAIRS.finditer(text)]
    for m in _PAIRS.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        inner_start, inner_end = m.start(group), m.end(group)
        inner = text[inner_start:inner_end]
        stripped = inner.rstrip(" ,.")
        if len(stripped.split()) < 1:
            continue
        speaker, words, span = _attribute(text, m.start(), m.end(), people, marks, sentences)
        quotes.append(
            QuoteMention(inner_start, inner_start + len(stripped), stripped, speaker, words, span)
        )
    return quotes


def _outside(position: int, marks: list[tuple[int, int]]) -> bool:
    return not any(a <= position < b for a, b in marks)


def _sentence_bounds(sentences: tuple[tuple[int, int], ...], at: int) -> tuple[int, int]:
    for start, end in sentences:
        if start <= at < end or at < start:
            return start, end
    return sentences[-1] if sentences else (0, at)


def _mentions_between(
    people: list[Person], start: int, end: int, marks: list[tuple[int, int]]
) -> list[tuple[Mention, Person]]:
    found = []
    for person in people:
        for mention in person.mentions:
            if start <= mention.start and mention.end <= end and _outside(mention.start, marks):
                found.append((mention, person))
    return sorted(found, key=lambda x: x[0].start)


def _attribute(
    text: str,
    qstart: int,
    qend: int,
    people: list[Person],
    marks: list[tuple[int, int]],
    sentences: tuple[tuple[int, int], ...],
) -> tuple[Person | None, str | None, tuple[int, int] | None]:
    # 1. After the quote, up to the end of its clause.
    tail_end = qend + 120
    stop = _CLAUSE_END.search(text, qend, tail_end)
    after_end = stop.start() + 1 if stop else min(tail_end, len(text))
    nxt = text.find("“", qend, after_end)
    nxt2 = text.find('"', qend, after_end)
    for cut in (nxt, nxt2):
        if cut != -1:
            after_end = min(after_end, cut)
    after = text[qend:after_end]
    words = [(m.start() + qend, m.group()) for m in _WORD.finditer(after)]
    verb_at = next((i for i, (_, w) in enumerate(words[:6]) if w.casefold() in SPEECH_VERBS), None)
    if verb_at is not None and _another_clause(words[:verb_at], qend, text):
        verb_at = None  # "..., and officials said": someone else's words; look before
    if verb_at is not None:
        clause = (qend, after_end)
        verb_start = words[verb_at][0]
        # The subject runs back from the verb to the nearest mark: "— a sign, he said".
        mark = max(text.rfind(c, qend + 1, verb_start) for c in ",;—–(")
        first = max(qend + 1, mark + 1)
        subject_words = [w for w in words[:verb_at] if w[0] >= first]
        if not subject_words and text[first:verb_start].strip() == "":
            # "...,” Mauricio Arce, Solís’s spokesman, told reporters": the mark closes an
            # apposition to the subject, which is all the words before the verb.
            subject_words = words[:verb_at]
        if subject_words and all(w.casefold() in _CONJUNCTIONS for _, w in subject_words):
            # "Eder called the agreement “long overdue” and said ...": the sentence's subject.
            s_start, _ = _sentence_bounds(sentences, qstart)
            return _speaker_in(text, (s_start, qstart), (s_start, after_end), people, marks,
                               qstart)  # fmt: skip
        region = (subject_words[0][0], verb_start) if subject_words else None
        if region is None:  # "said Quinn", "said the minister, Ali Khan"
            region = (words[verb_at][0] + len(words[verb_at][1]), after_end)
        return _speaker_in(text, region, clause, people, marks, qstart)
    # 2. Before the quote, in its sentence: the subject of a verb of speech.
    s_start, _ = _sentence_bounds(sentences, qstart)
    before = text[s_start:qstart]
    verbs = [m for m in _WORD.finditer(before) if m.group().casefold() in SPEECH_VERBS]
    according = before.casefold().rfind("according to")
    if according != -1:
        region = (s_start + according + len("according to"), qstart)
        return _speaker_in(text, region, region, people, marks, qstart)
    if verbs and (who := _WHO.search(before, 0, verbs[-1].start())):
        # "..., a call backed by Quirós, who said: “...”": the one named last before "who"
        region = (max(s_start, s_start + who.start() - 120), s_start + who.start())
        return _speaker_in(text, region, (s_start, qstart), people, marks, qstart, False)
    if verbs:
        verb = verbs[0]
        region = (s_start, s_start + verb.start())
        return _speaker_in(text, region, (s_start, qstart), people, marks, qstart, False)
    return None, None, None


#: A relative clause of speech right before its verb: "... backed by Quirós, who ".
_WHO = re.compile(r",\s+who\s+(?:also\s+|then\s+|later\s+)?$")


def _another_clause(subject: list[tuple[int, str]], qend: int, text: str) -> bool:
    """Whether the words between a quote and a verb of speech open a clause with a subject of
    its own: "..., although opposition members said", not "... and said"."""
    if not subject or subject[0][1].casefold() not in _OPENERS:
        return False
    return any(w.casefold() not in _CONJUNCTIONS for _, w in subject[1:])


_OPENERS = frozenset({"and", "but", "although", "though", "while", "whereas", "as"})


def _speaker_in(
    text: str,
    region: tuple[int, int],
    clause: tuple[int, int],
    people: list[Person],
    marks: list[tuple[int, int]],
    qstart: int,
    nearest_first: bool = True,
) -> tuple[Person | None, str | None, tuple[int, int] | None]:
    start, end = region
    words = text[start:end].strip(" ,.;:")
    if not words:
        return None, None, None
    span = (start + text[start:end].find(words), start + text[start:end].find(words) + len(words))
    low = {w.casefold() for w in _WORD.findall(words)}
    # an owner in the possessive is not the one speaking ("Hofstetter’s finance chief, Corinne
    # Wyss, told analysts")
    named = [
        (mention, person) for mention, person in _mentions_between(people, start, end, marks)
        if text[mention.end : mention.end + 2] not in ("'s", "’s")
    ]  # fmt: skip
    if low & SPOKES_WORDS:
        # The spokesperson's own name stands right next to the word ("spokesman Ali Khan",
        # "Ali Khan, a spokesman for ..."); a name after "for" is the principal's.
        for mention, person in named:
            at = mention.start
            if _SPOKES_BEFORE.search(text[max(start, at - 30) : at]) or _SPOKES_AFTER.match(
                text, mention.end
            ):
                return person, words, span
        return None, words, span
    if named:
        # After "according to": the first name; before a verb: the one nearest to it.
        return (named[0] if nearest_first else named[-1])[1], words, span
    first = words.split()[0].casefold() if words.split() else ""
    if first in _PRONOUNS and first != "they":
        previous = _mentions_between(people, max(0, qstart - 600), qstart, marks)
        if previous:
            return previous[-1][1], words, span
    return None, words, span
