"""The simulation clock: simulated TDB anchored to wall time, never accumulated.

Simulated time is ``anchor_tdb + (wall - anchor_wall) * rate`` (Stellarium's scheme). Every
scrub, play, pause or rate change re-anchors, so playback never drifts however long it runs,
and a frame that arrives late simply shows a later moment. Wall time comes from a callable
(``time.monotonic`` by default) so tests drive the clock with a fake one. There is no Qt here:
the window's timer only asks for frames.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from psygnal import Signal

from jovianview.core.timescale import SECONDS_PER_DAY, tdb_to_iso

MAX_RATE = 1.0e6  # a million times faster than real time, either direction
RATE_STEPS = (1.0, 10.0, 60.0, 600.0, 3600.0, 21600.0, 86400.0, 1.0e6)


class SimClock:
    """Simulated time for the whole application.

    Parameters
    ----------
    tdb : float
        Initial TDB Julian date.
    bounds : (float, float)
        First and last TDB Julian date the data support; times outside are clamped.
    wall : callable, optional
        Returns wall time in seconds (monotonic); defaults to :func:`time.monotonic`.

    Signals
    -------
    changed(float)
        The simulated time was set (scrub, jump), not emitted on every playback tick.
    playing_changed(bool), rate_changed(float)
    clamped(str)
        A requested time lay outside the data; the message says why and where it stopped.
    """

    changed = Signal(float)
    playing_changed = Signal(bool)
    rate_changed = Signal(float)
    clamped = Signal(str)

    def __init__(
        self,
        tdb: float,
        bounds: tuple[float, float],
        wall: Callable[[], float] = time.monotonic,
    ) -> None:
        if not bounds[0] < bounds[1]:
            raise ValueError(f"clock bounds must be increasing, got {bounds}")
        self._wall = wall
        self._bounds = (float(bounds[0]), float(bounds[1]))
        self._rate = 1.0
        self._playing = False
        self.last_clamp: str | None = None
        self._anchor_wall = wall()
        self._anchor_tdb = self._clamp(float(tdb))

    # ------------------------------------------------------------------ reading
    @property
    def bounds(self) -> tuple[float, float]:
        """First and last TDB Julian date the clock may show."""
        return self._bounds

    @property
    def rate(self) -> float:
        """Simulated seconds per wall second (negative runs backwards)."""
        return self._rate

    @property
    def playing(self) -> bool:
        """True while the clock runs."""
        return self._playing

    def tdb(self) -> float:
        """The simulated TDB Julian date now; stops (and pauses) at either end of the data."""
        if not self._playing:
            return self._anchor_tdb
        elapsed = self._wall() - self._anchor_wall
        t = self._anchor_tdb + elapsed * self._rate / SECONDS_PER_DAY
        lo, hi = self._bounds
        if t < lo or t > hi:
            edge = lo if t < lo else hi
            self._playing = False
            self._anchor_tdb, self._anchor_wall = edge, self._wall()
            self._report(f"playback stopped at {tdb_to_iso(edge, 0)} UTC, the "
                         f"{'start' if edge == lo else 'end'} of the data")
            self.playing_changed.emit(False)
            return edge
        return t

    # ------------------------------------------------------------------ changing
    def set_tdb(self, tdb: float) -> None:
        """Jump (or scrub) to ``tdb``, clamped to the data; playback continues from there."""
        self._anchor_tdb = self._clamp(float(tdb))
        self._anchor_wall = self._wall()
        self.changed.emit(self._anchor_tdb)

    def set_rate(self, rate: float) -> None:
        """Set simulated seconds per wall second, limited to +-:data:`MAX_RATE` (not zero)."""
        rate = float(rate)
        if rate == 0 or rate != rate:
            raise ValueError("rate must be a non-zero number; pause the clock to stop it")
        rate = max(-MAX_RATE, min(MAX_RATE, rate))
        self._reanchor()
        self._rate = rate
        self.rate_changed.emit(rate)

    def reverse(self) -> None:
        """Run the other way at the same speed."""
        self.set_rate(-self._rate)

    def faster(self) -> None:
        """Next step of :data:`RATE_STEPS`, keeping the direction."""
        self._step_rate(+1)

    def slower(self) -> None:
        """Previous step of :data:`RATE_STEPS`, keeping the direction."""
        self._step_rate(-1)

    def play(self) -> None:
        """Start the clock from the current time (emits ``playing_changed``)."""
        if not self._playing:
            self._reanchor()
            self._playing = True
            self.playing_changed.emit(True)

    def pause(self) -> None:
        """Stop the clock at the current time (emits ``playing_changed``)."""
        if self._playing:
            self._reanchor()
            self._playing = False
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        """Play when paused, pause when playing."""
        self.pause() if self._playing else self.play()

    # ------------------------------------------------------------------ internals
    def _reanchor(self) -> None:
        now = self.tdb()
        self._anchor_tdb, self._anchor_wall = now, self._wall()

    def _step_rate(self, direction: int) -> None:
        speed = abs(self._rate)
        sign = 1.0 if self._rate > 0 else -1.0
        if direction > 0:
            bigger = [s for s in RATE_STEPS if s > speed * 1.0001]
            speed = bigger[0] if bigger else RATE_STEPS[-1]
        else:
            smaller = [s for s in RATE_STEPS if s < speed / 1.0001]
            speed = smaller[-1] if smaller else RATE_STEPS[0]
        self.set_rate(sign * speed)

    def _clamp(self, tdb: float) -> float:
        lo, hi = self._bounds
        if tdb != tdb:
            raise ValueError("time must be a number, not NaN")
        if lo <= tdb <= hi:
            return tdb
        edge = lo if tdb < lo else hi
        self._report(
            f"{tdb_to_iso(tdb, 0)} UTC is outside the data ({tdb_to_iso(lo, 0)} to "
            f"{tdb_to_iso(hi, 0)} UTC); showing {tdb_to_iso(edge, 0)} UTC instead"
        )
        return edge

    def _report(self, message: str) -> None:
        self.last_clamp = message
        self.clamped.emit(message)
