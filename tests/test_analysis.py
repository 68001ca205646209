"""Article analysis: people with the words next to their names, money, dates, quotes, cues.

Each rule on sentences written the way news is written (not the fixture articles' own)."""

import datetime as dt

import pytest
from conftest import EXAMPLE

from summarizer import read_article
from summarizer.analysis import analyze
from summarizer.proposal import propose

TODAY = dt.date(2026, 5, 12)


def people(text: str) -> dict[str, tuple[list[str], list[str]]]:
    return {p.name: (p.roles, p.affiliations) for p in analyze(text, TODAY).people}


@pytest.mark.parametrize(
    ("sentence", "name", "role", "affiliation"),
    [
        ("Turkish President Recep Tayyip Erdogan met reporters.", "Recep Tayyip Erdogan",
         "President", "Turkey"),
        ("Foreign Minister Ishaq Dar flew in on Monday.", "Ishaq Dar", "Foreign Minister", None),
        ("Minister of Information Attaullah Tarar spoke first.", "Attaullah Tarar",
         "Minister of Information", None),
        ("Maria Ruiz, Acme's chairwoman, said the bid was fair.", "Maria Ruiz", "chairwoman",
         "Acme"),
        ("The bank's president, Anneli Sorensen, signed it.", "Anneli Sorensen", "president",
         "bank"),
        ("The Regional Development Bank lent €85 million. The bank's president, Anneli "
         "Sorensen, signed it.", "Anneli Sorensen", "president", "Regional Development Bank"),
        ("The talks were led by the deputy mayor, Ruth Okafor, on behalf of the city.",
         "Ruth Okafor", "deputy mayor", None),
        ("Foreign Minister Katja Lind of Nordmark called her counterpart.", "Katja Lind",
         "Foreign Minister", "Nordmark"),
        ("Head of Staff of the Army (COAS), Marshal Syed Asim Munnir", "Syed Asim Munnir",
         "Head of Staff of the Army (COAS)", None),
        ("Peter Otieno, managing director of the Kenya National Grid Authority, attended.",
         "Peter Otieno", "managing director of the Kenya National Grid Authority",
         "Kenya National Grid Authority"),
    ],
)  # fmt: skip
def test_title_and_affiliation_written_next_to_the_name(
    sentence: str, name: str, role: str, affiliation: str | None
) -> None:
    found = people(sentence)
    assert name in found, found
    roles, affiliations = found[name]
    assert roles[0] == role
    assert (affiliations[0] if affiliations else None) == affiliation


def test_a_place_after_of_is_the_titles_complement_not_a_person() -> None:
    found = people("He was joined by the governor of Mendoza, Osvaldo Quiroga, on Friday.")
    assert "Mendoza" not in found
    assert found["Osvaldo Quiroga"] == (["governor of Mendoza"], ["Mendoza"])


def test_a_title_between_two_names_belongs_to_the_second() -> None:
    text = "Aldmere was represented by Vost, its director of operations, Pieter Lindqvist."
    found = people("Helena Vost is Aldmere's chief executive. " + text)
    assert "director of operations" not in found["Helena Vost"][0]
    assert found["Pieter Lindqvist"][0] == ["director of operations"]


def test_short_forms_are_linked_to_the_full_name() -> None:
    text = (
        "Ruth Okafor, the trade minister, arrived late. Ms Okafor said little. "
        "Later Okafor left. Mariam Al Suwaidi led the other side; Al Suwaidi smiled."
    )
    analysis = analyze(text, TODAY)
    okafor = analysis.person("Okafor")
    assert okafor is not None and okafor.name == "Ruth Okafor"
    assert [m.text for m in okafor.mentions] == ["Ruth Okafor", "Okafor", "Okafor"]
    assert okafor.roles == ["trade minister"]
    assert analysis.person("Al Suwaidi") is analysis.person("Mariam Al Suwaidi")


def test_two_capitalised_words_alone_are_not_a_person() -> None:
    found = people("Leaders of the five Baltic Rim states met in Valmora.")
    assert found == {"Baltic Rim": ([], [])} or "Baltic Rim" in found  # a candidate at most
    analysis = analyze("Leaders of the five Baltic Rim states met in Valmora.", TODAY)
    assert all(m.evidence == "full name" for p in analysis.people for m in p.mentions)


