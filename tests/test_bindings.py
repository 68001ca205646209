"""Binding and claim checks: a value that is in the article but belongs to another item is
found, named, and removed; the true brief of the example passes untouched."""

import datetime as dt
import json
from typing import Any

import pytest
from conftest import EXAMPLE, RECORDINGS

from summarizer import read_article
from summarizer.brief import BriefDraft
from summarizer.grounding import ground
from summarizer.replay import load_recording

ARTICLE = read_article(EXAMPLE)


def capable() -> dict[str, Any]:
    reply = load_recording(RECORDINGS / "pakistan-turkey.capable.hand.json")["responses"][0]
    return json.loads(reply["choices"][0]["message"]["content"])


def findings(draft: dict[str, Any]) -> dict[str, str]:
    _, report = ground(BriefDraft.model_validate(draft), ARTICLE.text, today=ARTICLE.date)
    return {f.path: f.problem for f in report.findings if f.action != "corrected"}


def test_the_true_brief_raises_no_binding_finding() -> None:
    assert findings(capable()) == {}


def test_another_persons_role_is_named_as_theirs() -> None:
    draft = capable()
    draft["participants"][2]["role"] = "President"  # Erdogan's title on Ishaq Dar
    found = findings(draft)
    assert found == {
        "participants[2].role": "role 'President' is written next to Recep Tayyip Erdogan, "
        "not Ishaq Dar"
    }


def test_the_other_partys_affiliation_is_found() -> None:
    draft = capable()
    draft["participants"][0]["affiliation"] = "Turkey"  # Sharif given the other side
    problem = findings(draft)["participants[0].affiliation"]
    assert "'Turkey' is not written next to Shehbaz Sharif" in problem
    assert "Recep Tayyip Erdogan's" in problem


def test_a_delegation_members_affiliation_comes_from_the_list_they_are_in() -> None:
    draft = capable()
    draft["participants"][2]["affiliation"] = "Turkey"  # Dar is listed in Sharif's party
    assert "participants[2].affiliation" in findings(draft)


def test_an_amount_from_another_sentence_is_not_the_commitments() -> None:
    draft = capable()
    commitment = draft["commitments"][0]
    commitment["description"] = "The two leaders were committed to deepening their partnership."
    commitment["evidence"] = ["the two leaders reviewed the whole spectrum of Pakistani-Turkey "
                              "bilateral relations and were committed to deepening their "
                              "strategic partnership"]  # fmt: skip
    problem = findings(draft)["commitments[0].amount"]
    assert problem.startswith("amount '$ 5 billion' is not in this item's evidence")
    assert "sentence" in problem  # where it is


def test_date_words_of_another_event() -> None:
    draft = capable()
    draft["context"][1]["date"] = {"iso": "2025-04-22", "text": "on April 22"}  # the attack's
    assert "context[1].date" in findings(draft)


def test_a_meeting_location_must_be_in_the_meetings_evidence() -> None:
    draft = capable()
    draft["meeting"]["location"] = "New Delhi"  # in the article, not the meeting's place
    problem = findings(draft)["meeting.location"]
    assert "'New Delhi' is not in this item's evidence" in problem


@pytest.mark.parametrize(
    ("speaker", "flagged"),
    [("Recep Tayyip Erdogan", True), ("Sharif", False), ("Shehbaz Sharif", False)],
)
def test_a_quote_is_its_attributed_speakers(speaker: str, flagged: bool) -> None:
    draft = capable()
    draft["quotes"][0]["speaker"] = speaker
    problem = findings(draft).get("quotes[0].speaker")
    assert (problem is not None) is flagged
    if flagged:
        assert problem == "the article attributes the quote to Shehbaz Sharif, not " + speaker


def test_status_new_where_the_evidence_continues_is_corrected() -> None:
    draft = capable()
    draft["commitments"][0]["status"] = "new"
    brief, report = ground(BriefDraft.model_validate(draft), ARTICLE.text, today=ARTICLE.date)
    assert brief.commitments[0].status == "continued"
    assert any(f.path == "commitments[0].status" and f.action == "corrected"
               for f in report.findings)  # fmt: skip


def test_a_negated_statement_is_found() -> None:
    draft = capable()
    draft["context"].append(
        {
            "statement": "Turkey has not welcomed Pakistan's calls for restraint.",
            "date": None,
            "evidence": ["its political messages in support of Pakistan's territorial concerns "
                         "and diplomatic calls for restraint were welcomed in Islamabad"],
        }
    )  # fmt: skip
    assert "negated" in findings(draft)["context[4]"]


def test_an_invented_commitment_with_a_real_but_unrelated_sentence_is_dropped() -> None:
    draft = capable()
    draft["commitments"].append(
        {
            "description": "Pakistan and Turkey agreed to build a joint drone factory.",
            "kind": "agreement", "parties": ["Pakistan", "Turkey"], "amount": None,
            "deadline": None, "status": "new",
            "evidence": ["Turkey is one of the few NATO members who maintains a constant support "
                         "position in Pakistan on cashmere issues"],
        }
    )  # fmt: skip
    problem = findings(draft)["commitments[1]"]
    assert "not supported by its evidence" in problem or "states no commitment" in problem


