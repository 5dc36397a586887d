"""What the plot panel shows: a window of time around the clock, sampled once per window.

:class:`PlotWindow` holds the window kind (a perijove pass, an orbit, a flyby), asks the core
for the span around the clock's time (:func:`jovianview.core.plot_series.window_around`) and
samples the series only when that span changes; while the clock moves inside it only the
cursor moves. Times are mapped to the x axis as UTC seconds since the window's start
(:attr:`PlotWindow.origin` holds that start as POSIX seconds, for the date axis) and back, by
interpolation on the sampled grid. No Qt here.
"""

from __future__ import annotations

import numpy as np
from psygnal import Signal

from jovianview.core.ephemeris import Ephemeris, default_ephemeris
from jovianview.core.errors import JovianviewError
from jovianview.core.events import Event
from jovianview.core.plot_series import (
    WINDOW_KINDS,
    PlotSeries,
    WindowKind,
    sample,
    unix_utc,
    window_around,
)

# What the panel draws: the brief's four plots (each moon's distance in the fourth).
PANEL_QUANTITIES: tuple[str, ...] = (
    "altitude", "speed", "latitude",
    "distance-io", "distance-europa", "distance-ganymede", "distance-callisto",
)
WINDOW_TITLES: dict[WindowKind, str] = {
    "perijove": "Perijove pass (\u00b16 h)",
    "orbit": "One orbit (apojove to apojove)",
    "flyby": "Moon flyby (\u00b12 h)",
}
assert tuple(WINDOW_TITLES) == WINDOW_KINDS


class PlotWindow:
    """The sampled series for the window around the clock.

    Parameters
    ----------
    ephemeris : Ephemeris, optional
        Where Juno and the moons come from (default: the embedded tables).
    kind : {"perijove", "orbit", "flyby"}
        The window to start with.

    Signals
    -------
    resampled()
        :attr:`series` was replaced (a new window, a new kind, or a problem).
    """

    resampled = Signal()

    def __init__(self, ephemeris: Ephemeris | None = None,
                 kind: WindowKind = "perijove") -> None:
        self.ephemeris = ephemeris
        self._kind: WindowKind = kind
        self.series: PlotSeries | None = None
        self.event: Event | None = None  # the perijove or flyby the window is about
        self.problem: str | None = None  # why nothing is shown (e.g. outside Juno's data)
        self.samplings = 0  # how often the series was computed (tests, benchmarks)
        self._span: tuple[float, float] | None = None
        self._x: np.ndarray = np.zeros(0)
        self.origin = 0.0  # UTC POSIX seconds at x = 0 (the window's first sample)

    @property
    def kind(self) -> WindowKind:
        """The window kind (:data:`jovianview.core.plot_series.WINDOW_KINDS`)."""
        return self._kind

    def set_kind(self, kind: WindowKind, tdb: float) -> None:
        """Switch to ``kind`` and resample around ``tdb``."""
        if kind not in WINDOW_KINDS:
            raise JovianviewError(f"unknown plot window {kind!r}: choose "
                                  + ", ".join(WINDOW_KINDS))
        self._kind = kind
        self._span = None
        self.follow(tdb)

    def set_ephemeris(self, ephemeris: Ephemeris | None, tdb: float) -> None:
        """Use ``ephemeris`` (new kernels) and resample around ``tdb``."""
        self.ephemeris = ephemeris
        self._span = None
        self.follow(tdb)

    def follow(self, tdb: float) -> bool:
        """Bring the window to the clock's ``tdb``; True when the series was resampled."""
        try:
            start, end, event = window_around(self._kind, tdb)
        except JovianviewError as exc:
            return self._fail(str(exc), None)
        if self._span == (start, end):
            return False
        self._span = (start, end)
        self.event = event
        try:
            eph = self.ephemeris if self.ephemeris is not None else default_ephemeris()
            first, last = eph.juno_extent()  # a window may overhang the mission's ends
            start, end = max(start, first), min(end, last)
            series = sample(PANEL_QUANTITIES, start, end, eph=eph)
        except JovianviewError as exc:
            return self._fail(str(exc), (start, end))
        self.series, self.problem = series, None
        unix = unix_utc(series.tdb)
        self.origin = float(unix[0])
        self._x = unix - self.origin  # small numbers: float32 paths and SVG keep their digits
        self.samplings += 1
        self.resampled.emit()
        return True

    def _fail(self, problem: str, span: tuple[float, float] | None) -> bool:
        changed = self.problem != problem or self.series is not None
        self.series, self.problem, self._span, self._x = None, problem, span, np.zeros(0)
        if changed:
            self.resampled.emit()
        return changed

    # ---------------------------------------------------------------- the x axis
    @property
    def x(self) -> np.ndarray:
        """The sampled times as UTC seconds since :attr:`origin` (the plots' x values)."""
        return self._x

    def x_of(self, tdb: float) -> float:
        """The x value (UTC seconds since :attr:`origin`) of ``tdb``, extrapolated outside."""
        if self.series is None:
            raise JovianviewError("no plot window is loaded")
        t = self.series.tdb
        slope = (self._x[-1] - self._x[0]) / (t[-1] - t[0])
        if t[0] <= tdb <= t[-1]:
            return float(np.interp(tdb, t, self._x))
        return float(self._x[0] + (tdb - t[0]) * slope)

    def tdb_of(self, x: float) -> float:
        """The TDB Julian date at ``x`` (UTC seconds since :attr:`origin`), clamped to the
        window."""
        if self.series is None:
            raise JovianviewError("no plot window is loaded")
        return float(np.interp(x, self._x, self.series.tdb))
