"""Jupiter's magnetodisc: the Con2020 current-sheet model (Connerney et al. 2020).

The disc is an azimuthal current between ``r0`` and ``r1`` (R_J) of half-thickness ``d``, its
axis tilted from the spin axis, plus a radial current that sweeps the field back (``B_phi``).
The disc's field is the difference of two semi-infinite sheets (inner edges ``r0`` and ``r1``),
each in the analytic approximations of Edwards, Bunce & Cowley (2001): one form for
``rho < edge``, one for ``rho > edge``. The parameters come from ``assets/field/con2020.csv``.

Near the inner edge (``|rho - r0| < ~2``, ``|z| < ~1.5 d``) the analytic form departs from the
exact Bessel integrals by up to ~8 nT (Edwards et al. 2001, their figure 2); elsewhere they
agree to a fraction of a nT. Reference code: Wilson, R. J. et al. (2023), Space Sci. Rev. 219,
15, doi:10.1007/s11214-023-00961-3 (the con2020 and JupiterMag packages).
Points are System III Cartesian in R_J, ``(3,)`` or ``(3, N)``.
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

# mu0 * 1 MA / (2 pi * 1 R_J), in nT: B_phi of a radial current I_rho (MA) at rho (R_J).
_RADIAL_NT_PER_MA = 4e-7 * np.pi * 1e6 / (2 * np.pi * 71492e3) * 1e9
SMOOTH_RHO = 1.0  # R_J: blend of the small- and large-rho forms about each edge
SMOOTH_Z = 0.1  # R_J: rounding of the disc's faces z = +-d


@dataclass(frozen=True)
class Con2020Params:
    """Con2020 parameters: nT, MA, R_J and degrees (see ``assets/field/con2020.csv``)."""

    mu0_i0_over_2: float
    i_rho: float
    r0: float
    r1: float
    d: float
    tilt: float
    tilt_longitude: float

    def rotation(self) -> FloatArray:
        """Matrix taking System III vectors to the disc frame (z along the disc's axis)."""
        t, p = np.radians(self.tilt), np.radians(self.tilt_longitude)
        rz = np.array([[np.cos(p), np.sin(p), 0.0], [-np.sin(p), np.cos(p), 0.0], [0, 0, 1.0]])
        ry = np.array([[np.cos(t), 0.0, -np.sin(t)], [0.0, 1.0, 0.0], [np.sin(t), 0.0, np.cos(t)]])
        return ry @ rz


@cache
def con2020_params() -> Con2020Params:
    """The nominal Con2020 parameters from ``assets/field/con2020.csv``."""
    path = asset_path("field", "con2020.csv")
    with path.open(newline="", encoding="utf-8") as f:
        rows = {r["name"]: r["value"] for r in csv.DictReader(ln for ln in f if ln[:1] != "#")}
    try:
        return Con2020Params(**{k: float(rows[k]) for k in Con2020Params.__dataclass_fields__})
    except (KeyError, ValueError) as exc:
        raise DataFileError(f"{path}: missing or bad parameter ({exc})") from None


def _smooth_clip(z: FloatArray, d: float, width: float) -> FloatArray:
    """``clip(z, -d, d)`` with its corners rounded over ``width`` (``|x| ~ w ln cosh(x/w)``)."""

    def log_cosh(x: FloatArray) -> FloatArray:
        return np.logaddexp(x, -x) - np.log(2.0)

    return 0.5 * width * (log_cosh((z + d) / width) - log_cosh((z - d) / width))


def _sheet(
    rho: FloatArray, z: FloatArray, edge: float, d: float
) -> tuple[FloatArray, FloatArray]:
    """``(B_rho, B_z) / (mu0 I0 / 2)`` of a semi-infinite sheet with inner edge ``edge``.

    Edwards et al. (2001): a small-rho and a large-rho form, blended by
    ``tanh((rho - edge) / SMOOTH_RHO)`` as in the reference code of Wilson et al. (2023) (a
    sharp switch would put a step of a few nT into traced field lines).
    """
    # Small-rho form, Edwards et al. (2001) equations 9a and 9b.
    zm, zp, e2 = z - d, z + d, edge * edge
    f1 = np.sqrt(zm * zm + e2)
    f2 = np.sqrt(zp * zp + e2)
    brho_in = 0.5 * rho * (1.0 / f1 - 1.0 / f2) + rho**3 / 16.0 * (
        (e2 - 2.0 * zm * zm) / f1**5 - (e2 - 2.0 * zp * zp) / f2**5
    )
    bz_in = np.log((zp + f2) / (zm + f1)) + 0.25 * rho * rho * (zp / f2**3 - zm / f1**3)
    # Large-rho form, equations 13a and 13b; kept off rho = 0, where its weight is nil anyway.
    rl = np.maximum(rho, 0.5 * edge)
    g1 = np.sqrt(zm * zm + rl * rl)
    g2 = np.sqrt(zp * zp + rl * rl)
    zc = _smooth_clip(z, d, SMOOTH_Z)
    brho_out = (g1 - g2 + 2.0 * zc) / rl + 0.25 * e2 * rl * (1.0 / g2**3 - 1.0 / g1**3)
    # zm + g1 > 0 except on the face's axis line far below, which rl > 0 keeps away.
    bz_out = np.log((zp + g2) / (zm + g1)) + 0.25 * e2 * (zp / g2**3 - zm / g1**3)
    w = 0.5 * (1.0 + np.tanh((rho - edge) / SMOOTH_RHO))
    return brho_in + w * (brho_out - brho_in), bz_in + w * (bz_out - bz_in)


def disc_frame_field(
    rho: FloatArray, z: FloatArray, params: Con2020Params
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(B_rho, B_phi, B_z)`` in nT in the disc's cylindrical frame."""
    b_in = _sheet(rho, z, params.r0, params.d)
    b_out = _sheet(rho, z, params.r1, params.d)
    mu = params.mu0_i0_over_2
    brho = mu * (b_in[0] - b_out[0])
    bz = mu * (b_in[1] - b_out[1])
    # Radial current: B_phi = -+ 2.7975 I_rho / rho above/below the disc, linear across it.
    safe_rho = np.maximum(rho, 1e-12)
    across = _smooth_clip(z, params.d, SMOOTH_Z) / params.d  # -1 below, +1 above
    bphi = -_RADIAL_NT_PER_MA * params.i_rho / safe_rho * across
    return brho, bphi, bz


def con2020_field(xyz: ArrayLike, params: Con2020Params | None = None) -> FloatArray:
    """Con2020 field (nT, System III Cartesian) at points ``xyz`` (R_J), ``(3,)`` or ``(3, N)``."""
    params = params or con2020_params()
    pts = np.asarray(xyz, dtype=np.float64)
    rot = params.rotation()
    x, y, z = rot @ pts.reshape(3, -1)
    rho = np.hypot(x, y)
    brho, bphi, bz = disc_frame_field(rho, z, params)
    safe = np.maximum(rho, 1e-12)
    cp, sp = np.where(rho > 0, x / safe, 1.0), np.where(rho > 0, y / safe, 0.0)
    b_disc = np.array([brho * cp - bphi * sp, brho * sp + bphi * cp, bz])
    return (rot.T @ b_disc).reshape(pts.shape)
