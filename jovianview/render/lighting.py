"""How the bodies are lit: the photometric constants and each frame's sunlight uniforms.

Shadows and eclipses come from :mod:`jovianview.core.shadows`: this module asks it which
bodies may shade which this frame (a few dozen float operations) and packs the answer into
the uniforms that ``SHADOW_GLSL`` (:mod:`jovianview.render.shaders`) reads; the shaders then
test only those occulters per pixel, with the Sun's real angular size (umbra and penumbra).

Photometry (the night side, the limb, the terminator):

- Jupiter: Minnaert's law ``I = mu0^k mu^(k-1)`` (Minnaert 1941, ApJ 93, 403; the form used for
  the giant planets in Irwin 2009, *Giant Planets of Our Solar System*, 2nd ed., sec. 6.7).
  ``k = 0.9`` is an assumed typical value for Jupiter's visible continuum, between the
  Lambert limit (1) and the flatter limbs of hazy belts: not a fit to one image.
- twilight: haze above Jupiter's clouds still sees the Sun after the clouds below have lost
  it. A layer at height ``h`` keeps the Sun up to ``acos(R / (R + h))``, about
  ``sqrt(2 h / R)`` past the geometric terminator: ``h = 50 km`` (about two pressure scale
  heights, H ~ 25 km, above the ammonia clouds) gives 0.037 rad, 2.1 degrees.
- the limb haze: a thin, bright layer of optical depth 0.04 straight down, seen through
  ``1/mu`` times as much of it towards the limb (assumed; Jupiter's stratospheric haze is
  optically thin in visible light).
- the moons, airless: the Lommel-Seeliger law ``I = 2 mu0 / (mu0 + mu)``, single scattering
  in a dark regolith (Hapke 1981, JGR 86, 3039, its low-albedo limit): a flat disc at full
  phase like the full Moon's; their terminator is as sharp as the Sun's disc makes it.
- the night side is black by default; "lit for teaching" fills it (and the moons in eclipse)
  to :data:`TEACHING_FILL` so that a classroom projector still shows them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from jovianview.core.iau import JUPITER_EQUATORIAL_RADIUS, JUPITER_POLAR_RADIUS
from jovianview.core.phenomena_geometry import SUN_RADIUS_KM
from jovianview.core.shadows import POINT_MARGIN_KM, shading_pairs, sunlight_past
from jovianview.render.frame import FrameData

JUPITER_MINNAERT_K = 0.9
MOON_LOMMEL = 1.0  # the moons: Lommel-Seeliger (1: all of it)
HAZE_HEIGHT_KM = 50.0
JUPITER_TWILIGHT = -math.sqrt(2.0 * HAZE_HEIGHT_KM / JUPITER_EQUATORIAL_RADIUS)  # in mu0
MOON_TWILIGHT = -0.001  # the Sun's angular radius seen from Jupiter, 0.0009 rad
JUPITER_HAZE = (0.85, 0.88, 1.0, 0.04)  # colour (bluish white) and normal optical depth
NO_HAZE = (0.0, 0.0, 0.0, 0.0)
NIGHT_DARK = 0.0
TEACHING_FILL = 0.30  # the night side and eclipsed moons, "lit for teaching"
JUNO_NIGHT = 0.06  # Juno in full shadow keeps a trace, so the eye finds it
MIN_SHADOW_PX = 1.2  # from Earth, a shadow stays visible at low magnification
MAX_OCCULTERS = 4
SHADOW_QUALITIES = ("off", "normal", "high")


def static_uniforms(body: str) -> dict[str, Any]:
    """The photometric constants of ``body``'s program (set once)."""
    if body == "jupiter":
        return {"u_minnaert": JUPITER_MINNAERT_K, "u_lommel": 0.0,
                "u_twilight": JUPITER_TWILIGHT, "u_haze": JUPITER_HAZE}
    return {"u_minnaert": 1.0, "u_lommel": MOON_LOMMEL, "u_twilight": MOON_TWILIGHT,
            "u_haze": NO_HAZE}