def test_a_title_naming_an_organisation_the_article_never_names() -> None:
    draft = capable()
    draft["title"] = "G7 backs Sharif and Erdogan on $5 billion trade target"
    brief, report = ground(BriefDraft.model_validate(draft), ARTICLE.text, today=ARTICLE.date)
    assert any(f.path == "title" and "'G7'" in f.problem for f in report.findings)
    assert "G7" not in brief.title


def test_flag_keeps_the_value_and_reports_it() -> None:
    draft = capable()
    draft["participants"][2]["role"] = "President"
    brief, report = ground(
        BriefDraft.model_validate(draft), ARTICLE.text, today=ARTICLE.date, policy="flag"
    )
    assert brief.participants[2].role == "President"
    assert [f.action for f in report.findings if f.path == "participants[2].role"] == ["flagged"]


def bare(title: str, summary: str, commitments: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": title, "summary": summary, "dateline": None, "meeting": None,
            "participants": [], "commitments": commitments, "context": [],
            "quotes": []}  # fmt: skip


def test_status_is_read_from_the_passage_cited_not_its_whole_sentence() -> None:
    text = (
        "The leaders agreed to extend for five years the data-sharing agreement, and to begin "
        "joint patrols by March 1."
    )
    draft = bare("Leaders agree on patrols", text, [
        {"description": "The leaders agreed to begin joint patrols", "kind": "agreement",
         "parties": [], "amount": None, "deadline": None, "status": "new",
         "evidence": ["and to begin joint patrols by March 1."]},
    ])  # fmt: skip
    brief, report = ground(BriefDraft.model_validate(draft), text, today=ARTICLE.date)
    assert brief.commitments[0].status == "new", report.findings
    draft["commitments"][0]["evidence"] = [text]
    brief, _ = ground(BriefDraft.model_validate(draft), text, today=ARTICLE.date)
    assert brief.commitments[0].status == "continued"


def test_money_announced_is_a_commitment_for_grounding_as_for_the_rules() -> None:
    text = "Australia's minister, Hannah Prescott, announced A$600m over four years for shelters."
    draft = bare("Australia announces A$600m", text, [
        {"description": "Australia announced A$600m over four years for shelters",
         "kind": "pledge", "parties": ["Australia"], "deadline": None,
         "amount": {"value": 600000000, "value_max": None, "currency": "AUD", "text": "A$600m"},
         "status": "new", "evidence": [text]},
    ])  # fmt: skip
    brief, report = ground(BriefDraft.model_validate(draft), text, today=ARTICLE.date)
    assert brief.commitments and brief.commitments[0].amount is not None, report.findings


def problems(text: str, day: str = "2026-09-17", **sections: Any) -> dict[str, str]:
    draft = bare("A brief of the story", text.split(".")[0], sections.pop("commitments", []))
    draft.update(sections)
    _, report = ground(BriefDraft.model_validate(draft), text, today=dt.date.fromisoformat(day))
    return {f.path: f.problem for f in report.findings if f.action != "corrected"}


def person(name: str, role: str | None, affiliation: str | None, passage: str) -> dict[str, Any]:
    return {"name": name, "role": role, "affiliation": affiliation, "side": None,
            "evidence": [passage]}  # fmt: skip


def test_a_title_written_whole_next_to_another_is_theirs() -> None:
    text = (
        "Georgia's delegation was led by First Deputy Prime Minister Levan Beridze. "
        "Azerbaijan's delegation was led by Deputy Prime Minister Elchin Mammadli."
    )
    wrong = person(
        "Elchin Mammadli",
        "First Deputy Prime Minister",
        "Azerbaijan",
        "Azerbaijan's delegation was led by Deputy Prime Minister Elchin Mammadli",
    )
    right = dict(wrong, role="Deputy Prime Minister")
    assert "participants[0].role" in problems(text, participants=[wrong])
    assert problems(text, participants=[right]) == {}


def test_a_call_has_no_place_but_where_someone_was() -> None:
    text = (
        "Sri Lankan President Dinesh Wijeratne and Maldivian President Ahmed Shiyam agreed in a "
        "telephone call on Wednesday to restart the ferry between Colombo and Malé."
    )
    meeting = {"kind": "phone call", "date": None, "location": "Malé", "parties": [],
               "purpose": None, "outcome": None, "evidence": [text]}  # fmt: skip
    assert "meeting.location" in problems(text, meeting=meeting)
    text_in = "Wijeratne spoke by telephone from Colombo on Wednesday with Shiyam."
    meeting = dict(meeting, location="Colombo", evidence=[text_in])
    assert "meeting.location" not in problems(text_in, meeting=meeting)


