"""Extraction strategies: how the brief is asked of the model, in one call or several.

- ``whole``: one call for the whole brief.
- ``sections``: one call per part (the headline and meeting; participants; commitments;
  context and quotes), each with a smaller schema; the parts are joined into one draft.
- ``numbered``: the article is shown as numbered sentences; evidence cites sentence numbers,
  which code expands to the sentences' exact text.
- ``guided``: code reads the article first and lists what it found; the model chooses among
  those candidates (a schema built per article), and code decides what the model measurably
  cannot (``guided.py``).

Each call's answer is an ``Answer``: a pydantic model whose validator turns it into a
``BriefDraft`` and grounds it against the article, so that unsupported items become validation
errors while attempts remain, and instructor sends them back to the model. The article reaches
the validator through a context variable, never through instructor's ``context=`` (which would
render the messages, article included, as Jinja).
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, cast, get_args

import instructor
from pydantic import ConfigDict, PrivateAttr, ValidationError, create_model, model_validator

from .analysis import analyze
from .brief import PASSAGE_MAX_CHARS, BriefDraft, NewsBrief, SentenceNumber, _Brief
from .grounding import LEAD_LIMITS, GroundingReport, ground, lead
from .guided import SECTIONS, GuidedMixin, guided_answer
from .ingest import Article
from .prompts import Messages, render_messages
from .repair import first_error, section_of
from .spans import sentences

__all__ = [
    "STRATEGIES",
    "Answer",
    "Step",
    "Strategy",
    "blank_draft",
    "default_rules",
    "default_strategy",
    "grounding_against",
    "plan",
    "plan_size",
]

Strategy = Literal["whole", "sections", "numbered", "guided"]
STRATEGIES: tuple[Strategy, ...] = get_args(Strategy)

_MAX_REASK_PROBLEMS = 12
_GROUNDING: ContextVar[Article | None] = ContextVar("summarizer_grounding", default=None)
#: Each response model's schema, as JSON text: parsing a fresh copy from it costs a tenth of a
#: deep copy of the dict.
_SCHEMAS: dict[Any, str] = {}
_ALL_FIELDS = tuple(BriefDraft.model_fields)


@contextlib.contextmanager
def grounding_against(article: Article) -> Iterator[None]:
    """Answers validated inside this block are grounded against ``article``."""
    token = _GROUNDING.set(article)
    try:
        yield
    finally:
        _GROUNDING.reset(token)


class Answer(instructor.OpenAISchema):
    """What one model call returns: some or all fields of a brief (``fills``)."""

    model_config = ConfigDict(extra="forbid")
    fills: ClassVar[tuple[str, ...]] = _ALL_FIELDS
    #: Replaces the description of every ``evidence`` list in the schema, when set.
    evidence_note: ClassVar[str | None] = None
    _grounded_as: tuple[Article, NewsBrief, GroundingReport] | None = PrivateAttr(default=None)

    # Subclassing instructor's OpenAISchema spares a new wrapper class per call, so the schema
    # below is generated once, not at every request (it cost ~9 ms each).
    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Pydantic's schema, generated once per argument set."""
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            schema = super().model_json_schema(*args, **kwargs)
            if cls.evidence_note:
                _describe_evidence(schema, cls.evidence_note)
            _SCHEMAS[key] = json.dumps(schema)
        return cast(dict[str, Any], json.loads(_SCHEMAS[key]))  # callers may edit their copy

    @classmethod
    def draft_data(cls, data: dict[str, Any], article: Article, *, lenient: bool) -> dict[str, Any]:
        """The answer's data as ``BriefDraft`` data (evidence as passages). ``lenient`` drops
        what cannot be converted instead of raising ``ValueError``."""
        return data

    def to_draft(self, article: Article) -> BriefDraft:
        """A draft holding this answer's fields; the others blank (or the article's opening)."""
        data = self.draft_data(self.model_dump(), article, lenient=False)
        return BriefDraft.model_validate(blank_draft(article) | {k: data[k] for k in self.fills})

    @model_validator(mode="after")
    def _grounded(self) -> Answer:
        article = _GROUNDING.get()
        if article is None:
            return self
        try:
            draft = self.to_draft(article)
        except ValidationError as exc:
            raise ValueError(first_error(exc)) from exc
        brief, report = ground(draft, article.text, today=article.date, policy="flag")
        problems = [
            f.problem
            for f in report.findings
            if f.action != "corrected" and section_of(f.path) in self.fills
        ]
        if not problems:  # then every policy grounds it alike: keep the work for the pipeline
            self._grounded_as = (article, brief, report)
        else:
            listed = "\n".join(f"- {p}" for p in problems[:_MAX_REASK_PROBLEMS])
            raise ValueError(
                "these items are not supported by the article; copy names, roles, amounts "
                f"and quotes exactly as the article writes them, or leave the item out:\n{listed}"
            )
        return self