def test_hard_wrapped_wire_copy_keeps_titles_across_line_ends() -> None:
    text = (
        "ARUSHA, Feb 16 (Newswire) - Kenya and Tanzania agreed on Monday to\n"
        "extend their electricity agreement, officials said after talks.\n\n"
        "Kenyan Energy Minister Wanjiru Kamau and Tanzanian Energy Minister\n"
        "Juma Mfinanga led the talks at the Arusha International Conference\n"
        "Centre."
    )
    found = people(text)
    assert found["Juma Mfinanga"] == (["Energy Minister"], ["Tanzania"])
    assert found["Wanjiru Kamau"] == (["Energy Minister"], ["Kenya"])


def test_money_mentions_are_read_with_value_and_currency() -> None:
    text = (
        "They kept the $ 5 billion target, lent €85 million, promised 300 million Swiss francs "
        "and £25m, and 2 billion baht. About 400 people came."
    )
    money = [(m.text, m.value, m.currency) for m in analyze(text, TODAY).money]
    assert money == [
        ("$ 5 billion", 5e9, "USD"), ("€85 million", 85e6, "EUR"),
        ("300 million Swiss francs", 3e8, "CHF"), ("£25m", 25e6, "GBP"),
        ("2 billion baht", 2e9, "THB"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sweden pledged 4 billion kronor for two ships, and Norway 2.5 billion kroner.",
            [("4 billion kronor", "SEK"), ("2.5 billion kroner", "NOK")],
        ),
        (
            "Romania will spend 1.1 billion lei on the terminal, and Moldova 300 million Moldovan "
            "lei on roads.",
            [("1.1 billion lei", "RON"), ("300 million Moldovan lei", "MDL")],
        ),
        (
            "Sri Lanka will spend 3.6 billion rupees on the port. India sent no one.",
            [("3.6 billion rupees", "LKR")],
        ),
        # after the amount, but the only country of the word the article names
        (
            "Okapi promised 6 billion shillings to its agents in western Kenya.",
            [("6 billion shillings", "KES")],
        ),
        # no country of the word named: the word's default (CLDR's "kronor" are Swedish)
        (
            "The firm will spend 2.5 lakh rupees. It paid 4 billion kronor.",
            [("2.5 lakh rupees", "INR"), ("4 billion kronor", "SEK")],
        ),
        (
            "Port Louis will spend Rs 8 billion on schools, Mauritius said.",
            [("Rs 8 billion", "MUR")],
        ),
        # "K" is kina, kwacha or kyat: the payer's; one letter, so in capitals before a digit
        (
            "Papua New Guinea approved a K45 million package, with K30m for growers. Plan K 2 "
            "and k45 are no money.",
            [("K45 million", "PGK"), ("K30m", "PGK")],
        ),
        (
            "Zambia will spend K1.2 billion on roads, and Malawi MK500 million.",
            [("K1.2 billion", "ZMW"), ("MK500 million", "MWK")],
        ),
        # no country of "K" named: no default, so no amount
        ("The K45 million plan was approved in Canberra.", []),
        (
            "Nigeria's regulator fined Kobalt N750 million; its South African parent will add "
            "R1.8 billion, and Manila P5.6 billion for the Philippines' mills.",
            [("N750 million", "NGN"), ("R1.8 billion", "ZAR"), ("P5.6 billion", "PHP")],
        ),
        # a letter and a small number, unscaled: a quarter, a grade, not money
        ("Guatemala's Q3 results and its Q4 plan were due.", []),
        ("A Moroccan fund put in 2.4 million dirhams.", [("2.4 million dirhams", "MAD")]),
        # symbols several countries write: the payer's
        (
            "Seychelles will spend SR 18.5 million, and Saudi Arabia SR 2 billion.",
            [("SR 18.5 million", "SCR"), ("SR 2 billion", "SAR")],
        ),
        ("Venezuela's Mérida state will pay Bs. 6,400 a teacher.", [("Bs. 6,400", "VES")]),
        ("Denmark's tunnel toll for the Faroes is kr. 250 each way.", [("kr. 250", "DKK")]),
        # another country's dollar: never the US one, and not money when unknown
        (
            "Nurses' pay rises to B$38,500; Liberia spends L$95 million; XY$5 million is none.",
            [("B$38,500", "BSD"), ("L$95 million", "LRD")],
        ),
        ("Guinea-Bissau's government will add 4.8 billion FCFA.", [("4.8 billion FCFA", "XOF")]),
        # an article, then a code before its number: "a EUR 4.5 million grant"
        (
            "Slovakia will add a EUR 4.5 million grant and a CHF 15m fund.",
            [("EUR 4.5 million", "EUR"), ("CHF 15m", "CHF")],
        ),
    ],
)
def test_a_currency_word_several_countries_use_is_read_from_who_pays(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.currency) for m in analyze(text, TODAY).money] == expected


