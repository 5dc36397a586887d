"""IAU 2015 rotation constants and radii of Jupiter and the Galilean moons.

Source: NAIF generic planetary constants kernel ``pck00011.tpc`` (NASA/JPL NAIF,
public domain), which carries the IAU WGCCRE 2015 report: Archinal, B. A. et al. (2018),
"Report of the IAU Working Group on Cartographic Coordinates and Rotational Elements: 2015",
Celestial Mechanics and Dynamical Astronomy 130:22. The numbers below are the kernel's
``BODY599_*``, ``BODY501_*`` .. ``BODY504_*`` and ``BODY5_NUT_PREC_ANGLES`` assignments,
written out as Python data (the kernel itself is not part of jovianview).

The model, as SPICE evaluates it (T: Julian centuries, d: days, both since J2000 TDB)::

    alpha0 = RA[0]  + RA[1] T  + sum_i NUT_PREC_RA[i]  sin(J_i)
    delta0 = DEC[0] + DEC[1] T + sum_i NUT_PREC_DEC[i] cos(J_i)
    W      = PM[0]  + PM[1] d  + sum_i NUT_PREC_PM[i]  sin(J_i)
    J_i    = ANGLES[i][0] + ANGLES[i][1] T

All angles in degrees. Jupiter's W defines System III longitude.
"""

from __future__ import annotations

from dataclasses import dataclass

# BODY5_NUT_PREC_ANGLES: (constant deg, rate deg/century) for J1..J10 then Ja..Je.
# J9 and J10 are 2*J1 and 2*J2 (added by NAIF); Ja..Je drive Jupiter's own pole.
BODY5_NUT_PREC_ANGLES: tuple[tuple[float, float], ...] = (
    (73.32, 91472.9),  # J1
    (24.62, 45137.2),  # J2
    (283.90, 4850.7),  # J3
    (355.80, 1191.3),  # J4
    (119.90, 262.1),  # J5
    (229.80, 64.3),  # J6
    (352.25, 2382.6),  # J7
    (113.35, 6070.0),  # J8
    (146.64, 182945.8),  # J9
    (49.24, 90274.4),  # J10
    (99.360714, 4850.4046),  # Ja
    (175.895369, 1191.9605),  # Jb
    (300.323162, 262.5475),  # Jc
    (114.012305, 6070.2476),  # Jd
    (49.511251, 64.3000),  # Je
)


@dataclass(frozen=True)
class RotationModel:
    """One body's IAU rotation constants, as the PCK kernel gives them.

    ``pole_ra``, ``pole_dec``: (deg, deg/century, deg/century^2);
    ``pm``: (deg, deg/day, deg/day^2); ``nut_prec_*``: coefficients (deg) of the
    nutation-precession angles in kernel order (shorter vectors mean zeros after).
    """

    naif_id: int
    pole_ra: tuple[float, float, float]
    pole_dec: tuple[float, float, float]
    pm: tuple[float, float, float]
    nut_prec_ra: tuple[float, ...]
    nut_prec_dec: tuple[float, ...]
    nut_prec_pm: tuple[float, ...]
    radii: tuple[float, float, float]  # km, BODYnnn_RADII


ROTATION_MODELS: dict[str, RotationModel] = {
    "jupiter": RotationModel(
        naif_id=599,
        pole_ra=(268.056595, -0.006499, 0.0),
        pole_dec=(64.495303, 0.002413, 0.0),
        pm=(284.95, 870.5360000, 0.0),
        nut_prec_ra=(0.0,) * 10 + (0.000117, 0.000938, 0.001432, 0.000030, 0.002150),
        nut_prec_dec=(0.0,) * 10 + (0.000050, 0.000404, 0.000617, -0.000013, 0.000926),
        nut_prec_pm=(0.0,) * 15,
        radii=(71492.0, 71492.0, 66854.0),
    ),
    "io": RotationModel(
        naif_id=501,
        pole_ra=(268.05, -0.009, 0.0),
        pole_dec=(64.50, 0.003, 0.0),
        pm=(200.39, 203.4889538, 0.0),
        nut_prec_ra=(0.0, 0.0, 0.094, 0.024),
        nut_prec_dec=(0.0, 0.0, 0.040, 0.011),
        nut_prec_pm=(0.0, 0.0, -0.085, -0.022),
        radii=(1829.4, 1819.4, 1815.7),
    ),
    "europa": RotationModel(
        naif_id=502,
        pole_ra=(268.08, -0.009, 0.0),
        pole_dec=(64.51, 0.003, 0.0),
        pm=(36.022, 101.3747235, 0.0),
        nut_prec_ra=(0.0, 0.0, 0.0, 1.086, 0.060, 0.015, 0.009),
        nut_prec_dec=(0.0, 0.0, 0.0, 0.468, 0.026, 0.007, 0.002),
        nut_prec_pm=(0.0, 0.0, 0.0, -0.980, -0.054, -0.014, -0.008),
        radii=(1562.6, 1560.3, 1559.5),
    ),
    "ganymede": RotationModel(
        naif_id=503,
        pole_ra=(268.20, -0.009, 0.0),
        pole_dec=(64.57, 0.003, 0.0),
        pm=(44.064, 50.3176081, 0.0),
        nut_prec_ra=(0.0, 0.0, 0.0, -0.037, 0.431, 0.091),
        nut_prec_dec=(0.0, 0.0, 0.0, -0.016, 0.186, 0.039),
        nut_prec_pm=(0.0, 0.0, 0.0, 0.033, -0.389, -0.082),
        radii=(2631.2, 2631.2, 2631.2),
    ),
    "callisto": RotationModel(
        naif_id=504,
        pole_ra=(268.72, -0.009, 0.0),
        pole_dec=(64.83, 0.003, 0.0),
        pm=(259.51, 21.5710715, 0.0),
        nut_prec_ra=(0.0, 0.0, 0.0, 0.0, -0.068, 0.590, 0.0, 0.010),
        nut_prec_dec=(0.0, 0.0, 0.0, 0.0, -0.029, 0.254, 0.0, -0.004),
        nut_prec_pm=(0.0, 0.0, 0.0, 0.0, 0.061, -0.533, 0.0, -0.009),
        radii=(2410.3, 2410.3, 2410.3),
    ),
}

# Order of all_rotations() and of any per-body stack.
BODIES: tuple[str, ...] = ("jupiter", "io", "europa", "ganymede", "callisto")

JUPITER_RADII: tuple[float, float, float] = ROTATION_MODELS["jupiter"].radii
JUPITER_EQUATORIAL_RADIUS: float = JUPITER_RADII[0]  # km, 1-bar level
JUPITER_POLAR_RADIUS: float = JUPITER_RADII[2]  # km, 1-bar level

DAYS_PER_CENTURY = 36525.0
