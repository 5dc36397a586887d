"""Time series of Juno's readouts for plots: altitude, speed, latitude, longitude, moon distances.

:func:`sample` evaluates :func:`jovianview.core.ephemeris.juno_readouts.readouts` (one vectorised
call) on a grid of TDB Julian dates, so a plot shows exactly the numbers the readouts give.
:func:`window_around` chooses the spans the plot panel offers (a perijove pass, an orbit, a
flyby) from the event tables; :func:`markers` gives the perijoves and flybys inside a span and
:func:`trajectory_caption` names where Juno's positions came from.

Examples
--------
>>> from jovianview.core.events import perijove
>>> t0 = perijove(45).tdb
>>> s = sample(("altitude", "speed"), t0 - 0.25, t0 + 0.25)
>>> s.tdb.size > 100, round(float(s.values["altitude"].min()), -2)
(True, 3900.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import EMBEDDED, MOONS, Ephemeris, default_ephemeris
from jovianview.core.ephemeris import juno as juno_table
from jovianview.core.ephemeris.juno_readouts import readouts
from jovianview.core.errors import JovianviewError, TimeRangeError
from jovianview.core.events import Event, events_between, events_of_kind
from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso, tdb_to_utc

__all__ = [
    "Quantity", "QUANTITIES", "PlotSeries", "WindowKind", "WINDOW_KINDS", "sample",
    "sample_times", "markers", "trajectory_caption", "window_around", "unix_utc",
]

FloatArray = NDArray[np.float64]
WindowKind = Literal["perijove", "orbit", "flyby"]
WINDOW_KINDS: tuple[WindowKind, ...] = get_args(WindowKind)
PERIJOVE_HALF_DAYS = 6.0 / 24.0  # a perijove pass: +-6 h
FLYBY_HALF_DAYS = 2.0 / 24.0  # a flyby: +-2 h
DEFAULT_POINTS = 1500  # a uniform grid this fine, plus the dense spans near events
DENSE_STEP_DAYS = 30.0 / SECONDS_PER_DAY  # near a perijove or flyby: every 30 s ...
DENSE_HALF_DAYS = 2.0 / 24.0  # ... for 2 h either side, so a minimum is never cut off
MAX_POINTS = 2_000_000


@dataclass(frozen=True)
class Quantity:
    """One plottable quantity.

    Attributes
    ----------
    name : str
        The command-line name, e.g. ``distance-io``.
    title : str
        What it is, for an axis or a legend.
    unit : str
        Its unit as printed (km, km/s, deg).
    axis : str
        A short axis label, unit included (``Altitude (km)``).
    column : str
        The CSV column, unit included (``altitude_km``).
    key : str
        Its key in :func:`~jovianview.core.ephemeris.juno_readouts.readouts`.
    """

    name: str
    title: str
    unit: str
    axis: str
    column: str
    key: str


def _quantities() -> dict[str, Quantity]:
    out = {
        "altitude": Quantity("altitude", "Altitude above Jupiter's 1-bar ellipsoid", "km",
                             "Altitude (km)", "altitude_km", "altitude_km"),
        "speed": Quantity("speed", "Speed relative to Jupiter's centre", "km/s",
                          "Speed (km/s)", "speed_km_s", "speed_km_s"),
        "latitude": Quantity("latitude", "Planetocentric latitude", "deg", "Latitude (deg)",
                             "latitude_deg", "latitude_deg"),
        "longitude": Quantity("longitude", "System III west longitude", "deg",
                              "W longitude (deg)", "west_longitude_deg", "west_longitude_deg"),
    }
    for moon in MOONS:
        out[f"distance-{moon}"] = Quantity(
            f"distance-{moon}", f"Distance from {moon.title()}'s surface (mean radius)", "km",
            "Distance (km)", f"{moon}_surface_distance_km", f"{moon}_distance_km")
    return out


QUANTITIES: dict[str, Quantity] = _quantities()


@dataclass(frozen=True)
class PlotSeries:
    """Sampled quantities over one span.

    Attributes
    ----------
    tdb : ndarray, shape (N,)
        TDB Julian dates, increasing.
    values : dict
        Quantity name -> ndarray (N,) in that quantity's unit.
    events : tuple of Event
        Perijoves and flybys inside the span.
    caption : str
        Where Juno's trajectory came from (:func:`trajectory_caption`).
    """

    tdb: FloatArray
    values: dict[str, FloatArray]
    events: tuple[Event, ...]
    caption: str

    @property
    def start(self) -> float:
        """First sampled TDB Julian date."""
        return float(self.tdb[0])

    @property
    def end(self) -> float:
        """Last sampled TDB Julian date."""
        return float(self.tdb[-1])


def check_quantities(names: Sequence[str]) -> tuple[Quantity, ...]:
    """The :class:`Quantity` of each name; JovianviewError naming the valid ones otherwise."""
    out = []
    for name in names:
        q = QUANTITIES.get(name.strip().lower())
        if q is None:
            raise JovianviewError(f"unknown quantity {name!r}: choose from "
                                  + ", ".join(QUANTITIES))
        out.append(q)
    if not out:
        raise JovianviewError("name at least one quantity, e.g. altitude")
    return tuple(out)


def sample_times(start_tdb: float, end_tdb: float, step_days: float | None = None) -> FloatArray:
    """The TDB grid :func:`sample` uses: ``start`` to ``end`` inclusive.

    With ``step_days`` a uniform grid of that step (and the end); without it
    :data:`DEFAULT_POINTS` uniform points plus a 30 s grid within 2 h of every perijove and
    flyby in the span, so a closest approach is drawn at its true depth.
    """
    start, end = float(start_tdb), float(end_tdb)
    if not end > start:
        raise JovianviewError(f"the span must end after it starts ({tdb_to_iso(start, 0)} to "
                              f"{tdb_to_iso(end, 0)} UTC)")
    if step_days is not None:
        count = int(np.floor((end - start) / step_days + 1e-6)) + 1
        if count > MAX_POINTS:
            raise JovianviewError(f"{count:,} samples requested; at most {MAX_POINTS:,}: use "
                                  "a larger step")
        grid = start + step_days * np.arange(count)
        return np.unique(np.append(grid, end))
    parts = [np.linspace(start, end, DEFAULT_POINTS)]
    for event in markers(start, end):
        lo, hi = max(start, event.tdb - DENSE_HALF_DAYS), min(end, event.tdb + DENSE_HALF_DAYS)
        parts.append(np.arange(lo, hi, DENSE_STEP_DAYS))
        parts.append(np.array([event.tdb]))
    return np.unique(np.concatenate(parts))


def sample(names: Sequence[str], start_tdb: float, end_tdb: float,
           step_days: float | None = None, eph: Ephemeris | None = None) -> PlotSeries:
    """Sample the quantities ``names`` (keys of :data:`QUANTITIES`) from ``start`` to ``end``.

    Raises
    ------
    JovianviewError
        For an unknown quantity or an empty span.
    TimeRangeError
        When the span leaves what ``eph`` (default: the embedded tables) can place Juno in.
    """
    eph = eph if eph is not None else default_ephemeris()
    quantities = check_quantities(names)
    first, last = eph.juno_extent()
    if start_tdb < first or end_tdb > last:
        raise TimeRangeError(
            f"{tdb_to_iso(start_tdb, 0)} to {tdb_to_iso(end_tdb, 0)} UTC is outside Juno's "
            f"data: it covers {tdb_to_iso(first, 0)} to {tdb_to_iso(last, 0)} UTC")
    tdb = sample_times(start_tdb, end_tdb, step_days)
    all_values = readouts(tdb, eph)
    values = {q.name: np.asarray(all_values[q.key], dtype=np.float64) for q in quantities}
    return PlotSeries(tdb, values, markers(tdb[0], tdb[-1]), trajectory_caption(eph, tdb))


def markers(start_tdb: float, end_tdb: float) -> tuple[Event, ...]:
    """The perijoves and moon flybys between ``start`` and ``end`` (inclusive), in time order."""
    found = events_between(start_tdb, end_tdb, "perijove") + events_between(
        start_tdb, end_tdb, "flyby")
    return tuple(sorted(found, key=lambda e: e.tdb))


def trajectory_caption(eph: Ephemeris, tdb: FloatArray) -> str:
    """One line naming Juno's trajectory source(s) over ``tdb`` and any planned part."""
    names = [str(n) for n in np.unique(eph.sources("juno", tdb))]
    kernels = [n for n in names if n != EMBEDDED]
    if not kernels:
        text = "Trajectory: jovianview's embedded Juno trajectory"
    else:
        text = "Trajectory: NAIF Juno kernels " + ", ".join(kernels)
        if EMBEDDED in names:
            text += " (the embedded trajectory where they do not cover)"
    if juno_table.available() and bool(np.any(juno_table.is_planned(tdb))):
        text += "; after PJ76 the planned orbits (mission plan, not flown)"
    return text


