"""UTC <-> TDB conversion, offline.

Times inside jovianview are TDB Julian dates held as float64 (a scalar or an array). At
2020 a float64 Julian date resolves about 40 microseconds, far finer than anything shown.

Conversions go through skyfield's timescale built from the leap-second table that skyfield
itself ships (``builtin=True``), so nothing is downloaded at run time. UT1 is never needed:
TDB follows from UTC through TAI and TT alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.errors import InvalidTimeError

J2000_TDB = 2451545.0
SECONDS_PER_DAY = 86400.0

_ISO_HINT = "use ISO 8601 UTC such as 2022-09-29T09:36:28 or 2022-09-29"
_STEP_RE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(s|sec|m|min|h|d|day|days)?\s*$")
_STEP_UNITS = {None: 60.0, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0,
               "d": 86400.0, "day": 86400.0, "days": 86400.0}


@cache
def _timescale():
    from skyfield.api import load

    return load.timescale(builtin=True)


def parse_utc(text: str) -> datetime:
    """Parse an ISO 8601 UTC date or date-time into an aware ``datetime``.

    A trailing ``Z`` or an explicit offset is accepted; a naive time is taken as UTC.

    Raises
    ------
    InvalidTimeError
        When the text is not an ISO date.
    """
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise InvalidTimeError(f"cannot read {text!r} as a date: {_ISO_HINT}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_to_tdb(utc: str | datetime | Iterable[str | datetime]) -> float | NDArray[np.float64]:
    """Convert UTC (ISO strings or datetimes, one or many) to TDB Julian dates.

    Examples
    --------
    >>> round(utc_to_tdb("2000-01-01T11:58:55.816"), 6)
    2451545.0
    """
    single = isinstance(utc, (str, datetime))
    items = [utc] if single else list(utc)
    moments = [parse_utc(u) if isinstance(u, str) else _aware(u) for u in items]
    if not moments:
        return np.empty(0)
    ts = _timescale()
    t = ts.from_datetimes(moments)
    tdb = np.asarray(t.tdb, dtype=float)
    return float(tdb[0]) if single else tdb


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def tdb_to_utc(tdb_jd: ArrayLike) -> datetime | list[datetime]:
    """Convert TDB Julian dates to UTC ``datetime`` values (microsecond resolution)."""
    arr = check_tdb(tdb_jd)
    ts = _timescale()
    t = ts.tdb_jd(np.atleast_1d(arr))
    out = t.utc_datetime()
    out = list(np.atleast_1d(out))
    return out[0] if np.ndim(arr) == 0 else out


def tdb_to_iso(tdb_jd: ArrayLike, digits: int = 3) -> str | list[str]:
    """Format TDB Julian dates as ISO 8601 UTC strings with ``digits`` decimals of seconds."""
    arr = check_tdb(tdb_jd)
    ts = _timescale()
    t = ts.tdb_jd(np.atleast_1d(arr))
    # skyfield rounds correctly across minute boundaries and knows leap seconds.
    text = t.utc_strftime("%Y-%m-%dT%H:%M:%S") if digits == 0 else None
    if text is None:
        comps = t.utc
        year, month, day, hour, minute, second = (np.atleast_1d(c) for c in comps)
        scale = 10**digits
        whole = np.floor(np.round(second * scale) / scale)
        frac = np.round((second - whole) * scale).astype(np.int64)
        carry = frac >= scale
        whole = np.where(carry, whole + 1, whole)
        frac = np.where(carry, 0, frac)
        text = []
        for i in range(len(year)):
            base = datetime(int(year[i]), int(month[i]), int(day[i]), int(hour[i]), int(minute[i]))
            sec = int(whole[i])
            if sec >= 60 and not _is_leap_second(base):
                base += timedelta(minutes=1)
                sec -= 60
            text.append(f"{base:%Y-%m-%dT%H:%M}:{sec:02d}.{int(frac[i]):0{digits}d}")
    text = [str(x) for x in np.atleast_1d(text)]
    return text[0] if np.ndim(arr) == 0 else text


def _is_leap_second(minute_start: datetime) -> bool:
    return minute_start.hour == 23 and minute_start.minute == 59 and (
        (minute_start + timedelta(days=1)).day == 1 and minute_start.month in (6, 12)
    )


def check_tdb(tdb_jd: ArrayLike) -> float | NDArray[np.float64]:
    """Return ``tdb_jd`` as a float or float64 array, rejecting non-numbers and NaN.

    Raises
    ------
    InvalidTimeError
        When the value is not numeric or contains NaN or infinity.
    """
    try:
        arr = np.asarray(tdb_jd, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidTimeError(
            f"time {tdb_jd!r} is not a number: give a TDB Julian date such as 2459852.9"
        ) from None
    if arr.size and not np.all(np.isfinite(arr)):
        raise InvalidTimeError(
            "time is NaN or infinite: give finite TDB Julian dates such as 2459852.9"
        )
    return float(arr) if arr.ndim == 0 else arr


def parse_step(text: str) -> float:
    """Parse a step such as ``10m``, ``30s``, ``2h`` or ``1d`` into days (bare numbers: minutes).

    Raises
    ------
    InvalidTimeError
        When the step is malformed or not positive.
    """
    match = _STEP_RE.match(text)
    if not match:
        raise InvalidTimeError(
            f"cannot read step {text!r}: use a number and a unit s, m, h or d, such as 10m"
        )
    seconds = float(match.group(1)) * _STEP_UNITS[match.group(2)]
    if not seconds > 0 or math.isinf(seconds):
        raise InvalidTimeError(f"step {text!r} must be greater than zero")
    return seconds / SECONDS_PER_DAY
