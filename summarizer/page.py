"""The HTML view of a result: one self-contained page, the brief beside the article.

Every verified evidence span is highlighted in the article and linked both ways: a brief item
links to each of its spans (``[N]`` to ``#ev-N``), and each span opens with its number linking
back to its item (``#item-...``). All
text, the article's above all, is escaped; the page has no script, and its Content Security
Policy forbids scripts, images and any request, so markup inside an article renders as text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape
from typing import Any

from .result import BriefResult

__all__ = ["render_html"]

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;grid-template-columns:1fr 1fr;
gap:2rem;padding:1.5rem;color:#222}
h1{font-size:1.3rem;margin:.2rem 0} h2{font-size:1.05rem;margin:1.2rem 0 .3rem}
.article{white-space:pre-wrap;border-left:1px solid #ccc;padding-left:1.5rem}
mark.ev{background:#fff1a8} mark.ev a{color:inherit;text-decoration:none}
li:target,a.back:target{background:#ffc46b} sup a.back{font-size:.7rem;color:#b60}
li{margin:.3rem 0} .cite a{font-size:.8rem;margin-left:.2rem} .meta{color:#666;font-size:.85rem}
.unverified{color:#a00}
"""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    number: int
    item: str


def _items(result: BriefResult) -> list[tuple[str, str, str, Any]]:
    """(section heading, item id, one-line description, item) in reading order."""
    b = result.brief
    rows: list[tuple[str, str, str, Any]] = []
    if b.meeting:
        m = b.meeting
        when = f" on {m.date.iso or m.date.text}" if m.date else ""
        where = f" in {m.location}" if m.location else ""
        rows.append(("Meeting", "item-meeting", f"{m.kind}{when}{where}", m))
    for i, p in enumerate(b.participants):
        desc = ", ".join(x for x in (p.role, p.affiliation, p.side) if x)
        rows.append(
            (
                "Participants",
                f"item-participants-{i}",
                f"{p.name}" + (f" — {desc}" if desc else ""),
                p,
            )
        )
    for i, c in enumerate(b.commitments):
        amount = (
            f" — {c.amount.value:,.0f} {c.amount.currency} ({c.amount.text})" if c.amount else ""
        )
        rows.append(("Commitments", f"item-commitments-{i}", f"{c.description}{amount}", c))
    for i, x in enumerate(b.context):
        when = f"{x.date.iso or x.date.text}: " if x.date else ""
        rows.append(("Context", f"item-context-{i}", f"{when}{x.statement}", x))
    for i, q in enumerate(b.quotes):
        rows.append(
            ("Quotes", f"item-quotes-{i}", f"“{q.text}” — {q.speaker or 'unattributed'}", q)
        )
    return rows


def _marked_article(text: str, spans: list[_Span]) -> str:
    """The article, escaped, with each span highlighted; overlaps split into pieces.

    Each span opens with its number, a link back to its own item (``[N]`` in the brief links
    here); the highlighted text links to the innermost item covering it.
    """
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        out += [
            f'<sup><a class="back" id="ev-{s.number}" href="#{s.item}">{s.number}</a></sup>'
            for s in spans
            if s.start == a
        ]
        covering = [s for s in spans if s.start <= a and s.end >= b]
        piece = escape(text[a:b])
        if covering:
            inner = min(covering, key=lambda s: s.end - s.start)
            items = " ".join(sorted({s.item for s in covering}))
            out.append(
                f'<mark class="ev" data-items="{escape(items)}">'
                f'<a href="#{escape(inner.item)}">{piece}</a></mark>'
            )
        else:
            out.append(piece)
    return "".join(out)


def render_html(result: BriefResult, article: str) -> str:
    """The page for ``result`` of ``article`` (the exact text its offsets index)."""
    spans: list[_Span] = []
    sections: dict[str, list[str]] = {}
    for heading, item_id, description, item in _items(result):
        links = []
        for evidence in item.evidence:
            if evidence.verified and evidence.start is not None and evidence.end is not None:
                spans.append(_Span(evidence.start, evidence.end, len(spans) + 1, item_id))
                links.append(f'<a href="#ev-{len(spans)}">[{len(spans)}]</a>')
            else:
                links.append('<span class="unverified">[not found]</span>')
        cite = f'<span class="cite">{"".join(links)}</span>'
        sections.setdefault(heading, []).append(
            f'<li id="{item_id}">{escape(description)}{cite}</li>'
        )
    brief, report = result.brief, result.grounding
    body = [f"<h1>{escape(brief.title)}</h1>", f"<p>{escape(brief.summary)}</p>"]
    for heading, rows in sections.items():
        body += [f"<h2>{heading}</h2>", "<ul>", *rows, "</ul>"]
    body.append(
        f'<p class="meta">{report.evidence_verified}/{report.evidence_total} evidence passages '
        f"verified; {report.dropped} dropped, {report.flagged} flagged ({report.policy}). "
        f"{escape(result.run.model)} via {escape(result.run.provider)}.</p>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>{escape(brief.title)}</title><style>{_CSS}</style></head>\n<body>"
        f'<main class="brief">{"".join(body)}</main>\n'
        f'<section class="article">{_marked_article(article, spans)}</section>'
        "</body></html>\n"
    )
