"""Jupiter's innermost radiation belts to draw: translucent shells between dipole L-shells.

The extents and their sources are in ``assets/magnetosphere/radiation_belts.toml`` (Bolton et
al. 2004; de Pater et al. 2003; Becker et al. 2017; Kollmann et al. 2017). Each belt is the
region between two dipole field-line shells r = L cos^2(magnetic latitude) about the JRM33
dipole axis (:func:`~jovianview.core.field.internal.dipole_axis`), cut at a magnetic latitude
and at the planet, revolved into a closed mesh in System III (so it turns with Jupiter).
Opacity fades away from the magnetic equator, where the trapped particles are. A schematic of
where the belts are, so that a class sees Juno's perijove pass between them and the clouds;
not a model of the particle flux.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import asset_path
from jovianview.core.errors import DataFileError
from jovianview.core.field.internal import dipole_axis

SURFACE_RJ = 1.0  # the shells stop at the clouds (the planet hides what is inside anyway)
LATITUDE_FADE_DEG = 15.0  # e-folding of the opacity away from the magnetic equator


@dataclass(frozen=True)
class Belt:
    """One belt: between dipole L-shells ``inner_l`` and ``outer_l`` (R_J)."""

    name: str
    inner_l: float
    outer_l: float
    max_mlat_deg: float
    intensity: float


@dataclass(frozen=True)
class BeltMesh:
    """Vertices (3, N) System III R_J, opacity (N,) 0..1, triangles (M, 3)."""

    vertices: NDArray[np.float64]
    opacity: NDArray[np.float64]
    triangles: NDArray[np.uint32]


@cache
def belts() -> tuple[Belt, ...]:
    """The belts in ``assets/magnetosphere/radiation_belts.toml``."""
    path = asset_path("magnetosphere", "radiation_belts.toml")
    try:
        with path.open("rb") as fh:
            rows = tomllib.load(fh)["belt"]
        out = tuple(Belt(str(r["name"]), float(r["inner_l"]), float(r["outer_l"]),
                         float(r["max_mlat_deg"]), float(r["intensity"])) for r in rows)
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path} is not a valid radiation-belt table ({exc}); "
                            f"reinstall jovianview") from exc
    for b in out:
        if not SURFACE_RJ <= b.inner_l < b.outer_l or not 0 < b.max_mlat_deg < 90:
            raise DataFileError(f"{path}: belt {b.name!r} has impossible extents; "
                                f"reinstall jovianview")
    return out


def belt_profile(belt: Belt, samples: int = 24) -> tuple[NDArray[np.float64], ...]:
    """The belt's closed cross-section in a magnetic meridian, anticlockwise.

    Returns ``(rho, z, mlat)``: distance from the dipole axis and height along it (R_J), and
    the magnetic latitude (rad) of each point. Out along the outer shell from south to north,
    back along the inner shell (or the planet's surface, where the inner shell dips into it).
    """
    # The outer shell meets the surface at cos^2(lat) = 1 / L: stop there if it is sooner.
    top = min(np.radians(belt.max_mlat_deg), np.arccos(np.sqrt(SURFACE_RJ / belt.outer_l)))
    lat = np.linspace(-top, top, samples)
    r_out = belt.outer_l * np.cos(lat) ** 2
    r_in = np.maximum(belt.inner_l * np.cos(lat) ** 2, SURFACE_RJ)
    lat_loop = np.concatenate([lat, lat[::-1][1:-1]])
    r_loop = np.concatenate([r_out, r_in[::-1][1:-1]])
    return r_loop * np.cos(lat_loop), r_loop * np.sin(lat_loop), lat_loop


def _dipole_frame() -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    n = dipole_axis()
    e1 = np.cross(n, [0.0, 1.0, 0.0])
    e1 /= np.linalg.norm(e1)
    return e1, np.cross(n, e1), n


@cache
def belt_mesh(around: int = 96) -> BeltMesh:
    """Every belt revolved about the dipole axis, as one mesh in System III."""
    e1, e2, n = _dipole_frame()
    phi = np.arange(around) * (2 * np.pi / around)
    radial = np.outer(e1, np.cos(phi)) + np.outer(e2, np.sin(phi))  # (3, around)
    verts, alpha, tris, base = [], [], [], 0
    for belt in belts():
        rho, z, lat = belt_profile(belt)
        across = rho.size
        v = radial[:, :, None] * rho[None, None, :] + n[:, None, None] * z[None, None, :]
        op = belt.intensity * np.exp(-(np.degrees(lat) / LATITUDE_FADE_DEG) ** 2)
        verts.append(v.reshape(3, -1))
        alpha.append(np.broadcast_to(op, (around, across)).reshape(-1))
        i, j = np.meshgrid(np.arange(around), np.arange(across), indexing="ij")
        a = i * across + j
        b = ((i + 1) % around) * across + j
        c = ((i + 1) % around) * across + (j + 1) % across
        d = i * across + (j + 1) % across
        tris.append(np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3),
                                    np.stack([a, c, d], -1).reshape(-1, 3)]) + base)
        base += around * across
    return BeltMesh(np.concatenate(verts, axis=1), np.concatenate(alpha),
                    np.concatenate(tris).astype(np.uint32))


def magnetic_shell(points: NDArray[np.float64]) -> NDArray[np.float64]:
    """Dipole L of System III points (3, N) in R_J: r / cos^2(magnetic latitude)."""
    p = np.asarray(points, dtype=float)
    r = np.linalg.norm(p, axis=0)
    sin_lat = (dipole_axis() @ p) / r
    return r / (1.0 - sin_lat ** 2)
