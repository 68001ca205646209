"""--verify: one more call asks the model to judge each item against its evidence alone;
against the scripted OpenAI-compatible server, through the real SDK and the CLI."""

import json

import pytest
from conftest import EXAMPLE, RECORDINGS
from openai_server import ScriptedServer, ok
from typer.testing import CliRunner

from summarizer import ConfigError, ReplayProvider, Summarizer, read_article
from summarizer.cli import app
from summarizer.replay import load_recording
from summarizer.verify import claims_of

CAPABLE = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]


def verdicts(unsupported: dict[int, str], n: int) -> dict:
    body = {"verdicts": [{"claim": i, "supported": i not in unsupported,
                          "reason": unsupported.get(i)} for i in range(1, n + 1)]}  # fmt: skip
    answer = json.loads(json.dumps(CAPABLE))
    answer["choices"][0]["message"]["content"] = json.dumps(body)
    answer["usage"] = {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}
    return answer


def claims_in_example() -> list:
    result = Summarizer(provider=ReplayProvider([CAPABLE]), cache=False).summarize(
        read_article(EXAMPLE)
    )
    return claims_of(result.brief)


def test_an_item_the_model_judges_unsupported_is_dropped_and_counted(tmp_path) -> None:
    claims = claims_in_example()
    assert [c[0] for c in claims[:2]] == ["meeting", "participants[0]"]
    third = claims.index(next(c for c in claims if c[0] == "participants[2]")) + 1
    replies = [ok(CAPABLE), ok(verdicts({third: "the evidence names no role"}, len(claims)))]
    args = ["summarize", str(EXAMPLE), "--provider", "openai", "--strategy", "whole",
            "--verify", "--cache-dir", str(tmp_path)]  # fmt: skip
    with ScriptedServer(replies) as server:
        result = CliRunner().invoke(app, [*args, "--base-url", server.base_url])
        sent = list(server.requests)
        # Cached (the key holds the endpoint): the same run again asks nothing.
        again = CliRunner().invoke(app, [*args, "--base-url", server.base_url])
        assert len(server.requests) == 2
    assert result.exit_code == 0, result.stderr
    envelope = json.loads(result.stdout)
    names = [p["name"] for p in envelope["brief"]["participants"]]
    assert "Ishaq Dar" not in names and len(names) == 4
    finding = next(f for f in envelope["grounding"]["findings"] if f["path"] == "participants[2]")
    assert finding["action"] == "dropped" and "the evidence names no role" in finding["problem"]
    assert envelope["run"]["requests"] == 2
    assert envelope["run"]["usage"]["total_tokens"] == CAPABLE["usage"]["total_tokens"] + 70
    # The judge saw each claim with its evidence only, not the article.
    judged = sent[1]["messages"][1]["content"]
    assert "Claim 1: A bilateral talks took place" in judged
    assert "Maelgam" in judged and "adding subtile shades" not in judged
    assert sent[1]["response_format"]["json_schema"]["name"] == "Verdicts"
    assert again.exit_code == 0 and json.loads(again.stdout)["run"]["cache_hits"] == 2


def test_flag_keeps_the_item_and_strict_fails() -> None:
    claims = claims_in_example()
    flagged = Summarizer(
        provider=ReplayProvider([CAPABLE, verdicts({1: "no"}, len(claims))]), cache=False,
        verify=True, grounding="flag",
    ).summarize(read_article(EXAMPLE))  # fmt: skip
    assert flagged.brief.meeting is not None and flagged.grounding.flagged == 1
    from summarizer import GroundingFailed

    with pytest.raises(GroundingFailed, match="unsupported by its evidence"):
        Summarizer(
            provider=ReplayProvider([CAPABLE, verdicts({1: "no"}, len(claims))]), cache=False,
            verify=True, grounding="strict",
        ).summarize(read_article(EXAMPLE))  # fmt: skip


def test_the_embedded_model_is_not_asked_to_judge() -> None:
    class Bundled(ReplayProvider):
        bundled = True

    with pytest.raises(ConfigError, match="cannot"):
        Summarizer(provider=Bundled([CAPABLE]), cache=False, verify=True,
                   strategy="whole").summarize(read_article(EXAMPLE))  # fmt: skip
