"""Grounding: every item of a brief is checked against the article by code, not by the model.

Passages are located by ``spans.TextIndex`` (exact offsets into the article, tolerant of what
models change when they copy).

``ground()`` turns a ``BriefDraft`` into a ``NewsBrief`` under a policy:
``strict`` (any unsupported item fails), ``drop`` (unsupported items or fields are removed and
reported), ``flag`` (kept, reported, their evidence marked unverified). Dates and amounts that the
code can read from the article's own words are corrected to what the words say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from . import amounts, dates
from .brief import BriefDraft, DateRef, NewsBrief
from .ingest import DATE_HEADER
from .spans import TextIndex, index_of

__all__ = ["Finding", "GroundingReport", "Policy", "ground", "lead"]

Policy = Literal["strict", "drop", "flag"]


class Finding(BaseModel):
    """One thing grounding found, where, and what it did about it."""

    path: str = Field(description="Where in the brief, e.g. 'participants[2].role'.")
    problem: str = Field(description="What is wrong, naming the offending value.")
    action: Literal["dropped", "removed", "replaced", "flagged", "corrected", "failed"]


class GroundingReport(BaseModel):
    policy: Policy
    kept: int = Field(description="Items kept (meeting, participants, commitments, ...).")
    dropped: int
    flagged: int
    corrected: int
    evidence_total: int
    evidence_verified: int
    verified_share: float = Field(description="evidence_verified / evidence_total (1.0 if none).")
    findings: list[Finding]


@dataclass
class _Walk:
    """State of one grounding pass."""

    index: TextIndex
    today: dt.date | None
    policy: Policy
    findings: list[Finding] = field(default_factory=list)
    #: Where each evidence passage was seen, (path, n) -> offset: the occurrence to prefer.
    hints: dict[tuple[str, int], int] = field(default_factory=dict)
    evidence_total: int = 0
    evidence_verified: int = 0
    kept: int = 0

    def note(self, path: str, problem: str, action: str) -> None:
        if self.policy == "strict" and action != "corrected":
            action = "failed"
        elif self.policy == "flag" and action in ("dropped", "removed", "replaced"):
            action = "flagged"
        self.findings.append(Finding(path=path, problem=problem, action=action))

    @property
    def keeps_unsupported(self) -> bool:
        return self.policy != "drop"

    def reject(self, path: str, problem: str) -> bool:
        """Report an unsupported item; True when the policy removes it."""
        self.note(path, problem, "dropped")
        if self.keeps_unsupported:
            return False
        self.kept -= 1
        return True

    def evidence(self, path: str, label: str, quotes: list[str]) -> list[dict[str, Any]] | None:
        """Locate each quote; None when none is found and the item must go."""
        located: list[dict[str, Any]] = []
        near: int | None = None
        for n, quote in enumerate(quotes):
            self.evidence_total += 1
            span = self.index.find(quote, near=self.hints.get((path, n), near))
            if span is None:
                self.note(
                    f"{path}.evidence[{n}]", f"quote {quote!r} is not in the article", "removed"
                )
                if self.keeps_unsupported:
                    located.append({"text": quote, "start": None, "end": None, "verified": False})
                continue
            self.evidence_verified += 1
            start, end = span
            near = start
            text = self.index.text[start:end]
            located.append(
                {"text": text, "start": start, "end": end, "verified": True}
                | ({"quoted": quote} if quote != text else {})
            )
        if not any(e["verified"] for e in located):
            self.note(path, f"{label}: no evidence quote was found in the article", "dropped")
            if not self.keeps_unsupported:
                return None
        return located

    def holds(self, evidence: list[dict[str, Any]], passage: str) -> bool:
        """Whether a verified evidence passage overlaps an occurrence of ``passage``."""
        for e in evidence:
            if e["verified"]:
                span = self.index.find(passage, near=e["start"])
                if span is not None and e["start"] < span[1] and span[0] < e["end"]:
                    return True
        return False

    def phrase(self, path: str, what: str, value: str | None) -> str | None:
        """Keep ``value`` when the article contains it; otherwise report it."""
        if value is None or self.index.contains(value):
            return value
        self.note(path, f"{what} {value!r} does not appear in the article", "removed")
        return value if self.keeps_unsupported else None

    def prose(self, path: str, what: str, value: str | None, *, label: bool = False) -> str | None:
        """Keep free text unless it names something the article does not."""
        unknown = self.index.unknown_names(value, label=label) if value else []
        if not unknown:
            return value
        names = ", ".join(repr(u) for u in unknown[:5])
        self.note(path, f"{what} names {names}, which the article does not", "removed")
        return value if self.keeps_unsupported else None

    def date(self, path: str, ref: DateRef | None) -> dict[str, Any] | None:
        if ref is None:
            return None
        if self.phrase(path, "date words", ref.text) is None:
            return None
        resolved = dates.resolve(ref.text, self.today, future=path.endswith("deadline"))
        iso = resolved.isoformat() if resolved else None
        if iso != ref.iso:
            shown = f"{ref.iso} -> {iso}" if iso else f"{ref.iso} -> null (words fix no one day)"
            self.note(f"{path}.iso", f"date {ref.text!r}: {shown}", "corrected")
        return {"iso": iso, "text": ref.text}

    def amount(self, path: str, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        data: dict[str, Any] = value.model_dump()
        if self.phrase(path, "amount", value.text) is None:
            return None
        parsed = amounts.parse(value.text)
        if parsed is None:
            return data
        truth = {"value": parsed.value, "value_max": parsed.value_max, "currency": parsed.currency}
        if parsed.currency is None:  # the words name no currency: the model's stands
            del truth["currency"]
        given = {k: data[k] for k in truth}
        if given != truth:
            self.note(
                path,
                f"amount {value.text!r} is {_amount(truth)}, not {_amount(given)}",
                "corrected",
            )
            data.update(truth)
        return data


def _amount(a: dict[str, Any]) -> str:
    upper = f"-{a['value_max']:g}" if a.get("value_max") is not None else ""
    return f"{a['value']:g}{upper} {a.get('currency') or '(no currency)'}"


def _items(
    walk: _Walk, section: str, items: list[Any], *, single: bool = False
) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """Yield (path, draft item, output dict) for each item whose evidence holds."""
    for i, item in enumerate(items):
        path = section if single else f"{section}[{i}]"
        evidence = walk.evidence(path, _label(section, item), item.evidence)
        if evidence is None:
            continue
        walk.kept += 1
        yield path, item, item.model_dump(exclude={"evidence"}) | {"evidence": evidence}


def _label(section: str, item: Any) -> str:
    """How a report names an item: 'participant 'Ishaq Dar'', 'commitment 'Continue the...''."""
    for attr in ("name", "description", "statement", "text", "kind"):
        if value := getattr(item, attr, None):
            short = value if len(value) <= 60 else value[:57] + "..."
            return f"{section.rstrip('s')} {short!r}"
    return section


# Splitting for lead(): a period, ! or ? then white space. (Not spans.SENTENCE_END, which also
# cuts after ".]" and would make a bracketed note line the whole title fallback.)
_LEAD_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


#: Longest fallback taken from the article's opening, by field.
LEAD_LIMITS = {"title": 100, "summary": 400}


def lead(article: str, limit: int) -> str:
    """The article's opening sentences, at most ``limit`` characters: a faithful fallback."""
    body = DATE_HEADER.sub("", article, count=1).strip()
    text = ""
    for sentence in _LEAD_SENTENCE_END.split(" ".join(body.split())):
        if text and len(text) + len(sentence) + 1 > limit:
            break
        text = f"{text} {sentence}".strip()
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def _mentions(evidence: list[dict[str, Any]], name: str) -> bool:
    """Whether a verified passage names the person: one word of the name, of 3+ letters."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]{3,}", name)]
    texts = [e["text"].casefold() for e in evidence if e["verified"]]
    return not words or any(re.search(rf"\b{re.escape(w)}\b", t) for w in words for t in texts)


_DATELINE_SPAN = 300  # a dateline place stands in the article's first characters


def ground(
    draft: BriefDraft,
    article: str,
    *,
    today: dt.date | None = None,
    policy: Policy = "drop",
    hints: dict[tuple[str, int], int] | None = None,
) -> tuple[NewsBrief, GroundingReport]:
    """Check ``draft`` against ``article`` and return the grounded brief with its report.

    ``hints`` maps (item path, evidence number) to an offset near which that passage was seen
    (by a chunk): of several occurrences, the nearest is taken.
    """
    walk = _Walk(index_of(article), today, policy, hints=hints or {})
    out: dict[str, Any] = {}
    for name, limit in LEAD_LIMITS.items():
        value = getattr(draft, name)
        if walk.prose(name, name, value) is None:
            value = lead(article, limit)
            walk.findings[-1].action = "replaced"
            walk.findings[-1].problem += "; replaced by the article's opening"
        out[name] = value

    place = draft.dateline.place if draft.dateline else None
    if place is not None and not walk.index.contains(place, within=_DATELINE_SPAN):
        walk.note("dateline.place", f"place {place!r} is not in the article's opening", "removed")
        place = place if walk.keeps_unsupported else None
    stated = draft.dateline.date if draft.dateline else None
    known = today.isoformat() if today else None
    if stated != known:
        walk.note(
            "dateline.date", f"dateline date {stated} -> {known} (the article's)", "corrected"
        )
    out["dateline"] = {"date": known, "place": place} if known or place else None

    out["meeting"] = None
    if draft.meeting is not None:
        for path, item, data in _items(walk, "meeting", [draft.meeting], single=True):
            data["location"] = walk.phrase(f"{path}.location", "location", item.location)
            data["date"] = walk.date(f"{path}.date", item.date)
            data["parties"] = [
                p for n, p in enumerate(item.parties)
                if walk.phrase(f"{path}.parties[{n}]", "party", p) is not None
            ]  # fmt: skip
            data["purpose"] = walk.prose(f"{path}.purpose", "purpose", item.purpose)
            data["outcome"] = walk.prose(f"{path}.outcome", "outcome", item.outcome)
            out["meeting"] = data

    out["participants"] = []
    for path, item, data in _items(walk, "participants", draft.participants):
        if not walk.index.contains(item.name) and walk.reject(
            path, f"participant {item.name!r} is not named in the article"
        ):
            continue
        if not _mentions(data["evidence"], item.name) and walk.reject(
            path, f"participant {item.name!r}: no evidence passage names them"
        ):
            continue
        data["role"] = walk.phrase(f"{path}.role", "role", item.role)
        data["affiliation"] = walk.prose(
            f"{path}.affiliation", "affiliation", item.affiliation, label=True
        )
        out["participants"].append(data)

    out["commitments"] = []
    for path, item, data in _items(walk, "commitments", draft.commitments):
        unknown = walk.index.unknown_names(item.description)
        if unknown and walk.reject(path, f"commitment names {unknown[0]!r}, not in the article"):
            continue
        data["amount"] = walk.amount(f"{path}.amount", item.amount)
        data["deadline"] = walk.date(f"{path}.deadline", item.deadline)
        out["commitments"].append(data)

    out["context"] = []
    for path, item, data in _items(walk, "context", draft.context):
        unknown = walk.index.unknown_names(item.statement)
        if unknown and walk.reject(path, f"context names {unknown[0]!r}, not in the article"):
            continue
        data["date"] = walk.date(f"{path}.date", item.date)
        out["context"].append(data)

    out["quotes"] = []
    for path, item, data in _items(walk, "quotes", draft.quotes):
        span = walk.index.find(item.text)
        if span is None and walk.reject(path, f"quote {item.text!r} is not in the article"):
            continue
        if (
            span is not None
            and not walk.holds(data["evidence"], item.text)
            and walk.reject(path, f"quote {item.text!r}: no evidence passage holds it")
        ):
            continue
        out["quotes"].append(data)

    brief = NewsBrief.model_validate(out)
    counts = {a: sum(f.action == a for f in walk.findings) for a in ("dropped", "flagged")}
    report = GroundingReport(
        policy=policy,
        kept=walk.kept,
        dropped=counts["dropped"],
        flagged=counts["flagged"],
        corrected=sum(f.action == "corrected" for f in walk.findings),
        evidence_total=walk.evidence_total,
        evidence_verified=walk.evidence_verified,
        verified_share=round(walk.evidence_verified / walk.evidence_total, 4)
        if walk.evidence_total
        else 1.0,
        findings=walk.findings,
    )
    return brief, report
