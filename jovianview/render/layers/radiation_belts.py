"""Jupiter's radiation belts (model/radiation_belts.py): translucent shells near the planet."""

from __future__ import annotations

from jovianview.model.radiation_belts import belt_mesh
from jovianview.render.layers.torus import GlowMesh, GlowMeshLayer
from jovianview.render.legend import LegendEntry, register

BELT_COLOUR = (0.3, 0.75, 1.0, 0.22)  # a cold blue no other layer uses (schematic colour)
register(LegendEntry("Radiation belts (schematic)", BELT_COLOUR, "disc", "show_radiation_belts"))


class RadiationBeltsLayer(GlowMeshLayer):
    """Every belt in one mesh about the dipole axis, drawn like the torus."""

    COLOUR = BELT_COLOUR

    def mesh(self) -> GlowMesh:
        """The belts revolved about the dipole axis."""
        return belt_mesh()
