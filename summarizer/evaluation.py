"""Evaluation: score briefs against the labelled set (``fixtures/eval/``, see docs/annotation.md).

``score`` compares one result with its expected brief and returns counts; ``aggregate`` turns
the counts of a whole set into metrics (micro-averaged precision, recall, F1; accuracies among
matched items; faithfulness, the share of the items the model emitted that grounding kept (an
item whose evidence is not in the article, or does not name the person, is dropped); the share
of evidence passages found; schema-valid rate; attempts, tokens and seconds per article; and
candidate recall, the share of labelled participants and amounts that the article's analysis
proposes at all).
``regressions`` lists the quality metrics that fell below a baseline by more than a tolerance.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .analysis import analyze
from .errors import StaleRecording, SummarizerError
from .ingest import Article, read_article
from .pipeline import Summarizer
from .replay import ReplayProvider, load_recording, replay_options
from .result import BriefResult
from .strategies import Strategy

__all__ = [
    "OVERALL",
    "QUALITY",
    "aggregate",
    "candidate_counts",
    "load_set",
    "regressions",
    "replayed",
    "run_set",
    "score",
]

#: The path of a whole item in a grounding finding (a chunk's findings carry a prefix).
_ITEM = re.compile(
    r"^(?:chunk \d+: )?(?:meeting|(?:participants|commitments|context|quotes)\[\d+\])$"
)
NAME_MATCH = 90.0
FIELD_MATCH = 80.0
MEANING_MATCH = 60.0
#: What ``overall`` averages (an undefined metric counts 0): finding what the labels hold, and
#: keeping only what the article supports. Strategies are ranked by it (docs/strategies.md).
OVERALL = (
    "participants_f1", "commitments_f1", "context_f1", "meeting_accuracy", "faithfulness",
)  # fmt: skip
#: Metrics where higher is better, gated against a baseline.
QUALITY = (
    "participants_f1", "role_accuracy", "affiliation_accuracy", "commitments_f1",
    "amount_accuracy", "deadline_accuracy", "context_f1", "context_date_accuracy",
    "meeting_accuracy", "faithfulness", "schema_valid_rate", "overall",
)  # fmt: skip


def load_set(folder: str | Path) -> list[dict[str, Any]]:
    """The expected briefs of a labelled set, sorted by article."""
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(Path(folder).glob("*.expected.json"))
    ]


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().replace(".", " ").split())


def _same_person(expected: dict[str, Any], name: str) -> bool:
    """The name or an alias; the surname alone ("Sharif"); or a near spelling of the full name
    ("Recep Erdogan"). "Nawaz Sharif" is not "Shehbaz Sharif"."""
    got = _norm(name)
    names = [_norm(n) for n in [expected["name"], *expected.get("aliases", [])]]
    if got in names:
        return True
    if " " not in got and got == names[0].split()[-1]:
        return True
    return fuzz.token_set_ratio(got, names[0]) >= NAME_MATCH


def _pairs(expected: list[Any], predicted: list[Any], similar: Callable[[Any, Any], float],
           threshold: float) -> list[tuple[Any, Any]]:  # fmt: skip
    """Best pairs first, each item used once."""
    scored = sorted(
        ((similar(e, p), i, j) for i, e in enumerate(expected) for j, p in enumerate(predicted)),
        reverse=True,
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for value, i, j in scored:
        if value >= threshold and i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            pairs.append((expected[i], predicted[j]))
    return pairs


def _close(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return fuzz.token_set_ratio(_norm(a), _norm(b)) >= FIELD_MATCH


def score(expected: dict[str, Any], result: BriefResult | None) -> Counter[str]:
    """Counts for one article; ``result`` None means no valid brief came out."""
    c: Counter[str] = Counter(articles=1)
    c["exp_participants"] = len(expected["participants"])
    c["exp_commitments"] = len(expected["commitments"])
    c["exp_context"] = len(expected["context"])
    c["meeting_fields"] = 3
    if result is None:
        return c
    brief = result.brief
    c["valid"] = 1
    c["attempts"] = result.run.attempts
    c["tokens"] = result.run.usage.total_tokens
    c["millis"] = int(result.run.elapsed_s * 1000)
    c["evidence_total"] = result.grounding.evidence_total
    c["evidence_verified"] = result.grounding.evidence_verified
    # Items the model emitted that grounding kept, against those it kept or dropped.
    dropped = sum(bool(_ITEM.match(f.path)) for f in result.grounding.findings
                  if f.action in ("dropped", "failed"))  # fmt: skip
    c["items_kept"] = result.grounding.kept
    c["items_emitted"] = result.grounding.kept + dropped

    people = _pairs(expected["participants"], brief.participants,
                    lambda e, p: 100.0 * _same_person(e, p.name), 100.0)  # fmt: skip
    c["pred_participants"], c["tp_participants"] = len(brief.participants), len(people)
    c["role_right"] = sum(_close(e["role"], p.role) for e, p in people)
    c["affiliation_right"] = sum(_close(e["affiliation"], p.affiliation) for e, p in people)

    def described(e: dict[str, Any], p: Any) -> float:
        return fuzz.token_set_ratio(_norm(e["description"]), _norm(p.description))

    commitments = _pairs(expected["commitments"], brief.commitments, described, MEANING_MATCH)
    c["pred_commitments"], c["tp_commitments"] = len(brief.commitments), len(commitments)
    for e, p in commitments:
        amount = (p.amount.value, p.amount.currency) if p.amount else (None, None)
        c["amount_right"] += amount == (e["value"], e["currency"])
        c["deadline_right"] += (p.deadline.iso if p.deadline else None) == e["deadline"]

    events = _pairs(expected["context"], brief.context,
                    lambda e, p: fuzz.token_set_ratio(_norm(e["statement"]), _norm(p.statement)),
                    MEANING_MATCH)  # fmt: skip
    c["pred_context"], c["tp_context"] = len(brief.context), len(events)
    c["context_date_right"] = sum((p.date.iso if p.date else None) == e["date"] for e, p in events)

    want, got = expected["meeting"], brief.meeting
    if want is None or got is None:
        c["meeting_right"] = 3 if want is None and got is None else 0
    else:
        c["meeting_right"] += (got.date.iso if got.date else None) == want["date"]
        c["meeting_right"] += _close(want["location"], got.location)
        c["meeting_right"] += {_norm(x) for x in want["parties"]} <= {_norm(x) for x in got.parties}
    return c


def candidate_counts(expected: dict[str, Any], article: Article) -> Counter[str]:
    """How many labelled participants and amounts the article's analysis proposes at all
    (people it names, money it mentions): what the ``guided`` strategy can choose from."""
    analysis = analyze(article)
    c: Counter[str] = Counter()
    for person in expected["participants"]:
        c["cand_participants_total"] += 1
        c["cand_participants_found"] += any(_same_person(person, p.name) for p in analysis.people)
    for commitment in expected["commitments"]:
        if commitment["value"] is not None:
            c["cand_amounts_total"] += 1
            c["cand_amounts_found"] += any(
                m.value == commitment["value"] and m.currency == commitment["currency"]
                for m in analysis.money
            )
    return c


def _ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to measure (never a flattering 1.0)."""
    return round(part / whole, 4) if whole else None


