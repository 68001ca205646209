"""Render a result for people and programs.

``json`` is the whole envelope; ``markdown`` a readable brief; ``html`` one self-contained page
with the evidence highlighted in the article (``page.py``); ``pretty`` the brief in colour for a
terminal (rich).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any, Literal

from .brief import DateRef, Evidence
from .page import render_html
from .result import BriefResult

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["json", "markdown", "html", "pretty"]
FORMATS: tuple[Format, ...] = ("json", "markdown", "html", "pretty")


def render(result: BriefResult, fmt: Format = "json", *, article: str | None = None) -> str:
    """The result as text in ``fmt``, ending with a newline. ``html`` needs the article text."""
    if fmt == "html":
        if article is None:
            raise ValueError("the html format needs the article text")
        return render_html(result, article)
    renderers: dict[str, Callable[[BriefResult], str]] = {
        "json": render_json,
        "markdown": render_markdown,
        "pretty": render_pretty,
    }
    return renderers[fmt](result)


def render_pretty(result: BriefResult, *, width: int = 100) -> str:
    """The Markdown brief drawn by rich, with colours, for a terminal."""
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(file=io.StringIO(), force_terminal=True, width=width)
    console.print(Markdown(render_markdown(result)))
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def render_json(result: BriefResult) -> str:
    return result.model_dump_json(indent=2) + "\n"


def _date(ref: DateRef | None) -> str:
    if ref is None:
        return ""
    return f"{ref.iso} ({ref.text})" if ref.iso else f"{ref.text} (date not fixed)"


def _cite(evidence: Iterable[Evidence]) -> str:
    parts = [
        f'"{e.text}" [{e.start}:{e.end}]' if e.verified else f'"{e.text}" [not found]'
        for e in evidence
    ]
    return "; ".join(parts)


def _line(*parts: Any) -> str:
    return ", ".join(str(p) for p in parts if p)


def render_markdown(result: BriefResult) -> str:
    brief, out = result.brief, []
    out += [f"# {brief.title}", "", brief.summary, ""]
    if brief.dateline and (brief.dateline.date or brief.dateline.place):
        out += [f"*{_line(brief.dateline.place, brief.dateline.date)}*", ""]
    if brief.meeting:
        m = brief.meeting
        out += ["## Meeting", "", f"- **Kind:** {m.kind}"]
        out += [f"- **When:** {_date(m.date)}"] if m.date else []
        out += [f"- **Where:** {m.location}"] if m.location else []
        out += [f"- **Parties:** {', '.join(m.parties)}"] if m.parties else []
        out += [f"- **Purpose:** {m.purpose}"] if m.purpose else []
        out += [f"- **Outcome:** {m.outcome}"] if m.outcome else []
        out += [f"- *Evidence:* {_cite(m.evidence)}", ""]
    sections: list[tuple[str, list[Any], Callable[[Any], str]]] = [
        ("Participants", brief.participants,
         lambda p: f"**{p.name}**" + (f" — {_line(p.role, p.affiliation, p.side)}"
                                      if _line(p.role, p.affiliation, p.side) else "")),
        ("Commitments", brief.commitments,
         lambda c: f"{c.description} ({_line(c.kind, c.status)})"
         + (f" — {c.amount.text} = {c.amount.value:,.0f} {c.amount.currency}" if c.amount else "")
         + (f" — by {_date(c.deadline)}" if c.deadline else "")),
        ("Context", brief.context,
         lambda x: (f"{_date(x.date)}: " if x.date else "") + x.statement),
        ("Quotes", brief.quotes,
         lambda q: f"“{q.text}”" + (f" — {q.speaker}" if q.speaker else "")),
    ]  # fmt: skip
    for heading, items, describe in sections:
        if not items:
            continue
        out += [f"## {heading}", ""]
        for item in items:
            out += [f"- {describe(item)}", f"  - *Evidence:* {_cite(item.evidence)}"]
        out.append("")
    report, run = result.grounding, result.run
    out += [
        "---",
        f"*Grounding ({report.policy}): {report.evidence_verified}/{report.evidence_total} "
        f"evidence passages verified; {report.dropped} dropped, {report.flagged} flagged, "
        f"{report.corrected} corrected. Model {run.model} via {run.provider}, "
        f"{run.attempts} attempt(s), {run.usage.total_tokens} tokens.*",
    ]
    out += [f"- `{f.path}` {f.action}: {f.problem}" for f in report.findings]
    return "\n".join(out) + "\n"
