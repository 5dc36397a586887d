"""Small Juno SPK kernels written with SpiceyPy from the embedded trajectory, for the tests.

Types written: 13 (Hermite, unequal steps), 9 (Lagrange, unequal steps) and 8 (Lagrange, equal
steps). NAIF's real Juno SPKs are types 1, 13 and 21; types 1 and 21 (difference lines) need
a trajectory integrator's internal data, which SpiceyPy cannot produce from states, so they
are not written here: CSPICE reads every type through the same ``spkgeo`` call.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from jovianview.core.ephemeris.juno import juno_state
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY

JUNO = -61
T_PJ = 2457998.0  # 2017-09-01 12:00 TDB, about 10 h before PJ8 (21:48 UTC): inside the table


def juno_states(t_jd: np.ndarray) -> np.ndarray:
    """(N, 6) km, km/s states of Juno from Jupiter's centre (embedded trajectory)."""
    pos, vel = juno_state(np.asarray(t_jd, dtype=np.float64))
    return np.vstack([pos, vel]).T.copy()


def write_juno_spk(
    path: Path,
    start: float,
    end: float,
    step_s: float = 60.0,
    data_type: int = 13,
    center: int = 599,
    states=None,  # noqa: ANN001 - a callable (N,) TDB JD -> (N, 6), default juno_states
) -> Path:
    """Write Juno (-61) relative to ``center`` from ``start`` to ``end`` (TDB JD) into ``path``.

    ``states`` gives the states to store (default: the embedded trajectory's); with ``center``
    5 pass states relative to the barycentre.
    """
    import spiceypy as sp

    states = states or juno_states
    n = int(round((end - start) * SECONDS_PER_DAY / step_s)) + 1
    et = (start - J2000_TDB) * SECONDS_PER_DAY + step_s * np.arange(n)
    data = states(J2000_TDB + et / SECONDS_PER_DAY)
    path = Path(path)
    path.unlink(missing_ok=True)
    handle = sp.spkopn(str(path), "jovianview test", 0)
    try:
        first, last = float(et[0]), float(et[-1])
        if data_type == 13:
            sp.spkw13(handle, JUNO, center, "J2000", first, last, "juno t13", 7, n, data, et)
        elif data_type == 9:
            sp.spkw09(handle, JUNO, center, "J2000", first, last, "juno t9", 11, n, data, et)
        elif data_type == 8:
            sp.spkw08(handle, JUNO, center, "J2000", first, last, "juno t8", 11, n, data,
                      first, step_s)
        else:
            raise ValueError(f"cannot write SPK type {data_type}")
    finally:
        sp.spkcls(handle)
    return path
