"""Proposal: the brief that code reads from an article's analysis, item by item, with rules.

``propose(analysis)`` returns the sections of a ``BriefDraft`` (meeting, participants,
commitments, context, quotes) as plain data, every item's evidence being whole sentences of
the article, every value words of those sentences. It is what the ``guided`` strategy offers a
model as candidates, and what it keeps where the model's choice measured worse than the rule's
(docs/strategies.md). The rules, each measured on both labelled sets:

- **meeting**: a meeting word (met, talks, summit, visit, call, conference) in the article's
  lead; its place is the first place named in that sentence, else in a sentence saying where
  talks were held, else the dateline's (not for a call); its date the first date there.
- **participants**: people named in a sentence about the meeting or its delegations (meeting
  words, "delegation", "accompanied", "represented", "chaired", "signed"...); with no meeting,
  the people the article gives a title.
- **commitments**: clauses with a verb of commitment (agreed, pledged, promised, signed, will
  invest...) outside quotes; one per amount when a sentence lists several.
- **context**: sentences that date an event before the article's date and are neither the
  meeting's nor a commitment's.
- **quotes**: every quote of three words or more, with the speaker its attribution names.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .analysis import Analysis, DateMention, MoneyMention, Person
from .analysis.lexicon import (
    COMMIT_VERBS,
    CONTINUE_VERBS,
    COUNTRIES,
    MEETING_CUES,
    REAFFIRM_VERBS,
    SPOKES_WORDS,
)
from .brief import PASSAGE_MAX_CHARS, BriefDraft

__all__ = [
    "PARTICIPATION_WORDS",
    "committing",
    "continuing",
    "lead_sentences",
    "promising",
    "propose",
]

#: Words that put the people of a sentence at the meeting (or in its delegations).
PARTICIPATION_WORDS = frozenset(
    """
    met meet meets meeting talks negotiations negotiated summit visit visited call telephone
    phone spoke conference delegation delegations team accompanied accompanying accompany
    represented attended chaired led hosted signed signing counterpart mediator
    brought sent included joined headed ceremony
    """.split()
)
#: At a meeting, who pledges, announces or commits there takes part ("New Zealand's foreign
#: minister, Tama Rewiti, committed NZ$150m").
_ACTS = re.compile(
    r"\s*,?\s*(?:[^,.;]{0,80},\s*)?(?:also\s+|has\s+|had\s+)?(?:"
    + "|".join(sorted((COMMIT_VERBS - {"will"}) | {"announced", "unveiled"}))
    + r")\b",
    re.I,
)
_LEAD_SHORT = 80
_NAMING_DATE = re.compile(r"\b(?:a|an|the|its|their)\s+$")
_RECENT_DAYS = 31  # a meeting of these people this recent is the news, told again
_NEWS_DAYS = 3  # a meeting dated this close to the article's date is the news, not background
_FUTURE_EVENT = re.compile(
    r"\b(?:will|is due to|are due to|is to|are to|is expected to|are expected to|plans to)\b",
    re.I,
)  # a first "sentence" shorter than this is a headline: the lead goes on
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_CLAUSE_SPLIT = re.compile(r",\s+and\s+|;\s+|,\s+|\s+and\s+(?=[A-Z])|:\s+|\s+[–—]\s+")
_NOT_COMMIT = frozenset("had has have was were asked said rose fell lost cost estimated".split())
_DEADLINE_WORDS = ("by", "until", "before", "within", "no later than", "the end of")
_DEADLINE_BEFORE = re.compile(r"\b(?:" + "|".join(_DEADLINE_WORDS) + r")\s+$", re.I)
_MIN_QUOTE_WORDS = 3


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _passage(text: str) -> str:
    """A sentence as evidence: whole, or its opening words when longer than a passage may be."""
    text = text.strip()
    if len(text) <= PASSAGE_MAX_CHARS:
        return text
    return text[:PASSAGE_MAX_CHARS].rsplit(" ", 1)[0]


def _outside_quotes(analysis: Analysis, start: int, end: int) -> str:
    """The text between the offsets with the quoted words blanked out."""
    chars = list(analysis.text[start:end])
    for q in analysis.quotes:
        for i in range(max(q.start, start), min(q.end, end)):
            chars[i - start] = " "
    return "".join(chars)


def _headline(analysis: Analysis) -> bool:
    """Whether the first line is a headline: short, with no sentence end."""
    first = analysis.sentence_text(0).rstrip() if analysis.sentences else ""
    return bool(first) and len(first) < _LEAD_SHORT * 2 and first[-1] not in '.!?:"”'


def lead_sentences(analysis: Analysis) -> list[int]:
    """The sentences of the lead: the first, and the next when the first is a headline."""
    lead = [0] if analysis.sentences else []
    if analysis.sentences and (len(analysis.sentence_text(0)) < _LEAD_SHORT or _headline(analysis)):
        lead.append(1)
    return [n for n in lead if n < len(analysis.sentences)]


def propose(analysis: Analysis) -> dict[str, Any]:
    """Meeting, participants, commitments, context and quotes read by rules (draft data)."""
    meeting, meeting_sentences = _meeting(analysis)
    participants = _participants(analysis, meeting is not None)
    commitments, commitment_sentences = _commitments(analysis)
    context = _context(analysis, meeting_sentences | commitment_sentences, participants)
    if meeting is not None:
        parties = meeting["parties"]
        for person in participants:
            for affiliation in _affiliations(analysis, person["name"]):
                if affiliation not in parties and affiliation[:1].isupper():
                    parties.append(affiliation)
    return {
        "meeting": meeting,
        "participants": participants[: _LIMITS["participants"]],
        "commitments": commitments[: _LIMITS["commitments"]],
        "context": context[: _LIMITS["context"]],
        "quotes": _quotes(analysis)[: _LIMITS["quotes"]],
    }


def _max_items(section: str) -> int:
    for meta in BriefDraft.model_fields[section].metadata:
        if hasattr(meta, "max_length") and meta.max_length is not None:
            return int(meta.max_length)
    return 10


#: The brief's own list limits (``brief._Brief``): a long article proposes its first items.
_LIMITS = {name: _max_items(name) for name in ("participants", "commitments", "context", "quotes")}


def _affiliations(analysis: Analysis, name: str) -> list[str]:
    person = analysis.person(name)
    return person.affiliations if person else []


def _date_ref(mention: DateMention | None) -> dict[str, Any] | None:
    if mention is None:
        return None
    return {"iso": mention.day.isoformat() if mention.day else None, "text": mention.text}


_OPENING = 3  # sentences of the body where the news is told


def _news_day(analysis: Analysis) -> Any:
    """The first day the lead dates (the news), or the article's date."""
    days = [d.earliest for n in lead_sentences(analysis)
            for d in analysis.in_sentence(n, analysis.dates) if d.earliest is not None]  # fmt: skip
    return min(days) if days else analysis.date


