"""Everything a layer needs to draw one frame, computed once per frame by the renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from jovianview.model.scene import Snapshot
from jovianview.render.units import RenderUnits
from jovianview.render.view import FAR, LOG_C, FrameMatrices, FramePose

FCOEF = 2.0 / float(np.log2(1.0 + LOG_C * FAR))


@dataclass
class FrameData:
    """One frame: snapshot, units, camera, the Sun's direction and display sizes."""

    snap: Snapshot
    units: RenderUnits
    pose: FramePose
    m: FrameMatrices
    sun: NDArray[np.float32]  # unit vector towards the Sun, render axes
    lit: bool  # False when the Sun's direction is unknown (flat shading)
    viewproj_gl: NDArray[np.float32] = field(default_factory=lambda: np.eye(4, dtype=np.float32))
    display_scale: dict[str, float] = field(default_factory=dict)  # body -> size multiplier
    centres: dict[str, NDArray[np.float64]] = field(default_factory=dict)  # render units
    pixel_radius: dict[str, float] = field(default_factory=dict)  # apparent radius, pixels
    # bodies whose disc lies wholly outside the viewport (with a wide margin): not drawn
    off_screen: set[str] = field(default_factory=set)
    # per-frame sunlight uniforms (render/lighting.py): body or "rings" -> {name: value}
    lighting: dict[str, dict[str, Any]] = field(default_factory=dict)
