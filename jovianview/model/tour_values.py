"""Checks of a tour step's values: times, events, offsets, views, rates, layers.

Each ``read_*`` function takes the raw TOML value and returns the resolved one, or raises
:class:`BadValue` with a message that says what was wrong and what is valid. :mod:`.tour`
puts the file's line and the key in front of it.
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jovianview.core.errors import JovianviewError
from jovianview.core.events import Event, load_events
from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso, utc_to_tdb
from jovianview.model.camera import MAX_DISTANCE, MIN_DISTANCE, View
from jovianview.model.rates import parse_rate
from jovianview.model.types import SCALE_MODES, VIEW_NAMES

# Tour layer names -> Settings fields: the one table tours, recorded steps, bookmarks and the
# movie export read. A new layer is one line here (e.g. "interior": "show_interior").
LAYERS: dict[str, str] = {
    "labels": "show_labels", "orbits": "show_moon_orbits", "trail": "show_trail",
    "legend": "show_legend", "features": "show_features", "junocam": "show_junocam",
    "field_lines": "show_field_lines", "aurorae": "show_aurorae", "io_torus": "show_io_torus",
    "radiation_belts": "show_radiation_belts", "interior": "show_interior",
    "rings": "show_rings", "shadows": "show_moon_shadows",
}
VIEW_TARGETS = ("jupiter", "io", "europa", "ganymede", "callisto", "juno")
VIEW_KEYS = ("target", "distance_rj", "azimuth_deg", "elevation_deg")
_OFFSET_RE = re.compile(r"^([+-]?)\s*([0-9]+(?:\.[0-9]+)?)\s*(s|m|min|h|d)$")
_OFFSET_UNITS = {"s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


class BadValue(Exception):
    """A value a tour step cannot use; the message says why and what is valid."""


def type_name(value: Any) -> str:
    """TOML's name for a value's type, for messages."""
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "an array", dict: "a table", datetime: "a date-time"}
    return names.get(type(value), type(value).__name__)


def need(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    """``value`` if it is of ``kind`` (booleans are never numbers), else BadValue."""
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise BadValue(f"must be {what}, not {type_name(value)}")
    if not isinstance(value, kind):
        raise BadValue(f"must be {what}, not {type_name(value)}")
    return value


def read_utc(value: Any) -> float:
    """TDB of a ``utc`` value: an ISO 8601 string or a TOML date-time (UTC when naive)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        value = value.isoformat()
    need(value, str, 'a UTC date-time such as "2022-09-29T09:30:00"')
    try:
        return float(utc_to_tdb(value))
    except (JovianviewError, ValueError) as exc:
        raise BadValue(f"{exc}") from None


def read_offset(value: Any) -> float:
    """An offset such as ``"-1h"``, ``"+30m"`` or ``"-2d"``, in days."""
    need(value, str, 'a signed duration such as "-1h", "+30m" or "-2d"')
    m = _OFFSET_RE.match(value.strip())
    if not m:
        raise BadValue(f'cannot read {value!r}: use a number and a unit s, m, h or d, '
                       f'with a sign, such as "-1h", "+30m" or "-2d"')
    seconds = float(m.group(2)) * _OFFSET_UNITS[m.group(3)]
    return (-seconds if m.group(1) == "-" else seconds) / SECONDS_PER_DAY


@cache
def event_names() -> dict[str, tuple[Event, ...]]:
    """Every name an event answers to, lower case: its label, ``PJ45`` for perijoves (also
    planned ones) and ``Io flyby PJ57`` for flybys (several flybys share a label)."""
    names: dict[str, list[Event]] = {}
    for e in load_events():
        keys = {e.label.lower()}
        if e.kind == "perijove" and e.number is not None:
            keys.add(f"pj{e.number}")
        if e.kind == "flyby" and e.number is not None:
            keys.add(f"{e.label.lower()} pj{e.number}")
        for key in keys:
            names.setdefault(key, []).append(e)
    return {k: tuple(v) for k, v in names.items()}


