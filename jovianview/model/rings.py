"""What the rings layer draws: the optical-depth profile, the phase function, the brightness.

The rings of Jupiter are dust with normal optical depths of 1e-8 to 1e-5
(:mod:`jovianview.core.rings`): at their true brightness they could not be seen beside the
planet on any screen. The display multiplies their brightness by :data:`DISPLAY_GAIN`
("faint", the default) or :data:`ENHANCED_GAIN` (for teaching); both keep the ratios between
the components, the forward-scattering glow and Jupiter's shadow true.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from jovianview.core import rings

# Display units per unit of (tau / tau_main) * phase / (4 mu): the main ring seen at
# mu = 0.5 from the Sun's side shows about 0.04 of full white (faint), enhanced 0.3.
DISPLAY_GAIN = 0.15
ENHANCED_GAIN = 1.1
PROFILE_SAMPLES = {"normal": 512, "high": 2048}
SEGMENTS = {"normal": 192, "high": 512}  # the annulus' sides (its outline's smoothness)
RING_QUALITIES = ("off", "normal", "high")
COLOUR = (1.0, 0.82, 0.62)  # the dust's reddish tint (Throop et al. 2004: redder than grey)


@dataclass(frozen=True)
class RingProfile:
    """The profile the shader samples: radii (Jupiter radii), tau / tau_main per sample."""

    inner_rj: float
    outer_rj: float
    depth: NDArray[np.float32]
    phase: rings.PhaseFunction


@cache
def ring_profile(jupiter_radius_km: float, samples: int) -> RingProfile:
    """The rings' relative optical depth over ``samples`` radii from inner to outer edge."""
    inner, outer = rings.extent_km()
    r = np.linspace(inner, outer, samples)
    main = next(c for c in rings.components() if c.name == "main")
    depth = (rings.optical_depth(r) / main.tau).astype(np.float32)
    return RingProfile(inner / jupiter_radius_km, outer / jupiter_radius_km, depth,
                       rings.phase_function())


def gain(enhanced: bool) -> float:
    """The display's brightness factor."""
    return ENHANCED_GAIN if enhanced else DISPLAY_GAIN
