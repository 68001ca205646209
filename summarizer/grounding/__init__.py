"""Grounding: every item of a brief is checked against the article by code, not by the model.

Passages are located by ``spans.TextIndex`` (exact offsets into the article, tolerant of what
models change when they copy). Each value is then held against the article's analysis
(``summarizer.analysis``): that it belongs to its own item (``bindings``), and that free text
says what its own evidence says (``claims``).

``ground()`` turns a ``BriefDraft`` into a ``NewsBrief`` under a policy:
``strict`` (any unsupported item fails), ``drop`` (unsupported items or fields are removed and
reported), ``flag`` (kept, reported, their evidence marked unverified). Dates and amounts that the
code can read from the article's own words are corrected to what the words say.

Modules, one per family of checks: ``walk`` (evidence located, phrases, dates, amounts),
``prose`` (the lead fallback), ``bindings``, ``claims``; the report (``report``) is built here,
in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..analysis import Analysis, analyze
from ..brief import BriefDraft, NewsBrief
from ..proposal import lead_sentences, promising
from ..spans import index_of, normalize
from .bindings import (
    affiliation_problem,
    amount_party_problem,
    call_place_problem,
    clause_problem,
    in_evidence,
    later_place_problem,
    paid_in,
    role_problem,
    said_of,
    speaker_problem,
    stating_passage,
    status_problem,
    title_of,
)
from .claims import claim_problem, evidence_text, surrounding_text, unstated_number
from .injection import instruction_spans, masked, prompt_echo, quoted_only
from .prose import LEAD_LIMITS, lead
from .report import Finding, GroundingReport, Policy
from .walk import Walk

__all__ = ["LEAD_LIMITS", "Finding", "GroundingReport", "Policy", "ground", "lead"]


def _items(
    walk: Walk, section: str, items: list[Any], *, single: bool = False
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


def _mentions(evidence: list[dict[str, Any]], name: str) -> bool:
    """Whether a verified passage names the person: one word of the name, of 3+ letters."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]{3,}", name)]
    texts = [e["text"].casefold() for e in evidence if e["verified"]]
    return not words or any(re.search(rf"\b{re.escape(w)}\b", t) for w in words for t in texts)


#: The title and summary of an article whose every sentence is instruction-like.
_NO_TEXT = "(no article text outside instruction-like passages)"
_DATELINE_SPAN = 300  # a dateline place stands in the article's first characters


