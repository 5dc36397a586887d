"""Juno from real NAIF kernels (SPK) through SpiceyPy: optional, ``pip install jovianview[spice]``.

:class:`SpiceJunoSource` loads a set of SPK files (e.g. NAIF's ``juno_rec_*.bsp``, SPK types 1,
13 and 21; any type CSPICE reads works), keeps those that place Juno (NAIF -61), and answers
Juno's state relative to Jupiter's centre where they cover the requested times.
:func:`use_juno_kernels` makes :func:`jovianview.core.ephemeris.state` ask it first for Juno; the
embedded trajectory answers every epoch the kernels do not cover.

Chain: SPICE is asked for Juno relative to 599 directly; where the loaded kernels cannot connect
Juno to 599 (a Juno SPK relative to the barycentre 5, and no satellite kernel placing 599), Juno
relative to 5 is shifted by the project's own offset of Jupiter's centre from the barycentre
(``+ sum(GM_i r_i) / GM_system`` over the Galilean moons, as ``state()`` does for the Sun).

No leapseconds kernel is needed: the SPK time argument ET is TDB seconds past J2000, computed
directly from the TDB Julian date. Frame "J2000" is NAIF's inertial J2000 frame, which equals
ICRF to about 0.02 arcsec (NAIF treats them as the same frame).

SpiceyPy is imported lazily and CSPICE is neither thread-safe nor free of global state (one
kernel pool per process): every SPICE call here goes through :data:`SPICE_LOCK`, and files are
loaded and unloaded explicitly with ``furnsh``/``unload``. ``spkgeo`` is scalar, so N epochs
cost N calls (about 6 us each against 0.25 us for the embedded table, measured by
``benchmarks/bench_spice_juno.py``; fine for readouts, trails and CSV output).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import numpy as np
from numpy.typing import NDArray

from jovianview.core.constants import GM_JUPITER_SYSTEM, GM_MOONS
from jovianview.core.ephemeris.bodies import MOONS, NAIF_IDS
from jovianview.core.ephemeris.spk import _describe, _merge, check_spk_structure, seconds_to_jd
from jovianview.core.errors import DataFileError
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY

__all__ = [
    "SpiceJunoSource", "import_spice", "juno_coverage", "kernel_files", "use_juno_kernels",
    "stop_using_juno_kernels", "active_juno_kernels", "INSTALL_HINT", "SPICE_LOCK",
]

JUNO = NAIF_IDS["juno"]
JUPITER = NAIF_IDS["jupiter"]
JUPITER_BARYCENTRE = 5
INSTALL_HINT = "install the optional SPICE support: pip install jovianview[spice]"
SPICE_LOCK = threading.RLock()  # CSPICE is not thread-safe and its kernel pool is global


def import_spice() -> ModuleType:
    """SpiceyPy, or DataFileError saying how to install it."""
    try:
        import spiceypy
    except ImportError:
        raise DataFileError(f"reading NAIF kernels needs SpiceyPy: {INSTALL_HINT}") from None
    return spiceypy


def juno_coverage(path: str | Path) -> list[tuple[float, float]]:
    """TDB Julian date intervals where the SPK at ``path`` places Juno (NAIF -61).

    Raises
    ------
    DataFileError
        When SpiceyPy is missing, the file is unreadable, not an SPK, truncated or corrupt, or
        holds no Juno data.
    """
    path = Path(path)
    sp = import_spice()
    check_spk_structure(path)  # truncation and DAF structure, before CSPICE reads it
    with SPICE_LOCK:
        try:
            cover = sp.spkcov(str(path), JUNO)
            spans = [sp.wnfetd(cover, i) for i in range(sp.wncard(cover))]
        except sp.utils.exceptions.SpiceyError as exc:
            raise DataFileError(f"{path}: SPICE cannot read it ({_short(exc)})") from None
    if not spans:
        raise DataFileError(f"{path}: holds no Juno (NAIF -61) data")
    return _merge([(seconds_to_jd(a), seconds_to_jd(b)) for a, b in spans])


def kernel_files(directory: str | Path) -> list[Path]:
    """The ``.bsp`` files in ``directory``, by name (later names take precedence in SPICE).

    Raises
    ------
    DataFileError
        When ``directory`` is not a folder or holds no ``.bsp`` file.
    """
    folder = Path(directory).expanduser()
    if not folder.is_dir():
        raise DataFileError(f"kernel folder {folder} does not exist or is not a folder")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".bsp" and p.is_file())
    if not files:
        raise DataFileError(f"kernel folder {folder} holds no .bsp (SPK) files")
    return files


class SpiceJunoSource:
    """Juno's state from NAIF SPK kernels, where they cover; an :class:`EphemerisSource`.

    Parameters
    ----------
    paths : iterable of str or Path
        SPK files, loaded in order (later files take precedence where they overlap).

    Attributes
    ----------
    files : list of Path
        The files in use.
    problems : list of str
        One line per file that was skipped (corrupt, unreadable, no Juno data).
    intervals : list of (float, float)
        Merged TDB Julian date intervals covered by the files in use.

    Raises
    ------
    DataFileError
        When SpiceyPy is missing or none of the files is a usable Juno kernel.
    """

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self._sp = import_spice()
        self.files: list[Path] = []
        self.problems: list[str] = []
        spans: list[tuple[float, float]] = []
        for path in map(Path, paths):
            try:
                spans += juno_coverage(path)
            except DataFileError as exc:
                self.problems.append(f"skipped {exc}")
                continue
            self.files.append(path)
        if not self.files:
            raise DataFileError(
                "no usable Juno kernel: " + ("; ".join(self.problems) or "no files given")
            )
        self.intervals = _merge(spans)
        self.name = f"NAIF kernels ({len(self.files)} files)"
        self._loaded: list[str] = []
        with SPICE_LOCK:
            for path in self.files:
                self._sp.furnsh(str(path))
                self._loaded.append(str(path))
        self._lo = np.array([a for a, _ in self.intervals])
        self._hi = np.array([b for _, b in self.intervals])

    @classmethod
    def from_directory(cls, directory: str | Path) -> SpiceJunoSource:
        """Every ``.bsp`` in ``directory`` (see :func:`kernel_files`)."""
        return cls(kernel_files(directory))

    def covered(self, tdb: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Which epochs of 1-D ``tdb`` the kernels cover (NaN: not covered)."""
        t = np.asarray(tdb, dtype=np.float64)
        i = np.searchsorted(self._lo, t, "right") - 1
        ok = i >= 0
        ok[ok] = t[ok] <= self._hi[i[ok]]
        return ok

    def covers(self, body: str, tdb: NDArray[np.float64]) -> bool:
        """Whether ``body`` is Juno and the kernels cover every epoch of ``tdb``."""
        t = np.atleast_1d(np.asarray(tdb, dtype=np.float64)).ravel()
        return str(body).strip().lower() == "juno" and bool(np.all(self.covered(t)))

    def state(
        self, body: str, tdb: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Juno's position (km) and velocity (km/s), (3, N), from Jupiter's centre, ICRF axes.

        Every epoch must be covered (see :meth:`covers`). One ``spkgeo`` call per epoch.
        """
        if str(body).strip().lower() != "juno":
            raise DataFileError(f"{self.name} place only Juno, not {body!r}")
        t = np.atleast_1d(np.asarray(tdb, dtype=np.float64)).ravel()
        if not np.all(self.covered(t)):
            bad = float(t[~self.covered(t)][0])
            raise DataFileError(
                f"TDB JD {bad:.6f} is outside Juno's kernels: they cover "
                f"{_describe(self.intervals)}"
            )
        et = (t - J2000_TDB) * SECONDS_PER_DAY
        out = np.empty((6, t.size))
        via_bary = np.zeros(t.size, dtype=bool)
        sp = self._sp
        errors = sp.utils.exceptions.SpiceyError
        with SPICE_LOCK:
            if not self._loaded:
                raise DataFileError(f"{self.name} were closed")
            for k, e in enumerate(et):
                try:
                    out[:, k] = sp.spkgeo(JUNO, float(e), "J2000", JUPITER)[0]
                except errors as exc:
                    if "SPKINSUFFDATA" not in str(exc):
                        raise DataFileError(f"SPICE failed for Juno: {_short(exc)}") from None
                    try:
                        out[:, k] = sp.spkgeo(JUNO, float(e), "J2000", JUPITER_BARYCENTRE)[0]
                    except errors as exc2:
                        raise DataFileError(
                            f"SPICE cannot place Juno at TDB JD {t[k]:.6f}: {_short(exc2)}"
                        ) from None
                    via_bary[k] = True
        if via_bary.any():
            out[:, via_bary] += _centre_from_barycentre(t[via_bary])
        return out[:3], out[3:]

    def close(self) -> None:
        """Unload the files from SPICE's kernel pool; the source cannot be used afterwards."""
        with SPICE_LOCK:
            for name in self._loaded:
                self._sp.unload(name)
            self._loaded = []

    def __repr__(self) -> str:
        return f"SpiceJunoSource({[str(p) for p in self.files]!r})"


def _centre_from_barycentre(t: NDArray[np.float64]) -> NDArray[np.float64]:
    """(6, N): add to a state relative to Jupiter's barycentre to get it from the centre."""
    from jovianview.core.ephemeris import state

    shift = np.zeros((6, t.size))
    for moon in MOONS:
        pos, vel = state(moon, t)
        weight = GM_MOONS[moon] / GM_JUPITER_SYSTEM
        shift[:3] += weight * pos
        shift[3:] += weight * vel
    return shift


def _short(exc: Exception) -> str:
    """The first meaningful line of a SpiceyPy error (its short and long messages)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    keep = [line for line in lines if not line.startswith(("=", "Toolkit", "SPICE(", "---"))]
    short = next((line for line in lines if line.startswith("SPICE(")), "")
    text = " ".join(keep[:2]) if keep else short
    return f"{short} {text}".strip() if short and short not in text else text


_active: SpiceJunoSource | None = None


def use_juno_kernels(directory: str | Path) -> SpiceJunoSource:
    """Load Juno's kernels from ``directory`` and make ``state("juno", ...)`` prefer them.

    Corrupt or unreadable files among good ones are skipped and listed in ``problems``.

    Raises
    ------
    DataFileError
        When SpiceyPy is missing or no file in ``directory`` is a usable Juno kernel.
    """
    from jovianview.core.ephemeris import set_juno_source

    global _active
    source = SpiceJunoSource.from_directory(directory)
    stop_using_juno_kernels()
    set_juno_source(source)
    _active = source
    return source


def stop_using_juno_kernels() -> None:
    """Go back to the embedded trajectory alone and unload the kernels, if any."""
    from jovianview.core.ephemeris import set_juno_source

    global _active
    if _active is not None:
        set_juno_source(None)
        _active.close()
        _active = None


def active_juno_kernels() -> SpiceJunoSource | None:
    """The source :func:`use_juno_kernels` activated, or None."""
    return _active