def _meeting(analysis: Analysis) -> tuple[dict[str, Any] | None, set[int]]:
    opening = range(_OPENING + (len(lead_sentences(analysis)) - 1))
    news_day = _news_day(analysis)
    # A signing the day before it was announced is the news: "said on Tuesday it had agreed
    # ... The agreement was signed in Casablanca on Monday".
    cues = [
        c for c in analysis.cues
        if c.sentence in opening and not _earlier(analysis, c.sentence, news_day, eve=_EVE)
    ]  # fmt: skip
    if not cues:  # a feature tells its news further down: a meeting of the past week
        cues = [c for c in analysis.cues
                if c.kind in _MET and _this_week(analysis, c.sentence)][:1]  # fmt: skip
    if not cues:
        return None, set()
    cue = cues[0]
    n = cue.sentence
    start, end = analysis.sentences[n]
    evidence = [n]
    places = [
        p for p in analysis.places if start <= p.start < end and not _later_place(analysis, p)
    ]
    dateline = analysis.dateline
    if dateline is not None and any(p.text == dateline.text for p in places):
        places = [p for p in places if p.text == dateline.text] + places
    # Where they met: a place right after a meeting verb ("signed the deal at State House in
    # Nairobi", "talks held in Cairo") in the opening sentences comes first.
    met = [p for m in opening if m < len(analysis.sentences)
           for p in analysis.places if _met_at(analysis, p, *analysis.sentences[m])]  # fmt: skip
    if met:
        places = [met[0], *places]
        evidence.append(analysis.sentence_at(met[0].start))
    # A city or a venue says more than a country: "talks in Nigeria ... at the foreign
    # ministry in Abuja" is Abuja.
    towns = [p for p in places if p.text not in COUNTRIES and p.text not in analysis.parties]
    places = towns[:1] + places
    location = _venue(analysis, places[0]) if places and cue.kind != "phone call" else None
    if location is None and cue.kind != "phone call":
        for m, (s_start, s_end) in enumerate(analysis.sentences):
            sentence = analysis.text[s_start:s_end].casefold()
            held = [p for p in analysis.places if s_start <= p.start < s_end]
            if _earlier(analysis, m, news_day) or _LAST_MET.search(sentence):
                continue  # "last met in Warsaw on 14 April": an earlier meeting's place
            if held and re.search(r"\b(?:held|took place|met)\b", sentence):
                location = held[0].text
                evidence.append(m)
                break
    if location is None and cue.kind != "phone call" and analysis.dateline is not None:
        location = analysis.dateline.text
    days = [d for m in evidence for d in analysis.in_sentence(m, analysis.dates)
            if d.past is not False]  # fmt: skip
    days += [d for m in lead_sentences(analysis) for d in analysis.in_sentence(m, analysis.dates)
             if d.past is not False and d.day is not None]  # fmt: skip
    # The dateline's day is when the story was filed: "SEOUL, June 18 -- ... talks on
    # Wednesday" met on Wednesday. It counts only when nothing else dates the meeting.
    days.sort(key=lambda d: _in_dateline(analysis, d))
    when = next((d for d in days if d.day is not None), days[0] if days else None)
    sentence_text = analysis.text[start:end]
    parties = [p for p in analysis.parties if _named_in(p, sentence_text)]
    evidence = list(dict.fromkeys(evidence))
    if when is not None:
        # The date's own sentence is evidence, so that its words are bound to the meeting.
        dated = analysis.sentence_at(when.start)
        evidence = [*[m for m in evidence if m != dated][:2], dated]
    evidence = sorted(evidence[:3])
    return {
        "kind": cue.kind,
        "date": _date_ref(when),
        "location": location,
        "parties": parties,
        "purpose": None,
        "outcome": None,
        "evidence": [_passage(analysis.sentence_text(m)) for m in evidence],
    }, set(evidence)


