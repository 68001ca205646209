"""Once: per-call work of instructor that depends only on the response model, done once.

instructor (1.17) checks at every call that the response model carries no async validators
(``reject_async_validators``), four times a call: each check walks the whole model, every
field and every class's attributes (~90 classes and annotations for a brief). Measured with
``benchmarks/batch_throughput.py``, it was the largest share of the pipeline's own CPU after
grounding. The answer depends on the model class alone, and a class does not change: so the
check is kept, made once per class, and remembered. A model that fails it fails every time
(a failure is not remembered). ``install`` puts the remembering check where instructor looks
it up; it is idempotent, and done on importing the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["install", "passed"]

#: Response models that passed instructor's check.
passed: set[Any] = set()


def _remembering(check: Callable[[Any], None]) -> Callable[[Any], None]:
    def reject_async_validators(response_model: Any) -> None:
        try:
            if response_model in passed:
                return
        except TypeError:  # an unhashable model description: checked every time
            check(response_model)
            return
        check(response_model)
        passed.add(response_model)

    reject_async_validators.__wrapped__ = check  # type: ignore[attr-defined]
    return reject_async_validators


def install() -> None:
    """Make instructor's async-validator check remember the models that passed it. Where an
    instructor release lays its modules out otherwise, nothing is changed: the check then
    runs at every call, as instructor wrote it."""
    try:
        from instructor.v2.core import patch
        from instructor.v2.validation import async_validators

        check = async_validators.reject_async_validators
        patch.reject_async_validators  # type: ignore[attr-defined]  # noqa: B018 - the wrappers look it up there
    except (ImportError, AttributeError):
        return
    if hasattr(check, "__wrapped__"):
        return
    remembering = _remembering(check)
    # The wrappers use the name they imported; the retry loop and the response-model
    # preparation import it from its module at every call.
    async_validators.reject_async_validators = remembering  # type: ignore[assignment]
    patch.reject_async_validators = remembering  # type: ignore[attr-defined,assignment]
