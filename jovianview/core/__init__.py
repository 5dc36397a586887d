"""The geometry core: time scales, frames and ephemerides, in pure numpy (float64, km, TDB).

Nothing here imports Qt or VisPy; every number the app shows comes from this package.
"""

from jovianview.core.ephemeris import Ephemeris, available_bodies, span, state
from jovianview.core.errors import (
    DataFileError,
    InvalidTimeError,
    JovianviewError,
    TimeRangeError,
    UnknownBodyError,
)
from jovianview.core.timescale import tdb_to_iso, tdb_to_utc, utc_to_tdb

__all__ = [
    "Ephemeris",
    "state",
    "span",
    "available_bodies",
    "utc_to_tdb",
    "tdb_to_utc",
    "tdb_to_iso",
    "JovianviewError",
    "UnknownBodyError",
    "TimeRangeError",
    "InvalidTimeError",
    "DataFileError",
]
