"""A bundle of Jupiter's magnetic field lines to draw: traced once in the core, cached.

Lines start on the JRM33 dipole equator at several M-shells and magnetic longitudes and are
traced both ways to Jupiter's 1-bar surface in JRM33 + Con2020. They are fixed in System III
(the render layer turns them with Jupiter); each vertex carries its field strength.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core.field.internal import dipole_axis
from jovianview.core.field.model import field
from jovianview.core.field.trace import NORTH, SOUTH, surface_stop, trace
from jovianview.model import traced_store

SHELLS_RJ = (2.0, 3.5, 6.0, 10.0, 16.0)  # M-shells of the bundle (Io's at ~5.9)
LONGITUDES = 8  # magnetic longitudes per shell, evenly spaced


@dataclass(frozen=True)
class FieldLine:
    """One traced line: vertices (3, N) in System III R_J and |B| (nT) at each."""

    points: NDArray[np.float64]
    strength_nt: NDArray[np.float64]
    shell_rj: float


def _equator_basis() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    axis = dipole_axis()
    e1 = np.cross(axis, [0.0, 0.0, 1.0])
    e1 /= np.linalg.norm(e1)
    return e1, np.cross(axis, e1)


STEP_FRACTION = 0.06  # the tracer's step, a share of the distance from Jupiter's centre


@cache
def field_lines(shells: tuple[float, ...] = SHELLS_RJ, longitudes: int = LONGITUDES
                ) -> tuple[FieldLine, ...]:
    """The bundle: for each shell and longitude, the whole line from north to south foot;
    the shipped traces where they match the model (model/traced_store.py)."""
    got = traced_store.stored("field_lines", (tuple(shells), longitudes, STEP_FRACTION))
    if got is None:
        return trace_field_lines(tuple(shells), longitudes)
    ends = np.cumsum(got["counts"])
    return tuple(FieldLine(got["points"][:, e - n:e], got["strength_nt"][e - n:e], float(s))
                 for n, e, s in zip(got["counts"], ends, got["shells"], strict=True))


def packed(lines: tuple[FieldLine, ...]) -> dict[str, NDArray[np.float64]]:
    """``lines`` as the arrays the shipped store keeps (tools/make_traces.py)."""
    return {"points": np.concatenate([ln.points for ln in lines], axis=1),
            "strength_nt": np.concatenate([ln.strength_nt for ln in lines]),
            "counts": np.array([ln.points.shape[1] for ln in lines]),
            "shells": np.array([ln.shell_rj for ln in lines])}


def trace_field_lines(shells: tuple[float, ...], longitudes: int) -> tuple[FieldLine, ...]:
    """:func:`field_lines` traced now."""
    e1, e2 = _equator_basis()
    lon = np.arange(longitudes) * (2 * np.pi / longitudes)
    starts = np.concatenate(
        [s * (np.outer(e1, np.cos(lon)) + np.outer(e2, np.sin(lon))) for s in shells], axis=1)
    n = starts.shape[1]
    both = np.concatenate([starts, starts], axis=1)
    signs = np.concatenate([np.full(n, NORTH), np.full(n, SOUTH)])
    traced = trace(both, signs, surface_stop, record=True, step_fraction=STEP_FRACTION)
    paths, ok = traced.paths, traced.ok
    assert paths is not None
    lines = []
    for i in range(n):
        if not (ok[i] and ok[i + n]):  # open (or too long) lines are left out
            continue
        halves = []
        for j in (i, i + n):
            p = paths[:, :, j]
            keep = np.ones(len(p), bool)
            keep[1:] = np.any(np.abs(np.diff(p, axis=0)) > 0, axis=1)  # drop repeats at the end
            halves.append(p[keep])
        pts = np.concatenate([halves[0][::-1], halves[1][1:]]).T  # north foot -> south foot
        if not np.isfinite(pts).all():
            continue
        lines.append(FieldLine(pts, np.linalg.norm(field(pts), axis=0),
                               float(shells[i // longitudes])))
    return tuple(lines)
