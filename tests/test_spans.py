"""Text helpers of ``summarizer.spans`` that the analysis and grounding lean on for speed."""

import re
import sys

from summarizer.spans import lowered

#: Every code point but the surrogates, with a space before each (no final-sigma context).
EVERY = "".join(f" {chr(c)}" for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def _where(pattern: str, text: str, flags: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


def test_the_lowered_copy_matches_as_the_text_ignoring_case_for_every_code_point() -> None:
    text = "".join(f" {c}" for c in EVERY.split(" ") if c and c not in "İıſ")
    low = lowered(text)
    assert low is not None and len(low) == len(text)
    for cls in (r"\w", r"\d", r"\s", r"\b", r"\w+"):
        assert _where(cls, low) == _where(cls, text), cls
    for literal in [*"abcdefghijklmnopqrstuvwxyz", "ç", "é", "ü", "'", "-", ".", "{", "[", "|"]:
        assert _where(re.escape(literal), low) == _where(re.escape(literal), text, re.I), literal


def test_no_lowered_copy_where_case_rules_differ() -> None:
    assert lowered("İstanbul") is None and lowered("ıf") is None and lowered("ſo") is None
    assert lowered("Kelvin \u212a, Çukurova") == "kelvin \u212a, çukurova".lower()
