"""One entry point for where every body is: :func:`state`.

Positions are km and velocities km/s relative to Jupiter's centre (NAIF 599), on ICRF axes,
at TDB Julian dates. A scalar time gives arrays of shape (3,); N times give (3, N).

Sources, tried in order: a precise source the user configured (a JPL satellite kernel, see
:mod:`jovianview.core.ephemeris.spk`) when it covers the body and the times, then the embedded
tables that ship with jovianview. Juno has a source of its own (NAIF kernels read with SpiceyPy,
see :mod:`jovianview.core.ephemeris.spice_juno`), asked epoch by epoch: it answers the epochs its
kernels cover and the embedded trajectory answers the others.

Examples
--------
>>> from jovianview.core import state, utc_to_tdb
>>> pos, vel = state("europa", utc_to_tdb("2022-09-29T09:36:28.58"))
>>> pos.shape, vel.shape
((3,), (3,))
"""

from __future__ import annotations

import math
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.constants import GM_JUPITER_SYSTEM, GM_MOONS
from jovianview.core.ephemeris import juno as _juno
from jovianview.core.ephemeris.bodies import MOONS, NAIF_IDS, normalize_body
from jovianview.core.ephemeris.embedded import load_embedded
from jovianview.core.ephemeris.snapshot import snapshot_bodies, snapshot_states
from jovianview.core.errors import TimeRangeError
from jovianview.core.timescale import check_tdb, tdb_to_iso

__all__ = [
    "state", "span", "juno_extent", "available_bodies", "set_precise_source", "set_juno_source",
    "juno_source", "MOONS", "NAIF_IDS",
]


class EphemerisSource(Protocol):
    """What a precise source offers: which bodies and times it covers, and their states."""

    name: str

    def covers(self, body: str, tdb: NDArray[np.float64]) -> bool: ...

    def state(
        self, body: str, tdb: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]: ...


class JunoSource(EphemerisSource, Protocol):
    """A Juno source that can say, epoch by epoch, which times it covers."""

    intervals: list[tuple[float, float]]

    def covered(self, tdb: NDArray[np.float64]) -> NDArray[np.bool_]: ...


_precise: EphemerisSource | None = None
_juno_source: JunoSource | None = None
# Bodies whose embedded tables are relative to Jupiter's barycentre (DE421 has no centre).
BARYCENTRIC = frozenset({"sun", "earth"})


def set_precise_source(source: EphemerisSource | None) -> None:
    """Use ``source`` before the embedded tables wherever it covers a request (None: stop)."""
    global _precise
    _precise = source


def set_juno_source(source: JunoSource | None) -> None:
    """Answer Juno from ``source`` at the epochs it covers, the embedded trajectory elsewhere."""
    global _juno_source
    _juno_source = source


def juno_source() -> JunoSource | None:
    """The Juno source set by :func:`set_juno_source`, or None."""
    return _juno_source


def juno_extent() -> tuple[float, float]:
    """First and last TDB Julian date at which Juno can be placed by any source in use.

    The embedded trajectory's span, widened by the intervals of Juno's kernels when some are
    in use. Inside this extent a gap between kernels beyond the embedded span is still a
    TimeRangeError from :func:`state`.
    """
    first, last = span("juno")
    if _juno_source is not None and _juno_source.intervals:
        first = min(first, _juno_source.intervals[0][0])
        last = max(last, _juno_source.intervals[-1][1])
    return first, last


def available_bodies() -> tuple[str, ...]:
    """Names accepted by :func:`state`: Jupiter and every body with an embedded table."""
    tables = load_embedded().tables
    has_juno = _juno.available() or _juno_source is not None
    return ("jupiter", *(b for b in NAIF_IDS if b in tables or (b == "juno" and has_juno)))


def span(body: str) -> tuple[float, float]:
    """First and last TDB Julian date the embedded ephemeris of ``body`` supports.

    The Sun and Earth also need the moons (for Jupiter's centre), and Jupiter needs them all.
    """
    body = normalize_body(body, available_bodies())
    tables = load_embedded().tables
    if body == "jupiter":
        needed = list(tables)
    elif body == "juno":  # variable-length segments of its own (ephemeris/juno.py)
        return _juno.span()
    elif body in BARYCENTRIC:
        needed = [body, *MOONS]
    else:
        needed = [body]
    return max(tables[b].start for b in needed), min(tables[b].end for b in needed)


