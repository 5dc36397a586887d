"""Playback rates by name: the time bar's choices and the text forms a tour file may use.

A rate is simulated seconds per wall second. The named steps are the time bar's menu
(:data:`RATE_NAMES`); :func:`parse_rate` also reads any ``"<n>x"`` or ``"<n> <unit>/s"``
within the clock's limit, so a lesson can say ``"10x"``, ``"1 h/s"`` or ``"2 day/s"``.
"""

from __future__ import annotations

import math
import re

from jovianview.model.clock import MAX_RATE, RATE_STEPS

RATE_NAMES: dict[float, str] = {
    1.0: "real time", 10.0: "10x", 60.0: "1 min/s", 600.0: "10 min/s", 3600.0: "1 h/s",
    21600.0: "6 h/s", 86400.0: "1 day/s", 1.0e6: "1,000,000x",
}
assert set(RATE_NAMES) == set(RATE_STEPS)  # one name per step of the time bar
MIN_RATE = 1e-6
_UNITS = {"s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0, "hour": 3600.0,
          "d": 86400.0, "day": 86400.0}
_TIMES_RE = re.compile(r"^([0-9][0-9,_]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*x$", re.IGNORECASE)
_PER_S_RE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)?\s*([a-z]+?)s?\s*/\s*s$", re.IGNORECASE)
RATE_CHOICES_TEXT = ", ".join(f'"{n}"' for n in RATE_NAMES.values()) + ', or "<n>x", "<n> h/s"'


def parse_rate(text: str) -> float:
    """Simulated seconds per wall second for ``text`` such as ``"10x"`` or ``"1 h/s"``.

    Raises
    ------
    ValueError
        When the text is not a rate, or is outside 1e-6 to :data:`MAX_RATE`; the message
        lists the valid forms.
    """
    cleaned = " ".join(text.strip().lower().split())
    named = {name: rate for rate, name in RATE_NAMES.items()}
    if cleaned in named:
        return named[cleaned]
    value: float | None = None
    if m := _TIMES_RE.match(cleaned):
        value = float(m.group(1).replace(",", "").replace("_", ""))
    elif (m := _PER_S_RE.match(cleaned)) and m.group(2) in _UNITS:
        value = float(m.group(1) or 1.0) * _UNITS[m.group(2)]
    if value is None:
        raise ValueError(f"cannot read rate {text!r}: use {RATE_CHOICES_TEXT}")
    if not (math.isfinite(value) and MIN_RATE <= value <= MAX_RATE):
        raise ValueError(f"rate {text!r} is outside 1e-06x to 1,000,000x")
    return value
