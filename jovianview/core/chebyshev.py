"""Piecewise Chebyshev tables: the storage and evaluation of every embedded trajectory.

A table covers ``[start, start + n_segments * step]`` (TDB Julian dates) with equal segments;
each segment holds ``n_coef`` Chebyshev coefficients per axis for position in km. Velocity comes
from the analytic derivative, so position and velocity are always consistent.

Evaluation is vectorised and chunked: memory stays bounded for any number of epochs, and cost
grows linearly with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.polynomial import chebyshev as npcheb
from numpy.typing import NDArray

from jovianview.core.timescale import SECONDS_PER_DAY

CHUNK = 16384  # epochs per chunk: keeps the working set in cache and memory bounded


@dataclass(frozen=True)
class ChebyshevTable:
    """Equal-length Chebyshev segments of a position (km) against TDB Julian date.

    Parameters
    ----------
    start : float
        TDB Julian date where the first segment begins.
    step : float
        Length of every segment, days.
    coef : ndarray, shape (n_segments, n_coef, 3)
        Coefficients of x, y, z in km; ``tau = 2 (t - t_seg) / step - 1``.
    """

    start: float
    step: float
    coef: NDArray[np.float64]
    _dcoef: NDArray[np.float64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        coef = np.ascontiguousarray(self.coef, dtype=np.float64)
        if coef.ndim != 3 or coef.shape[2] != 3 or coef.shape[1] < 2:
            raise ValueError(
                f"Chebyshev coefficients must be (n_seg, n_coef>=2, 3), got {coef.shape}"
            )
        object.__setattr__(self, "coef", coef)
        # d/dt = d/dtau * 2/step; in km/s.
        dcoef = npcheb.chebder(coef, axis=1) * (2.0 / (self.step * SECONDS_PER_DAY))
        object.__setattr__(self, "_dcoef", np.ascontiguousarray(dcoef))

    @property
    def end(self) -> float:
        """TDB Julian date where the last segment ends."""
        return self.start + self.coef.shape[0] * self.step

    def _locate(self, t: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        offset = (t - self.start) / self.step
        index = np.clip(np.floor(offset).astype(np.intp), 0, self.coef.shape[0] - 1)
        tau = 2.0 * (offset - index) - 1.0
        return index, tau

    def state(self, t: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Position (km) and velocity (km/s) at TDB Julian dates ``t`` (1-D), each (3, N).

        Times must already be checked against ``[start, end]``.
        """
        t = np.asarray(t, dtype=np.float64).ravel()
        n = t.size
        pos = np.empty((3, n))
        vel = np.empty((3, n))
        for lo in range(0, n, CHUNK):
            hi = min(lo + CHUNK, n)
            index, tau = self._locate(t[lo:hi])
            pos[:, lo:hi], vel[:, lo:hi] = _evaluate(self.coef, self._dcoef, index, tau)
        return pos, vel


def _evaluate(coef, dcoef, index, tau):
    """Sum the series with the Chebyshev recurrence on gathered coefficients."""
    n_coef = coef.shape[1]
    c = coef[index]  # (N, n_coef, 3)
    d = dcoef[index]  # (N, n_coef - 1, 3)
    t_prev = np.ones_like(tau)
    t_cur = tau
    pos = c[:, 0, :] + c[:, 1, :] * tau[:, None]
    vel = d[:, 0, :].copy()
    two_tau = 2.0 * tau
    for k in range(2, n_coef):
        t_prev, t_cur = t_cur, two_tau * t_cur - t_prev
        pos += c[:, k, :] * t_cur[:, None]
    # The derivative series is one term shorter: T_0 .. T_{n-2}.
    t_prev = np.ones_like(tau)
    t_cur = tau
    if n_coef > 2:
        vel += d[:, 1, :] * tau[:, None]
    for k in range(2, n_coef - 1):
        t_prev, t_cur = t_cur, two_tau * t_cur - t_prev
        vel += d[:, k, :] * t_cur[:, None]
    return pos.T, vel.T


def fit_table(func, start: float, end: float, step: float, n_coef: int) -> ChebyshevTable:
    """Fit a table to ``func(t) -> (3, N) km`` sampled at Chebyshev nodes of each segment.

    Used by the generators in ``tools/``; interpolation at the nodes of the first kind is
    near-minimax, so the error is close to the best possible for the degree.
    """
    n_seg = int(np.ceil((end - start) / step - 1e-9))
    k = np.arange(n_coef)
    nodes = np.cos(np.pi * (k + 0.5) / n_coef)  # tau in (-1, 1)
    seg_start = start + step * np.arange(n_seg)
    times = seg_start[:, None] + (nodes[None, :] + 1.0) * 0.5 * step
    values = np.asarray(func(times.ravel()), dtype=float).reshape(3, n_seg, n_coef)
    # Solve each segment's interpolation with the node Vandermonde matrix.
    vander = npcheb.chebvander(nodes, n_coef - 1)  # (n_coef nodes, n_coef coefs)
    inv = np.linalg.inv(vander)
    coef = np.einsum("kj,asj->sak", inv, values).transpose(0, 2, 1)
    return ChebyshevTable(start=start, step=step, coef=np.ascontiguousarray(coef))
