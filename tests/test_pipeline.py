import asyncio
import json

import httpx2 as httpx
import openai
import pytest
from conftest import EXAMPLE, RECORDINGS
from helpers import assert_faithful, completion

from summarizer import (
    GroundingFailed,
    ReplayProvider,
    Summarizer,
    ValidationFailed,
    asummarize,
    read_article,
    summarize,
)
from summarizer.replay import load_recording

CAPABLE = RECORDINGS / "pakistan-turkey.capable.hand.json"
INVENTED = RECORDINGS / "pakistan-turkey.invented.hand.json"
FIXED = RECORDINGS / "pakistan-turkey.reask-fixed.hand.json"


def draft_of(recording) -> dict:
    return json.loads(load_recording(recording)["responses"][0]["choices"][0]["message"]["content"])


def test_capable_brief_of_the_example_is_normalized_and_fully_verified(example_text: str) -> None:
    provider = ReplayProvider.from_file(CAPABLE)
    result = summarize(read_article(EXAMPLE), provider=provider)
    provider.assert_played()
    brief = result.brief
    target = brief.commitments[0]
    assert target.amount is not None
    assert (target.amount.value, target.amount.currency) == (5_000_000_000, "USD")
    assert target.status == "continued"
    assert brief.meeting is not None and brief.meeting.date is not None
    assert brief.meeting.date.iso == "2025-05-25"
    dated = {c.date.text: c.date.iso for c in brief.context if c.date}
    assert dated["on April 22"] == "2025-04-22"
    assert dated["on May 7"] == "2025-05-07"
    assert dated["on May 10"] == "2025-05-10"
    assert dated["over the following three days"] is None  # the model's guess is not kept
    names = ["Shehbaz Sharif", "Recep Tayyip Erdogan", "Ishaq Dar", "Syed Asim Munnir"]
    assert [p.name for p in brief.participants] == [*names, "Attaullah Tarar"]
    report = result.grounding
    assert report.evidence_verified == report.evidence_total > 10
    assert report.verified_share == 1.0
    assert report.dropped == 0
    assert_faithful(result, example_text)


def test_invented_participant_is_reasked_then_dropped_and_reported(example_text: str) -> None:
    provider = ReplayProvider.from_file(INVENTED)
    result = summarize(read_article(EXAMPLE), provider=provider, attempts=2)
    provider.assert_played()
    assert len(provider.requests) == 2
    reask = provider.requests[1]["messages"]
    assert "Hakan Fidan" in json.dumps(reask[len(provider.requests[0]["messages"]) :])
    assert "Hakan Fidan" not in [p.name for p in result.brief.participants]
    assert any(
        "Hakan Fidan" in f.problem and f.action == "dropped" for f in result.grounding.findings
    )
    assert result.run.attempts == 2
    assert result.run.usage.total_tokens == 2200 + 3100  # both attempts, as recorded
    assert_faithful(result, example_text)


def test_reask_that_fixes_the_brief_leaves_nothing_to_report() -> None:
    provider = ReplayProvider.from_file(FIXED)
    result = summarize(read_article(EXAMPLE), provider=provider, attempts=2)
    assert result.run.attempts == 2
    assert [f for f in result.grounding.findings if f.action != "corrected"] == []


def test_flag_keeps_the_invented_participant_marked() -> None:
    provider = ReplayProvider.from_file(INVENTED)
    result = summarize(read_article(EXAMPLE), provider=provider, attempts=2, grounding="flag")
    fidan = [p for p in result.brief.participants if p.name == "Hakan Fidan"]
    assert fidan and not any(e.verified for e in fidan[0].evidence)
    assert result.grounding.flagged >= 1


def test_strict_fails_with_a_typed_error() -> None:
    provider = ReplayProvider.from_file(INVENTED)
    with pytest.raises(GroundingFailed) as info:
        summarize(read_article(EXAMPLE), provider=provider, attempts=2, grounding="strict")
    assert info.value.attempts == 2
    assert any("Hakan Fidan" in e for e in info.value.errors)
    assert info.value.exit_code == 1


def test_article_text_is_data_never_template_code() -> None:
    text = "date 2025-05-26\nThe mayor said {{ 7 * 7 }} and {% if true %}yes{% endif %} twice."
    provider = ReplayProvider([completion(draft_of(CAPABLE))])
    summarize(text, provider=provider, grounding="drop", attempts=1)  # one answer recorded
    user = provider.requests[0]["messages"][1]["content"]
    assert "{{ 7 * 7 }}" in user and "{% if true %}yes{% endif %}" in user


def test_falls_back_to_json_mode_when_the_server_rejects_json_schema() -> None:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    rejected = openai.BadRequestError(
        "response_format type json_schema is not supported",
        response=httpx.Response(400, request=request),
        body=None,
    )
    provider = ReplayProvider()
    provider.enqueue(rejected, completion(draft_of(CAPABLE)))
    result = summarize(read_article(EXAMPLE), provider=provider)
    assert provider.requests[0]["response_format"]["type"] == "json_schema"
    assert provider.requests[1]["response_format"] == {"type": "json_object"}
    assert result.run.mode == "json"
    assert result.run.attempts == 2


