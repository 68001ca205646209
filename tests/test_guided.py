"""The guided strategy: code proposes, the model chooses, code decides what it measurably cannot.

What is sent (an OpenAI json_schema with this article's enums; a llama.cpp grammar of the same
choices), what comes back (numbers and choices turned into the article's words), and the
example's brief from the rules alone."""

import json
from typing import Any

import pytest
from conftest import EXAMPLE
from helpers import assert_example_must_show, completion

from summarizer import ReplayProvider, Summarizer, read_article
from summarizer.guided import SECTIONS
from summarizer.providers import adapt_for_llama
from summarizer.strategies import default_rules, default_strategy

ARTICLE = read_article(EXAMPLE)
ALL = frozenset(SECTIONS)


def run(answer: dict[str, Any], rules: frozenset[str], **options: Any) -> tuple[Any, dict]:
    provider = ReplayProvider([completion(answer)])
    summarizer = Summarizer(provider=provider, cache=False, strategy="guided", rules=rules,
                            attempts=1, **options)  # fmt: skip
    result = summarizer.summarize(ARTICLE)
    provider.assert_played()
    return result, provider.requests[0]


EMPTY = {"meeting": None, "participants": [], "commitments": [], "context": [], "quotes": []}


def schema_of(request: dict) -> dict:
    return request["response_format"]["json_schema"]["schema"]


def choices(schema: Any, key: str) -> list[Any]:
    """Every value a schema allows for properties named ``key`` (its enums and consts)."""
    found: list[Any] = []
    if isinstance(schema, dict):
        for name, value in schema.items():
            if name == key and isinstance(value, dict):
                for option in [value, *value.get("anyOf", [])]:
                    found += option.get("enum", []) + (
                        [option["const"]] if "const" in option else []
                    )
            found += choices(value, key)
    elif isinstance(schema, list):
        for value in schema:
            found += choices(value, key)
    return found


def test_the_embedded_model_defaults_to_guided_with_every_section_decided_by_rules() -> None:
    class Bundled:
        bundled = True

    class Other:
        bundled = False

    assert default_strategy(Bundled()) == "guided" and default_rules(Bundled()) == ALL
    assert default_strategy(Other()) == "whole" and default_rules(Other()) == frozenset()


def test_rules_decide_everything_and_the_model_chooses_a_headline_and_sentences() -> None:
    _, request = run({"title": "x", "summary": [1]}, ALL, grounding="flag")
    schema = schema_of(request)
    assert set(schema["properties"]) == {"title", "summary"}
    titles = schema["properties"]["title"]["enum"]
    assert "Shehbaz Sharif and Recep Tayyip Erdogan meet in Ankara" in titles
    result, _ = run({"title": titles[0], "summary": [1, number("To continue")]}, ALL)
    brief = result.brief
    assert brief.title == titles[0]
    assert brief.summary.startswith("Islamabad – In a very publicized")
    assert "To continue the bilateral commercial objective" in brief.summary
    assert_example_must_show(brief)  # read by rules alone
    assert result.grounding.dropped == 0 and result.grounding.evidence_verified > 10


def number(prefix: str) -> int:
    """The number (from 1) of the example's sentence that starts with ``prefix``."""
    from summarizer.analysis import analyze

    analysis = analyze(ARTICLE)
    return next(n + 1 for n in range(len(analysis.sentences))
                if analysis.sentence_text(n).startswith(prefix))  # fmt: skip


