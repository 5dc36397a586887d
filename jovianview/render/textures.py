"""Texture filtering for the bodies' maps: mipmaps, trilinear and anisotropic sampling.

VisPy's Texture2D knows only nearest/linear filtering, so once VisPy has created and filled
a texture its mipmap chain is built by direct GL calls on its handle (found through
:mod:`jovianview.render.vispy_private`). Anisotropic filtering (``EXT_texture_filter_
anisotropic``, core in GL 4.6) keeps a map sharp where a sphere's surface is seen at a grazing
angle, near the limb and at the poles; it is used where the driver has it, up to
:data:`MAX_ANISOTROPY`.
"""

from __future__ import annotations

from functools import cache

from vispy.gloo import gl as G

ANISOTROPY_EXTENSIONS = ("GL_EXT_texture_filter_anisotropic", "GL_ARB_texture_filter_anisotropic")
GL_TEXTURE_MAX_ANISOTROPY = 0x84FE  # the extension's enums (not in VisPy's gl namespace)
GL_MAX_TEXTURE_MAX_ANISOTROPY = 0x84FF
MAX_ANISOTROPY = 8.0  # beyond 8x the gain is invisible on a sphere and costs software GL


@cache
def anisotropy_limit() -> float:
    """The largest anisotropy to ask for in the current context: 1.0 when unsupported."""
    try:
        extensions = str(G.glGetParameter(G.GL_EXTENSIONS))
        if not any(name in extensions for name in ANISOTROPY_EXTENSIONS):
            return 1.0
        return float(min(MAX_ANISOTROPY, float(G.glGetParameter(GL_MAX_TEXTURE_MAX_ANISOTROPY))))
    except Exception:  # noqa: BLE001 - any GL failure: plain trilinear filtering
        return 1.0


def mipmap_and_filter(handle: int) -> float:
    """Build texture ``handle``'s mipmaps and sample it trilinearly (and anisotropically
    where available); returns the anisotropy set (1.0: none)."""
    G.glBindTexture(G.GL_TEXTURE_2D, handle)
    G.glGenerateMipmap(G.GL_TEXTURE_2D)
    G.glTexParameteri(G.GL_TEXTURE_2D, G.GL_TEXTURE_MIN_FILTER, G.GL_LINEAR_MIPMAP_LINEAR)
    G.glTexParameteri(G.GL_TEXTURE_2D, G.GL_TEXTURE_MAG_FILTER, G.GL_LINEAR)
    level = anisotropy_limit()
    if level > 1.0:
        G.glTexParameterf(G.GL_TEXTURE_2D, GL_TEXTURE_MAX_ANISOTROPY, level)
    G.glBindTexture(G.GL_TEXTURE_2D, 0)
    return level
