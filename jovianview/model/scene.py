"""What the scene shows at one moment, gathered from the core: a :class:`Snapshot`.

The model asks its :class:`~jovianview.core.ephemeris.Ephemeris` for every position and the
core (through :mod:`.sources`) for every rotation, and keeps the answers in km, ICRF, float64.
It decides nothing about pixels. Bodies the data do not cover are left out with a note, never
drawn at a guessed place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from psygnal import Signal

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.errors import JovianviewError
from jovianview.core.moon_relative import nearest_moon
from jovianview.model import sources
from jovianview.model.features import FeaturesModel, FeatureSpots
from jovianview.model.trail import Polyline, sample_juno_trail, sample_moon_orbit

Vec = NDArray[np.float64]


@dataclass
class Snapshot:
    """Positions (km, ICRF, from Jupiter's centre) and orientations at one TDB instant."""

    tdb: float
    positions: dict[str, Vec] = field(default_factory=dict)
    rotations: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    juno_velocity: Vec | None = None
    sun_direction: Vec | None = None  # unit vector, ICRF, from Jupiter towards the Sun
    sun_km: Vec | None = None  # the Sun, ICRF km from Jupiter's centre (shadows need its size)
    earth_direction: Vec | None = None  # unit vector, ICRF, from Jupiter towards Earth
    notes: dict[str, str] = field(default_factory=dict)  # body -> why it is missing
    juno_absent: str | None = None  # short reason Juno is missing ("no trajectory loaded")
    kernel_gap: str | None = None  # Juno's kernels are in use but do not cover this time
    features: FeatureSpots | None = None  # named surface features (None: not shown)
    moon_velocities: dict[str, Vec] = field(default_factory=dict)  # only a moon Juno is near

    def has(self, body: str) -> bool:
        """True when the snapshot has a position for ``body``."""
        return body in self.positions


class SceneModel:
    """Evaluates snapshots, Juno's trail and the moons' orbit paths, and caches the slow ones.

    Parameters
    ----------
    frame_epoch_tdb : float
        Epoch of the render axes (Jupiter's equator then).
    ephemeris : Ephemeris, optional
        Where the bodies are (default: the embedded tables alone); see :meth:`set_ephemeris`.

    Signals
    -------
    trail_changed(Polyline), orbits_changed(dict)
        Emitted when a new window of samples was computed (not every frame).
    """

    trail_changed = Signal(object)
    orbits_changed = Signal(object)

    TRAIL_HALF_WINDOW_DAYS = 60.0  # longer than Juno's longest orbit (53.5 d)

    def __init__(self, frame_epoch_tdb: float, ephemeris: Ephemeris | None = None) -> None:
        self.ephemeris = ephemeris if ephemeris is not None else Ephemeris()
        self.radii = sources.radii_km()
        self.jupiter_radius = sources.jupiter_radius_km()
        # Render axes: Jupiter's equator frame (z = north pole); fixed for the session,
        # the pole moves by arcseconds over the mission.
        self.frame = sources.jupiter_equator(frame_epoch_tdb)
        self.trail: Polyline | None = None
        self.trail_note: str | None = None
        self.orbits: dict[str, Polyline] = {}
        self.features: FeaturesModel | None = None  # set by whoever shows features

    # ---------------------------------------------------------------- per frame
    def snapshot(self, tdb: float) -> Snapshot:
        """Everything that moves, at ``tdb`` (the per-frame call)."""
        snap = Snapshot(tdb=tdb)
        snap.positions["jupiter"] = np.zeros(3)
        eph = self.ephemeris
        state = eph.state
        positions = eph.positions_at(tdb)  # the core's fast one-call path
        for body in sources.MOONS:
            if body in positions:
                snap.positions[body] = positions[body]
                continue
            try:
                snap.positions[body] = state(body, tdb)[0]
            except JovianviewError as exc:
                snap.notes[body] = str(exc)
        absent = sources.juno_absence(tdb, eph)
        snap.kernel_gap = sources.juno_kernel_gap(eph, tdb)
        if absent is None:
            try:
                pos, vel = state("juno", tdb)
                snap.positions["juno"], snap.juno_velocity = pos, vel
            except JovianviewError as exc:  # e.g. an unreadable asset
                absent = ("not available", str(exc))
        if absent is not None:
            snap.juno_absent, snap.notes["juno"] = absent
        else:
            self._near_moon_velocity(snap)
        for body, attr in (("sun", "sun_direction"), ("earth", "earth_direction")):
            try:
                p = positions[body] if body in positions else state(body, tdb)[0]
                setattr(snap, attr, p / math.hypot(*p))
                if body == "sun":
                    snap.sun_km = p
            except JovianviewError as exc:
                snap.notes[body] = str(exc)
        snap.rotations = dict(zip(sources.BODIES, sources.rotations(tdb), strict=True))
        if self.features is not None:
            snap.features = self.features.spots(tdb, snap.rotations)
        return snap

    def _near_moon_velocity(self, snap: Snapshot) -> None:
        """The velocity of the moon Juno is near (for the moon-relative readouts), if any."""
        moons = {m: snap.positions[m] for m in sources.MOONS if m in snap.positions}
        near = nearest_moon(snap.positions["juno"], moons)
        if near is None:
            return
        try:
            snap.moon_velocities[near[0]] = self.ephemeris.state(near[0], snap.tdb)[1]
        except JovianviewError as exc:
            snap.notes[near[0]] = str(exc)

    # ---------------------------------------------------------------- cached paths
    def update_paths(self, tdb: float) -> None:
        """Resample Juno's trail and the moon orbits when ``tdb`` has left their windows."""
        self._update_trail(tdb)
        self._update_orbits(tdb)

    def set_ephemeris(self, ephemeris: Ephemeris) -> None:
        """Use ``ephemeris`` from now on (e.g. with the Juno kernels the user picked).

        The trail and orbit paths are forgotten and resampled at the next update; closing the
        previous object is the caller's business (it may still be in use elsewhere).
        """
        self.ephemeris = ephemeris
        self.invalidate_trail()
        self.orbits = {}

    def invalidate_trail(self) -> None:
        """Forget Juno's sampled trail (its source changed): the next update resamples."""
        self.trail = None
        self.trail_note = None
        self._trail_failed_at = None

    def _update_trail(self, tdb: float) -> None:
        half = self.TRAIL_HALF_WINDOW_DAYS
        if self.trail is not None and self.trail.covers(tdb, margin=half / 3):
            return
        if self.trail_note is not None and self._trail_failed_at is not None \
                and abs(tdb - self._trail_failed_at) < half / 3:
            return
        try:
            self.trail = sample_juno_trail(tdb - half, tdb + half, self.ephemeris)
            self.trail_note = None
            self._trail_failed_at = None
        except JovianviewError as exc:
            self.trail = None
            self.trail_note = f"no trail: {exc}"
            self._trail_failed_at = tdb
        self.trail_changed.emit(self.trail)

    _trail_failed_at: float | None = None

    def _update_orbits(self, tdb: float) -> None:
        changed = False
        for body in sources.MOONS:
            path = self.orbits.get(body)
            if path is not None and path.covers(tdb, margin=path.span_days / 4):
                continue
            try:
                self.orbits[body] = sample_moon_orbit(body, tdb, self.ephemeris)
                changed = True
            except JovianviewError:
                if self.orbits.pop(body, None) is not None:
                    changed = True
        if changed:
            self.orbits_changed.emit(self.orbits)
