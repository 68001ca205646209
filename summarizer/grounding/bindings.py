"""Bindings: each value belongs to its own item, not merely to the article.

Checked against the article's analysis (``summarizer.analysis``), each finding naming the value
and where it does belong:

- a participant's **role** and **affiliation** stand next to this person's name in some mention
  ("Turkish President Recep Tayyip Erdogan", "Maria Ruiz, Acme's chairwoman"); one found only
  next to another name is that person's;
- a commitment's **amount**, a deadline's or an event's **date words**, and the meeting's
  **location** and **date** lie in the item's own evidence (or the sentence holding it);
- a quote's **speaker** is the one its sentence attributes it to ("said X", "X said", "X's
  spokesman said");
- a commitment's **status** agrees with the verbs of its evidence (extend, renew, continue ->
  continued; reaffirm -> reaffirmed).

Each check returns a problem (a sentence) or None; ``ground`` applies the policy.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from ..analysis import Analysis, Person
from ..analysis.events import city_countries, country_words
from ..analysis.lexicon import DEMONYMS, HONORIFICS, REAFFIRM_VERBS
from ..analysis.people import country_of_adjective, resolve_affiliation
from ..proposal import continuing, promising
from ..spans import acronym, acronyms_of, normalize, unaccented
from .claims import content_words, stem

__all__ = [
    "affiliation_problem",
    "amount_party_problem",
    "call_place_problem",
    "clause_problem",
    "in_evidence",
    "later_place_problem",
    "paid_in",
    "role_problem",
    "said_of",
    "speaker_problem",
    "stating_passage",
    "status_problem",
    "title_of",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SAME = 90.0
# "affairs": "Minister of Foreign Affairs" is the "foreign minister".
_DROP_WORDS = frozenset("the a an of for and its his her their affairs".split())


def _key(text: str) -> str:
    return " ".join(unaccented(normalize(text)[0]).replace("'s ", " ").split())


def _words(text: str) -> set[str]:
    return {w for w in (x.casefold() for x in _WORD.findall(text)) if w not in _DROP_WORDS}


def _same_title(given: str, known: str) -> bool:
    """A title as given and as written next to the name: equal up to case and small words, or
    one holding the other's words ("Prime Minister" in "Pakistani Prime Minister")."""
    a, b = _words(given), _words(known)
    a -= set(DEMONYMS)
    if not a or not b:
        return False
    if a | b <= _JUDGE:  # "Judge" for "Justice Rosnah Kamaruddin"
        return True
    return a <= b or b <= a or fuzz.ratio(_key(given), _key(known)) >= _SAME


#: A judge's title, both ways it is written before a name: one title, the whole title.
_JUDGE = frozenset({"judge", "justice"})


def _exact_title(given: str, known: str) -> bool:
    """The same title, up to case, small words and the country's adjective."""
    words = _words(given) - DEMONYMS.keys()
    return bool(words) and words == _words(known) - DEMONYMS.keys()


def _owner(analysis: Analysis, value: str, attribute: str, same: Any) -> Person | None:
    """The person of the article one of whose mentions carries ``value``."""
    for person in analysis.people:
        if any(same(value, v) for v in getattr(person, attribute)):
            return person
    return None


def role_problem(analysis: Analysis, name: str, role: str) -> str | None:
    """Why ``role`` is not ``name``'s, or None when a mention of them carries it."""
    person = analysis.person(name)
    if person is None:
        return None  # a name the analysis does not know: the name check speaks for it
    exact = _owner(analysis, role, "roles", _exact_title)
    if (
        exact is not None
        and exact is not person
        and not any(_exact_title(role, known) for known in person.roles)
    ):  # "First Deputy Prime Minister" is Beridze's, though Mammadli is "Deputy Prime Minister"
        return f"role {role!r} is written next to {exact.name}, not {person.name}"
    if any(_same_title(role, known) for known in person.roles):
        return None
    if title_of(analysis, name, role) or said_of(analysis, name, role):
        return None  # "spokeswoman for the prime minister", "adviser on construction"
    owner = _owner(analysis, role, "roles", _same_title)
    if owner is not None and owner is not person:
        return f"role {role!r} is written next to {owner.name}, not {person.name}"
    if not person.roles and _near(analysis, person, role):
        return None  # no title found by the analysis: the words stand beside the name
    known = f" (the article calls them {person.roles[0]!r})" if person.roles else ""
    return f"role {role!r} is not written next to {person.name}{known}"


