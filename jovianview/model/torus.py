"""The Io plasma torus to draw: a translucent ring on the centrifugal equator.

Structure after Bagenal (1994, J. Geophys. Res. 99, 11043) and Bagenal & Dols (2020, JGR
125, e2019JA027485): plasma from Io fills a ring from about 5 to 7.5 R_J with its densest
"ribbon" near 5.9 R_J, a cold inner torus inside ~5.7 R_J, and a scale height of about 1 R_J.
It is centred on the centrifugal equator, tilted about two thirds of the dipole tilt from the
rotational equator towards the dipole's longitude (so it wobbles as Jupiter turns). Here it
is a torus mesh in System III with a density-like opacity per vertex: schematic, not a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.field.internal import dipole_axis

RIBBON_RJ = 5.9
INNER_RJ, OUTER_RJ = 5.0, 7.5
SCALE_HEIGHT_RJ = 1.0
CENTRIFUGAL_TILT_FRACTION = 2.0 / 3.0


@dataclass(frozen=True)
class TorusMesh:
    """Vertices (3, N) System III R_J, opacity (N,) 0..1, triangles (M, 3)."""

    vertices: NDArray[np.float64]
    opacity: NDArray[np.float64]
    triangles: NDArray[np.uint32]


def centrifugal_axis() -> NDArray[np.float64]:
    """Normal of the centrifugal equator: the spin axis tilted 2/3 of the way to the dipole."""
    axis = dipole_axis()
    tilt = np.arccos(axis[2]) * CENTRIFUGAL_TILT_FRACTION
    lon = np.arctan2(axis[1], axis[0])
    return np.array([np.sin(tilt) * np.cos(lon), np.sin(tilt) * np.sin(lon), np.cos(tilt)])


@cache
def torus_mesh(around: int = 96, across: int = 24) -> TorusMesh:
    """A torus of elliptical section (radial half-width 1.25, vertical 1 R_J) about 6.25 R_J."""
    n = centrifugal_axis()
    e1 = np.cross(n, [1.0, 0.0, 0.0])
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(n, e1)
    phi = np.arange(around) * (2 * np.pi / around)
    psi = np.arange(across) * (2 * np.pi / across)
    centre, half_width = (INNER_RJ + OUTER_RJ) / 2, (OUTER_RJ - INNER_RJ) / 2
    rho = centre + half_width * np.cos(psi)  # (across,)
    z = SCALE_HEIGHT_RJ * np.sin(psi)
    radial = np.outer(e1, np.cos(phi)) + np.outer(e2, np.sin(phi))  # (3, around)
    verts = (radial[:, :, None] * rho[None, None, :] + n[:, None, None] * z[None, None, :])
    # Opacity: densest at the ribbon, fading outwards (a Gaussian in distance from 5.9 R_J).
    opacity = np.exp(-((rho - RIBBON_RJ) / 0.5) ** 2)
    opacity = np.broadcast_to(opacity, (around, across))
    i, j = np.meshgrid(np.arange(around), np.arange(across), indexing="ij")
    a = i * across + j
    b = ((i + 1) % around) * across + j
    c = ((i + 1) % around) * across + (j + 1) % across
    d = i * across + (j + 1) % across
    tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3),
                           np.stack([a, c, d], -1).reshape(-1, 3)]).astype(np.uint32)
    return TorusMesh(verts.reshape(3, -1), opacity.reshape(-1).copy(), tris)
