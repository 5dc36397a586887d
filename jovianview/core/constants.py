"""Physical constants of the Jovian system, with their sources.

GM values: NAIF generic kernel ``gm_de440.tpc`` (DE440 / JUP365-era values), km^3/s^2.
Zonal harmonics: Juno gravity science, Iess et al. (2018), Nature 555, 220 (unnormalised,
reference radius 71492 km).
"""

from __future__ import annotations

GM_SUN = 1.3271244004127942e11
GM_JUPITER = 1.266865319003704e08  # NAIF 599, the planet alone
GM_MOONS: dict[str, float] = {
    "io": 5.959915466180539e03,
    "europa": 3.202712099607295e03,
    "ganymede": 9.887832752719638e03,
    "callisto": 7.179283402579837e03,
}
GM_JUPITER_SYSTEM = 1.2671276409999998e08  # NAIF 5, the barycentre's total

JUPITER_REFERENCE_RADIUS_KM = 71492.0
JUPITER_J2 = 14696.5063e-6
JUPITER_J4 = -586.6085e-6
JUPITER_J6 = 34.2007e-6

AU_KM = 149597870.7
