"""Sunlight in the Jovian system: which bodies shade which, and how much of the Sun a point sees.

The Sun is a disc (IAU nominal radius, :data:`~jovianview.core.phenomena_geometry.SUN_RADIUS_KM`),
so every shadow has an umbra and a penumbra. Moons are spheres of their mean radius; Jupiter is
its IAU ellipsoid, handled as :mod:`jovianview.core.phenomena_geometry` does: in the frame where
the polar axis is stretched by a/c the ellipsoid is a sphere of radius a, and an affine map keeps
lines and tangency (the umbra's and penumbra's edges).

The renderer's shaders evaluate the same formulas per pixel (``SHADOW_GLSL`` in
:mod:`jovianview.render.shaders`); this module gives the CPU side: which pairs of bodies can
shade each other this frame (so the shaders test only those), Juno's sunlight, and the
reference values the tests compare renders with. Positions are km relative to Jupiter's centre
at one instant, with sunlight's travel time inside the system (at most 6 s) neglected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from jovianview.core.iau import JUPITER_EQUATORIAL_RADIUS, JUPITER_POLAR_RADIUS
from jovianview.core.phenomena_geometry import SUN_RADIUS_KM

Vec = NDArray[np.float64]
STRETCH = JUPITER_EQUATORIAL_RADIUS / JUPITER_POLAR_RADIUS  # a/c: Jupiter becomes a sphere
# A point (Juno) enters :func:`shading_pairs` as a sphere of this radius, a margin that keeps
# the test conservative for Jupiter's ellipsoid (see :func:`sunlight_past`)
POINT_MARGIN_KM = 100.0


def visible_fraction(x: float) -> float:
    """Share of the Sun's disc seen when its centre is ``x`` solar radii outside an edge.

    The occulting limb is taken as straight across the small solar disc (+1: first contact,
    -1: the whole disc hidden), the formula of
    :func:`jovianview.core.phenomena_geometry.sunlight_fraction`.
    """
    x = min(max(x, -1.0), 1.0)
    return 1.0 - (math.acos(x) - x * math.sqrt(1.0 - x * x)) / math.pi


def sphere_sunlight(point: Vec, sun: Vec, centre: Vec, radius: float) -> float:
    """Share of the Sun seen from ``point`` past a sphere (``centre``, ``radius``), km."""
    to_sun = sun - point
    dist_sun = math.hypot(*to_sun)
    s = to_sun / dist_sun
    v = centre - point
    along = float(v @ s)
    perp = math.hypot(*(v - along * s))
    d = math.hypot(*v)
    if d <= radius:
        return 0.0
    theta = math.atan2(perp, along)  # the occulter's centre, from the Sun's centre
    rho = math.asin(radius / d)  # its angular radius
    sigma = SUN_RADIUS_KM / dist_sun  # the Sun's
    hidden = 1.0 - visible_fraction((theta - rho) / sigma)
    return 1.0 - min(hidden, (rho / sigma) ** 2)  # smaller than the Sun: an annulus at most


def jupiter_sunlight(point: Vec, sun: Vec, pole_frame: NDArray[np.float64]) -> float:
    """Share of the Sun seen from ``point`` past Jupiter's ellipsoid.

    ``pole_frame``: rotation from ICRF to Jupiter's equator frame (z along the pole).
    """
    stretch = np.array([1.0, 1.0, STRETCH])
    p = (pole_frame @ point) * stretch
    s = (pole_frame @ sun) * stretch
    return sphere_sunlight(p, s, np.zeros(3), JUPITER_EQUATORIAL_RADIUS)


def sunlight(point: Vec, sun: Vec, pole_frame: NDArray[np.float64],
             moons: Mapping[str, tuple[Vec, float]], skip: str = "") -> float:
    """Share of the Sun seen from ``point`` past Jupiter and every moon but ``skip``.

    ``moons``: name -> (centre km, radius km). Shadows multiply (they seldom overlap).
    """
    light = jupiter_sunlight(point, sun, pole_frame) if skip != "jupiter" else 1.0
    for name, (centre, radius) in moons.items():
        if name != skip and light > 0.0:
            light *= sphere_sunlight(point, sun, centre, radius)
    return light


def sunlight_past(point: Vec, sun: Vec, pole_frame: NDArray[np.float64],
                  moons: Mapping[str, tuple[Vec, float]], casters: list[str]) -> float:
    """:func:`sunlight` at ``point`` past only ``casters`` (the bodies that
    :func:`shading_pairs` says may shade a sphere of :data:`POINT_MARGIN_KM` round it).

    Outside every penumbra the Sun is whole (1.0 exactly), so leaving out the bodies that
    cannot shade changes nothing. For Jupiter the pair test uses the sphere of its
    equatorial radius, which holds the ellipsoid, plus the margin.
    """
    if not casters:
        return 1.0
    return sunlight(point, sun, pole_frame, {b: moons[b] for b in casters if b in moons},
                    skip="" if "jupiter" in casters else "jupiter")


def may_shade(caster: Vec, caster_radius: float, receiver: Vec, receiver_radius: float,
              sun: Vec) -> bool:
    """Whether any part of a sphere (``receiver``) can lie in a sphere's (``caster``) penumbra.

    The penumbra is the cone of lines tangent to both the Sun and the caster, widening away
    from the Sun; the test is conservative (a sphere about the receiver against that cone).
    """
    away = caster - sun
    dist = math.hypot(*away)
    axis = away / dist
    rel = receiver - caster
    along = float(rel @ axis)
    if along < -receiver_radius - caster_radius:
        return False  # the receiver is on the Sun's side of the caster
    perp = math.hypot(*(rel - along * axis))
    widening = (SUN_RADIUS_KM + caster_radius) / dist  # the penumbra's half-angle, about
    return perp < caster_radius + receiver_radius + max(along, 0.0) * widening


def shading_pairs(spheres: Mapping[str, tuple[Vec, float]],
                  sun: Vec) -> dict[str, list[str]]:
    """Receiver -> the bodies that may shade it now (see :func:`may_shade`).

    ``spheres``: name -> (centre km, bounding radius km); Jupiter should be given with its
    equatorial radius. Every pair at once with numpy, the same arithmetic as
    :func:`may_shade` (this runs every frame; pair by pair it cost 0.2 ms).
    """
    names = list(spheres)
    if not names:
        return {}
    centres = np.array([spheres[b][0] for b in names], dtype=np.float64)  # (N, 3)
    radii = np.array([spheres[b][1] for b in names], dtype=np.float64)  # (N,)
    away = centres - np.asarray(sun, dtype=np.float64)
    dist = np.sqrt((away * away).sum(axis=1))
    axis = away / dist[:, None]  # per caster
    rel = centres[None, :, :] - centres[:, None, :]  # [caster, receiver]: receiver - caster
    along = (rel * axis[:, None, :]).sum(axis=2)
    off = rel - along[:, :, None] * axis[:, None, :]
    perp = np.sqrt((off * off).sum(axis=2))
    widening = (SUN_RADIUS_KM + radii) / dist  # per caster
    shades = ((along >= -radii[None, :] - radii[:, None])
              & (perp < radii[:, None] + radii[None, :]
                 + np.maximum(along, 0.0) * widening[:, None]))
    np.fill_diagonal(shades, False)
    columns = shades.T.tolist()  # plain lists: faster to walk than numpy rows
    return {receiver: [names[c] for c, yes in enumerate(columns[r]) if yes]
            for r, receiver in enumerate(names)}
