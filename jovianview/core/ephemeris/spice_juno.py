"""Juno from real NAIF kernels (SPK) through SpiceyPy: optional, ``pip install jovianview[spice]``.

:class:`SpiceJunoSource` loads a set of SPK files (e.g. NAIF's ``juno_rec_*.bsp``, SPK types 1,
13 and 21; any type CSPICE reads works), keeps those that place Juno (NAIF -61), and answers
Juno's state relative to Jupiter's centre where they cover the requested times.
Pass it to :class:`jovianview.core.ephemeris.Ephemeris` (``Ephemeris(juno_kernels=...)``),
which asks it first for Juno; the embedded trajectory answers every epoch it does not cover.

Chain: SPICE is asked for Juno relative to 599 directly; where the loaded kernels cannot connect
Juno to 599 (a Juno SPK relative to the barycentre 5, and no satellite kernel placing 599), Juno
relative to 5 is shifted by the project's own offset of Jupiter's centre from the barycentre
(``+ sum(GM_i r_i) / GM_system`` over the Galilean moons, as ``state()`` does for the Sun;
the :class:`Ephemeris` passes its own moons for it).

No leapseconds kernel is needed: the SPK time argument ET is TDB seconds past J2000, computed
directly from the TDB Julian date. Frame "J2000" is NAIF's inertial J2000 frame, which equals
ICRF to about 0.02 arcsec (NAIF treats them as the same frame).

SpiceyPy is imported lazily and CSPICE is neither thread-safe nor free of global state (one
kernel pool per process): every SPICE call here goes through :data:`SPICE_LOCK`, and files are
loaded and unloaded explicitly with ``furnsh``/``unload``. Several sources may exist at once
(two :class:`Ephemeris` objects): before answering, a source makes sure the pool holds exactly
its own files, swapping them in only when another source used the pool last.

CSPICE reads at most 255 bytes of a file name and crashes the process (a segmentation fault
in ``spkcov``, measured with SpiceyPy 6 / CSPICE N0067) on longer ones, so every name is
checked first: a longer path is handed to SPICE through a short symbolic link in the temporary
folder, or refused with a message where no such link can be made. ``spkgeo`` is scalar, so N epochs
cost N calls (about 6 us each against 0.25 us for the embedded table, measured by
``benchmarks/bench_spice_juno.py``; fine for readouts, trails and CSV output).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
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
    "SPICE_NAME_MAX", "ShortNames",
]

JUNO = NAIF_IDS["juno"]
JUPITER = NAIF_IDS["jupiter"]
JUPITER_BARYCENTRE = 5
INSTALL_HINT = "install the optional SPICE support: pip install jovianview[spice]"
SPICE_LOCK = threading.RLock()  # CSPICE is not thread-safe and its kernel pool is global
SPICE_NAME_MAX = 255  # bytes of a file name CSPICE reads (its FILEN); longer ones crash it
_pool_owner: SpiceJunoSource | None = None  # whose files CSPICE's one kernel pool holds now


def import_spice() -> ModuleType:
    """SpiceyPy, or DataFileError saying how to install it."""
    try:
        import spiceypy
    except ImportError:
        raise DataFileError(f"reading NAIF kernels needs SpiceyPy: {INSTALL_HINT}") from None
    return spiceypy


class ShortNames:
    """File names short enough for CSPICE: the path itself, or a short symbolic link to it.

    Links live in one private temporary folder, removed by :meth:`close`.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None

    def name_for(self, path: Path) -> str:
        """A name of at most :data:`SPICE_NAME_MAX` bytes that opens ``path``.

        Raises
        ------
        DataFileError
            When the path is too long and no short link can be made (e.g. Windows without
            the right to create symbolic links).
        """
        text = str(path)
        if len(os.fsencode(text)) <= SPICE_NAME_MAX:
            return text
        length = len(os.fsencode(text))
        try:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="jv-spice-"))
            link = self._folder / f"k{len(os.listdir(self._folder))}{path.suffix}"
            if len(os.fsencode(str(link))) > SPICE_NAME_MAX:
                raise OSError("the temporary folder's own path is too long")
            os.symlink(path.resolve(), link)
        except OSError as exc:
            raise DataFileError(
                f"{path}: the path is {length} characters long and SPICE reads at most "
                f"{SPICE_NAME_MAX} (no short link could be made: {exc.strerror or exc}); move "
                "the kernels to a folder with a shorter path") from None
        return str(link)

    def close(self) -> None:
        """Remove the links (the files they point to stay)."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def juno_coverage(path: str | Path, names: ShortNames | None = None) -> list[tuple[float, float]]:
    """TDB Julian date intervals where the SPK at ``path`` places Juno (NAIF -61).

    ``names`` gives CSPICE a short name for a long path (see :class:`ShortNames`); without
    it a temporary one is made and removed again.

    Raises
    ------
    DataFileError
        When SpiceyPy is missing, the file is unreadable, not an SPK, truncated or corrupt, or
        holds no Juno data, or its path is too long for SPICE.
    """
    path = Path(path)
    own = names is None
    names = names if names is not None else ShortNames()
    try:
        return _coverage(path, names.name_for(path))
    finally:
        if own:
            names.close()


def _coverage(path: Path, name: str) -> list[tuple[float, float]]:
    """Juno's intervals in the SPK ``path``, which CSPICE opens as ``name``."""
    sp = import_spice()
    check_spk_structure(path)  # truncation and DAF structure, before CSPICE reads it
    with SPICE_LOCK:
        try:
            cover = sp.spkcov(name, JUNO)
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
        self._names = ShortNames()
        self._spice_names: list[str] = []
        per_file: list[list[tuple[float, float]]] = []
        for path in map(Path, paths):
            try:
                name = self._names.name_for(path)
                per_file.append(_coverage(path, name))
            except DataFileError as exc:
                self.problems.append(f"skipped {exc}")
                continue
            self.files.append(path)
            self._spice_names.append(name)
        if not self.files:
            self._names.close()
            raise DataFileError(
                "no usable Juno kernel: " + ("; ".join(self.problems) or "no files given")
            )
        self.intervals = _merge([span for spans in per_file for span in spans])
        self.file_intervals = per_file
        self.name = f"NAIF kernels ({len(self.files)} files)"
        self._closed = False
        self._loaded = False
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

    def file_at(self, tdb: NDArray[np.float64]) -> NDArray[np.intp]:
        """Per epoch of 1-D ``tdb``, the index in :attr:`files` that answers it (-1: none).

        The last file covering an epoch wins, as in SPICE (later loads take precedence).
        """
        t = np.asarray(tdb, dtype=np.float64)
        which = np.full(t.shape, -1, dtype=np.intp)
        for k in range(len(self.files) - 1, -1, -1):
            for a, b in self.file_intervals[k]:
                which[(which < 0) & (t >= a) & (t <= b)] = k
        return which

    def covers(self, body: str, tdb: NDArray[np.float64]) -> bool:
        """Whether ``body`` is Juno and the kernels cover every epoch of ``tdb``."""
        t = np.atleast_1d(np.asarray(tdb, dtype=np.float64)).ravel()
        return str(body).strip().lower() == "juno" and bool(np.all(self.covered(t)))

    def state(
        self, body: str, tdb: NDArray[np.float64],
        centre_offset: Callable[[NDArray[np.float64]], NDArray[np.float64]] | None = None,
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Juno's position (km) and velocity (km/s), (3, N), from Jupiter's centre, ICRF axes.

        Every epoch must be covered (see :meth:`covers`). One ``spkgeo`` call per epoch.
        ``centre_offset(t)`` gives the (6, N) shift from Jupiter's barycentre to its centre,
        used where the kernels place Juno only relative to the barycentre (default: from the
        embedded moons).
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
            self._claim_pool()
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
            offset = centre_offset or _centre_from_barycentre
            out[:, via_bary] += offset(t[via_bary])
        return out[:3], out[3:]

    def _claim_pool(self) -> None:
        """Make CSPICE's one kernel pool hold this source's files (call under SPICE_LOCK)."""
        global _pool_owner
        if self._closed:
            raise DataFileError(f"{self.name} were closed")
        if _pool_owner is self:
            return
        if _pool_owner is not None:
            _pool_owner._unload()
        for name in self._spice_names:
            self._sp.furnsh(name)
        self._loaded = True
        _pool_owner = self

    def _unload(self) -> None:
        global _pool_owner
        if self._loaded:
            for name in self._spice_names:
                self._sp.unload(name)
            self._loaded = False
        if _pool_owner is self:
            _pool_owner = None

    def close(self) -> None:
        """Unload the files from SPICE's kernel pool; the source cannot be used afterwards."""
        with SPICE_LOCK:
            self._unload()
            self._closed = True
        self._names.close()

    def __repr__(self) -> str:
        return f"SpiceJunoSource({[str(p) for p in self.files]!r})"


def _centre_from_barycentre(t: NDArray[np.float64]) -> NDArray[np.float64]:
    """(6, N): add to a state relative to Jupiter's barycentre to get it from the centre."""
    from jovianview.core.ephemeris.composed import check_embedded_span, embedded_state

    def state(moon: str, tt: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
        check_embedded_span(moon, tt)
        return embedded_state(moon, tt)

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


# Kept importable here for callers written before Ephemeris (cli/kernels.py).
from jovianview.core.ephemeris.compat import (  # noqa: E402
    active_juno_kernels,
    stop_using_juno_kernels,
    use_juno_kernels,
)
