"""Where Jupiter's Great Red Spot is: its System II longitude over time, and in System III.

Jupiter's cloud maps have no fixed longitude (the clouds drift against every rotation system),
so jovianview turns its Jupiter map until the Great Red Spot sits where it was on the shown
date. The GRS is tracked in System II (the rotation system of the temperate latitudes).

Drift model
-----------
Piecewise-linear interpolation of JUPOS measurements of the GRS's System II longitude
(JUPOS, the amateur database of Jovian feature positions, jupos.org), as compiled with dates by
B. Gray, ``https://projectpluto.com/grs_lon.txt`` (values 2010-10 to 2022-11, unwrapped so the
longitude increases monotonically). Outside the table the longitude is extrapolated linearly at
24 deg/year, the mean System II drift 2015-2022 (the same rate that compilation extrapolates
with; Simon et al. 2018, AJ 155, 151, report the matching westward drift of ~0.36 deg/day in
System III). The GRS also oscillates +-1 deg with a 90-day period (Rogers 2008, JBAA 118,
14), which this model ignores; expect errors of a few degrees inside the table and growing by
~5-10 deg a year beyond it. The user can override the longitude (a setting).

System II and III
-----------------
Prime meridians, days ``d`` past J2000 TDB: System III ``W = 284.95 + 870.536 d`` (IAU 2015,
Archinal et al. 2018); System II ``W = 43.3 + 870.270 d`` (The Astronomical Almanac, section E;
Explanatory Supplement 3rd ed. table 10.12), both about the same pole. A feature's west
longitudes in the two systems therefore differ by ``W_III - W_II``.
"""

from __future__ import annotations

import math
from bisect import bisect_right

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.timescale import J2000_TDB, check_tdb, utc_to_tdb

# (UTC date, System II west longitude in degrees, unwrapped): JUPOS via projectpluto.com
_TABLE = (
    ("2010-10-10", 156.0), ("2011-02-01", 163.0), ("2011-08-01", 168.0), ("2012-01-01", 174.0),
    ("2012-08-01", 182.0), ("2013-10-01", 202.0), ("2014-02-01", 209.0), ("2014-04-01", 212.0),
    ("2014-09-01", 216.0), ("2015-01-01", 226.0), ("2015-05-01", 227.0), ("2015-12-01", 236.0),
    ("2016-04-01", 244.0), ("2016-09-01", 253.0), ("2016-12-01", 258.0), ("2017-08-01", 276.0),
    ("2017-10-01", 280.0), ("2018-04-01", 288.0), ("2018-06-01", 288.0), ("2018-11-01", 296.0),
    ("2019-01-01", 300.0), ("2019-05-01", 309.0), ("2019-07-01", 313.0), ("2019-09-01", 315.0),
    ("2019-11-01", 320.0), ("2020-04-01", 330.0), ("2020-08-01", 339.0), ("2020-12-01", 347.0),
    ("2021-04-01", 357.0), ("2021-09-01", 362.0), ("2021-12-01", 365.0), ("2022-05-01", 374.0),
    ("2022-11-01", 386.0),
)
EXTRAPOLATION_DEG_PER_YEAR = 24.0
SYSTEM3_W0, SYSTEM3_RATE = 284.95, 870.5360000  # deg, deg/day (IAU 2015)
SYSTEM2_W0, SYSTEM2_RATE = 43.3, 870.270  # deg, deg/day (Astronomical Almanac)

_TIMES = np.asarray(utc_to_tdb([d + "T00:00:00" for d, _ in _TABLE]), dtype=np.float64)
_LONS = np.array([lon for _, lon in _TABLE])
_TIMES_LIST, _LONS_LIST = _TIMES.tolist(), _LONS.tolist()  # the per-frame scalar path


def table_span() -> tuple[float, float]:
    """First and last TDB Julian dates of the measured table (outside: extrapolation)."""
    return float(_TIMES[0]), float(_TIMES[-1])


def grs_system2_longitude(tdb: ArrayLike) -> NDArray[np.float64] | float:
    """The GRS's System II west longitude (degrees, 0-360) at TDB Julian date(s) ``tdb``."""
    t = np.asarray(check_tdb(tdb), dtype=np.float64)
    rate = EXTRAPOLATION_DEG_PER_YEAR / 365.25
    lon = np.interp(t, _TIMES, _LONS)
    lon = np.where(t < _TIMES[0], _LONS[0] + (t - _TIMES[0]) * rate, lon)
    lon = np.where(t > _TIMES[-1], _LONS[-1] + (t - _TIMES[-1]) * rate, lon)
    out = np.mod(lon, 360.0)
    return float(out) if out.ndim == 0 else out


def system2_to_system3(lon2: ArrayLike, tdb: ArrayLike) -> NDArray[np.float64] | float:
    """A System II west longitude as a System III west longitude at ``tdb`` (degrees)."""
    d = np.asarray(check_tdb(tdb), dtype=np.float64) - J2000_TDB
    offset = (SYSTEM3_W0 - SYSTEM2_W0) + (SYSTEM3_RATE - SYSTEM2_RATE) * d
    out = np.mod(np.asarray(lon2, dtype=np.float64) + offset, 360.0)
    return float(out) if out.ndim == 0 else out


def grs_system3_longitude(tdb: float, system2_override: float | None = None) -> float:
    """The GRS's System III west longitude at ``tdb``; ``system2_override`` replaces the model."""
    if isinstance(tdb, float) and math.isfinite(tdb):  # once per frame: plain floats
        if system2_override is None:
            lon2 = _system2_scalar(tdb)
        else:
            lon2 = float(system2_override)
        d = tdb - J2000_TDB
        offset = (SYSTEM3_W0 - SYSTEM2_W0) + (SYSTEM3_RATE - SYSTEM2_RATE) * d
        return float((lon2 + offset) % 360.0)
    lon2_any = grs_system2_longitude(tdb) if system2_override is None else float(system2_override)
    return float(system2_to_system3(lon2_any, tdb))


def _system2_scalar(t: float) -> float:
    """:func:`grs_system2_longitude` for one finite float time."""
    times, lons = _TIMES_LIST, _LONS_LIST
    rate = EXTRAPOLATION_DEG_PER_YEAR / 365.25
    if t < times[0]:
        lon = lons[0] + (t - times[0]) * rate
    elif t > times[-1]:
        lon = lons[-1] + (t - times[-1]) * rate
    else:
        i = min(bisect_right(times, t) - 1, len(times) - 2)
        slope = (lons[i + 1] - lons[i]) / (times[i + 1] - times[i])
        lon = slope * (t - times[i]) + lons[i]
    return lon % 360.0
