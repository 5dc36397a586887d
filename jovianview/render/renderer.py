"""The scene renderer: model objects in, GL draw calls out.

:class:`SceneRenderer` owns the layers and, for each frame, asks the scene model for a
snapshot, resolves the camera, converts positions once through :class:`RenderUnits` and lets
every layer draw. It listens to the settings and scene models' events (visibility, scale,
new trail samples) and :meth:`reset` replays them all, so a new view comes up correct.
"""

from __future__ import annotations

import math
import time
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import asset_path
from jovianview.core.errors import JovianviewError
from jovianview.core.telescope import EarthView, clamp_fov_arcmin, earth_view, four_moon_fov_deg
from jovianview.data.images import read_rgb8
from jovianview.model.camera import CameraModel, View
from jovianview.model.features import FeaturesModel
from jovianview.model.flyby_framing import (
    Enlargement,
    describe,
    flyby_for_view,
    frame_flyby,
    moon_enlargement,
)
from jovianview.model.maps import BodyMap, MapsModel, embedded_registration
from jovianview.model.scene import SceneModel, Snapshot
from jovianview.model.settings import Settings
from jovianview.render.frame import FrameData
from jovianview.render.gldirect import clear, flush_queued, set_state
from jovianview.render.layers.aurorae import AuroraeLayer
from jovianview.render.layers.bodies import BodiesLayer
from jovianview.render.layers.edge_arrow import EdgeArrowLayer, arrow_label
from jovianview.render.layers.features import FeaturesLayer
from jovianview.render.layers.field_lines import FieldLinesLayer
from jovianview.render.layers.interior import InteriorLayer
from jovianview.render.layers.juno import JunoLayer
from jovianview.render.layers.junocam import JunoCamLayer
from jovianview.render.layers.labels import LABEL_CHAR_PX, LabelsLayer
from jovianview.render.layers.paths import PathsLayer
from jovianview.render.layers.radiation_belts import RadiationBeltsLayer
from jovianview.render.layers.rings import RingsLayer
from jovianview.render.layers.stars import StarsLayer
from jovianview.render.layers.torus import TorusLayer
from jovianview.render.lighting import Lighting
from jovianview.render.units import RenderUnits
from jovianview.render.view import FramePose, blend_poses, gl, matrices, resolve_pose

if TYPE_CHECKING:
    from vispy import app

MOON_ENLARGEMENT = 8.0
FLYBY_CLEARANCE = 0.7  # an enlarged moon's radius stays under this share of its gap to Juno
JUNO_MIN_PX = 26.0  # Juno's span on screen in the enlarged mode
JUNO_SPAN_KM = 0.020
BACKGROUND = (0.0, 0.0, 0.02, 1.0)
BODY_NAMES = ("jupiter", "io", "europa", "ganymede", "callisto")
JUNO_VIEWS = ("chase", "juno", "from_juno")
EARTH_MOON_MIN_PX = 2.5  # in the view from Earth a moon is drawn at least this radius
EARTH_LABEL_DISC_PX = 60.0  # below this radius Jupiter's disc carries no moon labels


@cache
def load_textures() -> dict[str, NDArray[np.uint8]]:
    """The built-in surface maps (see assets/LICENSES.md)."""
    return {b: read_rgb8(asset_path("textures", f"{b}.png")) for b in BODY_NAMES}


def embedded_maps() -> MapsModel:
    """A maps model holding the built-in maps (Jupiter's registered by its Great Red Spot)."""
    reg = embedded_registration()
    return MapsModel({b: BodyMap(img, "built-in", reg.get(b, {}).get("grs_u"))
                      for b, img in load_textures().items()})


