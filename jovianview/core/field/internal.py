"""Jupiter's internal magnetic field: the JRM33 spherical-harmonic model (Connerney et al. 2022).

The scalar potential, with ``a`` = 1 R_J (71,492 km), colatitude ``theta`` and east longitude
``phi`` in System III, is::

    V = a sum_n (a/r)^(n+1) sum_m P_n^m(cos theta) (g_nm cos m phi + h_nm sin m phi)

with Schmidt semi-normalised associated Legendre functions ``P_n^m``; ``B = -grad V``. The
coefficients (nT) are read from ``assets/field/jrm33.csv``, which names its source.

Points are System III Cartesian in R_J, shape ``(3,)`` or ``(3, N)``; fields come back in nT on
the same axes and with the same shape. Each ``P_n^m`` is ``sin^m`` times a polynomial in
``cos``, so all 104 ``(n, m)`` terms come from two small matrix products and a call costs a
few dozen array operations whatever the degree.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.assets import asset_path
from jovianview.core.errors import DataFileError

FloatArray = NDArray[np.float64]

MAX_DEGREE = 13


@dataclass(frozen=True)
class Coefficients:
    """Schmidt coefficients ``g[n, m]``, ``h[n, m]`` in nT, zero-padded to ``(N+1, N+1)``."""

    g: FloatArray
    h: FloatArray

    @property
    def degree(self) -> int:
        """The highest degree n of the coefficient tables."""
        return self.g.shape[0] - 1


@cache
def jrm33(degree: int = MAX_DEGREE) -> Coefficients:
    """The JRM33 coefficients to ``degree`` (1..13) from ``assets/field/jrm33.csv``."""
    if not 1 <= degree <= MAX_DEGREE:
        raise ValueError(f"JRM33 degree must be 1..{MAX_DEGREE}, not {degree}")
    path = asset_path("field", "jrm33.csv")
    g = np.zeros((degree + 1, degree + 1))
    h = np.zeros_like(g)
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for row in rows:
            n, m = int(row["n"]), int(row["m"])
            if n > degree:
                continue
            if not 0 <= m <= n or row["kind"] not in ("g", "h"):
                raise DataFileError(f"{path}: bad coefficient row {row}")
            (g if row["kind"] == "g" else h)[n, m] = float(row["value_nt"])
    if g[1, 0] == 0.0:
        raise DataFileError(f"{path} holds no dipole coefficient g10")
    return Coefficients(g, h)


@dataclass(frozen=True)
class _Terms:
    """The model flattened over its ``(n, m)`` terms, ready for a few array operations.

    ``P_n^m(cos t) = sin(t)^m Q_n^m(cos t)``, with ``Q_n^m`` a polynomial of degree ``n - m``
    whose coefficients (ascending powers) are the rows of ``q``; ``dq`` holds those of its
    derivative. Factoring out ``sin^m`` removes the ``1/sin`` of ``B_phi`` at the poles.
    """

    n: FloatArray  # (T, 1)
    m: FloatArray  # (T, 1)
    g: FloatArray  # (T, 1)
    h: FloatArray  # (T, 1)
    q: FloatArray  # (T, degree + 1)
    dq: FloatArray  # (T, degree + 1)


def _schmidt_polynomials(nmax: int) -> dict[tuple[int, int], np.polynomial.Polynomial]:
    """``Q_n^m`` from the Schmidt recursion: ``P_n^m = a cos P_{n-1}^m - b P_{n-2}^m`` (m < n),
    ``P_n^n = d_n sin P_{n-1}^{n-1}`` with ``d_1 = 1``, ``d_n = sqrt((2n-1)/(2n))``."""
    poly = np.polynomial.Polynomial
    x = poly([0.0, 1.0])
    q: dict[tuple[int, int], np.polynomial.Polynomial] = {(0, 0): poly([1.0])}
    for n in range(1, nmax + 1):
        for m in range(n):
            root = np.sqrt(n * n - m * m)
            term = (2 * n - 1) / root * x * q[(n - 1, m)]
            if n - 2 >= m:
                term = term - np.sqrt((n - 1) ** 2 - m * m) / root * q[(n - 2, m)]
            q[(n, m)] = term
        q[(n, n)] = (1.0 if n == 1 else np.sqrt((2 * n - 1) / (2 * n))) * q[(n - 1, n - 1)]
    return q


@cache
def _terms(degree: int) -> _Terms:
    coef = jrm33(degree)
    polys = _schmidt_polynomials(degree)
    keys = [(n, m) for n in range(1, degree + 1) for m in range(n + 1)]
    width = degree + 1

    def padded(p: np.polynomial.Polynomial) -> FloatArray:
        c = np.zeros(width)
        c[: p.coef.size] = p.coef
        return c

    col = lambda values: np.array(values, dtype=np.float64)[:, None]  # noqa: E731
    return _Terms(
        n=col([n for n, _ in keys]),
        m=col([m for _, m in keys]),
        g=col([coef.g[k] for k in keys]),
        h=col([coef.h[k] for k in keys]),
        q=np.array([padded(polys[k]) for k in keys]),
        dq=np.array([padded(polys[k].deriv()) for k in keys]),
    )


def schmidt_legendre(theta: ArrayLike, nmax: int) -> tuple[FloatArray, FloatArray]:
    """Schmidt semi-normalised ``P_n^m(cos theta)`` and ``dP_n^m/dtheta`` for ``1 <= n <= nmax``.

    Rows follow ``(n, m)`` in the order ``(1,0), (1,1), (2,0), ...``; shape ``(T, N)``.
    """
    t = _terms(nmax)
    th = np.atleast_1d(np.asarray(theta, dtype=np.float64))
    c, s = np.cos(th), np.sin(th)
    powers = c[None, :] ** np.arange(nmax + 1)[:, None]
    q, dq = t.q @ powers, t.dq @ powers
    sm = s**t.m
    return sm * q, t.m * s ** np.maximum(t.m - 1, 0) * c * q - sm * s * dq


def spherical_field(
    r: ArrayLike, theta: ArrayLike, phi: ArrayLike, degree: int = MAX_DEGREE
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """JRM33 ``(B_r, B_theta, B_phi)`` (nT) at radius ``r`` (R_J), colatitude, east longitude."""
    t = _terms(degree)
    r = np.atleast_1d(np.asarray(r, dtype=np.float64))
    th = np.atleast_1d(np.asarray(theta, dtype=np.float64))
    ph = np.atleast_1d(np.asarray(phi, dtype=np.float64))
    c, s = np.cos(th), np.sin(th)
    powers = c[None, :] ** np.arange(degree + 1)[:, None]  # (degree+1, N)
    q, dq = t.q @ powers, t.dq @ powers  # (T, N)
    mphi = t.m * ph
    cos_m, sin_m = np.cos(mphi), np.sin(mphi)
    scale = (1.0 / r) ** (t.n + 2)  # (T, N)
    sm1 = s ** np.maximum(t.m - 1, 0)  # sin^(m-1); its m = 0 rows are multiplied by m = 0
    sm = sm1 * np.where(t.m > 0, s, 1.0)  # sin^m
    even = scale * (t.g * cos_m + t.h * sin_m)
    br = ((t.n + 1) * sm * q * even).sum(axis=0)
    bt = -((t.m * sm1 * c * q - sm * s * dq) * even).sum(axis=0)
    bp = (scale * t.m * sm1 * q * (t.g * sin_m - t.h * cos_m)).sum(axis=0)
    return br, bt, bp


def spherical_to_cartesian_vector(
    theta: FloatArray, phi: FloatArray, br: FloatArray, bt: FloatArray, bp: FloatArray
) -> FloatArray:
    """Rotate ``(B_r, B_theta, B_phi)`` at ``(theta, phi)`` onto x, y, z; shape ``(3, N)``."""
    st, ct, sp, cp = np.sin(theta), np.cos(theta), np.sin(phi), np.cos(phi)
    return np.array([
        br * st * cp + bt * ct * cp - bp * sp,
        br * st * sp + bt * ct * sp + bp * cp,
        br * ct - bt * st,
    ])


def cartesian_to_spherical(xyz: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(r, colatitude, east longitude)`` of Cartesian points ``(3, N)``."""
    x, y, z = xyz
    r = np.sqrt(x * x + y * y + z * z)
    return r, np.arccos(np.clip(z / r, -1.0, 1.0)), np.arctan2(y, x)


def internal_field(xyz: ArrayLike, degree: int = MAX_DEGREE) -> FloatArray:
    """JRM33 field (nT, System III Cartesian) at points ``xyz`` (R_J), ``(3,)`` or ``(3, N)``."""
    pts = np.asarray(xyz, dtype=np.float64)
    flat = pts.reshape(3, -1)
    r, th, ph = cartesian_to_spherical(flat)
    br, bt, bp = spherical_field(r, th, ph, degree)
    return spherical_to_cartesian_vector(th, ph, br, bt, bp).reshape(pts.shape)


def dipole_axis(degree_one: Coefficients | None = None) -> FloatArray:
    """Unit vector of the JRM33 dipole moment (System III); it points to the north magnetic pole."""
    coef = degree_one or jrm33(1)
    axis = np.array([coef.g[1, 1], coef.h[1, 1], coef.g[1, 0]])
    return axis / np.linalg.norm(axis)
