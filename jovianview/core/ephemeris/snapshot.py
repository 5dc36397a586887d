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
from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso


@dataclass(frozen=True)
class _Stack:
    names: tuple[str, ...]
    start: NDArray[np.float64]  # (B,)
    step: NDArray[np.float64]
    last_seg: NDArray[np.intp]
    offset: NDArray[np.intp]  # first row of each body in ``series``
    # (rows, K, 6): power-series coefficients in tau of x, y, z (km) and of vx, vy, vz (km/s),
    # zero-padded to a common K. Converted once from Chebyshev form; with |tau| <= 1 and these
    # smooth segments the conversion costs under a micrometre of precision.
    series: NDArray[np.float64]
    bary: NDArray[np.float64]  # (B, B): adds the barycentre offset to sun and earth
    first: float
    last: float


@cache
def _stack() -> _Stack:
    tables = load_embedded().tables
    names = tuple(b for b in (*MOONS, "sun", "earth") if b in tables)
    width = max(tables[b].coef.shape[1] for b in names)
    blocks, offsets = [], []
    row = 0
    for b in names:
        t = tables[b]
        n_seg, n_coef, _ = t.coef.shape
        block = np.zeros((n_seg, width, 6))
        power = np.einsum("jk,skx->sjx", _cheb_to_power(n_coef), t.coef)
        block[:, :n_coef, :3] = power
        # d/dt of sum p_j tau^j = sum j p_j tau^(j-1) * 2 / step, in km/s.
        scale = 2.0 / (t.step * SECONDS_PER_DAY)
        block[:, : n_coef - 1, 3:] = power[:, 1:] * np.arange(1, n_coef)[None, :, None] * scale
        blocks.append(block)
        offsets.append(row)
        row += n_seg
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
        last_seg=np.array([tables[b].coef.shape[0] - 1 for b in names]),
        offset=np.array(offsets),
        series=np.concatenate(blocks),
        bary=bary,
        first=max(tables[b].start for b in names),
        last=min(tables[b].end for b in names),
    )


def _cheb_to_power(n: int) -> NDArray[np.float64]:
    """Matrix M with sum_k c_k T_k(tau) = sum_j (M c)_j tau^j."""
    m = np.zeros((n, n))
    for k in range(n):
        m[: k + 1, k] = npcheb.cheb2poly(np.eye(n)[k, : k + 1])
    return m


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
    seg = np.minimum(x.astype(np.intp), s.last_seg)
    # tau^0 .. tau^(K-1) by running products (np.power.outer costs five times as much)
    powers = np.empty((len(x), s.series.shape[1]))
    powers[:, 0] = 1.0
    powers[:, 1:] = (2.0 * (x - seg) - 1.0)[:, None]
    np.multiply.accumulate(powers, axis=1, out=powers)
    both = s.bary @ np.einsum("bk,bkx->bx", powers, s.series[s.offset + seg])
    return both[:, :3], both[:, 3:]


