"""Where the generator gets the Sun and the moons: the project's own embedded ephemeris.

``jovianview.core.ephemeris.state`` answers for the Sun and the four Galilean moons from the
tables in ``assets/ephemeris`` (made by ``tools/moons``), so the flybys are fitted relative to
the same moon positions the program shows.
"""

from __future__ import annotations

import numpy as np

from jovianview.core.ephemeris import available_bodies, state
from jovianview.core.ephemeris.embedded import load_embedded


def body_states(name: str, tdb):
    """Position (3, N) km and velocity (3, N) km/s of ``name`` relative to Jupiter, ICRF."""
    return state(name, np.atleast_1d(np.asarray(tdb, dtype=float)))


def source_names(names) -> dict[str, str]:
    """Which source each perturbing body comes from, with the tables' own provenance."""
    tables = load_embedded()
    out = {}
    for n in names:
        meta = tables.provenance.get(n, {})
        out[n] = f"jovianview embedded ephemeris ({meta.get('generator', 'assets/ephemeris')})"
    return out


def available(names) -> tuple[str, ...]:
    """The bodies the generator needs; all must have a table."""
    have = set(available_bodies())
    missing = [n for n in names if n not in have]
    if missing:
        raise SystemExit(f"assets/ephemeris lacks {', '.join(missing)}: generate the moon "
                         "and solar tables first (tools/moons)")
    return tuple(names)
