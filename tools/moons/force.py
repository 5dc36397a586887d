"""Force model of the Galilean moons relative to Jupiter's centre.

Accelerations (km/s^2) on each moon, in ICRF, for a batch of K copies of the system:

* Jupiter's point mass, ``-(GM_J + GM_i) r_i / r_i^3``;
* the other moons, with the indirect term from Jupiter's own acceleration toward them;
* Jupiter's zonal harmonics J2, J4, J6 about the IAU pole, plus the indirect term from the
  moons pulling on Jupiter's bulge;
* the Sun, as a tidal (differential) term.

Relativity, Saturn and the inner moons are below a kilometre over fifteen years and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from jovianview.core import constants as C

MOONS = ("io", "europa", "ganymede", "callisto")


@dataclass
class ForceModel:
    """Parameters of the force model.

    Every field may be a scalar or an array over the K copies of the system being integrated
    (``gm_moons``: (4,) or (K, 4)), so one batch can carry finite-difference partials with
    respect to physical parameters as well as initial states.
    """

    gm_jupiter: float | np.ndarray = C.GM_JUPITER
    gm_moons: np.ndarray = field(
        default_factory=lambda: np.array([C.GM_MOONS[m] for m in MOONS])
    )
    gm_sun: float = C.GM_SUN
    radius: float = C.JUPITER_REFERENCE_RADIUS_KM
    j2: float | np.ndarray = C.JUPITER_J2
    j4: float | np.ndarray = C.JUPITER_J4
    j6: float | np.ndarray = C.JUPITER_J6
    pole_ra_offset: float | np.ndarray = 0.0  # degrees added to the IAU pole
    pole_dec_offset: float | np.ndarray = 0.0

    def per_copy(self, k: int) -> dict[str, np.ndarray]:
        """The parameters broadcast to K copies: scalars become (K, 1), moon GMs (K, 4)."""
        out = {}
        for name in ("gm_jupiter", "j2", "j4", "j6", "pole_ra_offset", "pole_dec_offset"):
            out[name] = np.broadcast_to(np.asarray(getattr(self, name), float), (k,))[:, None]
        out["gm_moons"] = np.broadcast_to(np.asarray(self.gm_moons, float), (k, 4))
        return out


def jupiter_pole(tdb: float, ra_offset=0.0, dec_offset=0.0) -> np.ndarray:
    """Unit vector(s) of Jupiter's north pole in ICRF (IAU 2015 secular terms, pck00011).

    With array offsets (K, 1) the result is (K, 1, 3), one pole per copy.
    """
    t = (tdb - 2451545.0) / 36525.0
    ra = np.radians(268.056595 - 0.006499 * t + np.asarray(ra_offset))
    dec = np.radians(64.495303 + 0.002413 * t + np.asarray(dec_offset))
    return np.stack([np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra), np.sin(dec)], axis=-1)


def zonal_acceleration(r: np.ndarray, pole: np.ndarray, p: dict, radius: float) -> np.ndarray:
    """Acceleration (K, 4, 3) from J2, J4, J6 at positions ``r`` (K, 4, 3) km.

    Uses a_n = GM J_n R^n / r^(n+2) [((n+1) P_n(u) + u P_n'(u)) r_hat - P_n'(u) pole],
    with u = r_hat . pole, the gradient of -GM J_n R^n P_n(u) / r^(n+1). ``pole`` is (K, 1, 3).
    """
    d = np.sqrt(np.einsum("kix,kix->ki", r, r))
    rhat = r / d[..., None]
    u = np.einsum("kix,kix->ki", rhat, np.broadcast_to(pole, r.shape))
    # Legendre P_n and derivatives by recurrence up to n = 6.
    leg = [np.ones_like(u), u]
    dleg = [np.zeros_like(u), np.ones_like(u)]
    for n in range(2, 7):
        leg.append(((2 * n - 1) * u * leg[n - 1] - (n - 1) * leg[n - 2]) / n)
        dleg.append(n * leg[n - 1] + u * dleg[n - 1])
    radial = np.zeros_like(u)
    polar = np.zeros_like(u)
    for n, jn in ((2, p["j2"]), (4, p["j4"]), (6, p["j6"])):
        scale = p["gm_jupiter"] * jn * radius**n / d ** (n + 2)
        radial += scale * ((n + 1) * leg[n] + u * dleg[n])
        polar += scale * dleg[n]
    return radial[..., None] * rhat - polar[..., None] * pole


def acceleration(r: np.ndarray, sun: np.ndarray, tdb: float, model: ForceModel) -> np.ndarray:
    """Accelerations (K, 4, 3) km/s^2 of the moons at positions ``r`` (K, 4, 3) km.

    ``sun`` is the Sun's position relative to Jupiter's centre (3,) at TDB ``tdb``.
    """
    k = r.shape[0]
    p = model.per_copy(k)
    gm = p["gm_moons"]  # (K, 4)
    d2 = np.einsum("kix,kix->ki", r, r)
    d3 = d2 * np.sqrt(d2)
    acc = -((p["gm_jupiter"] + gm) / d3)[..., None] * r
    # Mutual attraction: sum over j != i of GM_j [(r_j - r_i)/|r_j - r_i|^3 - r_j/r_j^3].
    diff = r[:, None, :, :] - r[:, :, None, :]  # [k, i, j] = r_j - r_i
    dd2 = np.einsum("kijx,kijx->kij", diff, diff)
    idx = np.arange(4)
    dd2[:, idx, idx] = np.inf
    inv3 = dd2**-1.5
    direct = np.einsum("kij,kijx->kix", inv3 * gm[:, None, :], diff)
    indirect_each = (gm / d3)[..., None] * r  # GM_j r_j / r_j^3, (K, 4, 3)
    indirect = indirect_each.sum(axis=1, keepdims=True) - indirect_each
    acc += direct - indirect
    # Jupiter's oblateness, with the bulge's reaction to every moon.
    pole = jupiter_pole(tdb, p["pole_ra_offset"], p["pole_dec_offset"])  # (K, 1, 3)
    zon = zonal_acceleration(r, pole, p, model.radius)
    acc += zon + np.einsum("kj,kjx->kx", gm / p["gm_jupiter"], zon)[:, None, :]
    # The Sun's tide.
    rel = sun[None, None, :] - r
    rel3 = np.einsum("kix,kix->ki", rel, rel) ** 1.5
    acc += model.gm_sun * (rel / rel3[..., None] - sun / np.dot(sun, sun) ** 1.5)
    return acc
