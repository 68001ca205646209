"""Repair: get what can be trusted out of a model answer that did not validate.

Used after the last attempt only. ``loads_truncated`` reads JSON cut off at ``max_tokens`` by
cutting back to the last complete value and closing the open brackets. ``keep_valid_items``
removes fields the schema does not know, list items (and a meeting) that fail validation on
their own, and repeated names, and fills sections the answer never reached with empty values;
each removal becomes a finding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import BaseModel, TypeAdapter, ValidationError

from .brief import BriefDraft, name_key
from .errors import ValidationFailed
from .grounding import LEAD_LIMITS, Finding, lead
from .ingest import Article

__all__ = [
    "extract_json",
    "first_error",
    "keep_valid_items",
    "loads_truncated",
    "salvage",
    "section_of",
]

_FENCE = re.compile(r"```(?:json)?\s*(.*?)(?:```|$)", re.S)
_LISTS = ("participants", "commitments", "context", "quotes")


def extract_json(text: str) -> Any:
    """The JSON object in a model's text: bare, fenced in Markdown, or cut off."""
    if fenced := _FENCE.search(text):
        text = fenced.group(1)
    start = text.find("{")
    if start == -1:
        raise ValueError("the answer holds no JSON object")
    try:
        return json.loads(text[start : text.rfind("}") + 1])
    except json.JSONDecodeError:
        return loads_truncated(text[start:])


def loads_truncated(text: str) -> Any:
    """Parse JSON that was cut off, keeping every value completed before the cut."""
    stack: list[str] = []
    cuts: list[tuple[int, str]] = []  # (end of a complete value, the closers needed there)
    in_string = escaped = False
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False  # a cut after a key fails to parse; the one before is tried
                cuts.append((i + 1, "".join(reversed(stack))))
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]" and stack:
            stack.pop()
            cuts.append((i + 1, "".join(reversed(stack))))
            if not stack:
                break
    for end, closers in reversed(cuts):
        try:
            return json.loads(text[:end] + closers)
        except json.JSONDecodeError:
            continue
    raise ValueError("no complete JSON value before the cut")


def keep_valid_items(data: dict[str, Any], findings: list[Finding], article: str) -> dict[str, Any]:
    """``data`` with invalid or repeated items removed, reported in ``findings``.

    A missing or invalid title or summary is replaced by the article's opening.
    """
    fields = BriefDraft.model_fields
    for unknown in [key for key in data if key not in fields]:
        findings.append(Finding(path=unknown, problem=f"unknown field {unknown!r} ignored",
                                action="dropped"))  # fmt: skip
    data = {key: value for key, value in data.items() if key in fields}
    for name, limit in LEAD_LIMITS.items():
        value = data.get(name)
        try:
            TypeAdapter(fields[name].annotation or str).validate_python(value)
        except ValidationError:
            data[name] = lead(article, limit)
            problem = f"{name} missing or invalid; replaced by the article's opening"
            findings.append(Finding(path=name, problem=problem, action="replaced"))
    for section in _LISTS:
        items = data.get(section)
        items = items if isinstance(items, list) else []
        item_type: type[BaseModel] = fields[section].annotation.__args__[0]  # type: ignore[union-attr]
        kept: list[Any] = []
        names: set[str] = set()
        for i, item in enumerate(items):
            try:
                parsed = item_type.model_validate(item)
            except ValidationError as err:
                problem = f"invalid item: {first_error(err)}"
            else:
                name = name_key(str(getattr(parsed, "name", "")))
                if not name or name not in names:
                    names.add(name)
                    kept.append(item)
                    continue
                problem = f"participant {getattr(parsed, 'name', '')!r} is listed more than once"
            findings.append(Finding(path=f"{section}[{i}]", problem=problem, action="dropped"))
        data[section] = kept
    for section in ("meeting", "dateline"):
        value = data.get(section)
        if value is None:
            data[section] = None
            continue
        item_type = fields[section].annotation.__args__[0]  # type: ignore[union-attr]
        try:
            item_type.model_validate(value)
        except ValidationError as err:
            problem = f"invalid {section}: {first_error(err)}"
            findings.append(Finding(path=section, problem=problem, action="dropped"))
            data[section] = None
    return data


def section_of(path: str) -> str:
    """'participants[2].role' -> 'participants'."""
    return path.split(".", 1)[0].split("[", 1)[0]


def first_error(err: ValidationError) -> str:
    """The first error of ``err`` as 'where: what'."""
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def salvage(
    completion: ChatCompletion | None,
    article: Article,
    attempts: int,
    exc: Exception,
    *,
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    fills: Collection[str] | None = None,
) -> tuple[BriefDraft, list[Finding]]:
    """After the last attempt: keep what validates item by item, report the rest.

    ``prepare`` turns the answer's JSON into draft data first (sentence numbers into passages);
    ``fills`` names the fields the answer was asked for (one part of a brief): findings about
    the others, filled in blank, are not reported.
    """
    message = completion.choices[0].message if completion and completion.choices else None
    if message is None:
        raise ValidationFailed(
            f"no usable answer after {attempts} attempt(s)", attempts=attempts
        ) from exc
    calls = message.tool_calls
    text = calls[0].function.arguments if calls else (message.content or "")  # type: ignore[union-attr]
    try:
        data = extract_json(text)
    except ValueError as err:
        raise ValidationFailed(
            f"the model's last answer holds no JSON after {attempts} attempt(s)", attempts=attempts
        ) from err
    if not isinstance(data, dict):
        raise ValidationFailed("the model's last answer is not a JSON object", attempts=attempts)
    findings: list[Finding] = []
    if completion is not None and completion.choices[0].finish_reason == "length":
        findings.append(
            Finding(
                path="",
                problem="the answer was cut off at max_tokens; items after the cut are lost",
                action="dropped",
            )
        )
    if prepare is not None:
        data = prepare(data)
    data = keep_valid_items(data, findings, article.text)
    if fills is not None:
        others = set(BriefDraft.model_fields) - set(fills)
        findings = [f for f in findings if section_of(f.path) not in others]
    try:
        return BriefDraft.model_validate(data), findings
    except ValidationError as err:
        raise ValidationFailed(
            f"invalid brief after {attempts} attempt(s): {first_error(err)}",
            attempts=attempts,
            errors=[str(e["msg"]) for e in err.errors()],
        ) from err