def test_an_amount_in_another_partys_clause_is_theirs() -> None:
    text = "Namibia will pay N$1.9 billion towards its section and Botswana 2.1 billion pula."
    item = {"description": "Botswana will pay for its section", "kind": "pledge",
            "parties": ["Botswana"], "deadline": None, "status": "new", "evidence": [text],
            "amount": {"value": 1.9e9, "value_max": None, "currency": "NAD",
                       "text": "N$1.9 billion"}}  # fmt: skip
    assert "commitments[0].amount" in problems(text, commitments=[item])
    ours = dict(item, parties=["Namibia"], description="Namibia will pay for its section")
    assert "commitments[0].amount" not in problems(text, commitments=[ours])


def test_a_speaker_given_with_an_honorific_is_the_same_person() -> None:
    text = "Dame Judith Harcourt will chair the board. “We start on Monday,” Harcourt said."
    quote = {"text": "We start on Monday,", "speaker": "Dame Judith Harcourt",
             "evidence": ["“We start on Monday,” Harcourt said."]}  # fmt: skip
    assert problems(text, quotes=[quote]) == {}


def test_a_quote_followed_by_another_clauses_speaker_stays_its_own() -> None:
    text = (
        "Perera told parliament on Thursday that the terminal “will be ready before the "
        "ferry is”, although opposition members said work had not yet started."
    )
    quote = {"text": "will be ready before the ferry is", "speaker": "Perera",
             "evidence": [text]}  # fmt: skip
    assert problems(text, quotes=[quote]) == {}


def test_a_currency_word_several_countries_use_is_the_payers() -> None:
    text = "Sweden pledged 4 billion kronor for two ships, and Norway 2.5 billion kroner."
    item = {"description": "Sweden pledged money for two ships", "kind": "pledge",
            "parties": ["Sweden"], "deadline": None, "status": "new", "evidence": [text],
            "amount": {"value": 4e9, "value_max": None, "currency": "NOK",
                       "text": "4 billion kronor"}}  # fmt: skip
    draft = bare("Ships", "Sweden pledged money.", [item])
    brief, report = ground(BriefDraft.model_validate(draft), text, today=dt.date(2026, 9, 17))
    assert brief.commitments[0].amount is not None
    assert brief.commitments[0].amount.currency == "SEK"
    amount = [(f.path, f.action) for f in report.findings if f.path.startswith("commitments")]
    assert amount == [("commitments[0].amount", "corrected")]
    right = dict(item, amount=dict(item["amount"], currency="SEK"))
    _, report = ground(BriefDraft.model_validate(bare("Ships", "Sweden pledged money.", [right])),
                       text, today=dt.date(2026, 9, 17))  # fmt: skip
    assert [f.path for f in report.findings if f.path.startswith("commitments")] == []


def test_a_role_in_other_words_is_kept_when_it_stands_by_this_persons_name() -> None:
    text = (
        "Sir Alan Fairclough, a former chief executive of the Port of Tyne, has been appointed "
        "to advise on construction. Dame Rosalind Pryce, chair of the shipbuilder, attended "
        "with Mr Owain Bevan, its chief executive."
    )
    passage = "Sir Alan Fairclough, a former chief executive of the Port of Tyne"
    adviser = person("Sir Alan Fairclough", "adviser on construction", None, passage)
    assert problems(text, participants=[adviser]) == {}
    # the same words, nearer another person's name, are that person's
    chair = person("Owain Bevan", "chair", None, "attended with Mr Owain Bevan")
    assert "participants[0].role" in problems(text, participants=[chair])


def test_a_statement_may_name_what_its_evidence_refers_back_to() -> None:
    text = (
        "Croatia and Slovenia agreed to build a drinking-water system for the Istrian peninsula. "
        "Officials met for two days. The water system will cost 2.5 billion euros. The European "
        "Union will pay €1.1bn of that. Croatia will pay the rest."
    )
    item = {"description": "The European Union will pay part of the cost of the water system "
            "in Istria.", "kind": "pledge", "parties": ["European Union"], "deadline": None,
            "status": "new", "evidence": ["The European Union will pay €1.1bn of that"],
            "amount": None}  # fmt: skip
    assert problems(text, commitments=[item]) == {}
    # words found only around the evidence do not carry a statement its evidence barely holds
    invented = dict(item, description="Croatia and Slovenia will build a drinking-water system "
                    "for the Istrian peninsula, the European Union said.")  # fmt: skip
    assert "commitments[0]" in problems(text, commitments=[invented])


def test_a_date_of_another_clause_of_the_sentence_is_that_clauses() -> None:
    text = "Work is to start by May 15, and the first coal plant is to close by October 1, 2027."
    item = {"description": "The first coal plant is to be shut down.", "kind": "target",
            "parties": ["Mongolia"], "amount": None, "status": "new", "evidence": [text],
            "deadline": {"iso": "2026-05-15", "text": "by May 15"}}  # fmt: skip
    found = problems(text, day="2026-02-26", commitments=[item])
    assert "by October 1, 2027" in found["commitments[0].deadline"]
    right = dict(item, deadline={"iso": "2027-10-01", "text": "by October 1, 2027"})
    assert problems(text, day="2026-02-26", commitments=[right]) == {}
    # a statement that copies the whole sentence covers every clause: no finding
    whole = dict(item, description=text.rstrip("."))
    assert problems(text, day="2026-02-26", commitments=[whole]) == {}


