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
        ``(u, v)`` with u = 0.5 + east_longitude / 360 deg and v = (90 deg - latitude) / 180 deg
        (pole vertices: u moved half a column, to the middle of their polar wedge).
    faces : ndarray, shape (2 * (n_lat - 1) * n_lon, 3), uint32
        Counter-clockwise seen from outside; no zero-area triangles at the poles.
    """
    if n_lat < 2 or n_lon < 3:
        raise ValueError(f"a sphere needs n_lat >= 2 and n_lon >= 3, got {n_lat}, {n_lon}")
    lat = np.linspace(np.pi / 2, -np.pi / 2, n_lat + 1)  # north first: image row order
    lon = np.linspace(-np.pi, np.pi, n_lon + 1)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    vertices = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])
    vertices = vertices.reshape(3, -1)
    u = (lo + np.pi) / (2 * np.pi)
    # A pole vertex sits at the middle of its column's texels: each polar triangle then
    # samples its own wedge of the map symmetrically instead of a skewed half (no pinching).
    u[0, :] += 0.5 / n_lon  # the north polar triangle (a, b, c) has its pole vertex at a (col j)
    u[-1, :] -= 0.5 / n_lon  # the south one (a, c, d) at c (col j + 1)
    v = (np.pi / 2 - la) / np.pi
    texcoords = np.stack([u.ravel(), v.ravel()], axis=1)
    cols = n_lon + 1
    i, j = np.meshgrid(np.arange(n_lat), np.arange(n_lon), indexing="ij")
    a = (i * cols + j).ravel()
    b, c, d = a + cols, a + cols + 1, a + 1  # a: upper-left, b: lower-left (south), ...
    upper = np.stack([a, b, c], 1)[(i < n_lat - 1).ravel()]  # (a, b, c) collapses at the S pole
    lower = np.stack([a, c, d], 1)[(i > 0).ravel()]  # (a, c, d) collapses at the N pole
    faces = np.concatenate([upper, lower])
    return vertices, texcoords, faces.astype(np.uint32)


def ray_ellipsoid(origin: NDArray[np.float64], directions: NDArray[np.float64],
                  radii: tuple[float, float, float]) -> NDArray[np.float64]:
    """Distance along each ray to its first hit on an ellipsoid centred at the origin.

    Parameters
    ----------
    origin : ndarray, shape (3,)
        Start of every ray, in the ellipsoid's own axes (same length unit as ``radii``).
    directions : ndarray, shape (3, N)
        Ray directions (need not be unit vectors; distances are in units of their length).
    radii : (a, b, c)
        Semi-axes along x, y, z.

    Returns
    -------
    ndarray, shape (N,)
        The smallest non-negative ``t`` with ``origin + t * direction`` on the surface, NaN for
        a ray that misses (or points away from it).
    """
    r = np.asarray(radii, dtype=np.float64)
    o = np.asarray(origin, dtype=np.float64).reshape(3) / r
    d = np.asarray(directions, dtype=np.float64).reshape(3, -1) / r[:, None]
    # |o + t d|^2 = 1 on the unit sphere of the scaled space: a t^2 + 2 h t + c = 0
    a = (d * d).sum(axis=0)
    h = o @ d
    c = float(o @ o) - 1.0
    disc = h * h - a * c  # a quarter of the discriminant
    t = np.full(a.shape, np.nan)
    ok = (disc >= 0.0) & (a > 0.0)  # only real roots: no NaN warnings to silence
    if ok.any():
        root, a_ok, h_ok = np.sqrt(disc[ok]), a[ok], h[ok]
        t_near, t_far = (-h_ok - root) / a_ok, (-h_ok + root) / a_ok
        t[ok] = np.where(t_near >= 0.0, t_near, np.where(t_far >= 0.0, t_far, np.nan))
    return t


def east_longitude_latitude(points: NDArray[np.float64]) -> tuple[NDArray, NDArray]:
    """Planetocentric east longitude (-180..180) and latitude, degrees, of (3, N) body points."""
    p = np.asarray(points, dtype=np.float64)
    lon = np.degrees(np.arctan2(p[1], p[0]))
    lat = np.degrees(np.arctan2(p[2], np.hypot(p[0], p[1])))
    return lon, lat
