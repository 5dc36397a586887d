"""A JPL satellite kernel (SPK, e.g. ``jup365.bsp``) as a precise source for the Galilean moons.

:class:`SpkSource` reads SPK segments of type 2 (Chebyshev position) and type 3 (Chebyshev
position and velocity) with jplephem, and answers positions of Io, Europa, Ganymede and Callisto
relative to Jupiter's centre (NAIF 599). Each body is followed from segment to segment up to a
centre it shares with Jupiter (in JPL's kernels: 501-504 and 599, all relative to the Jupiter
barycentre 5), and the two chains are differenced. A target may have several segments covering
different spans; for each epoch the last segment in the file that covers it is used, as SPICE
does. Pass it to :class:`jovianview.core.ephemeris.Ephemeris` (``Ephemeris(spk=...)``).
A record that evaluates to NaN or infinity is refused with a message naming its segment.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from jplephem.daf import DAF
from jplephem.spk import SPK
from numpy.typing import NDArray

from jovianview.core.ephemeris.bodies import MOONS, NAIF_IDS, normalize_body
from jovianview.core.errors import DataFileError
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY

__all__ = [
    "SpkSource", "use_kernel", "stop_using_kernel", "active_kernel", "naif_name",
    "check_spk_structure",
]

CHUNK = 65536  # epochs evaluated at once: bounds the (n_coef, 3, N) temporaries jplephem makes
JUPITER = NAIF_IDS["jupiter"]
SUPPORTED_TYPES = {2: 3, 3: 6}  # SPK data type -> Chebyshev components per record
ICRF_FRAME = 1  # NAIF frame code of J2000/ICRF, the only axes jovianview uses
_NAMES = {v: k for k, v in NAIF_IDS.items()} | {
    5: "jupiter barycentre", 0: "solar system barycentre",
}


def naif_name(code: int) -> str:
    """A readable name for a NAIF id, e.g. ``503 (ganymede)``."""
    return f"{code} ({_NAMES[code]})" if code in _NAMES else str(code)


@dataclass(frozen=True)
class _Segment:
    """One type 2/3 segment: its claimed span (TDB JD) and the jplephem object that evaluates it."""

    target: int
    center: int
    data_type: int
    start: float
    end: float
    impl: Any


@dataclass(frozen=True)
class _Hop:
    """One link of a chain (target relative to centre) and the sign it enters the sum with."""

    target: int
    sign: float
    segments: tuple[_Segment, ...]


class SpkSource:
    """Precise Galilean-moon states from a JPL SPK kernel (types 2 and 3).

    Parameters
    ----------
    path : str or Path
        The kernel file, e.g. ``jup365.bsp`` or an excerpt made by
        :func:`jovianview.data.spk_excerpt.fetch_excerpt`.

    Raises
    ------
    DataFileError
        When the file is missing, not an SPK, truncated or corrupt, or has no type 2/3 segments
        placing Jupiter's centre (599) and at least one Galilean moon on a common centre.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = f"JPL kernel {self.path.name}"
        self._kernel = _open_spk(self.path)
        try:
            by_target = _collect_segments(self._kernel, self.path)
            self._chains = {
                body: chain
                for body in MOONS
                if (chain := _chain(NAIF_IDS[body], by_target)) is not None
            }
        except DataFileError:
            self._kernel.close()
            raise
        if not self._chains:
            self._kernel.close()
            found = ", ".join(naif_name(t) for t in sorted(by_target)) or "none"
            raise DataFileError(
                f"{self.path}: no Galilean moon can be placed relative to Jupiter's centre: "
                f"need type 2/3 segments for 599 and 501-504 on a common centre "
                f"(segments found for: {found})"
            )

    @property
    def bodies(self) -> tuple[str, ...]:
        """The moons this kernel places relative to Jupiter's centre."""
        return tuple(self._chains)

    def spans(self, body: str) -> list[tuple[float, float]]:
        """TDB Julian date intervals where every link of ``body``'s chain is covered."""
        body = normalize_body(body, self.bodies)
        result: list[tuple[float, float]] | None = None
        for hop in self._chains[body]:
            merged = _merge([(s.start, s.end) for s in hop.segments])
            result = merged if result is None else _intersect(result, merged)
        return result or []

    def covered(self, body: str, tdb: NDArray[np.float64]) -> NDArray[np.bool_]:
        """Per epoch of 1-D ``tdb``, whether every link of ``body``'s chain covers it.

        All False for a body this kernel does not place, and for NaN epochs.
        """
        t = np.atleast_1d(np.asarray(tdb, dtype=np.float64)).ravel()
        key = str(body).strip().lower()
        if key not in self._chains:
            return np.zeros(t.shape, dtype=bool)
        ok = np.isfinite(t)
        for hop in self._chains[key]:
            ok &= _assign(hop.segments, t) >= 0
        return ok

    def covers(self, body: str, tdb: NDArray[np.float64]) -> bool:
        """Whether ``body`` is in this kernel and every epoch in ``tdb`` is covered."""
        return bool(np.all(self.covered(body, tdb)))

    def state(
        self, body: str, tdb: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Position (km) and velocity (km/s) of ``body`` relative to Jupiter's centre.

        Parameters
        ----------
        body : str
            One of :attr:`bodies`.
        tdb : array_like
            TDB Julian dates, flattened to N epochs; all must be covered (see :meth:`covers`).

        Returns
        -------
        position, velocity : ndarray, shape (3, N)

        Raises
        ------
        DataFileError
            When an epoch is not covered, or a record gives NaN or infinity (a corrupt file).
        """
        body = normalize_body(body, self.bodies)
        t = np.atleast_1d(np.asarray(tdb, dtype=np.float64)).ravel()
        pos = np.zeros((3, t.size))
        vel = np.zeros((3, t.size))
        for hop in self._chains[body]:
            which = _assign(hop.segments, t)
            if np.any(which < 0):
                bad = float(t[which < 0][0])
                raise DataFileError(
                    f"{self.path}: TDB JD {bad:.6f} is outside the segments of "
                    f"{naif_name(hop.target)}; it covers {_describe(self.spans(body))}"
                )
            for k in np.unique(which):
                sel = np.flatnonzero(which == k)
                p, v = _evaluate(hop.segments[k], t[sel])
                if not (np.isfinite(p).all() and np.isfinite(v).all()):
                    raise DataFileError(_non_finite(self.path, hop.segments[k], t[sel], p, v))
                pos[:, sel] += hop.sign * p
                vel[:, sel] += hop.sign * v
        return pos, vel

    def close(self) -> None:
        """Release the file; the source cannot be used afterwards."""
        self._kernel.close()

    def __repr__(self) -> str:
        return f"SpkSource({str(self.path)!r}, bodies={self.bodies})"


def _open_spk(path: Path) -> SPK:
    """Open ``path`` as a DAF/SPK after checking its structure, or raise DataFileError."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise DataFileError(f"cannot read kernel {path}: {exc.strerror or exc}") from exc
    try:
        size = path.stat().st_size
        if size < 1024:
            raise DataFileError(f"{path}: {size} bytes is too short for a DAF/SPK kernel")
        daf = DAF(handle)
        if daf.locidw not in (b"DAF/SPK", b"NAIF/DAF") or (daf.nd, daf.ni) != (2, 6):
            raise DataFileError(
                f"{path}: not an SPK kernel (file type {daf.locidw.decode('latin-1')!r}, "
                f"ND={daf.nd}, NI={daf.ni}; expected DAF/SPK with ND=2, NI=6)"
            )
        if (daf.free - 1) * 8 > size or not 2 <= daf.fward <= size // 1024:
            raise DataFileError(
                f"{path}: truncated or corrupt: the file record points past the end "
                f"of the file ({size} bytes)"
            )
        _check_summary_records(daf, path, size)
        return SPK(daf)
    except DataFileError:
        handle.close()
        raise
    except (ValueError, struct.error, OSError, IndexError) as exc:
        handle.close()
        raise DataFileError(f"{path}: not a readable DAF/SPK kernel ({exc})") from exc


def check_spk_structure(path: str | Path) -> None:
    """Raise DataFileError unless ``path`` is a structurally sound DAF/SPK file.

    Checks the file record, the summary records and that every segment (of any data type)
    lies inside the file, which catches truncated downloads before a reader trips over them.
    """
    path = Path(path)
    kernel = _open_spk(path)
    try:
        size = path.stat().st_size
        for seg in kernel.segments:
            if not 1 <= seg.start_i < seg.end_i or seg.end_i * 8 > size:
                raise DataFileError(
                    f"{path}: truncated or corrupt: segment {naif_name(seg.target)} rel. "
                    f"{naif_name(seg.center)} lies outside the file ({size} bytes)"
                )
    finally:
        kernel.close()


def _check_summary_records(daf: DAF, path: Path, size: int) -> None:
    """Walk the summary-record list once, rejecting loops and records past the end of file."""
    seen: set[int] = set()
    for number, count, data in daf.summary_records():
        if number in seen or len(data) < 1024 or number * 1024 + 1024 > size:
            raise DataFileError(f"{path}: truncated or corrupt summary record {number}")
        if not 0 <= count <= daf.summaries_per_record:
            raise DataFileError(f"{path}: corrupt summary record {number} ({count} summaries)")
        seen.add(number)


def _collect_segments(kernel: SPK, path: Path) -> dict[int, list[_Segment]]:
    """Validated type 2/3 ICRF segments, grouped by target in file order."""
    size = path.stat().st_size
    by_target: dict[int, list[_Segment]] = {}
    for seg in kernel.segments:
        if seg.data_type not in SUPPORTED_TYPES or seg.frame != ICRF_FRAME:
            continue  # other types/frames may sit in the file; jovianview does not need them
        label = f"{path}: segment {naif_name(seg.target)} rel. {naif_name(seg.center)}"
        if not 1 <= seg.start_i < seg.end_i or seg.end_i * 8 > size:
            raise DataFileError(f"{label} lies outside the file ({size} bytes): truncated?")
        init, intlen, rsize, n = (float(x) for x in kernel.daf.read_array(seg.end_i - 3, seg.end_i))
        ncomp = SUPPORTED_TYPES[seg.data_type]
        ok = (
            all(math.isfinite(x) for x in (init, intlen, rsize, n))
            and intlen > 0
            and n >= 1
            and n == int(n)
            and rsize == int(rsize)
            and rsize > 2
            and (rsize - 2) % ncomp == 0
            and seg.end_i - seg.start_i + 1 == n * rsize + 4
        )
        if not ok:
            raise DataFileError(
                f"{label} is corrupt: directory INIT={init}, INTLEN={intlen}, RSIZE={rsize}, "
                f"N={n} does not match its {seg.end_i - seg.start_i + 1} words"
            )
        slack = 1e-3  # seconds: tolerance for rounding in the summary's span
        if init > seg.start_second + slack or init + n * intlen < seg.end_second - slack:
            raise DataFileError(f"{label} is corrupt: its records do not cover its stated span")
        by_target.setdefault(seg.target, []).append(
            _Segment(seg.target, seg.center, seg.data_type, seg.start_jd, seg.end_jd, seg)
        )
    return by_target


def _path_to_root(code: int, by_target: dict[int, list[_Segment]]) -> list[int]:
    """Nodes from ``code`` following each target's centre until a node has no segment."""
    nodes = [code]
    while nodes[-1] in by_target and len(nodes) < 16:
        centre = by_target[nodes[-1]][-1].center
        if centre in nodes:
            break
        nodes.append(centre)
    return nodes


def _chain(body: int, by_target: dict[int, list[_Segment]]) -> list[_Hop] | None:
    """Hops giving ``body`` minus Jupiter's centre, or None when they share no centre."""
    if body not in by_target:
        return None
    body_path = _path_to_root(body, by_target)
    jup_path = _path_to_root(JUPITER, by_target)
    common = next((n for n in body_path if n in jup_path), None)
    if common is None:
        return None
    hops = []
    for path, sign in ((body_path, 1.0), (jup_path, -1.0)):
        for node in path[: path.index(common)]:
            centre = by_target[node][-1].center
            segments = tuple(s for s in by_target[node] if s.center == centre)
            hops.append(_Hop(node, sign, segments))
    return hops


def _assign(segments: tuple[_Segment, ...], t: NDArray[np.float64]) -> NDArray[np.intp]:
    """Index of the segment used at each epoch (the last covering one in file order), -1: none."""
    which = np.full(t.shape, -1, dtype=np.intp)
    for k in range(len(segments) - 1, -1, -1):
        seg = segments[k]
        free = (which < 0) & (t >= seg.start) & (t <= seg.end)
        which[free] = k
    return which


def _evaluate(
    seg: _Segment, t: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Position (km) and velocity (km/s) of one segment at epochs it covers, in chunks."""
    pos = np.empty((3, t.size))
    vel = np.empty((3, t.size))
    for lo in range(0, t.size, CHUNK):
        part = t[lo : lo + CHUNK]
        if seg.data_type == 3:
            values = seg.impl.compute(part)  # type 3 stores velocity itself, km/s
            pos[:, lo : lo + CHUNK] = values[:3]
            vel[:, lo : lo + CHUNK] = values[3:6]
        else:
            values, rates = seg.impl.compute_and_differentiate(part)
            pos[:, lo : lo + CHUNK] = values
            vel[:, lo : lo + CHUNK] = rates / SECONDS_PER_DAY  # jplephem's rates are km/day
    return pos, vel


def _non_finite(path: Path, seg: _Segment, t: NDArray[np.float64], pos: NDArray[np.float64],
                vel: NDArray[np.float64]) -> str:
    """The message for a segment whose records give NaN or infinity (a corrupt kernel)."""
    bad = ~(np.isfinite(pos).all(axis=0) & np.isfinite(vel).all(axis=0))
    first = float(t[bad][0])
    return (f"{path}: segment {naif_name(seg.target)} rel. {naif_name(seg.center)} "
            f"(TDB JD {seg.start:.3f} to {seg.end:.3f}) gives NaN or infinite states "
            f"(first at TDB JD {first:.6f}): the kernel is corrupt; download it again or "
            "use another")


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of closed intervals as sorted, disjoint intervals."""
    merged: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _intersect(
    a: list[tuple[float, float]], b: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Intersection of two sorted, disjoint interval lists."""
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if lo <= hi:
                out.append((lo, hi))
    return _merge(out)


def _describe(spans: list[tuple[float, float]]) -> str:
    """``JD a to JD b`` for each span, for messages."""
    return ", ".join(f"TDB JD {a:.3f} to {b:.3f}" for a, b in spans) or "nothing"


def seconds_to_jd(seconds: float) -> float:
    """TDB seconds past J2000 (the SPK time argument) as a TDB Julian date."""
    return J2000_TDB + seconds / SECONDS_PER_DAY


# Kept importable here for callers written before Ephemeris (cli/kernels.py).
from jovianview.core.ephemeris.compat import (  # noqa: E402
    active_kernel,
    stop_using_kernel,
    use_kernel,
)
