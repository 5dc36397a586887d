"""Small synthetic SPK kernels for the tests: circular orbits fitted with Chebyshev records.

The kernels are written with jplephem's DAF writer in the layout JPL's ``jup365.bsp`` uses
(targets 501-504 and 599 relative to centre 5, frame 1, SPK types 2 or 3), so the tests can
check :class:`~jovianview.core.ephemeris.spk.SpkSource` and the excerpt downloader against known
analytic positions without any network.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from jplephem.daf import DAF, FTPSTR
from numpy.polynomial import chebyshev as npcheb

J2000 = 2451545.0
DAY = 86400.0
T0 = 2458849.5  # 2020-01-01 00:00 TDB, start of every test kernel

# radius km, period days, phase rad, inclination rad: Galilean-like circles, and a small
# reflex circle for Jupiter's centre about the barycentre.
ORBITS = {
    501: (421_700.0, 1.769, 0.3, 0.04),
    502: (671_034.0, 3.551, 1.1, 0.06),
    503: (1_070_412.0, 7.155, 2.0, 0.03),
    504: (1_882_709.0, 16.69, 4.0, 0.05),
    599: (180.0, 16.69, 4.0 + np.pi, 0.05),
}


def orbit(target: int, t_jd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Analytic position (km) and velocity (km/s) of ``target`` relative to centre 5."""
    radius, period, phase, incl = ORBITS[target]
    w = 2 * np.pi / period
    a = phase + w * (np.asarray(t_jd, dtype=np.float64) - T0)
    x, y = radius * np.cos(a), radius * np.sin(a)
    vx, vy = -radius * w * np.sin(a) / DAY, radius * w * np.cos(a) / DAY
    ci, si = np.cos(incl), np.sin(incl)
    pos = np.array([x, y * ci, y * si])
    vel = np.array([vx, vy * ci, vy * si])
    return pos, vel


@dataclass(frozen=True)
class Seg:
    """A segment to write: ``target`` rel. ``center``, ``n`` records of ``step`` days."""

    target: int
    start: float
    n: int
    step: float = 0.5
    ncoef: int = 14
    data_type: int = 2
    center: int = 5

    @property
    def end(self) -> float:
        return self.start + self.n * self.step


def records(seg: Seg) -> np.ndarray:
    """The segment's coefficient records, shape (n, rsize), MID/RADIUS in seconds past J2000."""
    ncomp = 3 if seg.data_type == 2 else 6
    x = np.cos(np.pi * (np.arange(2 * seg.ncoef) + 0.5) / (2 * seg.ncoef))  # Chebyshev nodes
    rows = []
    for k in range(seg.n):
        mid = seg.start + (k + 0.5) * seg.step
        pos, vel = orbit(seg.target, mid + x * seg.step / 2)
        comps = np.vstack([pos, vel])[:ncomp]
        coef = [npcheb.chebfit(x, c, seg.ncoef - 1) for c in comps]
        mid_s = (mid - J2000) * DAY
        rows.append(np.concatenate([[mid_s, seg.step * DAY / 2], *coef]))
    return np.array(rows)


def empty_daf(path: Path, endian: str = "<", comment: str = "jovianview test kernel") -> None:
    """Write a DAF/SPK with a one-record comment area and an empty summary record."""
    locfmt = b"LTL-IEEE" if endian == "<" else b"BIG-IEEE"
    head = struct.pack(
        endian + "8sII60sIII8s603s28s297s",
        b"DAF/SPK ", 2, 6, b"jovianview test".ljust(60), 3, 3, 4 * 128 + 1, locfmt,
        b"\0" * 603, FTPSTR.ljust(28, b"\0"), b"\0" * 297,
    )
    text = comment.encode("ascii") + b"\x04"
    with open(path, "wb") as f:
        f.write(head)
        f.write(text.ljust(1024, b" "))
        f.write(b"\0" * 1024)  # summary record: next=0, prev=0, count=0
        f.write(b" " * 1024)  # name record


def write_spk(path: Path, segments: list[Seg], endian: str = "<") -> Path:
    """Write ``segments`` (in order) to a new SPK file at ``path``."""
    empty_daf(path, endian)
    with open(path, "r+b") as f:
        daf = DAF(f)
        for seg in segments:
            rec = records(seg)
            rsize, n = rec.shape[1], rec.shape[0]
            words = np.concatenate([rec.ravel(), [(seg.start - J2000) * DAY, seg.step * DAY,
                                                  rsize, n]])
            values = ((seg.start - J2000) * DAY, (seg.end - J2000) * DAY, seg.target,
                      seg.center, 1, seg.data_type)
            daf.add_array(f"synthetic {seg.target}".encode(), values, words)
    return path


def standard_segments(data_type: int = 2, days: float = 60.0) -> list[Seg]:
    """Two segments per target (split at a third of the span, different steps), all five targets."""
    split = round(days / 3)
    segs = []
    for target in (501, 502, 503, 504, 599):
        step = 0.5 if target in (501, 502) else 1.0
        first = int(split / step)
        rest = int((days - split) / step)
        segs.append(Seg(target, T0, first, step, data_type=data_type))
        segs.append(Seg(target, T0 + first * step, rest, step, data_type=data_type))
    return segs
