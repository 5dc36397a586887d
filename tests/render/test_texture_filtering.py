"""Maps larger than the GPU allows are downsampled at load; every map is mipmapped and
sampled trilinearly, anisotropically where the driver has the extension."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.render.layers.bodies import fit_to_gpu


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
    from jovianview.render.textures import anisotropy_limit

    _pick_backend()
    tdb = float(utc_to_tdb("2022-09-29T09:36:28"))
    canvas = offscreen_canvas(lambda: tdb, Settings(show_labels=False), (320, 200))
    try:
        bodies = canvas.renderer.bodies
        canvas.render_offscreen((320, 200))
        assert bodies.uploaded_shape["jupiter"] == (1024, 2048)
        assert set(bodies.anisotropy) >= {"jupiter", "io"}  # mipmapped after the first frame
        assert all(v == anisotropy_limit() for v in bodies.anisotropy.values())
        bodies.max_texture = 1024  # a GPU with a small limit
        bodies.set_map("jupiter", bodies.maps.maps["jupiter"])
        canvas.render_offscreen((320, 200))
        assert bodies.uploaded_shape["jupiter"] == (512, 1024)
        assert "jupiter" not in bodies._needs_mipmap
    finally:
        canvas.close()
