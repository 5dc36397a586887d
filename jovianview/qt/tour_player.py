"""Playing a tour in the window: each step applied exactly when it starts, then timed.

When a step starts, :func:`apply_view` sets the clock to its moment and rate, the settings
to the user's own (as they were when the tour started) overlaid with every setting the
tour's steps so far have set, and the camera to its view (a smooth flight or a cut), so the
picture is the step's whatever the user did before. While a tour plays, Space pauses it,
Right/PageDown and Left/PageUp step, Esc stops it (the keys go through the window's key
router: :meth:`jovianview.qt.shortcuts.KeyRouter.set_override`). A step that ``wait``\\ s
holds at its end until Next; after the last step the tour stops.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PyQt6.QtCore import QObject, QTimer

from jovianview.core.errors import JovianviewError
from jovianview.model.camera import View
from jovianview.model.tour import Tour
from jovianview.model.tour_schedule import (
    FLIGHT_SECONDS,
    TOUR_FIELDS,
    Schedule,
    Shot,
    schedule,
)
from jovianview.model.types import ViewName
from jovianview.qt.guard import guarded
from jovianview.qt.tour_caption import TourCaption

if TYPE_CHECKING:
    from jovianview.qt.main_window import MainWindow

TICK_MS = 50
NOTICE_EVERY = 10  # ticks between checks of the scene's notice (it changes rarely)


def apply_view(window: MainWindow, tdb: float, view_name: str | None, view: View | None,
               rate: float, settings: dict[str, bool | str], fly: bool,
               flight_s: float = FLIGHT_SECONDS) -> str | None:
    """Put the window at ``tdb`` with ``rate`` (0: paused), ``settings`` and the camera view.

    Returns a message when the view could not be shown (a Juno view while Juno is absent:
    the system overview instead), else None.
    """
    for name, value in settings.items():
        if getattr(window.settings, name) != value:
            setattr(window.settings, name, value)
    clock = window.clock
    if rate > 0:
        clock.set_rate(rate)
    window.set_time(tdb)
    if rate > 0:
        clock.play()
    else:
        clock.pause()
    note = None
    if view is None:
        name = view_name or "overview"
        w, h = window.canvas.size
        try:
            view = window.renderer.preset_view(name, tdb, w / max(h, 1))
        except JovianviewError as exc:
            note = f"{exc}: showing the system overview"
            name = "overview"
            view = window.renderer.preset_view(name, tdb, w / max(h, 1))
        window.camera.go_to(view, name, smooth=fly, seconds=flight_s)
        window.settings.view = cast(ViewName, name)
    else:
        window.camera.go_to(view, None, smooth=fly, seconds=flight_s)
    window.canvas.update()
    return note


class TourPlayer(QObject):
    """Plays a :class:`~jovianview.model.tour.Tour` in ``window``.

    Parameters
    ----------
    window
        The main window.
    wall
        Wall time in seconds (monotonic): tests pass a fake one.
    """

    def __init__(self, window: MainWindow, wall: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.wall = wall
        self.schedule: Schedule | None = None
        self.index = -1
        self.paused = False
        self.holding = False  # a wait step at its end, until Next
        self._t0 = 0.0
        self._paused_elapsed = 0.0
        self._user_settings: dict[str, bool | str] = {}
        self._shown_notice = ""
        self._ticks = 0
        self.caption = TourCaption(window.canvas.native)
        window.canvas.events.resize.connect(lambda _e=None: self.caption.place())
        ev = window.settings.events
        ev.text_size.connect(lambda *_: self.restyle())
        ev.high_contrast.connect(lambda *_: self.restyle())
        self.timer = QTimer(self)
        self.timer.timeout.connect(guarded(self._tick))
        self.on_message: Callable[[str], None] = lambda m: window.status_bar().showMessage(
            m, 8000)

    # ---------------------------------------------------------------- state
    @property
    def playing(self) -> bool:
        """True while a tour is loaded (running, paused or holding)."""
        return self.schedule is not None

    @property
    def shot(self) -> Shot | None:
        """The step being shown."""
        if self.schedule is None or not 0 <= self.index < len(self.schedule):
            return None
        return self.schedule.shots[self.index]

    def elapsed(self) -> float:
        """Wall seconds into the current step (frozen while paused)."""
        if self.paused:
            return self._paused_elapsed
        return self.wall() - self._t0

    # ---------------------------------------------------------------- control
    def start(self, tour: Tour) -> None:
        """Play ``tour`` from its first step (stopping any tour playing)."""
        if self.playing:
            self.stop(restore=True, quiet=True)
        s = self.window.settings
        self._user_settings = {name: getattr(s, name) for name in TOUR_FIELDS}
        self.schedule = schedule(tour)
        self.window.keys.set_override({
            "Space": guarded(self.toggle_pause), "Right": guarded(self.next),
            "PgDown": guarded(self.next), "Left": guarded(self.previous),
            "PgUp": guarded(self.previous), "Esc": guarded(self.stop)})
        self.restyle()
        self.window.renderer.labels.show_notice = False  # the caption carries it (no overlap)
        self.caption.show()
        self.caption.raise_()
        self.go_to(0)
        self.timer.start(TICK_MS)
        self.on_message(f"playing {tour.summary()}: Space pauses, Right/Left step, Esc stops")

    def go_to(self, index: int) -> None:
        """Start step ``index`` now: its moment, rate, settings, view and caption."""
        if self.schedule is None:
            return
        index = min(max(index, 0), len(self.schedule) - 1)
        shot = self.schedule.shots[index]
        self.index = index
        self.paused = False
        self.holding = False
        settings = dict(self._user_settings)
        settings.update(shot.settings)
        note = apply_view(self.window, shot.tdb, shot.view_name, shot.view, shot.rate,
                          settings, shot.fly, shot.flight_seconds)
        if note:
            self.on_message(note)
        self._t0 = self.wall()
        self._show_caption()

    def next(self) -> None:
        """The next step (after the last: the tour stops)."""
        if self.schedule is None:
            return
        if self.index + 1 < len(self.schedule):
            self.go_to(self.index + 1)
        else:
            self.stop()
            self.on_message("the tour is over")

    def previous(self) -> None:
        """The step before (the first step starts again)."""
        self.go_to(self.index - 1)

    def toggle_pause(self) -> None:
        """Pause the tour and its clock, or go on from where it was paused."""
        shot = self.shot
        if shot is None or self.holding:
            return
        if self.paused:
            self.paused = False
            self._t0 = self.wall() - self._paused_elapsed
            if shot.rate > 0:
                self.window.clock.play()
        else:
            self._paused_elapsed = self.elapsed()
            self.paused = True
            self.window.clock.pause()
        self._show_caption()

    def stop(self, restore: bool = True, quiet: bool = False) -> None:
        """Stop the tour: the keys go back to the window, the clock pauses where it is and
        (``restore``) the layers and scale are the user's own again."""
        if self.schedule is None:
            return
        self.timer.stop()
        self.schedule = None
        self.index = -1
        self.window.keys.set_override(None)
        self.caption.hide()
        self.window.renderer.labels.show_notice = not self.window.presentation.active
        self.window.clock.pause()
        if restore:
            for name, value in self._user_settings.items():
                if getattr(self.window.settings, name) != value:
                    setattr(self.window.settings, name, value)
        if not quiet:
            self.on_message("tour stopped")
        self.window.canvas.update()

    # ---------------------------------------------------------------- timing and caption
    def _tick(self) -> None:
        shot = self.shot
        if shot is None:
            return
        self._ticks += 1
        if self._ticks % NOTICE_EVERY == 0 and self._notice() != self._shown_notice:
            self._show_caption()
        if self.paused or self.holding:
            return
        if self.elapsed() < shot.seconds:
            return
        if shot.wait:
            self.holding = True
            self.window.clock.pause()
            self._show_caption()
        else:
            self.next()

    def restyle(self) -> None:
        """Follow the text size and contrast settings."""
        self.caption.set_style(self.window.presentation.scale(),
                               bool(self.window.settings.high_contrast))

    def _show_caption(self) -> None:
        shot, sched = self.shot, self.schedule
        if shot is None or sched is None:
            return
        counter = f"Step {shot.index + 1} of {len(sched)}"
        if self.paused:
            counter += "  \u2022  paused (Space goes on)"
        elif self.holding:
            last = shot.index + 1 == len(sched)
            counter += "  \u2022  " + ("Right or Esc ends the tour" if last
                                       else "Right for the next step")
        self._shown_notice = self._notice()
        self.caption.show_caption(shot.caption_title, shot.caption_html, counter,
                                  self._shown_notice)
        self.caption.raise_()

    def _notice(self) -> str:
        """The scene's notice (what the sizes mean), shown in the caption during a tour."""
        r = self.window.renderer
        if self.window.presentation.active:  # presentation mode's caption line says it
            return ""
        return r.notice(r.last) if r.last is not None else ""
