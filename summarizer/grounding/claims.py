"""Claims: a statement must say what its own evidence says.

A commitment's description, a context statement, and the meeting's purpose and outcome are
free text. Each is held against the item's verified evidence (and the sentences holding it):

- **support**: the share of the statement's content words (stop words aside, compared by a
  crude stem: "strikes" ~ "strike", "agreed" ~ "agree") found in the evidence must reach
  ``MIN_SUPPORT``; every number in the statement must be there too;
- **negation**: a statement negated where its evidence is not, or the reverse ("has not" made
  "has"), is a finding; a negation counts where it stands within four words before a word the
  statement and its evidence share, so that another clause's "not" does not; in the evidence,
  only in the clause holding most of the statement's words ("did not fix the price, which
  officials say the market will set" is no negation of "the market will set the price").

``MIN_SUPPORT`` was chosen by measurement on the planted-error corpus and the labelled sets
(``benchmarks/planted_errors.py``; README, "How a brief is made faithful").
"""

from __future__ import annotations

import functools
import re

from ..analysis import Analysis
from ..spans import acronyms_of, unaccented

__all__ = [
    "MIN_SUPPORT",
    "claim_problem",
    "content_words",
    "evidence_text",
    "stem",
    "surrounding_text",
    "unstated_number",
]

MIN_SUPPORT = 0.5
#: The share of a statement's content words its evidence must hold by itself, whatever the
#: sentences around it add.
MIN_OWN_SUPPORT = 0.3
#: Past forms a suffix does not undo ("built" ~ "build").
_IRREGULAR = {
    "built": "build", "paid": "pay", "sold": "sell", "made": "make", "held": "hold",
    "met": "meet", "won": "win", "led": "lead", "lent": "lend", "spent": "spend",
    "bought": "buy", "brought": "bring", "gave": "give", "given": "give", "took": "take",
    "taken": "take", "said": "say", "told": "tell", "sent": "send", "set": "set",
    "struck": "strike", "began": "begin", "begun": "begin", "chose": "choose",
    "chosen": "choose", "agreed": "agree", "wrote": "write", "written": "write",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*")
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|without|none|nobody|nothing|cannot)\b|n['’]t\b", re.IGNORECASE
)
_STOP = frozenset(
    """
    a an the and or but of to in on at by for from with as into over under about after before
    this that these those it its their his her they he she we our you i is are was were be
    been being has have had do does did will would shall should can could may might must
    which who whom whose what when where while than then also both each all any some such
    there here so very more most other another same new one two s them us between once due
    roughly around approximately nearly almost
    """.split()
)
#: Words news copy uses for one another, compared as one: a statement in other words
#: ("construction is due to start" for "construction is to begin") is still the evidence's.
_SYNONYMS = (
    "begin start commence", "complete finish finalise finalize conclude",
    "buy purchase acquire acquisition", "employee staff worker workforce",
    "approve authorise authorize", "say state", "talks negotiations",
    "build construct construction", "rise increase", "cut reduce lower",
    "fund funding finance financing", "expect forecast anticipate",
)  # fmt: skip


@functools.lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem ("strikes" ~ "strike"), the same for the words of a ``_SYNONYMS`` group."""
    base = _stem(word)
    return _SAME_STEM.get(base, base)


def _stem(word: str) -> str:
    word = unaccented(word.casefold().replace("’", "'").removesuffix("'s"))
    word = _IRREGULAR.get(word, word)
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_SAME_STEM = {_stem(w): _stem(group.split()[0]) for group in _SYNONYMS for w in group.split()}


@functools.lru_cache(maxsize=1024)
def content_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` but stop words (once per text: an evidence sentence is read by
    several checks)."""
    return tuple(w for w in _WORD.findall(text) if w.casefold() not in _STOP)


def evidence_text(analysis: Analysis, spans: list[tuple[int, int]]) -> str:
    """The verified passages, widened to the sentences that hold them."""
    return "\n".join(analysis.text[slice(*analysis.widened(*span))] for span in spans)


def surrounding_text(analysis: Analysis, spans: list[tuple[int, int]], lead: list[int]) -> str:
    """What a statement may draw on besides its evidence: the sentence before the first
    passage ("The water system will cost 2.5 billion euros. The EU will pay 1.1bn of that")
    and the article's lead sentences (``lead``), which name what later sentences refer back to."""
    if not spans:
        return ""
    first = analysis.sentence_at(min(start for start, _ in spans))
    around = sorted({*lead, first - 1} - {-1})
    return "\n".join(analysis.sentence_text(n) for n in around)