def ground(
    draft: BriefDraft,
    article: str,
    *,
    today: dt.date | None = None,
    policy: Policy = "drop",
    hints: dict[tuple[str, int], int] | None = None,
    analysis: Analysis | None = None,
) -> tuple[NewsBrief, GroundingReport]:
    """Check ``draft`` against ``article`` and return the grounded brief with its report.

    ``hints`` maps (item path, evidence number) to an offset near which that passage was seen
    (by a chunk): of several occurrences, the nearest is taken. ``analysis`` is the
    article's (``analyze(article, today)`` when not given). Instruction-like sentences of the
    article are content, never evidence: the brief is checked against the article with them
    blanked out (``injection``).
    """
    instructions = instruction_spans(article)
    original, article = article, masked(article)
    walk = Walk(index_of(article), today, policy, hints=hints or {})
    if analysis is None or instructions:
        analysis = analyze(article, today)
    if instructions:
        start, end = instructions[0]
        walk.findings.append(Finding(
            path="article", action="removed",
            problem=f"{len(instructions)} instruction-like sentence(s) read as content, not "
            f"evidence: {_short(original[start:end])}",
        ))  # fmt: skip
    out: dict[str, Any] = {}
    for name, limit in LEAD_LIMITS.items():
        value = getattr(draft, name)
        echo = prompt_echo(value, article)  # the model leaking its instructions
        if echo:
            walk.note(name, f"{name} repeats the prompt's own words ({echo!r})", "dropped")
        number = None if echo else unstated_number(value, article)
        if number:
            walk.note(name, f"{name} states {number!r}, which the article does not", "dropped")
        if echo or number or walk.prose(name, name, value) is None:
            value = lead(article, limit) or _NO_TEXT  # all of it instruction-like: no lead
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
            # "Ministry of Finance, Tirana": checked as the article writes it ("... in Tirana")
            written = item.location and _place_written(analysis.text, item.location)
            data["location"] = walk.phrase(f"{path}.location", "location", written)
            if data["location"] is not None:
                data["location"] = _bound(walk, analysis, path, "location", data, written,
                                          widen=False)  # fmt: skip
            if data["location"] is not None:
                problem = later_place_problem(data["evidence"], data["location"]) or (
                    call_place_problem(item.kind, data["evidence"], data["location"])
                )
                data["location"] = walk.unbind(f"{path}.location", problem, data["location"])
            if data["location"] is not None:
                data["location"] = item.location
            data["date"] = walk.date(f"{path}.date", item.date)
            if data["date"] is not None and not _dates_the_news(analysis, data["date"]["text"]):
                data["date"] = _bound_date(walk, analysis, f"{path}.date", data)
            data["parties"] = [
                p for n, p in enumerate(item.parties)
                if walk.phrase(f"{path}.parties[{n}]", "party", p) is not None
            ]  # fmt: skip
            for field in ("purpose", "outcome"):
                value = walk.prose(f"{path}.{field}", field, getattr(item, field))
                if value is not None:
                    value = _claim(walk, analysis, f"{path}.{field}", field, value, data)
                data[field] = value
            out["meeting"] = data

    out["participants"] = []
    quoted = [(q.start, q.end) for q in analysis.quotes]
    for path, item, data in _items(walk, "participants", draft.participants):
        if not walk.index.contains(item.name) and walk.reject(
            path,
            f"participant {item.name!r} is not named in the article"
            + (" outside instruction-like text" if instructions else ""),
        ):
            continue
        if quoted_only(article, item.name, quoted) and walk.reject(
            path, f"participant {item.name!r} is named only inside quotation marks"
        ):
            continue
        if not _mentions(data["evidence"], item.name) and walk.reject(
            path, f"participant {item.name!r}: no evidence passage names them"
        ):
            continue
        if (
            item.role is not None
            and not walk.index.contains(item.role)
            and (
                title_of(analysis, item.name, item.role) or said_of(analysis, item.name, item.role)
            )
        ):
            data["role"] = item.role  # in other words: the person's title, or their sentence's
        else:
            data["role"] = walk.phrase(f"{path}.role", "role", item.role)
        if data["role"] is not None:
            problem = role_problem(analysis, item.name, data["role"])
            data["role"] = walk.unbind(f"{path}.role", problem, data["role"])
        if item.affiliation in analysis.parties:  # "United Kingdom" where it says "Britain"
            data["affiliation"] = item.affiliation
        else:
            data["affiliation"] = walk.prose(
                f"{path}.affiliation", "affiliation", item.affiliation, label=True
            )
        if data["affiliation"] is not None:
            problem = affiliation_problem(analysis, item.name, data["affiliation"])
            data["affiliation"] = walk.unbind(f"{path}.affiliation", problem, data["affiliation"])
        out["participants"].append(data)

    out["commitments"] = []
    for path, item, data in _items(walk, "commitments", draft.commitments):
        said = _statement(walk, analysis, path, "commitment", item.description, data)
        if said is None:
            continue
        if (
            said
            and not promising(said, money=item.amount is not None)
            and walk.reject(
                path, f"commitment {_short(item.description)}: its evidence states no commitment"
            )
        ):
            continue
        data["amount"] = walk.amount(f"{path}.amount", item.amount)
        if data["amount"] is not None:
            data["amount"] = _bound(walk, analysis, path, "amount", data, item.amount.text,
                                    statement=item.description,
                                    widen=False)  # fmt: skip
        if data["amount"] is not None:
            problem = stating_passage(analysis, data["evidence"], item.amount.text) or (
                amount_party_problem(analysis, data["evidence"], item.amount.text, item.parties)
            )
            data["amount"] = walk.unbind(f"{path}.amount", problem, data["amount"])
        if data["amount"] is not None and (
            paid := paid_in(analysis, data["evidence"], item.amount.text, item.amount.currency)
        ):
            walk.note(
                f"{path}.amount",
                f"amount {item.amount.text!r} is in {paid}, the "
                f"currency of the party paying it, not {item.amount.currency}",
                "corrected",
            )
            data["amount"]["currency"] = paid
        data["deadline"] = walk.date(f"{path}.deadline", item.deadline)
        if data["deadline"] is not None:
            data["deadline"] = _bound_date(
                walk, analysis, f"{path}.deadline", data, "deadline", statement=item.description
            )
        # The status is read from the passages cited, not the sentences around them: "agreed to
        # extend the data pact, and to begin joint patrols by March 1" has a new item too.
        cited = " ".join(e["text"] for e in data["evidence"] if e["verified"])
        if cited and (problem := status_problem(cited, item.status)):
            walk.note(f"{path}.status", problem, "corrected")
            data["status"] = "continued" if "continued" in problem else "reaffirmed"
        out["commitments"].append(data)

    out["context"] = []
    for path, item, data in _items(walk, "context", draft.context):
        if _statement(walk, analysis, path, "context", item.statement, data) is None:
            continue
        data["date"] = walk.date(f"{path}.date", item.date)
        if data["date"] is not None:
            data["date"] = _bound_date(
                walk, analysis, f"{path}.date", data, statement=item.statement
            )
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
        if (
            span is not None
            and not _quoted(analysis, span)
            and walk.reject(
                path,
                f"quote {item.text!r}: the article reports these words, it does not quote them",
            )
        ):
            continue
        if item.speaker is not None:
            problem = speaker_problem(analysis, item.text, item.speaker)
            data["speaker"] = walk.unbind(f"{path}.speaker", problem, item.speaker)
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


