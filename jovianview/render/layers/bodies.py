"""Jupiter and the Galilean moons: textured, lit spheroids turned by their IAU rotation.

Maps come from :class:`~jovianview.model.maps.MapsModel` (the layer listens to it). Each upload
is clamped to the GPU's largest texture size and mipmapped, so a moon a few pixels wide does
not shimmer. Jupiter's cloud map is turned each frame so the Great Red Spot lies at its
modelled System III longitude (:mod:`jovianview.core.grs`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from vispy import gloo
from vispy.gloo import gl as glapi

from jovianview.core.geometry import uv_sphere
from jovianview.core.grs import grs_system3_longitude
from jovianview.core.imagemaps import downsample
from jovianview.model.maps import BodyMap, MapsModel
from jovianview.render import vispy_private
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import DirectDraw
from jovianview.render.gldirect import set_state as set_gl_state
from jovianview.render.lighting import static_uniforms
from jovianview.render.shaders import (
    BODY_VERT,
    BODY_VERT_CUT,
    SHADOW_ONLY_UNIFORMS,
    body_fragment,
)
from jovianview.render.textures import mipmap_and_filter
from jovianview.render.uniforms import Uniforms
from jovianview.render.view import gl

# Levels of detail: (largest disc radius in pixels, latitude bands); twice as many
# longitude columns. See _level for how the radii follow from the facets' sag.
LEVELS = ((20.0, 8), (60.0, 12), (100.0, 16), (230.0, 24), (310.0, 28), (450.0, 32),
          (math.inf, 64))
MESH_LAT = {f"lat{n}": n for _, n in LEVELS}  # latitude bands per level of detail
MESH_LON = {f"lat{n}": 2 * n for _, n in LEVELS}
# Software GL shades every vertex and sets up every triangle of a draw on the CPU, back
# faces included; the detailed meshes are split into lunes of longitude so that only the
# lunes facing the eye are drawn (culling would discard the rest anyway).
LUNES = 16
LUNE_CULLED = tuple(key for key, n in MESH_LAT.items() if n >= 16)
FACET_MARGIN = 0.02  # in the cosine: a flat facet faces the eye a little past the limb
FALLBACK_MAX_TEXTURE = 4096


def max_texture_size() -> int:
    """GL_MAX_TEXTURE_SIZE of the current context (a safe 4096 if the query fails)."""
    try:
        value = int(glapi.glGetParameter(glapi.GL_MAX_TEXTURE_SIZE))
    except Exception:  # noqa: BLE001 - any GL failure: use the conservative size
        return FALLBACK_MAX_TEXTURE
    return value if value >= 256 else FALLBACK_MAX_TEXTURE


def fit_to_gpu(image: NDArray[np.uint8], limit: int) -> NDArray[np.uint8]:
    """Downsample so neither side exceeds ``limit`` texels."""
    h, w = image.shape[:2]
    if w <= limit and h <= limit:
        return image
    return downsample(image, min(limit, int(limit * w / h)))


class BodiesLayer:
    """One shared sphere mesh per level of detail, one program and texture per body."""

    def __init__(self, maps: MapsModel, radii_km: dict[str, tuple[float, float, float]],
                 grs_override: float | None = None) -> None:
        self.radii_km = radii_km
        self.visible = True
        self.grs_override = grs_override  # System II longitude; None: the drift model
        self.max_texture = max_texture_size()
        # Levels of detail by apparent size: software GL shades every vertex on the CPU,
        # so a moon a few pixels wide must not cost a 2,000-vertex sphere. Each level's
        # mesh is built when a disc first needs it (start-up builds only those in view).
        self._ibo: dict[str, gloo.IndexBuffer] = {}
        self._vbo: dict[str, gloo.VertexBuffer] = {}
        self._sectors: dict[str, list[int]] = {}  # first triangle of each lune (and the end)
        # Two programs a body: ``programs`` with the shadow code, ``sunlit`` without it
        # (drawn while nothing shades the body, which is most of the time; shaders.py)
        self.programs: dict[str, gloo.Program] = {}
        self.sunlit: dict[str, gloo.Program] = {}
        self.uniforms: dict[str, Uniforms] = {}  # static uniforms (through VisPy)
        self.direct: dict[str, DirectDraw] = {}  # per-frame uniforms and the draw
        self.direct_sunlit: dict[str, DirectDraw] = {}
        self.drawn_shadowed: dict[str, bool] = {}  # which variant each body had last frame
        self.textures: dict[str, gloo.Texture2D] = {}
        self.grs_u: dict[str, float | None] = {}
        self.uploaded_shape: dict[str, tuple[int, int]] = {}
        self._needs_mipmap: set[str] = set()
        self.anisotropy: dict[str, float] = {}
        self.map_quality = "normal"  # Settings.map_quality (render.textures.anisotropy_for)
        self._bound: dict[str, str] = {}
        self._patched: dict[str, bool] = {}
        # body -> (3, 3) columns: the octant cut away while the interior cutaway shows
        # (render/layers/interior.py sets it each frame; set_cutaway builds the program)
        self.cut: dict[str, NDArray[np.float64]] = {}
        self._cut_built: dict[str, bool] = {}
        self._radii_cache: dict[tuple[str, float], NDArray[np.float64]] = {}
        self.maps = maps
        for body in maps.maps:
            self._new_program(body, patched=False)
            self.set_map(body, maps.maps[body])
            self.set_patch(body)
        maps.map_changed.connect(lambda body: self.set_map(body, maps.maps[body]))
        maps.patch_changed.connect(self.set_patch)

    def _mesh(self, key: str) -> tuple[gloo.VertexBuffer, gloo.IndexBuffer]:
        """Vertex and index buffers of level ``key`` (built on first use)."""
        if key not in self._vbo:
            vert, tex, faces = uv_sphere(MESH_LAT[key], MESH_LON[key])
            if key in LUNE_CULLED:
                by_column, faces, starts = lune_order(faces, vert.shape[1], MESH_LON[key])
                self._sectors[key] = starts.tolist()
                vert, tex = vert[:, by_column], tex[by_column]
            data = np.zeros(vert.shape[1], dtype=[("a_position", np.float32, 3),
                                                  ("a_texcoord", np.float32, 2)])
            data["a_position"], data["a_texcoord"] = vert.T, tex
            self._vbo[key] = gloo.VertexBuffer(data)
            self._ibo[key] = gloo.IndexBuffer(np.ascontiguousarray(faces))
        return self._vbo[key], self._ibo[key]

    def _new_program(self, body: str, patched: bool) -> gloo.Program:
        """(Re)build ``body``'s program: with the draped-patch code only when it has one."""
        old = (self.programs.get(body), self.sunlit.get(body))
        cut = self._cut_built.get(body, False)
        made = []
        for shadowed in (True, False):
            prog = gloo.Program(BODY_VERT_CUT if cut else BODY_VERT,
                                body_fragment(patched, cut, shadowed))
            u = Uniforms(prog).log_depth()
            for name, value in static_uniforms(body).items():  # photometry (lighting.py)
                u[name] = value
            u["u_radii"] = np.asarray(self.radii_km[body]) / 1000.0
            if body in self.textures:
                prog["u_texture"] = self.textures[body]
            made.append((prog, u))
        (prog, u), (plain, _) = made
        self.programs[body], self.uniforms[body], self.sunlit[body] = prog, u, plain
        self.direct[body], self.direct_sunlit[body] = DirectDraw(prog), DirectDraw(plain)
        self._patched[body] = patched
        self._bound.pop(body, None)
        for program in old:
            if program is not None:
                program.delete()
        return prog

    def _both(self, body: str) -> tuple[gloo.Program, gloo.Program]:
        """``body``'s two programs (with and without the shadow code)."""
        return self.programs[body], self.sunlit[body]

    def set_cutaway(self, body: str, on: bool) -> None:
        """Build ``body``'s program with (or without) the octant cut of :attr:`cut`."""
        if body not in self.programs or self._cut_built.get(body, False) == bool(on):
            return
        self._cut_built[body] = bool(on)
        patched = self._patched.get(body, False)
        self._new_program(body, patched=patched)
        if patched:
            self.set_patch(body)  # the new program needs the patch's texture and box again
        if not on:
            self.cut.pop(body, None)

    # ---------------------------------------------------------------- textures
    def set_map(self, body: str, body_map: BodyMap) -> None:
        """Upload ``body_map`` (clamped to the GPU limit); mipmaps follow on the next draw."""
        prog = self.programs.get(body)
        if prog is None:
            return
        image = np.ascontiguousarray(fit_to_gpu(body_map.image, self.max_texture))
        tex = gloo.Texture2D(image, interpolation="linear", wrapping="repeat")
        for program in self._both(body):
            program["u_texture"] = tex
        self.textures[body] = tex
        self.grs_u[body] = body_map.grs_u
        self.uploaded_shape[body] = image.shape[:2]
        self._needs_mipmap.add(body)

    def set_patch(self, body: str) -> None:
        """Lay the maps model's patch for ``body`` over its map (or remove it)."""
        if body not in self.programs:
            return
        patch = self.maps.patches.get(body)
        if patch is None:
            if self._patched.get(body):
                self._new_program(body, patched=False)
            return
        if not self._patched.get(body):
            self._new_program(body, patched=True)
        image = np.ascontiguousarray(fit_to_gpu(patch.image, self.max_texture))
        tex = gloo.Texture2D(image, interpolation="linear", wrapping="clamp_to_edge")
        left, span = patch.bounds.east_left_and_step()
        for prog in self._both(body):
            prog["u_patch"] = tex
            prog["u_patch_box"] = (left, span, patch.bounds.lat_top, patch.bounds.lat_bottom)
            prog["u_patch_opacity"] = float(patch.opacity)

    def _mipmap(self, body: str) -> None:
        """Build the mipmap chain of ``body``'s texture (once uploaded) and sample trilinearly
        (anisotropically where the driver can)."""
        canvas = gloo.get_current_canvas()
        ob = vispy_private.glir_object(canvas.context, self.textures[body]) if canvas else None
        handle = vispy_private.gl_handle(ob) if ob is not None else None
        if handle is None:
            return
        self.anisotropy[body] = mipmap_and_filter(handle, self.map_quality)  # render.textures
        self._needs_mipmap.discard(body)

    def set_map_quality(self, quality: str) -> None:
        """Filter every map for ``quality`` (off / normal / high) from the next draw on."""
        if quality != self.map_quality:
            self.map_quality = quality
            self._needs_mipmap.update(self.textures)

    def lon_shift(self, body: str, tdb: float) -> float:
        """Texture-coordinate shift turning a drifting Jupiter map to the date's GRS position.

        A mesh vertex at east longitude E has u = 0.5 + E/360; the GRS, at System III west
        longitude L (east -L), must sample the map at its measured ``grs_u``.
        """
        grs_u = self.grs_u.get(body)
        if grs_u is None:
            return 0.0
        lon3 = grs_system3_longitude(tdb, self.grs_override)
        return float((grs_u - 0.5 + lon3 / 360.0) % 1.0)

    # ---------------------------------------------------------------- drawing
    def model_matrix(self, body: str, fd: FrameData) -> NDArray[np.float64]:
        """Unit sphere -> render units: radii (scaled for display), rotation, position."""
        radii = self._radii_render(body, fd.units.radius_km) * fd.display_scale[body]
        rot = fd.snap.rotations.get(body)
        m = np.zeros((4, 4))
        if rot is not None:  # body-fixed -> render axes, as RenderUnits.rotation
            np.multiply(fd.units.frame @ rot.T, radii, out=m[:3, :3])
        else:
            m[0, 0], m[1, 1], m[2, 2] = radii
        m[:3, 3] = fd.centres[body]
        m[3, 3] = 1.0
        return m

    def _radii_render(self, body: str, radius_km: float) -> NDArray[np.float64]:
        key = (body, radius_km)
        radii = self._radii_cache.get(key)
        if radii is None:
            radii = self._radii_cache[key] = np.asarray(self.radii_km[body]) / radius_km
        return radii

    def facing_ranges(self, lod: str, model: NDArray[np.float64],
                      eye: NDArray[np.float64]) -> list[tuple[int, int]] | None:
        """(first index, count) of the lunes of ``lod``'s mesh that may face ``eye`` (render
        units); None: draw the whole mesh."""
        starts = self._sectors.get(lod)
        if starts is None:
            return None
        # the eye in the unit sphere's frame: model = rotation x diagonal radii, whose
        # columns are orthogonal, so its inverse is its transpose over the columns' lengths^2
        # (plain floats: a dozen numpy calls on 3-vectors cost several times as much)
        r0, r1, r2, _ = model.tolist()
        ex, ey, ez = eye.tolist()
        dx, dy, dz = ex - r0[3], ey - r1[3], ez - r2[3]
        local = [(r0[j] * dx + r1[j] * dy + r2[j] * dz)
                 / (r0[j] * r0[j] + r1[j] * r1[j] + r2[j] * r2[j]) for j in range(3)]
        facing = lunes_facing(local)
        if facing is None:
            return None
        ranges: list[tuple[int, int]] = []
        for k, seen in enumerate(facing):
            if not seen:
                continue
            first, count = starts[k] * 3, (starts[k + 1] - starts[k]) * 3
            if ranges and ranges[-1][0] + ranges[-1][1] == first:  # adjacent: one draw
                ranges[-1] = (ranges[-1][0], ranges[-1][1] + count)
            else:
                ranges.append((first, count))
        return ranges

    def draw(self, fd: FrameData) -> None:
        """Draw the bodies (direct GL: call after VisPy's queue was flushed)."""
        if not self.visible:
            return
        vp = fd.viewproj_gl
        # Closed spheroids: cull the far hemisphere. Log depth is written per fragment, so
        # the depth test cannot reject hidden fragments early; without culling software GL
        # would shade the far side of a close-up Jupiter only to discard it.
        set_gl_state(cull_face=True)
        glapi.glCullFace(glapi.GL_FRONT if fd.pose.mirror else glapi.GL_BACK)  # mirror: CW
        lit = 1.0 if fd.lit else 0.0
        for body in self.programs:
            if body not in fd.centres or body in fd.off_screen:
                continue
            lod = _level(fd.pixel_radius.get(body, 1e9))
            vbo, ibo = self._mesh(lod)
            if self._bound.get(body) != lod:
                for prog in self._both(body):
                    prog.bind(vbo)
                self._bound[body] = lod
            model = self.model_matrix(body, fd)
            ranges = self.facing_ranges(lod, model, fd.pose.eye)
            if ranges == []:
                continue
            values = {"u_model": gl(model), "u_viewproj": vp, "u_sun": fd.sun, "u_lit": lit,
                      "u_lon_shift": self.lon_shift(body, fd.snap.tdb)}
            if self._cut_built.get(body):
                axes = self.cut.get(body, np.zeros((3, 3)))  # none yet: nothing is cut
                for k in range(3):
                    values[f"u_cut{k + 1}"] = np.asarray(axes[:, k], np.float32)
            light = fd.lighting.get(body, {})  # sunlight and shadows this frame
            shadowed = light.get("u_nocc", 0.0) > 0.0 or light.get("u_jup_occ", 0.0) > 0.0
            if shadowed:
                values.update(light)
            else:  # the sunlit variant has no shadow uniforms
                values.update((k, v) for k, v in light.items()
                              if k not in SHADOW_ONLY_UNIFORMS and not k.startswith("u_occ["))
            self.drawn_shadowed[body] = shadowed
            draw = self.direct[body] if shadowed else self.direct_sunlit[body]
            draw.draw("triangles", values, ibo, ranges=ranges)
            if body in self._needs_mipmap:
                self._mipmap(body)
        set_gl_state(cull_face=False)


