"""A place on Earth: where it is in space, and how high Jupiter and the Sun stand there.

Positions come from skyfield's WGS84 model (``wgs84.latlon``) with the offline timescale of
:mod:`jovianview.core.timescale`: the site's GCRS offset from Earth's centre (treated as ICRF:
the frame bias is 1e-7 rad, metres here) and its local horizon for altitudes. Polar motion
is ignored (at most 15 m).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.ephemeris import state
from jovianview.core.errors import JovianviewError
from jovianview.core.timescale import _timescale

if TYPE_CHECKING:  # skyfield is imported on first use
    from skyfield.timelib import Time

FloatArray = NDArray[np.float64]
DARK_SUN_ALTITUDE_DEG = -6.0  # civil twilight's end: Jupiter (mag -2) shows well in a telescope
_HINT = "give LAT,LON[,HEIGHT_M] in degrees (north, east positive) and metres, e.g. 48.85,2.35,35"


class ObserverError(JovianviewError):
    """An observer's latitude, longitude or height that cannot be used."""


@dataclass(frozen=True)
class Observer:
    """Geodetic latitude and longitude (degrees, north and east positive) and height (m)."""

    lat_deg: float
    lon_deg: float
    height_m: float = 0.0

    def __post_init__(self) -> None:
        values = (self.lat_deg, self.lon_deg, self.height_m)
        if not all(math.isfinite(v) for v in values):
            raise ObserverError(f"observer {values} is not finite: {_HINT}")
        if not -90.0 <= self.lat_deg <= 90.0:
            raise ObserverError(f"latitude {self.lat_deg} is outside -90..90: {_HINT}")
        if not -180.0 <= self.lon_deg <= 360.0:
            raise ObserverError(f"longitude {self.lon_deg} is outside -180..360: {_HINT}")
        if not -500.0 <= self.height_m <= 10000.0:
            raise ObserverError(f"height {self.height_m} m is outside -500..10000: {_HINT}")

    @classmethod
    def parse(cls, text: str) -> Observer:
        """Read ``LAT,LON`` or ``LAT,LON,HEIGHT_M``.

        Raises
        ------
        ObserverError
            For anything else, naming the expected form.
        """
        parts = [p.strip() for p in str(text).split(",")]
        if len(parts) not in (2, 3):
            raise ObserverError(f"cannot read observer {text!r}: {_HINT}")
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise ObserverError(f"cannot read observer {text!r}: {_HINT}") from None
        return cls(*values)

    @staticmethod
    def _times(tdb: ArrayLike) -> Time:
        """Skyfield times with the IAU 2000B nutation (1 mas; the full 2000A series is ~50x
        slower and matters below a metre here), as skyfield's documentation suggests."""
        from skyfield.nutationlib import iau2000b_radians

        t = _timescale().tdb_jd(np.atleast_1d(np.asarray(tdb, dtype=np.float64)))
        t._nutation_angles_radians = iau2000b_radians(t)
        return t

    def _site(self):
        from skyfield.api import wgs84

        return wgs84.latlon(self.lat_deg, self.lon_deg, elevation_m=self.height_m)

    def offset(self, tdb: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """The site relative to Earth's centre at TDB Julian dates: (3, N) km and km/s."""
        at = self._site().at(self._times(tdb))
        return (np.asarray(at.position.km).reshape(3, -1),
                np.asarray(at.velocity.km_per_s).reshape(3, -1))

    def altitudes(self, tdb: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Altitudes (degrees, geometric, no refraction) of Jupiter and the Sun at ``tdb``."""
        tdb = np.atleast_1d(np.asarray(tdb, dtype=np.float64))
        t = self._times(tdb)
        site = self._site()
        offset = np.asarray(site.at(t).position.km).reshape(3, -1)
        earth, _ = state("earth", tdb)
        sun, _ = state("sun", tdb)
        rot = np.asarray(site.rotation_at(t)).reshape(3, 3, -1)  # GCRS -> local horizon
        out = []
        for target in (-earth - offset, sun - earth - offset):
            local = np.einsum("ijn,jn->in", rot, target)
            out.append(np.degrees(np.arcsin(local[2] / np.linalg.norm(local, axis=0))))
        return out[0], out[1]

    def observable(self, tdb: ArrayLike) -> tuple[FloatArray, FloatArray, NDArray[np.bool_]]:
        """Jupiter's and the Sun's altitudes and whether Jupiter is up in a dark sky."""
        jup, sun = self.altitudes(tdb)
        return jup, sun, (jup > 0.0) & (sun < DARK_SUN_ALTITUDE_DEG)