def _f1(tp: float, predicted: float, expected: float) -> float | None:
    return round(2 * tp / (predicted + expected), 4) if predicted + expected else None


def aggregate(counts: Iterable[Counter[str]]) -> dict[str, float | None]:
    """Metrics of a whole set from per-article counts."""
    t: Counter[str] = Counter()
    for c in counts:
        t.update(c)
    n = t["articles"] or 1
    metrics: dict[str, float | None] = {}
    for what in ("participants", "commitments", "context"):
        metrics[f"{what}_precision"] = _ratio(t[f"tp_{what}"], t[f"pred_{what}"])
        metrics[f"{what}_recall"] = _ratio(t[f"tp_{what}"], t[f"exp_{what}"])
        metrics[f"{what}_f1"] = _f1(t[f"tp_{what}"], t[f"pred_{what}"], t[f"exp_{what}"])
    metrics |= {
        "role_accuracy": _ratio(t["role_right"], t["tp_participants"]),
        "affiliation_accuracy": _ratio(t["affiliation_right"], t["tp_participants"]),
        "amount_accuracy": _ratio(t["amount_right"], t["tp_commitments"]),
        "deadline_accuracy": _ratio(t["deadline_right"], t["tp_commitments"]),
        "context_date_accuracy": _ratio(t["context_date_right"], t["tp_context"]),
        "meeting_accuracy": _ratio(t["meeting_right"], t["meeting_fields"]),
        "faithfulness": _ratio(t["items_kept"], t["items_emitted"]),
        "evidence_verified_rate": _ratio(t["evidence_verified"], t["evidence_total"]),
        "candidate_participants_recall": _ratio(
            t["cand_participants_found"], t["cand_participants_total"]
        ),
        "candidate_amounts_recall": _ratio(t["cand_amounts_found"], t["cand_amounts_total"]),
        "schema_valid_rate": _ratio(t["valid"], t["articles"]),
        "overall": None,
        "attempts_per_article": round(t["attempts"] / n, 2),
        "tokens_per_article": round(t["tokens"] / n, 1),
        "seconds_per_article": round(t["millis"] / n / 1000, 3),
    }
    metrics["overall"] = round(sum(metrics[m] or 0.0 for m in OVERALL) / len(OVERALL), 4)
    return metrics