def test_an_amount_of_another_clause_is_that_clauses() -> None:
    text = (
        "Mareval will pay 120 million euros in cash when the deal is completed and the "
        "remaining 64 million euros in three yearly instalments."
    )
    cash = {"value": 1.2e8, "value_max": None, "currency": "EUR", "text": "120 million euros"}
    item = {"description": "The rest of the price will be paid in three yearly instalments.",
            "kind": "investment", "parties": ["Mareval"], "deadline": None, "status": "new",
            "evidence": [text], "amount": cash}  # fmt: skip
    assert "64 million euros" in problems(text, commitments=[item])["commitments[0].amount"]
    right = dict(item, amount={"value": 6.4e7, "value_max": None, "currency": "EUR",
                               "text": "64 million euros"})  # fmt: skip
    assert problems(text, commitments=[right]) == {}


def test_where_someone_is_posted_is_not_whom_they_serve() -> None:
    text = "The IDB's representative in Honduras, Paula Restrepo, said the fund was ready."
    wrong = person("Paula Restrepo", None, "Honduras", "The IDB's representative in Honduras, "
                   "Paula Restrepo")  # fmt: skip
    assert "participants[0].affiliation" in problems(text, participants=[wrong])
    right = dict(wrong, affiliation="IDB", role="representative in Honduras")
    assert problems(text, participants=[right]) == {}


@pytest.mark.parametrize(
    ("role", "kept"),
    [
        ("spokeswoman for the prime minister", True),  # the possessor's title
        ("chair", False),  # not hers: nothing says she chairs anything
        ("agriculture minister", False),  # Okoro's
    ],
)
def test_a_title_in_other_words_may_name_the_one_it_serves(role: str, kept: bool) -> None:
    text = (
        "Prime Minister Claire Whitford spoke with Agriculture Minister Daniel Okoro. "
        "Whitford’s spokeswoman, Megan Tully, briefed reporters afterwards."
    )
    tully = person("Megan Tully", role, None, "Whitford’s spokeswoman, Megan Tully")
    assert ("participants[0].role" not in problems(text, participants=[tully])) is kept


def test_initials_and_hyphenated_names_are_the_articles_own() -> None:
    text = (
        "The European Bank for Reconstruction and Development signed the loan. Pollution in "
        "Darkhan reaches ten times the World Health Organization’s limit from May to September."
    )
    event = {"statement": "Pollution in Darkhan reaches ten times the WHO limit May-to-September",
             "date": None, "evidence": ["Pollution in Darkhan reaches ten times the World "
                                        "Health Organization’s limit"]}  # fmt: skip
    assert problems(text, context=[event]) == {}
    invented = dict(event, statement="Pollution in Darkhan reaches ten times the IMF limit")
    assert "context[0]" in problems(text, context=[invented])


def test_a_deals_terms_in_the_present_tense_are_commitments() -> None:
    text = "Under the deal, basic pay rises by 22 percent from August 1. Talks were tense."
    item = {"description": "Basic pay will rise by 22 percent.", "kind": "agreement",
            "parties": ["Union"], "amount": None, "deadline": None, "status": "new",
            "evidence": ["basic pay rises by 22 percent from August 1"]}  # fmt: skip
    assert "commitments[0]" not in problems(text, commitments=[item])
    stated = dict(item, description="Talks were tense.", evidence=["Talks were tense."])
    assert "commitments[0]" in problems(text, commitments=[stated])


def test_words_reported_are_not_a_quote() -> None:
    text = (
        "Tuazon said she expected the loan agreement to be signed in Tokyo. “We are ready,” "
        "Ocampo said."
    )
    reported = "Tuazon said she expected the loan agreement to be signed in Tokyo."
    quote = {"text": "We expect the loan agreement to be signed in Tokyo", "speaker": "Tuazon",
             "evidence": [reported]}  # fmt: skip
    assert "quotes[0]" in problems(text, quotes=[quote])
    real = {
        "text": "We are ready,",
        "speaker": "Ocampo",
        "evidence": ["“We are ready,” Ocampo said."],
    }
    assert problems(text, quotes=[real]) == {}