def test_a_model_that_chooses_gets_this_articles_choices_as_enums() -> None:
    answer = {
        "title": "Sharif meets Erdogan in Ankara",
        "summary": "Pakistan's prime minister met Turkey's president in Ankara.",
        "meeting": {"kind": "talks", "sentences": [1], "location": "Ankara",
                    "date": "on Sunday", "parties": ["Pakistan", "Turkey"]},
        "participants": [{"name": "Ishaq Dar", "role": "Foreign Minister",
                          "affiliation": None, "sentences": [number("Foreign Minister Ishaq")]}],
        "commitments": [{"description": "To continue the bilateral commercial objective of "
                         "$ 5 billion", "kind": "target", "status": "continued",
                         "amount": "$ 5 billion", "deadline": None, "parties": ["Pakistan"],
                         "sentences": [number("To continue")]}],
        "context": [{"statement": "India responded with precision air strikes on May 7",
                     "date": "on May 7", "sentences": [number("India responded")]}],
        "quotes": [{"quote": "gesture of sustainable fraternity", "speaker": "Shehbaz Sharif"}],
    }  # fmt: skip
    result, request = run(answer, frozenset())
    props = schema_of(request)["properties"]
    assert set(props) == {"title", "summary", *SECTIONS}
    schema = schema_of(request)
    # Each person is a choice of their own: the name fixed, roles among the words next to it.
    dar = next(d for d in schema["$defs"].values()
               if d.get("properties", {}).get("name", {}).get("const") == "Ishaq Dar")  # fmt: skip
    assert choices(dar, "role") == ["Foreign Minister"]
    assert set(choices(schema, "name")) == {
        "Shehbaz Sharif",
        "Recep Tayyip Erdogan",
        "Ishaq Dar",
        "Syed Asim Munnir",
        "Attaullah Tarar",
    }
    assert choices(schema, "amount") == ["$ 5 billion"]
    assert choices(schema["$defs"]["GuidedEvent"], "date") == [
        "on Sunday",
        "on April 22",
        "on May 7",
        "on May 10",
    ]
    assert "Found in the article by code" in request["messages"][1]["content"]
    brief = result.brief
    assert [p.name for p in brief.participants] == ["Ishaq Dar"]
    assert brief.participants[0].evidence[0].text == "Foreign Minister Ishaq Dar"
    assert brief.commitments[0].amount is not None
    assert brief.commitments[0].amount.value == 5e9
    assert brief.context[0].date is not None and brief.context[0].date.iso == "2025-05-07"
    assert brief.quotes[0].speaker == "Shehbaz Sharif"
    assert brief.meeting is not None and brief.meeting.date.iso == "2025-05-25"  # type: ignore[union-attr]


def test_the_same_choices_reach_llama_cpp_as_a_grammar_schema() -> None:
    _, request = run({"title": "x", "summary": "y", **EMPTY}, frozenset(), grounding="flag")
    sent = adapt_for_llama(request, max_items=4)
    grammar = sent["response_format"]
    assert grammar["type"] == "json_object"
    assert "Recep Tayyip Erdogan" in choices(grammar["schema"], "name")
    assert choices(grammar["schema"], "amount") == ["$ 5 billion"]
    assert '"maxItems": 4' in json.dumps(grammar["schema"])


def test_a_choice_llama_cpp_cannot_write_is_left_out_of_the_grammar() -> None:
    schema = {"type": "object", "properties": {"t": {"enum": ['say "hi"', "plain"]},
                                               "u": {"const": "back\\slash"}}}  # fmt: skip
    request = {"messages": [{"role": "user", "content": "x"}], "response_format": {
        "type": "json_schema", "json_schema": {"name": "x", "schema": schema}}}  # fmt: skip
    sent = adapt_for_llama(request)["response_format"]["schema"]
    assert sent["properties"]["t"]["enum"] == ["plain"]
    assert "const" not in sent["properties"]["u"]


def test_a_sentence_number_that_does_not_exist_is_re_asked() -> None:
    bad = {"title": "x", "summary": [999]}
    provider = ReplayProvider([completion(bad), completion({"title": "x", "summary": [1]})])
    summarizer = Summarizer(provider=provider, cache=False, strategy="guided", rules=ALL)
    result = summarizer.summarize(ARTICLE)
    assert result.run.attempts == 2
    assert "999" in json.dumps(provider.requests[1]["messages"])


@pytest.mark.parametrize("bad", ["bogus", "meeting,bogus"])
def test_unknown_rules_sections_are_refused(bad: str) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    result = CliRunner().invoke(app, ["summarize", str(EXAMPLE), "--rules", bad])
    assert result.exit_code == 2 and "--rules" in result.output + result.stderr


def test_when_the_small_models_choice_never_validates_code_still_gives_the_brief() -> None:
    garbage = completion("I am not JSON at all")
    provider = ReplayProvider([garbage, garbage])
    result = Summarizer(provider=provider, cache=False, strategy="guided", rules=ALL).summarize(
        ARTICLE
    )
    assert result.brief.title == "Shehbaz Sharif and Recep Tayyip Erdogan meet in Ankara"
    assert result.brief.summary.startswith("Islamabad – In a very publicized")
    assert len(result.brief.participants) == 5 and result.brief.meeting is not None
    replaced = [f for f in result.grounding.findings if f.path == "title"]
    assert replaced and replaced[0].action == "replaced"