_DATELINE_HEAD = re.compile(r"^\s*[A-Z][A-Z .'’/-]+,\s*$")


def _in_dateline(analysis: Analysis, mention: DateMention) -> bool:
    start, _ = analysis.sentences[analysis.sentence_at(mention.start)]
    return bool(_DATELINE_HEAD.match(analysis.text[start : mention.start]))


_MET_AT = re.compile(
    r"\b(?:met|meet|meets|meeting|talks|held|hosted|signed|summit|visit|visited|gathered|"
    r"negotiations)\b[^.;]{0,50}?\b(?:at|in)\s+(?:the\s+)?$",
    re.I,
)
_VENUE = re.compile(r"\bat\s+(?:the\s+)?((?:[\w’'-]+\s+){1,6}?)in\s+$")


def _met_at(analysis: Analysis, place: Any, start: int, end: int) -> bool:
    if not start <= place.start < end or _later_place(analysis, place):
        return False
    return bool(_MET_AT.search(analysis.text[max(start, place.start - 80) : place.start]))


def _venue(analysis: Analysis, place: Any) -> str:
    """The place with the venue the article names in it: "State House in Nairobi"."""
    m = _VENUE.search(analysis.text[max(0, place.start - 60) : place.start])
    if m and m.group(1).strip() and m.group(1).split()[0][:1].isupper():
        return f"{' '.join(m.group(1).split())} in {place.text}"
    return str(place.text)


#: Days before the news day on which the event it reports may have happened.
_EVE = 3
#: How recent a meeting told outside the opening must be to be the news, and what kinds
#: count there (not "told the Post by phone", not a leader's visit to a disaster).
_WEEK = 7
_MET = frozenset({"meeting", "talks", "summit", "signing"})
#: "last met in Warsaw on 14 April": an earlier meeting.
_LAST_MET = re.compile(r"\blast met\b", re.I)


def _this_week(analysis: Analysis, n: int) -> bool:
    """Whether sentence ``n`` dates something to the week before the article ("On Friday,
    ministers from both countries met in Struga"), and nothing earlier."""
    if analysis.date is None or _LAST_MET.search(analysis.sentence_text(n)):
        return False
    days = [d.day for d in analysis.in_sentence(n, analysis.dates)]
    week = analysis.date - dt.timedelta(days=_WEEK)
    return bool(days) and all(d is not None and week <= d <= analysis.date for d in days)


