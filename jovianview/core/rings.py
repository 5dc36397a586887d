"""Jupiter's rings: the components' extents and optical depths (assets/rings/rings.toml).

The halo, the main ring and the two gossamer rings, each with a normal optical depth, from
Burns et al. (2004) and Ockert-Bell et al. (1999) (sources in the data file). The profile
adds the components' depths over radius; edges are softened over :data:`EDGE_KM`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import asset_path

COMPONENTS = ("halo", "main", "amalthea_gossamer", "thebe_gossamer")
EDGE_KM = 400.0  # soft edges (the measured edges are not sharp at this resolution)


@dataclass(frozen=True)
class RingComponent:
    """One ring: inner and outer radius (km from Jupiter's centre), normal optical depth."""

    name: str
    inner_km: float
    outer_km: float
    tau: float


@dataclass(frozen=True)
class PhaseFunction:
    """Henyey-Greenstein mixture: forward and backward asymmetry, forward weight."""

    forward_g: float
    backward_g: float
    forward_weight: float


@cache
def _table() -> dict:
    with open(asset_path("rings", "rings.toml"), "rb") as f:
        return tomllib.load(f)


def components() -> tuple[RingComponent, ...]:
    """The four components, inner to outer."""
    t = _table()
    return tuple(RingComponent(n, float(t[n]["inner_km"]), float(t[n]["outer_km"]),
                               float(t[n]["tau"])) for n in COMPONENTS)


def phase_function() -> PhaseFunction:
    """The display's scattering phase function (see the data file)."""
    p = _table()["phase"]
    return PhaseFunction(float(p["forward_g"]), float(p["backward_g"]),
                         float(p["forward_weight"]))


def extent_km() -> tuple[float, float]:
    """Innermost and outermost radius of the ring system (km)."""
    comps = components()
    return min(c.inner_km for c in comps), max(c.outer_km for c in comps)


def optical_depth(radius_km: NDArray[np.float64]) -> NDArray[np.float64]:
    """Normal optical depth at ``radius_km`` (sum of the components, soft-edged)."""
    r = np.asarray(radius_km, dtype=np.float64)
    tau = np.zeros_like(r)
    for c in components():
        rise = np.clip((r - c.inner_km) / EDGE_KM + 0.5, 0.0, 1.0)
        fall = np.clip((c.outer_km - r) / EDGE_KM + 0.5, 0.0, 1.0)
        tau += c.tau * rise * fall
    return tau
