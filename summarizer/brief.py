"""The brief: pydantic models of what a news article says.

Each model is written once, generic in its evidence type:

- ``BriefDraft`` (evidence = verbatim strings) is what the model is asked to fill in; its field
  descriptions are part of the prompt, so they are short and exact.
- ``NewsBrief`` (evidence = ``Evidence`` spans located by code) is what the pipeline returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_serializer,
    model_validator,
)

from .currencies import is_currency_code

__all__ = [
    "PASSAGE_MAX_CHARS",
    "PASSAGE_MIN_CHARS",
    "SCHEMA_VERSION",
    "Amount",
    "BriefDraft",
    "Commitment",
    "ContextEvent",
    "DateRef",
    "Dateline",
    "Evidence",
    "Meeting",
    "NewsBrief",
    "Participant",
    "Quote",
    "SentenceNumber",
    "name_key",
]

SCHEMA_VERSION = "1.0"

# Length bounds keep a small model from looping inside one string or one list.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
# A passage shorter than this says too little to support anything ("1", "Dar").
PASSAGE_MIN_CHARS = 8
PASSAGE_MAX_CHARS = 400
Passage = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=PASSAGE_MIN_CHARS, max_length=PASSAGE_MAX_CHARS
    ),
]


def name_key(name: str) -> str:
    """What makes two participant names the same person: case and spacing aside."""
    return " ".join(name.casefold().split())


def _real_date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real calendar date") from exc
    return value


def _known_currency(value: str) -> str:
    if not is_currency_code(value):
        raise ValueError(f"{value!r} is not an ISO 4217 currency code")
    return value


IsoDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_real_date)
]
CurrencyCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_known_currency)
]


class Evidence(BaseModel):
    """A verbatim passage of the article, located by code: ``article[start:end] == text``."""

    text: str = Field(description="The passage exactly as it stands in the article.")
    start: int | None = Field(description="Character offset of the passage; null if not found.")
    end: int | None = Field(description="Offset one past the passage's last character.")
    quoted: str | None = Field(
        default=None, description="What the model quoted, when it differs from the passage."
    )
    verified: bool = Field(description="True when the passage was found in the article.")


#: A sentence of the article cited by its number (the "numbered" extraction strategy).
SentenceNumber = Annotated[int, Field(ge=1, le=10_000)]
E = TypeVar("E", Passage, Evidence, SentenceNumber)
EvidenceList = Field(
    min_length=1,
    max_length=3,
    description="1 to 3 verbatim quotes copied from the article that support this item.",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DateRef(_Model):
    """A date as the article words it, with the ISO date it stands for."""

    iso: IsoDate | None = Field(
        description="ISO date YYYY-MM-DD the words refer to; null if they do not fix one day."
    )
    text: ShortText = Field(description="The words the article uses, e.g. 'on Sunday'.")


class Dateline(_Model):
    date: IsoDate | None = Field(description="Publication date stated by the article, ISO.")
    place: ShortText | None = Field(description="Place the article is filed from, if stated.")


class Amount(_Model):
    value: float = Field(ge=0, description="The number, in units: '$ 5 billion' -> 5000000000.")
    value_max: float | None = Field(
        default=None, ge=0, description="Upper bound when the article gives a range, else null."
    )
    currency: CurrencyCode = Field(description="ISO 4217 code, e.g. USD, EUR, PKR.")
    text: ShortText = Field(description="The words the article uses, e.g. '$ 5 billion'.")

    @field_serializer("value", "value_max")
    def _whole_numbers_as_int(self, value: float | None) -> float | int | None:
        return int(value) if value is not None and value.is_integer() else value


class Meeting(_Model, Generic[E]):
    kind: ShortText = Field(description="bilateral talks, summit, state visit, phone call, ...")
    date: DateRef | None = Field(description="When the meeting took place.")
    location: ShortText | None = Field(description="City or venue, as written.")
    parties: list[ShortText] = Field(
        max_length=10, description="Countries or organisations taking part."
    )
    purpose: Text | None = Field(description="Purpose of the meeting, as stated.")
    outcome: Text | None = Field(description="Tone or outcome, as stated by the article.")
    evidence: list[E] = EvidenceList


class Participant(_Model, Generic[E]):
    name: ShortText = Field(description="The person's name exactly as written in the article.")
    role: ShortText | None = Field(description="Title or role as written, e.g. 'Foreign Minister'.")
    affiliation: ShortText | None = Field(description="Country or organisation they represent.")
    side: ShortText | None = Field(description="Delegation or side they belong to, if any.")
    evidence: list[E] = EvidenceList


Kind = Literal["target", "agreement", "pledge", "reaffirmation", "investment", "loan", "other"]
Status = Literal["new", "continued", "reaffirmed", "unspecified"]


class Commitment(_Model, Generic[E]):
    description: Text = Field(description="What was agreed or promised, in one sentence.")
    kind: Kind = Field(description="The kind of commitment.")
    parties: list[ShortText] = Field(max_length=10, description="Who committed.")
    amount: Amount | None = Field(description="Money involved, if the article states an amount.")
    deadline: DateRef | None = Field(description="Deadline, if the article states one.")
    status: Status = Field(description="new, continued or reaffirmed, as the article says.")
    evidence: list[E] = EvidenceList


class ContextEvent(_Model, Generic[E]):
    statement: Text = Field(description="One short sentence stating a background event.")
    date: DateRef | None = Field(description="When it happened, if the article says.")
    evidence: list[E] = EvidenceList


class Quote(_Model, Generic[E]):
    text: Text = Field(description="The words inside quotation marks, copied exactly.")
    speaker: ShortText | None = Field(description="Who said it, as named in the article.")
    evidence: list[E] = EvidenceList


class _Brief(_Model, Generic[E]):
    title: ShortText = Field(
        description="A neutral headline in sentence case, naming only what the article names."
    )
    summary: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=800)
    ] = Field(description="Two or three neutral sentences saying what happened.")
    dateline: Dateline | None = Field(description="Publication date and place, if stated.")
    meeting: Meeting[E] | None = Field(description="The meeting reported, or null if none.")
    participants: list[Participant[E]] = Field(
        max_length=20, description="People named as taking part, each once."
    )
    commitments: list[Commitment[E]] = Field(
        max_length=15, description="What the parties agreed, pledged or reaffirmed."
    )
    context: list[ContextEvent[E]] = Field(
        max_length=15, description="Background events the article recalls."
    )
    quotes: list[Quote[E]] = Field(max_length=10, description="Notable direct quotes.")

    @model_validator(mode="after")
    def _participants_once(self) -> _Brief[E]:
        seen: set[str] = set()
        for person in self.participants:
            key = name_key(person.name)
            if key in seen:
                raise ValueError(f"participant {person.name!r} is listed more than once")
            seen.add(key)
        return self


class BriefDraft(_Brief[Passage]):
    """A news brief whose evidence is quoted verbatim from the article."""


class NewsBrief(_Brief[Evidence]):
    """A validated news brief; every evidence passage is located in the article."""