def _earlier(analysis: Analysis, n: int, news_day: Any, *, eve: int = 0) -> bool:
    """Whether sentence ``n`` tells of a day before the news ("met ... last week"). A date
    that names a thing ("a 2024 commitment") does not say when this happened. With ``eve``, a
    day up to that many days before the news is the news's own ("signed on Monday", told on
    Tuesday); a span ("last week") is not."""
    dated = [
        d
        for d in analysis.in_sentence(n, analysis.dates)
        if not _NAMING_DATE.search(analysis.text[max(0, d.start - 6) : d.start])
    ]

    def before(d: DateMention) -> bool:
        if d.day is not None and eve:
            return bool(d.day < news_day - dt.timedelta(days=eve))
        return d.latest is not None and d.latest < news_day

    return bool(dated) and news_day is not None and all(before(d) for d in dated)


_LATER = re.compile(r"\b(?:will|next|again|later|upcoming|to be held)\b", re.I)


def _later_place(analysis: Analysis, place: Any) -> bool:
    """A place named for a later meeting: "will meet again in Valparaíso"."""
    before = analysis.text[max(0, place.start - 60) : place.start]
    return bool(_LATER.search(before))


def _named_in(party: str, sentence: str) -> bool:
    from .analysis.lexicon import COUNTRIES

    words = (party, *COUNTRIES.get(party, ()))
    low = sentence.casefold()
    # "US$400m" is dollars, not the United States.
    return any(re.search(rf"\b{re.escape(w.casefold())}\b(?![$])", low) for w in words)


def _participants(analysis: Analysis, meeting: bool) -> list[dict[str, Any]]:
    chosen: list[dict[str, Any]] = []
    for person in analysis.people:
        sentences = _taking_part(analysis, person) if meeting else _titled(person)
        if not sentences:
            continue
        chosen.append(_participant(analysis, person, sentences))
    # Those who speak for a party to it: a spokesperson of a side that takes part.
    sides = {a for p in chosen for a in _affiliations(analysis, p["name"])}
    for person in analysis.people:
        spokes = any(set(_words(r)) & SPOKES_WORDS for r in person.roles)
        new = all(p["name"] != person.name for p in chosen)
        if meeting and spokes and new and set(person.affiliations) & sides:
            chosen.append(_participant(analysis, person, person.sentences[:1]))
    return chosen


def _taking_part(analysis: Analysis, person: Person) -> list[int]:
    if {m.evidence for m in person.mentions} == {"full name"} and len(person.mentions) == 1:
        return []  # two capitalised words and nothing else: maybe not a person at all
    if _commentator(person):
        return []
    if _place(analysis, person):
        return []
    listed = _listed_sentences(analysis)
    found = []
    for n in person.sentences:
        words = set(_words(_outside_quotes(analysis, *analysis.sentences[n])))
        acts = any(m.role and _ACTS.match(analysis.text, m.end) for m in person.mentions
                   if m.sentence == n)  # fmt: skip
        if words & PARTICIPATION_WORDS or n in listed or acts:
            found.append(n)
    return found


_LOCATIVE = re.compile(r"\b(?:in|at|of|off|near|from|to|outside)\s+(?:the\s+)?$", re.I)


def _place(analysis: Analysis, person: Person) -> bool:
    """A name the article only ever writes as a place ("the lakeside town of Copacabana",
    "at the Grand Pacific Hotel"): not a person."""
    return all(
        _LOCATIVE.search(analysis.text[max(0, m.start - 30) : m.start])
        or any(p.start <= m.start < p.end for p in analysis.places)
        for m in person.mentions
    )


_LIST_ITEM_CHARS = 160
_LIST_ITEMS = 8


def _listed_sentences(analysis: Analysis) -> set[int]:
    """Lines listed after a sentence that names the meeting and ends with a colon
    ("The Sharif accompanying during the meeting was:"): the delegation's members."""
    listed: set[int] = set()
    for n in range(len(analysis.sentences)):
        text = analysis.sentence_text(n).rstrip()
        if not text.endswith(":") or not set(_words(text)) & PARTICIPATION_WORDS:
            continue
        for m in range(n + 1, min(n + 1 + _LIST_ITEMS, len(analysis.sentences))):
            if len(analysis.sentence_text(m)) > _LIST_ITEM_CHARS and m > n + 1:
                break
            listed.add(m)
    return listed


