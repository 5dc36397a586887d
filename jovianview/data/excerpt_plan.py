"""Which bytes of a remote SPK kernel an excerpt needs: the plan behind :func:`fetch_excerpt`.

The remote file's DAF file record and summary records are read with HTTP Range requests
(through jplephem's DAF reader on a small remote-file adapter); then, for every type 2/3
segment of a requested target overlapping the span, its directory words INIT, INTLEN, RSIZE, N
give the first and last Chebyshev record the span touches.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from jplephem.daf import DAF

from jovianview.core.ephemeris.spk import SUPPORTED_TYPES, naif_name, seconds_to_jd
from jovianview.core.errors import DataFileError
from jovianview.core.timescale import J2000_TDB, SECONDS_PER_DAY, tdb_to_iso
from jovianview.data.http import RangeReader

__all__ = ["SegmentPlan", "ExcerptPlan", "plan_excerpt"]

RECORD = 1024


@dataclass(frozen=True)
class SegmentPlan:
    """One trimmed segment: its new summary and the remote bytes holding its records."""

    name: str  # segment name, latin-1
    target: int
    center: int
    frame: int
    data_type: int
    start_s: float  # claimed span, TDB seconds past J2000
    end_s: float
    init: float  # directory words of the trimmed segment
    intlen: float
    rsize: int
    n: int
    offset: int  # first byte of the needed records in the remote file
    length: int  # bytes of records to download


@dataclass(frozen=True)
class ExcerptPlan:
    """Everything needed to download and assemble an excerpt; JSON-able for resuming."""

    url: str
    remote_size: int
    validator: str
    endian: str  # '<' or '>'
    file_record_hex: str  # the remote's first record, copied into the excerpt
    start_jd: float
    end_jd: float
    targets: tuple[int, ...]
    segments: tuple[SegmentPlan, ...]

    @property
    def total(self) -> int:
        """Bytes of Chebyshev records to download."""
        return sum(s.length for s in self.segments)

    def to_json(self) -> dict:
        """A plain dict for ``json.dump``."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ExcerptPlan:
        """Inverse of :meth:`to_json`."""
        segs = tuple(SegmentPlan(**s) for s in data["segments"])
        return cls(**{**data, "targets": tuple(data["targets"]), "segments": segs})


