"""Frames of a movie: the epochs of a time span and ONE hidden canvas that draws them all.

Used by ``jovianview movie`` and by the window's File > Export video. Frame ``i`` of ``n``
shows ``start + (end - start) * i / (n - 1)``, so the first frame is the span's start and the
last its end.

Any movie is a :class:`FramePlan`: a frame count, a rate and, for each frame index, a
:class:`FrameState` (the epoch and, when the plan steers the camera, its pose). A span is
:class:`MoviePlan`; :class:`PosedPlan` holds one pose throughout (the window's current view);
a tour can be another plan. :meth:`MovieFrames.render_state` draws any of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.errors import JovianviewError
from jovianview.model.camera import View
from jovianview.model.settings import Settings
from jovianview.model.types import ViewName
from jovianview.render import vispy_private

__all__ = ["MAX_FPS", "FramePlan", "FrameState", "MovieFrames", "MoviePlan", "PosedPlan",
           "plan_movie"]

MAX_FPS = 120.0
SECONDS_PER_DAY = 86400.0


@dataclass(frozen=True)
class FrameState:
    """What one frame shows: the epoch (TDB Julian date) and the camera pose.

    ``view`` None: the camera keeps the pose it has (a preset that follows a body keeps
    following it as time runs).
    """

    tdb: float
    view: View | None = None


class FramePlan(Protocol):
    """A movie, frame by frame: what the export loop (CLI or window) asks of any plan."""

    @property
    def frames(self) -> int:
        """How many frames."""
        ...

    @property
    def fps(self) -> float:
        """Frames per second of the video."""
        ...

    def frame(self, i: int) -> FrameState:
        """What frame ``i`` (0 to ``frames - 1``) shows."""
        ...


@dataclass(frozen=True)
class MoviePlan:
    """What a movie shows: the span (TDB Julian dates), the frame rate and the frame count."""

    start_tdb: float
    end_tdb: float
    fps: float
    frames: int

    @property
    def duration_s(self) -> float:
        """The video's length in seconds."""
        return self.frames / self.fps

    def times(self) -> NDArray[np.float64]:
        """The epoch of every frame (TDB Julian dates)."""
        return np.linspace(self.start_tdb, self.end_tdb, self.frames)

    def frame(self, i: int) -> FrameState:
        """Frame ``i``: its epoch, the camera left as it is (as :meth:`times`)."""
        if i == self.frames - 1:
            return FrameState(self.end_tdb)
        step = (self.end_tdb - self.start_tdb) / (self.frames - 1)
        return FrameState(self.start_tdb + i * step)


@dataclass(frozen=True)
class PosedPlan:
    """``plan``'s epochs seen from one camera pose throughout (e.g. the window's view)."""

    plan: FramePlan
    view: View

    @property
    def frames(self) -> int:
        """As ``plan``."""
        return self.plan.frames

    @property
    def fps(self) -> float:
        """As ``plan``."""
        return self.plan.fps

    def frame(self, i: int) -> FrameState:
        """``plan``'s epoch with :attr:`view`."""
        return FrameState(self.plan.frame(i).tdb, self.view)


def plan_movie(start_tdb: float, end_tdb: float, fps: float,
               duration_s: float | None = None) -> MoviePlan:
    """The plan for a span; without ``duration_s`` one video second is one simulated hour.

    JovianviewError when the span is empty, the rate is not in (0, 120] or the length is not
    positive.
    """
    if not end_tdb > start_tdb:
        raise JovianviewError("--to must be later than --from")
    if not (math.isfinite(fps) and 0 < fps <= MAX_FPS):
        raise JovianviewError(f"--fps {fps:g} is out of range: give more than 0, at most "
                              f"{MAX_FPS:g}")
    if duration_s is None:
        duration_s = (end_tdb - start_tdb) * 24.0  # hours of simulated time = video seconds
    elif not (math.isfinite(duration_s) and duration_s > 0):
        raise JovianviewError(f"--duration {duration_s:g} must be a positive number of seconds")
    frames = max(2, round(duration_s * fps))
    return MoviePlan(start_tdb, end_tdb, fps, frames)


class MovieFrames:
    """One hidden canvas at ``size`` framed from preset ``view``; :meth:`render` draws an epoch.

    The camera is set once, at the first frame; a preset that follows a body (chase, Juno,
    a moon) keeps following it as time runs.
    """

    def __init__(self, view: ViewName, size: tuple[int, int], settings: Settings,
                 ephemeris: Ephemeris | None, start_tdb: float) -> None:
        from jovianview.render.headless import _pick_backend, offscreen_canvas

        self.size = size
        self._tdb = start_tdb
        _pick_backend()
        self.canvas = offscreen_canvas(lambda: self._tdb, settings, size, ephemeris)
        renderer = self.canvas.renderer
        renderer.camera.go_to(renderer.preset_view(view, start_tdb, size[0] / size[1]), view,
                              smooth=False)
        from vispy import gloo

        w, h = size  # one framebuffer for every frame
        self._fbo = gloo.FrameBuffer(gloo.Texture2D((h, w, 4)), gloo.RenderBuffer((h, w), "depth"))
        self._view: View | None = None

    def render_state(self, state: FrameState) -> NDArray[np.uint8]:
        """The (h, w, 3) RGB frame a plan's :class:`FrameState` describes."""
        if state.view is not None and state.view != self._view:
            self.canvas.renderer.camera.go_to(state.view, smooth=False)
            self._view = state.view
        return self.render(state.tdb)

    def render(self, tdb: float) -> NDArray[np.uint8]:
        """The (h, w, 3) RGB frame at ``tdb``."""
        from vispy import gloo

        self._tdb = tdb
        # In the window another canvas (the 3D view) draws between two frames of a movie.
        vispy_private.make_hidden_canvas_current(self.canvas)
        w, h = self.size
        with self._fbo:
            self.canvas.renderer.frame(tdb, (w, h), self.canvas)
            image = gloo.read_pixels((0, 0, w, h), alpha=False)
        return np.ascontiguousarray(image)

    def close(self) -> None:
        """Release the canvas and its GL context."""
        self.canvas.close()