def blank_draft(article: Article) -> dict[str, Any]:
    """A draft with nothing in it but the article's opening as title and summary."""
    data: dict[str, Any] = {name: lead(article.text, limit) for name, limit in LEAD_LIMITS.items()}
    data |= {"dateline": None, "meeting": None}
    return data | {"participants": [], "commitments": [], "context": [], "quotes": []}


def _describe_evidence(schema: Any, note: str) -> None:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "evidence" and isinstance(value, dict) and "description" in value:
                value["description"] = note
            else:
                _describe_evidence(value, note)
    elif isinstance(schema, list):
        for value in schema:
            _describe_evidence(value, note)


class Brief(BriefDraft, Answer):
    """A news brief whose evidence is quoted verbatim from the article."""

    def to_draft(self, article: Article) -> BriefDraft:
        return self  # it is one


class NumberedBrief(_Brief[SentenceNumber], Answer):
    """A news brief whose evidence cites the numbers of the article's sentences."""

    evidence_note: ClassVar[str | None] = (
        "The numbers of 1 to 3 sentences of the article that state this item."
    )

    @classmethod
    def draft_data(cls, data: dict[str, Any], article: Article, *, lenient: bool) -> dict[str, Any]:
        spans = sentences(article.text)

        def expand(value: Any) -> Any:
            if isinstance(value, dict):
                out = {k: expand(v) for k, v in value.items() if k != "evidence"}
                if "evidence" in value:
                    out["evidence"] = [
                        passage for n in value["evidence"] if (passage := cited(n)) is not None
                    ]
                return out
            if isinstance(value, list):
                return [expand(v) for v in value]
            return value

        def cited(n: Any) -> str | None:
            if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(spans):
                start, end = spans[n - 1]
                passage = article.text[start:end]
                if len(passage) > PASSAGE_MAX_CHARS:  # its opening words, still verbatim
                    passage = passage[:PASSAGE_MAX_CHARS].rsplit(" ", 1)[0]
                return passage
            if lenient:
                return None
            raise ValueError(f"sentence {n!r} does not exist: the article has {len(spans)}")

        return dict(expand(data))


_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Headline": (
        "the title, the summary, the dateline and the meeting",
        ("title", "summary", "dateline", "meeting"),
    ),
    "Participants": ("the participants, the people named as taking part", ("participants",)),
    "Commitments": ("the commitments the parties made", ("commitments",)),
    "Background": ("the background events and the notable quotes", ("context", "quotes")),
}


def _part(name: str, fields: tuple[str, ...]) -> type[Answer]:
    definitions: dict[str, Any] = {
        f: (BriefDraft.model_fields[f].annotation, BriefDraft.model_fields[f]) for f in fields
    }
    model: type[Answer] = create_model(
        name,
        __base__=Answer,
        __doc__=f"Part of a news brief: {', '.join(fields)}. Evidence is quoted verbatim.",
        **definitions,
    )
    model.fills = fields
    return model


SECTION_PARTS = {name: _part(name, fields) for name, (__, fields) in _PARTS.items()}