def test_truncated_answer_keeps_its_complete_items() -> None:
    text = json.dumps(draft_of(CAPABLE))
    cut = text[: text.index('"commitments"') + 40]  # inside the first commitment
    provider = ReplayProvider([completion(cut, finish_reason="length")])
    result = summarize(read_article(EXAMPLE), provider=provider)
    assert len(result.brief.participants) == 5
    assert result.brief.commitments == [] and result.brief.quotes == []
    assert any("cut off" in f.problem for f in result.grounding.findings)


def test_junk_answer_fails_with_a_typed_error_not_a_traceback() -> None:
    provider = ReplayProvider([completion("I cannot help with that."), completion("Nope.")])
    with pytest.raises(ValidationFailed) as info:
        summarize(read_article(EXAMPLE), provider=provider, attempts=2)
    assert info.value.attempts == 2


def test_invalid_items_are_dropped_after_the_last_attempt() -> None:
    draft = draft_of(CAPABLE)
    draft["participants"].append(dict(draft["participants"][0]))  # a duplicate
    draft["context"][0]["date"]["iso"] = "2025-02-30"  # an impossible date
    provider = ReplayProvider([completion(draft), completion(draft)])
    result = summarize(read_article(EXAMPLE), provider=provider, attempts=2)
    assert len(result.brief.participants) == 5
    assert len(result.brief.context) == 3
    problems = " ".join(f.problem for f in result.grounding.findings)
    assert "more than once" in problems and "not a real calendar date" in problems


def test_summarizer_is_reusable_and_async_twin_agrees() -> None:
    provider = ReplayProvider([completion(draft_of(CAPABLE)), completion(draft_of(CAPABLE))])
    summarizer = Summarizer(provider=provider)
    first = summarizer.summarize(read_article(EXAMPLE))
    second = asyncio.run(summarizer.asummarize(read_article(EXAMPLE)))
    assert first.brief == second.brief
    third = asyncio.run(
        asummarize(read_article(EXAMPLE), provider=ReplayProvider([completion(draft_of(CAPABLE))]))
    )
    assert third.brief == first.brief


def test_envelope_records_how_the_brief_was_made() -> None:
    result = summarize(read_article(EXAMPLE), provider=ReplayProvider.from_file(CAPABLE))
    run = result.run
    assert run.provider == "replay" and run.model == "hand-written"
    assert run.mode == "json_schema"
    assert run.prompt_version.startswith("4+") and run.schema_version == "1.0"
    assert run.usage.total_tokens == 2200 and run.attempts == 1
    assert result.article.date == "2025-05-26"
    assert result.article.chars == len(EXAMPLE.read_text(encoding="utf-8"))


def test_provider_by_name_builds_it_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    summarizer = Summarizer(provider="openai", model="m1", base_url="http://127.0.0.1:9/v1")
    assert summarizer.settings.provider == "openai"
    assert summarizer.provider.name == "openai" and summarizer.provider.model == "m1"


def test_answer_with_unknown_fields_and_missing_sections_is_salvaged() -> None:
    # Made up for this test, in the shape small models answer in json mode: fields the schema
    # does not have, sections missing, a participant with no evidence.
    junk = {"description": {"type": "json"}, "content": {"author": "Someone", "images": []},
            "participants": [{"name": "Shehbaz Sharif"}]}  # fmt: skip
    provider = ReplayProvider([completion(junk), completion(junk)])
    result = summarize(read_article(EXAMPLE), provider=provider, attempts=2)
    assert result.brief.title.startswith("Islamabad")  # the article's opening, not an invention
    assert result.brief.participants == [] and result.brief.meeting is None
    problems = {f.path: f.problem for f in result.grounding.findings}
    assert "unknown field 'content' ignored" in problems["content"]
    assert "invalid item" in problems["participants[0]"]


def test_a_clean_brief_is_grounded_once_and_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    import summarizer.pipeline as pipeline
    import summarizer.strategies as strategies
    from summarizer.brief import BriefDraft
    from summarizer.grounding import ground

    passes: list[str] = []

    def counting(*args, **kwargs):
        passes.append(kwargs["policy"])
        return ground(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ground", counting)
    monkeypatch.setattr(strategies, "ground", counting)
    article = read_article(EXAMPLE)
    result = summarize(article, provider=ReplayProvider.from_file(CAPABLE), grounding="drop")
    assert passes == ["flag"]  # the validator's pass, reused
    fresh_brief, fresh_report = ground(
        BriefDraft.model_validate(draft_of(CAPABLE)),
        article.text,
        today=article.date,
        policy="drop",
    )
    assert result.brief == fresh_brief
    assert result.grounding == fresh_report