#: Titles of people who comment on the news rather than make it.
COMMENTATORS = frozenset(
    "economist analyst professor historian researcher expert fellow commentator strategist "
    "scientist lecturer academic observer".split()
)


def _commentator(person: Person) -> bool:
    return any(set(_words(r)) & COMMENTATORS for r in person.roles)


def _titled(person: Person) -> list[int]:
    if _commentator(person):
        return []
    return [m.sentence for m in person.mentions if m.role][:1]


def _participant(analysis: Analysis, person: Person, sentences: list[int]) -> dict[str, Any]:
    titled = [m for m in person.mentions if m.role]
    placed = [m for m in person.mentions if m.affiliation]
    evidence = sorted({*sentences[:2], *(m.sentence for m in titled[:1])})[:3]
    return {
        "name": person.name,
        "role": titled[0].role if titled else None,
        "affiliation": placed[0].affiliation if placed else None,
        "side": None,
        "evidence": [_passage(analysis.sentence_text(n)) for n in evidence],
    }


def _commitments(analysis: Analysis) -> tuple[list[dict[str, Any]], set[int]]:
    found: list[dict[str, Any]] = []
    used: set[int] = set()
    news_day = _news_day(analysis)
    for n, (start, end) in enumerate(analysis.sentences):
        if n == 0 and _headline(analysis):
            continue  # the headline says again what the body says
        text = _outside_quotes(analysis, start, end)
        words = _words(text)
        money_here = bool(analysis.in_sentence(n, analysis.money))
        if not committing(text, money=money_here):
            continue
        if _earlier(analysis, n, news_day) and not _FUTURE.search(text):
            continue  # told of a day before the news, and nothing to come in it
        money = analysis.in_sentence(n, analysis.money)
        clauses = _clauses(text, start)
        if text.rstrip().endswith(":") and n + 1 < len(analysis.sentences):
            # "Sharif and Erdogan accepted:" then the commitment on the next line.
            nxt_start, nxt_end = analysis.sentences[n + 1]
            nxt = _outside_quotes(analysis, nxt_start, nxt_end)
            amount = (analysis.in_sentence(n + 1, analysis.money) or [None])[0]
            item = _commitment(analysis, n + 1, (nxt_start, nxt_end, nxt), amount)
            item["evidence"] = [_passage(analysis.sentence_text(n)), *item["evidence"]]
            item["status"] = _status(set(words) | set(_words(nxt)))
            found.append(item)
            used |= {n, n + 1}
            continue
        if n in used:
            continue
        committed = [c for c in clauses if committing(c[2], money=money_here)]
        if not committed:
            # "Under the deal, Zambia will finish ...": the agreement in one clause, what is to
            # be done in the next.
            committed = [c for c in clauses if _FUTURE.search(c[2])]
        if not committed:
            continue
        items = []
        if money:
            for amount in money:
                if analysis.change_start(amount):
                    continue  # "to Rs 1,750 from Rs 1,350": the wage was, not is promised
                clause = next((c for c in clauses if c[0] <= amount.start < c[1]), None)
                if clause is None:
                    continue
                clause_words = set(_words(clause[2]))
                if not committing(clause[2], money=True) and clause_words & _NOT_COMMIT:
                    continue  # "short of the $2 billion the UN had asked for"
                if committing(clause[2], money=True) or clause is not clauses[0]:
                    items.append((clause, amount))
        if not items:
            items = [(committed[0], None)]
        made = [_commitment(analysis, n, clause, amount) for clause, amount in items]
        if len(made) == 1 and made[0]["deadline"] is None:
            # One commitment in the sentence: its deadline may stand after the clause ("signed
            # a contract ..., with the first vessel to be delivered by 15 March 2028"), unless
            # another promise comes between ("... and has promised a ballot, by 19 March").
            later = _deadline(analysis, items[0][0][1], end)
            between = analysis.text[items[0][0][1] : later.start] if later else ""
            if later is not None and not committing(between):
                made[0]["deadline"] = _date_ref(later)
            elif later is None:
                made[0]["deadline"] = _date_ref(_deadline(analysis, items[0][0][0], end))
        found.extend(made)
        used.add(n)
    return found, used


_AGREEMENT_WORDS = frozenset(
    "agreement agreements deal accord treaty pact under return exchange terms commitment".split()
)
_NEGATIONS = frozenset("not never no neither nor".split())


