"""Juno as a triangle mesh, built with trimesh, in metres, spin axis along +z.

Dimensions follow NASA's published description of the spacecraft: a hexagonal bus about
3.5 m across and 3.5 m tall, the 2.5 m high-gain antenna on top on the spin axis, and three
solar-array wings 120 deg apart, each about 9 m long and 2.7 m wide, one of them carrying the
magnetometer boom at its tip, about 20 m tip to tip. Colours are approximate.

Importing trimesh costs about a second (it pulls in scipy), too much for launch, so the built
triangles are stored in ``assets/models/juno.npz`` by ``tools/make_juno_model.py`` and loaded
from there; :func:`build_juno_mesh` rebuilds them with trimesh (and a test checks the two
agree).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from jovianview.core.assets import assets_dir
from jovianview.core.errors import DataFileError

if TYPE_CHECKING:  # trimesh is imported when building (the generate extra)
    import trimesh

SPAN_M = 20.0  # tip to tip, for scale checks
_GOLD = (0.78, 0.62, 0.25)
_PANEL = (0.10, 0.16, 0.42)
_WHITE = (0.92, 0.92, 0.90)
_GREY = (0.55, 0.55, 0.58)


def _coloured(mesh: trimesh.Trimesh, rgb: tuple[float, float, float]) -> trimesh.Trimesh:
    import trimesh

    visual = mesh.visual
    if not isinstance(visual, trimesh.visual.ColorVisuals):  # trimesh's new shapes have these
        raise TypeError(f"a Juno part has {type(visual).__name__} colours, not per face")
    visual.face_colors = np.array([*(int(c * 255) for c in rgb), 255], dtype=np.uint8)
    return mesh


def _parts() -> list[trimesh.Trimesh]:
    import trimesh

    bus = _coloured(trimesh.creation.cylinder(radius=1.75, height=3.5, sections=6), _GOLD)
    dish = trimesh.creation.cone(radius=1.25, height=0.45, sections=32)
    dish.apply_transform(trimesh.transformations.rotation_matrix(np.pi, [1, 0, 0]))
    dish.apply_translation([0, 0, 1.75 + 0.45 + 0.3])  # opens upward, above the bus
    feed = trimesh.creation.cylinder(radius=0.12, height=0.9, sections=8)
    feed.apply_translation([0, 0, 1.75 + 0.45])
    parts = [bus, _coloured(dish, _WHITE), _coloured(feed, _GREY)]
    for k in range(3):
        angle = k * 2 * np.pi / 3
        length = 8.9 if k else 7.0  # the magnetometer wing has one panel fewer...
        wing = trimesh.creation.box(extents=[length, 2.65, 0.08])
        wing.apply_translation([1.6 + length / 2, 0, 0.4])
        turn = trimesh.transformations.rotation_matrix(angle, [0, 0, 1])
        parts.append(_coloured(wing.copy().apply_transform(turn), _PANEL))
        if k == 0:  # ...and carries the boom with the magnetometers beyond it
            boom = trimesh.creation.box(extents=[3.5, 0.6, 0.4])
            boom.apply_translation([1.6 + length + 1.75, 0, 0.4])
            parts.append(_coloured(boom.apply_transform(turn), _GREY))
    return parts


MODEL_FILE = ("models", "juno.npz")
Mesh = tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.float32]]


@cache
def juno_mesh() -> Mesh:
    """Flat-shaded triangles: positions (N, 3) metres, normals (N, 3), colours (N, 3).

    Read from the stored model when present (fast), else built with trimesh.
    """
    path = assets_dir().joinpath(*MODEL_FILE)
    if path.exists():
        with np.load(path) as data:
            return data["positions"], data["normals"], data["colours"]
    try:
        return build_juno_mesh()
    except ImportError:  # trimesh is a build-time tool (the generate extra), not a dependency
        raise DataFileError(f"the Juno model {path} is missing: reinstall jovianview, or "
                            f"install jovianview[generate] to rebuild it") from None


def build_juno_mesh() -> Mesh:
    """Build the triangles with trimesh; every triangle has its own three vertices so faces
    stay flat-shaded."""
    import trimesh

    mesh = trimesh.util.concatenate(_parts())
    if not isinstance(mesh, trimesh.Trimesh):  # concatenate is typed to return any Geometry
        raise TypeError(f"the Juno parts joined into a {type(mesh).__name__}, not a Trimesh")
    tri = mesh.triangles.reshape(-1, 3)
    normals = np.repeat(mesh.face_normals, 3, axis=0)
    visual = mesh.visual
    if not isinstance(visual, trimesh.visual.ColorVisuals):  # every part is coloured per face
        raise TypeError(f"the Juno model's colours are {type(visual).__name__}, not per face")
    colours = np.repeat(visual.face_colors[:, :3] / 255.0, 3, axis=0)
    return (tri.astype(np.float32), normals.astype(np.float32), colours.astype(np.float32))
