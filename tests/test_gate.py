"""One gate for every way in: the same size, encoding and emptiness checks, and messages that
name the record and the field, for files, stdin, JSONL records, URLs and the library."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import completion, web_site
from typer.testing import CliRunner

from summarizer import Article, InputError, ReplayProvider, Settings, Summarizer
from summarizer.batch import collect_inputs
from summarizer.cli import app
from summarizer.feed import line_limit, lines
from summarizer.fetch import fetch_article

LIMIT = 1000
BODIES: dict[str, bytes] = {}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with web_site(lambda path: (200, {"content-type": "text/plain"}, BODIES[path])) as url:
        yield url


def _file(data: bytes, tmp: Path, site: str) -> str:
    path = tmp / "article.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        Summarizer(max_article_bytes=LIMIT, provider=ReplayProvider([])).summarize(path)
    return str(caught.value)


def _record(data: bytes, tmp: Path, site: str) -> str:
    feed = tmp / "feed.jsonl"
    text = data.decode("utf-8", errors="surrogateescape")
    line = json.dumps({"id": "r1", "text": text}, ensure_ascii=False).encode(
        "utf-8", errors="surrogateescape"
    )
    feed.write_bytes(b'{"id": "r0", "text": "fine"}\n' + line + b"\n")
    items = list(collect_inputs([str(feed)], max_bytes=LIMIT))
    assert items[0].article is not None  # the good record before it is read
    assert items[1].error is not None
    return str(items[1].error)


def _url(data: bytes, tmp: Path, site: str) -> str:
    BODIES["/a"] = data
    with pytest.raises(InputError) as caught:
        fetch_article(f"{site}/a", allow_private=True, max_bytes=LIMIT)
    return str(caught.value)


def _library(data: bytes, tmp: Path, site: str) -> str:
    text = data.decode("utf-8", errors="surrogatepass")
    summarizer = Summarizer(max_article_bytes=LIMIT, provider=ReplayProvider([]))
    with pytest.raises(InputError) as caught:
        summarizer.summarize(Article(text))
    with pytest.raises(InputError) as again:
        summarizer.summarize(text)
    assert str(again.value) == str(caught.value)
    return str(caught.value)


PATHS: dict[str, Callable[[bytes, Path, str], str]] = {
    "file": _file, "jsonl": _record, "url": _url, "library": _library,
}  # fmt: skip


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("data", "message"),
    [("é" * (LIMIT // 2 + 1), "over the 1,000 bytes input limit"),  # 1,002 bytes
     (" \n\t " * 10, "the article is empty"),
     ("date 2026-05-12\n\n", "the article is empty (a date line only)"),
     ("Some text\x00with a NUL", "contains NUL bytes")],
)  # fmt: skip
def test_every_path_applies_the_same_checks(
    path: str, data: str, message: str, tmp_path: Path, site: str
) -> None:
    got = PATHS[path](data.encode(), tmp_path, site)
    assert message in got and "\n" not in got
    if path == "jsonl":
        assert got.startswith(f"{tmp_path / 'feed.jsonl'}:2 (id 'r1'), field 'text': ")


def test_lone_surrogates_from_the_library_are_refused() -> None:
    with pytest.raises(InputError, match="lone surrogate at character 4"):
        Summarizer(provider=ReplayProvider([])).summarize("Text\udcff that no output can write")


def test_stdin_is_held_to_the_same_limit() -> None:
    result = CliRunner().invoke(app, ["summarize", "-", "--max-bytes", "100"], input="x" * 101)
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: <stdin>: over the 100 bytes input limit"


def test_records_name_their_line_id_and_field(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": "Some text.", "date": "2025-13-45"}, {"id": 7, "text": ["x"]},
            {"text": "no id"}, {"id": "d", "text": "Fine.", "url": 5}, [1, 2]]  # fmt: skip
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    errors = [str(i.error) for i in collect_inputs([str(feed)])]
    assert errors == [
        f"{feed}:1 (id 'a'), field 'date': '2025-13-45' is not a date YYYY-MM-DD "
        "(month must be in 1..12)",
        f"{feed}:2 (id '7'), field 'text': must be a string, not a list",
        f"{feed}:3, field 'id': missing",
        f"{feed}:4 (id 'd'), field 'url': must be a string, not a number",
        f"{feed}:5: a record must be a JSON object, not a list",
    ]


def test_a_line_over_the_limit_is_skipped_without_being_held(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    huge = json.dumps({"id": "big", "text": "word " * 1_000_000})  # 5 MB on one line
    feed.write_text(f'{{"id": "a", "text": "First."}}\n{huge}\n{{"id": "c", "text": "Last."}}\n')
    tracemalloc.start()
    try:
        items = list(collect_inputs([str(feed)], max_bytes=10_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [i.id for i in items] == ["a", f"{feed}:2", "c"]
    assert items[0].article and items[2].article
    assert str(items[1].error).startswith(f"{feed}:2: record of 5.0 MB is over the line limit")
    assert peak < 1_000_000  # the 5 MB line was never held


def test_lines_are_cut_at_every_piece_boundary() -> None:
    data = b"".join(b"%d\n" % n for n in range(50_000)) + b"tail"
    got = list(lines(io.BytesIO(data), 10))
    assert [line.data for line in got] == [b"%d" % n for n in range(50_000)] + [b"tail"]
    long = list(lines(io.BytesIO(b"a\n" + b"x" * 200_000 + b"\nb"), 1000))
    assert [(line.number, line.data, line.size) for line in long] == [
        (1, b"a", 1), (2, None, 200_000), (3, b"b", 1)
    ]  # fmt: skip
    assert line_limit(1000) == 3000 + 65536


def test_max_bytes_is_a_setting_and_an_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2025-05-26\n" + "Some words here. " * 200)
    result = CliRunner().invoke(app, ["summarize", str(path), "--max-bytes", "1000"])
    assert result.exit_code == 2 and "1,000 bytes input limit" in result.stderr
    assert Settings().max_article_bytes == 2_000_000
    text = path.read_text()
    answer = {"title": "Words", "summary": "Some words here.", "dateline": None, "meeting": None,
              "participants": [], "commitments": [], "context": [], "quotes": []}  # fmt: skip
    provider = ReplayProvider([completion(answer)])
    done = Summarizer(provider=provider, max_article_bytes=10_000, strategy="whole", cache=False)
    assert done.summarize(text).article.chars == len(text)