_FUTURE_WORDS = (
    r"\b(?:will|would|shall|must|(?:is|are|was|were) to|plans? to|aims? to|intends? to|"
    r"(?:has|have) to|(?:is|are) (?:expected|required|obliged|due) to|"
    r"expects? to|is set to|are set to|(?:is|are) (?:adding|providing|lending|giving|paying|"
    r"funding|financing|investing|contributing|supplying|offering|granting|donating))\b"
)
_FUTURE = re.compile(_FUTURE_WORDS.replace(" ", r"\s+"), re.I)  # any white space (wire copy)


#: A deal's terms in the present tense: "payments are due by March 31", "the agreement runs
#: until December 31, 2028", "basic pay rises by 22 percent from August 1", "on condition that
#: the buyer keeps all jobs", "subject to approval", "completion is expected by September 30",
#: "the loan runs for 40 years", "repeated its pledge to spend US$55 million".
_TERMS = re.compile(
    r"\bdue\s+(?:by|on|in|from)\b|\btakes?\s+effect\b|\b(?:limits|caps|restricts|requires|obliges)\b"
    r"|\bon\s+condition\s+that\b|\bsubject\s+to\b|\b(?:is|are)\s+expected\s+(?:by|on|in)\b"
    r"|\bruns?\s+for\b|\b(?:its|their|his|her)\s+(?:pledge|promise|commitment)\s+to\b"
    r"|\bset\s+(?:a\s+|themselves\s+a\s+)?(?:goal|target)\b|\b(?:until|from|through|effective|starting)"
    r"\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


def promising(text: str, *, money: bool = False) -> bool:
    """Whether a passage speaks of something to be done: a verb of commitment, of continuing
    one, a future, or a deal's terms; ``money`` when the passage holds the item's amount
    (money announced commits, as ``committing`` says)."""
    return committing(text, money=money) or bool(
        _FUTURE.search(text) or _TERMS.search(text) or continuing(text)
    )


def continuing(text: str) -> set[str]:
    """The words of continuing ``text`` uses as verbs: not as a noun or an adjective after a
    determiner ("Talks on the renewal were suspended", "under the renewed terms")."""
    tokens = _words(text)
    return {
        w for i, w in enumerate(tokens)
        if w in CONTINUE_VERBS and not (i and tokens[i - 1] in DETERMINERS)
        and not (w == "extension" and tokens[i + 1 : i + 2] and tokens[i + 1] in _TRADES)
    }  # fmt: skip


#: What "extension" names before these words is a trade, not a deal extended: "400 extension
#: workers", "agricultural extension services".
_TRADES = frozenset("worker workers officer officers service services agent agents staff".split())


# "said it would appeal", "confirmed that Australia would deliver", "said the state would set
# up", "said in a statement that Australia would provide": a party saying what it would do (a
# pronoun, a capitalised name, or an institution).
_SAID_WOULD = re.compile(
    r"\b(?:said|confirmed|announced|promised)(?:\s+in\s+a\s+statement)?\s+(?:that\s+)?"
    r"(?:(?i:it|they|we|he|she)|(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|"
    r"(?i:the\s+(?:state|government|company|bank|council|union|ministry|group)))"
    r"\s+(?:would|will)\b"
)
_SPENDING = frozenset("announced announces unveiled".split())
#: Money approved as the news ("has approved a K45 million package"), not a past approval told
#: as background ("approved a programme on March 17", "has so far approved $10 billion").
_APPROVED = re.compile(r"\b(?:has|have)\s+approved\b")
_ADJECTIVE = frozenset("a an the".split())
#: Words before a noun: a verb after one of them is used as a noun or an adjective.
DETERMINERS = frozenset("the a an its their this that".split())
_PASSIVE = frozenset("been be was were is are".split())
#: Words that deny a verb of commitment up to three words after them.
_DENIALS = frozenset("not never none no nobody neither nor".split())


def committing(text: str, *, money: bool = False) -> bool:
    """Whether a clause commits someone: a verb of commitment, not used as an adjective ("an
    extended collaboration") nor in the passive ("was signed by"), not negated; a bare "will"
    only under an agreement's terms or with an amount of money ("will spend NZ$1.4 billion");
    a party saying what it would do ("said it would appeal"); money announced."""
    words = _words(text)
    if _SAID_WOULD.search(text) or (money and (set(words) & _SPENDING or _APPROVED.search(text))):
        return True
    verbs = [
        i for i, w in enumerate(words)
        if w in COMMIT_VERBS and not (i and words[i - 1] in _ADJECTIVE)
        and not (i and words[i - 1] in _PASSIVE and "by" in words[i + 1 : i + 3])
    ]  # "an extended collaboration"; "the agreement was signed by ..."  # fmt: skip
    verbs = [i for i in verbs if not _opinion(words, i)]
    if not verbs:
        return False
    if any(words[i + 1 : i + 2] == ["not"] or set(words[max(i - 3, 0) : i]) & _DENIALS
           for i in verbs):  # fmt: skip
        return False  # "did not sign", "none has yet committed funds"
    if all(words[i] == "will" for i in verbs):
        return money or bool(set(words) & _AGREEMENT_WORDS)
    sympathy = bool(set(words) & {"condolences", "sympathy"})  # "offered condolences"
    return not (sympathy and all(words[i] == "offered" for i in verbs))


_AGREE = frozenset("agree agrees agreed".split())
_PRONOUNS = frozenset("him her them me us you".split())


def _opinion(words: list[str], i: int) -> bool:
    """Whether the verb at ``i`` agrees with someone's view ("the scientists agree with him"),
    not to do something ("agreed with him to extend", "agreed with them on a deal")."""
    return (
        words[i] in _AGREE
        and words[i + 1 : i + 2] == ["with"]
        and words[i + 2 : i + 3] != []
        and words[i + 2] in _PRONOUNS
        and words[i + 3 : i + 4] not in (["to"], ["on"])
    )


def _status(words: set[str]) -> str:
    if words & CONTINUE_VERBS:
        return "continued"
    if words & REAFFIRM_VERBS:
        return "reaffirmed"
    return "new"


def _clauses(text: str, offset: int) -> list[tuple[int, int, str]]:
    """The clauses of a sentence as (start, end, text), offsets into the article."""
    out = []
    at = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        out.append((offset + at, offset + m.start(), text[at : m.start()]))
        at = m.end()
    out.append((offset + at, offset + len(text), text[at:]))
    return [c for c in out if c[2].strip()]


def _commitment(
    analysis: Analysis, n: int, clause: tuple[int, int, str], amount: MoneyMention | None
) -> dict[str, Any]:
    start, end, _ = clause
    words = set(_words(analysis.text[start:end]))
    sentence_words = set(_words(analysis.sentence_text(n)))
    status = _status(sentence_words)
    deadline = _deadline(analysis, start, end)
    description = " ".join(analysis.text[start:end].split()).strip(" ,;:.")
    if len(description) < 20:
        description = " ".join(analysis.sentence_text(n).split())
    return {
        "description": description[:400],
        "kind": _kind(words | sentence_words, amount),
        "parties": _parties(analysis, n, start, end),
        "amount": _amount(amount),
        "deadline": _date_ref(deadline),
        "status": status,
        "evidence": [_passage(analysis.sentence_text(n))],
    }


def _parties(analysis: Analysis, n: int, start: int, end: int) -> list[str]:
    """The parties a clause names; for a clause with no subject of its own ("has agreed to buy a
    stake in Agadir's SIS" after "Alpenwerk Hydro AG, the Winterthur-based maker of pumps,";
    "which would unlock SDR 97 million"), the sentence's before it too."""
    named = [p for p in analysis.parties if _named_in(p, analysis.text[start:end])]
    sentence_start = analysis.sentences[n][0]
    first = analysis.text[start:end].split(maxsplit=1)[:1]
    if start > sentence_start and first and first[0][:1].islower():
        before = analysis.text[sentence_start:start]
        named += [p for p in analysis.parties if p not in named and _named_in(p, before)]
    return named


def _deadline(analysis: Analysis, start: int, end: int) -> DateMention | None:
    """The first date between ``start`` and ``end`` that a deadline word introduces ("by",
    "until", "no later than") and that is not past."""
    return next(
        (d for d in analysis.dates
         if start <= d.start < end and d.past is not True
         and (_DEADLINE_BEFORE.search(analysis.text[max(d.start - 20, 0) : d.start])
              or d.text.casefold().startswith(_DEADLINE_WORDS))),
        None,
    )  # fmt: skip


def _kind(words: set[str], amount: MoneyMention | None) -> str:
    if words & {"loan", "loans", "lend", "lends", "lent"}:
        return "loan"
    if words & {"invest", "invests", "investment"}:
        return "investment"
    if words & {"target", "objective", "goal"}:
        return "target"
    if words & REAFFIRM_VERBS:
        return "reaffirmation"
    if words & {"pledged", "pledge", "pledges", "promised", "promise"}:
        return "pledge"
    if words & {"agreed", "agreement", "accord", "treaty", "deal", "signed"}:
        return "agreement"
    return "other"


def _amount(mention: MoneyMention | None) -> dict[str, Any] | None:
    if mention is None or mention.currency is None:
        return None
    return {
        "value": mention.value,
        "value_max": mention.value_max,
        "currency": mention.currency,
        "text": mention.text,
    }


def _context(
    analysis: Analysis, taken: set[int], participants: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    names = {p["name"] for p in participants}
    lead = set(lead_sentences(analysis))
    # Background is older than the news: before the day the lead reports, when it says.
    # Only a day counts: "prices rose in November" does not make Nov. 9 part of the news.
    news_days = [d.day for n in lead for d in analysis.in_sentence(n, analysis.dates)
                 if d.past and d.day is not None]  # fmt: skip
    news_day = min(news_days) if news_days else analysis.date
    found = []
    for n in range(len(analysis.sentences)):
        if n in taken or n in lead:
            continue
        past = [
            d for d in analysis.in_sentence(n, analysis.dates)
            if d.past and (news_day is None or d.latest is None or d.latest < news_day)
        ]  # fmt: skip
        if not past:
            continue
        start, end = analysis.sentences[n]
        present = {p.name for p, _ in analysis.mentions_in(start, end)}
        outside = _outside_quotes(analysis, start, end)
        words = set(_words(outside))
        recent = [d for d in past if d.earliest is not None and analysis.date is not None
                  and (analysis.date - d.earliest).days <= _RECENT_DAYS]  # fmt: skip
        if present & names and words & PARTICIPATION_WORDS and recent:
            continue  # the meeting itself, told again
        if (
            _FUTURE_EVENT.search(outside)
            or len(outside.split()) < len(analysis.text[start:end].split()) / 2
        ):
            continue  # to come, not background; or a quote, not a statement of the article
        if words & set(MEETING_CUES) and all(
            d.earliest is not None
            and analysis.date is not None
            and (analysis.date - d.earliest).days <= _NEWS_DAYS
            for d in past
        ):
            continue  # the news itself: these days' talks, told again
        found.extend(_events(analysis, n, past))
    return found


def _events(analysis: Analysis, n: int, past: list[DateMention]) -> list[dict[str, Any]]:
    """The background events of sentence ``n``: one, or one per clause when its clauses date
    different events ("a strike on 4 December, the first since it was privatised in 1989")."""
    evidence = [_passage(analysis.sentence_text(n))]
    whole = {"statement": " ".join(analysis.sentence_text(n).split())[:400],
             "date": _date_ref(past[0]), "evidence": evidence}  # fmt: skip
    clauses = _clauses(analysis.sentence_text(n), analysis.sentences[n][0])
    dated = [(c, [d for d in past if c[0] <= d.start < c[1]]) for c in clauses]
    dated = [(c, ds) for c, ds in dated if ds and len(c[2].split()) >= _EVENT_WORDS]
    if len(dated) < 2:
        return [whole]
    return [{"statement": " ".join(c[2].split()).strip(" ,;.")[:400], "date": _date_ref(ds[0]),
             "evidence": evidence} for c, ds in dated[:3]]  # fmt: skip


_EVENT_WORDS = 5


def _quotes(analysis: Analysis) -> list[dict[str, Any]]:
    found = []
    for q in analysis.quotes:
        if len(q.text.split()) < _MIN_QUOTE_WORDS or len(q.text) > 400:
            continue
        speaker = q.speaker.name if q.speaker else None
        if speaker is None and q.attribution and len(q.attribution) <= 60:
            first = q.attribution.split()[0].casefold()
            if first not in ("he", "she", "they", "it", "we", "i"):
                speaker = q.attribution
        n = analysis.sentence_at(q.start)
        evidence = _passage(analysis.sentence_text(n))
        if q.text not in evidence:
            evidence = _passage(q.text) if len(q.text) >= 8 else evidence
        found.append({"text": q.text, "speaker": speaker, "evidence": [evidence]})
    return found
