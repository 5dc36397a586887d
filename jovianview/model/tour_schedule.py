"""A tour as a schedule: what each step shows when it starts, and where a tour is at a moment.

A player (the window's, or the movie export's) applies a :class:`Shot` exactly when its step
starts, whatever the user did before: the moment, the camera, the rate, the scale and layers
(every setting the steps so far have set, later ones winning), the caption. A step that names
no view keeps the one before's (the first step's default is the system overview), so jumping
to any step gives the same picture as playing up to it. No Qt, no drawing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from jovianview.core.timescale import SECONDS_PER_DAY
from jovianview.model.camera import View
from jovianview.model.tour import Tour
from jovianview.model.tour_values import LAYERS

DEFAULT_VIEW = "overview"
TOUR_FIELDS = ("scale_mode", *LAYERS.values())  # the settings a tour may change
FLIGHT_SECONDS = 3.0  # a smooth camera flight (fly = true), wall seconds, at most


@dataclass(frozen=True)
class Shot:
    """One step of a tour as a player applies it.

    Attributes
    ----------
    index : int
        The step's index (0-based) in the tour.
    start_s : float
        When the step starts, wall seconds from the tour's start (waits not counted).
    seconds : float
        How long the step lasts (it may hold longer when it ``wait``s for Next).
    tdb, rate : float
        The TDB Julian date the step starts at; simulated seconds per second (0: paused).
    view_name, view
        The camera: a preset name, or a :class:`View` (exactly one is set).
    settings : dict
        Every settings field the steps up to this one set (``show_labels``, ``scale_mode``...).
    caption_title, caption_html : str
        The caption (safe HTML: ``<b>``, ``<i>``, ``<br>`` only).
    fly, wait : bool
        A smooth camera flight (else a cut); hold at the end until Next.
    """

    index: int
    start_s: float
    seconds: float
    tdb: float
    rate: float
    view_name: str | None
    view: View | None
    settings: dict[str, bool | str] = field(default_factory=dict)
    caption_title: str = ""
    caption_html: str = ""
    fly: bool = True
    wait: bool = False

    @property
    def end_s(self) -> float:
        """When the step ends, wall seconds from the tour's start."""
        return self.start_s + self.seconds

    @property
    def flight_seconds(self) -> float:
        """How long the camera flies (``fly = true``): at most half the step."""
        return min(FLIGHT_SECONDS, self.seconds / 2.0)

    def tdb_at(self, elapsed_s: float) -> float:
        """The simulated moment ``elapsed_s`` wall seconds into the step (held at its end)."""
        elapsed = min(max(elapsed_s, 0.0), self.seconds)
        return self.tdb + elapsed * self.rate / SECONDS_PER_DAY


@dataclass(frozen=True)
class Schedule:
    """The shots of a tour, in order, with its total length."""

    title: str
    shots: tuple[Shot, ...]

    @property
    def seconds(self) -> float:
        """The tour's length in wall seconds (without holds at waits)."""
        return self.shots[-1].end_s if self.shots else 0.0

    def __len__(self) -> int:
        return len(self.shots)

    def at(self, t_s: float) -> tuple[Shot, float]:
        """The shot playing ``t_s`` wall seconds into the tour, and the seconds into it.

        Before the start: the first shot at 0; after the end: the last shot at its end.
        """
        if not self.shots:
            raise ValueError("an empty schedule has no shots")
        starts = [s.start_s for s in self.shots]
        i = max(0, bisect.bisect_right(starts, t_s) - 1)
        shot = self.shots[i]
        return shot, min(max(t_s - shot.start_s, 0.0), shot.seconds)


def schedule(tour: Tour) -> Schedule:
    """The :class:`Schedule` of a checked tour."""
    shots: list[Shot] = []
    start = 0.0
    view_name: str | None = DEFAULT_VIEW
    view: View | None = None
    for i, step in enumerate(tour.steps):
        if step.view_name is not None or step.view is not None:
            view_name, view = step.view_name, step.view
        shots.append(Shot(index=i, start_s=start, seconds=step.seconds, tdb=step.tdb,
                          rate=step.rate, view_name=view_name, view=view,
                          settings=tour.settings_at(i), caption_title=step.caption_title,
                          caption_html=step.caption_html, fly=step.fly, wait=step.wait))
        start += step.seconds
    return Schedule(title=tour.title, shots=tuple(shots))
