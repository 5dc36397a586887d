"""Texture filtering for the bodies' maps: mipmaps, trilinear and anisotropic sampling.

VisPy's Texture2D knows only nearest/linear filtering, so once VisPy has created and filled
a texture its mipmap chain is built by direct GL calls on its handle (found through
:mod:`jovianview.render.vispy_private`). Anisotropic filtering (``EXT_texture_filter_
anisotropic``, core in GL 4.6) keeps a map sharp where a sphere's surface is seen at a grazing
angle, near the limb and at the poles; it is used where the driver has it, up to
:data:`MAX_ANISOTROPY`, and by default only on graphics hardware: on Mesa's llvmpipe any
anisotropy costs about 11 ms a frame in a full-screen Jupiter close-up at 1280x720 (25.4 against
14.1 ms, 2x as dear as 8x), which alone breaks the 30 fps budget.
"""

from __future__ import annotations

from functools import cache

from vispy.gloo import gl as G

ANISOTROPY_EXTENSIONS = ("GL_EXT_texture_filter_anisotropic", "GL_ARB_texture_filter_anisotropic")
GL_TEXTURE_MAX_ANISOTROPY = 0x84FE  # the extension's enums (not in VisPy's gl namespace)
GL_MAX_TEXTURE_MAX_ANISOTROPY = 0x84FF
MAX_ANISOTROPY = 8.0  # beyond 8x the gain is invisible on a sphere and costs software GL
# GL_RENDERER strings of software rasterisers (Mesa's llvmpipe, softpipe and swrast,
# Google's SwiftShader, Microsoft's GDI "Software Rasterizer")
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast", "swiftshader", "software rasterizer")


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


def is_software(renderer: str) -> bool:
    """Whether a GL_RENDERER string names a software rasteriser."""
    name = renderer.lower()
    return any(word in name for word in SOFTWARE_RENDERERS)


@cache
def software_gl() -> bool:
    """Whether the current context renders in software (False when the query fails)."""
    try:
        return is_software(str(G.glGetParameter(G.GL_RENDERER)))
    except Exception:  # noqa: BLE001 - unknown: assume graphics hardware
        return False


def anisotropy_for(quality: str, limit: float, software: bool) -> float:
    """The anisotropy a map quality asks for: ``"off"`` none (trilinear), ``"normal"`` the
    driver's ``limit`` on graphics hardware and none in software, ``"high"`` always ``limit``."""
    if quality == "high" or (quality == "normal" and not software):
        return limit
    return 1.0


def mipmap_and_filter(handle: int, quality: str = "normal") -> float:
    """Build texture ``handle``'s mipmaps and sample it trilinearly (and anisotropically
    where available and ``quality`` asks for it, see :func:`anisotropy_for`); returns the
    anisotropy set (1.0: none)."""
    G.glBindTexture(G.GL_TEXTURE_2D, handle)
    G.glGenerateMipmap(G.GL_TEXTURE_2D)
    G.glTexParameteri(G.GL_TEXTURE_2D, G.GL_TEXTURE_MIN_FILTER, G.GL_LINEAR_MIPMAP_LINEAR)
    G.glTexParameteri(G.GL_TEXTURE_2D, G.GL_TEXTURE_MAG_FILTER, G.GL_LINEAR)
    limit = anisotropy_limit()
    level = anisotropy_for(quality, limit, software_gl())
    if limit > 1.0:  # set even when 1.0: a lower quality must undo an earlier higher one
        G.glTexParameterf(G.GL_TEXTURE_2D, GL_TEXTURE_MAX_ANISOTROPY, level)
    G.glBindTexture(G.GL_TEXTURE_2D, 0)
    return level