def test_dates_are_resolved_and_placed_before_or_after_the_article() -> None:
    text = (
        "They met on Sunday. The dispute flared in March. Talks resume in September. "
        "The plan runs to the end of 2029. The storm of January 9 cut power. He may go."
    )
    dates = {d.text: (d.day, d.past) for d in analyze(text, TODAY).dates}
    assert dates["on Sunday"] == (dt.date(2026, 5, 10), True)
    assert dates["March"] == (None, True)
    assert dates["September"] == (None, False)
    assert dates["January 9"] == (dt.date(2026, 1, 9), True)
    assert dates["the end of 2029"][1] is False
    assert "may" not in {d.lower() for d in dates}  # the verb, not the month


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We are further apart than ever," Quinn said. Dara Quinn leads the union.',
         "Dara Quinn"),
        ('"We are further apart than ever," said Dara Quinn, the union leader.', "Dara Quinn"),
        ('Bellini said the quay would "bring back the ships we lost". Marco Bellini left.',
         "Marco Bellini"),
        ('Its director, Maeve Costigan, spoke. "Seagrass is not a detail. It matters," she said.',
         "Maeve Costigan"),
        ("Tanvir Alam, a spokesman for Prime Minister Rezaul Haque, said the prime minister "
         '"sees these embankments as a wall".', "Tanvir Alam"),
        ('Prime Minister Rezaul Haque was away. A spokesman for the prime minister said he '
         '"welcomes the deal".', None),
    ],
)  # fmt: skip
def test_quote_speaker_is_the_one_the_attribution_names(text: str, speaker: str | None) -> None:
    quotes = analyze(text, TODAY).quotes
    assert len(quotes) == 1
    found = quotes[0].speaker
    assert (found.name if found else None) == speaker


def test_the_example_article_read_once() -> None:
    article = read_article(EXAMPLE)
    analysis = analyze(article)
    assert analysis is analyze(article)  # cached: built once, handed on
    names = [p.name for p in analysis.people]
    assert names == ["Shehbaz Sharif", "Recep Tayyip Erdogan", "Ishaq Dar", "Syed Asim Munnir",
                     "Attaullah Tarar"]  # fmt: skip
    assert analysis.person("Sharif").affiliations == ["Pakistan"]  # type: ignore[union-attr]
    assert analysis.person("Ishaq Dar").affiliations == ["Pakistan"]  # type: ignore[union-attr]
    assert [m.text for m in analysis.money] == ["$ 5 billion"]
    assert analysis.dateline is not None and analysis.dateline.text == "Islamabad"
    assert analysis.cues[0].word == "met" and analysis.cues[0].sentence == 0
    assert {"Pakistan", "Turkey"} <= set(analysis.parties)
    gesture = next(q for q in analysis.quotes if q.text.startswith("gesture"))
    assert gesture.speaker is not None and gesture.speaker.name == "Shehbaz Sharif"


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Shares had dropped 4% on Feb. 12. They rose later.", 2),
        ("Mr. Mamani fished the bay. He left at dawn.", 2),
        ("John F. Kennedy spoke first. Then he left.", 2),
        ("Exports fell in Feb. The rest of the year was flat.", 2),  # a month that ends one
        ("He met Plan B. Then went home.", 2),
    ],
)
def test_abbreviations_do_not_end_a_sentence(text: str, pieces: int) -> None:
    found = analyze(text, TODAY).sentences
    assert len(found) == pieces, [text[a:b] for a, b in found]