class _RemoteRecords:
    """Just enough of a binary file (seek/read) for jplephem's DAF, fetching 2 records at once."""

    def __init__(self, reader: RangeReader) -> None:
        self.reader = reader
        self.cache: dict[int, bytes] = {}
        self.pos = 0

    def seek(self, offset: int, whence: int = 0) -> None:
        self.pos = offset

    def read(self, size: int) -> bytes:
        first, last = self.pos // RECORD, (self.pos + size - 1) // RECORD
        if any(r not in self.cache for r in range(first, last + 1)):
            count = max(2, last - first + 1)  # a summary record and its name record together
            if self.reader.size is not None:
                count = max(1, min(count, self.reader.size // RECORD - first))
            data = self.reader.read(first * RECORD, count * RECORD)
            for k in range(count):
                self.cache[first + k] = data[k * RECORD : (k + 1) * RECORD]
        data = b"".join(self.cache.get(r, b"") for r in range(first, last + 1))
        start = self.pos - first * RECORD
        self.pos += size
        return data[start : start + size]


def _iso(jd: float) -> str:
    try:
        return f"{tdb_to_iso(jd, 0)} UTC"
    except Exception:  # noqa: BLE001 - far outside the leap-second table: plain JD is fine
        return f"TDB JD {jd:.3f}"


def plan_excerpt(
    reader: RangeReader, start_jd: float, end_jd: float, targets: tuple[int, ...]
) -> ExcerptPlan:
    """Read the remote kernel's index and plan the excerpt of ``targets`` over the span.

    Raises
    ------
    DataFileError
        When the remote file is not an SPK, or a target has no type 2/3 segment covering
        the whole span (the message gives the span the kernel does cover).
    """
    if not (math.isfinite(start_jd) and math.isfinite(end_jd)) or end_jd <= start_jd:
        raise DataFileError(f"empty or invalid span: TDB JD {start_jd} to {end_jd}")
    url = reader.url
    remote = _RemoteRecords(reader)
    try:
        daf = DAF(remote)
        summaries = _summaries(daf, url)
    except (ValueError, IndexError) as exc:
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError(f"{url}: not a readable DAF/SPK kernel ({exc})") from exc
    if daf.locidw not in (b"DAF/SPK", b"NAIF/DAF") or (daf.nd, daf.ni) != (2, 6):
        raise DataFileError(f"{url}: not an SPK kernel (file type {daf.locidw!r})")
    size = reader.size or 0
    start_s = (start_jd - J2000_TDB) * SECONDS_PER_DAY
    end_s = (end_jd - J2000_TDB) * SECONDS_PER_DAY
    plans: list[SegmentPlan] = []
    for target in targets:
        mine = [s for s in summaries if s[1][2] == target and s[1][5] in SUPPORTED_TYPES]
        if not mine:
            raise DataFileError(f"{url}: no type 2/3 segment for {naif_name(target)}")
        used = [s for s in mine if s[1][0] <= end_s and s[1][1] >= start_s]
        covered = _covered([(max(v[0], start_s), min(v[1], end_s)) for _, v in used])
        if covered != [(start_s, end_s)]:
            spans = _covered([(v[0], v[1]) for _, v in mine])
            have = "; ".join(
                f"{_iso(seconds_to_jd(a))} to {_iso(seconds_to_jd(b))}" for a, b in spans
            )
            raise DataFileError(
                f"{url}: {naif_name(target)} is not covered from {_iso(start_jd)} to "
                f"{_iso(end_jd)}; the kernel covers {have}"
            )
        plans.extend(
            _plan_segment(reader, daf.endian, name, values, start_s, end_s) for name, values in used
        )
    return ExcerptPlan(
        url=url,
        remote_size=size,
        validator=reader.validator,
        endian=daf.endian,
        file_record_hex=remote.cache[0].hex(),
        start_jd=float(start_jd),
        end_jd=float(end_jd),
        targets=tuple(int(t) for t in targets),
        segments=tuple(plans),
    )


def _summaries(daf: DAF, url: str) -> list[tuple[bytes, tuple]]:
    """All summaries, guarding against loops and garbage counts in a corrupt index."""
    out = []
    seen: set[int] = set()
    for number, count, _ in daf.summary_records():
        if number in seen or not 0 <= count <= daf.summaries_per_record or len(seen) > 10000:
            raise DataFileError(f"{url}: corrupt summary record {number}")
        seen.add(number)
    for name, values in daf.summaries():
        out.append((name, values))
    return out


def _covered(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Union of closed intervals (empty ones dropped), sorted."""
    merged: list[tuple[float, float]] = []
    for a, b in sorted(i for i in intervals if i[0] <= i[1]):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _plan_segment(
    reader: RangeReader, endian: str, name: bytes, values: tuple, start_s: float, end_s: float
) -> SegmentPlan:
    """Read a segment's directory words and pick the records overlapping the span."""
    seg_start, seg_end, target, center, frame, data_type, first_word, last_word = values
    size = reader.size or 0
    label = f"{reader.url}: segment {naif_name(target)} rel. {naif_name(center)}"
    if not 1 <= first_word < last_word or (size and last_word * 8 > size):
        raise DataFileError(f"{label} lies outside the remote file ({size} bytes)")
    words = np.frombuffer(reader.read((last_word - 4) * 8, 32), dtype=endian + "f8")
    init, intlen, rsize_f, n_f = (float(x) for x in words)
    ncomp = SUPPORTED_TYPES[data_type]
    if not (
        all(math.isfinite(x) for x in (init, intlen, rsize_f, n_f))
        and intlen > 0
        and n_f >= 1
        and rsize_f > 2
        and (rsize_f - 2) % ncomp == 0
        and last_word - first_word + 1 == n_f * rsize_f + 4
    ):
        raise DataFileError(
            f"{label} is corrupt: INIT={init}, INTLEN={intlen}, RSIZE={rsize_f}, N={n_f}"
        )
    rsize, n = int(rsize_f), int(n_f)
    i = min(max(math.floor((max(start_s, seg_start) - init) / intlen), 0), n - 1)
    j = min(max(math.floor((min(end_s, seg_end) - init) / intlen) + 1, i + 1), n)
    return SegmentPlan(
        name=name.decode("latin-1"),
        target=int(target),
        center=int(center),
        frame=int(frame),
        data_type=int(data_type),
        start_s=max(seg_start, start_s),
        end_s=min(seg_end, end_s),
        init=init + i * intlen,
        intlen=intlen,
        rsize=rsize,
        n=j - i,
        offset=(first_word - 1 + i * rsize) * 8,
        length=(j - i) * rsize * 8,
    )

