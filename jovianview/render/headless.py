"""Draw the scene without a window: for ``jovianview render``, lesson material and tests.

Uses VisPy's EGL backend (no display needed; ``EGL_PLATFORM=surfaceless`` is set when there is
no display) and falls back to the Qt backend when EGL is unusable. When neither gives an
OpenGL context, :class:`NoOpenGLError` says what to try.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from jovianview.core.ephemeris import Ephemeris
from jovianview.core.errors import JovianviewError
from jovianview.data.images import write_png
from jovianview.model.camera import PRESETS, CameraModel
from jovianview.model.scene import SceneModel
from jovianview.model.settings import Settings
from jovianview.model.types import ViewName
from jovianview.render import vispy_private

if TYPE_CHECKING:  # imported when called: the canvas module loads VisPy's app
    from jovianview.render.canvas import JovianCanvas

OPENGL_HELP = (
    "jovianview needs OpenGL 2.1. Try: updating the graphics driver; on Linux, installing Mesa "
    "(Debian/Ubuntu: apt install libgl1-mesa-dri libglx-mesa0 libegl1); in a remote or virtual "
    "session, software rendering with LIBGL_ALWAYS_SOFTWARE=1; for headless rendering, "
    "EGL_PLATFORM=surfaceless or running under xvfb-run."
)


class NoOpenGLError(JovianviewError):
    """No usable OpenGL context could be created."""


def _pick_backend() -> str:
    """Choose VisPy's backend (the window's, if one was chosen) and create its application.

    The application is created here, explicitly: VisPy creates a Qt backend's QApplication
    only inside an ``assert`` (``Canvas.create_native``), which the bundle's optimised
    bytecode (PyInstaller ``optimize=1``, i.e. ``python -O``) strips, and Qt then aborts the
    process on the first widget ("Must construct a QApplication before a QWidget").
    """
    import vispy.app

    current = vispy_private.current_app_backend()
    if current is not None:
        vispy.app.use_app().native  # noqa: B018 - creates the QApplication if none exists
        return current
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        order: tuple[str, ...] = ("pyqt6", "egl")  # the same backend the window uses
    else:  # Qt would abort without a display: EGL only
        order = ("egl",)
        os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    errors = []
    for name in order:
        try:
            vispy.app.use_app(name).native  # noqa: B018 - see the docstring
            return name
        except Exception as exc:  # noqa: BLE001 - any failure means "try the next one"
            errors.append(f"{name}: {exc}")
    raise NoOpenGLError(f"no OpenGL backend works ({'; '.join(errors)}). {OPENGL_HELP}")


def render_image(tdb: float, view: ViewName, size: tuple[int, int],
                 settings: Settings | None = None,
                 ephemeris: Ephemeris | None = None,
                 adjust: Mapping[str, float] | None = None) -> NDArray[np.uint8]:
    """Render the scene at ``tdb`` from preset ``view``; returns (h, w, 4) RGBA uint8.

    Positions come from ``ephemeris`` (default: the embedded tables alone); ``adjust``
    replaces fields of the preset's :class:`~jovianview.model.camera.View` (azimuth,
    elevation, distance).
    """
    if view not in PRESETS:
        raise JovianviewError(f"unknown view {view!r}: choose one of {', '.join(PRESETS)}")
    settings = settings or Settings()
    _pick_backend()
    canvas = offscreen_canvas(lambda: tdb, settings, size, ephemeris)
    try:
        aspect = size[0] / max(size[1], 1)
        pose = canvas.renderer.preset_view(view, tdb, aspect)
        if adjust:
            pose = dataclasses.replace(
                pose, azimuth=float(adjust.get("azimuth", pose.azimuth)),
                elevation=float(adjust.get("elevation", pose.elevation)),
                distance=float(adjust.get("distance", pose.distance)))
        canvas.renderer.camera.go_to(pose, view, smooth=False)
        return canvas.render_offscreen(size)
    finally:
        canvas.close()


def offscreen_canvas(time_source: Callable[[], float], settings: Settings,
                     size: tuple[int, int],
                     ephemeris: Ephemeris | None = None,
                     camera: CameraModel | None = None) -> JovianCanvas:
    """A hidden canvas with a renderer for ``settings``, framed at ``time_source()``;
    ``camera``: one to use (a tour movie times its flights by frame), else a new one."""
    from jovianview.render.canvas import JovianCanvas
    from jovianview.render.renderer import SceneRenderer

    def make() -> SceneRenderer:
        return SceneRenderer(SceneModel(time_source(), ephemeris), camera or CameraModel(),
                             settings)

    try:
        return JovianCanvas(make, time_source, size=size, show=False)
    except JovianviewError:
        raise
    except Exception as exc:  # noqa: BLE001 - GL context creation failures vary by driver
        raise NoOpenGLError(f"could not create an OpenGL context ({exc}). {OPENGL_HELP}") from None


def render_png(tdb: float, view: ViewName, size: tuple[int, int], out: str,
               settings: Settings | None = None,
               ephemeris: Ephemeris | None = None,
               adjust: Mapping[str, float] | None = None) -> NDArray[np.uint8]:
    """Render and write a PNG (RGB); returns the RGBA image too (see :func:`render_image`)."""
    image = render_image(tdb, view, size, settings, ephemeris, adjust)
    write_png(out, np.ascontiguousarray(image[:, :, :3]))
    return image