@pytest.mark.parametrize(
    ("text", "given", "flagged"),
    [
        ("Portugal will raise its credit line to Angola from €1.5 billion to €2 billion.",
         "€1.5 billion", True),
        ("Portugal will raise its credit line to Angola from €1.5 billion to €2 billion.",
         "€2 billion", False),
        # the other order: where it goes, then where it starts from
        ("Portugal will raise its credit line to Angola to €2 billion from €1.5 billion.",
         "€1.5 billion", True),
        ("Portugal will raise its credit line to Angola to €2 billion from €1.5 billion.",
         "€2 billion", False),
    ],
)  # fmt: skip
def test_the_figure_a_change_starts_from_is_not_the_commitments(
    text: str, given: str, flagged: bool
) -> None:
    value = 1.5e9 if "1.5" in given else 2e9
    item = {"description": "Portugal will enlarge its credit line for exports to Angola.",
            "kind": "pledge", "parties": ["Portugal"], "deadline": None, "status": "new",
            "evidence": [text], "amount": {"value": value, "value_max": None,
                                           "currency": "EUR", "text": given}}  # fmt: skip
    assert ("commitments[0].amount" in problems(text, commitments=[item])) is flagged


def test_the_date_of_the_passage_cited_is_the_items() -> None:
    text = (
        "Nurses struck on March 11 and again on April 22, when about 1,800 planned operations "
        "were postponed."
    )
    event = {"statement": "Nurses struck a second time, and operations were postponed.",
             "date": {"iso": "2027-03-11", "text": "on March 11"},
             "evidence": ["and again on April 22, when about 1,800 planned operations were "
                          "postponed."]}  # fmt: skip
    assert "on April 22" in problems(text, day="2027-05-02", context=[event])["context[0].date"]
    right = dict(event, date={"iso": "2027-04-22", "text": "on April 22"})
    assert problems(text, day="2027-05-02", context=[right]) == {}


@pytest.mark.parametrize(
    ("role", "kept"),
    [
        # the possessor's organisation and its initials, and a word between: hers
        ("IDB country representative", True),
        ("country representative", True),
        # "head of" the body she presides
        ("head of the state water company OSE", True),
        ("presidential spokesman", False),  # Pereyra's, not hers
    ],
)
def test_a_title_in_other_words_may_use_its_owners_name_or_lead_word(role: str, kept: bool) -> None:
    text = (
        "The loan was signed by the Inter-American Development Bank's country representative, "
        "Lucía Salgado. The president of the state water company OSE, Graciela Duarte, "
        "attended. A spokesman for the presidency, Andrés Pereyra, said the loan mattered."
    )
    who, passage = (
        ("Graciela Duarte", "The president of the state water company OSE, Graciela Duarte")
        if "OSE" in role
        else ("Lucía Salgado", "country representative, Lucía Salgado")
    )
    item = person(who, role, None, passage)
    assert ("participants[0].role" not in problems(text, participants=[item])) is kept
    pereyra = person("Andrés Pereyra", "presidential spokesman", None,
                     "A spokesman for the presidency, Andrés Pereyra")  # fmt: skip
    assert problems(text, participants=[pereyra]) == {}


def test_a_title_the_person_holds_in_other_words_is_not_anothers() -> None:
    text = (
        "Peru's Minister of Foreign Affairs, Diego Salaverry, met Bolivia's foreign minister, "
        "Mariela Choque, in Puno."
    )
    item = person("Diego Salaverry", "foreign minister", "Peru",
                  "Peru's Minister of Foreign Affairs, Diego Salaverry")  # fmt: skip
    assert problems(text, participants=[item]) == {}
    wrong = person("Mariela Choque", "Minister of Production", "Bolivia",
                   "Bolivia's foreign minister, Mariela Choque")  # fmt: skip
    assert "participants[0].role" in problems(text, participants=[wrong])


def test_a_ceos_title_said_in_the_sentence_that_names_them() -> None:
    text = (
        "The chief executive of the cable's developer, Aigaion Interconnect SA, Eleni Papadaki, "
        "presented the route."
    )
    item = person("Eleni Papadaki", "CEO of Aigaion Interconnect", None, text.rstrip("."))
    assert problems(text, participants=[item]) == {}


@pytest.mark.parametrize(
    ("statement", "flagged"),
    [
        # the clause without the negation, in other words: no negation dropped
        ("Officials say the power price will be set by the market.", False),
        # the negated clause, its negation dropped
        ("The talks fixed the price at which Greece will buy power.", True),
    ],
)
def test_a_negation_counts_in_the_clause_the_statement_says_again(
    statement: str, flagged: bool
) -> None:
    text = (
        "Greece and Egypt held talks on the cable on Monday. The talks did not fix the price at "
        "which Greece would buy power, which officials say will be set by the market."
    )
    event = {"statement": statement, "date": None,
             "evidence": ["The talks did not fix the price at which Greece would buy power, "
                          "which officials say will be set by the market."]}  # fmt: skip
    assert ("context[0]" in problems(text, context=[event])) is flagged


def test_a_statement_in_synonyms_is_supported() -> None:
    text = "The bank signed the loan on Monday. Construction is to begin by March 1, 2028."
    item = {"description": "Construction work is due to start.", "kind": "other",
            "parties": [], "amount": None, "deadline": None, "status": "new",
            "evidence": ["Construction is to begin by March 1, 2028."]}  # fmt: skip
    assert "commitments[0]" not in problems(text, commitments=[item])


