"""The state of one grounding pass: the article's index, the policy, the findings so far,
and the checks every section uses (evidence located, phrases and prose, dates, amounts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import amounts, dates
from ..analysis.lexicon import DEMONYMS
from ..brief import DateRef
from ..spans import TextIndex
from .report import Finding, Policy

__all__ = ["Walk"]


@dataclass
class Walk:
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

    def unbind(self, path: str, problem: str | None, value: Any) -> Any:
        """Keep ``value`` unless a binding check found a ``problem`` with it."""
        if problem is None:
            return value
        self.note(path, problem, "removed")
        return value if self.keeps_unsupported else None

    def unknown_names(self, text: str, *, label: bool = False) -> list[str]:
        """``TextIndex.unknown_names`` but the adjectives of countries the article names
        ("the Tajik government" where it writes "Tajikistan")."""
        return [
            word for word in self.index.unknown_names(text, label=label)
            if not ((country := DEMONYMS.get(word.casefold())) and self.index.contains(country))
        ]  # fmt: skip

    def prose(self, path: str, what: str, value: str | None, *, label: bool = False) -> str | None:
        """Keep free text unless it names something the article does not."""
        unknown = self.unknown_names(value, label=label) if value else []
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