def test_a_plural_title_gives_each_listed_person_the_singular() -> None:
    text = (
        "The foreign ministers of both countries, Andrés Villagrán of Chile and Martina "
        "Goyeneche of Argentina, signed the renewal after lunch with the energy ministers, "
        "Chile's Paula Henríquez and Argentina's Joaquín Ledesma."
    )
    found = people(text)
    assert found["Andrés Villagrán"] == (["foreign minister"], ["Chile"])
    assert found["Martina Goyeneche"] == (["foreign minister"], ["Argentina"])
    assert found["Paula Henríquez"] == (["energy minister"], ["Chile"])
    assert found["Joaquín Ledesma"] == (["energy minister"], ["Argentina"])
    assert "Chile" not in found  # "Chile's Paula ...": a country, not a person


def test_a_company_written_like_a_name_keeps_its_staff_affiliation() -> None:
    text = (
        "Verhoeven Packaging agreed to buy Envases Laredo. Verhoeven said the deal was done. "
        "Rutger Smit, Verhoeven's finance chief, said it would be paid in cash."
    )
    assert people(text)["Rutger Smit"] == (["finance chief"], ["Verhoeven"])


def test_a_place_written_like_a_name_is_not_a_participant() -> None:
    text = (
        "Meeting in the Bolivian lakeside town of Copacabana, President Claudia Ríos of Peru "
        "and President Marcelo Apaza of Bolivia agreed on Saturday to create a fund. The "
        "leaders met at the Grand Pacific Hotel."
    )
    names = {p["name"] for p in propose(analyze(text, TODAY))["participants"]}
    assert names == {"Claudia Ríos", "Marcelo Apaza"}


def test_who_pledges_at_the_meeting_takes_part() -> None:
    text = (
        "Pacific leaders and donors met in Suva on Monday and pledged $1.1bn for a fund. "
        "New Zealand's foreign minister, Tama Rewiti, committed NZ$150m. The union's "
        "secretary, Colm Brennan, said workers had been promised jobs."
    )
    names = {p["name"] for p in propose(analyze(text, TODAY))["participants"]}
    assert "Tama Rewiti" in names
    assert "Colm Brennan" not in names  # "had been promised": not his pledge


def test_the_meetings_date_is_in_its_evidence() -> None:
    text = (
        "Brazil and Indonesia agreed to cut tariffs.\n\nBRASILIA, March 17 (Wire) - Brazil's "
        "president received Indonesia's president at the Planalto palace. The two leaders "
        "held talks for three hours on Tuesday."
    )
    meeting = propose(analyze(text, dt.date(2026, 3, 18)))["meeting"]
    assert meeting["date"] is not None
    assert any(meeting["date"]["text"] in passage for passage in meeting["evidence"])


def commitments(text: str, day: dt.date = TODAY) -> list[dict]:
    return propose(analyze(text, day))["commitments"]


def test_the_figure_a_change_starts_from_is_no_commitments_amount() -> None:
    found = commitments(
        "Sri Lanka's plantation companies agreed to raise the daily wage to Rs 1,750 from Rs 1,350."
    )
    assert [c["amount"]["text"] for c in found] == ["Rs 1,750"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # the subject stands before an apposition: the clause that commits has none of its own
        ("Alpenwerk Hydro AG, the Winterthur-based maker of pumps, has agreed to buy a stake in "
         "Souss Irrigation Systems for CHF 210 million.",
         ["Alpenwerk Hydro AG", "Souss Irrigation Systems"]),
        # a clause with its own subject keeps to it
        ("Sweden pledged 4 billion kronor for the ships, and Norway will pay 2.5 billion kroner.",
         ["Norway"]),
    ],
)  # fmt: skip
def test_a_commitment_without_a_subject_of_its_own_takes_its_sentences(
    text: str, parties: list[str]
) -> None:
    assert sorted(commitments(text)[-1]["parties"]) == parties


def test_a_deadline_after_the_commitments_clause_is_its_own() -> None:
    found = commitments(
        "Fjordlyn said on Monday it had signed a €140mn contract with a ferry operator, with "
        "the first vessel to be delivered by 15 March 2028."
    )
    assert [c["deadline"]["iso"] for c in found] == ["2028-03-15"]


