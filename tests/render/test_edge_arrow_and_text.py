"""Edge arrows towards an off-picture Juno, label text size, plain banners, the legend
registry (issue 10, items 3 and 4), on real OpenGL."""

from __future__ import annotations

import numpy as np
import pytest

from jovianview.core.events import perijove
from jovianview.model.camera import View
from jovianview.model.settings import Settings

pytestmark = pytest.mark.gui

SIZE = (640, 400)
# Juno near apojove of orbit 20 (halfway between PJ20 and PJ21): far out from Jupiter
APOJOVE = (perijove(20).tdb + perijove(21).tdb) / 2.0


@pytest.fixture(scope="module")
def canvas():
    from jovianview.render.headless import _pick_backend, offscreen_canvas

    _pick_backend()
    settings = Settings(show_labels=True, show_trail=False, show_moon_orbits=False,
                        background="plain", show_junocam=False)
    c = offscreen_canvas(lambda: APOJOVE, settings, SIZE)
    yield c
    c.close()


def draw(canvas, view: View) -> np.ndarray:  # noqa: ANN001
    canvas.renderer.camera.go_to(view, smooth=False)
    return canvas.render_offscreen(SIZE)[:, :, :3].astype(int)


def colour_near(image: np.ndarray, colour: tuple[float, ...], tol: int = 40) -> np.ndarray:
    rgb = np.array(colour[:3]) * 255
    return np.abs(image - rgb).sum(axis=2) <= tol


def test_an_arrow_at_the_edge_points_to_juno_off_the_picture(canvas) -> None:
    from jovianview.render.layers.edge_arrow import ARROW_COLOUR
    from jovianview.render.view import project

    image = draw(canvas, View("jupiter", 20.0, 0.0, 20.0, 40.0))  # close: Juno far outside
    fd = canvas.renderer.last
    arrows = canvas.renderer.edge_arrows.arrows
    assert [a.body for a in arrows] == ["juno"]
    a = arrows[0]
    w, h = SIZE
    on_edge = min(a.x, w - a.x, a.y, h - a.y)
    assert on_edge <= 12.0  # on the picture's border, not inside it
    pix, depth = project(fd.m, fd.centres["juno"][None, :])
    if depth[0] > 0:  # the arrow points from the centre towards Juno's projected place
        d = pix[0] - np.array([w / 2, h / 2])
        d /= np.linalg.norm(d)
        assert a.ux * d[0] + a.uy * d[1] > 0.99
    mask = colour_near(image, ARROW_COLOUR)
    ys, xs = np.nonzero(mask)
    assert mask.sum() > 20
    assert np.hypot(xs.mean() - a.x, ys.mean() - a.y) < 40  # the arrow's pixels, at the tip
    names = [t for t, _ in canvas.renderer.labels.arrow_labels]
    assert names == ["Juno"]


def test_no_arrow_when_juno_is_in_the_picture(canvas) -> None:
    draw(canvas, View("juno", 0.05, 0.0, 20.0, 40.0))
    assert canvas.renderer.edge_arrows.arrows == []


def test_label_text_grows_with_the_text_size(canvas) -> None:
    def notice_height(scale: float) -> int:
        canvas.renderer.labels.set_text_scale(scale)
        try:
            image = draw(canvas, View("jupiter", 20.0, 0.0, 20.0, 40.0))
        finally:
            canvas.renderer.labels.set_text_scale(1.0)
        from jovianview.render.layers.labels import LabelsLayer

        rows = colour_near(image, LabelsLayer.NOTICE_COLOUR, 90)[:, :SIZE[0] // 2].any(axis=1)
        first = int(np.argmax(rows))
        return int(np.argmax(~rows[first:]))  # the first notice line's height

    small, large = notice_height(1.0), notice_height(2.0)
    assert small >= 7
    assert large >= 1.7 * small


def test_banners_speak_plainly(canvas) -> None:
    draw(canvas, View("jupiter", 20.0, 0.0, 20.0, 40.0))
    text = canvas.renderer.notice(canvas.renderer.last)
    assert text.startswith("Moons drawn 8 times larger than they are, so you can see them")
    assert "x8" not in text and "ENLARGED" not in text


def test_the_legend_uses_the_layers_own_colours() -> None:
    from jovianview.render.layers import edge_arrow, junocam, paths
    from jovianview.render.legend import entries

    by_name = {e.name: e for e in entries("scene")}
    assert by_name["Juno's path, flown"].colour == paths.TRAIL_COLOUR
    assert by_name["Juno's path, planned"].colour == paths.PLANNED_COLOUR
    assert by_name["Moon orbits"].colour == paths.ORBIT_COLOUR
    assert by_name["JunoCam's field of view"].colour == junocam.FRUSTUM_COLOUR
    assert by_name["What JunoCam sees on Jupiter"].colour == junocam.FOOTPRINT_COLOUR
    assert any(e.colour == edge_arrow.ARROW_COLOUR for e in by_name.values())
    settings = Settings()
    assert all(e.setting is None or hasattr(settings, e.setting) for e in entries())
