"""A tour as movie frames: per frame the epoch, the camera, the layers and the caption.

Each step lasts ``round(seconds * fps)`` frames (at least one); frame ``k`` of a step shows
the step's moment plus ``k / fps`` wall seconds at its rate, exactly as the window plays it.
A step's settings and view are applied on its first frame; the camera's flights are timed
by the movie's clock, not the computer's, so a flight takes the same frames however slowly
they render. The caption (title, text, step counter and the scene's notice of what the
sizes mean) is drawn into the top-left corner of each frame with Pillow.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.errors import JovianviewError
from jovianview.model.camera import CameraModel
from jovianview.model.settings import Settings
from jovianview.model.tour import Tour
from jovianview.model.tour_schedule import TOUR_FIELDS, Schedule, Shot, schedule
from jovianview.render import vispy_private

if TYPE_CHECKING:
    from jovianview.render.movie_export import MovieExport

__all__ = ["TourFrame", "TourFramePlan", "TourMovieFrames", "TourMoviePlan", "TourRequest",
           "check_tour_request", "describe_tour_export", "draw_caption", "plan_tour_movie",
           "start_tour_export"]

MAX_FPS = 120.0
_TAG_RE = re.compile(r"</?(?:b|i)>")


@dataclass(frozen=True)
class TourFrame:
    """One frame of a tour movie: its number, step, time into the movie and epoch (TDB)."""

    number: int
    step: int
    t_s: float
    tdb: float
    first_of_step: bool


@dataclass(frozen=True)
class TourMoviePlan:
    """The frames of a tour at ``fps``: ``counts[i]`` frames for step ``i``."""

    schedule: Schedule
    fps: float
    counts: tuple[int, ...]

    @property
    def frames(self) -> int:
        """The number of frames."""
        return sum(self.counts)

    @property
    def duration_s(self) -> float:
        """The video's length in seconds."""
        return self.frames / self.fps

    def frame_list(self) -> Iterator[TourFrame]:
        """Every frame, in order."""
        number = 0
        for shot, count in zip(self.schedule.shots, self.counts, strict=True):
            for k in range(count):
                elapsed = k / self.fps
                yield TourFrame(number=number, step=shot.index, t_s=number / self.fps,
                                tdb=shot.tdb_at(elapsed), first_of_step=k == 0)
                number += 1


def plan_tour_movie(tour: Tour, fps: float) -> TourMoviePlan:
    """The plan of a checked tour at ``fps`` (JovianviewError when ``fps`` is not in (0, 120])."""
    if not (math.isfinite(fps) and 0 < fps <= MAX_FPS):
        raise JovianviewError(f"--fps {fps:g} is out of range: give more than 0, at most "
                              f"{MAX_FPS:g}")
    sched = schedule(tour)
    counts = tuple(max(1, round(s.seconds * fps)) for s in sched.shots)
    return TourMoviePlan(sched, fps, counts)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)  # Pillow >= 10.1 with FreeType
    except (TypeError, OSError):  # older Pillow: the fixed bitmap font
        return ImageFont.load_default()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
          width: float) -> list[str]:
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and draw.textlength(trial, font=font) > width:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    return out


def plain_text(caption_html: str) -> str:
    """A caption's safe HTML as plain text with line breaks."""
    return html.unescape(_TAG_RE.sub("", caption_html.replace("<br>", "\n")))


