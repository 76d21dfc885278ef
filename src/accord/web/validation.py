"""Malformed requests in one line: a request that breaks its schema answers 422 with ``{"detail": "<one line>"}``.

FastAPI reports a request that fails its pydantic schema as a list of problems; the rest of Accord reports bad
input as one line naming the place and the fix. :func:`one_line` turns the list into that line, e.g.
``body.items[0].points[1]: input should be a valid number, unable to parse string as a number; send a number``,
and :func:`document_one_line_422` makes the OpenAPI document describe the 422 answers that way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

MAX_PROBLEMS = 3
MAX_KEY = 40
MAX_MESSAGE = 300
DESCRIPTION = "malformed request: wrong type, missing or extra field, value out of range (one-line message)"

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")

# Per pydantic error type, what to do about it, where one fix fits every request.
FIXES = {
    "missing": "add it",
    "extra_forbidden": "remove it (see /api/docs for the fields)",
    "int_parsing": "send a whole number",
    "int_type": "send a whole number",
    "int_from_float": "send a whole number",
    "float_parsing": "send a number",
    "float_type": "send a number",
    "finite_number": "send a finite number",
    "string_type": "send a string",
    "bool_parsing": "send true or false",
    "bool_type": "send true or false",
    "list_type": "send a JSON array",
    "tuple_type": "send a JSON array",
    "dict_type": "send a JSON object",
    "model_type": "send a JSON object",
    "model_attributes_type": "send a JSON object",
    "json_invalid": "send a JSON object",
}

# Per pydantic range error, the fix with its bound (from the error's ``ctx``).
RANGE_FIXES = {
    "greater_than_equal": ("ge", "send {} or more"),
    "less_than_equal": ("le", "send {} or less"),
    "greater_than": ("gt", "send more than {}"),
    "less_than": ("lt", "send less than {}"),
    "too_short": ("min_length", "send at least {} items"),
    "too_long": ("max_length", "send at most {} items"),
}

# Pydantic's message, where a plainer one reads better after the place.
MESSAGES = {
    "missing": "required but missing",
    "extra_forbidden": "not a field of this request",
    "dict_type": "not a JSON object",
    "model_type": "not a JSON object",
    "model_attributes_type": "not a JSON object",
}


def place(loc: Sequence[Any]) -> str:
    """A readable path from a pydantic ``loc``: ``("body", "items", 0, "name")`` is ``body.items[0].name``."""
    if not loc:
        return "request"
    text = str(loc[0])
    for part in loc[1:]:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _NAME.match(str(part)) and len(str(part)) <= MAX_KEY:
            text += f".{part}"
        else:
            key = str(part)
            key = key if len(key) <= MAX_KEY else key[:MAX_KEY] + "..."
            text += f"[{json.dumps(key)}]"
    return text


def problem(error: Mapping[str, Any]) -> str:
    """One problem as ``place: what is wrong; fix`` (no fix when pydantic's message already says it)."""
    kind = error.get("type", "")
    loc = tuple(error.get("loc") or ())
    message = MESSAGES.get(kind) or str(error.get("msg", "invalid")).split(", unable to parse")[0]
    fix = FIXES.get(kind)
    bound = (error.get("ctx") or {}).get(RANGE_FIXES[kind][0]) if kind in RANGE_FIXES else None
    if bound is not None:
        fix = RANGE_FIXES[kind][1].format(bound)
    if kind == "json_invalid":
        at = f" at character {loc[1]}" if len(loc) > 1 and isinstance(loc[1], int) else ""
        loc = loc[:1]  # the second part is a character position in the document, not a field
        reason = str((error.get("ctx") or {}).get("error", "")).strip()
        message = f"not valid JSON{at}" + (f" ({reason[:1].lower() + reason[1:]})" if reason else "")
    if kind == "missing" and len(loc) == 1:
        message, fix = "missing", "send a JSON request body"
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    message = message[:1].lower() + message[1:]
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "..."
    return f"{place(loc)}: {message}" + (f"; {fix}" if fix else "")


def one_line(errors: Iterable[Mapping[str, Any]], limit: int = MAX_PROBLEMS) -> str:
    """Every problem of a malformed request on one line, the first ``limit`` of them and how many more."""
    problems = [problem(error) for error in errors] or ["request: malformed"]
    shown = problems[:limit]
    if len(problems) > limit:
        more = len(problems) - limit
        shown.append(f"and {more} more problem{'s' if more > 1 else ''}")
    return " ".join("; ".join(shown).split())


def document_one_line_422(schema: dict) -> dict:
    """Rewrite an OpenAPI document in place so every 422 answer is ``{"detail": "<one line>"}``: the per-route
    responses point at ``ErrorOut`` and FastAPI's ``HTTPValidationError``/``ValidationError`` schemas go."""
    from accord.web.schemas import ErrorOut

    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {}) if isinstance(operation, dict) else {}
            if "422" in responses:
                responses["422"] = {"description": DESCRIPTION, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema


__all__ = ["document_one_line_422", "one_line", "place", "problem"]
