"""Draw the scene without a window: for ``jovianview render``, lesson material and tests.

Uses VisPy's EGL backend (no display needed; ``EGL_PLATFORM=surfaceless`` is set when there is
no display) and falls back to the Qt backend when EGL is unusable. When neither gives an
OpenGL context, :class:`NoOpenGLError` says what to try.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from jovianview.core.errors import JovianviewError
from jovianview.model.camera import PRESETS, CameraModel
from jovianview.model.scene import SceneModel
from jovianview.model.settings import Settings
from jovianview.render.png import write_png

OPENGL_HELP = (
    "jovianview needs OpenGL 2.1. Try: updating the graphics driver; on Linux, installing Mesa "
    "(Debian/Ubuntu: apt install libgl1-mesa-dri libglx-mesa0 libegl1); in a remote or virtual "
    "session, software rendering with LIBGL_ALWAYS_SOFTWARE=1; for headless rendering, "
    "EGL_PLATFORM=surfaceless or running under xvfb-run."
)


class NoOpenGLError(JovianviewError):
    """No usable OpenGL context could be created."""


def _pick_backend() -> str:
    import vispy.app
    from vispy.app import _default_app

    current = _default_app.default_app
    if current is not None:
        return current.backend_name
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        order: tuple[str, ...] = ("pyqt6", "egl")  # the same backend the window uses
    else:  # Qt would abort without a display: EGL only
        order = ("egl",)
        os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    errors = []
    for name in order:
        try:
            vispy.app.use_app(name)
            return name
        except Exception as exc:  # noqa: BLE001 - any failure means "try the next one"
            errors.append(f"{name}: {exc}")
    raise NoOpenGLError(f"no OpenGL backend works ({'; '.join(errors)}). {OPENGL_HELP}")


def render_image(tdb: float, view: str, size: tuple[int, int],
                 settings: Settings | None = None) -> NDArray[np.uint8]:
    """Render the scene at ``tdb`` from preset ``view``; returns (h, w, 4) RGBA uint8."""
    if view not in PRESETS:
        raise JovianviewError(f"unknown view {view!r}: choose one of {', '.join(PRESETS)}")
    settings = settings or Settings()
    _pick_backend()
    canvas = offscreen_canvas(lambda: tdb, settings, size)
    try:
        aspect = size[0] / max(size[1], 1)
        canvas.renderer.camera.go_to(canvas.renderer.preset_view(view, tdb, aspect), view,
                                     smooth=False)
        return canvas.render_offscreen(size)
    finally:
        canvas.close()


def offscreen_canvas(time_source: Callable[[], float], settings: Settings,
                     size: tuple[int, int]):  # noqa: ANN201 - a JovianCanvas
    """A hidden canvas with a renderer for ``settings``, framed at ``time_source()``."""
    from jovianview.render.canvas import JovianCanvas
    from jovianview.render.renderer import SceneRenderer

    def make() -> SceneRenderer:
        return SceneRenderer(SceneModel(time_source()), CameraModel(), settings)

    try:
        return JovianCanvas(make, time_source, size=size, show=False)
    except JovianviewError:
        raise
    except Exception as exc:  # noqa: BLE001 - GL context creation failures vary by driver
        raise NoOpenGLError(f"could not create an OpenGL context ({exc}). {OPENGL_HELP}") from None


def render_png(tdb: float, view: str, size: tuple[int, int], out: str,
               settings: Settings | None = None) -> NDArray[np.uint8]:
    """Render and write a PNG (RGB); returns the RGBA image too."""
    image = render_image(tdb, view, size, settings)
    write_png(out, np.ascontiguousarray(image[:, :, :3]))
    return image
