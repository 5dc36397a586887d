"""Where every body is: an :class:`Ephemeris`, and :func:`state` for the default one.

Positions are km and velocities km/s relative to Jupiter's centre (NAIF 599), on ICRF axes,
at TDB Julian dates. A scalar time gives arrays of shape (3,); N times give (3, N).

:class:`~jovianview.core.ephemeris.composed.Ephemeris` composes the embedded tables that ship
with jovianview, an optional JPL satellite kernel (:mod:`.spk`) and optional NAIF Juno kernels
(:mod:`.spice_juno`); the program builds one and passes it to the scene, the CLI and the
headless renderer. The functions here (:func:`state`, :func:`span`, :func:`juno_extent`,
:func:`available_bodies`) are the default object's methods: the embedded tables alone.

Examples
--------
>>> from jovianview.core import state, utc_to_tdb
>>> pos, vel = state("europa", utc_to_tdb("2022-09-29T09:36:28.58"))
>>> pos.shape, vel.shape
((3,), (3,))
>>> from jovianview.core.ephemeris import Ephemeris
>>> Ephemeris().state("io", 2459852.9)[0].shape
(3,)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from jovianview.core.ephemeris.bodies import MOONS, NAIF_IDS
from jovianview.core.ephemeris.composed import BARYCENTRIC, EMBEDDED, Ephemeris

__all__ = [
    "Ephemeris", "EMBEDDED", "BARYCENTRIC", "default_ephemeris", "state", "span", "juno_extent",
    "available_bodies", "MOONS", "NAIF_IDS",
]

_default: Ephemeris | None = None


def default_ephemeris() -> Ephemeris:
    """The ephemeris behind :func:`state`: the embedded tables (built once per process).

    The compatibility helpers in :mod:`.compat` (``use_kernel``, ``use_juno_kernels``) replace
    it; the program itself never does: it passes its own :class:`Ephemeris` objects.
    """
    global _default
    if _default is None:
        _default = Ephemeris()
    return _default


def _set_default(eph: Ephemeris | None) -> None:
    """Replace the default object (None: back to the embedded tables), for the shims only."""
    global _default
    _default = eph


def state(body: str, tdb_jd: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Position (km) and velocity (km/s) of ``body`` from Jupiter's centre, ICRF axes.

    The default object's :meth:`Ephemeris.state`; see there for parameters and errors.
    """
    return default_ephemeris().state(body, tdb_jd)


def span(body: str) -> tuple[float, float]:
    """First and last TDB Julian date the embedded ephemeris of ``body`` supports."""
    return default_ephemeris().span(body)


def juno_extent() -> tuple[float, float]:
    """First and last TDB Julian date at which the default object can place Juno."""
    return default_ephemeris().juno_extent()


def available_bodies() -> tuple[str, ...]:
    """Names accepted by :func:`state`: Jupiter and every body with an embedded table."""
    return default_ephemeris().available_bodies()