def lune_order(faces: NDArray[np.uint32], n_vertices: int,
               n_lon: int) -> tuple[NDArray[np.int64], NDArray[np.uint32], NDArray[np.int64]]:
    """Reorder a :func:`uv_sphere` mesh by lunes of longitude.

    Returns the vertex order (column by column, so a lune's triangles use a compact range
    of vertices, which is what GL shades), the faces in lune order with the new vertex
    numbers, and the first face of each of the :data:`LUNES` lunes (plus the total).
    """
    cols = n_lon + 1
    by_column = np.argsort(np.arange(n_vertices) % cols, kind="stable")
    new_index = np.empty_like(by_column)
    new_index[by_column] = np.arange(n_vertices)
    lune = (faces[:, 0] % cols) * LUNES // n_lon  # a triangle's upper-left vertex's column
    order = np.argsort(lune, kind="stable")
    starts = np.searchsorted(lune[order], np.arange(LUNES + 1))
    return by_column, new_index[faces[order]].astype(np.uint32), starts


def lunes_facing(eye: Sequence[float]) -> list[bool] | None:
    """Which lunes of longitude of the unit sphere may face ``eye`` (the sphere's frame).

    An ellipsoid drawn from the unit sphere by its model matrix M faces the eye at the
    point u where u . e > 1, e being the eye mapped by M's inverse. Over a lune of
    longitudes [a, b] and all latitudes the largest u . e has a closed form; a flat facet
    faces the eye slightly beyond the smooth limb, hence :data:`FACET_MARGIN`. None when
    the eye is inside (draw everything).
    """
    ex, ey, ez = (float(v) for v in eye)
    dist = math.sqrt(ex * ex + ey * ey + ez * ez)
    if dist <= 1.0 + 1e-9:
        return None
    sin_lat = ez / dist
    cos_lat = math.sqrt(max(0.0, 1.0 - sin_lat * sin_lat))
    width = 2.0 * math.pi / LUNES
    lon = math.atan2(ey, ex)
    limit = 1.0 / dist - FACET_MARGIN
    facing = []
    for k in range(LUNES):
        mid = -math.pi + (k + 0.5) * width
        # angular distance from the eye's longitude to the lune (0 inside it)
        gap = max(0.0, abs((lon - mid + math.pi) % (2.0 * math.pi) - math.pi) - width / 2)
        a = cos_lat * math.cos(gap)
        best = math.hypot(a, sin_lat) if a >= 0.0 else abs(sin_lat)
        facing.append(best > limit)
    return facing


def _level(radius_px: float) -> str:
    """Mesh detail for a body drawn ``radius_px`` pixels in radius.

    Chosen so the outline's facets stay under about half a pixel: a band of ``d`` degrees
    (180 / n for n latitude bands, the same for the 2 n columns) sags ``r (1 - cos(d / 2))``
    pixels below the true limb, i.e. r x 0.019 for 8 bands, r x 0.0086 for 12, r x 0.0048
    for 16, r x 0.0021 for 24, r x 0.0016 for 28, r x 0.0012 for 32 (the limits in
    :data:`LEVELS`). Software GL sets up every triangle that faces the eye on the drawing
    thread, so each disc gets the fewest that keep its outline round.
    """
    for limit, n in LEVELS:
        if radius_px <= limit:
            return f"lat{n}"
    return f"lat{LEVELS[-1][1]}"
