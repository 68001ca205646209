import itertools
import re

import pytest
from conftest import ARTICLES, EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.grounding import lead
from summarizer.spans import TextIndex, normalize

TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))}
INDEXES = {name: TextIndex(text) for name, text in TEXTS.items()}
_SWAPS = {'"': "“", "'": "’", "-": "–", "“": '"', "”": '"', "’": "'"}


def perturb(text: str, data: st.DataObject) -> str:
    """What a model changes when it copies: white space, quotes, dashes and case."""
    out = re.sub(r"\s+", lambda _: data.draw(st.sampled_from([" ", "\n", "  ", " \n "])), text)
    chars = []
    for char in out:
        if char in _SWAPS and data.draw(st.booleans()):
            char = _SWAPS[char]
        chars.append(char)
    out = "".join(chars)
    return data.draw(st.sampled_from([out, out.lower(), out.upper(), out.capitalize()]))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(name=st.sampled_from(sorted(TEXTS)), data=st.data())
def test_any_perturbed_substring_is_found_at_its_true_offset(name: str, data: st.DataObject):
    text, index = TEXTS[name], INDEXES[name]
    words = [m.span() for m in re.finditer(r"\w+", text)]
    first = data.draw(st.integers(0, len(words) - 4))
    last = data.draw(st.integers(first + 3, min(first + 40, len(words) - 1)))
    start, end = words[first][0], words[last][1]
    passage = text[start:end]
    span = index.find(perturb(passage, data), near=start)
    assert span is not None, passage
    assert span == (start, end) or normalize(text[span[0] : span[1]])[0] == normalize(passage)[0]
    if normalize(text).count(normalize(passage)[0]) == 1:  # unique passage: exact offsets
        assert span == (start, end)


def test_slice_property_on_exact_and_fuzzy_matches(example_text: str) -> None:
    index = TextIndex(example_text)
    for quote in [
        "gesture of sustainable fraternity",
        "four-nations tour of Sharif",  # the article has "four -nations"
        "the bilateral commercial objective of $5 billion",  # the article has "$ 5 billion"
        # one word changed:
        "Pakistani Prime Minister Shehbaz Sharif meets on Sunday Turkish President",
    ]:
        span = index.find(quote)
        assert span is not None, quote
        located = re.sub(r"\W", "", example_text[span[0] : span[1]].lower())
        wanted = re.sub(r"\W", "", quote.lower())
        assert located[:6] == wanted[:6]
        assert located[-6:] == wanted[-6:]


def test_invented_passages_are_not_found(example_text: str) -> None:
    index = TextIndex(example_text)
    # Two words left out is more than the documented fuzz: not a verbatim quote.
    assert index.find("Pakistani Prime Minister Shehbaz Sharif met Turkish President") is None
    assert index.find("Hakan Fidan met the delegation in Istanbul on Friday") is None
    assert index.find("The two leaders signed a free trade agreement worth $10 billion") is None
    assert index.find("1") is None  # too short to support anything


def test_repeated_phrase_maps_to_the_occurrence_near_the_hint() -> None:
    text = "Sharif met Erdogan in Ankara. Later, Sharif met Erdogan in Ankara again."
    index = TextIndex(text)
    assert index.find("Sharif met Erdogan") == (0, 18)
    second = text.rindex("Sharif met Erdogan")
    assert index.find("Sharif met Erdogan", near=40) == (second, second + 18)


def test_unknown_names_catches_invented_proper_nouns(example_text: str) -> None:
    index = TextIndex(example_text)
    assert index.unknown_names("Sharif met Erdogan with Hakan Fidan in Istanbul.") == [
        "Hakan",
        "Fidan",
        "Istanbul",
    ]
    assert index.unknown_names("Pakistan's Prime Minister met Turkey's President.") == []
    # Junk the 135M model wrote as a title: words joined by underscores and dots still count.
    assert index.unknown_names("Sharif – Ma...ighty_Ostryb_bridge") == ["Ostryb"]
    assert index.unknown_names("Meeting: Sharif and Erdogan. Talks in Ankara") == []
    # A label (an affiliation) has no sentence start: its first word is a name too.
    assert index.unknown_names("LocalResident", label=True) == ["LocalResident"]
    assert index.unknown_names("LocalResident") == []
    assert index.unknown_names("Pakistan", label=True) == []


def test_lead_skips_the_date_header_and_respects_the_limit(example_text: str) -> None:
    text = lead(example_text, 400)
    assert text.startswith("Islamabad")
    assert len(text) <= 400
    # Whole sentences while they fit, the date header left out.
    assert lead("date 2025-01-01\nOne. Two.", 5) == "One."
    assert lead("date 2025-01-01\nOne. Two.", 12) == "One. Two."
    # A first sentence longer than the limit is cut at a word, with an ellipsis, within it.
    assert lead("date 2025-01-01\nOne two three four. Five.", 12) == "One two…"


@pytest.mark.parametrize("path", [EXAMPLE])
def test_normalize_maps_back_to_source_offsets(path) -> None:
    text = path.read_text(encoding="utf-8")
    folded, origin = normalize(text)
    assert len(folded) == len(origin)
    assert all(a < b for a, b in itertools.pairwise(origin))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aB ß\n\t\u00a0\u200b“”’–-.xYz"), max_size=60))
def test_fast_and_slow_normalize_agree(text: str) -> None:
    from summarizer.spans import _normalize_slowly

    assert normalize(text) == _normalize_slowly(text)


def test_normalize_agrees_on_every_fixture_article() -> None:
    from summarizer.spans import _normalize_slowly

    for text in TEXTS.values():
        assert normalize(text) == _normalize_slowly(text)
