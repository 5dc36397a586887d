"""Sampled paths: Juno's trail and the moons' orbits, as polylines with per-vertex times.

A :class:`Polyline` is what the render layer's trail and path layers take: positions (3, N)
km (ICRF, from Jupiter's centre) and the TDB of each vertex. Sampling only calls the given
:class:`Ephemeris`; vertices are spaced evenly in angle around Jupiter rather than in time, so
Juno's few-hour perijove pass gets as many points as its weeks near apojove.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.ephemeris.juno_trail import trail as juno_trail
from jovianview.core.timescale import utc_to_tdb
from jovianview.model.sources import juno_plan_starts

# Sidereal periods (days) only to decide how much orbit path to draw around the moon
# (Archinal et al. / JPL "Planetary Satellite Mean Elements": 1.769, 3.551, 7.155, 16.689 d).
MOON_PERIOD_DAYS = {"io": 1.769, "europa": 3.551, "ganymede": 7.155, "callisto": 16.689}


@dataclass
class Polyline:
    """Vertices (3, N) km with their TDB times (N,), and which vertices are a plan."""

    positions: NDArray[np.float64]
    times: NDArray[np.float64]
    planned: NDArray[np.bool_]

    @property
    def start(self) -> float:
        """TDB Julian date of the first sample."""
        return float(self.times[0])

    @property
    def end(self) -> float:
        """TDB Julian date of the last sample."""
        return float(self.times[-1])

    @property
    def span_days(self) -> float:
        """Days from the first sample to the last."""
        return self.end - self.start

    def covers(self, tdb: float, margin: float = 0.0) -> bool:
        """True when ``tdb`` lies inside the samples with ``margin`` days to spare each side."""
        return self.start + margin <= tdb <= self.end - margin


def today_tdb() -> float:
    """The TDB of the computer's clock: vertices after it are a plan, not a flown path."""
    return float(utc_to_tdb(datetime.now(UTC)))


def sample_juno_trail(start: float, end: float, eph: Ephemeris) -> Polyline:
    """Juno's path from ``start`` to ``end`` (TDB) as ``eph`` places it, clipped to the data.

    The vertices come from the core's trail sampler: dense near perijove, sparse near apojove,
    chords within 0.1% of Juno's distance from Jupiter, so the trail never cuts the planet.

    Raises
    ------
    UnknownBodyError, TimeRangeError
        When no Juno ephemeris exists or it does not overlap the window.
    """
    times, positions = juno_trail(start, end, eph=eph)
    if times.size == 0:
        first, last = eph.juno_extent()
        eph.state("juno", last + 1.0 if start > last else first - 1.0)  # raises, naming the span
    return Polyline(positions, times, times > juno_plan_starts(today_tdb()))


def sample_moon_orbit(body: str, tdb: float, eph: Ephemeris, n: int = 256) -> Polyline:
    """One full revolution of ``body`` centred on ``tdb``, clipped to the moon's data."""
    half = MOON_PERIOD_DAYS[body] * 0.55
    first, last = eph.span(body)
    times = np.linspace(max(tdb - half, first), min(tdb + half, last), n)
    positions = eph.state(body, times)[0]
    return Polyline(positions, times, np.zeros(n, dtype=bool))
