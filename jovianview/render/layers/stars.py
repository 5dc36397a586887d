"""A decorative starry background: random points, NOT a star catalogue.

The stars are drawn from a fixed seed, so every run and every image shows the same sky, but
their places and brightnesses are invented (uniform directions, a steep power law of
brightness, like real counts only in spirit). They sit at infinity: only the camera's
rotation moves them. The ``background`` setting switches them off for a plain background.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.shaders import STARS_FRAG, STARS_VERT
from jovianview.render.view import gl

STAR_COUNT = 1800
SEED = 20160705  # Juno's orbit insertion date: any fixed number would do
# Software GL shades and clips every star on the drawing thread; only about a quarter of
# the sky is in view, so the stars are grouped in patches of sky and only the patches that
# reach into the view are drawn.
PATCHES = 32
MARGIN_RAD = math.radians(2.0)  # a star's point is a few pixels wide: keep those at the edge


def decorative_stars(n: int = STAR_COUNT, seed: int = SEED) -> NDArray[np.void]:
    """Directions (unit vectors), point sizes and grey levels of ``n`` invented stars."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 3))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    # Few bright, many faint: a Pareto tail mapped to grey levels 0.22..1.
    flux = np.minimum(rng.pareto(2.2, n), 6.0) / 6.0
    data = np.zeros(n, dtype=[("a_direction", np.float32, 3), ("a_size", np.float32),
                              ("a_bright", np.float32)])
    data["a_direction"] = v
    data["a_bright"] = 0.22 + 0.78 * np.sqrt(flux)
    data["a_size"] = 1.0 + 1.6 * flux
    return data


def sky_patches(directions: NDArray[np.float64], n: int = PATCHES) -> tuple[
        NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """Group unit ``directions`` (N, 3) into ``n`` patches of sky around a Fibonacci lattice.

    Returns the order that puts each patch's stars together, the first star of each patch
    (plus the total), the patches' centres (n, 3) and their angular radii (the farthest
    star from the centre, radians).
    """
    i = np.arange(n) + 0.5
    z = 1.0 - 2.0 * i / n
    phi = i * math.pi * (3.0 - math.sqrt(5.0))
    rho = np.sqrt(1.0 - z * z)
    centres = np.stack([rho * np.cos(phi), rho * np.sin(phi), z], axis=1)
    cos_to = directions @ centres.T
    patch = np.argmax(cos_to, axis=1)
    order = np.argsort(patch, kind="stable")
    starts = np.searchsorted(patch[order], np.arange(n + 1))
    radius = np.zeros(n)
    for k in range(n):
        members = cos_to[patch == k, k]
        if members.size:
            radius[k] = float(np.arccos(np.clip(members.min(), -1.0, 1.0)))
    return order, starts, centres, radius


class StarsLayer:
    """The decorative star field, drawn first, without depth."""

    def __init__(self) -> None:
        stars = decorative_stars()
        order, self._starts, self._centres, self._radius = sky_patches(
            stars["a_direction"].astype(np.float64))
        self.program = gloo.Program(STARS_VERT, STARS_FRAG)
        self.program.bind(gloo.VertexBuffer(stars[order]))
        self.direct = DirectDraw(self.program)
        self.visible = True

    def ranges(self, view: NDArray[np.float64], proj: NDArray[np.float64]
               ) -> list[tuple[int, int]] | None:
        """(first, count) runs of the stars in patches that reach into the view; None: all.

        ``view``'s rotation turns render axes to the camera's (looking along -z); the
        corners of the field of view lie ``atan(hypot(1/proj[0,0], 1/proj[1,1]))`` from
        its centre.
        """
        forward = -np.asarray(view)[2, :3]
        half = math.atan(math.hypot(1.0 / proj[0, 0], 1.0 / proj[1, 1])) + MARGIN_RAD
        seen = self._centres @ forward >= np.cos(np.minimum(half + self._radius, math.pi))
        if seen.all():
            return None
        runs: list[tuple[int, int]] = []
        starts = self._starts
        for k in np.flatnonzero(seen):
            first, count = int(starts[k]), int(starts[k + 1] - starts[k])
            if not count:
                continue
            if runs and runs[-1][0] + runs[-1][1] == first:  # adjacent: one draw
                runs[-1] = (runs[-1][0], runs[-1][1] + count)
            else:
                runs.append((first, count))
        return runs

    def draw(self, fd: FrameData) -> None:
        """Draw the stars in view (nothing when hidden)."""
        if not self.visible:
            return
        ranges = self.ranges(fd.m.view, fd.m.proj)
        if ranges == []:
            return
        rot = np.eye(4)
        rot[:3, :3] = fd.m.view[:3, :3]  # rotation only: the stars are infinitely far
        set_gl_state(depth_test=False, blend=False)
        self.direct.draw("points", {"u_rotproj": gl(fd.m.proj @ rot)}, count=STAR_COUNT,
                         ranges=ranges)
        set_gl_state(depth_test=True)