def test_an_amount_in_a_clause_without_a_subject_is_the_items() -> None:
    text = (
        "Highveld Grain Holdings, the South African miller, agreed on Monday to buy Zambian "
        "rival Luangwa Milling for R3.6 billion in cash."
    )
    item = {"description": "Highveld will purchase Luangwa Milling for R3.6 billion.",
            "kind": "agreement", "parties": ["Highveld Grain Holdings", "Luangwa Milling"],
            "deadline": None, "status": "new",
            "evidence": ["agreed on Monday to buy Zambian rival Luangwa Milling for R3.6 billion "
                         "in cash"],
            "amount": {"value": 3.6e9, "value_max": None, "currency": "ZAR",
                       "text": "R3.6 billion"}}  # fmt: skip
    assert "commitments[0].amount" not in problems(text, commitments=[item])


def test_an_affiliation_written_as_its_owner_is_theirs() -> None:
    text = (
        "Highveld's chief executive signed with Dr Chanda Mwansa, chairman of Luangwa's board. "
        "Mutale Banda, Luangwa's managing director, attended. Luangwa Milling employs 900."
    )
    item = person("Chanda Mwansa", "chairman of the board", "Luangwa Milling",
                  "Dr Chanda Mwansa, chairman of Luangwa's board")  # fmt: skip
    assert problems(text, participants=[item]) == {}


@pytest.mark.parametrize(
    ("who", "role", "passage"),
    [
        ("Meas Chanthou", "head of Electricité du Cambodge",
         "Meas Chanthou, who heads Electricité du Cambodge (EDC), welcomed the agreement"),
        ("Beatriz Olmedo", "Spanish ambassador to Morocco",
         "Spain's ambassador in Rabat, Beatriz Olmedo"),
        ("Sonja Petrovic", "PM", "Prime Minister Sonja Petrovic"),
    ],
)  # fmt: skip
def test_a_title_said_in_a_relative_clause_an_abbreviation_or_a_capital(
    who: str, role: str, passage: str
) -> None:
    text = (
        "Meas Chanthou, who heads Electricité du Cambodge (EDC), welcomed the agreement. "
        "Spain's ambassador in Rabat, Beatriz Olmedo, joined them. Prime Minister Sonja "
        "Petrovic spoke first."
    )
    assert problems(text, participants=[person(who, role, None, passage)]) == {}


def test_a_number_the_lead_states_supports_a_description() -> None:
    text = (
        "The union signed a deal with the bus operators on Thursday. Drivers get a 4.8% pay rise "
        "under it. Under the agreement, the rise will be backdated to January 1."
    )
    item = {"description": "Drivers get a 4.8% pay rise backdated to January 1.",
            "kind": "agreement", "parties": [], "amount": None, "deadline": None,
            "status": "new",
            "evidence": ["Under the agreement, the rise will be backdated to January 1"],
            }  # fmt: skip
    assert "commitments[0]" not in problems(text, commitments=[item])
    wrong = dict(item, description="Drivers get a 6.5% pay rise backdated to January 1.")
    assert "6.5" in problems(text, commitments=[wrong])["commitments[0]"]


def test_a_negation_in_one_of_several_equal_clauses_is_not_the_statements() -> None:
    text = (
        "Laos and Cambodia talked on Tuesday. Under the extended deal, which was due to expire "
        "in July, Laos will supply 300 megawatts; the price has not changed since 2022."
    )
    event = {"statement": "The 2022 deal had been due to expire.", "date": None,
             "evidence": ["which was due to expire in July"]}  # fmt: skip
    assert "context[0]" not in problems(text, context=[event])


@pytest.mark.parametrize(
    ("who", "role", "affiliation", "passage"),
    [
        ("Vikash Dookhun", "FM", "Mauritius",
         "Mauritius's Minister of Foreign Affairs, Vikash Dookhun"),
        ("Kim Dong-hyun", "EVP of Geoje Marine", None,
         "Kim Dong-hyun, executive vice-president of Geoje Marine"),
        ("Ramón Peguero", "head of Indotel", "Indotel", "Ramón Peguero, Indotel's president"),
        ("Ibrahima Diallo", "IsDB vice-president", "IsDB",
         "Ibrahima Diallo, the bank's vice-president"),
        # a relative clause names the affiliation; a side the analysis reads does not win
        ("Mubarak Al-Enezi", None, "Kuwait",
         "Dr Mubarak Al-Enezi, who heads Kuwait's Public Authority for Manpower"),
    ],
)  # fmt: skip
def test_initials_a_leading_title_and_a_relative_clause_are_the_persons(
    who: str, role: str | None, affiliation: str | None, passage: str
) -> None:
    text = (
        "Pakistan's labour minister, Sana Qureshi, spoke with Kuwait's minister. Pakistani "
        "officials attended, as did Dr Mubarak Al-Enezi, who heads Kuwait's Public Authority "
        "for Manpower. Mauritius's Minister of Foreign Affairs, Vikash Dookhun, joined. "
        "Kim Dong-hyun, executive vice-president of Geoje Marine, signed. The board is chaired "
        "by Ramón Peguero, Indotel's president. The Islamic Development Bank lent $95 million, "
        "signed by Ibrahima Diallo, the bank's vice-president."
    )
    assert problems(text, participants=[person(who, role, affiliation, passage)]) == {}


