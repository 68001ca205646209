import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLE

from summarizer import InputError, article_from_text, read_article


def test_example_keeps_exact_text_and_reads_the_date_header() -> None:
    article = read_article(EXAMPLE)
    assert article.text == EXAMPLE.read_text(encoding="utf-8")  # nothing stripped: offsets hold
    assert article.date == dt.date(2025, 5, 26)
    assert article.source == str(EXAMPLE)


def test_explicit_date_wins_over_the_header() -> None:
    assert read_article(EXAMPLE, date=dt.date(2030, 1, 1)).date == dt.date(2030, 1, 1)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Date: 2024-02-29\n\nText.", dt.date(2024, 2, 29)),
        ("  date=2024-01-02  \nText.", dt.date(2024, 1, 2)),
        ("No header here. The date 2024-01-02 is in a sentence.", None),
    ],
)
def test_date_header_forms(text: str, date: dt.date | None) -> None:
    assert article_from_text(text).date == date


def test_impossible_header_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a real date"):
        article_from_text("date 2025-02-30\nText.")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello world.".encode())
    assert read_article(path).text == "Hello world."


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        read_article(tmp_path)


def test_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x" * 101)
    with pytest.raises(InputError, match="over the"):
        read_article(path, max_bytes=100)
