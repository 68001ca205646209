"""Replays of real model responses (fixtures/recordings/*.local.json, *.server.json)."""

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import RECORDINGS, ROOT
from helpers import assert_faithful

from summarizer import ReplayProvider, read_article, summarize
from summarizer.replay import load_recording, replay_options

REAL = sorted(p for p in RECORDINGS.glob("*.json") if not load_recording(p)["hand_written"])
SCHEMA = json.loads((ROOT / "schemas" / "brief-result.schema.json").read_text(encoding="utf-8"))


def test_every_fixture_article_has_a_recording_of_the_embedded_model() -> None:
    recorded = {load_recording(p)["article"] for p in REAL if p.name.endswith(".local.json")}
    articles = {f"fixtures/articles/{p.name}" for p in (ROOT / "fixtures" / "articles").glob("*")}
    assert articles <= recorded


@pytest.mark.parametrize("recording", REAL, ids=[p.name for p in REAL])
def test_replayed_brief_is_valid_and_faithful(recording: Path) -> None:
    meta = load_recording(recording)
    article = read_article(ROOT / meta["article"])
    provider = ReplayProvider.from_file(recording)
    result = summarize(article, provider=provider, **replay_options(meta))
    provider.assert_played()
    jsonschema.validate(json.loads(result.model_dump_json()), SCHEMA)
    assert_faithful(result, article.text)
    assert result.run.attempts == len(meta["responses"])


def test_a_recording_keeps_each_answers_own_usage(tmp_path: Path) -> None:
    # instructor rewrites a re-asked answer's usage to the running total; a recording must not.
    from helpers import completion

    from summarizer import Summarizer
    from summarizer.replay import RecordingProvider

    invented = load_recording(RECORDINGS / "pakistan-turkey.invented.hand.json")["responses"][0]
    fixed = load_recording(RECORDINGS / "pakistan-turkey.reask-fixed.hand.json")["responses"][0]
    answers = [completion(r["choices"][0]["message"]["content"], tokens=t)
               for r, t in ((invented, 100), (fixed, 300))]  # fmt: skip
    recorder = RecordingProvider(ReplayProvider(answers))
    result = Summarizer(provider=recorder, attempts=2).summarize(
        read_article(ROOT / "fixtures/articles/pakistan-turkey-2025-05-26.txt")
    )
    assert result.run.attempts == 2 and result.run.usage.total_tokens == 800
    recorder.save(tmp_path / "r.json")
    saved = load_recording(tmp_path / "r.json")["responses"]
    assert [r["usage"]["total_tokens"] for r in saved] == [200, 600]


def test_a_replay_asked_more_than_it_holds_fails_the_run() -> None:
    from summarizer import SummarizationError

    invented = load_recording(RECORDINGS / "pakistan-turkey.invented.hand.json")["responses"][0]
    provider = ReplayProvider([invented])  # the answer is re-asked; nothing recorded for it
    article = read_article(ROOT / "fixtures/articles/pakistan-turkey-2025-05-26.txt")
    with pytest.raises(SummarizationError, match="replay exhausted: request 2"):
        summarize(article, provider=provider, attempts=2, cache=False)
