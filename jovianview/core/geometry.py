"""Mesh geometry for the bodies: a UV sphere with a duplicated seam and texture coordinates.

The sphere is the unit sphere in body-fixed axes; the renderer scales it by each body's
tri-axial radii (so Jupiter's oblateness costs nothing) and turns it with the body.
Texture coordinates follow jovianview's map convention: 0 deg longitude at the centre of the
image, east longitude increasing to the right, north at the top (row 0).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def uv_sphere(
    n_lat: int = 48, n_lon: int = 96
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.uint32]]:
    """Unit sphere vertices, texture coordinates and triangles.

    Parameters
    ----------
    n_lat, n_lon : int
        Bands of latitude (pole to pole) and of longitude. The seam at 180 deg is duplicated
        (``n_lon + 1`` columns), so texture coordinates never wrap inside a triangle.

    Returns
    -------
    vertices : ndarray, shape (3, (n_lat + 1) * (n_lon + 1))
        Unit vectors, body-fixed axes (x to 0 deg longitude, z to the north pole).
    texcoords : ndarray, shape (N, 2)
        ``(u, v)`` with u = 0.5 + east_longitude / 360 deg and v = (90 deg - latitude) / 180 deg.
    faces : ndarray, shape (2 * n_lat * n_lon, 3), uint32
        Counter-clockwise seen from outside.
    """
    if n_lat < 2 or n_lon < 3:
        raise ValueError(f"a sphere needs n_lat >= 2 and n_lon >= 3, got {n_lat}, {n_lon}")
    lat = np.linspace(np.pi / 2, -np.pi / 2, n_lat + 1)  # north first: image row order
    lon = np.linspace(-np.pi, np.pi, n_lon + 1)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    vertices = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])
    vertices = vertices.reshape(3, -1)
    u = (lo + np.pi) / (2 * np.pi)
    v = (np.pi / 2 - la) / np.pi
    texcoords = np.stack([u.ravel(), v.ravel()], axis=1)
    cols = n_lon + 1
    i, j = np.meshgrid(np.arange(n_lat), np.arange(n_lon), indexing="ij")
    a = (i * cols + j).ravel()
    b, c, d = a + cols, a + cols + 1, a + 1  # a: upper-left, b: lower-left (south), ...
    faces = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    return vertices, texcoords, faces.astype(np.uint32)
