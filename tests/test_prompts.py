import shutil
from pathlib import Path

from conftest import EXAMPLE

from summarizer import read_article
from summarizer.prompts import TEMPLATE_NAMES, prompt_version, render_messages, templates_dir


def test_messages_carry_the_article_and_its_date() -> None:
    system, user = render_messages(read_article(EXAMPLE))
    assert system["role"] == "system" and user["role"] == "user"
    assert "Never add a name" in system["content"]
    assert "Article date: 2025-05-26" in user["content"]
    assert "Shehbaz Sharif met on Sunday" in user["content"]


def test_version_changes_when_a_template_changes(tmp_path: Path) -> None:
    for name in TEMPLATE_NAMES:
        shutil.copy(templates_dir() / name, tmp_path / name)
    before = prompt_version(tmp_path)
    assert before == prompt_version(templates_dir())
    user = tmp_path / "user.j2"
    user.write_text(user.read_text() + "\nBe brief.\n")
    prompt_version.cache_clear()
    after = prompt_version(tmp_path)
    assert after != before and after.split("+")[0] == before.split("+")[0]