def claim_problem(statement: str, evidence: str, what: str, around: str = "") -> str | None:
    """Why ``statement`` is not supported by ``evidence``, or None. Words found only in
    ``around`` (see ``surrounding_text``) count towards ``MIN_SUPPORT``, as long as the
    evidence holds ``MIN_OWN_SUPPORT`` of them itself."""
    words = content_words(statement)
    if not words or not evidence.strip():
        return None
    own = {stem(w) for w in content_words(evidence)} | acronyms_of(evidence)
    have = own | {stem(w) for w in content_words(around)} | acronyms_of(around)
    numbers = [w for w in words if w[0].isdigit()]
    # a number the sentence before or the lead states counts, as its words do ("a 4.8% rise" in
    # the lead; "the rise is backdated to January 1" cited)
    written = (evidence + "\n" + around).replace(",", "")
    missing_numbers = [n for n in numbers if n.replace(",", "") not in written]
    if missing_numbers:
        return f"{what} states {missing_numbers[0]!r}, which its evidence does not"
    found = [w for w in words if stem(w) in own]
    share = len(found) / len(words)
    helped = sum(1 for w in words if stem(w) in have) / len(words)
    if share < MIN_OWN_SUPPORT or helped < MIN_SUPPORT:
        missing = [w for w in words if stem(w) not in own][:4]
        return (
            f"{what} is not supported by its evidence ({len(found)} of {len(words)} content "
            f"words found; missing {', '.join(repr(m) for m in missing)})"
        )
    said = _negated_near(statement, found)
    # A negation the statement drops must stand in the clause it says again; one the statement
    # makes may be in any clause of the evidence.
    stated = _negated_near(evidence, found) if said else _negated_clause(evidence, found)
    if said and not stated:
        return f"{what} is negated, but its evidence is not"
    if stated and not said:
        return f"{what} drops the negation of its evidence"
    return None


def unstated_number(text: str, article: str) -> str | None:
    """The first number of ``text`` (a title, a summary) that ``article`` never writes."""
    written = _numbers_written(article)
    words: list[str] = _WORD.findall(text)
    return next((w for w in words if w[0].isdigit() and w.replace(",", "") not in written), None)


@functools.lru_cache(maxsize=32)
def _numbers_written(article: str) -> frozenset[str]:
    """The numbers ``article`` writes, without thousands separators (once per article)."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(article))


#: The numbers ``_WORD`` finds (its second branch: no word of letters holds a digit).
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


#: Where a sentence's clauses part: "The talks did not fix the price, which officials say
#: the market will set" (the statement may paraphrase either).
_CLAUSE_BREAK = re.compile(
    r",\s+(?:and\s+)?(?:which|while|whereas|but|although|though|that)\b|;\s+|\s+[–—]\s+"
)


def _negated_clause(evidence: str, words: list[str]) -> bool:
    """Whether the clause of ``evidence`` that holds the most of ``words`` negates them; of
    several that hold as many, whether each does."""
    clauses = _CLAUSE_BREAK.split(evidence)
    if len(clauses) == 1:
        return _negated_near(evidence, words)
    stems = {stem(w) for w in words}
    counts = [len(stems & {stem(w) for w in content_words(c)}) for c in clauses]
    best = [c for c, n in zip(clauses, counts, strict=True) if n == max(counts)]
    return all(_negated_near(c, words) for c in best)


def _negated_near(text: str, words: list[str]) -> bool:
    """Whether a negation in ``text`` governs the words statement and evidence share: a
    negation within four words before one of them."""
    stems = {stem(w) for w in words}
    return any(stems & after for after in _after_negations(text))


@functools.lru_cache(maxsize=1024)
def _after_negations(text: str) -> tuple[frozenset[str], ...]:
    """The stems of the four words after each negation of ``text``."""
    tokens = [t.casefold() for t in re.findall(r"[\w'’]+", text)]
    return tuple(
        frozenset(stem(t) for t in tokens[i + 1 : i + 5])
        for i, token in enumerate(tokens)
        if _NEGATION.fullmatch(token)
        or token.endswith(("n't", "n’t"))
        or token in _UN_WORDS
        or (token == "yet" and tokens[i + 1 : i + 2] == ["to"])  # "has yet to ratify"
    )


#: Words that say "not" themselves: "will stay unchanged" is "will not change".
_UN_WORDS = frozenset("unchanged unaltered unable unpaid unsigned unresolved unfinished".split())