def window_around(kind: WindowKind, tdb: float) -> tuple[float, float, Event]:
    """The span the plot panel shows for ``kind`` around ``tdb``, and the event it is about.

    ``perijove``: the nearest perijove +-6 h. ``orbit``: from the apojove at or before
    ``tdb`` to the next one, the perijove between them in the middle (the event returned).
    ``flyby``: the nearest moon flyby +-2 h.

    Raises
    ------
    JovianviewError
        For an unknown kind, or when the tables hold no such event.
    """
    if kind not in WINDOW_KINDS:
        raise JovianviewError(f"unknown window {kind!r}: choose {', '.join(WINDOW_KINDS)}")
    events = events_of_kind({"flyby": "flyby", "perijove": "perijove"}.get(kind, "apojove"))
    if len(events) < 2:
        raise JovianviewError(f"the event tables hold too few events for a {kind} window")
    times = np.array([e.tdb for e in events])
    if kind == "orbit":
        i = int(np.clip(np.searchsorted(times, tdb, "right") - 1, 0, len(events) - 2))
        inside = events_between(times[i], times[i + 1], "perijove")
        return float(times[i]), float(times[i + 1]), inside[0] if inside else events[i]
    nearest = events[int(np.argmin(np.abs(times - tdb)))]
    half = PERIJOVE_HALF_DAYS if kind == "perijove" else FLYBY_HALF_DAYS
    return nearest.tdb - half, nearest.tdb + half, nearest


def unix_utc(tdb: FloatArray) -> FloatArray:
    """UTC as POSIX seconds (what plot time axes label) at each TDB Julian date in ``tdb``.

    Between two times with no leap second between them UTC runs at TDB's rate within
    2 ms (TDB - TT is periodic, 1.7 ms), so the ends are converted exactly and the rest
    interpolated; a span holding a leap second is converted point by point.
    """
    t = np.atleast_1d(np.asarray(tdb, dtype=np.float64))
    if t.size < 3:
        return _unix_exact(t)
    ends = _unix_exact(np.array([t.min(), t.max()]))
    offsets = ends - np.array([t.min(), t.max()]) * SECONDS_PER_DAY
    if abs(offsets[1] - offsets[0]) > 0.01:  # a leap second inside the span
        return _unix_exact(t)
    return t * SECONDS_PER_DAY + np.interp(t, [t.min(), t.max()], offsets)


def _unix_exact(t: FloatArray) -> FloatArray:
    moments = tdb_to_utc(t)
    assert isinstance(moments, list)
    return np.array([m.timestamp() for m in moments], dtype=np.float64)
