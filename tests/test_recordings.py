"""Replays of real model responses (fixtures/recordings/*.local.json, *.server.json)."""

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import RECORDINGS, ROOT
from helpers import assert_faithful

from summarizer import ReplayProvider, read_article, summarize
from summarizer.replay import load_recording

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
    result = summarize(article, provider=provider, attempts=len(meta["responses"]))
    provider.assert_played()
    jsonschema.validate(json.loads(result.model_dump_json()), SCHEMA)
    assert_faithful(result, article.text)
    assert result.run.attempts == len(meta["responses"])
