"""UTC <-> TDB conversion, offline.

Times inside jovianview are TDB Julian dates held as float64 (a scalar or an array). At
2020 a float64 Julian date resolves about 40 microseconds, far finer than anything shown.

Conversions go through skyfield's timescale built from the leap-second table that skyfield
itself ships (``builtin=True``), so nothing is downloaded at run time. UT1 is never needed:
TDB follows from UTC through TAI and TT alone. Leap seconds are skyfield's too: a real one such
as ``2016-12-31T23:59:60`` is read and written as second 60, and no other minute has one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.errors import InvalidTimeError

if TYPE_CHECKING:  # skyfield is imported on first use (it takes a while)
    from skyfield.timelib import Timescale

J2000_TDB = 2451545.0
SECONDS_PER_DAY = 86400.0

_ISO_HINT = "use ISO 8601 UTC such as 2022-09-29T09:36:28 or 2022-09-29"
_STEP_RE = re.compile(
    r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*(s|sec|m|min|h|d|day|days)?\s*$")
_LEAP_RE = re.compile(r"^(.*[Tt ]\d{1,2}:\d{2}):60((?:[.,]\d*)?)(.*)$")
# skyfield writes dates correctly within about 27 million years of JD 0 (measured: 1e10 days
# works, 1e15 overflows); messages name a date only for the years -4712 to 9999.
JD_WRITABLE = 1e10
JD_FIRST_NAMED, JD_LAST_NAMED = 0.0, 5373484.0
_STEP_UNITS = {None: 60.0, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0,
               "d": 86400.0, "day": 86400.0, "days": 86400.0}


@cache
def _timescale() -> Timescale:
    from skyfield.api import load

    return load.timescale(builtin=True)


def parse_utc(text: str) -> datetime:
    """Parse an ISO 8601 UTC date or date-time into an aware ``datetime``.

    A trailing ``Z`` or an explicit offset is accepted; a naive time is taken as UTC. A leap
    second (``23:59:60``) cannot be a ``datetime``: :func:`utc_to_tdb` reads those.

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


def _parse_with_leap(text: str) -> tuple[datetime, bool]:
    """(moment, leap): a leap second's text is read as second 59 and flagged."""
    match = _LEAP_RE.match(text.strip()) if ":60" in text else None
    if match is None:
        return parse_utc(text), False
    moment = parse_utc(f"{match.group(1)}:59{match.group(2)}{match.group(3)}")
    return moment, True


@overload
def utc_to_tdb(utc: str | datetime) -> float: ...  # type: ignore[overload-overlap]
# (a str is also an Iterable[str]; the first signature wins, as it does at run time)
@overload
def utc_to_tdb(utc: Iterable[str | datetime]) -> NDArray[np.float64]: ...
def utc_to_tdb(utc: str | datetime | Iterable[str | datetime]) -> float | NDArray[np.float64]:
    """Convert UTC (ISO strings or datetimes, one or many) to TDB Julian dates.

    Raises
    ------
    InvalidTimeError
        When a text is not an ISO date, or names a second 60 that was no leap second.

    Examples
    --------
    >>> round(utc_to_tdb("2000-01-01T11:58:55.816"), 6)
    2451545.0
    """
    single = isinstance(utc, (str, datetime))
    items: list[str | datetime] = [utc] if isinstance(utc, (str, datetime)) else list(utc)
    parsed = [_parse_with_leap(u) if isinstance(u, str) else (_aware(u), False) for u in items]
    if not parsed:
        return np.empty(0)
    ts = _timescale()
    fields = np.array([(m.year, m.month, m.day, m.hour, m.minute,
                        m.second + m.microsecond * 1e-6 + leap) for m, leap in parsed])
    year, month, day, hour, minute = (fields[:, i].astype(int) for i in range(5))
    t = ts.utc(year, month, day, hour, minute, fields[:, 5])
    leaps = [i for i, (_, leap) in enumerate(parsed) if leap]
    if leaps:
        _check_leap_seconds(ts, [items[i] for i in leaps], year[leaps], month[leaps], day[leaps],
                            hour[leaps], minute[leaps])
    tdb = np.asarray(t.tdb, dtype=float)
    return float(tdb[0]) if single else tdb


