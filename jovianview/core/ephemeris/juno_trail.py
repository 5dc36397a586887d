"""Juno's trail as a polyline: dense near perijove, sparse near apojove.

The polyline's chords stay within ``rel_tol`` (default 0.1%) of Juno's distance from Jupiter's
centre, so at perijove (about 76,000 km from the centre, 3,000-5,000 km up) a chord sags at
most ~76 km and a trail never cuts through the planet.

Examples
--------
>>> from jovianview.core.events import perijove
>>> t, pos = trail(perijove(10).tdb - 2, perijove(10).tdb + 2)
>>> pos.shape[0], t.size == pos.shape[1]
(3, True)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import juno as _juno
from jovianview.core.ephemeris.composed import Ephemeris
from jovianview.core.timescale import check_tdb

MAX_ROUNDS = 40


def trail(
    start_tdb: float, end_tdb: float, rel_tol: float = 1e-3, eph: Ephemeris | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Times (N,) and positions (3, N) of a polyline following Juno over a time window.

    Positions come from ``eph`` (default: the embedded tables alone). The window is clipped
    to the span where Juno can be placed (:meth:`Ephemeris.juno_extent`: the embedded
    trajectory, widened by Juno's kernels when ``eph`` has some); a window entirely
    outside it gives empty arrays (Juno is absent then). Vertices start at the embedded
    trajectory's own segment breaks (already dense near perijove) and intervals are halved
    until the chord's deviation at the interval's middle and quarter points is under
    ``rel_tol / 2`` of the distance there.
    """
    if eph is None:
        from jovianview.core.ephemeris import default_ephemeris

        eph = default_ephemeris()
    state = eph.state
    lo, hi = sorted((float(check_tdb(start_tdb)), float(check_tdb(end_tdb))))
    first, last = eph.juno_extent()
    lo, hi = max(lo, first), min(hi, last)
    if lo > hi:
        return np.empty(0), np.empty((3, 0))
    if lo == hi:
        return np.array([lo]), state("juno", np.array([lo]))[0]
    traj = _juno.load_juno()  # None: no embedded trajectory; the kernels' samples alone
    breaks = traj.table.breaks if traj is not None else np.empty(0)
    t = np.unique(np.concatenate([[lo], breaks[(breaks > lo) & (breaks < hi)], [hi]]))
    pos = state("juno", t)[0]
    for _ in range(MAX_ROUNDS):
        a, b = t[:-1], t[1:]
        probes = np.stack([a + (b - a) * f for f in (0.25, 0.5, 0.75)])  # (3, n)
        ppos = state("juno", probes.ravel())[0].reshape(3, 3, -1)
        frac = np.array([0.25, 0.5, 0.75])[None, :, None]
        chord = pos[:, None, :-1] + frac * (pos[:, None, 1:] - pos[:, None, :-1])
        err = np.linalg.norm(ppos - chord, axis=0)  # (3 probes, n)
        dist = np.linalg.norm(ppos, axis=0)
        bad = np.any(err > 0.5 * rel_tol * dist, axis=0)
        if not bad.any():
            break
        new_t = probes[1, bad]
        new_p = ppos[:, 1, bad]
        order = np.argsort(np.concatenate([t, new_t]), kind="stable")
        t = np.concatenate([t, new_t])[order]
        pos = np.concatenate([pos, new_p], axis=1)[:, order]
    return t, pos