@dataclass(frozen=True)
class Step:
    """One model call of a strategy."""

    answer: type[Answer]
    messages: Messages


class GuidedBase(GuidedMixin, Answer):
    """The base of every article's guided answer (``guided.guided_answer``)."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema, generated once per article's class (kept on the class, not in the
        shared cache, so that it goes when the class does)."""
        if cls._schema is None:
            cls._schema = super(Answer, cls).model_json_schema(*args, **kwargs)
        return copy.deepcopy(cls._schema)


def _guided_step(article: Article, decides: frozenset[str]) -> Step:
    analysis = analyze(article)
    answer = guided_answer(analysis, decides, GuidedBase)
    proposal = answer.proposal
    facts = _facts(proposal) if decides else []
    asked = "the title and the summary" if set(decides) >= set(SECTIONS) else "the brief"
    shown = {
        "sentences": [analysis.sentence_text(n) for n in range(len(analysis.sentences))],
        "people": [
            {"name": p.name, "roles": p.roles, "affiliations": p.affiliations}
            for p in analysis.people
        ],
        "money": [m.text for m in analysis.money],
        "dates": [d.text for d in analysis.dates],
        "facts": facts,
        "ask": asked,
    }
    return Step(answer, render_messages(article, guided=shown))


def _facts(proposal: dict[str, Any]) -> list[str]:
    """The rules' reading, as lines the model can write a title and summary from."""
    facts = []
    if meeting := proposal["meeting"]:
        where = f" in {meeting['location']}" if meeting["location"] else ""
        when = f" {meeting['date']['text']}" if meeting["date"] else ""
        between = f" between {', '.join(meeting['parties'])}" if meeting["parties"] else ""
        facts.append(f"{meeting['kind'].capitalize()}{between}{where}{when}.")
    for p in proposal["participants"]:
        described = ", ".join(x for x in (p["role"], p["affiliation"]) if x)
        facts.append(f"Took part: {p['name']}" + (f" ({described})" if described else ""))
    for c in proposal["commitments"]:
        facts.append(f"Commitment: {c['description']}")
    for e in proposal["context"]:
        facts.append(f"Background: {e['statement']}")
    return facts


def plan(
    strategy: Strategy, article: Article, *, decides: frozenset[str] = frozenset()
) -> list[Step]:
    """The model calls that ``strategy`` makes for ``article``, in order. ``decides`` names the
    sections code decides for the ``guided`` strategy."""
    if strategy == "guided":
        return [_guided_step(article, decides)]
    if strategy == "whole":
        return [Step(Brief, render_messages(article))]
    if strategy == "numbered":
        return [Step(NumberedBrief, render_messages(article, numbered=True))]
    return [
        Step(SECTION_PARTS[name], render_messages(article, part=words))
        for name, (words, __) in _PARTS.items()
    ]


def plan_size(strategy: Strategy) -> int:
    """How many calls ``plan`` makes per article (or chunk), before re-asks and retries."""
    return len(_PARTS) if strategy == "sections" else 1


#: The best strategy measured on the embedded model (docs/strategies.md).
BUNDLED_MODEL_STRATEGY: Strategy = "guided"
#: What code decides for the embedded model under ``guided``: every section, because each of
#: the model's choices measured worse than the rule's (docs/strategies.md).
BUNDLED_MODEL_RULES: frozenset[str] = frozenset(SECTIONS)
#: Any other model: not measured here; one call, the fewest tokens (docs/strategies.md).
OTHER_MODEL_STRATEGY: Strategy = "whole"


def default_rules(provider: object) -> frozenset[str]:
    """The sections code decides under ``guided`` when the settings name none: all of them for
    the embedded model, none for any other (not measured here: the model chooses)."""
    return BUNDLED_MODEL_RULES if getattr(provider, "bundled", False) else frozenset()


def default_strategy(provider: object) -> Strategy:
    """The strategy for the provider's model when the settings name none."""
    if getattr(provider, "bundled", False):
        return BUNDLED_MODEL_STRATEGY
    return OTHER_MODEL_STRATEGY
