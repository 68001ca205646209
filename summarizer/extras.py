"""Extras: the optional dependencies, imported when a feature needs them, or a clear error.

``pip install 'summarizer[cluster]'`` brings Ray (the ``--engine ray`` batch) and redis-py (the
shared ``--cache-url redis://...`` cache). Nothing imports them until a run asks for one, so
``import summarizer`` and the plain install stay as they were.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import ConfigError

__all__ = ["INSTALL_CLUSTER", "import_extra"]

INSTALL_CLUSTER = "pip install 'summarizer[cluster]'"


def import_extra(module: str, feature: str) -> ModuleType:
    """``module``, imported; a ``ConfigError`` (exit 2) naming the install command if missing."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"{feature} needs {module.split('.')[0]}, which is not installed: {INSTALL_CLUSTER}"
        ) from exc
