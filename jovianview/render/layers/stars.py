"""A decorative starry background: random points, NOT a star catalogue.

The stars are drawn from a fixed seed, so every run and every image shows the same sky, but
their places and brightnesses are invented (uniform directions, a steep power law of
brightness, like real counts only in spirit). They sit at infinity: only the camera's
rotation moves them. The ``background`` setting switches them off for a plain background.
"""

from __future__ import annotations

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


class StarsLayer:
    """The decorative star field, drawn first, without depth."""

    def __init__(self) -> None:
        self.program = gloo.Program(STARS_VERT, STARS_FRAG)
        self.program.bind(gloo.VertexBuffer(decorative_stars()))
        self.direct = DirectDraw(self.program)
        self.visible = True

    def draw(self, fd: FrameData) -> None:
        if not self.visible:
            return
        rot = np.eye(4)
        rot[:3, :3] = fd.m.view[:3, :3]  # rotation only: the stars are infinitely far
        set_gl_state(depth_test=False, blend=False)
        self.direct.draw("points", {"u_rotproj": gl(fd.m.proj @ rot)}, count=STAR_COUNT)
        set_gl_state(depth_test=True)