def test_a_plural_demonym_and_a_country_of_an_adjective_are_the_articles() -> None:
    text = "Bahraini shippers and a Qatari fund signed on Monday. Bahrain's line leads it."
    event = {"statement": "Bahrainis and Qatar's fund signed the deal.", "date": None,
             "evidence": ["Bahraini shippers and a Qatari fund signed on Monday."]}  # fmt: skip
    assert "context[0]" not in problems(text, context=[event])


def test_a_pledge_repeated_states_a_commitment() -> None:
    text = (
        "The regulator approved the settlement on Monday. The company repeated its pledge to "
        "spend US$55 million bringing 4G to 300 rural communities."
    )
    item = {"description": "Quisqueya will invest US$55 million in rural 4G.",
            "kind": "pledge", "parties": [], "deadline": None, "status": "reaffirmed",
            "evidence": ["The company repeated its pledge to spend US$55 million bringing 4G to "
                         "300 rural communities."],
            "amount": {"value": 5.5e7, "value_max": None, "currency": "USD",
                       "text": "US$55 million"}}  # fmt: skip
    found = problems(text, commitments=[item])
    assert "commitments[0]" not in found, found


@pytest.mark.parametrize(
    ("who", "role", "affiliation", "passage"),
    [
        # a name with a particle joined by a hyphen, and a title's initials
        ("Muna al-Rawahi", "CEO", "Sohar", "Sohar's chief executive, Muna al-Rawahi"),
        # the initials of the body the title names, and its owner as the affiliation
        ("Ingrid Salvesen", "GCF regional director for Asia", "Green Climate Fund",
         "Ingrid Salvesen, the Green Climate Fund's regional director for Asia"),
        # a plural in the title, and the ministry of the minister named beside them
        ("Nurlan Abdykadyrov", "Emergencies Minister", "Kyrgyzstan",
         "Kyrgyzstan's minister of emergency situations, Nurlan Abdykadyrov"),
        ("Rania Haddadin", "Minister of Planning and International Cooperation", "Jordan",
         "signed at the Ministry of Planning and International Cooperation in Amman by the "
         "planning minister, Rania Haddadin"),
        # accents the article does not write
        ("Awa Kone", None, "Côte d'Ivoire", "Cote d'Ivoire's trade minister, Awa Kone"),
    ],
)  # fmt: skip
def test_titles_and_affiliations_in_other_forms_are_the_persons(
    who: str, role: str | None, affiliation: str | None, passage: str
) -> None:
    text = (
        "Sohar's chief executive, Muna al-Rawahi, signed. Ingrid Salvesen, the Green Climate "
        "Fund's regional director for Asia, took part. Kyrgyzstan's minister of emergency "
        "situations, Nurlan Abdykadyrov, spoke. Jordan's loan was signed at the Ministry of "
        "Planning and International Cooperation in Amman by the planning minister, Rania "
        "Haddadin. Cote d'Ivoire's trade minister, Awa Kone, called."
    )
    assert problems(text, participants=[person(who, role, affiliation, passage)]) == {}


@pytest.mark.parametrize(
    ("who", "role", "affiliation", "passage"),
    [
        # "Judge" for "Justice", a title before the name that is also a ministry's portfolio
        ("Rosnah Kamaruddin", "Judge", None, "Justice Rosnah Kamaruddin approved the deal"),
        # a title with the body it serves after a comma, the body written as its initials
        ("Diane Mukamana", "CEO, Rwanda Development Board", "Rwanda Development Board",
         "the RDB’s chief executive, Diane Mukamana, also attended"),
        # "EU" for "European", in a title whose complement has a complement of its own
        ("Anneliese Vogt", "Head of the EU Delegation to Albania", None,
         "the head of the European Union delegation to Albania, Anneliese Vogt, also attended"),
    ],
)  # fmt: skip
def test_a_judge_initials_after_a_comma_and_the_eu_are_the_persons_titles(
    who: str, role: str, affiliation: str | None, passage: str
) -> None:
    text = (
        "Justice Rosnah Kamaruddin approved the deal. The agreement was signed at the offices of "
        "the Rwanda Development Board (RDB) in Kigali. The minister and the RDB’s chief "
        "executive, Diane Mukamana, also attended. Officials of Tirana and the head of the "
        "European Union delegation to Albania, Anneliese Vogt, also attended."
    )
    assert problems(text, participants=[person(who, role, affiliation, passage)]) == {}


