"""Every body's state at one epoch, fast: the app's per-frame call.

:func:`snapshot_states` evaluates all embedded tables together in about a dozen numpy calls: the
tables are stacked once into one padded coefficient array, so one gather and one contraction
give every body. It returns exactly what :func:`jovianview.core.ephemeris.state` would, body by
body, without the per-call checks' overhead beyond one span test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.polynomial import chebyshev as npcheb
from numpy.typing import NDArray

from jovianview.core.constants import GM_JUPITER_SYSTEM, GM_MOONS
from jovianview.core.ephemeris.bodies import MOONS
from jovianview.core.ephemeris.embedded import load_embedded
from jovianview.core.errors import TimeRangeError
from jovianview.core.timescale import tdb_to_iso


@dataclass(frozen=True)
class _Stack:
    names: tuple[str, ...]
    start: NDArray[np.float64]  # (B,)
    step: NDArray[np.float64]
    n_seg: NDArray[np.intp]
    offset: NDArray[np.intp]  # first row of each body in coef
    coef: NDArray[np.float64]  # (rows, K, 3) zero-padded
    dcoef: NDArray[np.float64]  # (rows, K, 3) km/s, zero-padded
    cheb_from_power: NDArray[np.float64]  # (K, K): T_k(tau) = sum_j tau^j M[j, k]
    bary: NDArray[np.float64]  # (B, B): adds the barycentre offset to sun and earth
    first: float
    last: float


@cache
def _stack() -> _Stack:
    tables = load_embedded().tables
    names = tuple(b for b in (*MOONS, "sun", "earth") if b in tables)
    width = max(tables[b].coef.shape[1] for b in names)
    coefs, dcoefs, offsets = [], [], []
    row = 0
    for b in names:
        t = tables[b]
        c = np.zeros((t.coef.shape[0], width, 3))
        c[:, : t.coef.shape[1]] = t.coef
        d = np.zeros_like(c)
        d[:, : t._dcoef.shape[1]] = t._dcoef
        coefs.append(c)
        dcoefs.append(d)
        offsets.append(row)
        row += t.coef.shape[0]
    power = np.zeros((width, width))
    for k in range(width):
        unit = np.zeros(k + 1)
        unit[k] = 1.0
        power[: k + 1, k] = npcheb.cheb2poly(unit)
    bary = np.eye(len(names))
    for i, b in enumerate(names):
        if b in ("sun", "earth"):
            for j, m in enumerate(names):
                if m in MOONS:
                    bary[i, j] = GM_MOONS[m] / GM_JUPITER_SYSTEM
    return _Stack(
        names=names,
        start=np.array([tables[b].start for b in names]),
        step=np.array([tables[b].step for b in names]),
        n_seg=np.array([tables[b].coef.shape[0] for b in names]),
        offset=np.array(offsets),
        coef=np.concatenate(coefs),
        dcoef=np.concatenate(dcoefs),
        cheb_from_power=power,
        bary=bary,
        first=max(tables[b].start for b in names),
        last=min(tables[b].end for b in names),
    )


def snapshot_bodies() -> tuple[str, ...]:
    """Body order of the rows :func:`snapshot_states` returns."""
    return _stack().names


def snapshot_states(tdb: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Positions (B, 3) km and velocities (B, 3) km/s of every body at one TDB Julian date.

    Rows follow :func:`snapshot_bodies`: io, europa, ganymede, callisto, sun, earth; all
    relative to Jupiter's centre on ICRF axes.
    """
    s = _stack()
    if not s.first <= tdb <= s.last:  # also rejects NaN
        raise TimeRangeError(
            f"{tdb!r} is outside the embedded ephemeris span "
            f"{tdb_to_iso(s.first, 0)} to {tdb_to_iso(s.last, 0)} UTC"
        )
    x = (tdb - s.start) / s.step
    seg = np.minimum(x.astype(np.intp), s.n_seg - 1)
    tau = 2.0 * (x - seg) - 1.0
    basis = np.power.outer(tau, np.arange(s.coef.shape[1])) @ s.cheb_from_power  # (B, K)
    rows = s.offset + seg
    pos = np.einsum("bk,bkx->bx", basis, s.coef[rows])
    vel = np.einsum("bk,bkx->bx", basis, s.dcoef[rows])
    return s.bary @ pos, s.bary @ vel
