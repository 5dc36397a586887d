"""The camera as a small evented model: what it looks at, from where, and how it moves.

A view is a target body, a distance (Jupiter radii), an azimuth and elevation (degrees,
about Jupiter's pole) and a pan offset. Presets set a mode too: ``free`` (the user steers),
``chase`` (behind Juno, angles relative to its velocity) and ``from_juno`` (the eye rides on
Juno looking at Jupiter) and ``from_earth`` (a telescope on Earth: the eye is at Earth, the
field of view is the telescope's, and zooming narrows the field). Moving between views is a
smooth, eased transition timed by wall clock; :meth:`CameraModel.view` evaluates it. There
is no drawing and no Qt here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from psygnal import Signal

from jovianview.model.types import VIEW_NAMES, ViewName

PRESETS: tuple[ViewName, ...] = VIEW_NAMES  # defined once, in model/types.py
PRESET_TITLES = {
    "overview": "System overview", "jupiter": "Jupiter close-up", "chase": "Follow Juno (chase)",
    "from_juno": "From Juno, looking at Jupiter", "io": "Io", "europa": "Europa",
    "ganymede": "Ganymede", "callisto": "Callisto", "juno": "Juno",
    "earth": "From Earth (telescope)", "flyby": "Juno and the moon (flyby)",
}
TRANSITION_SECONDS = 1.2
MIN_DISTANCE = 1e-9  # Jupiter radii (0.07 m)
MAX_DISTANCE = 2000.0
EARTH_FOV_DEG = (0.2 / 60.0, 2.0)  # a telescope's field, 0.2 arcmin to 2 degrees


@dataclass(frozen=True)
class View:
    """One camera pose. Angles in degrees; distance in Jupiter radii; pan in render axes."""

    target: str = "jupiter"
    distance: float = 80.0
    azimuth: float = -60.0
    elevation: float = 20.0
    fov: float = 40.0
    mode: str = "free"
    pan: tuple[float, float, float] = (0.0, 0.0, 0.0)


def _ease(s: float) -> float:
    s = min(max(s, 0.0), 1.0)
    return s * s * (3.0 - 2.0 * s)


def _lerp_angle(a: float, b: float, s: float) -> float:
    delta = (b - a + 180.0) % 360.0 - 180.0
    return a + delta * s


class CameraModel:
    """Current view and any transition in progress.

    Signals
    -------
    changed()
        The view was set or nudged (a transition also asks for frames until a frame of
        its final pose: see :meth:`in_transition`).
    """

    changed = Signal()

    def __init__(self, view: View | None = None,
                 wall: Callable[[], float] = time.monotonic) -> None:
        self._wall = wall
        self._view = view or View()
        self._from: View | None = None
        self._t0 = 0.0
        self._seconds = TRANSITION_SECONDS
        self.preset = "overview"

    # ---------------------------------------------------------------- state
    @property
    def target_view(self) -> View:
        """Where the camera is going (or is)."""
        return self._view

    def in_transition(self) -> bool:
        """True until the transition's final pose has been evaluated for a frame.

        Not merely "its time has not run out": the frame loop asks for frames while this
        is True, so the last frame drawn is one of the final state, never one from 98 % of
        the way (in the Juno views, tens of km from Juno with the eye metres from it).
        """
        return self._from is not None

    def view(self) -> tuple[View, View | None, float]:
        """``(to, from, s)``: blend ``from`` into ``to`` by ``s`` in [0, 1] (``from`` None: done).

        Distances blend geometrically and angles the short way round; the scene blends the
        target positions itself (it knows where bodies are).
        """
        if self._from is None:
            return self._view, None, 1.0
        s = (self._wall() - self._t0) / self._seconds
        if s >= 1.0:
            self._from = None
            return self._view, None, 1.0
        return self._view, self._from, _ease(s)

    def blended(self) -> tuple[View, str | None, float]:
        """The pose now, plus the previous target and weight for blending centres."""
        to, frm, s = self.view()
        if frm is None:
            return to, None, 1.0
        pose = replace(
            to,
            distance=math.exp((1 - s) * math.log(frm.distance) + s * math.log(to.distance)),
            azimuth=_lerp_angle(frm.azimuth, to.azimuth, s),
            elevation=frm.elevation + (to.elevation - frm.elevation) * s,
            fov=frm.fov + (to.fov - frm.fov) * s,
            pan=tuple(np.add(np.multiply(frm.pan, 1 - s), np.multiply(to.pan, s))),
        )
        return pose, frm.target, s

    # ---------------------------------------------------------------- changes
    def go_to(self, view: View, preset: str | None = None, smooth: bool = True,
              seconds: float = TRANSITION_SECONDS) -> None:
        """Move to ``view``; smoothly (taking ``seconds``) unless ``smooth`` is False (tests,
        headless renders)."""
        if smooth:
            current, _, _ = self.blended()
            self._from = current
            self._t0 = self._wall()
            self._seconds = max(float(seconds), 1e-3)
        else:
            self._from = None
        self._view = view
        if preset is not None:
            self.preset = preset
        self.changed.emit()

    def settle(self) -> None:
        """Finish any transition at once."""
        self._from = None

    def orbit(self, d_azimuth: float, d_elevation: float) -> None:
        """Turn about the target by degrees (mouse drag, arrow keys)."""
        v = self._settled()
        mode = "free" if v.mode == "from_juno" else v.mode
        self._view = replace(v, azimuth=(v.azimuth + d_azimuth) % 360.0, mode=mode,
                             elevation=float(np.clip(v.elevation + d_elevation, -89.0, 89.0)))
        self.changed.emit()

    def zoom(self, factor: float) -> None:
        """Multiply the distance by ``factor`` (>1 moves away); from Earth, the field."""
        v = self._settled()
        if v.mode == "from_earth":  # the eye stays on Earth: a wider or narrower eyepiece
            fov = float(np.clip(v.fov * factor, EARTH_FOV_DEG[0], EARTH_FOV_DEG[1]))
            self._view = replace(v, fov=fov)
            self.changed.emit()
            return
        mode = "free" if v.mode == "from_juno" else v.mode
        distance = float(np.clip(v.distance * factor, MIN_DISTANCE, MAX_DISTANCE))
        self._view = replace(v, distance=distance, mode=mode)
        self.changed.emit()

    def pan_by(self, dx: float, dy: float) -> None:
        """Shift the look-at point across the screen by fractions of the view height."""
        v = self._settled()
        right, up = self.screen_axes(v)
        scale = 2.0 * v.distance * math.tan(math.radians(v.fov) / 2.0)
        offset = np.add(v.pan, (-dx * right + dy * up) * scale)
        self._view = replace(v, pan=(float(offset[0]), float(offset[1]), float(offset[2])))
        self.changed.emit()

    def _settled(self) -> View:
        if self._from is not None:
            pose, _, _ = self.blended()
            self._from = None
            self._view = pose
        return self._view

    # ---------------------------------------------------------------- geometry helpers
    @staticmethod
    def eye_direction(view: View) -> NDArray[np.float64]:
        """Unit vector from the look-at point towards the eye, in render axes."""
        az, el = math.radians(view.azimuth), math.radians(view.elevation)
        return np.array([math.cos(el) * math.cos(az), math.cos(el) * math.sin(az), math.sin(el)])

    @classmethod
    def screen_axes(cls, view: View) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Right and up unit vectors of the screen, in render axes."""
        back = cls.eye_direction(view)
        right = np.cross([0.0, 0.0, 1.0], back)
        norm = np.linalg.norm(right)
        right = right / norm if norm > 1e-9 else np.array([1.0, 0.0, 0.0])
        up = np.cross(back, right)
        return right, up


def angles_of(direction: NDArray[np.float64]) -> tuple[float, float]:
    """Azimuth and elevation (degrees) of a render-axes direction."""
    x, y, z = (float(c) for c in direction / np.linalg.norm(direction))
    return math.degrees(math.atan2(y, x)), math.degrees(math.asin(max(-1.0, min(1.0, z))))
