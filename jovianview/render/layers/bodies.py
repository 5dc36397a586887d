"""Jupiter and the Galilean moons: textured, lit spheroids turned by their IAU rotation."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from vispy import gloo

from jovianview.core.geometry import uv_sphere
from jovianview.render.frame import FrameData
from jovianview.render.shaders import BODY_FRAG, BODY_VERT
from jovianview.render.view import gl

NIGHT_BRIGHTNESS = 0.13  # dim but readable night side


class BodiesLayer:
    """One shared sphere mesh per level of detail, one program and texture per body."""

    def __init__(self, textures: dict[str, NDArray[np.uint8]],
                 radii_km: dict[str, tuple[float, float, float]]) -> None:
        self.radii_km = radii_km
        self.visible = True
        # Levels of detail by apparent size: software GL shades every vertex on the CPU,
        # so a moon a few pixels wide must not cost a 2,000-vertex sphere.
        meshes = {"fine": uv_sphere(64, 128), "medium": uv_sphere(32, 64),
                  "coarse": uv_sphere(12, 24)}
        self._ibo = {}
        self._vbo = {}
        for key, (vert, tex, faces) in meshes.items():
            data = np.zeros(vert.shape[1], dtype=[("a_position", np.float32, 3),
                                                  ("a_texcoord", np.float32, 2)])
            data["a_position"], data["a_texcoord"] = vert.T, tex
            self._vbo[key] = gloo.VertexBuffer(data)
            self._ibo[key] = gloo.IndexBuffer(faces)
        self.programs: dict[str, gloo.Program] = {}
        self._bound: dict[str, str] = {}
        for body, image in textures.items():
            prog = gloo.Program(BODY_VERT, BODY_FRAG)
            prog["u_texture"] = gloo.Texture2D(image, interpolation="linear", wrapping="repeat")
            prog["u_night"] = NIGHT_BRIGHTNESS
            self.programs[body] = prog

    def model_matrix(self, body: str, fd: FrameData) -> NDArray[np.float64]:
        """Unit sphere -> render units: radii (scaled for display), rotation, position."""
        radii = np.asarray(self.radii_km[body]) / fd.units.radius_km * fd.display_scale[body]
        rot = fd.snap.rotations.get(body)
        turn = fd.units.rotation(rot) if rot is not None else np.eye(3)
        m = np.eye(4)
        m[:3, :3] = turn * radii[None, :]
        m[:3, 3] = fd.centres[body]
        return m

    def draw(self, fd: FrameData) -> None:
        if not self.visible:
            return
        vp = gl(fd.m.viewproj)
        for body, prog in self.programs.items():
            if body not in fd.centres:
                continue
            fd.common_uniforms(prog)
            prog["u_model"] = gl(self.model_matrix(body, fd))
            prog["u_viewproj"] = vp
            prog["u_radii"] = np.asarray(self.radii_km[body], dtype=np.float32) / 1000.0
            prog["u_sun"] = fd.sun
            prog["u_lit"] = 1.0 if fd.lit else 0.0
            lod = _level(fd.pixel_radius.get(body, 1e9))
            if self._bound.get(body) != lod:
                prog.bind(self._vbo[lod])
                self._bound[body] = lod
            prog.draw("triangles", self._ibo[lod])


def _level(radius_px: float) -> str:
    """Mesh detail for a body drawn ``radius_px`` pixels in radius."""
    if radius_px > 250.0:
        return "fine"
    if radius_px > 25.0:
        return "medium"
    return "coarse"
