"""The guided strategy: the article proposes the facts, the model chooses among them.

Code reads the article first (``analysis``) and proposes candidates: its sentences, numbered;
the people it names, each with the titles and affiliations written next to the name; the
amounts; the dates; the quotes (``proposal`` adds the rules' own reading). The answer's JSON
Schema is built for this article, so that a model can only choose among them:

- participants: one of the candidate people (``const``), a role and an affiliation among the
  words found next to that person, evidence as sentence numbers;
- meeting, commitments, context: sentence numbers, amounts among the money mentions, dates among
  the date mentions, parties among the article's parties;
- quotes: one of the article's quotes, the speaker among its people;
- title and summary stay free text, grounded as usual; for a model that code decides every
  section for (the embedded one), they too are choices: a headline among those code wrote
  from the rules' reading, and the numbers of the sentences that make the summary.

``decides`` names the sections code decides instead of the model, with the rules of
``proposal``: for a model whose choices measured worse than the rules' (the embedded 135M model:
all of them, docs/strategies.md), the schema leaves those sections out and the answer takes the
rules' reading. Code turns numbers and choices back into the article's own words.
"""

from __future__ import annotations

import copy
import re
from typing import Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from .analysis import Analysis
from .brief import PASSAGE_MAX_CHARS, Kind, Status
from .grounding import lead
from .ingest import Article
from .proposal import lead_sentences, propose

__all__ = ["SECTIONS", "guided_answer"]

#: The sections code can decide in place of the model.
SECTIONS = ("meeting", "participants", "commitments", "context", "quotes")
_MAX_PEOPLE_VARIANTS = 24


_UNSAFE = re.compile(r'["\\]')


def _flat(text: str) -> str:
    """Text on one line: a choice in a schema holds no line break."""
    return " ".join(text.split())