#: One form for titles written for a man, a woman or either, and for a title's adjective.
_TITLE_FORMS = {
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "presidential": "president", "presidency": "president", "ministerial": "minister",
    "governmental": "government",
    "parliamentary": "parliament", "mayoral": "mayor",
}  # fmt: skip
_LINK_WORDS = frozenset("to in on at with responsible charge".split())


_CEO = re.compile(r"\b(?:CEO|chief executive officer)\b", re.I)
#: Titles written as initials: "PM", "FM", "EVP".
_INITIALS = {"PM": "prime minister", "FM": "foreign minister", "EVP": "executive vice-president",
             "VP": "vice-president", "CFO": "chief financial officer",
             "COO": "chief operating officer", "MD": "managing director",
             "DG": "director-general", "PS": "permanent secretary",
             "EU": "European"}  # fmt: skip  # "EU commissioner": the European one
_INITIALS_WORD = re.compile(r"\b(?:" + "|".join(_INITIALS) + r")\b")


def _spelled(text: str) -> str:
    """``text`` with a title's initials written out ("PM": "prime minister")."""
    return _INITIALS_WORD.sub(lambda m: _INITIALS[m.group()], _CEO.sub("chief executive", text))


def _title_words(text: str) -> set[str]:
    text = _spelled(text)
    words = {re.sub(r"['’]s$", "", w) for w in _words(text)} - _LINK_WORDS
    return {_singular(_TITLE_FORMS.get(w, w)) for w in words}


