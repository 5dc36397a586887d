"""A movie export driven one frame at a time, for an event loop (the window's Export video).

:func:`check_request` turns the choices of a form (texts, as typed) into a
:class:`MovieRequest`, or a :class:`JovianviewError` whose one line names the field and what to
do. :class:`MovieExport` takes any :class:`~jovianview.render.movie.FramePlan` (a span, a
span from one camera pose, a tour) and, on each :meth:`MovieExport.step`, renders at most one
frame on the main thread and queues it for the worker thread that encodes; it never waits
for the encoder (a full queue skips the turn), so the caller's event loop stays responsive.
The file appears when complete; :meth:`MovieExport.cancel` or a failure leaves nothing.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.errors import JovianviewError
from jovianview.core.timescale import tdb_to_iso, utc_to_tdb
from jovianview.data.video_writers import ThreadedSink, check_movie_out, open_sink
from jovianview.model.camera import PRESETS, View
from jovianview.model.settings import SCALE_MODES, Settings
from jovianview.model.types import ViewName
from jovianview.render.movie import FramePlan, MovieFrames, MoviePlan, PosedPlan, plan_movie

__all__ = ["CURRENT_VIEW", "ExportPlan", "FrameSource", "MovieExport", "MovieRequest",
           "check_request", "describe", "parse_size"]

CURRENT_VIEW = "current"  # the view choice "as the window shows it now"
# The plan's and the sink's messages name command-line options; a form names its fields.
_FIELD_NAMES = {"--from": "From", "--to": "To", "--fps": "Frames per second",
                "--duration": "Length", "--size": "Size", "--out": "File"}
Phase = Literal["rendering", "writing", "done", "cancelled", "failed"]


class ExportPlan(Protocol):
    """What :class:`MovieExport` asks of a plan: a frame count and each frame's state (a
    span's :class:`~jovianview.render.movie.FrameState`, a tour's frame)."""

    @property
    def frames(self) -> int:
        """How many frames."""
        ...

    def frame(self, i: int) -> Any:
        """What frame ``i`` shows, as its :class:`FrameSource` takes it."""
        ...


class FrameSource(Protocol):
    """What draws an :class:`ExportPlan`'s frames, in order, on its own hidden canvas."""

    def render_state(self, state: Any) -> NDArray[np.uint8]:
        """The (h, w, 3) RGB image of one frame's state."""
        ...

    def close(self) -> None:
        """Release the canvas."""
        ...


@dataclass(frozen=True)
class MovieRequest:
    """A checked export: what to render, how, and where to write it."""

    plan: MoviePlan
    path: Path
    kind: str
    size: tuple[int, int]
    preset: ViewName  # the preset the camera starts from
    pose: View | None  # the camera pose held throughout (CURRENT_VIEW), or None: the preset's
    settings: Settings

    def frame_plan(self) -> FramePlan:
        """The plan the export renders: the span, from :attr:`pose` when one is set."""
        return self.plan if self.pose is None else PosedPlan(self.plan, self.pose)


def for_form(exc: JovianviewError) -> JovianviewError:
    """``exc`` with the command line's option names replaced by the form's field names."""
    text = str(exc)
    for option, name in _FIELD_NAMES.items():
        text = re.sub(rf"(?<![\w-]){re.escape(option)}(?![\w-])", name, text)
    return JovianviewError(text)


