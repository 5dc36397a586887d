"""One :class:`Ephemeris`: the embedded tables, an optional JPL satellite kernel and Juno's kernels.

Build one and pass it to whatever needs positions (the scene, the CLI, the headless renderer),
the way skyfield passes ``eph = load("de421.bsp")``. Nothing here is process-wide: two objects
with different kernels answer independently. :func:`jovianview.core.state` is the default
object's :meth:`Ephemeris.state` (embedded tables only).

Routing, epoch by epoch: a moon comes from the satellite kernel (``spk``) where it covers that
epoch, Juno from its kernels (``juno_kernels``) where they cover; the embedded tables answer
every other epoch inside their span, and times outside it raise :class:`TimeRangeError`.
:meth:`Ephemeris.sources` says, per epoch, which one answered.

Examples
--------
>>> from jovianview.core.ephemeris.composed import Ephemeris
>>> eph = Ephemeris()                      # or Ephemeris(spk="jup365.bsp", juno_kernels="kdir")
>>> pos, vel = eph.state("io", 2459852.9)
>>> pos.shape
(3,)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.constants import GM_JUPITER_SYSTEM, GM_MOONS
from jovianview.core.ephemeris import juno as _juno
from jovianview.core.ephemeris.bodies import MOONS, NAIF_IDS, normalize_body
from jovianview.core.ephemeris.embedded import load_embedded
from jovianview.core.ephemeris.snapshot import snapshot_bodies, snapshot_states
from jovianview.core.ephemeris.spice_juno import SpiceJunoSource
from jovianview.core.ephemeris.spk import SpkSource
from jovianview.core.errors import JovianviewError, TimeRangeError
from jovianview.core.timescale import check_tdb, describe_tdb, tdb_to_iso

__all__ = ["Ephemeris", "EMBEDDED", "BARYCENTRIC"]

EMBEDDED = "embedded"  # the source name of rows the shipped tables answered
# Bodies whose embedded tables are relative to Jupiter's barycentre (DE421 has no centre).
BARYCENTRIC = frozenset({"sun", "earth"})
Vec = NDArray[np.float64]


class Ephemeris:
    """Where every body is, from the embedded tables and the kernels given.

    Parameters
    ----------
    spk : SpkSource, str or Path, optional
        A JPL satellite kernel (e.g. ``jup365.bsp`` or an excerpt) for the Galilean moons.
    juno_kernels : SpiceJunoSource, str, Path or iterable of paths, optional
        NAIF Juno SPKs: a folder (every ``.bsp`` in it), a list of files, or an opened source.
        Needs SpiceyPy. Files that cannot serve are skipped and listed in :attr:`problems`.

    Raises
    ------
    DataFileError
        When the satellite kernel is unusable, or no Juno kernel is (SpiceyPy missing, no
        usable file). Sources this object opened are closed again before raising.
    """

    def __init__(self, spk: SpkSource | str | Path | None = None,
                 juno_kernels: SpiceJunoSource | str | Path | Iterable[str | Path] | None = None,
                 ) -> None:
        self.spk: SpkSource | None = spk if isinstance(spk, SpkSource | None) else SpkSource(spk)
        try:
            self.juno_kernels: SpiceJunoSource | None = _juno_source(juno_kernels)
        except JovianviewError:
            if self.spk is not None and self.spk is not spk:
                self.spk.close()
            raise
        tables = load_embedded().tables
        has_juno = _juno.available() or self.juno_kernels is not None
        self._bodies = ("jupiter", *(b for b in NAIF_IDS
                                     if b in tables or (b == "juno" and has_juno)))
        self._juno_extent: tuple[float, float] | None = None

    # ---------------------------------------------------------------- what it covers
    @property
    def problems(self) -> list[str]:
        """One line per Juno kernel file that was skipped (empty without Juno kernels)."""
        return list(self.juno_kernels.problems) if self.juno_kernels is not None else []

    def available_bodies(self) -> tuple[str, ...]:
        """Names accepted by :meth:`state`: Jupiter and every body with an embedded table."""
        return self._bodies

    def span(self, body: str) -> tuple[float, float]:
        """First and last TDB Julian date the embedded ephemeris of ``body`` supports.

        The Sun and Earth also need the moons (for Jupiter's centre), and Jupiter needs them all.
        """
        body = normalize_body(body, self._bodies)
        return embedded_span(body)

    def juno_extent(self) -> tuple[float, float]:
        """First and last TDB Julian date at which Juno can be placed by any source here.

        The embedded trajectory's span, widened by the intervals of Juno's kernels. Inside this
        extent a gap between kernels beyond the embedded span is still a TimeRangeError.
        """
        if self._juno_extent is None:
            first, last = self.span("juno")
            if self.juno_kernels is not None and self.juno_kernels.intervals:
                first = min(first, self.juno_kernels.intervals[0][0])
                last = max(last, self.juno_kernels.intervals[-1][1])
            self._juno_extent = (first, last)
        return self._juno_extent

    def kernel_for(self, body: str) -> SpkSource | SpiceJunoSource | None:
        """The kernel source that can answer ``body`` (None: the embedded tables alone)."""
        body = normalize_body(body, self._bodies)
        if body == "juno":
            return self.juno_kernels
        if self.spk is not None and body in self.spk.bodies:
            return self.spk
        return None

    # ---------------------------------------------------------------- states
    def state(self, body: str, tdb_jd: ArrayLike) -> tuple[Vec, Vec]:
        """Position (km) and velocity (km/s) of ``body`` relative to Jupiter's centre, ICRF axes.

        Parameters
        ----------
        body : str
            One of :meth:`available_bodies` (case-insensitive).
        tdb_jd : float or array_like
            TDB Julian date(s); any shape is flattened to N epochs.

        Returns
        -------
        position, velocity : ndarray
            Shape (3,) for a scalar time, (3, N) for N times (N may be 0).

        Raises
        ------
        UnknownBodyError, TimeRangeError, InvalidTimeError
            With a message naming the valid bodies or the supported span.
        """
        body = normalize_body(body, self._bodies)
        if body == "juno" and self.juno_kernels is None \
                and isinstance(tdb_jd, float | np.floating) and math.isfinite(tdb_jd):
            return _juno.juno_state(float(tdb_jd))  # one epoch, per frame: the shortest path
        t = check_tdb(tdb_jd)
        scalar = np.ndim(t) == 0
        flat = np.atleast_1d(np.asarray(t, dtype=np.float64)).ravel()
        if body == "jupiter":
            check_embedded_span(body, flat)
            pos, vel = np.zeros((3, flat.size)), np.zeros((3, flat.size))
        else:
            pos, vel = self._routed_state(body, flat)
        if scalar:
            return pos[:, 0], vel[:, 0]
        return pos, vel

    def sources(self, body: str, tdb_jd: ArrayLike) -> NDArray[np.str_]:
        """Per epoch, the name of what :meth:`state` answers ``body`` from.

        :data:`EMBEDDED` for the shipped tables, else the kernel file's name. Shape (N,) for
        N epochs, () for a scalar. Says nothing about whether the time is in range.
        """
        body = normalize_body(body, self._bodies)
        t = np.asarray(check_tdb(tdb_jd), dtype=np.float64)
        out = np.full(t.shape, EMBEDDED, dtype=object)
        source = self.kernel_for(body)
        if isinstance(source, SpiceJunoSource):
            which = source.file_at(t.ravel()).reshape(t.shape)
            for k, path in enumerate(source.files):
                out[which == k] = path.name
        elif isinstance(source, SpkSource):
            out[source.covered(body, t.ravel()).reshape(t.shape)] = source.path.name
        return out.astype(str)

    def positions_at(self, tdb: float) -> dict[str, Vec]:
        """Positions (km) of the moons, the Sun and Earth at one epoch: the per-frame call.

        One evaluation of the stacked embedded tables, with the moons replaced by the
        satellite kernel where it covers. Empty when ``tdb`` is outside the embedded tables;
        callers then ask :meth:`state` body by body, which explains any gap.
        """
        try:
            names = snapshot_bodies()
            pos, _ = snapshot_states(tdb)
        except (JovianviewError, ValueError):  # ValueError: no tables installed
            return {}
        out = dict(zip(names, pos, strict=True))
        if self.spk is not None:
            t = np.array([tdb])
            for moon in self.spk.bodies:
                if self.spk.covered(moon, t)[0]:
                    out[moon] = self.spk.state(moon, t)[0][:, 0]
        return out

    def juno_kernels_cover(self, tdb: float) -> bool | None:
        """Whether Juno's kernels cover ``tdb`` (None: no Juno kernels in use)."""
        if self.juno_kernels is None:
            return None
        return bool(self.juno_kernels.covered(np.array([float(tdb)]))[0])

    def close(self) -> None:
        """Close the kernels (this object cannot answer from them afterwards)."""
        if self.spk is not None:
            self.spk.close()
        if self.juno_kernels is not None:
            self.juno_kernels.close()

    def __enter__(self) -> Ephemeris:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ephemeris(spk={self.spk!r}, juno_kernels={self.juno_kernels!r})"

    # ---------------------------------------------------------------- routing
    def _routed_state(self, body: str, t: Vec) -> tuple[Vec, Vec]:
        source = self.kernel_for(body) if t.size else None
        covered = (source.covered(t) if isinstance(source, SpiceJunoSource)
                   else source.covered(body, t) if source is not None else None)
        if covered is None or not covered.any():
            self._check_rest(body, t, source)
            return embedded_state(body, t)
        if covered.all():
            return self._kernel_state(body, t, source)
        rest = t[~covered]
        self._check_rest(body, rest, source)
        pos, vel = np.empty((3, t.size)), np.empty((3, t.size))
        pos[:, covered], vel[:, covered] = self._kernel_state(body, t[covered], source)
        pos[:, ~covered], vel[:, ~covered] = embedded_state(body, rest)
        return pos, vel

    def _kernel_state(self, body: str, t: Vec,
                      source: SpkSource | SpiceJunoSource | None) -> tuple[Vec, Vec]:
        if isinstance(source, SpiceJunoSource):
            return source.state("juno", t, centre_offset=self._centre_from_barycentre)
        assert source is not None
        return source.state(body, t)

    def _check_rest(self, body: str, t: Vec, source: SpkSource | SpiceJunoSource | None) -> None:
        """The embedded span check for the epochs no kernel answers, naming the kernel's span."""
        try:
            check_embedded_span(body, t)
        except TimeRangeError as exc:
            if isinstance(source, SpiceJunoSource):
                raise TimeRangeError(
                    f"{exc}; Juno's kernels ({source.name}) cover "
                    + ", ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)} UTC"
                                for a, b in source.intervals)) from None
            if isinstance(source, SpkSource):
                raise TimeRangeError(
                    f"{exc}; the kernel {source.path.name} covers {body} "
                    + ", ".join(f"{tdb_to_iso(a, 0)} to {tdb_to_iso(b, 0)} UTC"
                                for a, b in source.spans(body))) from None
            raise

    def _centre_from_barycentre(self, t: Vec) -> NDArray[np.float64]:
        """(6, N): add to a state relative to Jupiter's barycentre to get it from the centre."""
        shift = np.zeros((6, t.size))
        for moon in MOONS:
            pos, vel = self.state(moon, t)
            weight = GM_MOONS[moon] / GM_JUPITER_SYSTEM
            shift[:3] += weight * pos
            shift[3:] += weight * vel
        return shift


