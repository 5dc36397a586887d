"""Display colours and sizes of catalogue stars: black-body colour from temperature, point
size and brightness from the V magnitude.

The colour of a black body at temperature T is its Planck spectrum weighed by the CIE 1931
colour-matching functions (the multi-lobe Gaussian fit of Wyman, Sloan & Shirley 2013, JCGT
2(2), table 1), turned into linear sRGB (IEC 61966-2-1 matrix), scaled so the largest channel
is 1 and gamma-encoded: red giants come out orange, the Sun near white, B stars pale blue.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# Wyman et al. 2013, multi-lobe fit: (weight, centre nm, sigma below, sigma above) per lobe.
_XBAR = ((1.056, 599.8, 37.9, 31.0), (0.362, 442.0, 16.0, 26.7), (-0.065, 501.1, 20.4, 26.2))
_YBAR = ((0.821, 568.8, 46.9, 40.5), (0.286, 530.9, 16.3, 31.1))
_ZBAR = ((1.217, 437.0, 11.8, 36.0), (0.681, 459.0, 26.0, 13.8))
_XYZ_TO_SRGB = np.array([[3.2406, -1.5372, -0.4986],
                         [-0.9689, 1.8758, 0.0415],
                         [0.0557, -0.2040, 1.0570]])
_NM = np.arange(380.0, 781.0, 5.0)
H_C_OVER_K_NM = 1.438777e7  # second radiation constant c2 = hc/k, in nm K

# Sizes and brightness (pixels, 0..1): a star of V <= BRIGHT_MAG is drawn at full intensity,
# fainter ones dim with the square root of their flux, to MIN_INTENSITY (so a V 6.5 star is
# still a visible point on a projector); brighter than V 5.5 they grow, to 5 px for Sirius.
BRIGHT_MAG = 3.5
MIN_INTENSITY = 0.3
SIZE_PER_MAG = 0.55
MIN_SIZE, MAX_SIZE = 1.2, 5.0


def _cmf(lobes: tuple[tuple[float, float, float, float], ...]) -> NDArray[np.float64]:
    out = np.zeros_like(_NM)
    for weight, mu, below, above in lobes:
        sigma = np.where(_NM < mu, below, above)
        out += weight * np.exp(-0.5 * ((_NM - mu) / sigma) ** 2)
    return out


_CMF = np.stack([_cmf(_XBAR), _cmf(_YBAR), _cmf(_ZBAR)])  # (3, wavelengths)


def blackbody_srgb(kelvin: NDArray[np.float64]) -> NDArray[np.float32]:
    """(N, 3) gamma-encoded sRGB, brightest channel 1, of black bodies at ``kelvin``."""
    t = np.asarray(kelvin, dtype=np.float64)[:, None]
    planck = _NM ** -5 / np.expm1(H_C_OVER_K_NM / (_NM * t))  # (N, wavelengths), unscaled
    linear = (planck @ _CMF.T) @ _XYZ_TO_SRGB.T
    linear = np.clip(linear, 0.0, None)
    linear /= linear.max(axis=1, keepdims=True)
    srgb = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    return srgb.astype(np.float32)


def point_size(vmag: NDArray[np.float64]) -> NDArray[np.float32]:
    """Point diameter in pixels: MIN_SIZE for V >= 5.5, SIZE_PER_MAG more per magnitude
    brighter, at most MAX_SIZE."""
    size = MIN_SIZE + SIZE_PER_MAG * (5.5 - np.asarray(vmag))
    return np.clip(size, MIN_SIZE, MAX_SIZE).astype(np.float32)


def intensity(vmag: NDArray[np.float64]) -> NDArray[np.float32]:
    """Brightness 0..1: the square root of the flux relative to V = BRIGHT_MAG."""
    rel = np.sqrt(10.0 ** (-0.4 * (vmag - BRIGHT_MAG)))
    return np.clip(rel, MIN_INTENSITY, 1.0).astype(np.float32)
