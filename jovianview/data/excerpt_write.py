"""Write the downloaded records of an :class:`ExcerptPlan` as a new SPK file, and check it.

The new file copies the remote kernel's file record (format and endianness), gets a short
comment naming its source, and one array per planned segment: the downloaded Chebyshev records
followed by the trimmed directory words INIT, INTLEN, RSIZE, N, with the summary's span clipped
to the request. jplephem's DAF writer lays out summaries and arrays.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
from jplephem.daf import DAF
from jplephem.spk import SPK
from numpy.polynomial import chebyshev as npcheb
from numpy.typing import NDArray

from jovianview import __version__
from jovianview.core.ephemeris.spk import MOONS, NAIF_IDS, SpkSource, naif_name
from jovianview.core.errors import DataFileError
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY
from jovianview.data.excerpt_plan import ExcerptPlan, SegmentPlan

__all__ = ["write_excerpt", "verify_excerpt"]

RECORD = 1024
# Plausible distances (km) from the Jupiter barycentre: semi-major axes of the Galilean moons
# (JPL SSD satellite mean elements), with a wide margin; Jupiter's centre stays within a few
# hundred km of the barycentre.
_RADIUS_KM = {501: 421_800.0, 502: 671_100.0, 503: 1_070_400.0, 504: 1_882_700.0}
_JUPITER_OFFSET_MAX_KM = 2_000.0


def segment_words(plan: ExcerptPlan, data: bytes) -> list[NDArray[np.float64]]:
    """Split the downloaded bytes into each segment's records, shape (n, rsize)."""
    if len(data) != plan.total:
        raise DataFileError(f"downloaded {len(data)} bytes of records, expected {plan.total}")
    out, pos = [], 0
    for seg in plan.segments:
        words = np.frombuffer(data, dtype=plan.endian + "f8", count=seg.length // 8, offset=pos)
        out.append(words.astype(np.float64).reshape(seg.n, seg.rsize))
        pos += seg.length
    return out


def write_excerpt(plan: ExcerptPlan, data: bytes, path: Path) -> None:
    """Write a complete SPK file at ``path`` from the plan and its downloaded records."""
    comment = (
        f"Excerpt of {plan.url} made by jovianview {__version__}.\n"
        f"Targets {', '.join(naif_name(t) for t in plan.targets)}; "
        f"TDB JD {plan.start_jd:.6f} to {plan.end_jd:.6f}.\n"
        "Only the Chebyshev records covering this span were copied; summaries are clipped to it.\n"
    )
    text = comment.encode("ascii", "replace").replace(b"\n", b"\0") + b"\x04"
    blocks = [text[i : i + 1000].ljust(RECORD, b" ") for i in range(0, len(text), 1000)]
    with open(path, "w+b") as f:
        f.write(bytes.fromhex(plan.file_record_hex))
        f.write(b"".join(blocks))
        f.write(b"\0" * RECORD)  # first summary record: no next, no previous, no summaries
        f.write(b" " * RECORD)  # its name record
        f.seek(0)
        daf = DAF(f)
        daf.fward = daf.bward = 2 + len(blocks)
        daf.free = (daf.fward + 1) * (RECORD // 8) + 1
        daf.write_file_record()
        for seg, records in zip(plan.segments, segment_words(plan, data), strict=True):
            words = np.concatenate([records.ravel(), [seg.init, seg.intlen, seg.rsize, seg.n]])
            values = (seg.start_s, seg.end_s, seg.target, seg.center, seg.frame, seg.data_type)
            daf.add_array(seg.name.encode("latin-1"), values, words)
        f.flush()
        os.fsync(f.fileno())


def raw_state(seg: SegmentPlan, records: NDArray[np.float64], t_s: float) -> NDArray[np.float64]:
    """Position (km) at ``t_s`` (TDB s past J2000) evaluated straight from the raw records."""
    k = min(max(math.floor((t_s - seg.init) / seg.intlen), 0), seg.n - 1)
    mid, radius = records[k, :2]
    ncoef = (seg.rsize - 2) // (3 if seg.data_type == 2 else 6)
    coef = records[k, 2 : 2 + 3 * ncoef].reshape(3, ncoef)
    return np.array([npcheb.chebval((t_s - mid) / radius, c) for c in coef])


def verify_excerpt(plan: ExcerptPlan, data: bytes, path: Path) -> None:
    """Reopen the written excerpt and check coverage, values and plausibility.

    Every target must be covered over the whole span; at the start, middle and end of each
    segment, jplephem's reading of the new file must equal a direct evaluation of the
    downloaded records; positions must be finite and at plausible distances.

    Raises
    ------
    DataFileError
        Naming the target and what failed.
    """
    start_s = (plan.start_jd - J2000_TDB) * SECONDS_PER_DAY
    end_s = (plan.end_jd - J2000_TDB) * SECONDS_PER_DAY
    with open(path, "rb") as handle:
        kernel = SPK(DAF(handle))
        if len(kernel.segments) != len(plan.segments):
            raise DataFileError(f"{path}: wrote {len(kernel.segments)} segments, planned more")
        for target in plan.targets:
            spans = sorted((s.start_second, s.end_second) for s in kernel.segments
                           if s.target == target)
            reach = start_s
            for a, b in spans:
                if a <= reach:
                    reach = max(reach, b)
            if not spans or spans[0][0] > start_s or reach < end_s:
                raise DataFileError(f"{path}: {naif_name(target)} does not cover the span")
        for seg, records, written in zip(
            plan.segments, segment_words(plan, data), kernel.segments, strict=True
        ):
            for t_s in np.linspace(seg.start_s, seg.end_s, 3):
                expected = raw_state(seg, records, float(t_s))
                # J2000 plus a fraction keeps the epoch exact to ~1e-7 s (a single JD would
                # round it to ~4e-5 s, i.e. ~1e-3 km at Io's speed).
                got = np.asarray(written.compute(J2000_TDB, float(t_s) / SECONDS_PER_DAY))[:3]
                _check_values(path, seg, expected, got)
    if NAIF_IDS["jupiter"] in plan.targets and any(NAIF_IDS[m] in plan.targets for m in MOONS):
        SpkSource(path).close()  # the file must also serve as a jovianview kernel


def _check_values(
    path: Path, seg: SegmentPlan, expected: NDArray[np.float64], got: NDArray[np.float64]
) -> None:
    label = f"{path}: {naif_name(seg.target)}"
    if not (np.all(np.isfinite(expected)) and np.all(np.isfinite(got))):
        raise DataFileError(f"{label}: positions are not finite numbers: corrupt download")
    if np.max(np.abs(got - expected)) > 1e-5 + 1e-12 * np.linalg.norm(expected):
        raise DataFileError(f"{label}: written file disagrees with the downloaded records")
    r = float(np.linalg.norm(expected))
    if seg.target in _RADIUS_KM and seg.center in (5, 599):
        a = _RADIUS_KM[seg.target]
        if not 0.9 * a <= r <= 1.1 * a:
            raise DataFileError(f"{label}: distance {r:.0f} km is implausible (expect ~{a:.0f})")
    if seg.target == NAIF_IDS["jupiter"] and seg.center == 5 and r > _JUPITER_OFFSET_MAX_KM:
        raise DataFileError(f"{label}: {r:.0f} km from the barycentre is implausible")