@pytest.mark.parametrize(
    "text",
    [
        "Ferrante said Italy would provide €64 million over three years to equip the coast guard.",
        "Prime Minister Hartigan confirmed that Australia would deliver two more cargoes of gas.",
        "Sreedharan said the state would set up a project management unit within three months.",
        "Under the deal, Zambia will finish building its side of the border post by Sept. 30.",
        "The High Commission said in a statement that Australia would provide A$3 million.",
        "Papua New Guinea's government has approved a K45 million emergency package.",
    ],
)
def test_what_a_party_says_it_will_do_is_a_commitment(text: str) -> None:
    assert len(commitments(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said prices would rise in the summer.",
        # a commitment denied, a few words before its verb
        "Provinces were asked to match it, but none has yet committed funds.",
        "The bank has never signed a loan with the province.",
        # money approved in the past, told as background: not the news
        "The bank has so far approved more than $10 billion for projects in India.",
        "The government approved a €1.1bn programme on March 17 to replace old ferries.",
        # agreeing with someone's view
        "Trajanoski is not a scientist, but the scientists agree with him.",
    ],
)
def test_what_no_one_commits_to_is_no_commitment(text: str) -> None:
    assert commitments(text) == []


def test_clauses_that_date_different_events_are_different_events() -> None:
    text = (
        "The union and the company met on Monday and agreed a deal. The deal ends the dispute. "
        "Staff will get a rise. Workers staged a 24-hour "
        "strike on 4 December, the first industrial action at the company since it was "
        "privatised in 1989."
    )
    events = propose(analyze(text, dt.date(2027, 1, 14)))["context"]
    assert [e["date"]["text"] for e in events] == ["on 4 December", "1989"]


def test_the_datelines_day_gives_way_to_the_day_the_meeting_was_held() -> None:
    text = (
        "SEOUL, June 18 -- South Korea and Colombia agreed to raise trade after President Han "
        "Ji-won held summit talks with Colombian President Mateo Restrepo on Wednesday."
    )
    meeting = propose(analyze(text, dt.date(2026, 6, 18)))["meeting"]
    assert meeting["date"] == {"iso": "2026-06-17", "text": "on Wednesday"}


def test_a_signing_in_a_named_city_is_the_event() -> None:
    text = (
        "India and the bank agreed a loan on Tuesday. The agreement was signed in New Delhi by "
        "Ritu Malhotra, a secretary in the Department of Economic Affairs."
    )
    meeting = propose(analyze(text, TODAY))["meeting"]
    assert meeting is not None and meeting["location"] == "New Delhi"


def test_a_phone_call_takes_no_place_from_an_earlier_meeting() -> None:
    text = (
        "On Wednesday evening, Prime Minister Tomasz Wielgosz held a telephone conversation "
        "with the Prime Minister of Australia, Rebecca Hartigan. The joint commission last met "
        "in Warsaw on 14 April."
    )
    meeting = propose(analyze(text, dt.date(2026, 9, 10)))["meeting"]
    assert meeting["location"] is None
    assert meeting["date"]["iso"] == "2026-09-09"


def test_a_spokesman_for_a_titled_principal_takes_the_principals_side() -> None:
    text = (
        "Vilar did not travel. A spokesman for Brazilian President Celso Vilar, Rafael "
        "Teixeira, said the line would reopen."
    )
    roles, affiliations = people(text)["Rafael Teixeira"]
    assert roles[0].startswith("spokesman") and affiliations == ["Brazil"]
    assert people(text)["Celso Vilar"] == (["President"], ["Brazil"])


def test_dollars_written_us_dollar_name_no_party() -> None:
    found = commitments("Leaders met in Suva on Monday. The bank pledged US$400m in loans.")
    assert found and "United States" not in found[0]["parties"]