def _singular(word: str) -> str:
    """ "emergency" for "emergencies", "situation" for "situations" (titles say either)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def title_of(analysis: Analysis, name: str, role: str) -> bool:
    """Whether ``role`` is a title the article writes next to this person, in other words:
    its words are those of the title ("chair" for "chairwoman", "head of the Darkhan heating
    utility" for "head of Darkhan's heating utility"), of the affiliation written with it
    ("EBRD managing director for Central Asia"), or of the one whose title it serves, named
    in the possessive before it ("spokeswoman for the prime minister" for "Whitford's
    spokeswoman", Whitford being Prime Minister; "presidential spokesman")."""
    person = analysis.person(name)
    given = _title_words(role) - DEMONYMS.keys()
    if person is None or not given:
        return False
    if role.casefold() in _JUDGE and any(_same_title(role, known) for known in person.roles):
        return True  # "Judge" for "Justice Rosnah Kamaruddin"
    for mention in person.mentions:
        if mention.role is None or mention.role_span is None:
            continue
        known = _title_words(mention.role)
        wanted = given
        if "head" in given and known & _LEADING:  # "head of" a body its president leads
            wanted = (given - {"head"}) | (known & _LEADING)
        if not known & wanted:
            continue
        allowed = known | _title_words(mention.affiliation or "")
        # the initials of a body the title names ("GCF" for "Green Climate Fund's director")
        allowed |= acronyms_of(mention.role) | acronyms_of(mention.affiliation or "")
        for _, country in city_countries(mention.role):  # "ambassador in Rabat": to Morocco
            allowed |= _title_words(country)
        for named in _FOR_NAME.finditer(mention.role):  # "spokeswoman for Haddad-Salameh":
            principal = analysis.person(named.group(1))  # the title of the one served
            for title in principal.roles if principal not in (None, person) else []:
                allowed |= _title_words(title)
        start, _ = analysis.sentences[mention.sentence]
        before = analysis.text[start : mention.role_span[0]]
        if owner := _TITLE_OWNER.search(before):
            # "the bank's country representative": the owner (and the organisation the word
            # stands for, with its initials: "IDB"), and the words between
            word = owner.group(1)
            allowed |= {word.casefold()} | _title_words(owner.group(2))
            org = resolve_affiliation(word, analysis.text)
            if org != word:  # with its initials: "IDB", "IsDB"
                allowed |= _title_words(org) | acronyms_of(org)
            principal = analysis.person(word)
            for title in principal.roles if principal is not None else []:
                allowed |= _title_words(title)
        if "minister" in known:  # "the planning minister" at the Ministry of Planning and ...
            end = analysis.sentences[mention.sentence][1]
            for ministry in _MINISTRY.findall(analysis.text, start, end):
                words = _title_words(ministry)
                if words & known:
                    allowed |= words
        if wanted <= allowed:
            return True
    return False


#: A name after "for" in a title: "spokeswoman for Haddad-Salameh".
_FOR_NAME = re.compile(r"\bfor\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)")
#: A ministry's name: "Ministry of Planning and International Cooperation".
_MINISTRY = re.compile(
    r"\bMinistry\s+(?:of|for)\s+((?:[A-Z][\w’'-]*|and|of|the)(?:\s+(?:[A-Z][\w’'-]*|and|of|the))*)"
)


#: A possessive before a title, and up to two words between: "the bank's country".
_TITLE_OWNER = re.compile(r"([^\W\d_][\w.-]*)['’]s\s+((?:[a-z][\w-]*\s+){0,2})$")
#: Titles of whoever leads a body: its "head".
_LEADING = frozenset("president chair chief director leader head governor secretary".split())


def said_of(analysis: Analysis, name: str, words: str) -> bool:
    """Whether every content word of ``words`` (a role put in other words: "adviser on
    construction", "chair of the port's board") stands in a sentence that names this person,
    nearer to their name than to anyone else's ("Sir Alan ... has been appointed to advise on
    construction"; not "Dame Rosalind Pryce, chair of the shipbuilder, attended with Owain
    Bevan"), an agent noun matching its verb."""
    person = analysis.person(name)
    words = _spelled(words)
    wanted = [_TITLE_FORMS.get(w.casefold(), w) for w in content_words(words)]
    if person is None or not wanted:
        return False
    for n in sorted({m.sentence for m in person.mentions}):
        start, end = analysis.sentences[n]
        names = analysis.mentions_in(start, end)
        ours: set[str] = set()
        for token in _TOKEN.finditer(analysis.text, start, end):
            # a word of another name is that name, not a word said of its bearer ("who heads
            # Electricité du Cambodge", the analysis taking the company's name for a person's)
            others = [pm for pm in names if not pm[1].start <= token.start() < pm[1].end]
            if not others:
                continue
            nearest = min(others, key=lambda pm: abs(pm[1].start - token.start()))
            if nearest[0] is person:
                ours.add(stem(token.group()))
        for mention in (m for m in person.mentions if m.sentence == n):
            # "Meas Chanthou, who heads Electricité du Cambodge (EDC), ...": the clause is theirs
            if who := _WHO.match(analysis.text, mention.end, end):
                ours |= {stem(t) for t in _TOKEN.findall(who.group(1))}
        if all(stem(w) in ours or (w.endswith("er") and stem(w[:-1]) in ours) for w in wanted):
            return True
    return False


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: A relative clause on a name: ", who heads Electricité du Cambodge (EDC),".
_WHO = re.compile(r",\s+who\s+([^,;.]+)")


def _same_party(given: str, known: str) -> bool:
    a, b = _key(given), _key(known)
    if a == b or DEMONYMS.get(a) == known or DEMONYMS.get(b) == given:
        return True
    aw, bw = _words(given), _words(known)
    if (given.isupper() and acronym(known) == given) or (
        known.isupper() and acronym(given) == known
    ):
        return True  # "EBRD" for "European Bank for Reconstruction and Development"
    return bool(aw and bw and (aw <= bw or bw <= aw))


def _countries(words: str, text: str) -> set[str]:
    """The countries ``words`` name or imply by an adjective ("Kenya National Grid Authority",
    "Pakistani", "Lutavian" when the article names Lutavia)."""
    found = set()
    for token in _WORD.findall(words):
        low = token.casefold()
        if low in DEMONYMS:
            found.add(DEMONYMS[low])
        elif (country := country_of_adjective(token, text)) is not None:
            found.add(country)
    found.update(
        country for _, country, word in country_words(words) if word == country or " " in word
    )  # the country's name, or another of several words ("Côte d'Ivoire", "Cabo Verde")
    return found


def _said_in_relative_clause(analysis: Analysis, person: Person, affiliation: str) -> bool:
    """Whether a relative clause on one of the person's mentions names the affiliation."""
    for mention in person.mentions:
        _, end = analysis.sentences[mention.sentence]
        who = _WHO.match(analysis.text, mention.end, end)
        clause = who.group(1) if who else ""
        if clause and (
            any(_same_party(affiliation, c) for _, c, _ in country_words(clause))
            or _key(affiliation) in _key(clause)
        ):
            return True
    return False


#: An owner written inside a title: "Green Climate Fund's regional director".
_OWNER_IN = re.compile(r"([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['’]s\s")
#: An affiliation written as an owner's part: "Luangwa's board".
_OWNED = re.compile(r"^([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['’]s\s+[a-z]")


def affiliation_problem(analysis: Analysis, name: str, affiliation: str) -> str | None:
    """Why ``affiliation`` is not ``name``'s, or None.

    The article's own words next to the name can be narrower than a model's fair summary of
    them ("the governor of Mendoza" is Argentina's): an affiliation is only held wrong when it
    names another country than theirs, or another organisation that someone else belongs to.
    """
    person = analysis.person(name)
    if person is None or not person.affiliations:
        return None  # nothing written next to the name to hold it against
    # "chairman of Luangwa's board": Luangwa's, and the organisation the owner's name stands for
    owners = [m.group(1) for k in person.affiliations if (m := _OWNED.match(k))]
    # "the Green Climate Fund's regional director": the owner written in the title
    owners += [m.group(1) for r in person.roles for m in _OWNER_IN.finditer(r)]
    known = [*person.affiliations, *(resolve_affiliation(o, analysis.text) for o in owners)]
    if any(_same_party(affiliation, k) for k in known):
        return None
    if _said_in_relative_clause(analysis, person, affiliation):
        return None  # "Dr Mubarak Al-Enezi, who heads Kuwait's Public Authority for Manpower"
    theirs = set().union(*(_countries(k, analysis.text) for k in known))
    given = _countries(affiliation, analysis.text)
    postings = set().union(*(_countries(r.partition(" to ")[2] or r.partition(" in ")[2],
                                        analysis.text) for r in person.roles))  # fmt: skip
    if given and given <= postings - theirs:  # "The IDB's representative in Honduras"
        return (
            f"affiliation {affiliation!r} is where {person.name} is posted, not whom they "
            f"serve (the article gives {known[0]!r})"
        )
    owner = _owner(analysis, affiliation, "affiliations", _same_party)
    # a country, or an organisation whose name holds one ("Malaysian Rubber Products Workers'
    # Union" is the union's, not Malaysia's)
    key = _key(affiliation).casefold()
    a_country = key in DEMONYMS or key in {country.casefold() for country in given}
    other_org = owner is not None and owner is not person and not a_country
    # Another organisation the article names, where the words next to the name name theirs
    # ("A spokesman for Vandersmissen, Wout De Smet" is not Sinar Padu Cocoa's).
    named = any(_same_party(affiliation, p) for p in analysis.parties) or any(
        _same_party(affiliation, p.name) for p in analysis.people if not p.roles
    )
    other_org = other_org or (named and not given and all(k[:1].isupper() for k in known))
    if (theirs and given and not theirs & given) or (other_org and not theirs):
        where = f"; it is {owner.name}'s" if owner is not None and owner is not person else ""
        return (
            f"affiliation {affiliation!r} is not written next to {person.name} (the article "
            f"gives {known[0]!r}){where}"
        )
    return None


def _near(analysis: Analysis, person: Person, words: str, reach: int = 80) -> bool:
    """Whether ``words`` stand within ``reach`` characters of a mention of ``person``."""
    needle = normalize(words)[0]
    for mention in person.mentions:
        start, end = analysis.sentences[mention.sentence]
        window = analysis.text[max(start, mention.start - reach) : min(end, mention.end + reach)]
        if needle and needle in normalize(window)[0]:
            return True
    return False


def in_evidence(
    analysis: Analysis, evidence: list[dict[str, Any]], words: str, *, widen: bool = True
) -> tuple[bool, str | None]:
    """Whether ``words`` lie in one of the verified passages (``widen``: or the sentences
    holding them); else where in the article they are (a sentence number, from 1)."""
    needle = normalize(words)[0]
    if not needle:
        return True, None
    for e in evidence:
        if not e.get("verified"):
            continue
        start, end = analysis.widened(e["start"], e["end"]) if widen else (e["start"], e["end"])
        if needle in normalize(analysis.text[start:end])[0]:
            return True, None
    folded = normalize(analysis.text)
    at = folded[0].find(needle)
    if at == -1:
        return False, None
    return False, f"sentence {analysis.sentence_at(folded[1][at]) + 1}"


def _without_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def speaker_problem(analysis: Analysis, quote: str, speaker: str) -> str | None:
    """Why the article does not attribute ``quote`` to ``speaker``, or None."""
    needle = normalize(quote)[0]
    found = [q for q in analysis.quotes if needle and needle in normalize(q.text)[0]]
    found = found or [q for q in analysis.quotes if normalize(q.text)[0] in needle]
    if not found:
        return None
    q = found[0]
    speaker = _without_honorific(speaker)  # "Dame Judith Harcourt" is Judith Harcourt
    given = analysis.person(speaker)
    if q.speaker is not None:
        if given is q.speaker:
            return None
        if given is None and _key(speaker) in _key(q.speaker.name):
            return None
        return f"the article attributes the quote to {q.speaker.name}, not {speaker}"
    if q.attribution is None:
        return None  # the analysis found no attribution: nothing to hold it against
    if _key(speaker) in _key(q.attribution) or _key(q.attribution) in _key(speaker):
        return None
    if given is not None:
        return f"the article attributes the quote to {q.attribution!r}, not {speaker}"
    return None


_LATER = re.compile(r"\b(?:will|would|next|again|later|upcoming|to be held|planned)\b", re.I)


def later_place_problem(evidence: list[dict[str, Any]], location: str) -> str | None:
    """Why ``location`` is not where the meeting took place: the only evidence passages naming
    it speak of a later meeting ("will meet again in Valparaíso in August")."""
    needle = normalize(location)[0]
    holding = [e for e in evidence if e.get("verified") and needle in normalize(e["text"])[0]]

    def later(passage: str) -> bool:
        folded = normalize(passage)[0]
        at = folded.find(needle)
        return bool(_LATER.search(folded[max(0, at - _LATER_REACH) : at + len(needle) + 20]))

    if holding and all(later(e["text"]) for e in holding):
        return f"location {location!r} is where a later meeting is to be held"
    return None


_LATER_REACH = 60


def call_place_problem(kind: str, evidence: list[dict[str, Any]], location: str) -> str | None:
    """Why a telephone call has no ``location``: no passage says anyone was in it ("a call on
    Wednesday ... the ferry between Colombo and Malé" puts nobody in Malé)."""
    if not re.search(r"\b(?:call|phone|telephone|video)\b", kind, re.I):
        return None
    needle = normalize(location)[0]
    for e in evidence:
        folded = normalize(e["text"])[0]
        at = folded.find(needle)
        if at != -1 and re.search(r"\b(?:in|at|from)\s+(?:the\s+)?$", folded[max(0, at - 12) : at]):
            return None
    return (
        f"location {location!r}: a call has no meeting place, and no passage puts its people there"
    )


#: A clause that opens with a verb: the subject stands before it, outside the passage.
_NO_SUBJECT = re.compile(r"^\s*(?!(?:and|but|while|whereas|with)\b)[a-z]")


def amount_party_problem(
    analysis: Analysis, evidence: list[dict[str, Any]], words: str, parties: list[str]
) -> str | None:
    """Why the amount ``words`` is another party's: the clause holding it names a party, not one
    of the item's ("Namibia will pay N$1.9 billion ... and Botswana 2.1 billion pula")."""
    if not parties:
        return None
    needle = normalize(words)[0]
    for e in evidence:
        if not e.get("verified"):
            continue
        for clause in _CLAUSES.split(e["text"]):
            if needle not in normalize(clause)[0]:
                continue
            if _NO_SUBJECT.match(clause):
                continue  # "agreed on Monday to buy Zambian rival Luangwa": no subject of its own
            # The clause's subject: a party named at its head, not as an owner ("Malaysia's").
            head = clause.strip()[:_HEAD]
            named = {p for p in analysis.parties if _names(head, p) and not _names_owner(head, p)}
            ours = {p for p in named if any(_same_party(q, p) for q in parties)}
            if named and not ours:
                return (
                    f"{words!r} is {sorted(named)[0]}'s, in its own clause: another fact's amount"
                )
    return None


def paid_in(
    analysis: Analysis, evidence: list[dict[str, Any]], words: str, given: str | None
) -> str | None:
    """The currency of the amount ``words`` when it is written in a word several countries use
    ("4 billion kronor"), the article says whose it is (the analysis reads it: the country
    that pays it, or the only such country it names), and it is not ``given``; else None."""
    needle = normalize(words)[0]
    for e in evidence:
        if not e.get("verified"):
            continue
        for m in analysis.money:
            if (
                m.currency_from == "context"
                and e["start"] <= m.start < e["end"]
                and m.currency != given
                and normalize(m.text)[0] in needle
            ):
                return m.currency
    return None


#: Where a sentence's clauses part: a comma (not one before a year), a semicolon,
#: "and", and the words that join a second event to the first ("ten days after", "when").
_CLAUSE_BREAK = re.compile(
    r",\s+(?!\d{4}\b)|;\s+|\s+(?:and|but|after|before|when|while|whereas|once)\s+", re.IGNORECASE
)


def clause_problem(
    analysis: Analysis, evidence: list[dict[str, Any]], words: str, statement: str, kind: str
) -> str | None:
    """Why the amount or date ``words`` belongs to another part of its sentence, when the
    sentence holds another mention of the same ``kind`` ("money" or "dates"):

    - the passages cited hold the other one and not this one ("and again on April 22, when
      ... operations were postponed", cited for a date of March 11);
    - this one is the figure a change starts from ("raise its credit line from €1.5 billion to
      €2 billion", "raise the wage to Rs 1,750 from Rs 1,350");
    - the statement covers the other's clause much more than this one's ("Work is to start by
      May 15, and the first coal plant is to close by October 1, 2027": the plant's closing is
      October's; "The bank will put $150 million into the fund and Guyana $60 million", for
      Guyana's). A statement that copies the whole sentence covers every clause."""
    wanted = {stem(w) for w in content_words(statement)}
    names = {stem(w) for w in content_words(statement) if w[:1].isupper()}
    needle = normalize(words)[0]
    cited = [e for e in evidence if e.get("verified")]
    for e in cited:
        start, end = analysis.widened(e["start"], e["end"])
        mentions = [m for m in getattr(analysis, kind) if start <= m.start < end]
        ours = [m for m in mentions if normalize(m.text)[0] == needle]
        # Another date can be this item's only if it falls on the same side of the article's
        # date: an event's day ("on Wednesday") is no deadline ("by Dec. 31, 2028").
        side = {getattr(m, "past", None) for m in ours}
        others = [m for m in mentions if normalize(m.text)[0] != needle
                  and not (len(side) == 1 and None not in side
                           and getattr(m, "past", None) not in (None, *side))]  # fmt: skip
        if not ours or not others:
            continue
        inside = [m for m in others if any(c["start"] <= m.start < c["end"] for c in cited)]
        held = any(c["start"] <= m.start < c["end"] for m in ours for c in cited)
        if inside and not held:
            return f"{words!r} is not in the passage cited, which says {inside[0].text!r}"
        if held and not inside:
            continue  # the passage cited holds this one alone: it is the item's
        if any(analysis.change_start(m) for m in ours):
            return f"{words!r} is the figure before the change, not the one it makes"
        given = max(_coverage(analysis, m, start, end, wanted)[0] for m in ours)
        own_names = any(_coverage(analysis, m, start, end, names)[1] for m in ours)
        for m in others:
            share, found, clause = _coverage(analysis, m, start, end, wanted)
            named = not own_names and _coverage(analysis, m, start, end, names)[1] > 0
            if share >= given + _CLEARLY and (found >= 2 or named):
                return (
                    f"{words!r} is not what its evidence says of this item: "
                    f"{m.text!r} is, in {clause!r}"
                )
    return None


#: How much more of another clause a statement must cover for a value to be that clause's.
_CLEARLY = 0.4


def _coverage(
    analysis: Analysis, mention: Any, start: int, end: int, wanted: set[str]
) -> tuple[float, int, str]:
    """The clause of the sentence ``start:end`` holding ``mention``: the share of its words
    (the mention's own aside) among the ``wanted`` stems, how many, and the clause."""
    breaks = [start]
    stop = end
    for b in _CLAUSE_BREAK.finditer(analysis.text, start, end):
        if b.end() <= mention.start:
            breaks.append(b.end())
        elif b.start() >= mention.end:
            stop = b.start()
            break
    own = {stem(w) for w in content_words(mention.text)}
    while True:  # a clause that is the date alone (", on March 3,") belongs to the one before
        at = breaks.pop()
        clause = analysis.text[at:stop]
        words = {stem(w) for w in content_words(clause)} - own
        if words or not breaks:
            break
    found = len(words & wanted)
    return (found / len(words) if words else 0.0), found, clause.strip()


_CLAUSES = re.compile(
    r",\s+and\s+|;\s+|\s+and\s+(?=[A-Z])|,\s+while\s+|\s+while\s+"
    r"|,\s+(?=[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+(?:[$€£¥₹]|\d))"  # ", Honduras 400 million"
)


_HEAD = 30


def _names_owner(text: str, party: str) -> bool:
    return bool(re.search(rf"\b{re.escape(party)}['’]s\b", text))


def _names(text: str, party: str) -> bool:
    """Whether ``text`` names ``party`` as written (not an adjective: "Inter-American")."""
    return bool(re.search(rf"(?<![\w-]){re.escape(party)}\b", text))


def stating_passage(analysis: Analysis, evidence: list[dict[str, Any]], words: str) -> str | None:
    """Why the passage holding ``words`` (an amount) does not state the commitment: neither it
    nor its sentence speaks of a promise or a future ("So far the two governments have put
    €2.1 billion into it"). The sentence counts: "They also agreed | to share the cost of a
    £180m upgrade" cites the second half."""
    needle = normalize(words)[0]
    holding = [e for e in evidence if e.get("verified") and needle in normalize(e["text"])[0]]

    def sentence(e: dict[str, Any]) -> str:
        return analysis.text[slice(*analysis.widened(e["start"], e["end"]))]

    if holding and not any(promising(sentence(e), money=True) for e in holding):
        return f"{words!r} is in a passage that states no commitment: another fact's amount"
    return None


def status_problem(evidence_text: str, status: str) -> str | None:
    """Why ``status`` disagrees with the verbs of the evidence, or None."""
    verbs = continuing(evidence_text)  # not "under the renewed terms": an adjective
    if verbs and status == "new":
        return f"status 'new', but the evidence says {sorted(verbs)[0]!r}: continued"
    words = {w.casefold() for w in _WORD.findall(evidence_text)}
    if words & REAFFIRM_VERBS and status == "new":
        return "status 'new', but the evidence reaffirms: reaffirmed"
    return None
