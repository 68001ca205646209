"""Replays of real model responses (fixtures/recordings/*.local*.json, *.server.json), and
the check that a replay answers only the requests its recording was made for."""

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import RECORDINGS, ROOT, stale_ok
from helpers import assert_faithful

from summarizer import ReplayProvider, read_article, summarize
from summarizer.prompts import prompt_version
from summarizer.providers import BUNDLED_FILE
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
    provider = ReplayProvider.from_file(recording, allow_stale=stale_ok(recording))
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


STAMPED = RECORDINGS / "pakistan-turkey-2025-05-26.local-guided-model.json"


def replay(path: Path, *, allow_stale: bool = False, **options: object):
    meta = load_recording(path)
    provider = ReplayProvider.from_file(path, allow_stale=allow_stale)
    article = read_article(ROOT / meta["article"])
    return summarize(article, provider=provider, **{**replay_options(meta), **options})


def test_a_replay_asked_another_question_fails_naming_the_recording() -> None:
    from summarizer import StaleRecording

    assert replay(STAMPED).brief.participants  # as recorded: it plays
    with pytest.raises(StaleRecording, match="request 1 differs") as info:
        replay(STAMPED, temperature=0.7)  # a sampling option the answer was not made with
    assert info.value.recording == str(STAMPED) and str(STAMPED) in str(info.value)
    assert info.value.exit_code == 1


def test_a_changed_prompt_makes_the_replay_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from summarizer import StaleRecording
    from summarizer.prompts import TEMPLATE_NAMES, templates_dir

    for name in TEMPLATE_NAMES:
        shutil.copy(templates_dir() / name, tmp_path / name)
    (tmp_path / "user.j2").write_text((tmp_path / "user.j2").read_text() + "\nBe brief.")
    monkeypatch.setattr("summarizer.prompts.templates_dir", lambda: tmp_path)
    with pytest.raises(StaleRecording, match="stale recording"):
        replay(STAMPED)
    assert replay(STAMPED, allow_stale=True).brief.participants  # the deliberate case


def test_a_real_recording_without_request_hashes_is_refused(tmp_path: Path) -> None:
    from summarizer import StaleRecording

    data = load_recording(STAMPED)
    del data["request_sha256"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    with pytest.raises(StaleRecording, match="keeps no request hashes"):
        ReplayProvider.from_file(old)
    assert replay(old, allow_stale=True).brief.participants
    ReplayProvider.from_file(RECORDINGS / "pakistan-turkey.capable.hand.json")  # no request


def test_a_recording_keeps_a_hash_per_request_and_replays_clean(tmp_path: Path) -> None:
    from summarizer import Summarizer
    from summarizer.replay import RecordingProvider, request_hash

    meta = load_recording(STAMPED)
    recorder = RecordingProvider(ReplayProvider(meta["responses"]))
    summarizer = Summarizer(provider=recorder, cache=False, **replay_options(meta))
    summarizer.summarize(read_article(ROOT / meta["article"]))
    recorder.save(tmp_path / "again.json", article=meta["article"], **summarizer.recording_meta())
    saved = load_recording(tmp_path / "again.json")
    assert saved["request_sha256"] == meta["request_sha256"]
    assert saved["request_sha256"] == [request_hash(r) for r in recorder.inner.requests]
    assert replay(tmp_path / "again.json").run.attempts == len(meta["responses"])


def test_eval_stops_on_a_stale_recording_with_one_line(tmp_path: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from summarizer.cli import app

    labels, recordings = tmp_path / "set", tmp_path / "rec"
    labels.mkdir(), recordings.mkdir()
    shutil.copy(ROOT / "fixtures/eval/pakistan-turkey-2025-05-26.expected.json", labels)
    data = load_recording(STAMPED)
    data["request_sha256"][0] = "0" * 64  # answered some other request
    (recordings / STAMPED.name).write_text(json.dumps(data))
    args = ["eval", "--set", str(labels), "--recordings", str(recordings),
            "--recorded", "local-guided-model"]  # fmt: skip
    stale = CliRunner().invoke(app, args)
    assert stale.exit_code == 1
    last = stale.stderr.strip().splitlines()[-1]
    assert "stale recording" in last and STAMPED.name in last and "Traceback" not in stale.stderr
    assert CliRunner().invoke(app, [*args, "--allow-stale"]).exit_code == 0


@pytest.mark.parametrize("recording", REAL, ids=[p.name for p in REAL])
def test_a_recording_says_truly_which_model_answered_and_to_which_prompts(
    recording: Path,
) -> None:
    meta = load_recording(recording)
    # Every real recording here is of the embedded model, in process or through
    # llama_cpp.server: a label naming another model (a server's alias) would lie.
    assert meta["model"] == BUNDLED_FILE
    if not stale_ok(recording):  # its request hashes match today's prompts (the replay checks)
        assert meta["prompt_version"] == prompt_version()