def test_a_judge_is_not_a_justice_minister() -> None:
    text = "Justice Minister Ewa Nowak met the union. Judge Adam Kral heard the case."
    wrong = person("Ewa Nowak", "Judge", None, "Justice Minister Ewa Nowak met the union")
    assert "participants[0].role" in problems(text, participants=[wrong])


def test_an_organisation_named_for_a_country_is_not_that_countrys_affiliation() -> None:
    text = (
        "The hearing was attended by Serimas's chief executive, Tan Wei Lun, and by Kumar "
        "Selvaraj, general secretary of the Malaysian Rubber Products Workers' Union."
    )
    wrong = person("Tan Wei Lun", "chief executive", "Malaysian Rubber Products Workers' Union",
                   "attended by Serimas's chief executive, Tan Wei Lun")  # fmt: skip
    right = person("Tan Wei Lun", "chief executive", "Serimas",
                   "attended by Serimas's chief executive, Tan Wei Lun")  # fmt: skip
    assert "participants[0].affiliation" in problems(text, participants=[wrong])
    assert problems(text, participants=[right]) == {}


@pytest.mark.parametrize(
    ("location", "flagged"),
    [("Ministry of Finance, Tirana", False), ("Ministry of Finance, Vlorë", True)],
)
def test_a_meetings_place_and_its_city_after_a_comma(location: str, flagged: bool) -> None:
    text = (
        "The bank signed a loan with Albania on Wednesday. Finance Minister Elira Kodheli "
        "signed at the Ministry of Finance in Tirana. The plant will be built in Vlorë."
    )
    meeting = {"kind": "signing", "date": None, "location": location, "parties": [],
               "purpose": None, "outcome": None,
               "evidence": ["Finance Minister Elira Kodheli signed at the Ministry of Finance in "
                            "Tirana"]}  # fmt: skip
    assert ("meeting.location" in problems(text, meeting=meeting)) is flagged


@pytest.mark.parametrize(
    ("statement", "flagged"),
    [
        ("Water tariffs in Vlorë will stay unchanged until the plant opens.", False),
        ("Water tariffs in Vlorë will change before the plant opens.", True),
    ],
)
def test_unchanged_says_not_changed(statement: str, flagged: bool) -> None:
    passage = "Water tariffs in Vlorë will not change before the plant opens."
    text = f"The bank lent €92 million. {passage}"
    event = {"statement": statement, "date": None, "evidence": [passage]}
    assert ("context[0]" in problems(text, context=[event])) is flagged


def test_a_countrys_adjective_a_yet_to_and_a_name_opening_with_an_elision() -> None:
    text = (
        "Tajikistan signed the loan on Monday. Suriname has yet to ratify a 2023 protocol on "
        "fishing in the river. “A wage is a floor,” said Labour Court President ’Mamello "
        "Sekoati."
    )
    commitment = {"description": "The Tajik government signed the loan.", "kind": "loan",
                  "parties": [], "amount": None, "deadline": None, "status": "new",
                  "evidence": ["Tajikistan signed the loan on Monday."]}  # fmt: skip
    event = {"statement": "Suriname has not yet ratified a 2023 protocol on fishing.",
             "date": None, "evidence": ["Suriname has yet to ratify a 2023 protocol on fishing "
                                        "in the river."]}  # fmt: skip
    quote = {
        "text": "A wage is a floor",
        "speaker": "’Mamello Sekoati",
        "evidence": ["“A wage is a floor,” said Labour Court President ’Mamello Sekoati."],
    }
    found = problems(text, commitments=[commitment], context=[event], quotes=[quote])
    assert found == {}
    # the statement that drops the negation "yet to" carries is still found
    event["statement"] = "Suriname has ratified a 2023 protocol on fishing."
    assert "context[0]" in problems(text, context=[event])


def test_a_principal_named_after_for_extension_workers_and_a_venue_with_its_apostrophe() -> None:
    text = (
        "Prime Minister Karim Haddad-Salameh spoke to the president. Rania Khoury, spokeswoman "
        "for Haddad-Salameh, told reporters the deal was signed at Baltrail’s headquarters in "
        "Vilnius on Monday. Mendes said the ministry would train 400 extension workers."
    )
    khoury = person("Rania Khoury", "Spokeswoman for the Prime Minister", None,
                    "Rania Khoury, spokeswoman for Haddad-Salameh")  # fmt: skip
    signed = "the deal was signed at Baltrail’s headquarters in Vilnius"
    meeting = {"kind": "signing", "date": None, "location": "Baltrail's headquarters, Vilnius",
               "parties": [], "purpose": None, "outcome": None, "evidence": [signed]}  # fmt: skip
    trained = "Mendes said the ministry would train 400 extension workers."
    training = {"description": "The ministry will train 400 extension workers.",
                "kind": "pledge", "parties": [], "amount": None, "deadline": None,
                "status": "new", "evidence": [trained]}  # fmt: skip
    found = problems(text, participants=[khoury], meeting=meeting, commitments=[training])
    assert found == {}
