"""Annotation-driven checks for evented dataclass fields (the settings model uses them).

A field's type annotation says what it may hold; :func:`check_value` checks a value against
it and returns the value normalised (an ``int`` given for a ``float`` field becomes a float,
a dict is copied). Understood: ``bool``, ``int``, ``float`` (finite only), ``str``,
``Literal[...]``, ``X | None``, ``dict[K, V]``, ``list[T]``, bare ``dict`` (any JSON object
with finite numbers) and ``Annotated[T, Range(lo, hi)]`` for a closed numeric range. So a new
field is one line: ``text_size: Annotated[int, Range(50, 300)] = 100``.
"""

from __future__ import annotations

import math
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from jovianview.core.errors import JovianviewError

MAX_DEPTH = 8  # nesting deeper than this in a bare ``dict`` field is refused


class SettingError(JovianviewError, TypeError):
    """A value that its field's annotation does not allow (the old value is kept)."""


@dataclass(frozen=True)
class Range:
    """Closed range ``lo <= value <= hi`` for a numeric field (``Annotated[float, Range]``)."""

    lo: float
    hi: float


def check_value(name: str, hint: Any, value: Any) -> Any:
    """``value`` checked against ``hint`` and normalised; :class:`SettingError` if refused.

    Parameters
    ----------
    name
        The field's name, for the message.
    hint
        The field's resolved annotation (``typing.get_type_hints(..., include_extras=True)``).
    value
        The value to check.
    """
    return _check(name, hint, value, 0)


def _fail(name: str, expected: str, value: Any) -> SettingError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return SettingError(f"setting {name!r} must be {expected}, not {shown}")


def _check(name: str, hint: Any, value: Any, depth: int) -> Any:  # noqa: C901 - a type switch
    origin = get_origin(hint)
    if origin is Annotated:
        base, *extras = get_args(hint)
        value = _check(name, base, value, depth)
        for extra in extras:
            if isinstance(extra, Range) and not extra.lo <= value <= extra.hi:
                raise _fail(name, f"between {extra.lo:g} and {extra.hi:g}", value)
        return value
    if origin is Literal:
        choices = get_args(hint)
        if not any(value == c and type(value) is type(c) for c in choices):
            raise _fail(name, "one of " + ", ".join(map(str, choices)), value)
        return value
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _check(name, option, value, depth)
            except SettingError as exc:
                errors.append(exc)
        raise errors[0] if len(errors) == 1 else _fail(name, _describe(hint), value)
    if hint is bool:
        if not isinstance(value, bool):
            raise _fail(name, "true or false", value)
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _fail(name, "a whole number", value)
        return value
    if hint is float:
        return _finite(name, value)
    if hint is str:
        if not isinstance(value, str):
            raise _fail(name, "text", value)
        return value
    if origin is dict:
        key_hint, value_hint = get_args(hint) or (str, Any)
        if not isinstance(value, dict):
            raise _fail(name, "a table of names to values", value)
        return {_check(name, key_hint, k, depth + 1): _check(name, value_hint, v, depth + 1)
                for k, v in value.items()}
    if origin is list:
        (item_hint,) = get_args(hint) or (Any,)
        if not isinstance(value, list):
            raise _fail(name, "a list", value)
        return [_check(name, item_hint, v, depth + 1) for v in value]
    if hint is dict and not isinstance(value, dict):
        raise _fail(name, "a table of names to values", value)
    if hint is dict or hint is Any:
        return _json_like(name, value, depth)
    raise TypeError(f"setting {name!r}: annotation {hint!r} is not supported")  # a code bug


def _finite(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(name, "a number", value)
    try:
        number = float(value)
    except OverflowError:
        raise _fail(name, "a finite number", value) from None
    if not math.isfinite(number):
        raise _fail(name, "a finite number", value)
    return number


def _json_like(name: str, value: Any, depth: int) -> Any:
    """Any JSON value with finite numbers and at most :data:`MAX_DEPTH` levels of nesting."""
    if depth > MAX_DEPTH:
        raise _fail(name, f"nested at most {MAX_DEPTH} levels deep", "...")
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value if isinstance(value, int) and abs(value) < 2**63 else _finite(name, value)
    if isinstance(value, list):
        return [_json_like(name, v, depth + 1) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise _fail(name, "a table with text keys", value)
        return {k: _json_like(name, v, depth + 1) for k, v in value.items()}
    raise _fail(name, "a JSON value", value)


def _describe(hint: Any) -> str:
    return " or ".join("nothing" if a is type(None) else getattr(a, "__name__", str(a))
                       for a in get_args(hint))
