"""Named features drawn on the bodies: Pele's label where the core puts Pele, far side hidden.

The expected pixel is computed here without the model or the layer: the Gazetteer coordinates
on Io's IAU ellipsoid (core.features.surface_point), turned to ICRF with core.frames'
body_rotation, converted by the frame's RenderUnits (with Io's display scale) and projected
with the frame's matrices. The rendered image must show the label there (pixels that change
when the layer is switched on), and no feature of Io's far hemisphere is drawn.
"""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.features import load_features, surface_point
from jovianview.core.frames import body_rotation
from jovianview.model.settings import Settings
from jovianview.render.view import project
from tests.render.test_registration import SIZE, lit_time, view_over

pytestmark = pytest.mark.gui

BIG = (480, 480)


@pytest.fixture(scope="module")
def canvas():
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=False, show_trail=False, show_moon_orbits=False,
                        scale_mode="true", show_junocam=False, background="plain",
                        show_features=True)
    c = offscreen_canvas(lambda: 2459851.9, settings, BIG)
    yield c
    c.close()


def render(canvas, view, on: bool) -> np.ndarray:
    canvas.renderer.settings.show_features = on
    canvas.renderer.camera.go_to(view, smooth=False)
    return canvas.render_offscreen(BIG)[:, :, :3].astype(float)


def expected_pixel(canvas, body: str, lat: float, lon_west: float) -> tuple[np.ndarray, float]:
    """(pixel, cosine of the angle between the surface normal and the eye direction)."""
    fd = canvas.renderer.last
    tdb = fd.snap.tdb
    p_bf = surface_point(body, lat, lon_west, "planetographic")
    offset = body_rotation(body, tdb).T @ p_bf  # ICRF km from the body's centre
    scale = fd.display_scale[body]
    centre = fd.units.point64(fd.snap.positions[body])
    point = centre + scale * fd.units.frame @ offset / fd.units.radius_km
    pix, depth = project(fd.m, point[None, :])
    radii = np.asarray(canvas.renderer.scene.radii[body])
    normal = fd.units.frame @ body_rotation(body, tdb).T @ (p_bf / radii**2)
    to_eye = fd.pose.eye - point
    cosine = float(normal @ to_eye / np.linalg.norm(normal) / np.linalg.norm(to_eye))
    assert depth[0] > 0
    return pix[0], cosine


def test_pele_label_sits_where_the_core_projects_pele(canvas) -> None:
    lit_time(canvas, "io", 255.0)
    view = view_over(canvas, "io", 240.0, -10.0, radii=3.2)  # Pele a little off centre
    render(canvas, view, True)  # first frames build mipmaps and glyphs: compare later ones
    off = render(canvas, view, False)
    on = render(canvas, view, True)
    layer = canvas.renderer.features
    pele = next(p for p in layer.placed if p.key == "io:Pele")
    (ex, ey), cosine = expected_pixel(canvas, "io", -18.7, 255.3)
    assert cosine > 0.5
    assert abs(pele.x - ex) < 1.0 and abs(pele.y - ey) < 1.0  # the layer's own placement
    # and the picture: the marker and name change pixels right there
    changed = np.abs(on - off).sum(axis=2) > 60
    ys, xs = np.nonzero(changed)
    assert len(xs) > 40
    near = (np.abs(ys - ey) <= 9) & (xs >= ex - 6) & (xs <= ex + 6 + 8 * len("Pele"))
    assert near.sum() > 20, "no label drawn at Pele's projected pixel"
    # the marker glyph itself covers the projected point (within 3 px)
    marker = (np.abs(ys - ey) <= 3) & (np.abs(xs - ex) <= 3)
    assert marker.any()
    # everything that changed belongs to some placed feature's marker or name
    boxes = [(p.x - 6, p.y - 9, p.x + 6, p.y + 9) for p in layer.placed] + [
        (p.box[0] - 2, p.box[1] - 3, p.box[2] + 2, p.box[3] + 3) for p in layer.placed if p.box]
    inside = np.zeros(len(xs), dtype=bool)
    for x0, y0, x1, y1 in boxes:
        inside |= (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
    assert inside.mean() > 0.98
    # independent of the core's conversion: the marker sits inside Pele's red plume ring on
    # the drawn map (tests/render/test_registration.py checks the map against the IAU frame)
    redness = off[:, :, 0] - off[:, :, 2]
    yy, xx = np.mgrid[0:BIG[1], 0:BIG[0]]
    r = np.hypot(xx - ex, yy - ey)
    disc = off.sum(axis=2) > 60
    ring = disc & (r > 10) & (r < 45)
    # (65th percentile: the moons' Minnaert k = 0.5 photometry keeps the limb's yellow sulphur
    # at full brightness, where the older shading dimmed it to 80 %; issue 11)
    assert redness[ring].mean() > np.percentile(redness[disc], 65)


def test_far_side_features_are_hidden(canvas) -> None:
    lit_time(canvas, "io", 255.0)
    render(canvas, view_over(canvas, "io", 255.0, -19.0, radii=3.2), True)
    placed = {p.key for p in canvas.renderer.features.placed}
    assert "io:Pele" in placed
    for f in load_features():
        if f.body != "io":
            continue
        _, cosine = expected_pixel(canvas, "io", f.lat, f.lon_west)
        if cosine < 0.0:  # the far hemisphere: never drawn
            assert f.key not in placed, f.key
        elif cosine > 0.2:  # well inside the near side: drawn
            assert f.key in placed, f.key
    # Masubi (56 W) is on the far side of a view over 255 W
    assert "io:Masubi" not in placed
    assert not any(p.key.split(":")[0] != "io" for p in canvas.renderer.features.placed)


def test_toggle_off_draws_nothing_and_pick_finds_the_label(canvas) -> None:
    lit_time(canvas, "io", 255.0)
    view = view_over(canvas, "io", 255.0, -19.0, radii=3.2)
    on = render(canvas, view, True)
    layer = canvas.renderer.features
    pele = next(p for p in layer.placed if p.key == "io:Pele")
    assert layer.pick(pele.x, pele.y) == "io:Pele"
    assert layer.pick((pele.box[0] + pele.box[2]) / 2, pele.y) == "io:Pele"
    assert layer.pick(2.0, 2.0) is None
    off = render(canvas, view, False)
    assert layer.placed == [] and canvas.renderer.scene.snapshot(2459851.9).features is None
    assert np.abs(on - off).sum() > 0


def test_great_red_spot_label_follows_the_modelled_longitude(canvas) -> None:
    from jovianview.core.grs import grs_system3_longitude
    from jovianview.model.maps import embedded_registration

    lat = embedded_registration()["jupiter"]["grs_latitude"]
    tdb = canvas.time_source()
    lon3 = grs_system3_longitude(tdb)
    lit_time(canvas, "jupiter", lon3)
    render(canvas, view_over(canvas, "jupiter", lon3, lat, radii=3.0), True)
    grs = next(p for p in canvas.renderer.features.placed if p.key == "jupiter:Great Red Spot")
    w, h = BIG
    # the camera looks straight down on the spot: its marker is at the picture's centre
    assert abs(grs.x - w / 2) < 3 and abs(grs.y - h / 2) < 3
    assert SIZE  # the registration module's canvas size is not used here
