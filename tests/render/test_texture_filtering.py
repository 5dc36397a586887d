"""Maps larger than the GPU allows are downsampled at load; every map is mipmapped and
sampled trilinearly, anisotropically where the driver has the extension and the map quality
asks for it (by default on graphics hardware only)."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.render.layers.bodies import fit_to_gpu
from jovianview.render.textures import anisotropy_for, is_software


def test_software_renderers_are_recognised() -> None:
    assert is_software("llvmpipe (LLVM 15.0.6, 256 bits)")
    assert is_software("softpipe")
    assert is_software("Google SwiftShader")
    assert not is_software("NVIDIA H200/PCIe/SSE2")
    assert not is_software("Mesa Intel(R) UHD Graphics 620 (KBL GT2)")


@pytest.mark.parametrize(("quality", "software", "expected"), [
    ("off", False, 1.0), ("off", True, 1.0),
    ("normal", False, 8.0), ("normal", True, 1.0),  # anisotropy costs llvmpipe ~11 ms/frame
    ("high", False, 8.0), ("high", True, 8.0),
])
def test_map_quality_chooses_the_anisotropy(quality: str, software: bool,
                                            expected: float) -> None:
    assert anisotropy_for(quality, 8.0, software) == expected
    assert anisotropy_for(quality, 1.0, software) == 1.0  # never beyond the driver's limit


def test_fit_to_gpu_keeps_the_shape_ratio_and_the_mean() -> None:
    rng = np.random.default_rng(5)
    image = rng.integers(0, 256, size=(1024, 2048, 3)).astype(np.uint8)
    small = fit_to_gpu(image, 1024)
    assert small.shape == (512, 1024, 3)
    assert abs(small.astype(float).mean() - image.astype(float).mean()) < 0.5
    assert fit_to_gpu(image, 4096) is image  # within the limit: untouched


@pytest.mark.gui
def test_upload_respects_the_limit_and_mipmaps_are_built() -> None:
    from jovianview.core.timescale import utc_to_tdb
    from jovianview.model.settings import Settings
    from jovianview.render.headless import _pick_backend, offscreen_canvas
    from jovianview.render.textures import anisotropy_limit, software_gl

    _pick_backend()
    tdb = float(utc_to_tdb("2022-09-29T09:36:28"))
    canvas = offscreen_canvas(lambda: tdb, Settings(show_labels=False), (320, 200))
    try:
        bodies = canvas.renderer.bodies
        canvas.render_offscreen((320, 200))
        assert bodies.uploaded_shape["jupiter"] == (1024, 2048)
        assert set(bodies.anisotropy) >= {"jupiter", "io"}  # mipmapped after the first frame
        default = anisotropy_for("normal", anisotropy_limit(), software_gl())
        assert all(v == default for v in bodies.anisotropy.values())
        for quality in ("high", "off"):  # a change re-filters every map on the next frame
            canvas.renderer.settings.map_quality = quality
            canvas.render_offscreen((320, 200))
            want = anisotropy_for(quality, anisotropy_limit(), software_gl())
            assert bodies.anisotropy and all(v == want for v in bodies.anisotropy.values())
        bodies.max_texture = 1024  # a GPU with a small limit
        bodies.set_map("jupiter", bodies.maps.maps["jupiter"])
        canvas.render_offscreen((320, 200))
        assert bodies.uploaded_shape["jupiter"] == (512, 1024)
        assert "jupiter" not in bodies._needs_mipmap
    finally:
        canvas.close()