def test_a_deadline_after_another_promise_is_not_the_first_ones() -> None:
    found = commitments(
        "The union met the council on Monday. The GMB suspended the walkout and has promised "
        "to ballot its members, with the result to be announced by 19 March."
    )
    assert all(c["deadline"] is None for c in found if "walkout" in c["description"])


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("Argentine President Lucía Ferrante received Chilean President Tomás Irarrázaval. "
         "Ferrante was accompanied by her foreign minister, Diego Saravia. Irarrázaval brought "
         "his mining minister, Carolina Vial.",
         {"Diego Saravia": "Argentina", "Carolina Vial": "Chile"}),
        # A new delegation in the same sentence takes its own side.
        ("Leaders of Sweden and Norway met in Tallinn. Sweden sent Prime Minister Jonas Ekdahl "
         "and Linnea Sandberg, the infrastructure minister, while Norway's delegation was led "
         "by Prime Minister Eirik Haugland, with Solveig Brekke, the fisheries minister.",
         {"Linnea Sandberg": "Sweden", "Solveig Brekke": "Norway"}),
        # Delegations named with their verb understood.
        ("Leaders met in Suva on Monday. Samoa was represented by Prime Minister Laauli Faleolo "
         "and Tonga by Prime Minister Sione Fakatava. Vanuatu sent its Foreign Minister, Marcel "
         "Tari, Solomon Islands its Minister of Fisheries and Marine Resources, Judith Kwaiga.",
         {"Laauli Faleolo": "Samoa", "Sione Fakatava": "Tonga", "Marcel Tari": "Vanuatu",
          "Judith Kwaiga": "Solomon Islands"}),
        # "His delegation": the side of the one just named.
        ("Colombian President Mateo Restrepo arrived on Monday for talks. His delegation "
         "included Foreign Minister Laura Cifuentes.", {"Laura Cifuentes": "Colombia"}),
    ],
)  # fmt: skip
def test_delegation_members_take_their_sides(text: str, sides: dict[str, str]) -> None:
    found = people(text)
    assert {name: found[name][1] for name in sides} == {n: [c] for n, c in sides.items()}
    assert "Marine" not in found  # a word of a portfolio ("Marine Resources"), not a person


def _texts() -> list[str]:
    """Fixture texts, and texts of odd case and spacing."""
    from conftest import ARTICLES

    return [
        *(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))),
        "The TURKISH side, the İndian envoy and the ındian one; Pakıstani and Paſtun. U.S. aid",
        "pakistanis Pakistan's Turkey\u2019s türkiye TÜRKİYE new  zealander New Zealander",
        "Indians, INDIAN, pakistani-born Turkish-Pakistani talks, NEW ZEALANDER, uae, U.A.E.",
    ]


def test_a_country_word_is_searched_for_only_where_it_is_written() -> None:
    from summarizer.analysis.events import _COUNTRY_WORDS, _search
    from summarizer.spans import lowered

    for text in _texts():
        low = lowered(text)
        for _, word, _, pattern in _COUNTRY_WORDS:
            for start in (0, 40):
                expected = pattern.search(text, start)
                found = _search(pattern, word, text, low, start)
                assert (found and found.span()) == (expected and expected.span()), (word, text)


def test_a_title_with_a_posting_and_an_owner_in_the_possessive() -> None:
    text = (
        "Indonesia's ambassador to Australia, Rizal Hakim, listened in. Kazakhstan's Minister "
        "of Water Resources and Irrigation, Aigerim Zhaksylykova, signed the protocol."
    )
    found = people(text)
    assert found["Rizal Hakim"] == (["ambassador to Australia"], ["Indonesia"])
    assert "Irrigation" not in found  # the title's last word, not a person
    assert found["Aigerim Zhaksylykova"][0] == ["Minister of Water Resources and Irrigation"]


def test_a_quote_after_who_said_is_the_one_named_before_who() -> None:
    text = (
        "Rafael Menjívar asked that the rules be published first, a call backed by Esteban "
        "Quirós, who said: “If farmers cannot read the rules, they will not trust the money.”"
    )
    (quote,) = analyze(text, TODAY).quotes
    assert quote.speaker is not None and quote.speaker.name == "Esteban Quirós"


def test_two_titles_of_one_person_and_money_in_more_currencies() -> None:
    text = (
        "Kestrel's founder and chief executive, Thandeka Mokoena-Fourie, welcomed it. Hanamura "
        "will invest zł1.6 billion, Hungary 18 billion forints, Armenia 3.8 billion drams, and "
        "the IMF SDR 97 million."
    )
    assert people(text)["Thandeka Mokoena-Fourie"] == (["founder and chief executive"], ["Kestrel"])
    money = [(m.text, m.currency) for m in analyze(text, TODAY).money]
    assert money == [("zł1.6 billion", "PLN"), ("18 billion forints", "HUF"),
                     ("3.8 billion drams", "AMD"), ("SDR 97 million", "XDR")]  # fmt: skip


