"""The moons' shadows on Jupiter in the view from Earth: dark discs at the shadows' places.

Where each shadow falls comes from :func:`jovianview.core.telescope.shadow_on_jupiter` (the
ray from the Sun's centre through the moon's centre, on Jupiter's ellipsoid); this layer
projects that point and draws a disc of the moon's apparent radius there, in pixels, with a
soft edge for the penumbra. Fragments outside Jupiter's outline (a shadow straddling the
limb) or under a moon that is in front are left out, so a moon covers its own shadow near
opposition. Only the telescope view draws them (seen from elsewhere, a flat disc would lie).
"""

from __future__ import annotations

import math

import numpy as np
from vispy import gloo

from jovianview.core.ephemeris import MOONS, state
from jovianview.core.errors import JovianviewError
from jovianview.core.telescope import faces, limb_axes, shadow_on_jupiter
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.view import project

SHADOW_VERT = """
uniform vec2 u_size;
attribute vec2 a_position;  // pixels, top-left origin
attribute vec3 a_disc;      // the shadow: centre x, y and radius, pixels
varying vec2 v_pos;
varying vec3 v_disc;
void main() {
    v_pos = a_position;
    v_disc = a_disc;
    gl_Position = vec4(a_position.x / u_size.x * 2.0 - 1.0,
                       1.0 - a_position.y / u_size.y * 2.0, 0.0, 1.0);
}
"""

SHADOW_FRAG = """
uniform vec4 u_jupiter;  // Jupiter's outline: centre x, y (px), semi-axes a, b (px)
uniform vec2 u_axis;     // the outline's major axis, unit vector in pixels
uniform vec3 u_occ0;     // moons in front of Jupiter: centre x, y and radius (px)
uniform vec3 u_occ1;
uniform vec3 u_occ2;
uniform vec3 u_occ3;
varying vec2 v_pos;
varying vec3 v_disc;
float inside(vec3 disc) { return step(length(v_pos - disc.xy), disc.z); }
void main() {
    float r = length(v_pos - v_disc.xy);
    if (r > v_disc.z + 0.5) discard;
    vec2 d = v_pos - u_jupiter.xy;
    vec2 e = vec2(dot(d, u_axis), dot(d, vec2(-u_axis.y, u_axis.x))) / u_jupiter.zw;
    if (dot(e, e) > 1.0) discard;
    if (inside(u_occ0) + inside(u_occ1) + inside(u_occ2) + inside(u_occ3) > 0.0) discard;
    float edge = clamp(v_disc.z + 0.5 - r, 0.0, 1.0);  // half a pixel of penumbra
    gl_FragColor = vec4(0.02, 0.015, 0.01, 0.92 * edge);
}
"""

DTYPE = [("a_position", np.float32, 2), ("a_disc", np.float32, 3)]
MIN_RADIUS_PX = 1.2  # a shadow stays visible at low magnification (as in a telescope)
NO_DISC = (-1.0e4, -1.0e4, 0.0)


class MoonShadowsLayer:
    """Up to four shadow discs, one buffer and one draw call."""

    def __init__(self) -> None:
        self.enabled = True  # the user's toggle (show_moon_shadows)
        self.visible = False  # this frame: enabled and the view from Earth
        self.program = gloo.Program(SHADOW_VERT, SHADOW_FRAG)
        self._buffer = gloo.VertexBuffer(np.zeros(24, dtype=DTYPE))
        self.program.bind(self._buffer)
        self.direct = DirectDraw(self.program)
        self.discs: dict[str, tuple[float, float, float]] = {}  # moon -> x, y, radius (px)
        self.outline = ((0.0, 0.0, 0.0, 0.0), (1.0, 0.0))  # Jupiter: centre, semi-axes; axis

    def place(self, fd: FrameData, moon_radii_km: dict[str, float]) -> None:
        """Compute where the shadows are on screen this frame (CPU only)."""
        self.discs = {}
        snap = fd.snap
        if not self.visible:
            return
        try:
            sun_km = state("sun", snap.tdb)[0]
        except JovianviewError:
            return
        eye_km = fd.units.frame.T @ fd.pose.eye * fd.units.radius_km + fd.pose.centre_km
        for moon in MOONS:
            if moon not in snap.positions:
                continue
            point = shadow_on_jupiter(snap.positions[moon], sun_km, snap.tdb)
            if point is None or not faces(point, eye_km, snap.tdb):
                continue
            pix, depth = project(fd.m, fd.units.point64(point)[None, :])
            if depth[0] <= 0:
                continue
            dist = math.hypot(*(eye_km - point))
            r = max(MIN_RADIUS_PX, moon_radii_km[moon] / dist * fd.m.pixels_per_radian)
            self.discs[moon] = (float(pix[0, 0]), float(pix[0, 1]), r)
        if self.discs:
            major, minor = limb_axes(-eye_km, snap.tdb)
            pts = np.array([np.zeros(3), major, minor])
            pix, _ = project(fd.m, np.array([fd.units.point64(p) for p in pts]))
            p, q = pix[1] - pix[0], pix[2] - pix[0]
            a, b = math.hypot(*p), math.hypot(*q)
            self.outline = ((float(pix[0, 0]), float(pix[0, 1]), a + 0.5, b + 0.5),
                            (float(p[0] / a), float(p[1] / a)))

    def draw(self, fd: FrameData, occluders: dict[str, tuple[float, float, float]]) -> None:
        """Draw the discs (direct GL); ``occluders``: moons in front, (x, y, r) pixels."""
        if not self.discs:
            return
        verts = np.zeros(24, dtype=DTYPE)
        n = 0
        for x, y, r in self.discs.values():
            s = r + 1.0
            quad = [(x - s, y - s), (x + s, y - s), (x - s, y + s),
                    (x + s, y - s), (x + s, y + s), (x - s, y + s)]
            for corner in quad:
                verts["a_position"][n] = corner
                verts["a_disc"][n] = (x, y, r)
                n += 1
        self._buffer.set_data(verts)
        occ = list(occluders.values())[:4] + [NO_DISC] * 4
        outline, axis = self.outline
        uniforms = {"u_size": np.asarray(fd.m.size, np.float32),
                    "u_jupiter": np.asarray(outline, np.float32),
                    "u_axis": np.asarray(axis, np.float32)}
        for i in range(4):
            uniforms[f"u_occ{i}"] = np.asarray(occ[i], np.float32)
        self.direct.draw("triangles", uniforms, count=n)
