"""Extraction strategies: one call (whole), one call per section, numbered sentences."""

import itertools
import json

import pytest
from conftest import EXAMPLE, RECORDINGS
from helpers import assert_faithful, completion
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import ConfigError, ReplayProvider, Summarizer, read_article
from summarizer.prompts import render_messages
from summarizer.replay import load_recording
from summarizer.spans import index_of, sentences
from summarizer.strategies import STRATEGIES, plan

CAPABLE = RECORDINGS / "pakistan-turkey.capable.hand.json"
ARTICLE = read_article(EXAMPLE)


def capable_draft() -> dict:
    reply = load_recording(CAPABLE)["responses"][0]
    return json.loads(reply["choices"][0]["message"]["content"])


def numbered(draft: dict, text: str) -> dict:
    """``draft`` with each evidence passage replaced by the number of the sentence holding it."""
    spans = sentences(text)

    def number(passage: str) -> int:
        span = index_of(text).find(passage)
        assert span is not None, passage
        start = span[0]
        return next(n for n, (a, b) in enumerate(spans, 1) if a <= start < b)

    def walk(value):
        if isinstance(value, dict):
            return {
                k: [number(p) for p in v] if k == "evidence" else walk(v) for k, v in value.items()
            }
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(draft)


def request_fields(request: dict) -> set[str]:
    schema = request["response_format"]["json_schema"]["schema"]
    return set(schema["properties"])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\"')]"), max_size=80))
