"""Replaying a flyby: the "Juno and the moon" camera, and how big an enlarged moon is drawn.

The camera keeps Juno and the moon in one frame at true scale: it looks at the centre of the
smallest sphere holding the moon and Juno, from far enough that the whole sphere fits the
field whatever the direction, and from the side of Juno away from the moon, turned towards the
Sun so that the moon's lit side faces the eye. Every quantity is a smooth function of the
positions, so approach, closest approach and departure play without jumps.

In the enlarged mode a moon is drawn 8 times larger than it is, which near a close flyby would
swallow Juno. Instead of shrinking the moon while Juno closes in (the moon would "breathe", and
closest approach would be its least dramatic moment), the moon fades to its true size while
Juno is still hours away, stays at true size through the hours around closest approach and
grows back hours after: :func:`moon_enlargement`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.events import Event, events_of_kind, flyby_altitude

HOLD_HOURS = 4.0  # true size this long either side of closest approach
FADE_HOURS = 6.0  # then the enlargement comes back over this long
SUN_BIAS = 0.8  # how far the eye turns from "behind Juno" towards the Sun (lit side)
LIFT = 0.25  # and up from the orbit plane, so the moon's limb is not edge-on
MARGIN = 1.25  # the frame holds the sphere with this much room around it
_HOURS_PER_DAY = 24.0

Vec = NDArray[np.float64]


@dataclass(frozen=True)
class Enlargement:
    """How much larger than true a moon is drawn, and why.

    Attributes
    ----------
    scale : float
        1.0 for true size.
    flyby : Event or None
        The close flyby that holds the moon at (or brings it towards) true size.
    hours : float
        Hours from that flyby's closest approach (negative before it); 0 without one.
    """

    scale: float
    flyby: Event | None = None
    hours: float = 0.0


def _smooth(s: float) -> float:
    s = min(max(s, 0.0), 1.0)
    return s * s * (3.0 - 2.0 * s)


def needs_true_size(event: Event, enlargement: float, clearance: float,
                    radius_km: float) -> bool:
    """True when the enlarged moon would not clear Juno at this flyby's closest approach."""
    centre_gap = flyby_altitude(event).trajectory_km + radius_km
    return clearance * centre_gap < enlargement * radius_km


def moon_enlargement(moon: str, tdb: float, enlargement: float, clearance: float,
                     radius_km: float) -> Enlargement:
    """The enlargement of ``moon`` at ``tdb`` in the enlarged mode.

    ``enlargement`` far from any flyby; 1.0 within :data:`HOLD_HOURS` of the closest approach
    of a flyby close enough that the enlarged moon (radius ``enlargement * radius_km``) would
    come nearer Juno than ``clearance`` times the gap between their centres; in between it
    changes smoothly (geometrically) over :data:`FADE_HOURS`, while Juno is far from the moon.
    """
    window = (HOLD_HOURS + FADE_HOURS) / _HOURS_PER_DAY
    for event in _close_flybys(moon):
        if abs(tdb - event.tdb) > window:
            continue
        if not needs_true_size(event, enlargement, clearance, radius_km):
            continue
        dt_h = (tdb - event.tdb) * _HOURS_PER_DAY
        s = _smooth((abs(dt_h) - HOLD_HOURS) / FADE_HOURS)
        return Enlargement(enlargement ** s, event, dt_h)
    return Enlargement(enlargement)


@cache
def _close_flybys(moon: str) -> tuple[Event, ...]:
    return tuple(e for e in events_of_kind("flyby") if e.body == moon)


def flyby_for_view(tdb: float) -> Event | None:
    """The flyby whose "Juno and the moon" view fits ``tdb``: the nearest in time (2 days)."""
    near = [e for e in events_of_kind("flyby") if abs(e.tdb - tdb) <= 2.0]
    if not near:
        return None
    return min(near, key=lambda e: abs(e.tdb - tdb))


def describe(moon: str, how: Enlargement) -> str | None:
    """The banner's plain words for a moon kept near its true size by a flyby (or None)."""
    if how.flyby is None:
        return None
    name = moon.capitalize()
    h = abs(how.hours)
    when = _duration(h)
    if h <= HOLD_HOURS:
        if h < 1 / 60:
            timing = "closest approach now"
        else:
            timing = (f"closest approach in {when}" if how.hours < 0
                      else f"closest approach {when} ago")
        return (f"{name} drawn at its true size for Juno's close flyby ({timing}); it is "
                "enlarged again hours later, when Juno is far away")
    if how.hours < 0:
        return (f"{name} shrinking to its true size while Juno is still far away "
                f"(closest approach in {when}), so it does not change during the flyby")
    return f"{name} growing back to {how.scale:.1f} times its size now that Juno is far away"


def _duration(hours: float) -> str:
    minutes = int(round(hours * 60))
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def frame_flyby(juno_km: Vec, moon_km: Vec, radius_km: float, sun_direction: Vec | None,
                fov_deg: float, zoom: float = 1.0,
                turn_deg: tuple[float, float] = (0.0, 0.0)) -> tuple[Vec, Vec]:
    """Look-at point and eye offset (ICRF km) that keep Juno and the moon in one frame.

    Parameters
    ----------
    juno_km, moon_km : ndarray, shape (3,)
        Positions (ICRF km, any common origin).
    radius_km : float
        The moon's radius as drawn (true, or enlarged far from a flyby).
    sun_direction : ndarray or None
        Unit vector towards the Sun (None: no lit-side bias).
    fov_deg : float
        The smaller of the field's two angles (vertical for a landscape window).
    zoom : float
        Multiplies the distance (the user's +/- in this view); 1 fits the frame.
    turn_deg : (float, float)
        Azimuth and elevation added to the chosen direction (the user's A/D/W/S), degrees.

    Returns
    -------
    (centre, eye) : ndarray, ndarray
        The look-at point and the eye's offset from it.
    """
    rel = np.asarray(juno_km, float) - np.asarray(moon_km, float)
    d = math.hypot(*rel)
    out = rel / d if d > 0 else np.array([1.0, 0.0, 0.0])
    # the smallest sphere holding the moon's sphere and Juno's point
    rho = 0.5 * (d + radius_km) if d > radius_km else radius_km
    centre = np.asarray(moon_km, float) + out * (rho - radius_km)
    toward = out.copy()
    if sun_direction is not None:
        toward = toward + SUN_BIAS * np.asarray(sun_direction, float)
    toward = toward + LIFT * np.array([0.0, 0.0, 1.0])
    norm = math.hypot(*toward)
    toward = toward / norm if norm > 1e-9 else out
    if turn_deg != (0.0, 0.0):
        az = math.atan2(toward[1], toward[0]) + math.radians(turn_deg[0])
        el = math.asin(max(-1.0, min(1.0, toward[2]))) + math.radians(turn_deg[1])
        el = max(-math.radians(89.0), min(math.radians(89.0), el))
        toward = np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az),
                           math.sin(el)])
    distance = MARGIN * rho / math.sin(math.radians(fov_deg) / 2.0)
    return centre, toward * distance * max(zoom, 1e-6)


__all__ = ["Enlargement", "moon_enlargement", "needs_true_size", "flyby_for_view", "describe",
           "frame_flyby", "HOLD_HOURS", "FADE_HOURS"]
