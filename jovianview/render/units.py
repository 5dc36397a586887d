"""The one place where float64 km become float32 render units.

Render units are Jupiter equatorial radii on Jupiter-equator axes (z to the north pole),
centred on the camera's look-at point. Centring first, in float64, keeps float32 exact to
millimetres near the target even 100 Jupiter radii from Jupiter; only far-off things (which
are a few pixels wide there) lose precision.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


class RenderUnits:
    """Converts ICRF km to render units for one frame.

    Parameters
    ----------
    frame : (3, 3) array
        Rotation ICRF -> render axes (Jupiter's equator frame).
    radius_km : float
        Kilometres per render unit (Jupiter's equatorial radius).
    """

    def __init__(self, frame: ArrayLike, radius_km: float) -> None:
        self.frame = np.asarray(frame, dtype=np.float64)
        self.radius_km = float(radius_km)
        self.centre_km = np.zeros(3)
        self._scaled = self.frame / self.radius_km

    def set_centre(self, centre_km: ArrayLike) -> None:
        """The ICRF km point that becomes the render origin this frame."""
        self.centre_km = np.asarray(centre_km, dtype=np.float64)

    def point(self, pos_km: ArrayLike) -> NDArray[np.float32]:
        """One (3,) or many (3, N) ICRF km positions as float32 render units, centred."""
        pos = np.asarray(pos_km, dtype=np.float64)
        rel = pos - (self.centre_km if pos.ndim == 1 else self.centre_km[:, None])
        return (self._scaled @ rel).astype(np.float32)

    def point64(self, pos_km: ArrayLike) -> NDArray[np.float64]:
        """As :meth:`point` but float64, for CPU-side geometry (labels, picking)."""
        pos = np.asarray(pos_km, dtype=np.float64)
        rel = pos - (self.centre_km if pos.ndim == 1 else self.centre_km[:, None])
        return self._scaled @ rel

    def vertices(self, pos_km: ArrayLike, origin_km: ArrayLike) -> NDArray[np.float32]:
        """(3, N) km as (N, 3) float32 render units relative to a fixed ``origin_km``.

        For geometry uploaded once (trails, orbits): the shader adds the origin's current
        offset from the centre (:meth:`point` of the origin), so moving the camera changes a
        uniform, not the buffer.
        """
        pos = np.asarray(pos_km, dtype=np.float64) - np.asarray(origin_km)[:, None]
        return np.ascontiguousarray((self._scaled @ pos).T, dtype=np.float32)

    def direction(self, vec: ArrayLike) -> NDArray[np.float32]:
        """An ICRF direction (unit vector) on render axes, float32."""
        return (self.frame @ np.asarray(vec, dtype=np.float64)).astype(np.float32)

    def rotation(self, icrf_to_body: ArrayLike) -> NDArray[np.float64]:
        """Body-fixed -> render axes, from an ICRF -> body-fixed matrix."""
        return self.frame @ np.asarray(icrf_to_body, dtype=np.float64).T

    def length(self, km: float) -> float:
        """A length in km as render units."""
        return float(km) / self.radius_km