def _juno_source(
    given: SpiceJunoSource | str | Path | Iterable[str | Path] | None,
) -> SpiceJunoSource | None:
    if given is None or isinstance(given, SpiceJunoSource):
        return given
    if isinstance(given, str | Path):
        return SpiceJunoSource.from_directory(given)
    return SpiceJunoSource(given)


# -------------------------------------------------------------------- the embedded tables
def embedded_span(body: str) -> tuple[float, float]:
    """First and last TDB Julian date of ``body``'s embedded table (a normalised name)."""
    tables = load_embedded().tables
    if body == "jupiter":
        needed = list(tables)
    elif body == "juno":  # variable-length segments of its own (ephemeris/juno.py)
        return _juno.span()
    elif body in BARYCENTRIC:
        needed = [body, *MOONS]
    else:
        needed = [body]
    return max(tables[b].start for b in needed), min(tables[b].end for b in needed)


def embedded_state(body: str, t: Vec) -> tuple[Vec, Vec]:
    """(3, N) position and velocity of ``body`` from the shipped tables (span already checked)."""
    if body == "juno":
        if t.size == 1:  # the scalar path skips the batch machinery: several times cheaper
            pos, vel = _juno.juno_state(float(t[0]))
            return pos[:, None], vel[:, None]
        return _juno.juno_state(t)
    if t.size == 1 and body in snapshot_bodies():
        # One epoch: the stacked per-frame evaluator is several times cheaper.
        pos, vel = snapshot_states(float(t[0]))
        row = snapshot_bodies().index(body)
        return pos[row][:, None].copy(), vel[row][:, None].copy()
    tables = load_embedded().tables
    pos, vel = tables[body].state(t)
    if body in BARYCENTRIC:
        # Jupiter's centre is offset from the system barycentre by -sum(GM_i r_i) / GM_system.
        for moon in MOONS:
            weight = GM_MOONS[moon] / GM_JUPITER_SYSTEM
            mpos, mvel = tables[moon].state(t)
            pos += weight * mpos
            vel += weight * mvel
    return pos, vel


def check_embedded_span(body: str, t: Vec) -> None:
    """TimeRangeError, naming the span, when any epoch is outside ``body``'s embedded table."""
    if not t.size:
        return
    if body == "juno":  # says "before orbit insertion" / "after the end of the data"
        _juno.check_span(t)
        return
    first, last = embedded_span(body)
    lo, hi = float(t.min()), float(t.max())
    if lo < first or hi > last:
        bad = lo if lo < first else hi
        raise TimeRangeError(
            f"{describe_tdb(bad)} is outside the embedded ephemeris of "
            f"{body}: it covers {tdb_to_iso(first, 0)} to {tdb_to_iso(last, 0)} UTC"
        )