def test_a_dateline_after_the_headline_places_the_summit() -> None:
    text = (
        "date 2028-07-20\n\nThree countries to share firefighting planes after Tirana summit\n\n"
        "TIRANA – The prime ministers of Albania, North Macedonia and Montenegro agreed on "
        "Wednesday to open a shared coordination centre in Skopje, at a one-day summit in Tirana. "
        "The Tirana Declaration was signed by all three."
    )
    analysis = analyze(text, dt.date(2028, 7, 20))
    assert analysis.dateline is not None and analysis.dateline.text == "TIRANA"
    assert "Tirana Declaration" not in [p.name for p in analysis.people]  # a document's name
    assert propose(analysis)["meeting"]["location"] == "Tirana"


def test_a_courtesy_title_makes_a_person_of_a_place_word() -> None:
    text = (
        "The union's chairman, Park Jong-hoon, signed for the drivers. \"We did not strike for "
        'money alone," Mr Park said.'
    )
    analysis = analyze(text, TODAY)
    park = analysis.person("Park Jong-hoon")
    assert park is not None and [m.text for m in park.mentions] == ["Park Jong-hoon", "Park"]
    assert analysis.quotes[0].speaker is analysis.person("Park Jong-hoon")


def test_a_letter_symbols_payer_may_be_named_by_a_city() -> None:
    text = (
        "Nigeria's regulator fined Kobalt. In Johannesburg, its parent said it would inject "
        "R1.8 billion into the unit."
    )
    assert [(m.text, m.currency) for m in analyze(text, TODAY).money] == [("R1.8 billion", "ZAR")]


def test_countries_demonyms_and_bodies_of_several_words_are_no_people() -> None:
    text = (
        "SAN JOSE, Oct 22 (Newswire) – Costa Rican President Adriana Solís Mora and Sri Lankan "
        "Foreign Minister Dilan Perera spoke. Rodolfo Chaves, president of the Costa Rican "
        "Chamber of Cargo Carriers, and Vestine Uwase, president of the Gisovu Tea Growers’ "
        "Cooperative, spoke after them. Cabo Verde's Prime Minister, Arlindo Tavares, came."
    )
    analysis = analyze(text, TODAY)
    assert {p.name: p.affiliations for p in analysis.people} == {
        "Adriana Solís Mora": ["Costa Rica"],
        "Dilan Perera": ["Sri Lanka"],
        "Rodolfo Chaves": ["Costa Rican Chamber of Cargo Carriers"],
        "Vestine Uwase": ["Gisovu Tea Growers’ Cooperative"],
        "Arlindo Tavares": ["Cabo Verde"],  # a country's other name, as written
    }


def test_a_judges_title_initials_the_article_spells_out_and_a_delegations_head() -> None:
    text = (
        "Ms Justice Áine Brosnan dismissed the appeal. The deal was signed at the Rwanda "
        "Development Board (RDB). The RDB’s chief executive, Diane Mukamana, attended, as did "
        "the head of the European Union delegation to Albania, Anneliese Vogt."
    )
    analysis = analyze(text, TODAY)
    assert {p.name: (p.roles, p.affiliations) for p in analysis.people} == {
        "Áine Brosnan": (["Justice"], []),
        "Diane Mukamana": (["chief executive"], ["Rwanda Development Board"]),
        "Anneliese Vogt": (["head of the European Union delegation to Albania"],
                           ["European Union delegation to Albania"]),
    }  # fmt: skip


def test_a_speaker_in_apposition_before_told() -> None:
    text = (
        "“The president wants a border that works for the trucker,” Mauricio Arce, Solís’s "
        "spokesman, told\nreporters."
    )
    quote = analyze(text, TODAY).quotes[0]
    assert quote.speaker is not None and quote.speaker.name == "Mauricio Arce"


def test_bodies_named_with_and_and_shillings_of_the_payer() -> None:
    text = (
        "Neither President Gustavo Andino of Honduras nor the Resident City Commissioner, Mr "
        "Denis Okwir, spoke at Puerto Barrios. Ingrid Solberg of the Food and Agriculture "
        "Organization and the Zimbabwe Farmers' Union met Kenyan Energy Minister Wanjiru Kamau "
        "and Tanzanian Energy officials. Uganda's council will collect Shs1.3b a year."
    )
    analysis = analyze(text, TODAY)
    assert {p.name: (p.roles, p.affiliations) for p in analysis.people} == {
        "Gustavo Andino": (["President"], ["Honduras"]),
        "Denis Okwir": (["Resident City Commissioner"], []),
        "Ingrid Solberg": ([], []),
        "Wanjiru Kamau": (["Energy Minister"], ["Kenya"]),
    }
    assert "Food and Agriculture Organization" in analysis.parties
    assert "Zimbabwe Farmers' Union" in analysis.parties
    assert not [p for p in analysis.parties if "Kamau" in p]
    assert [(m.text, m.currency) for m in analysis.money] == [("Shs1.3b", "UGX")]