class SceneRenderer:
    """Draws the Jovian system as the models describe it. Needs a current GL context."""

    def __init__(self, scene: SceneModel, camera: CameraModel, settings: Settings,
                 maps: MapsModel | None = None) -> None:
        self.scene = scene
        self.camera = camera
        self.settings = settings
        self.maps = maps if maps is not None else embedded_maps()
        self.units = RenderUnits(scene.frame, scene.jupiter_radius)
        # largest semi-axis of each body, render units (for labels and picking)
        self._max_radius = {b: max(scene.radii[b]) / self.units.radius_km for b in BODY_NAMES}
        self.bodies = BodiesLayer(self.maps, scene.radii, settings.grs_system2_longitude)
        self.juno = JunoLayer()
        self.paths = PathsLayer()
        self.junocam = JunoCamLayer()
        self.field_lines = FieldLinesLayer()
        self.aurorae = AuroraeLayer()
        self.torus = TorusLayer()
        self.belts = RadiationBeltsLayer()
        self.interior = InteriorLayer(self.bodies)
        self.labels = LabelsLayer()
        self.edge_arrows = EdgeArrowLayer()
        self.stars = StarsLayer()
        self.lighting = Lighting(scene.radii)  # sunlight, shadows, eclipses (core.shadows)
        self.shadows_enabled = True
        self.rings = RingsLayer(scene.jupiter_radius)
        self.earth: EarthView | None = None  # the view from Earth this frame (None: another)
        self.enlargement: dict[str, Enlargement] = {}  # each moon's, this frame
        if scene.features is None:  # the scene computes feature positions, this layer draws
            grs = embedded_registration().get("jupiter", {}).get("grs_latitude")
            scene.features = FeaturesModel(settings, grs)
        self.features = FeaturesLayer(settings)
        self.last: FrameData | None = None
        self.cpu_ms = 0.0  # last frame's CPU time
        self.frames_drawn = 0
        scene.trail_changed.connect(self.paths.set_trail)
        scene.orbits_changed.connect(self.paths.set_orbits)
        ev = settings.events
        ev.show_labels.connect(self._on_show_labels_change)
        ev.show_trail.connect(self._on_show_trail_change)
        ev.show_moon_orbits.connect(self._on_show_moon_orbits_change)
        ev.background.connect(self._on_background_change)
        ev.grs_system2_longitude.connect(self._on_grs_system2_longitude_change)
        ev.show_junocam.connect(self._on_show_junocam_change)
        ev.show_moon_shadows.connect(self._on_show_moon_shadows_change)
        ev.show_field_lines.connect(self._on_show_field_lines_change)
        ev.show_aurorae.connect(self._on_show_aurorae_change)
        ev.show_io_torus.connect(self._on_show_io_torus_change)
        ev.show_radiation_belts.connect(self._on_show_radiation_belts_change)
        ev.show_interior.connect(self._on_show_interior_change)
        ev.show_rings.connect(self.rings._on_show_rings_change)
        ev.rings_enhanced.connect(self.rings._on_rings_enhanced_change)
        ev.ring_quality.connect(self.rings._on_ring_quality_change)
        ev.lit_for_teaching.connect(self.lighting._on_lit_for_teaching_change)
        ev.shadow_quality.connect(self._on_shadow_quality_change)
        ev.star_quality.connect(self._on_star_quality_change)
        ev.map_quality.connect(self.bodies.set_map_quality)
        self.reset()

    # ---------------------------------------------------------------- adapters
    def _on_show_labels_change(self, value: bool) -> None:
        self.labels.show_labels = bool(value)
        self.edge_arrows.visible = bool(value)

    def _on_show_trail_change(self, value: bool) -> None:
        self.paths.show_trail = bool(value)

    def _on_show_moon_orbits_change(self, value: bool) -> None:
        self.paths.show_orbits = bool(value)

    def _on_background_change(self, value: str) -> None:
        self.stars.visible = value == "stars" and self.settings.star_quality != "off"

    def _on_star_quality_change(self, value: str) -> None:
        self._on_background_change(self.settings.background)  # "off": no stars at all

    def _on_grs_system2_longitude_change(self, value: float | None) -> None:
        self.bodies.grs_override = value

    def _on_show_junocam_change(self, value: bool) -> None:
        self.junocam.visible = bool(value)

    def _on_show_moon_shadows_change(self, value: bool) -> None:
        self.shadows_enabled = bool(value)
        self._on_shadow_quality_change(self.settings.shadow_quality)

    def _on_shadow_quality_change(self, value: str) -> None:
        self.lighting._on_shadow_quality_change(value if self.shadows_enabled else "off")

    def _on_show_field_lines_change(self, value: bool) -> None:
        self.field_lines._on_visible_change(value)

    def _on_show_aurorae_change(self, value: bool) -> None:
        self.aurorae._on_visible_change(value)

    def _on_show_io_torus_change(self, value: bool) -> None:
        self.torus._on_visible_change(value)

    def _on_show_radiation_belts_change(self, value: bool) -> None:
        self.belts._on_visible_change(value)

    def _on_show_interior_change(self, value: bool) -> None:
        self.interior._on_visible_change(value)

    def reset(self) -> None:
        """Replay every setting and the cached paths onto the layers."""
        s = self.settings
        self._on_show_labels_change(s.show_labels)
        self._on_show_trail_change(s.show_trail)
        self._on_show_moon_orbits_change(s.show_moon_orbits)
        self._on_background_change(s.background)
        self._on_grs_system2_longitude_change(s.grs_system2_longitude)
        self._on_show_junocam_change(s.show_junocam)
        self._on_show_moon_shadows_change(s.show_moon_shadows)
        self._on_show_field_lines_change(s.show_field_lines)
        self._on_show_aurorae_change(s.show_aurorae)
        self._on_show_io_torus_change(s.show_io_torus)
        self._on_show_radiation_belts_change(s.show_radiation_belts)
        self._on_show_interior_change(s.show_interior)
        self.rings.reset(s.show_rings, s.rings_enhanced, s.ring_quality)
        self.bodies.set_map_quality(s.map_quality)
        self.lighting._on_lit_for_teaching_change(s.lit_for_teaching)
        self.paths.set_trail(self.scene.trail)
        self.paths.set_orbits(self.scene.orbits)
        self.features.reset()

    # ---------------------------------------------------------------- per frame
    def prepare(self, tdb: float, size: tuple[int, int]) -> FrameData:
        """Everything for one frame at ``tdb`` in a viewport of ``size`` pixels (CPU only)."""
        self.scene.update_paths(tdb)
        pose, from_target, blend = self.camera.blended()
        # From Earth the light left Jupiter tau ago: show the system as it was then.
        self.earth = earth_view(tdb) if pose.mode == "from_earth" else None
        snap = self.scene.snapshot(self.earth.tdb_seen if self.earth else tdb)
        units = self.units
        enlarged = self.settings.scale_mode == "enlarged"
        self.enlargement = {m: moon_enlargement(m, snap.tdb, MOON_ENLARGEMENT, FLYBY_CLEARANCE,
                                                self._max_radius[m] * units.radius_km)
                            if enlarged else Enlargement(1.0) for m in BODY_NAMES[1:]}
        if self.camera.target_view.mode == "flyby" and self.earth is None:
            fp = self._flyby_pose(snap)
        else:
            fp = resolve_pose(pose, from_target, blend, snap, units)
        if self.earth is not None:
            fp = self._telescope_pose(fp, self.earth)
        units.set_centre(fp.centre_km)
        m = matrices(fp, size)
        sun_direction = snap.sun_direction
        lit = sun_direction is not None
        sun = (units.direction(sun_direction) if sun_direction is not None
               else np.array([0, 0, 1], np.float32))
        fd = FrameData(snap, units, fp, m, sun, lit, gl(m.viewproj))
        for body, pos in snap.positions.items():
            fd.centres[body] = units.point64(pos)
        fd.display_scale = {"jupiter": 1.0}
        juno_at = fd.centres.get("juno")
        for moon in BODY_NAMES[1:]:
            scale = self.enlargement[moon].scale
            if enlarged and juno_at is not None and moon in fd.centres:
                # near a flyby an enlarged moon would swallow Juno: grow it only so far
                gap = math.hypot(*(juno_at - fd.centres[moon]))
                scale = min(scale, max(1.0, FLYBY_CLEARANCE * gap / self._max_radius[moon]))
            fd.display_scale[moon] = scale
        fd.display_scale["juno"] = 1.0
        if self.earth is not None:  # true sizes, but a moon never shrinks below a dot
            fd.centres.pop("juno", None)
            for moon in BODY_NAMES[1:]:
                if moon in fd.centres:
                    eye_dist = math.hypot(*(fd.centres[moon] - fp.eye))
                    needed = EARTH_MOON_MIN_PX / m.pixels_per_radian * eye_dist
                    fd.display_scale[moon] = max(1.0, needed / self._max_radius[moon])
        if enlarged and "juno" in fd.centres:
            eye_dist = math.hypot(*(fd.centres["juno"] - fp.eye))
            span = units.length(JUNO_SPAN_KM)
            needed = JUNO_MIN_PX / m.pixels_per_radian * eye_dist
            fd.display_scale["juno"] = max(1.0, needed / span)
        radii = {b: self._max_radius[b] * fd.display_scale[b]
                 for b in BODY_NAMES if b in fd.centres}
        if "juno" in fd.centres:
            radii["juno"] = units.length(JUNO_SPAN_KM / 2) * fd.display_scale["juno"]
        self.labels.place(fd, radii)
        if self.earth is not None and "jupiter" in self.labels.placed:
            # a small disc has no room for the names of moons in front of it
            jx, jy, jr = self.labels.placed["jupiter"]
            if jr < EARTH_LABEL_DISC_PX:
                self.labels.occluded |= {b for b, (x, y, _) in self.labels.placed.items()
                                         if b != "jupiter" and math.hypot(x - jx, y - jy) < jr}
        fd.pixel_radius = {b: r for b, (_, _, r) in self.labels.placed.items()}
        w, h = size
        placed = self.labels.placed
        fd.off_screen = {b for b, (x, y, r) in placed.items()
                         if not (-2 * r - 50 < x < w + 2 * r + 50
                                 and -2 * r - 50 < y < h + 2 * r + 50)}
        # not placed: the centre is behind the eye; wholly behind it, the body is not drawn
        # (else the draw would shade a full-detail mesh that clipping then throws away)
        ahead = -fp.eye / max(fp.distance, 1e-300)
        for b, r in radii.items():
            if b not in placed and float(np.dot(fd.centres[b] - fp.eye, ahead)) < -r:
                fd.off_screen.add(b)
        self.lighting.update(fd, self.earth is not None)
        fd.lighting = self.lighting.uniforms
        self.juno.light = self.lighting.juno_light
        self.features.place(fd, radii, self.labels.occluded)
        self.interior.text_scale = self.labels.text_scale
        self.interior.show_labels = self.labels.show_labels
        self.interior.prepare(fd, active=self.earth is None)
        k = self.labels.text_scale
        self.labels.arrow_labels = [
            arrow_label(a, size, k, LABEL_CHAR_PX * k) for a in self.edge_arrows.update(fd, k)]
        self.labels.notice_text = self.notice(fd)
        self.last = fd
        return fd

    def _flyby_pose(self, snap: Snapshot) -> FramePose:
        """The "Juno and the moon" camera, blended from the previous view while moving to it."""
        to, frm, s = self.camera.view()
        fp_to = self._pose_of(to, snap)
        if frm is None:
            return fp_to
        return blend_poses(self._pose_of(frm, snap), fp_to, s)

    def _pose_of(self, view: View, snap: Snapshot) -> FramePose:
        """One view's pose this frame (a flyby view frames Juno and its moon)."""
        moon = view.target
        if view.mode != "flyby":
            return resolve_pose(view, None, 1.0, snap, self.units)
        if moon not in snap.positions or "juno" not in snap.positions:  # look at the moon
            return resolve_pose(replace(view, mode="free", distance=self._max_radius.get(
                moon, 1.0) * 6.0, azimuth=0.0, elevation=10.0), None, 1.0, snap, self.units)
        frame, rj = self.units.frame, self.units.radius_km
        sun = None if snap.sun_direction is None else frame @ snap.sun_direction
        radius = self._max_radius[moon] * rj * self.enlargement[moon].scale
        centre, eye_km = frame_flyby(frame @ snap.positions["juno"], frame @ snap.positions[moon],
                                     radius, sun, view.fov, view.distance,
                                     (view.azimuth, view.elevation))
        up = np.array([0.0, 0.0, 1.0])
        return FramePose(frame.T @ centre, eye_km / rj, up, view.fov, "flyby", moon)

    def _telescope_pose(self, fp: FramePose, seen: EarthView) -> FramePose:
        """The eye on Earth, looking at Jupiter, the image turned as the telescope turns it."""
        frame = self.units.frame
        eye = frame @ seen.eye_km / self.units.radius_km
        north = frame @ seen.north
        image = self.settings.telescope_image
        up = -north if image == "inverted" else north  # a Newtonian turns the image 180 deg
        return FramePose(np.zeros(3), eye, up, fp.fov, "from_earth", "jupiter",
                         mirror=image == "mirrored")  # a star diagonal swaps east and west

    def notice(self, fd: FrameData) -> str:
        """The on-screen caption: the scale mode, and what is missing and why."""
        lines = []
        if self.earth is not None:
            orientation = {"inverted": "south up (inverted)",
                           "mirrored": "north up, mirror image (star diagonal)"}.get(
                self.settings.telescope_image, "north up, east left")
            lines.append(f"From Earth: {orientation}; field {fd.pose.fov * 60:.1f}'; "
                         f"light left Jupiter {self.earth.light_time_s / 60:.1f} min ago")
            shadows = ("shadows at least 2.4 px wide" if self.shadows_enabled
                       else "shadows off")
            lines.append(f"moons drawn at least {2 * EARTH_MOON_MIN_PX:g} px wide; {shadows}")
            return "\n".join(lines)
        if self.settings.scale_mode == "enlarged":
            lines.append(f"Moons drawn {MOON_ENLARGEMENT:g} times larger than they are, so "
                         "you can see them")
            if fd.display_scale.get("juno", 1.0) > 1.0:
                lines.append("Juno drawn larger too")
            near = []
            for b in BODY_NAMES[1:]:
                words = describe(b, self.enlargement[b]) if b in self.enlargement else None
                if words:
                    lines.append(words)
                elif fd.display_scale.get(b, MOON_ENLARGEMENT) < MOON_ENLARGEMENT:
                    near.append((b.capitalize(), fd.display_scale[b]))
            for name, scale in near:
                times = "at its true size" if scale <= 1.0001 else f"{scale:.1f} times larger"
                lines.append(f"{name} drawn only {times} here, so that Juno is not hidden "
                             f"inside it")
        else:
            lines.append("True sizes: everything drawn to scale")
        if fd.snap.juno_absent:
            lines.append(f"Juno: {fd.snap.juno_absent}")
        return "\n".join(lines)

    def draw(self, fd: FrameData, canvas: app.Canvas,
             viewport: tuple[int, int, int, int]) -> None:
        """Issue the GL calls for ``fd`` into the current framebuffer."""
        flush_queued()  # the layers draw with direct GL calls from here (see gldirect)
        clear(viewport, BACKGROUND)
        self.stars.draw(fd)
        set_state(depth_test=True, blend=False, cull_face=False, depth_mask=True)
        self.bodies.draw(fd)
        self.interior.draw(fd)  # the cut's faces, where bodies left Jupiter open
        if self.earth is None:  # a telescope shows neither Juno nor orbit lines
            self.juno.draw(fd)
            self.rings.draw(fd)
            self.paths.draw(fd)
            self.field_lines.draw(fd)
            self.aurorae.draw(fd)
            self.torus.draw(fd)
            self.belts.draw(fd)
            set_state(blend=True, alpha_blend=True)
            self.junocam.draw(fd, self.scene.radii["jupiter"])
        set_state(depth_test=False, blend=True, alpha_blend=True)
        self.edge_arrows.draw(fd)
        self.labels.configure(canvas, viewport)
        self.labels.draw(fd)
        self.features.configure(canvas, viewport)
        self.features.draw(fd)
        self.interior.configure(canvas, viewport)
        self.interior.draw_labels(fd)

    def frame(self, tdb: float, size: tuple[int, int], canvas: app.Canvas) -> FrameData:
        """Prepare and draw one frame; records the CPU time spent in :attr:`cpu_ms`.

        That is this thread's CPU time (not wall time): waiting for the GPU, or for another
        program on a busy machine, does not count.
        """
        t0 = time.thread_time()
        fd = self.prepare(tdb, size)
        self.draw(fd, canvas, (0, 0, size[0], size[1]))
        self.cpu_ms = (time.thread_time() - t0) * 1000.0
        self.frames_drawn += 1
        return fd

    # ---------------------------------------------------------------- presets
    def preset_view(self, name: str, tdb: float, aspect: float = 16 / 9) -> View:
        """The :class:`View` of a named preset at ``tdb`` (distances fit what is shown).

        ``aspect``: the viewport's width over height (the view from Earth fits its field).
        """
        if name == "earth":
            seen = earth_view(tdb)
            arcmin = self.settings.earth_fov_arcmin
            fov = (clamp_fov_arcmin(arcmin) / 60.0 if arcmin > 0
                   else four_moon_fov_deg(seen.distance_km, aspect))
            return View("jupiter", seen.distance_km / self.units.radius_km, 0.0, 0.0, fov,
                        "from_earth")
        snap = self.scene.snapshot(tdb)
        if name in JUNO_VIEWS and not snap.has("juno"):
            raise JovianviewError(f"the view {name!r} needs Juno, which is not shown: "
                                  f"{snap.juno_absent or 'no position'}")
        enlarged = self.settings.scale_mode == "enlarged"
        sun_az = -60.0
        if snap.sun_direction is not None:
            from jovianview.model.camera import angles_of

            sun_az = angles_of(self.units.frame @ snap.sun_direction)[0]
        if name == "overview":
            return View("jupiter", 85.0, sun_az - 50.0, 22.0, 40.0, "free")
        if name == "jupiter":
            return View("jupiter", 3.6, sun_az - 35.0, 12.0, 40.0, "free")
        if name in ("chase", "juno"):
            dist = self.units.length(0.06)  # 60 m behind Juno
            if enlarged and "juno" in snap.positions:
                dist = self.units.length(JUNO_SPAN_KM) * 4.0
            if name == "chase":
                return View("juno", dist, 0.0, 12.0, 50.0, "chase")
            return View("juno", dist * 0.7, sun_az - 40.0, 15.0, 40.0, "free")
        if name == "from_juno":
            return View("jupiter", 1.0, 0.0, 0.0, 55.0, "from_juno")
        if name == "flyby":
            event = flyby_for_view(tdb)
            if event is None or event.body is None:
                raise JovianviewError("the view 'Juno and the moon' needs a flyby within two "
                                      "days: go to one first (e.g. the Europa flyby, PJ45)")
            return View(event.body, 1.0, 0.0, 0.0, 40.0, "flyby")
        if name in BODY_NAMES[1:]:
            r = float(np.mean(self.scene.radii[name])) / self.units.radius_km
            r *= MOON_ENLARGEMENT if enlarged else 1.0
            return View(name, r / math.tan(math.radians(20.0)) * 1.6, sun_az - 35.0, 10.0,
                        40.0, "free")
        raise ValueError(f"unknown view {name!r}")