def draw_caption(image: NDArray[np.uint8], title: str, caption_html: str, counter: str,
                 notice: str = "") -> NDArray[np.uint8]:
    """``image`` (h, w, 3) with the caption box drawn in its top-left corner."""
    h, w = image.shape[:2]
    pil = Image.fromarray(image).convert("RGBA")
    overlay = Image.new("RGBA", pil.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    unit = max(h / 720.0, 0.25)  # sizes follow the frame's height (720 p: 1)
    margin, pad = round(12 * unit), round(10 * unit)
    width = w * 0.62 - 2 * pad
    blocks = [(title, max(8, round(30 * unit)), (255, 255, 255, 255)),
              (plain_text(caption_html), max(7, round(21 * unit)), (255, 255, 255, 255)),
              (counter, max(6, round(14 * unit)), (159, 179, 200, 255)),
              (notice, max(6, round(14 * unit)), (255, 217, 102, 255))]
    Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
    lines: list[tuple[str, Font, tuple[int, int, int, int], int]] = []
    for text, size, colour in blocks:
        if text.strip():
            font = _font(size)
            for line in _wrap(draw, text, font, width):
                lines.append((line, font, colour, round(size * 1.25)))
    if not lines:
        return image
    box_w = max(draw.textlength(t, font=f) for t, f, _c, _s in lines) + 2 * pad
    box_h = sum(s for *_x, s in lines) + 2 * pad
    draw.rectangle((margin, margin, margin + box_w, margin + box_h), fill=(8, 12, 20, 200),
                   outline=(61, 84, 112, 255))
    y = margin + pad
    for text, font, colour, step in lines:
        draw.text((margin + pad, y), text, font=font, fill=colour)
        y += step
    return np.asarray(Image.alpha_composite(pil, overlay).convert("RGB"))


class TourMovieFrames:
    """One hidden canvas at ``size`` that draws a tour's frames in order."""

    def __init__(self, plan: TourMoviePlan, size: tuple[int, int], settings: Settings,
                 ephemeris: Ephemeris | None) -> None:
        from vispy import gloo

        from jovianview.render.headless import _pick_backend, offscreen_canvas

        self.plan = plan
        self.size = size
        self.settings = settings
        self._base = {name: getattr(settings, name) for name in TOUR_FIELDS}
        self._t = 0.0
        first = plan.schedule.shots[0]
        self._tdb = first.tdb
        _pick_backend()
        self.camera = CameraModel(wall=lambda: self._t)  # flights timed by the movie
        self.canvas = offscreen_canvas(lambda: self._tdb, settings, size, ephemeris, self.camera)
        self.canvas.renderer.labels.show_notice = False  # the caption carries it
        w, h = size
        self._fbo = gloo.FrameBuffer(gloo.Texture2D((h, w, 4)), gloo.RenderBuffer((h, w), "depth"))

    def _start_step(self, shot: Shot) -> None:
        for field, value in {**self._base, **shot.settings}.items():
            if getattr(self.settings, field) != value:
                setattr(self.settings, field, value)
        renderer = self.canvas.renderer
        view = shot.view
        name: str | None = shot.view_name
        if view is None:
            w, h = self.size
            try:
                view = renderer.preset_view(name or "overview", shot.tdb, w / h)
            except JovianviewError:  # a Juno view without Juno: the overview, as the window
                view, name = renderer.preset_view("overview", shot.tdb, w / h), "overview"
        self.camera.go_to(view, name, smooth=shot.fly and shot.index > 0,
                          seconds=shot.flight_seconds)

    def render_state(self, state: TourFrame) -> NDArray[np.uint8]:
        """:meth:`render`, as :class:`~jovianview.render.movie_export.MovieExport` calls it."""
        return self.render(state)

    def render(self, frame: TourFrame) -> NDArray[np.uint8]:
        """The (h, w, 3) RGB image of ``frame`` (frames must come in order)."""
        from vispy import gloo

        shot = self.plan.schedule.shots[frame.step]
        self._t, self._tdb = frame.t_s, frame.tdb
        if frame.first_of_step:
            self._start_step(shot)
        # In the window another canvas (the 3D view) draws between two frames of a movie.
        vispy_private.make_hidden_canvas_current(self.canvas)
        w, h = self.size
        with self._fbo:
            fd = self.canvas.renderer.frame(frame.tdb, (w, h), self.canvas)
            image = gloo.read_pixels((0, 0, w, h), alpha=False)
        counter = f"Step {shot.index + 1} of {len(self.plan.schedule)}"
        return draw_caption(np.ascontiguousarray(image), shot.caption_title, shot.caption_html,
                            counter, self.canvas.renderer.notice(fd))

    def close(self) -> None:
        """Release the canvas and its GL context."""
        self.canvas.close()


class TourFramePlan:
    """A :class:`TourMoviePlan` frame by frame by index, as the window's export asks."""

    def __init__(self, plan: TourMoviePlan) -> None:
        self.plan = plan
        self._frames = list(plan.frame_list())  # a few thousand small records at most

    @property
    def frames(self) -> int:
        """How many frames."""
        return len(self._frames)

    def frame(self, i: int) -> TourFrame:
        """Frame ``i`` (0 to ``frames - 1``)."""
        return self._frames[i]


@dataclass(frozen=True)
class TourRequest:
    """A checked tour export (the window's Tours > Export tour as video...)."""

    tour: Tour
    plan: TourMoviePlan
    path: Path
    kind: str
    size: tuple[int, int]
    settings: Settings


def check_tour_request(tour: Tour, out: str, *, size: str, fps: str, scale: str,
                       labels: bool) -> TourRequest:
    """Check a form's choices for exporting the checked ``tour``; JovianviewError names the
    first problem with the form's field names."""
    from jovianview.data.video_writers import check_movie_out
    from jovianview.model.settings import SCALE_MODES
    from jovianview.render.movie_export import for_form, parse_size

    if not out.strip():
        raise JovianviewError("File: choose where to save the video (.mp4, .gif, or a folder "
                              "ending with / for PNGs)")
    if scale not in SCALE_MODES:
        raise JovianviewError(f"Scale must be one of {', '.join(SCALE_MODES)}, not {scale!r}")
    wh = parse_size(size)
    try:
        rate = float(fps)
    except ValueError:
        raise JovianviewError(f"Frames per second must be a number, not {fps!r}") from None
    try:
        plan = plan_tour_movie(tour, rate)
        path, kind = check_movie_out(out.strip(), wh, plan.frames)
    except JovianviewError as exc:
        raise for_form(exc) from None
    settings = Settings(scale_mode=scale, show_labels=labels)  # as `movie --tour` starts
    return TourRequest(tour, plan, path, kind, wh, settings)


def start_tour_export(request: TourRequest, ephemeris: Ephemeris | None) -> MovieExport:
    """Open the hidden canvas and the encoder for ``request`` (EncodeError, NoOpenGLError)."""
    from jovianview.data.video_writers import ThreadedSink, open_sink
    from jovianview.render.movie_export import MovieExport

    frames = TourMovieFrames(request.plan, request.size, request.settings, ephemeris)
    try:
        sink = ThreadedSink(open_sink(request.path, request.kind, request.size,
                                      request.plan.fps))
    except BaseException:
        frames.close()
        raise
    return MovieExport(TourFramePlan(request.plan), frames, sink)


def describe_tour_export(request: TourRequest) -> str:
    """One line about a finished tour export, for a status bar."""
    w, h = request.size
    plan = request.plan
    return (f"saved {request.path} (tour {request.tour.title!r}, {plan.frames} frames, "
            f"{w}x{h}, {plan.fps:g} fps, {plan.duration_s:.1f} s)")