@pytest.mark.parametrize(
    ("text", "money"),
    [
        # a symbol no table holds: the payer's own currency
        ("Norway's Fjordlyn bought the yard for NKr3.4bn on Monday.", [("NKr3.4bn", "NOK")]),
        ("Burundi's government will spend XBu 2.4 billion on ports.", [("XBu 2.4 billion", "BIF")]),
        # no payer with a currency of its own: no amount rather than a wrong one
        ("The fund will spend XBu 2.4 billion on ports.", []),
        # capitals alone, or no scale: no symbol
        ("The UK 2 million people voted. Burundi's XBu 240 was paid.", []),
    ],
)
def test_an_unknown_symbol_is_the_payers_currency(text: str, money: list[tuple[str, str]]) -> None:
    assert [(m.text, m.currency) for m in analyze(text, TODAY).money] == money


@pytest.mark.parametrize(
    ("text", "money"),
    [
        # the local press: "$" for the country's own dollar, "US$" for the other
        ("Australia will give $50m to the fund. Japan gave US$2bn.",
         [("$50m", "AUD"), ("US$2bn", "USD")]),
        # no "US$" anywhere: "$" is the US dollar
        ("Australia will give $50m to the fund.", [("$50m", "USD")]),
        # the article writes Australia's own symbol: its "$" is the US dollar
        ("Australia will give $50m and A$20m to the fund. Japan gave US$2bn.",
         [("$50m", "USD"), ("A$20m", "AUD"), ("US$2bn", "USD")]),
        # no payer before it in its sentence: the US dollar
        ("Leaders pledged $1.1bn in Suva. Fiji asked for US$2bn.",
         [("$1.1bn", "USD"), ("US$2bn", "USD")]),
        # symbols no list had: Lesotho's loti, Bhutan's ngultrum, Eritrea's nakfa, Algeria's dinar
        ("Lesotho's factories will pay M3,450 a month and Nu 2.4B, Nfa 15 million and DA 4.8 "
         "billion were pledged.",
         [("M3,450", "LSL"), ("Nu 2.4B", "BTN"), ("Nfa 15 million", "ERN"),
          ("DA 4.8 billion", "DZD")]),
    ],
)  # fmt: skip
def test_a_bare_dollar_is_the_payers_own_where_the_article_writes_us_dollars(
    text: str, money: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.currency) for m in analyze(text, TODAY).money] == money


def test_a_continent_is_no_speaker_and_an_advocate_is_a_title() -> None:
    text = (
        "Omar Haddad, who heads Asia operations at the fund, said that “winters do not wait”. "
        "Advocate Karabo Motsoane spoke for the union."
    )
    analysis = analyze(text, TODAY)
    assert [p.name for p in analysis.people] == ["Omar Haddad", "Karabo Motsoane"]
    assert analysis.quotes[0].speaker is analysis.person("Omar Haddad")


def test_a_portfolio_of_two_words_a_red_cross_and_an_owner_who_does_not_speak() -> None:
    text = (
        "Zambia was represented by Fisheries and Livestock Minister Mwila Chanda. “We are "
        "paying with cash,” Hofstetter’s finance chief, Corinne Wyss, told analysts. Maria "
        "Ioannou, who heads the Cyprus Red Cross rescue unit, called the deal “overdue”."
    )
    analysis = analyze(text, TODAY)
    assert {p.name: p.roles for p in analysis.people} == {
        "Mwila Chanda": ["Fisheries and Livestock Minister"],
        "Corinne Wyss": ["finance chief"],
        "Maria Ioannou": [],
    }
    assert [q.speaker and q.speaker.name for q in analysis.quotes] == [
        "Corinne Wyss",
        "Maria Ioannou",
    ]
