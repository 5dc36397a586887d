"""The numbers the readout panel shows, computed by the core and formatted here.

Juno's altitude, planetographic latitude and System III (west) longitude come from
``core.ellipsoid`` applied to Juno's position turned into System III by ``core.frames``;
speed is relative to Jupiter's centre. Units follow the settings (km or Jupiter radii).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso
from jovianview.model import sources
from jovianview.model.scene import Snapshot


@dataclass
class Readouts:
    """Values (not strings) at one instant; None where the data do not say."""

    tdb: float
    utc: str
    altitude_km: float | None = None
    speed_kms: float | None = None
    latitude_deg: float | None = None
    west_longitude_deg: float | None = None
    moon_distance_km: dict[str, float] = field(default_factory=dict)
    previous_event: sources.TimelineEvent | None = None
    next_event: sources.TimelineEvent | None = None
    juno_note: str | None = None


def compute(snap: Snapshot) -> Readouts:
    """Readouts for a snapshot (everything from the core, nothing guessed)."""
    r = Readouts(snap.tdb, str(tdb_to_iso(snap.tdb, 0)) + " UTC")
    events = sources.timeline_events()
    times = np.array([e.tdb for e in events])
    if times.size:
        i = int(np.searchsorted(times, snap.tdb, side="right"))
        r.previous_event = events[i - 1] if i > 0 else None
        r.next_event = events[i] if i < len(events) else None
    if not snap.has("juno"):
        r.juno_note = snap.notes.get("juno", "Juno's position is not available")
        return r
    juno = snap.positions["juno"]
    r.speed_kms = float(np.linalg.norm(snap.juno_velocity))
    for moon in sources.MOONS:
        if snap.has(moon):
            r.moon_distance_km[moon] = float(np.linalg.norm(juno - snap.positions[moon]))
    ell = sources.ellipsoid()
    rot = snap.rotations.get("jupiter")
    if ell is not None and rot is not None:
        body_fixed = rot @ juno
        r.altitude_km = float(ell.altitude(body_fixed))
        r.latitude_deg = float(ell.planetographic_latitude(body_fixed))
        r.west_longitude_deg = float(ell.west_longitude(body_fixed))
    return r


def format_distance(km: float | None, unit: str) -> str:
    """``12,345 km`` or ``1.234 RJ`` (Jupiter equatorial radii); a dash when unknown."""
    if km is None:
        return "\u2014"
    if unit == "RJ":
        return f"{km / sources.jupiter_radius_km():,.3f} RJ"
    return f"{km:,.0f} km"


def format_countdown(days: float) -> str:
    """``T-3d 04:05:06`` before an event, ``T+...`` after it."""
    sign = "-" if days >= 0 else "+"
    seconds = int(round(abs(days) * SECONDS_PER_DAY))
    d, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return f"T{sign}{d}d {h:02d}:{m:02d}:{s:02d}" if d else f"T{sign}{h:02d}:{m:02d}:{s:02d}"


def lines(r: Readouts, unit: str) -> list[tuple[str, str]]:
    """(label, value) rows for the readout panel."""
    def num(v: float | None, fmt: str) -> str:
        return "\u2014" if v is None else format(v, fmt)

    rows = [("UTC", r.utc)]
    if r.previous_event is not None:
        rows.append(("Previous", f"{r.previous_event.label}  "
                                 f"{format_countdown(r.previous_event.tdb - r.tdb)}"))
    if r.next_event is not None:
        rows.append(("Next", f"{r.next_event.label}  {format_countdown(r.next_event.tdb - r.tdb)}"))
    if r.juno_note:
        rows.append(("Juno", r.juno_note))
        return rows
    rows += [
        ("Altitude", format_distance(r.altitude_km, unit)),
        ("Speed", num(r.speed_kms, ".3f") + " km/s"),
        ("Latitude", num(r.latitude_deg, "+.2f") + "\u00b0 (planetographic)"),
        ("Longitude", num(r.west_longitude_deg, ".2f") + "\u00b0 W (System III)"),
    ]
    for moon, km in r.moon_distance_km.items():
        rows.append((f"To {moon.title()}", format_distance(km, unit)))
    return rows
