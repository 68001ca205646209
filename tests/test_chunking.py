"""Long articles: split on sentences with overlap, read per chunk, merged, spans mapped back."""

import itertools
import json
import re
from typing import Any

from conftest import ARTICLES
from helpers import assert_faithful, completion
from hypothesis import given, settings
from hypothesis import strategies as st
from openai.types.chat import ChatCompletion

from summarizer import Summarizer, article_from_text
from summarizer.chunking import split

BODY = (ARTICLES / "long-harbour-talks.txt").read_text(encoding="utf-8").split("\n", 3)[3]
LONG = "date 2026-10-05\n" + "\n\n".join([BODY] * 5)  # about 11,000 words
REPEATED = "A promise made on a Sunday has to hold on Monday,"  # stands in every copy


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abc de", min_size=1, max_size=300), min_size=1, max_size=40),
       st.integers(200, 2000))  # fmt: skip
def test_chunks_cover_the_text_within_the_limit(sentences: list[str], limit: int) -> None:
    text = ". ".join(sentences) + "."
    chunks = split(text, limit)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in itertools.pairwise(chunks):
        assert b.start <= a.end  # no gap: consecutive chunks meet or overlap
        assert b.start > a.start
    assert all(c.end - c.start <= limit for c in chunks)


def test_chunks_end_at_sentence_ends_and_overlap() -> None:
    chunks = split(LONG, 12_000)
    assert len(chunks) > 4
    for a, b in itertools.pairwise(chunks):
        assert re.search(r"[.!?”\"]\s*$", LONG[a.start : a.end])
        assert b.start < a.end  # two sentences of overlap


class ChunkEcho:
    """A fake model that answers each chunk from that chunk's own text."""

    name, model, identity = "echo", "echo", "echo"
    modes = ("json_schema",)

    def __init__(self) -> None:
        self.calls = 0

    def complete(self, **request: Any) -> ChatCompletion:
        text = request["messages"][1]["content"].split("<<<\n", 1)[1].rsplit("\n>>>", 1)[0]
        first = re.split(r"(?<=[.!?])\s+", text.strip())[0]
        people = []
        for name in ("Tobias Greer", "Helena Vost", "Ruth Okafor"):
            if name in text:
                sentence = next(s for s in re.split(r"(?<=[.!?])\s+", text) if name in s)
                people.append({"name": name, "role": None, "affiliation": None, "side": None,
                               "evidence": [sentence[:300]]})  # fmt: skip
        quotes = []
        if self.calls > 0 and REPEATED in text:
            quotes.append({"text": REPEATED.rstrip(","), "speaker": "Colm Brennan",
                           "evidence": [REPEATED]})  # fmt: skip
        self.calls += 1
        draft = {"title": "Harbour deal", "summary": "The city and Aldmere agreed.",
                 "dateline": None, "meeting": None, "participants": people, "commitments": [],
                 "context": [{"statement": f"Part {self.calls}.", "date": None,
                              "evidence": [first[:300]]}],
                 "quotes": quotes}  # fmt: skip
        return completion(json.dumps(draft))


def test_a_10000_word_article_gives_one_merged_brief_verified_against_the_full_text() -> None:
    article = article_from_text(LONG)
    assert len(LONG.split()) > 10_000
    provider = ChunkEcho()
    result = Summarizer(provider=provider, chunk_chars=12_000, attempts=1).summarize(article)
    chunks = split(LONG, 12_000)
    assert provider.calls == len(chunks) > 4
    brief = result.brief
    assert sorted(p.name for p in brief.participants) == [
        "Helena Vost",
        "Ruth Okafor",
        "Tobias Greer",
    ]
    assert result.grounding.evidence_verified == result.grounding.evidence_total
    assert_faithful(result, LONG)
    # The repeated sentence was quoted by the second chunk: its span is found there, not in the
    # first copy of the text, which says the same words.
    quote = brief.quotes[0].evidence[0]
    assert quote.start is not None and chunks[1].start <= quote.start < chunks[1].end
    assert LONG.index(REPEATED) < chunks[1].start


def test_a_recorded_chunked_run_replays_in_the_same_chunks(tmp_path) -> None:
    from summarizer import ReplayProvider
    from summarizer.replay import RecordingProvider, load_recording, replay_options

    article = article_from_text(LONG)
    provider = ChunkEcho()
    provider.max_article_chars = 12_000  # type: ignore[attr-defined]
    recorder = RecordingProvider(provider)
    live = Summarizer(provider=recorder, attempts=1, cache=False)
    assert live.chunk_chars == 12_000  # what the recorded provider says it can take
    first = live.summarize(article)
    assert provider.calls == len(split(LONG, 12_000)) > 1
    recorder.save(tmp_path / "r.json", **live.recording_meta())
    replaying = ReplayProvider.from_file(tmp_path / "r.json")
    options = replay_options(load_recording(tmp_path / "r.json"))
    again = Summarizer(provider=replaying, cache=False, **options).summarize(article)
    replaying.assert_played()
    assert again.brief == first.brief
