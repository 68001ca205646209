import datetime as dt

import pytest

from summarizer.dates import resolve

ARTICLE = dt.date(2025, 5, 26)  # a Monday


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("on Sunday", "2025-05-25"),
        ("Sunday", "2025-05-25"),
        ("last Sunday", "2025-05-25"),
        ("on Monday", "2025-05-26"),
        ("on Friday", "2025-05-23"),
        ("next Friday", "2025-05-30"),
        ("yesterday", "2025-05-25"),
        ("today", "2025-05-26"),
        ("tomorrow", "2025-05-27"),
        ("April 22", "2025-04-22"),
        ("on April 22", "2025-04-22"),
        ("on May 7", "2025-05-07"),
        ("May 10", "2025-05-10"),
        ("22 April", "2025-04-22"),
        ("the 7th of May", "2025-05-07"),
        ("Sept. 3", "2025-09-03"),
        ("December 28", "2024-12-28"),
        ("May 7, 2025", "2025-05-07"),
        ("7 May 2025", "2025-05-07"),
        ("2025-05-25", "2025-05-25"),
        ("on March 3, 2024", "2024-03-03"),
        ("last week", None),
        ("earlier this month", None),
        ("in May", None),
        ("over the following three days", None),
        ("2025", None),
        ("February 30", None),
        ("2025-02-30", None),
    ],
)
def test_resolve_against_the_article_date(words: str, expected: str | None) -> None:
    got = resolve(words, ARTICLE)
    assert (got.isoformat() if got else None) == expected


def test_deadlines_look_forward() -> None:
    assert resolve("by December 31", ARTICLE, future=True) == dt.date(2025, 12, 31)
    assert resolve("by December 31", ARTICLE) == dt.date(2024, 12, 31)


def test_no_article_date_means_no_guess() -> None:
    assert resolve("on Sunday", None) is None
    assert resolve("April 22", None) is None
    assert resolve("May 7, 2025", None) == dt.date(2025, 5, 7)