def parse_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` as (1280, 720); JovianviewError for anything else."""
    m = re.fullmatch(r"\s*(\d+)\s*[xX]\s*(\d+)\s*", text)
    if not m:
        raise JovianviewError(f"Size must be WIDTHxHEIGHT, e.g. 1280x720, not {text!r}")
    w, h = int(m.group(1)), int(m.group(2))
    if w < 16 or h < 16:
        raise JovianviewError(f"Size {w}x{h} is too small: each side at least 16 pixels")
    return w, h


def _number(text: str, name: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise JovianviewError(f"{name} must be a number, not {text!r}") from None


def check_request(start_utc: str, end_utc: str, out: str, *, view: str, size: str, fps: str,
                  duration: str, scale: str, labels: bool, settings: Settings,
                  data_span: tuple[float, float], current_pose: View | None = None,
                  current_preset: ViewName = "overview") -> MovieRequest:
    """Check a form's choices (the texts as typed); JovianviewError names the first problem.

    ``duration`` empty: one video second per simulated hour. ``view`` is a preset name or
    :data:`CURRENT_VIEW` (``current_pose``, started from ``current_preset``). ``settings``
    are copied, with ``scale`` and ``labels`` applied; the window's own are never changed.
    """
    if not out.strip():
        raise JovianviewError("File: choose where to save the video (.mp4, .gif, or a folder "
                              "ending with / for PNGs)")
    tdb = []
    for name, text in (("From", start_utc), ("To", end_utc)):
        try:
            value = float(utc_to_tdb(text.strip()))
        except JovianviewError as exc:
            raise JovianviewError(f"{name}: {exc}") from None
        if not data_span[0] <= value <= data_span[1]:
            raise JovianviewError(
                f"{name} {text.strip()} is outside the data: jovianview covers "
                f"{tdb_to_iso(data_span[0], 0)} to {tdb_to_iso(data_span[1], 0)} UTC")
        tdb.append(value)
    if view != CURRENT_VIEW and view not in PRESETS:
        raise JovianviewError(f"View {view!r} is not one of: {', '.join(PRESETS)}")
    if view == CURRENT_VIEW and current_pose is None:
        raise JovianviewError("View: there is no current view to use; choose a preset")
    if scale not in SCALE_MODES:
        raise JovianviewError(f"Scale must be one of {', '.join(SCALE_MODES)}, not {scale!r}")
    wh = parse_size(size)
    length = _number(duration, "Length") if duration.strip() else None
    try:
        plan = plan_movie(tdb[0], tdb[1], _number(fps, "Frames per second"), length)
        path, kind = check_movie_out(out.strip(), wh, plan.frames)
    except JovianviewError as exc:
        raise for_form(exc) from None
    copied = Settings.from_dict(settings.to_dict())
    copied.scale_mode = scale  # narrowed by the SCALE_MODES check above
    copied.show_labels = labels
    preset = current_preset if view == CURRENT_VIEW else cast(ViewName, view)
    return MovieRequest(plan, path, kind, wh, preset,
                        current_pose if view == CURRENT_VIEW else None, copied)


class MovieExport:
    """One export in progress: call :meth:`step` until it returns False.

    ``clock`` is the wall clock the time left is estimated with (tests pass a fake one).
    """

    def __init__(self, plan: ExportPlan, frames: FrameSource, sink: ThreadedSink,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self.plan, self.frames, self.sink = plan, frames, sink
        self.total = plan.frames
        self.done = 0  # frames rendered and queued
        self.phase: Phase = "rendering"
        self.error: BaseException | None = None
        self._clock = clock
        self._t0 = clock()
        self._writer: threading.Thread | None = None

    @classmethod
    def start(cls, request: MovieRequest, ephemeris: Ephemeris | None) -> MovieExport:
        """Open the canvas and the encoder for ``request`` (EncodeError, NoOpenGLError)."""
        plan = request.frame_plan()
        first = plan.frame(0)
        frames = MovieFrames(request.preset, request.size, request.settings, ephemeris,
                             first.tdb)
        try:
            sink = ThreadedSink(open_sink(request.path, request.kind, request.size, plan.fps))
        except BaseException:
            frames.close()
            raise
        return cls(plan, frames, sink)

    @property
    def active(self) -> bool:
        """True while frames are being rendered or the file written."""
        return self.phase in ("rendering", "writing")

    def seconds_left(self) -> float | None:
        """The estimated time to the last frame (None until one frame is done)."""
        if self.done == 0:
            return None
        elapsed = self._clock() - self._t0
        return elapsed / self.done * (self.total - self.done)

    def step(self) -> bool:
        """Render and queue at most one frame; True while there is more to do.

        Raises what went wrong (the encoder's or the disk's EncodeError, a render error) once,
        after removing what was written; :attr:`phase` is then ``"failed"``.
        """
        if not self.active:
            return False
        try:
            if self.phase == "rendering":
                if self.sink.has_room():
                    self.sink.write(self.frames.render_state(self.plan.frame(self.done)))
                    self.done += 1
                    if self.done == self.total:
                        self._start_writing()
                return True
            if self._writer is not None and self._writer.is_alive():
                return True
            if self.error is not None:
                raise self.error
            self.phase = "done"
            self.frames.close()
            return False
        except BaseException as exc:
            self._fail(exc)
            raise

    def _start_writing(self) -> None:
        """Finish the file in a thread: a GIF is written whole at the end (seconds)."""
        def write() -> None:
            try:
                self.sink.finish()
            except BaseException as exc:  # noqa: BLE001 - handed to step()
                self.error = exc

        self.phase = "writing"
        self._writer = threading.Thread(target=write, name="movie-finish", daemon=True)
        self._writer.start()

    def _fail(self, exc: BaseException) -> None:
        if self.phase == "rendering":
            self.sink.abort()
        self.phase, self.error = "failed", exc
        self.frames.close()

    def cancel(self) -> bool:
        """Stop and remove what was written; False once the file is being put in place."""
        if self.phase != "rendering":
            return False
        self.sink.abort()
        self.phase = "cancelled"
        self.frames.close()
        return True

    def wait(self, timeout_s: float = 60.0) -> None:
        """Run :meth:`step` until the export ends (tests, scripts); sleeps when the queue is
        full rather than spinning."""
        end = time.monotonic() + timeout_s
        while self.step():
            if time.monotonic() > end:
                self.cancel()
                raise JovianviewError(f"the export took longer than {timeout_s:g} s")
            if self.phase == "writing" or not self.sink.has_room():
                time.sleep(0.005)


def describe(request: MovieRequest) -> str:
    """One line about a finished export, for a status bar."""
    w, h = request.size
    return (f"saved {request.path} ({request.plan.frames} frames, {w}x{h}, "
            f"{request.plan.fps:g} fps, {request.plan.duration_s:.1f} s)")

