import ast
import subprocess
import sys
from pathlib import Path

import summarizer

PACKAGE = Path(summarizer.__file__).parent

EXPECTED = {
    "summarize", "asummarize", "Summarizer", "Settings", "NewsBrief", "BriefResult",
    "SummarizerError", "InputError", "ConfigError", "SummarizationError", "ProviderError",
    "ValidationFailed", "GroundingFailed", "Article", "read_article", "article_from_text",
    "Provider", "OpenAIProvider", "LocalProvider", "ReplayProvider", "Amount", "Commitment",
    "ContextEvent", "DateRef", "Dateline", "Evidence", "Meeting", "Participant", "Quote",
    "Finding", "GroundingReport", "ArticleInfo", "RunInfo", "Usage", "SCHEMA_VERSION",
    "__version__", "summarize_many", "collect_inputs", "BatchItem", "Outcome", "fetch_article",
    "article_from_html", "RetryPolicy", "analyze", "Analysis", "Budget", "BudgetExceeded",
    "summarize_dataset", "StaleRecording", "submit_batch", "collect_batch", "BatchLimits",
}  # fmt: skip


def test_all_is_exactly_the_public_api() -> None:
    assert set(summarizer.__all__) == EXPECTED
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None


def test_errors_share_one_base_and_carry_exit_codes() -> None:
    for name in ("InputError", "ConfigError", "SummarizationError", "ProviderError",
                 "ValidationFailed", "GroundingFailed", "BudgetExceeded",
                 "StaleRecording"):  # fmt: skip
        error = getattr(summarizer, name)
        assert issubclass(error, summarizer.SummarizerError)
    assert summarizer.InputError.exit_code == summarizer.ConfigError.exit_code == 2
    assert summarizer.ProviderError("x").exit_code == 1


def test_library_never_imports_the_cli() -> None:
    code = (
        "import sys, summarizer; "
        "print(sorted(m for m in sys.modules if m in ('summarizer.cli', 'typer')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def imports_of(module: str) -> set[str]:
    """Modules a file of the package imports, relative ones resolved (``.brief`` -> ``brief``)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(node.module.split(".")[0] if node.level == 0 else f".{node.module or ''}")
    return found


def test_layering_contract() -> None:
    """The library never imports the CLI; the schema modules import no provider code."""
    for path in PACKAGE.glob("*.py"):
        if path.stem not in ("cli", "__main__", "progress"):  # progress.py is the CLI's display
            assert not imports_of(path.stem) & {".cli", "typer"}, path.name
    allowed = {"__future__", "datetime", "typing", "pydantic", ".currencies", ".currency_names"}
    for schema_module in ("brief", "currencies", "currency_names"):
        assert imports_of(schema_module) <= allowed, schema_module
