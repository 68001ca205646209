"""``python -m summarizer`` runs the command-line interface."""

from .cli import main

main()