def test_sentences_cover_every_word_in_order(text: str) -> None:
    spans = sentences(text)
    assert all(text[a:b] == text[a:b].strip() and a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()


def test_sentences_end_at_punctuation_and_line_breaks_keeping_closing_quotes() -> None:
    text = 'Headline\n\nHe said: "We agree." Then (it was late.) left\nEnd'
    assert [text[a:b] for a, b in sentences(text)] == [
        "Headline",
        'He said: "We agree."',
        "Then (it was late.)",
        "left",
        "End",
    ]


def test_numbered_prompt_shows_each_sentence_once_with_its_number() -> None:
    user = render_messages(ARTICLE, numbered=True)[1]["content"]
    spans = sentences(ARTICLE.text)
    for n, (a, b) in enumerate(spans, 1):
        assert f"[{n}] {ARTICLE.text[a:b]}\n" in user + "\n"
    assert "[1]" not in render_messages(ARTICLE)[1]["content"]


def test_numbered_strategy_expands_cited_sentences_into_verified_spans() -> None:
    provider = ReplayProvider([completion(numbered(capable_draft(), ARTICLE.text))])
    result = Summarizer(provider=provider, strategy="numbered").summarize(ARTICLE)
    provider.assert_played()
    assert result.run.strategy == "numbered" and result.run.attempts == 1
    schema = json.dumps(provider.requests[0]["response_format"])
    assert "sentences of the article" in schema and "verbatim" not in schema
    brief = result.brief
    assert {p.name for p in brief.participants} >= {"Shehbaz Sharif", "Recep Tayyip Erdogan"}
    spans = sentences(ARTICLE.text)
    for item in [*brief.participants, *brief.commitments, *brief.context, *brief.quotes]:
        for e in item.evidence:  # a whole sentence (its final stop aside), where the article has it
            assert e.verified and e.start is not None and e.end is not None
            assert any(a == e.start and b - 1 <= e.end <= b for a, b in spans), e.text
    assert_faithful(result, ARTICLE.text)


def test_a_sentence_number_out_of_range_is_sent_back_then_dropped() -> None:
    draft = numbered(capable_draft(), ARTICLE.text)
    draft["participants"][0]["evidence"] = [999]
    provider = ReplayProvider([completion(draft), completion(draft)])
    result = Summarizer(provider=provider, strategy="numbered", attempts=2).summarize(ARTICLE)
    reask = provider.requests[1]["messages"][-1]["content"]
    assert "sentence 999 does not exist" in reask
    assert result.run.attempts == 2
    first = capable_draft()["participants"][0]["name"]
    assert first not in {p.name for p in result.brief.participants}  # no evidence left
    assert_faithful(result, ARTICLE.text)


def test_sections_strategy_asks_each_part_with_its_own_schema_and_joins_them() -> None:
    draft = capable_draft()
    parts = [
        {k: draft[k] for k in ("title", "summary", "dateline", "meeting")},
        {"participants": draft["participants"]},
        {"commitments": draft["commitments"]},
        {"context": draft["context"], "quotes": draft["quotes"]},
    ]
    provider = ReplayProvider([completion(p) for p in parts])
    result = Summarizer(provider=provider, strategy="sections").summarize(ARTICLE)
    provider.assert_played()
    assert [request_fields(r) for r in provider.requests] == [set(p) for p in parts]
    assert "participants, the people named" in provider.requests[1]["messages"][-1]["content"]
    whole = Summarizer(provider=ReplayProvider([completion(draft)]), strategy="whole")
    expected = whole.summarize(ARTICLE)
    assert result.brief == expected.brief  # the same content, asked in four calls
    assert result.run.requests == 4 and result.run.strategy == "sections"


def test_sections_strategy_re_asks_only_the_part_that_failed() -> None:
    draft = capable_draft()
    invented = dict(draft["participants"][0], name="Imran Qadir")
    replies = [
        {k: draft[k] for k in ("title", "summary", "dateline", "meeting")},
        {"participants": [*draft["participants"], invented]},
        {"participants": draft["participants"]},
        {"commitments": draft["commitments"]},
        {"context": [], "quotes": []},
    ]
    provider = ReplayProvider([completion(r) for r in replies])
    result = Summarizer(provider=provider, strategy="sections", attempts=2).summarize(ARTICLE)
    provider.assert_played()
    assert "Imran Qadir" in provider.requests[2]["messages"][-1]["content"]
    assert result.run.attempts == 5
    assert "Imran Qadir" not in {p.name for p in result.brief.participants}
    assert result.brief.commitments and not result.brief.context


def test_a_part_that_never_validates_is_salvaged_without_blaming_the_others() -> None:
    draft = capable_draft()
    junk = {"participants": "nobody"}
    replies = [
        {k: draft[k] for k in ("title", "summary", "dateline", "meeting")},
        junk,
        {"commitments": draft["commitments"]},
        {"context": draft["context"], "quotes": draft["quotes"]},
    ]
    provider = ReplayProvider([completion(r) for r in replies])
    result = Summarizer(provider=provider, strategy="sections", attempts=1).summarize(ARTICLE)
    assert result.brief.participants == [] and result.brief.commitments
    assert result.brief.title == draft["title"]  # not replaced by the article's opening
    assert not any(f.path in ("title", "summary") for f in result.grounding.findings)


def test_every_strategy_plans_calls_whose_schemas_cover_the_brief() -> None:
    for strategy in STRATEGIES:
        filled = [f for step in plan(strategy, ARTICLE) for f in step.answer.fills]
        assert sorted(filled) == sorted(set(filled))  # each field asked once
        assert set(filled) == {
            "title",
            "summary",
            "dateline",
            "meeting",
            "participants",
            "commitments",
            "context",
            "quotes",
        }


def test_an_unknown_strategy_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="unknown strategy 'chapters'"):
        Summarizer(provider=ReplayProvider(), strategy="chapters")


def test_a_part_with_no_json_at_all_is_lost_alone_and_reported() -> None:
    draft = capable_draft()
    replies = [
        completion({k: draft[k] for k in ("title", "summary", "dateline", "meeting")}),
        completion("I cannot answer in JSON, sorry."),
        completion({"commitments": draft["commitments"]}),
        completion({"context": draft["context"], "quotes": draft["quotes"]}),
    ]
    result = Summarizer(provider=ReplayProvider(replies), strategy="sections", attempts=1)
    brief = result.summarize(ARTICLE)
    assert brief.brief.participants == [] and brief.brief.commitments and brief.brief.quotes
    lost = [f for f in brief.grounding.findings if f.path == "participants"]
    assert lost and "holds no JSON" in lost[0].problem and lost[0].action == "dropped"


def test_the_whole_brief_with_no_json_still_fails() -> None:
    from summarizer import ValidationFailed

    provider = ReplayProvider([completion("No JSON here.")])
    with pytest.raises(ValidationFailed, match="holds no JSON"):
        Summarizer(provider=provider, strategy="whole", attempts=1).summarize(ARTICLE)
