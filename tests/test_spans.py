"""Text helpers of ``summarizer.spans`` that the analysis and grounding lean on for speed."""

import re
import sys

from summarizer.spans import _FOLD, lowered, normalize

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
    ascii_printable = [chr(c) for c in range(0x20, 0x7F) if not chr(c).isupper()]
    for literal in [*ascii_printable, *"çéü£¥–’₦₩€₱₹₺₽"]:
        assert _where(re.escape(literal), low) == _where(re.escape(literal), text, re.I), literal
    # ``normalize`` splits with ``str.split``, and finds gaps with ``\s``: the same spaces.
    assert [c for c in EVERY.split(" ") if c and c.isspace() != bool(re.match(r"\s", c))] == []


def test_no_lowered_copy_where_case_rules_differ() -> None:
    assert lowered("İstanbul") is None and lowered("ıf") is None and lowered("ſo") is None
    assert lowered("Kelvin \u212a, Çukurova") == "kelvin \u212a, çukurova".lower()


def _normalize_run_by_run(text: str) -> tuple[str, list[int]]:
    """What ``normalize`` does on text whose folding keeps its length, a run at a time."""
    folded = text.translate(_FOLD).casefold()
    out: list[str] = []
    origin: list[int] = []
    for run in re.finditer(r"\S+", folded):
        if out:
            out.append(" ")
            origin.append(origin[-1] + 1)  # the first white-space character after the run
        out.append(run.group())
        origin.extend(range(run.start(), run.end()))
    return "".join(out), origin


def test_normalize_lays_offsets_out_as_run_by_run() -> None:
    import random

    pieces = ["a", "B", " ", "  ", "\n", "\t", "\u00a0", "\u2009", "’", "“", "\u2028", ".", "\r"]
    rng = random.Random(0)
    texts = ["", " ", "a", " a ", "a  b", "\n\na\n\n", "a\nb", "a \n b  ", "  \n "]
    texts += ["".join(rng.choices(pieces, k=rng.randrange(12))) for _ in range(3000)]
    for text in texts:
        assert normalize.__wrapped__(text) == _normalize_run_by_run(text), repr(text)


def test_a_sentence_opens_where_the_pattern_says() -> None:
    import random

    from summarizer.spans import _SENTENCE_START, _opens

    pieces = ["A", "b", " ", "\n", ".", ":", "?", '"', "“", "(", "[", "«", ",", "\u00a0", "’"]
    rng = random.Random(1)
    for _ in range(2000):
        prose = "".join(rng.choices(pieces, k=rng.randrange(10)))
        for at in range(len(prose) + 1):
            assert _opens(prose, at) == bool(_SENTENCE_START.search(prose[:at])), (prose, at)


def test_a_word_is_found_where_the_pattern_finds_it_ignoring_case() -> None:
    from summarizer.grounding.injection import _written

    texts = ["Quinn met QUINN and quinnell; Mc Quinn, o'Quinn. Ms Quinn-Lee quinn", "ıf İf ſo"]
    for text in texts + [text.upper() for text in texts]:
        for key in ("quinn", "Quinn", "Mc Quinn", "o'quinn", "n", "İf", "if", "so", "Ms Q"):
            plain = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", text, re.I)]
            assert _written(text, key) == plain, (text, key)


def test_initials_may_take_two_letters_of_a_word_and_skip_an_owner() -> None:
    from summarizer.spans import acronyms_of

    found = acronyms_of(
        "The African Development Bank lent it. Zambia's Competition and Consumer Protection "
        "Commission must approve."
    )
    assert {"adb", "afdb", "ccpc"} <= found
    assert "zccpc" not in found
