"""Start the desktop program: a Qt application, the settings, the main window.

Failures to get OpenGL end in a dialog and a console message naming what to try, never a
traceback; any other failure at start-up gets a dialog of its own saying what went wrong (it
is not an OpenGL problem, so the OpenGL advice would mislead). Once the window runs, the
guard of ``qt/guard.py`` turns an exception in any slot into a message box.

For launch-time measurements and the packaging smoke test, ``JOVIANVIEW_EXIT_AFTER_FIRST_FRAME``
set to a number of seconds makes the window print the wall-clock time (Unix seconds) at which
its first frame was drawn, keep running that many seconds more, then quit with status 0.
"""

from __future__ import annotations

import re
import sys
import time
import traceback
from typing import TYPE_CHECKING

from jovianview.core.errors import JovianviewError
from jovianview.model.settings import SettingsStore
from jovianview.render.headless import OPENGL_HELP, NoOpenGLError

if TYPE_CHECKING:  # PyQt6 and the window are imported only when a window opens
    from PyQt6.QtWidgets import QApplication

    from jovianview.qt.main_window import MainWindow

# Words of OpenGL failures (VisPy, Qt, Mesa, EGL); a message without them is another problem.
_GL_WORDS = re.compile(r"opengl|\begl\b|\bglx\b|\bwgl\b|\bglsl\b|shader|framebuffer|"
                       r"\bmesa\b|llvmpipe|\bgl (context|version|driver)", re.IGNORECASE)
# GL function and constant names: glCreateShader, eglInitialize, GL_INVALID_ENUM
_GL_NAMES = re.compile(r"\b(gl|egl|glX|wgl)[A-Z]\w+|\b(GL|EGL)_[A-Z_]+")
_GL_MODULES = ("vispy/gloo", "vispy/app/backends", "vispy\\gloo", "vispy\\app\\backends",
               "OpenGL")


def is_opengl_problem(exc: BaseException) -> bool:
    """True when ``exc`` says OpenGL is unusable (not e.g. a bad file or a program bug).

    A :class:`NoOpenGLError`, or an error raised inside VisPy's GL and backend code, or one
    whose message speaks of OpenGL (``"Could not create an OpenGL context"``, GLX, EGL,
    shaders); never a :class:`JovianviewError` of another kind or an ``OSError``.
    """
    if isinstance(exc, NoOpenGLError):
        return True
    if isinstance(exc, JovianviewError | OSError | KeyError | LookupError | TypeError):
        return False
    if _GL_WORDS.search(str(exc)) or _GL_NAMES.search(str(exc)):
        return True
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and any(m in frames[-1].filename for m in _GL_MODULES)


def run_gui(start_tdb: float | None = None, present: bool = False,
            tour: str | None = None) -> int:
    """Open the window (at ``start_tdb``, else the most recent flown perijove) and run;
    ``present``: in presentation mode (``jovianview --present``); ``tour``: a tour file to
    play (``jovianview tour FILE``)."""
    import os

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        print("jovianview: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the "
              "window cannot open. Run it in a desktop session, or use `jovianview render` "
              "to draw images without a window.", file=sys.stderr)
        return 1
    import vispy.app
    from PyQt6.QtWidgets import QApplication

    existing = QApplication.instance()  # the tests' QApplication, if any
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("jovianview")
    app.setDesktopFileName("org.jovianview.jovianview")  # matches the installed .desktop
    _set_icon(app)
    from jovianview.qt.dialogs import show_no_opengl, show_start_failure
    from jovianview.qt.guard import install_excepthook

    install_excepthook()  # from here on, no exception in a slot aborts the program
    try:
        vispy.app.use_app("pyqt6")
        window = open_window(start_tdb)
    except Exception as exc:  # noqa: BLE001 - GL failures come as many exception types
        if is_opengl_problem(exc):
            show_no_opengl(f"{exc}\n\n{OPENGL_HELP}")
        else:
            show_start_failure(exc)
        return 1
    window.show()
    if present:
        window.presentation.set_presentation(True)
    if tour is not None:
        window.tours.play_file(tour)
    linger = os.environ.get(EXIT_AFTER_FIRST_FRAME)
    if linger is not None:
        _quit_after_first_frame(window, app, float(linger))
    status = app.exec()
    # Delete the window while the application still exists: left to PyQt's clean-up at
    # exit, it may come after the application's, a crash on the way out.
    from PyQt6 import sip

    if not sip.isdeleted(window):
        sip.delete(window)
    return status


EXIT_AFTER_FIRST_FRAME = "JOVIANVIEW_EXIT_AFTER_FIRST_FRAME"


def _set_icon(app: QApplication) -> None:
    """The window icon drawn by tools/make_icon.py, when the assets carry it."""
    from PyQt6.QtGui import QIcon

    from jovianview.core.assets import assets_dir

    path = assets_dir() / "icons" / "jovianview.png"
    if path.exists():
        app.setWindowIcon(QIcon(str(path)))


def _quit_after_first_frame(window: MainWindow, app: QApplication, linger_s: float) -> None:
    """Report when the first frame is drawn, then quit ``linger_s`` seconds later."""
    from PyQt6.QtCore import QTimer

    poll = QTimer(window)

    def check() -> None:
        if window.canvas.frames_drawn > 0:
            poll.stop()
            print(f"jovianview: first frame at {time.time():.3f}", flush=True)
            QTimer.singleShot(int(max(linger_s, 0.0) * 1000), window.close)
            QTimer.singleShot(int(max(linger_s, 0.0) * 1000) + 50, app.quit)

    poll.timeout.connect(check)
    poll.start(5)


def open_window(start_tdb: float | None = None,
                store: SettingsStore | None = None) -> MainWindow:
    """Build the main window with settings from ``store`` (default: the user's config dir)."""
    from jovianview.model import sources
    from jovianview.qt.main_window import MainWindow

    store = store or SettingsStore()
    settings = store.load()
    if start_tdb is None:
        start_tdb = sources.default_start_tdb()  # a fresh start: the latest flown perijove
    if store.notice:
        print(f"jovianview: {store.notice}", file=sys.stderr)
    return MainWindow(settings, store, start_tdb=start_tdb)
