"""The Yale Bright Star Catalogue as embedded in ``assets/stars/bsc.npz``.

Built by ``tools/make_stars.py`` from the catalogue's copy in Debian's ``xplanet`` package
(positions, V magnitudes) and the Hipparcos new reduction (B-V); see assets/LICENSES.md.
Directions are ICRF unit vectors (J2000; proper motion not applied).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import asset_path
from jovianview.core.errors import DataFileError

STARS_FILE = ("stars", "bsc.npz")


@dataclass(frozen=True)
class StarCatalogue:
    """Stars brightest first: ICRF unit vectors (N, 3), V magnitude, B-V, HR number."""

    direction: NDArray[np.float64]
    vmag: NDArray[np.float64]
    bv: NDArray[np.float64]
    hr: NDArray[np.int32]
    source: str


@cache
def bright_stars() -> StarCatalogue:
    """The embedded Bright Star Catalogue (read once)."""
    path = asset_path(*STARS_FILE)
    try:
        with np.load(path) as data:
            return StarCatalogue(data["direction"].astype(np.float64),
                                 data["vmag"].astype(np.float64),
                                 data["bv"].astype(np.float64), data["hr"].astype(np.int32),
                                 str(data["source"]))
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(f"the star catalogue {path} is unreadable ({exc}); "
                            "reinstall jovianview") from None


def bv_to_kelvin(bv: NDArray[np.float64]) -> NDArray[np.float64]:
    """Effective temperature (K) from the B-V colour index (Ballesteros 2012, EPL 97, 34008,
    eq. 14, a black-body fit good for main-sequence and giant stars)."""
    x = 0.92 * np.clip(bv, -0.4, 2.0)
    return 4600.0 * (1.0 / (x + 1.7) + 1.0 / (x + 0.62))
