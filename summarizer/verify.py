"""Verify: one more call asks the model whether each item is supported by its evidence alone.

Off by default (``--verify``, ``Settings.verify``). After grounding, every kept item of the
brief (the meeting, each participant, commitment, context event and quote) is shown to the
model as a numbered claim with its evidence passages only, never the article, and the model
answers with a structured verdict per claim. An item judged unsupported becomes a finding and
goes through the grounding policy like any other: dropped, flagged, or failing a strict run.

The call goes through the same layer as the brief's (``calls.ModelCalls``): cached (the key is
the rendered request, so a verified brief is a cache hit next time), retried, and counted in
``run`` (requests, tokens). For the embedded 135M model it is refused: measured, it judges
everything supported (docs/strategies.md).
"""

from __future__ import annotations

from typing import Any, Literal

import instructor
from pydantic import BaseModel, ConfigDict, Field

from .brief import NewsBrief
from .grounding import Finding, GroundingReport
from .prompts import render_template

__all__ = ["Verdict", "Verdicts", "apply_verdicts", "claims_of", "verification"]


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim: int = Field(description="The claim's number.")
    supported: bool = Field(description="True only if the evidence alone states the claim.")
    reason: str | None = Field(default=None, max_length=200, description="Why not, if not.")


class Verdicts(instructor.OpenAISchema):
    """One verdict per claim."""

    model_config = ConfigDict(extra="forbid")
    verdicts: list[Verdict] = Field(max_length=60)


def claims_of(brief: NewsBrief) -> list[tuple[str, str, list[str]]]:
    """Each item of the brief as (path, the claim in words, its verified evidence)."""
    found: list[tuple[str, str, list[str]]] = []

    def passages(item: Any) -> list[str]:
        return [e.text for e in item.evidence if e.verified]

    if (m := brief.meeting) is not None:
        where = f" in {m.location}" if m.location else ""
        when = f" ({m.date.text})" if m.date else ""
        between = f" between {', '.join(m.parties)}" if m.parties else ""
        found.append(("meeting", f"A {m.kind} took place{between}{where}{when}.", passages(m)))
    for n, p in enumerate(brief.participants):
        described = ", ".join(x for x in (p.role, p.affiliation) if x)
        said = f"{p.name}" + (f" ({described})" if described else "") + " took part."
        found.append((f"participants[{n}]", said, passages(p)))
    for n, c in enumerate(brief.commitments):
        amount = f" Amount: {c.amount.text}." if c.amount else ""
        found.append((f"commitments[{n}]", f"{c.description}{amount}", passages(c)))
    for n, e in enumerate(brief.context):
        found.append((f"context[{n}]", e.statement, passages(e)))
    for n, q in enumerate(brief.quotes):
        said = f'{q.speaker or "Someone"} said: "{q.text}".'
        found.append((f"quotes[{n}]", said, passages(q)))
    return [c for c in found if c[2]]


def verification(
    brief: NewsBrief, max_retries: int, options: dict[str, Any]
) -> dict[str, Any] | None:
    """instructor's arguments for the question that judges ``brief``'s items (the pipeline
    makes the call, in its mode); None when there is nothing to judge."""
    claims = claims_of(brief)
    if not claims:
        return None
    messages = [
        {"role": "system", "content": render_template("verify_system.j2")},
        {"role": "user", "content": render_template("verify_user.j2", claims=claims)},
    ]
    question = {"response_model": Verdicts, "messages": messages, "max_retries": max_retries}
    return question | options


def apply_verdicts(
    brief: NewsBrief, report: GroundingReport, answer: Verdicts
) -> tuple[NewsBrief, GroundingReport]:
    """Apply the report's policy to the items the model's ``answer`` finds unsupported."""
    claims = claims_of(brief)
    unsupported = {
        v.claim: v.reason
        for v in answer.verdicts
        if not v.supported and 1 <= v.claim <= len(claims)
    }
    if not unsupported:
        return brief, report
    policy = report.policy
    action: Literal["dropped", "flagged", "failed"] = {
        "drop": "dropped",
        "flag": "flagged",
        "strict": "failed",
    }[policy]  # type: ignore[assignment]
    findings = [
        Finding(
            path=claims[n - 1][0],
            problem="the model, asked to check, found it unsupported by its evidence"
            + (f": {reason}" if reason else ""),
            action=action,
        )
        for n, reason in sorted(unsupported.items())
    ]
    report = report.model_copy(
        update={
            "findings": [*report.findings, *findings],
            "dropped": report.dropped + (len(findings) if policy == "drop" else 0),
            "flagged": report.flagged + (len(findings) if policy == "flag" else 0),
            "kept": report.kept - (len(findings) if policy == "drop" else 0),
        }
    )
    if policy != "drop":
        return brief, report
    gone = {f.path for f in findings}
    data = brief.model_dump()
    if "meeting" in gone:
        data["meeting"] = None
    for section in ("participants", "commitments", "context", "quotes"):
        data[section] = [
            item for n, item in enumerate(data[section]) if f"{section}[{n}]" not in gone
        ]
    return NewsBrief.model_validate(data), report
