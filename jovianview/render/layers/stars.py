"""The real sky: the Yale Bright Star Catalogue (about 9,100 stars to V ~ 8) in ICRF.

Each star is a point at infinity in its catalogue direction (only the camera's rotation
moves it), sized and dimmed by its V magnitude and coloured from its B-V index as a black
body (:mod:`jovianview.render.star_colours`). The catalogue comes from
:mod:`jovianview.core.stars`. The ``background`` setting switches them off.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.core.stars import StarCatalogue, bright_stars, bv_to_kelvin
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw, upload
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.shaders import STARS_FRAG, STARS_VERT
from jovianview.render.star_colours import MAX_SIZE, blackbody_srgb, intensity, point_size
from jovianview.render.view import gl

# Software GL shades, clips and sets up every star it is given on the drawing thread, even
# those clipping then throws away. The stars are grouped in patches of sky (256: about 1,000
# of the 9,100 stars reach into the overview's patches, in 7 runs); the patches that reach
# into the view's four side planes are then tested star by star, and only the stars in view
# (about 550 in the overview) are drawn, by one indexed draw. Both are redone only when the
# camera turns or zooms.
PATCHES = 256
MARGIN_RAD = math.radians(2.0)  # a patch's margin: its stars' points are a few pixels wide
EDGE_PX = MAX_SIZE / 2.0 + 1.0  # a star this far outside the picture may still touch it


def star_vertices(cat: StarCatalogue) -> NDArray[np.void]:
    """ICRF directions, point sizes and colours (already scaled by brightness) of ``cat``."""
    data = np.zeros(len(cat.vmag), dtype=[("a_direction", np.float32, 3),
                                          ("a_size", np.float32), ("a_colour", np.float32, 3)])
    data["a_direction"] = cat.direction
    data["a_size"] = point_size(cat.vmag)
    data["a_colour"] = blackbody_srgb(bv_to_kelvin(cat.bv)) * intensity(cat.vmag)[:, None]
    return data


def sky_patches(directions: NDArray[np.float64], n: int = PATCHES) -> tuple[
        NDArray[np.int64], NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """Group unit ``directions`` (N, 3) into ``n`` patches of sky around a Fibonacci lattice.

    Returns the order that puts each patch's stars together, the first star of each patch
    (plus the total), the patches' centres (n, 3) and their angular radii (the farthest
    star from the centre, radians). Patches are numbered band by band of declination, each
    band along right ascension, back and forth: neighbours on the sky are mostly neighbours
    in the buffer, so the patches in one view make few runs (draw calls).
    """
    i = np.arange(n) + 0.5
    z = 1.0 - 2.0 * i / n
    phi = i * math.pi * (3.0 - math.sqrt(5.0))
    rho = np.sqrt(1.0 - z * z)
    centres = np.stack([rho * np.cos(phi), rho * np.sin(phi), z], axis=1)
    bands = max(1, round(math.sqrt(n / 2.0)))  # about twice as many patches along a band
    band = np.minimum(((1.0 - z) / 2.0 * bands).astype(int), bands - 1)
    ra = np.mod(np.arctan2(centres[:, 1], centres[:, 0]), 2.0 * math.pi)
    centres = centres[np.lexsort((np.where(band % 2 == 0, ra, -ra), band))]
    cos_to = directions @ centres.T
    patch = np.argmax(cos_to, axis=1)
    order = np.argsort(patch, kind="stable")
    starts = np.searchsorted(patch[order], np.arange(n + 1))
    nearest = np.ones(n)  # cosine to each patch's farthest member (1: an empty patch)
    np.minimum.at(nearest, patch, cos_to[np.arange(len(directions)), patch])
    radius = np.arccos(np.clip(nearest, -1.0, 1.0))
    return order, starts, centres, radius


class StarsLayer:
    """The catalogue's stars, drawn first, without depth."""

    def __init__(self) -> None:
        stars = star_vertices(bright_stars())
        self.count = len(stars)
        order, self._starts, self._centres, self._radius = sky_patches(
            stars["a_direction"].astype(np.float64))
        self.directions = stars["a_direction"][order].astype(np.float64)  # buffer order
        self.program = gloo.Program(STARS_VERT, STARS_FRAG)
        self.program.bind(gloo.VertexBuffer(stars[order]))
        self.index_type = np.uint16 if self.count <= 65536 else np.uint32
        self._indices = gloo.IndexBuffer(np.zeros(max(self.count, 1), self.index_type))
        self.direct = DirectDraw(self.program)
        self.visible = True
        self._cull_key: tuple | None = None  # the camera the stars in view are for
        self._in_view: NDArray[np.int64] | None = None

    def ranges(self, view: NDArray[np.float64], proj: NDArray[np.float64]
               ) -> list[tuple[int, int]] | None:
        """(first, count) runs of the stars in patches that reach into the view; None: all.

        A direction is in view when it lies inside the four planes of :func:`side_normals`.
        A patch (a cap of angular radius ``r`` round its centre) is left out when its centre
        lies more than ``sin(r)`` outside one of them (plus :data:`MARGIN_RAD`).
        """
        reach = -np.sin(np.minimum(self._radius + MARGIN_RAD, math.pi / 2))
        # a cap wider than a hemisphere reaches everywhere (sin is not monotonic past 90 deg)
        wide = self._radius + MARGIN_RAD >= math.pi / 2
        seen = ((self._centres @ side_normals(view, proj).T >= reach[:, None]).all(axis=1)) \
            | wide
        if seen.all():
            return None
        # runs of consecutive patches in view (empty patches between them do not matter)
        edges = np.flatnonzero(np.diff(np.concatenate(([False], seen, [False])).astype(np.int8)))
        firsts, ends = self._starts[edges[0::2]], self._starts[edges[1::2]]
        keep = ends > firsts
        return list(zip(firsts[keep].tolist(), (ends - firsts)[keep].tolist(), strict=True))

    def in_view(self, view: NDArray[np.float64], proj: NDArray[np.float64],
                margin_rad: float) -> NDArray[np.int64] | None:
        """Buffer positions of the stars within ``margin_rad`` of the view (see
        :meth:`ranges`), ascending; None: draw them all (the view reaches everywhere)."""
        ranges = self.ranges(view, proj)
        if ranges is None:
            return None
        if not ranges:
            return np.zeros(0, np.int64)
        candidates = np.concatenate([np.arange(first, first + n) for first, n in ranges])
        inside = (self.directions[candidates] @ side_normals(view, proj).T
                  >= -math.sin(min(margin_rad, math.pi / 2))).all(axis=1)
        return candidates[inside]

    def draw(self, fd: FrameData) -> None:
        """Draw the stars in view (nothing when hidden)."""
        if not self.visible:
            return
        rot = np.eye(4)
        # rotation only (the stars are infinitely far), ICRF -> render axes -> camera
        rot[:3, :3] = fd.m.view[:3, :3] @ fd.units.frame
        margin = EDGE_PX / max(fd.m.pixels_per_radian, 1e-300)
        key = (rot.tobytes(), float(fd.m.proj[0, 0]), float(fd.m.proj[1, 1]), margin)
        if key != self._cull_key:  # the camera turned or zoomed: cull again
            self._cull_key, self._in_view = key, self.in_view(rot, fd.m.proj, margin)
            if self._in_view is not None and len(self._in_view):
                upload(self._indices, self._in_view.astype(self.index_type))
        stars = self._in_view
        if stars is not None and not len(stars):
            return
        set_gl_state(depth_test=False, blend=False)
        uniforms = {"u_rotproj": gl(fd.m.proj @ rot)}
        if stars is None:
            self.direct.draw("points", uniforms, count=self.count)
        else:
            self.direct.draw("points", uniforms, self._indices, ranges=[(0, len(stars))])
        set_gl_state(depth_test=True)


def side_normals(view: NDArray[np.float64], proj: NDArray[np.float64]) -> NDArray[np.float64]:
    """Inward unit normals (4, 3) of the view's left, right, bottom and top planes through
    the eye, in the axes that ``view``'s rotation turns to the camera's (looking along -z):
    a direction ``d`` is in view when ``|d_x proj[0,0]| <= -d_z`` and
    ``|d_y proj[1,1]| <= -d_z``, i.e. on the inner side of all four."""
    sx, sy = abs(float(proj[0, 0])), abs(float(proj[1, 1]))
    normals = np.array([[sx, 0.0, -1.0], [-sx, 0.0, -1.0],
                        [0.0, sy, -1.0], [0.0, -sy, -1.0]])
    normals /= np.sqrt((normals * normals).sum(axis=1))[:, None]
    return normals @ np.asarray(view)[:3, :3]