def read_event(value: Any) -> Event:
    """The event named ``value`` (case-insensitive), with close matches when unknown."""
    need(value, str, 'an event name such as "PJ45" or "Europa flyby"')
    key = " ".join(value.lower().split())
    found = event_names().get(key)
    if found is None:
        spelled = {e.label.lower(): e.label for e in load_events()}
        close = difflib.get_close_matches(key, list(event_names()), n=4, cutoff=0.6)
        shown = [spelled.get(c, c.replace("pj", "PJ").capitalize() if " " in c
                             else c.upper()) for c in close]
        hint = f"did you mean {', '.join(repr(s) for s in shown)}?" if shown else (
            'use a perijove such as "PJ45", a flyby such as "Europa flyby" or "Io flyby PJ57", '
            'or a milestone such as "Jupiter orbit insertion" (`jovianview events` lists them)')
        raise BadValue(f"unknown event {value!r}: {hint}")
    if len(found) > 1:
        choices = ", ".join(f"{e.label} PJ{e.number}" for e in found)
        raise BadValue(f"{value!r} names {len(found)} events: say which one ({choices})")
    return found[0]


def read_view(value: Any) -> tuple[str | None, View | None]:
    """A preset name (``("io", None)``) or a table of target and angles (``(None, View)``)."""
    if isinstance(value, str):
        name = value.strip().lower()
        if name not in VIEW_NAMES:
            close = difflib.get_close_matches(name, VIEW_NAMES, n=3, cutoff=0.6)
            hint = f"did you mean {', '.join(close)}? " if close else ""
            raise BadValue(f"unknown view {value!r}: {hint}choose one of {', '.join(VIEW_NAMES)}"
                           f", or a table {{target, distance_rj, azimuth_deg, elevation_deg}}")
        return name, None
    need(value, dict, "a view name or a table {target, distance_rj, azimuth_deg, elevation_deg}")
    unknown = sorted(set(value) - set(VIEW_KEYS))
    if unknown:
        raise BadValue(f"unknown key {unknown[0]!r} in the view: use {', '.join(VIEW_KEYS)}")
    target = str(need(value.get("target", "jupiter"), str, "a body name")).lower()
    if target not in VIEW_TARGETS:
        raise BadValue(f"unknown view target {target!r}: choose one of {', '.join(VIEW_TARGETS)}")
    distance = float(need(value.get("distance_rj", View.distance), (int, float),
                          "a distance in Jupiter radii"))
    if not MIN_DISTANCE <= distance <= MAX_DISTANCE:
        raise BadValue(f"distance_rj {distance} is outside {MIN_DISTANCE} to {MAX_DISTANCE:g}")
    azimuth = float(need(value.get("azimuth_deg", View.azimuth), (int, float), "degrees"))
    elevation = float(need(value.get("elevation_deg", View.elevation), (int, float), "degrees"))
    if not (math.isfinite(azimuth) and -90.0 < elevation < 90.0):
        raise BadValue("azimuth_deg must be finite and elevation_deg within -89 to 89 degrees")
    return None, View(target=target, distance=distance, azimuth=azimuth % 360.0,
                      elevation=elevation)


def read_rate(value: Any) -> float:
    """Simulated seconds per second from ``"10x"``, ``"1 h/s"``; ``"paused"`` gives 0."""
    need(value, str, 'a rate such as "10x" or "1 h/s"')
    if value.strip().lower() == "paused":
        return 0.0
    try:
        return parse_rate(value)
    except ValueError as exc:
        raise BadValue(f'{exc}, or "paused"') from None


def read_scale(value: Any) -> str:
    """A scale mode: ``"true"`` or ``"enlarged"``."""
    need(value, str, f"a string, one of {', '.join(SCALE_MODES)}")
    if value not in SCALE_MODES:
        raise BadValue(f"unknown scale {value!r}: choose one of {', '.join(SCALE_MODES)}")
    return value


def read_seconds(value: Any) -> float:
    """A step's duration in seconds: a finite number above zero."""
    need(value, (int, float), "a number of seconds above zero")
    if not (math.isfinite(value) and value > 0):
        raise BadValue(f"{value} must be a number of seconds above zero, such as 20")
    return float(value)


def check_in_span(tdb: float, span: tuple[float, float]) -> None:
    """BadValue when ``tdb`` lies outside the data's ``span``, naming it."""
    if not span[0] <= tdb <= span[1]:
        raise BadValue(f"{tdb_to_iso(tdb, 0)} UTC is outside the data, which covers "
                       f"{tdb_to_iso(span[0], 0)} to {tdb_to_iso(span[1], 0)}")
