"""Article analysis: people with the words next to their names, money, dates, quotes, cues.

Each rule on sentences written the way news is written (not the fixture articles' own)."""

import datetime as dt

import pytest
from conftest import EXAMPLE

from summarizer import read_article
from summarizer.analysis import analyze

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


def test_delegation_members_take_their_leaders_side() -> None:
    text = (
        "Argentine President Lucía Ferrante received Chilean President Tomás Irarrázaval. "
        "Ferrante was accompanied by her foreign minister, Diego Saravia. Irarrázaval brought "
        "his mining minister, Carolina Vial."
    )
    found = people(text)
    assert found["Diego Saravia"][1] == ["Argentina"]
    assert found["Carolina Vial"][1] == ["Chile"]


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