def regressions(current: dict[str, float | None], baseline: dict[str, float | None],
                tolerance: float) -> list[str]:  # fmt: skip
    """Quality metrics below the baseline by more than ``tolerance``, described."""
    found = []
    for name in QUALITY:
        now, before = current.get(name), baseline.get(name)
        if now is not None and before is not None and now < before - tolerance:
            found.append(f"{name}: {now:.4f} < baseline {before:.4f} - {tolerance}")
    return found


def replayed(
    path: Path, strategy: Strategy | None = None, *, allow_stale: bool = False
) -> Summarizer | str:
    """A summarizer that replays the recording at ``path`` with the strategy and attempts it
    was made with (``strategy`` for recordings that do not say), or why there is none. A
    request the recording did not answer raises ``StaleRecording`` unless ``allow_stale``."""
    if not path.exists():
        return f"no recording {path}"
    options = replay_options(load_recording(path))
    options["strategy"] = options["strategy"] or strategy
    provider = ReplayProvider.from_file(path, allow_stale=allow_stale)
    return Summarizer(provider=provider, cache=False, **options)


def run_set(
    expected: list[dict[str, Any]],
    summarizer_for: Callable[[dict[str, Any]], Any],
    root: Path,
    *,
    after: Callable[[dict[str, Any]], None] | None = None,
) -> tuple[dict[str, float | None], list[dict[str, Any]]]:
    """Summarize every labelled article with ``summarizer_for(label)`` and score the set.

    ``summarizer_for`` returns a ``Summarizer``, or a string saying why there is none (a
    missing recording); a failed or missing brief counts as not schema-valid. ``after(label)``
    is called once each article is done (to save its recording).
    """
    rows, counts = [], []
    for label in expected:
        article = read_article(root / label["article"])
        summarizer = summarizer_for(label)
        result, error = None, None
        if isinstance(summarizer, str):
            error = summarizer
        else:
            try:
                result = summarizer.summarize(article)
            except StaleRecording:
                raise  # scores of answers to other questions would mean nothing
            except SummarizerError as exc:
                error = f"{type(exc).__name__}: {exc}"
            finally:
                if after is not None:
                    after(label)
        c = score(label, result) + candidate_counts(label, article)
        counts.append(c)
        rows.append({"article": label["article"], "ok": result is not None, "error": error,
                     "counts": dict(c)})  # fmt: skip
    return aggregate(counts), rows
