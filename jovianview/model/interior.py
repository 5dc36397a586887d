"""Jupiter's interior to draw: a wedge cut out of the planet, its faces coloured by layer.

The layers and their sources are in ``assets/interior/jupiter_interior.toml`` (Kaspi et al.
2018; Guillot 1999; Wahl et al. 2017; Liu et al. 2019; Militzer et al. 2022). The cut removes
one octant of the planet: the points with positive coordinates along three perpendicular
axes ``f1, f2, f3`` of System III, ``f3`` along the spin axis (north, or south when the eye is
below the equator) and ``f1, f2`` horizontal, 45 degrees either side of the eye's longitude,
so the opening always faces the viewer. Its three faces are quarter ellipses (the 1-bar
ellipsoid's outline) in a canonical frame where ``f1, f2, f3`` are x, y, z; the renderer turns
them with :func:`cut_axes`. Colours are a function of the scaled radius only: piecewise
linear, a layer's colour blended into the next across its uncertain boundary.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import asset_path
from jovianview.core.errors import DataFileError

FloatArray = NDArray[np.float64]
FACE_SHADE = (0.80, 0.92, 1.0)  # faces x=0, y=0, z=0: a little relief between the walls
ARC_STEPS = 40  # segments of each face's quarter-ellipse outline


@dataclass(frozen=True)
class Layer:
    """One layer out to ``outer_rj`` (R_J fraction), uncertain over ``outer_min/max_rj``.

    ``label`` and ``detail``: the two lines the picture writes beside the layer.
    """

    name: str
    label: str
    detail: str
    outer_rj: float
    outer_min_rj: float
    outer_max_rj: float
    colour: tuple[float, float, float]


@dataclass(frozen=True)
class CutawayMesh:
    """Faces of the removed octant in the canonical frame (unit radii; scale by the planet's).

    ``vertices`` (3, N) on the unit sphere's octant faces, ``colours`` (N, 3), ``triangles``
    (M, 3).
    """

    vertices: FloatArray
    colours: FloatArray
    triangles: NDArray[np.uint32]


@cache
def layers() -> tuple[Layer, ...]:
    """The layers in ``assets/interior/jupiter_interior.toml``, from the centre outwards."""
    path = asset_path("interior", "jupiter_interior.toml")
    try:
        with path.open("rb") as fh:
            rows = tomllib.load(fh)["layer"]
        out = tuple(Layer(str(r["name"]), str(r["label"]), str(r["detail"]),
                          float(r["outer_rj"]), float(r["outer_min_rj"]), float(r["outer_max_rj"]),
                          tuple(float(c) for c in r["colour"]))  # type: ignore[arg-type]
                    for r in rows)
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path} is not a valid interior table ({exc}); "
                            f"reinstall jovianview") from exc
    inner = 0.0
    for layer in out:
        if (not inner < layer.outer_min_rj <= layer.outer_rj <= layer.outer_max_rj <= 1.0
                or len(layer.colour) != 3):
            raise DataFileError(f"{path}: layer {layer.name!r} has impossible extents; "
                                f"reinstall jovianview")
        inner = layer.outer_max_rj
    if not out or out[-1].outer_rj != 1.0:
        raise DataFileError(f"{path}: the outer layer must reach the cloud tops (1.0); "
                            f"reinstall jovianview")
    return out


def colour_knots() -> tuple[FloatArray, FloatArray]:
    """Radii (K,) and colours (K, 3) of the piecewise-linear colour profile, centre to top.

    Within a layer the colour is constant; across an uncertain boundary it blends linearly
    from the inner layer's colour at ``outer_min_rj`` to the outer one's at ``outer_max_rj``;
    a sharp boundary repeats its radius with both colours.
    """
    ls = layers()
    radii, colours = [0.0], [ls[0].colour]
    for inner, outer in zip(ls[:-1], ls[1:], strict=True):
        radii += [inner.outer_min_rj, inner.outer_max_rj]
        colours += [inner.colour, outer.colour]
    radii.append(1.0)
    colours.append(ls[-1].colour)
    return np.array(radii), np.array(colours, dtype=float)


def colour_at(radius: FloatArray) -> FloatArray:
    """The profile's colour (N, 3) at scaled radii (N,) 0..1."""
    r = np.asarray(radius, dtype=float)
    knots, colours = colour_knots()
    # np.interp needs increasing x: a sharp boundary (repeated radius) takes the outer colour
    # just above it and the inner one just below, which a tiny offset reproduces.
    x = knots + np.arange(knots.size) * 1e-9
    return np.stack([np.interp(r, x, colours[:, k]) for k in range(3)], axis=1)


@cache
def cutaway_mesh() -> CutawayMesh:
    """The three quarter-ellipse faces of the octant, rings at every colour knot."""
    knots, colours = colour_knots()
    theta = np.linspace(0.0, np.pi / 2, ARC_STEPS + 1)
    c, s = np.cos(theta), np.sin(theta)
    unit = np.eye(3)
    # face k lies in the plane normal to axis k, spanned by the two other axes
    spans = ((1, 2), (0, 2), (0, 1))
    verts, cols, tris, base = [], [], [], 0
    rings, around = knots.size, theta.size
    for k, (a, b) in enumerate(spans):
        direction = np.outer(unit[a], c) + np.outer(unit[b], s)  # (3, around)
        v = direction[:, None, :] * knots[None, :, None]  # (3, rings, around)
        verts.append(v.reshape(3, -1))
        cols.append(np.repeat(colours * FACE_SHADE[k], around, axis=0))
        i, j = np.meshgrid(np.arange(rings - 1), np.arange(around - 1), indexing="ij")
        p = i * around + j
        q = (i + 1) * around + j
        tris.append(np.concatenate([np.stack([p, q, q + 1], -1).reshape(-1, 3),
                                    np.stack([p, q + 1, p + 1], -1).reshape(-1, 3)]) + base)
        base += rings * around
    return CutawayMesh(np.concatenate(verts, axis=1), np.concatenate(cols),
                       np.concatenate(tris).astype(np.uint32))


def cut_axes(eye_sys3: FloatArray) -> FloatArray:
    """Columns ``f1, f2, f3`` (3, 3) of the removed octant for an eye at ``eye_sys3``.

    System III coordinates (any unit) of the eye relative to Jupiter's centre. ``f3`` is the
    spin axis on the eye's side of the equator; ``f1, f2`` are horizontal, 45 degrees either
    side of the eye's longitude, so the eye looks into the opening. Right-handed when the
    eye is north, a mirror image when south (the faces are drawn from both sides).
    """
    e = np.asarray(eye_sys3, dtype=float)
    up = np.array([0.0, 0.0, 1.0 if e[2] >= 0.0 else -1.0])
    lon = np.arctan2(e[1], e[0]) if np.hypot(e[0], e[1]) > 1e-12 else 0.0
    f1 = np.array([np.cos(lon - np.pi / 4), np.sin(lon - np.pi / 4), 0.0])
    f2 = np.array([np.cos(lon + np.pi / 4), np.sin(lon + np.pi / 4), 0.0])
    return np.stack([f1, f2, up], axis=1)


def label_anchor(face: int, radius: float) -> FloatArray:
    """A point (3,) in the canonical frame on ``face`` (0, 1, 2) at scaled ``radius``, on the
    face's diagonal (where a label's leader line ends)."""
    a, b = ((1, 2), (0, 2), (0, 1))[face]
    p = np.zeros(3)
    p[a] = p[b] = radius / np.sqrt(2.0)
    return p


def band_middles() -> list[tuple[Layer, float]]:
    """Each layer with the scaled radius at the middle of its band (its nominal extent)."""
    out, inner = [], 0.0
    for layer in layers():
        out.append((layer, 0.5 * (inner + layer.outer_rj)))
        inner = layer.outer_rj
    return out