def _statement(
    walk: Walk, analysis: Analysis, path: str, label: str, text: str, data: dict[str, Any]
) -> str | None:
    """Check an item's statement (a commitment's description, a context event's statement):
    no name the article lacks, supported by its own evidence. Returns the evidence text
    ("" when none is verified), or None when the policy removes the item."""
    unknown = walk.unknown_names(text)
    if unknown and walk.reject(path, f"{label} names {unknown[0]!r}, not in the article"):
        return None
    said = evidence_text(analysis, _spans(data))
    what = "the description" if label == "commitment" else "the statement"
    around = surrounding_text(analysis, _spans(data), lead_sentences(analysis))
    problem = claim_problem(text, said, what, around) if said else None
    if problem and walk.reject(path, f"{label} {_short(text)}: {problem}"):
        return None
    return said


def _spans(data: dict[str, Any]) -> list[tuple[int, int]]:
    return [(e["start"], e["end"]) for e in data["evidence"] if e["verified"]]


def _quoted(analysis: Analysis, span: tuple[int, int]) -> bool:
    """Whether the words at ``span`` stand inside quotation marks in the article (one of its
    quotes overlaps them), when the article has any quotation marks at all."""
    if not analysis.quotes:
        return True
    start, end = span
    return any(q.start < end and start < q.end for q in analysis.quotes)


def _place_written(text: str, location: str) -> str:
    """The words of ``text`` that write a place given as "X, Y" ("Ministry of Finance,
    Tirana"): "X in Y", "X at Y" or "X, Y" as the article has them; else ``location``."""
    parts = [part.strip() for part in location.split(",")]
    if len(parts) != 2 or not all(parts):
        return location
    first, second = (
        r"\s+".join(re.sub("['’]", "['’]", re.escape(word)) for word in part.split())
        for part in parts
    )  # the apostrophe either way: "Baltrail's headquarters" for "Baltrail’s headquarters"
    found = re.search(rf"{first}(?:,|\s+in|\s+at)\s+(?:the\s+)?{second}", text)
    return found.group() if found else location


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _bound(
    walk: Walk,
    analysis: Analysis,
    path: str,
    field: str,
    data: dict[str, Any],
    words: str,
    *,
    widen: bool = True,
    statement: str | None = None,
) -> Any:
    """Keep ``data[field]`` when ``words`` lie in the item's own evidence (``widen``: or in the
    sentences holding it), and, given the item's ``statement``, in the clause of it that says
    what the statement says (``clause_problem``)."""
    inside, elsewhere = in_evidence(analysis, data["evidence"], words, widen=widen)
    if inside and statement is not None and field in ("amount", "date", "deadline"):
        kind = "money" if field == "amount" else "dates"
        problem = clause_problem(analysis, data["evidence"], words, statement, kind)
        return walk.unbind(f"{path}.{field}", problem, data[field])
    if inside or not _spans(data):
        return data[field]
    where = f"; the article has it in {elsewhere}" if elsewhere else ""
    problem = f"{field} {words!r} is not in this item's evidence{where}"
    return walk.unbind(f"{path}.{field}", problem, data[field])


def _dates_the_news(analysis: Analysis, words: str) -> bool:
    """Whether ``words`` date the news the article's opening tells ("Namibia and Botswana
    renewed their agreement on Wednesday"): the day of the meeting that made it."""
    needle = normalize(words)[0]
    return any(needle in normalize(analysis.sentence_text(n))[0] for n in lead_sentences(analysis))


def _bound_date(
    walk: Walk,
    analysis: Analysis,
    path: str,
    data: dict[str, Any],
    field: str = "date",
    *,
    statement: str | None = None,
) -> Any:
    item_path, _, _ = path.rpartition(".")
    words = data[field]["text"]
    return _bound(walk, analysis, item_path, field, data, words, statement=statement)


def _claim(
    walk: Walk, analysis: Analysis, path: str, what: str, value: str, data: dict[str, Any]
) -> str | None:
    said = evidence_text(analysis, _spans(data))
    if said and path.startswith("meeting."):  # what the meeting was for, or came to, is news
        said = " ".join([said, *(analysis.sentence_text(n) for n in lead_sentences(analysis))])
    problem = claim_problem(value, said, f"the {what}") if said else None
    kept: str | None = walk.unbind(path, problem, value)
    return kept
