"""The HTML view: highlights linked both ways, and an article's markup rendered as text."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE, RECORDINGS
from helpers import completion

from summarizer import ReplayProvider, article_from_text, read_article, summarize
from summarizer.render import render

CAPABLE = RECORDINGS / "pakistan-turkey.capable.hand.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = (
    "date 2025-05-26\nIslamabad – Sharif met Erdogan in Ankara on Sunday. "
    '<script>document.title="pwned"</script> The statement said <img src=x onerror="alert(1)"> '
    "nothing more.\n"
)


def example_page() -> str:
    article = read_article(EXAMPLE)
    result = summarize(article, provider=ReplayProvider.from_file(CAPABLE))
    return render(result, "html", article=article.text)


def hostile_page() -> str:
    draft = {
        "title": "Sharif met Erdogan <b>in Ankara</b>", "summary": "Sharif met Erdogan.",
        "dateline": None, "meeting": None, "commitments": [], "context": [],
        "participants": [{"name": "Sharif", "role": None, "affiliation": None, "side": None,
                          "evidence": ['<script>document.title="pwned"</script>']}],
        "quotes": [],
    }  # fmt: skip
    article = article_from_text(HOSTILE)
    result = summarize(article, provider=ReplayProvider([completion(draft)]), attempts=1)
    return render(result, "html", article=article.text)


def test_every_verified_span_is_marked_and_linked_both_ways() -> None:
    page = example_page()
    backs = dict(re.findall(r'<a class="back" id="(ev-\d+)" href="#(item-[a-z0-9-]+)">', page))
    links = re.findall(r'<li id="(item-[a-z0-9-]+)">(.*?)</li>', page)
    assert len(backs) == 14
    for item, body in links:  # every item links to its spans, and each span back to it
        for span in re.findall(r'href="#(ev-\d+)"', body):
            assert backs[span] == item


def test_article_markup_is_text_and_no_script_runs() -> None:
    page = hostile_page()
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "onerror=&quot;alert(1)&quot;" in page
    assert "&lt;b&gt;in Ankara&lt;/b&gt;" in page  # the model's text is escaped too
    assert "default-src 'none'" in page


def dump_dom(page: str, tmp_path: Path) -> str:
    html = tmp_path / "page.html"
    html.write_text(page, encoding="utf-8")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
               html.as_uri()]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_chromium_shows_the_highlights(tmp_path: Path) -> None:
    dom = dump_dom(example_page(), tmp_path)
    marks = re.findall(r'<mark class="ev" data-items="([^"]+)">', dom)
    assert len(re.findall(r'<a class="back" id="ev-\d+"', dom)) == 14
    assert "item-commitments-0" in " ".join(marks) and len(marks) >= 12
    assert "To continue the bilateral commercial objective of $ 5 billion" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_chromium_renders_a_hostile_article_as_text(tmp_path: Path) -> None:
    dom = dump_dom(hostile_page(), tmp_path)
    assert "<script" not in dom.split("<body", 1)[1] and "<img" not in dom
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)  # the script never ran
    assert '&lt;script&gt;document.title="pwned"&lt;/script&gt;' in dom