class _Choice(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _model(model_name: str, base: Any, /, **fields: Any) -> Any:
    """A pydantic model made at run time (its fields' types are this article's choices)."""
    return create_model(model_name, __base__=base, **fields)


def _list_of(kind: Any) -> Any:
    return list[kind]


def _one_of(values: list[str] | list[int]) -> Any:
    """A type whose only values are ``values`` (an enum in the schema), or None when empty.

    A string holding a double quote or a backslash is left out: llama.cpp's schema-to-grammar
    converter writes it as a literal it cannot parse (and the process aborts)."""
    flat = [_flat(v) if isinstance(v, str) else v for v in values]  # wire copy's line breaks
    unique = [v for v in dict.fromkeys(flat) if not isinstance(v, str) or not _UNSAFE.search(v)]
    if not unique:
        return None
    return Literal[tuple(unique)]


def _optional(values: list[str]) -> tuple[Any, Any]:
    kind = _one_of(values)
    if kind is None:
        return (type(None), Field(default=None))
    return (kind | None, Field(default=None))


def _sentences_field(numbers: list[int], description: str) -> tuple[Any, Any]:
    kind = _one_of(numbers) or int
    return (_list_of(kind), Field(min_length=1, max_length=3, description=description))


def _person_models(analysis: Analysis) -> Any:
    """One model per candidate person: the name fixed, role and affiliation among theirs."""
    variants = []
    everyone = [n + 1 for n in range(len(analysis.sentences))]
    for n, person in enumerate(analysis.people[:_MAX_PEOPLE_VARIANTS]):
        named = [s + 1 for s in person.sentences] or everyone
        variants.append(
            _model(
                f"Person{n + 1}",
                _Choice,
                name=(_one_of([person.name]), ...),
                role=_optional(person.roles),
                affiliation=_optional(person.affiliations),
                sentences=_sentences_field(named, "Numbers of sentences naming them."),
            )
        )
    if not variants:
        return None
    return variants[0] if len(variants) == 1 else Union[tuple(variants)]  # noqa: UP007


def headlines(analysis: Analysis, proposal: dict[str, Any]) -> list[str]:
    """Titles written by code from the rules' reading, each naming only what the article
    names: who met whom where, the first commitment, the article's opening."""
    found = []
    meeting, people = proposal["meeting"], proposal["participants"]
    if meeting is not None and len(people) >= 2:
        verb = _VERBS.get(meeting["kind"], "meet")
        where = f" in {meeting['location']}" if meeting["location"] else ""
        found.append(f"{people[0]['name']} and {people[1]['name']} {verb}{where}")
    elif meeting is not None and meeting["parties"]:
        where = f" in {meeting['location']}" if meeting["location"] else ""
        found.append(f"{' and '.join(meeting['parties'][:3])}: {meeting['kind']}{where}")
    for commitment in proposal["commitments"][:2]:
        words = commitment["description"]
        found.append(words[:1].upper() + words[1:] if len(words) <= _TITLE_MAX else "")
    body = analysis.text[analysis.sentences[0][0] :] if analysis.sentences else analysis.text
    found.append(lead(body, 100).replace('"', "'"))  # the opening, without a note line
    return [_flat(t) for t in dict.fromkeys(found) if t and len(_flat(t)) <= _TITLE_MAX]


def summary_sentences(analysis: Analysis, proposal: dict[str, Any]) -> list[int]:
    """Sentence numbers (from 1) a summary may be made of: the lead and the sentences of the
    meeting and the commitments."""
    chosen = [n + 1 for n in lead_sentences(analysis)]
    for section in ("meeting", "commitments"):
        items = proposal[section] if isinstance(proposal[section], list) else [proposal[section]]
        for item in items:
            for passage in (item or {}).get("evidence", []):
                n = next((k for k in range(len(analysis.sentences))
                          if analysis.sentence_text(k).startswith(passage[:40])), None)  # fmt: skip
                if n is not None:
                    chosen.append(n + 1)
    return list(dict.fromkeys(chosen))[:8]


_VERBS = {"phone call": "speak by phone", "summit": "meet at a summit", "talks": "hold talks"}
_TITLE_MAX = 120


def _prose(analysis: Analysis, proposal: dict[str, Any], small: bool) -> dict[str, Any]:
    """Free title and summary, or (``small``) a choice among code's headlines and sentences."""
    if not small:
        return {
            "title": (str, Field(max_length=120, description="A neutral headline.")),
            "summary": (str, Field(max_length=800, description="Two or three neutral sentences.")),
        }
    titles = headlines(analysis, proposal)
    numbers = summary_sentences(analysis, proposal) or [1]
    return {
        "title": (_one_of(titles) or str, Field(description="The best headline of these.")),
        "summary": (
            list[_one_of(numbers)],  # type: ignore[misc]
            Field(
                min_length=1,
                max_length=3,
                description="Numbers of the 1 to 3 sentences that best summarize the article.",
            ),
        ),
    }


def _fields(
    analysis: Analysis, decides: frozenset[str], proposal: dict[str, Any]
) -> dict[str, Any]:
    numbers = [n + 1 for n in range(len(analysis.sentences))]
    money = [m.text for m in analysis.money]
    dates = [d.text for d in analysis.dates]
    parties = analysis.parties
    people = [p.name for p in analysis.people]
    fields = _prose(analysis, proposal, small=set(decides) >= set(SECTIONS))
    if "meeting" not in decides:
        meeting = _model(
            "GuidedMeeting",
            _Choice,
            kind=(str, Field(max_length=60, description="talks, summit, phone call, ...")),
            sentences=_sentences_field(numbers, "Numbers of the sentences reporting it."),
            location=_optional([p.text for p in analysis.places]),
            date=_optional(dates),
            parties=(_list_of(_one_of(parties) or str), Field(max_length=10)),
        )
        fields["meeting"] = (meeting | None, Field(description="The meeting, or null."))
    if "participants" not in decides:
        person = _person_models(analysis)
        kind = _list_of(person)
        fields["participants"] = (kind, Field(max_length=20))
    if "commitments" not in decides:
        commitment = _model(
            "GuidedCommitment",
            _Choice,
            description=(str, Field(max_length=400)),
            kind=(Kind, ...),
            status=(Status, ...),
            amount=_optional(money),
            deadline=_optional(dates),
            parties=(_list_of(_one_of(parties) or str), Field(max_length=10)),
            sentences=_sentences_field(numbers, "Numbers of the sentences stating it."),
        )
        fields["commitments"] = (_list_of(commitment), Field(max_length=15))
    if "context" not in decides:
        event = _model(
            "GuidedEvent",
            _Choice,
            statement=(str, Field(max_length=400)),
            date=_optional(dates),
            sentences=_sentences_field(numbers, "Numbers of the sentences stating it."),
        )
        fields["context"] = (_list_of(event), Field(max_length=15))
    if "quotes" not in decides:
        quote = _model(
            "GuidedQuote",
            _Choice,
            quote=(_one_of([q.text for q in analysis.quotes]) or str, ...),
            speaker=_optional(people),
        )
        fields["quotes"] = (_list_of(quote), Field(max_length=10))
    return fields


def guided_answer(analysis: Analysis, decides: frozenset[str], base: type[Any]) -> type[Any]:
    """The answer model for one article: ``base`` (``strategies.Answer``) with this article's
    choices as enums; the sections in ``decides`` come from the rules, not the model."""
    proposal = propose(analysis)
    model = _model(
        "GuidedBrief",
        base,
        __doc__="A news brief chosen among the facts code found in the article.",
        **_fields(analysis, decides, proposal),
    )
    model.analysis = analysis
    model.proposal = proposal
    model.decides = decides
    return model  # type: ignore[no-any-return]


class GuidedMixin:
    """What a guided answer adds to ``strategies.Answer``: its article and the conversion."""

    analysis: ClassVar[Analysis]
    proposal: ClassVar[dict[str, Any]]
    decides: ClassVar[frozenset[str]]
    _schema: ClassVar[dict[str, Any] | None] = None

    @classmethod
    def fallback(cls, article: Article) -> dict[str, Any] | None:
        """When code decides every section and the model's choice of headline and summary
        never validated: code's first headline and the article's lead, as draft data."""
        if not set(cls.decides) >= set(SECTIONS):
            return None
        titles = headlines(cls.analysis, cls.proposal) or [lead(article.text, 100)]
        numbers = [n + 1 for n in lead_sentences(cls.analysis)] or [1]
        return cls.draft_data({"title": titles[0], "summary": numbers}, article, lenient=True)

    @classmethod
    def draft_data(cls, data: dict[str, Any], article: Article, *, lenient: bool) -> dict[str, Any]:
        """The answer as ``BriefDraft`` data: numbers and choices turned into the article's
        words, the sections code decides taken from the rules."""
        an = cls.analysis
        summary = data.get("summary")
        if isinstance(summary, list):  # sentence numbers: the small model's choice
            summary = _summary(an, summary)
        out: dict[str, Any] = {"title": data.get("title"), "summary": summary}
        out["dateline"] = None
        for section in SECTIONS:
            if section in cls.decides or section not in data:
                out[section] = copy.deepcopy(cls.proposal[section])
        if "meeting" in data and "meeting" not in cls.decides:
            out["meeting"] = _meeting(an, data["meeting"], lenient)
        if "participants" in data and "participants" not in cls.decides:
            out["participants"] = _items(
                [_participant(an, p, lenient) for p in data["participants"]]
            )
        if "commitments" in data and "commitments" not in cls.decides:
            out["commitments"] = _items([_commitment(an, c, lenient) for c in data["commitments"]])
        if "context" in data and "context" not in cls.decides:
            out["context"] = _items([_event(an, c, lenient) for c in data["context"]])
        if "quotes" in data and "quotes" not in cls.decides:
            out["quotes"] = _items([_quote(an, q) for q in data["quotes"]])
        return out


def _summary(an: Analysis, numbers: list[Any]) -> str:
    """The chosen sentences, in the article's order, within the summary's length."""
    text = ""
    for n in sorted({n for n in numbers if isinstance(n, int) and 1 <= n <= len(an.sentences)}):
        sentence = " ".join(an.sentence_text(n - 1).split())
        if text and len(text) + len(sentence) + 1 > _SUMMARY_MAX:
            break
        text = f"{text} {sentence}".strip()
    return text[:_SUMMARY_MAX] or lead(an.text, _SUMMARY_MAX)


_SUMMARY_MAX = 800


def _items(items: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item is None:
            continue
        key = str(item.get("name") or item)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _cited(an: Analysis, numbers: list[Any], lenient: bool) -> list[str]:
    passages = []
    for n in numbers:
        if isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= len(an.sentences):
            text = an.sentence_text(n - 1).strip()
            if len(text) > PASSAGE_MAX_CHARS:
                text = text[:PASSAGE_MAX_CHARS].rsplit(" ", 1)[0]
            if len(text) >= 8 and text not in passages:
                passages.append(text)
        elif not lenient:
            raise ValueError(f"sentence {n!r} does not exist: the article has {len(an.sentences)}")
    return passages


def _date(an: Analysis, words: str | None) -> dict[str, Any] | None:
    if words is None:
        return None
    mention = next((d for d in an.dates if _flat(d.text) == _flat(words)), None)
    day = mention.day.isoformat() if mention and mention.day else None
    return {"iso": day, "text": words}


def _money(an: Analysis, words: str | None) -> dict[str, Any] | None:
    mention = next((m for m in an.money if words and _flat(m.text) == _flat(words)), None)
    if mention is None:
        return None
    return {"value": mention.value, "value_max": mention.value_max,
            "currency": mention.currency, "text": mention.text}  # fmt: skip


def _meeting(an: Analysis, data: dict[str, Any] | None, lenient: bool) -> dict[str, Any] | None:
    if data is None:
        return None
    evidence = _cited(an, data.get("sentences", []), lenient)
    if not evidence:
        return None
    return {
        "kind": data.get("kind") or "meeting",
        "date": _date(an, data.get("date")),
        "location": data.get("location"),
        "parties": list(dict.fromkeys(data.get("parties", []))),
        "purpose": None,
        "outcome": None,
        "evidence": evidence,
    }


def _participant(an: Analysis, data: dict[str, Any], lenient: bool) -> dict[str, Any] | None:
    person = an.person(data.get("name", ""))
    if person is None:
        return None
    evidence = _cited(an, data.get("sentences", []), lenient)
    named = [p for p in evidence if person.surname.casefold() in p.casefold()]
    if not named:
        named = _cited(an, [person.sentences[0] + 1], lenient=True) if person.sentences else []
    if not named:
        return None
    return {"name": person.name, "role": data.get("role"), "affiliation": data.get("affiliation"),
            "side": None, "evidence": named[:3]}  # fmt: skip


def _commitment(an: Analysis, data: dict[str, Any], lenient: bool) -> dict[str, Any] | None:
    evidence = _cited(an, data.get("sentences", []), lenient)
    if not evidence or not data.get("description"):
        return None
    return {
        "description": data["description"],
        "kind": data.get("kind", "other"),
        "parties": list(dict.fromkeys(data.get("parties", []))),
        "amount": _money(an, data.get("amount")),
        "deadline": _date(an, data.get("deadline")),
        "status": data.get("status", "unspecified"),
        "evidence": evidence,
    }


def _event(an: Analysis, data: dict[str, Any], lenient: bool) -> dict[str, Any] | None:
    evidence = _cited(an, data.get("sentences", []), lenient)
    if not evidence or not data.get("statement"):
        return None
    return {"statement": data["statement"], "date": _date(an, data.get("date")),
            "evidence": evidence}  # fmt: skip


def _quote(an: Analysis, data: dict[str, Any]) -> dict[str, Any] | None:
    found = next((q for q in an.quotes if _flat(q.text) == _flat(data.get("quote") or "")), None)
    if found is None:
        return None
    n = an.sentence_at(found.start)
    passage = an.sentence_text(n).strip()
    if found.text not in passage or len(passage) > PASSAGE_MAX_CHARS:
        passage = found.text
    if len(passage) < 8:
        return None
    return {"text": found.text, "speaker": data.get("speaker"), "evidence": [passage]}