def _check_leap_seconds(ts: Timescale, texts: list[str | datetime], year: NDArray[np.int_],
                        month: NDArray[np.int_], day: NDArray[np.int_],
                        hour: NDArray[np.int_], minute: NDArray[np.int_]) -> None:
    """InvalidTimeError for a second 60 that skyfield's leap-second table does not have."""
    # A real leap second makes 23:59:60 one second before the next day's 00:00:00; at any
    # other minute skyfield's second 60 is simply the next minute's second 0.
    real = (hour == 23) & (minute == 59) & (np.abs(
        ts.utc(year, month, day, 23, 59, 60.0).tai - ts.utc(year, month, day + 1).tai
    ) > 0.5 / SECONDS_PER_DAY)
    if not real.all():
        bad = texts[int(np.flatnonzero(~real)[0])]
        raise InvalidTimeError(
            f"{bad!r} names a second 60, but no leap second was inserted there (skyfield's "
            "leap-second table): use seconds 0 to 59"
        )


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@overload
def tdb_to_utc(tdb_jd: float) -> datetime: ...
@overload
def tdb_to_utc(tdb_jd: ArrayLike) -> datetime | list[datetime]: ...
def tdb_to_utc(tdb_jd: ArrayLike) -> datetime | list[datetime]:
    """Convert TDB Julian dates to UTC ``datetime`` values (microsecond resolution)."""
    arr = _check_written(check_tdb(tdb_jd))
    ts = _timescale()
    t = ts.tdb_jd(np.atleast_1d(arr))
    out = t.utc_datetime()
    out = list(np.atleast_1d(out))
    return out[0] if np.ndim(arr) == 0 else out


@overload
def tdb_to_iso(tdb_jd: float, digits: int = 3) -> str: ...
@overload
def tdb_to_iso(tdb_jd: ArrayLike, digits: int = 3) -> str | list[str]: ...
def tdb_to_iso(tdb_jd: ArrayLike, digits: int = 3) -> str | list[str]:
    """Format TDB Julian dates as ISO 8601 UTC strings with ``digits`` decimals of seconds.

    skyfield rounds (across minute, day and year boundaries) and writes a real leap second
    as ``23:59:60``.

    Raises
    ------
    InvalidTimeError
        For NaN, infinity, or a Julian date beyond +-1e10 (no calendar date is written).
    """
    arr = _check_written(check_tdb(tdb_jd))
    t = _timescale().tdb_jd(np.atleast_1d(arr))
    text = [s[:-1] for s in t.utc_iso(delimiter="T", places=digits)]  # drop skyfield's "Z"
    return text[0] if np.ndim(arr) == 0 else text


def describe_tdb(tdb_jd: float) -> str:
    """``2022-09-29T09:36:29 UTC (TDB JD 2459851.900975)`` for messages, or only the JD
    far from the present (NaN, infinity, beyond the years -4712 to 9999)."""
    if math.isfinite(tdb_jd) and JD_FIRST_NAMED <= tdb_jd <= JD_LAST_NAMED:
        return f"{tdb_to_iso(tdb_jd, 0)} UTC (TDB JD {tdb_jd:.6f})"
    return f"TDB JD {tdb_jd:g}"


def _check_written(arr: float | NDArray[np.float64]) -> float | NDArray[np.float64]:
    values = np.asarray(arr)
    if values.size and not (np.abs(values) <= JD_WRITABLE).all():
        bad = float(values[~(np.abs(values) <= JD_WRITABLE)][0])
        raise InvalidTimeError(
            f"TDB JD {bad:g} is too far from the present to write as a date: give a Julian "
            "date such as 2459852.9"
        )
    return arr


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
    if not seconds > 0:
        raise InvalidTimeError(f"step {text!r} must be greater than zero, such as 10m")
    if math.isinf(seconds):
        raise InvalidTimeError(f"step {text!r} is too large: give one such as 10m or 1d")
    return seconds / SECONDS_PER_DAY
