"""The committed JSON Schemas match the models, and every brief we emit validates against them."""

import json

import jsonschema
import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT

from summarizer import ReplayProvider, read_article, summarize
from summarizer.result import json_schemas

SCHEMAS = ROOT / "schemas"


@pytest.mark.parametrize("name", sorted(json_schemas()))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert committed == json_schemas()[name], (
        f"schemas/{name} drifted from the models: run `make schemas` and commit the result"
    )


def test_no_stray_schema_files() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(json_schemas())


def test_a_result_validates_against_the_committed_schemas() -> None:
    provider = ReplayProvider.from_file(RECORDINGS / "pakistan-turkey.capable.hand.json")
    result = summarize(read_article(EXAMPLE), provider=provider)
    envelope = json.loads(result.model_dump_json())
    schema = json.loads((SCHEMAS / "brief-result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(envelope, schema)
    brief_schema = json.loads((SCHEMAS / "news-brief.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(envelope["brief"], brief_schema)
    broken = dict(envelope["brief"], participants="nobody")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, brief_schema)
