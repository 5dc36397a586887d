"""Piecewise Chebyshev tables: the storage and evaluation of every embedded trajectory.

A table covers ``[start, start + n_segments * step]`` (TDB Julian dates) with equal segments;
each segment holds ``n_coef`` Chebyshev coefficients per axis for position in km. Velocity comes
from the analytic derivative, so position and velocity are always consistent.

Evaluation is vectorised and chunked: memory stays bounded for any number of epochs, and cost
grows linearly with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from numpy.polynomial import chebyshev as npcheb
from numpy.typing import ArrayLike, NDArray

from jovianview.core.timescale import SECONDS_PER_DAY

CHUNK = 4096  # epochs per chunk: keeps the working set in cache and memory bounded
PARALLEL_MIN = 4 * CHUNK  # below this, threads cost more than they save


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
    _rows: NDArray[np.float64] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        coef = np.ascontiguousarray(self.coef, dtype=np.float64)
        if coef.ndim != 3 or coef.shape[2] != 3 or coef.shape[1] < 2:
            raise ValueError(
                f"Chebyshev coefficients must be (n_seg, n_coef>=2, 3), got {coef.shape}"
            )
        object.__setattr__(self, "coef", coef)
        # (n_seg, 3, n_coef): one contiguous row per axis, the layout the matmul wants.
        object.__setattr__(self, "_rows", np.ascontiguousarray(coef.transpose(0, 2, 1)))

    @property
    def end(self) -> float:
        """TDB Julian date where the last segment ends."""
        return self.start + self.coef.shape[0] * self.step

    def state(self, t: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Position (km) and velocity (km/s) at TDB Julian dates ``t`` (1-D), each (3, N).

        Times must already be checked against ``[start, end]``. Large batches are split into
        chunks shared between threads (numpy releases the GIL), so memory beyond the result
        stays bounded and both cores work.
        """
        t = np.asarray(t, dtype=np.float64).ravel()
        pos = np.empty((3, t.size))
        vel = np.empty((3, t.size))
        in_chunks(t.size, lambda lo: self._chunk(t, lo, pos, vel))
        return pos, vel

    def _chunk(self, t: NDArray[np.float64], lo: int, pos: NDArray[np.float64],
               vel: NDArray[np.float64]) -> None:
        hi = min(lo + CHUNK, t.size)
        offset = (t[lo:hi] - self.start) / self.step
        index = np.clip(offset.astype(np.intp), 0, self.coef.shape[0] - 1)
        tau = 2.0 * (offset - index) - 1.0
        # (m, 3, K) @ (m, K, 2): position and d/dtau in one pass over the coefficients.
        both = np.matmul(self._rows[index], chebyshev_basis(tau, self.coef.shape[1]))
        pos[:, lo:hi] = both[:, :, 0].T
        np.multiply(both[:, :, 1].T, 2.0 / (self.step * SECONDS_PER_DAY), out=vel[:, lo:hi])


def in_chunks(n: int, work: Callable[[int], object]) -> None:
    """Call ``work(lo)`` for lo = 0, CHUNK, 2 CHUNK, ... < n; on threads when n is large.

    Each call handles epochs ``lo:lo + CHUNK`` and writes its own slice of the output, so the
    calls are independent; numpy releases the GIL, so the threads really run in parallel.
    """
    starts = range(0, n, CHUNK)
    if n >= PARALLEL_MIN and _workers() > 1:
        with ThreadPoolExecutor(_workers()) as pool:
            list(pool.map(work, starts))
    else:
        for lo in starts:
            work(lo)


@cache
def _workers() -> int:
    return min(4, os.cpu_count() or 1)


def chebyshev_basis(tau: NDArray[np.float64], n_coef: int) -> NDArray[np.float64]:
    """T_k(tau) and dT_k/dtau = k U_{k-1}(tau) for k < n_coef, shape (m, n_coef, 2)."""
    m = tau.size
    basis = np.empty((m, n_coef, 2))
    basis[:, 0, 0] = 1.0
    basis[:, 1, 0] = tau
    basis[:, 0, 1] = 0.0
    basis[:, 1, 1] = 1.0
    two_tau = 2.0 * tau
    u_prev = np.ones(m)
    u_cur = two_tau.copy()
    for k in range(2, n_coef):
        basis[:, k, 0] = two_tau * basis[:, k - 1, 0] - basis[:, k - 2, 0]
        basis[:, k, 1] = k * u_cur
        u_prev, u_cur = u_cur, two_tau * u_cur - u_prev
    return basis


def fit_table(func: Callable[[NDArray[np.float64]], ArrayLike], start: float, end: float,
              step: float, n_coef: int) -> ChebyshevTable:
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
