"""Readers of the reference data the moon generator fits to (never copied into the repo)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from tools.moons.force import MOONS

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


def horizons_samples(folder: Path = SHARED / "horizons") -> tuple[np.ndarray, np.ndarray]:
    """JPL Horizons (jup365) states: times (N,) TDB JD and states (N, 4, 6) km, km/s."""
    times = None
    states = []
    for moon in MOONS:
        data = np.loadtxt(folder / f"jup365_{moon}.csv", delimiter=",", comments="#", skiprows=3)
        if times is None:
            times = data[:, 0]
        elif not np.array_equal(times, data[:, 0]):
            raise ValueError(f"{moon}: sample times differ from Io's")
        states.append(data[:, 1:7])
    return times, np.stack(states, axis=1)


@cache
def de421():
    """The DE421 kernel that skyfield-data ships, opened with jplephem."""
    import skyfield_data
    from jplephem.spk import SPK

    return SPK.open(str(Path(skyfield_data.__file__).parent / "data" / "de421.bsp"))


def sun_from_jupiter_barycentre(tdb: np.ndarray) -> np.ndarray:
    """Sun minus Jupiter barycentre, (3, N) km, from DE421."""
    k = de421()
    return k[0, 10].compute(tdb) - k[0, 5].compute(tdb)


def earth_from_jupiter_barycentre(tdb: np.ndarray) -> np.ndarray:
    """Earth minus Jupiter barycentre, (3, N) km, from DE421."""
    k = de421()
    return k[0, 3].compute(tdb) + k[3, 399].compute(tdb) - k[0, 5].compute(tdb)
