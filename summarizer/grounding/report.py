"""The grounding report: each finding, where, and what the policy did about it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["Finding", "GroundingReport", "Policy"]

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