def state(body: str, tdb_jd: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Position (km) and velocity (km/s) of ``body`` relative to Jupiter's centre, ICRF axes.

    Parameters
    ----------
    body : str
        One of :func:`available_bodies` (case-insensitive).
    tdb_jd : float or array_like
        TDB Julian date(s); any shape is flattened to N epochs.

    Returns
    -------
    position, velocity : ndarray
        Shape (3,) for a scalar time, (3, N) for N times (N may be 0).

    Raises
    ------
    UnknownBodyError, TimeRangeError, InvalidTimeError
        With a message naming the valid bodies or the supported span.
    """
    body = normalize_body(body, available_bodies())
    if body == "juno" and _juno_source is None and isinstance(tdb_jd, float | np.floating) \
            and math.isfinite(tdb_jd):
        return _juno.juno_state(float(tdb_jd))  # one epoch, per frame: the shortest path
    t = check_tdb(tdb_jd)
    scalar = np.ndim(t) == 0
    flat = np.atleast_1d(np.asarray(t, dtype=np.float64)).ravel()
    if body == "jupiter":
        _check_span(body, flat)
        pos = np.zeros((3, flat.size))
        vel = np.zeros((3, flat.size))
    elif body == "juno" and _juno_source is not None and flat.size:
        pos, vel = _juno_state(flat)
    elif _precise is not None and flat.size and _precise.covers(body, flat):
        pos, vel = _precise.state(body, flat)
    else:
        _check_span(body, flat)
        pos, vel = _embedded_state(body, flat)
    if scalar:
        return pos[:, 0], vel[:, 0]
    return pos, vel


def _juno_state(t: NDArray[np.float64]):
    """Juno from its kernels where they cover, from the embedded trajectory elsewhere."""
    covered = _juno_source.covered(t)
    if covered.all():
        return _juno_source.state("juno", t)
    rest = t[~covered]
    try:
        _check_span("juno", rest)
    except TimeRangeError as exc:
        raise TimeRangeError(
            f"{exc}; Juno's kernels ({_juno_source.name}) cover "
            + ", ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)} UTC"
                        for a, b in _juno_source.intervals)
        ) from None
    if not covered.any():
        return _embedded_state("juno", t)
    pos = np.empty((3, t.size))
    vel = np.empty((3, t.size))
    pos[:, covered], vel[:, covered] = _juno_source.state("juno", t[covered])
    pos[:, ~covered], vel[:, ~covered] = _embedded_state("juno", rest)
    return pos, vel


def _embedded_state(body: str, t: NDArray[np.float64]):
    if body == "juno":
        if t.size == 1:  # the scalar path skips the batch machinery: several times cheaper
            pos, vel = _juno.juno_state(float(t[0]))
            return pos[:, None], vel[:, None]
        return _juno.juno_state(t)
    if t.size == 1 and body in snapshot_bodies():
        # One epoch: the stacked per-frame evaluator is several times cheaper.
        pos, vel = snapshot_states(float(t[0]))
        row = snapshot_bodies().index(body)
        return pos[row][:, None].copy(), vel[row][:, None].copy()
    tables = load_embedded().tables
    pos, vel = tables[body].state(t)
    if body in BARYCENTRIC:
        # Jupiter's centre is offset from the system barycentre by -sum(GM_i r_i) / GM_system.
        for moon in MOONS:
            weight = GM_MOONS[moon] / GM_JUPITER_SYSTEM
            mpos, mvel = tables[moon].state(t)
            pos += weight * mpos
            vel += weight * mvel
    return pos, vel


def _check_span(body: str, t: NDArray[np.float64]) -> None:
    if not t.size:
        return
    if body == "juno":  # says "before orbit insertion" / "after the end of the data"
        _juno.check_span(t)
        return
    first, last = span(body)
    lo, hi = float(t.min()), float(t.max())
    if lo < first or hi > last:
        bad = lo if lo < first else hi
        raise TimeRangeError(
            f"{tdb_to_iso(bad, 0)} UTC (TDB JD {bad:.6f}) is outside the embedded ephemeris of "
            f"{body}: it covers {tdb_to_iso(first, 0)} to {tdb_to_iso(last, 0)} UTC"
        )