class Lighting:
    """Per-frame sunlight uniforms for every body, the rings and Juno."""

    def __init__(self, radii_km: dict[str, tuple[float, float, float]]) -> None:
        self.radii_km = {b: float(np.mean(r)) for b, r in radii_km.items()}
        self.quality = "normal"  # off / normal / high (high adds moon-on-moon shadows)
        self.night = NIGHT_DARK
        self.uniforms: dict[str, dict[str, Any]] = {}  # body or "rings" -> uniforms
        self.juno_light = 1.0
        self.pairs: dict[str, list[str]] = {}

    def _on_lit_for_teaching_change(self, value: bool) -> None:
        self.night = TEACHING_FILL if value else NIGHT_DARK

    def _on_shadow_quality_change(self, value: str) -> None:
        self.quality = value

    def update(self, fd: FrameData, earth_view: bool) -> None:
        """Fill :attr:`uniforms` for this frame (CPU only)."""
        snap, units = fd.snap, fd.units
        sun_km = snap.sun_km
        r_j = units.radius_km
        self.uniforms = {}
        self.juno_light = 1.0
        common: dict[str, Any] = {"u_eye": fd.pose.eye.astype(np.float32),
                                  "u_night": self.night, "u_nocc": 0.0, "u_jup_occ": 0.0}
        if "jupiter" not in fd.centres:
            return
        jc = fd.centres["jupiter"]
        common["u_jup_centre"] = jc.astype(np.float32)
        common["u_jup_scale"] = np.array(
            [r_j / JUPITER_EQUATORIAL_RADIUS] * 2 + [r_j / JUPITER_POLAR_RADIUS], np.float32)
        if sun_km is None:
            sun_km = np.array([0.0, 0.0, 1e12])
        common["u_sun_pos"] = units.point64(sun_km).astype(np.float32)
        common["u_sun_radius"] = SUN_RADIUS_KM / r_j
        spheres: dict[str, tuple[np.ndarray, float]] = {}
        for body, pos in snap.positions.items():
            if body == "jupiter":
                spheres[body] = (pos, JUPITER_EQUATORIAL_RADIUS)
            elif body in self.radii_km:
                spheres[body] = (pos, self.radii_km[body])
        juno = snap.positions.get("juno")
        if juno is not None:  # a receiver only: Juno's own shadow is not drawn
            spheres["juno"] = (juno, POINT_MARGIN_KM)
        pairs = ({} if self.quality == "off" or snap.sun_km is None
                 else shading_pairs(spheres, sun_km))
        juno_casters = pairs.pop("juno", [])
        self.pairs = pairs = {b: [c for c in casters if c != "juno"]
                              for b, casters in pairs.items()}
        occ_radius = dict(self.radii_km)
        if earth_view and "jupiter" in fd.pixel_radius:
            # a shadow no smaller than MIN_SHADOW_PX on Jupiter's disc, as a telescope shows
            km_per_px = JUPITER_EQUATORIAL_RADIUS / max(fd.pixel_radius["jupiter"], 1e-6)
            occ_radius = {b: max(r, MIN_SHADOW_PX * km_per_px) for b, r in occ_radius.items()}
        for body in fd.centres:
            if body == "juno":
                continue
            u = dict(common)
            u["u_centre"] = fd.centres[body].astype(np.float32)
            u["u_shrink"] = 1.0 / fd.display_scale.get(body, 1.0)
            casters = pairs.get(body, [])
            n = 0
            for caster in casters:
                if caster == "jupiter":
                    u["u_jup_occ"] = 1.0
                elif caster in fd.centres and n < MAX_OCCULTERS and (
                        body == "jupiter" or self.quality == "high"):
                    c = fd.centres[caster]
                    u[f"u_occ[{n}]"] = np.array([c[0], c[1], c[2], occ_radius[caster] / r_j],
                                                np.float32)
                    n += 1
            u["u_nocc"] = float(n)
            self.uniforms[body] = u
        ring = dict(common)
        ring["u_jup_occ"] = 0.0 if self.quality == "off" else 1.0
        self.uniforms["rings"] = ring
        if juno is not None and juno_casters:  # else in full sunlight (or shadows off)
            moons = {b: spheres[b] for b in spheres if b not in ("jupiter", "juno")}
            self.juno_light = sunlight_past(juno, sun_km, units.frame, moons, juno_casters)
