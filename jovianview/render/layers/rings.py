"""Jupiter's rings (model/rings.py): a flat annulus in the equator plane, lit per pixel.

Each pixel reads the normal optical depth at its radius from a small profile texture, scatters
sunlight with the model's phase function (bright when the Sun is behind the rings), grows
with the slant path (1/mu) and is darkened where Jupiter's shadow falls (``SHADOW_GLSL``).
Drawn additively after the bodies, depth-tested against them (Jupiter hides the far side).
"""

from __future__ import annotations

import math

import numpy as np
from vispy import gloo

from jovianview.model.rings import COLOUR, SEGMENTS, gain, ring_profile
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.legend import LegendEntry, register
from jovianview.render.shaders import RINGS_FRAG, RINGS_VERT
from jovianview.render.uniforms import Uniforms

register(LegendEntry("Rings (brightness exaggerated)", (*COLOUR, 0.6), "disc", "show_rings"))


class RingsLayer:
    """The halo, main and gossamer rings: one annulus, one draw."""

    def __init__(self, jupiter_radius_km: float) -> None:
        self.jupiter_radius_km = jupiter_radius_km
        self.visible = True
        self.enhanced = False
        self.quality = "normal"
        self._program: gloo.Program | None = None
        self._direct: DirectDraw | None = None
        self._count = 0
        self._built_for = ""

    # ---------------------------------------------------------------- adapters
    def _on_show_rings_change(self, value: bool) -> None:
        self.visible = bool(value)

    def _on_rings_enhanced_change(self, value: bool) -> None:
        self.enhanced = bool(value)

    def _on_ring_quality_change(self, value: str) -> None:
        self.quality = value

    def reset(self, show: bool, enhanced: bool, quality: str) -> None:
        """Replay the settings onto the layer."""
        self._on_show_rings_change(show)
        self._on_rings_enhanced_change(enhanced)
        self._on_ring_quality_change(quality)

    def close(self) -> None:
        """Free the GL objects."""
        if self._program is not None:
            self._program.delete()
        self._program, self._direct, self._built_for = None, None, ""

    # ---------------------------------------------------------------- drawing
    def _build(self) -> None:
        self.close()
        profile = ring_profile(self.jupiter_radius_km, 512 if self.quality != "high" else 2048)
        n = SEGMENTS.get(self.quality, SEGMENTS["normal"])
        # an annulus whose straight sides stay outside the outer circle, inside the inner
        outer = profile.outer_rj / math.cos(math.pi / n)
        inner = profile.inner_rj
        a = np.linspace(0.0, 2.0 * math.pi, n + 1)
        ring_in = np.stack([inner * np.cos(a), inner * np.sin(a)], axis=1)
        ring_out = np.stack([outer * np.cos(a), outer * np.sin(a)], axis=1)
        strip = np.empty((2 * (n + 1), 2), np.float32)
        strip[0::2], strip[1::2] = ring_in, ring_out
        prog = gloo.Program(RINGS_VERT, RINGS_FRAG)
        prog["a_position"] = gloo.VertexBuffer(strip)
        tex = gloo.Texture2D(profile.depth[None, :, None], interpolation="linear",
                             wrapping="clamp_to_edge", internalformat="r32f")
        prog["u_profile"] = tex
        u = Uniforms(prog).log_depth()
        u["u_span"] = (profile.inner_rj, profile.outer_rj)
        u["u_colour"] = COLOUR
        ph = profile.phase
        u["u_hg"] = (ph.forward_g, ph.backward_g, ph.forward_weight)
        self._program, self._direct, self._count = prog, DirectDraw(prog), len(strip)
        self._built_for = self.quality

    def draw(self, fd: FrameData) -> None:
        """Draw the rings (direct GL, after the bodies)."""
        if not self.visible or self.quality == "off" or "jupiter" not in fd.centres:
            return
        if self._built_for != self.quality:
            self._build()
        assert self._direct is not None
        uniforms = dict(fd.lighting.get("rings", {}))
        uniforms.pop("u_night", None)
        uniforms.update({"u_viewproj": fd.viewproj_gl, "u_gain": gain(self.enhanced),
                         "u_jupiter": fd.centres["jupiter"].astype(np.float32)})
        set_gl_state(depth_test=True, blend=True, additive=True, depth_mask=False,
                     cull_face=False)
        self._direct.draw("triangle_strip", uniforms, count=self._count)
        set_gl_state(depth_mask=True, blend=False)
