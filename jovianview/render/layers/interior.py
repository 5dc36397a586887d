"""Jupiter's interior (model/interior.py): an octant cut out of the planet, facing the eye.

While shown, Jupiter's program discards the octant (BodiesLayer.set_cutaway) and this layer
draws the cut's three faces, coloured by layer (uploaded once; only the model matrix and the
cut's axes change per frame), and labels each layer in a column beside the disc with a thin
leader line to its band. The faces write depth, so Juno or a moon in front still hides them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from vispy import gloo

from jovianview.model.interior import band_middles, cut_axes, cutaway_mesh, label_anchor
from jovianview.render import vispy_private
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.layers.bodies import BodiesLayer
from jovianview.render.layers.labels import LABEL_POINTS, OverlayText, _set_text, configure_text
from jovianview.render.layers.overlay_shapes import RECT_FRAG, RECT_VERT
from jovianview.render.legend import Colour, LegendEntry, register
from jovianview.render.shaders import INTERIOR_FRAG, INTERIOR_VERT
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl, project

if TYPE_CHECKING:
    from vispy import app

for _layer, _ in band_middles():
    register(LegendEntry(f"Interior: {_layer.label.lower()}",
                         (*_layer.colour, 1.0), "disc", "show_interior"))
TITLE = ("Jupiter's interior (schematic)", "colour blends: uncertain edges")
NAME_COLOUR = (1.0, 1.0, 1.0, 1.0)
DETAIL_COLOUR = (0.78, 0.82, 0.9, 1.0)
SHADOW = (0.0, 0.0, 0.0, 0.9)
LEADER_COLOUR = (0.85, 0.85, 0.9, 0.8)
MIN_DISC_PX = 60.0  # a smaller Jupiter gets no labels
CHAR_PX = 6.4  # a generous width of one label character at 10 pt (measured ~6.1)
GAP_PX = 28.0  # from the disc's edge to the label column
LINE_PX = 20.0  # label spacing at text size 100 %


class InteriorLayer:
    """The cutaway's faces (one draw), its labels (one text draw) and leader lines."""

    def __init__(self, bodies: BodiesLayer) -> None:
        self.bodies = bodies
        self.visible = False
        self.text_scale = 1.0  # the renderer copies the labels' text size here
        self.show_labels = True  # and whether labels are shown (Shift+L)
        self._faces: tuple[DirectDraw, gloo.IndexBuffer] | None = None
        self._lines: tuple[DirectDraw, gloo.VertexBuffer] | None = None
        self._line_count = 0
        self.text = OverlayText("", color=NAME_COLOUR, font_size=LABEL_POINTS,
                                anchor_x="left", anchor_y="center")
        self.text.set_gl_state(blend=True, depth_test=False, cull_face=False,
                               blend_func=("src_alpha", "one_minus_src_alpha", "zero", "one"))
        kernel = vispy_private.font_kernel(self.text)
        if not isinstance(kernel, gloo.Texture2D):  # upload once (see LabelsLayer)
            vispy_private.set_font_kernel(self.text, gloo.Texture2D(kernel))
        self._configured: tuple | None = None
        self._colours: list[Colour] = []
        self.placed: list[tuple[str, float, float, Colour]] = []  # text, x, y px, colour
        self._line_points = np.zeros((0, 2), np.float32)
        self._lines_sent = np.zeros((0, 2), np.float32)
        self._m: np.ndarray | None = None  # this frame's model matrix (None: not drawn)

    # ---------------------------------------------------------------- adapter
    def _on_visible_change(self, value: bool) -> None:
        self.visible = bool(value)
        self.bodies.set_cutaway("jupiter", self.visible)
        if not self.visible:
            self.placed = []

    def reset(self) -> None:
        """Forget the uploaded faces and lines (rebuilt on the next draw)."""
        self._faces = self._lines = None
        self._lines_sent = np.zeros((0, 2), np.float32)

    def close(self) -> None:
        """Release the GPU buffers and give Jupiter back its uncut program."""
        self.reset()
        self.bodies.set_cutaway("jupiter", False)

    def configure(self, canvas: app.Canvas, viewport: tuple[int, int, int, int]) -> None:
        """Pixel transforms for this canvas and viewport (rebuilt only when they change)."""
        self._configured = configure_text(self.text, canvas, viewport, self._configured)

    # ---------------------------------------------------------------- per frame
    def _upload(self) -> None:
        mesh = cutaway_mesh()
        data = np.zeros(mesh.vertices.shape[1], dtype=[("a_position", np.float32, 3),
                                                       ("a_colour", np.float32, 3)])
        data["a_position"], data["a_colour"] = mesh.vertices.T, mesh.colours
        program = gloo.Program(INTERIOR_VERT, INTERIOR_FRAG)
        Uniforms(program).log_depth()
        program.bind(gloo.VertexBuffer(data))
        self._faces = (DirectDraw(program), gloo.IndexBuffer(mesh.triangles.reshape(-1)))
        lines = gloo.Program(RECT_VERT, RECT_FRAG)
        Uniforms(lines)["u_colour"] = LEADER_COLOUR
        buffer = gloo.VertexBuffer(np.zeros((2, 2), np.float32))
        lines["a_position"] = buffer
        self._lines = (DirectDraw(lines), buffer)

    def model(self, fd: FrameData) -> tuple[np.ndarray, np.ndarray] | None:
        """The faces' model matrix (4, 4) this frame and the cut's System III axes (3, 3)."""
        rot = fd.snap.rotations.get("jupiter")
        if rot is None or "jupiter" not in fd.centres:
            return None
        to_render = fd.units.frame @ np.asarray(rot).T  # System III -> render axes
        centre = fd.centres["jupiter"]
        axes = cut_axes(to_render.T @ (fd.pose.eye - centre))
        a, _, c = self.bodies._radii_render("jupiter", fd.units.radius_km)
        m = np.eye(4)
        m[:3, :3] = to_render @ axes * np.array([a, a, c]) * fd.display_scale.get("jupiter", 1)
        m[:3, 3] = centre
        return m, axes

    def prepare(self, fd: FrameData, active: bool = True) -> None:
        """Turn the cut towards the eye for this frame and place the labels (CPU only).

        ``active`` False (the view from Earth): nothing is cut and nothing drawn.
        """
        found = self.model(fd) if self.visible and active else None
        if found is None or "jupiter" in fd.off_screen:
            self.bodies.cut.pop("jupiter", None)
            self._m, self.placed = None, []
            return
        self._m, axes = found
        self.bodies.cut["jupiter"] = axes
        self.place(fd, self._m)

    def draw(self, fd: FrameData) -> None:
        """Draw the faces (after the bodies, whose Jupiter has the octant cut away)."""
        if not self.visible or self._m is None:
            return
        if self._faces is None:
            self._upload()
        assert self._faces is not None
        set_gl_state(depth_test=True, blend=False, cull_face=False, depth_mask=True)
        self._faces[0].draw("triangles", {"u_viewproj": fd.viewproj_gl,
                                          "u_model": gl(self._m)}, self._faces[1])

    def place(self, fd: FrameData, m: np.ndarray) -> None:
        """Choose where the labels go (pixels): a column beside the disc with leader lines,
        or, when the disc leaves no room, on the faces beside each band."""
        self.placed = []
        self._line_points = np.zeros((0, 2), np.float32)
        r_px = fd.pixel_radius.get("jupiter", 0.0)
        if r_px < MIN_DISC_PX or not self.show_labels:
            return
        centre = fd.centres["jupiter"]
        to_eye = fd.pose.eye - centre
        to_eye = to_eye / max(float(np.linalg.norm(to_eye)), 1e-300)
        # label on the face the eye sees most squarely
        face = int(np.argmax([abs(float(to_eye @ m[:3, k])) / np.linalg.norm(m[:3, k])
                              for k in range(3)]))
        bands = band_middles()
        anchors = np.array([m[:3, :3] @ label_anchor(face, mid) + centre for _, mid in bands])
        pix, depth = project(fd.m, np.vstack([anchors, centre[None, :]]))
        if (depth <= 0).any():
            return
        k = self.text_scale
        w, h = fd.m.size
        jx = float(pix[-1, 0])
        char = CHAR_PX * k
        widths = [max(len(layer.label), len(layer.detail)) * char for layer, _ in bands]
        widest = max(max(widths), max(len(t) for t in TITLE) * char)
        right = jx + r_px + GAP_PX
        left = jx - r_px - GAP_PX - widest
        column = right if right + widest <= w else (left if left >= 0 else None)
        step = LINE_PX * k
        # From the lowest anchor up: each label two lines, never overlapping the one below.
        order = np.argsort(pix[:-1, 1])[::-1]
        bottom = h - 1.5 * step
        lines: list[tuple[float, float]] = []
        for i in order:
            layer = bands[i][0]
            ax, ay = float(pix[i, 0]), float(pix[i, 1])
            y = max(min(ay, bottom), 1.5 * step)
            bottom = y - 2.0 * step
            if column is None:  # on the face, just right of the band's anchor
                x = min(ax + 8.0, w - widths[i])
            else:
                x = column
                end = x - 6.0 if x > ax else x + widths[i] + 4.0
                lines += [(ax, ay), (end, y)]
            self.placed.append((layer.label, x, y, NAME_COLOUR))
            self.placed.append((layer.detail, x, y + step * 0.8, DETAIL_COLOUR))
        top = min(y for _, _, y, _ in self.placed) - 2.0 * step
        tx = column if column is not None else max(0.0, min(jx - widest / 2, w - widest))
        self.placed.append((TITLE[0], tx, max(top, step), NAME_COLOUR))
        self.placed.append((TITLE[1], tx, max(top, step) + step * 0.8, DETAIL_COLOUR))
        self._line_points = np.array(lines, np.float32).reshape(-1, 2)

    def draw_labels(self, fd: FrameData) -> None:
        """Draw the leader lines and the labels (screen space, after the scene)."""
        if not self.visible or not self.placed:
            return
        if self._lines is None:
            self._upload()
        assert self._lines is not None
        points = self._line_points
        if len(points):
            if not np.array_equal(points, self._lines_sent):
                self._lines[1].set_data(points)  # a handful of points, only when they move
                self._lines_sent = points
                self._line_count = len(points)
            set_gl_state(depth_test=False, blend=True, alpha_blend=True, cull_face=False)
            self._lines[0].draw("lines", {"u_size": np.asarray(fd.m.size, np.float32)},
                                count=self._line_count)
        texts = [t for t, _, _, _ in self.placed] * 2
        pos = ([(x + 1.0, y + 1.0) for _, x, y, _ in self.placed]
               + [(x, y) for _, x, y, _ in self.placed])
        colours = [SHADOW] * len(self.placed) + [c for _, _, _, c in self.placed]
        if colours != self._colours:
            self.text.color = colours
            self._colours = colours
        size = LABEL_POINTS * self.text_scale
        if self.text.font_size != size:
            self.text.font_size = size
            self.text.transforms_dirty = True
        _set_text(self.text, texts, pos)
        self.text.draw()
