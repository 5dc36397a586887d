"""Start the desktop program: a Qt application, the settings, the main window.

Failures to get OpenGL end in a dialog and a console message naming what to try, never a
traceback.

For launch-time measurements and the packaging smoke test, ``JOVIANVIEW_EXIT_AFTER_FIRST_FRAME``
set to a number of seconds makes the window print the wall-clock time (Unix seconds) at which
its first frame was drawn, keep running that many seconds more, then quit with status 0.
"""

from __future__ import annotations

import sys
import time

from jovianview.model.settings import SettingsStore
from jovianview.render.headless import OPENGL_HELP


def run_gui(start_tdb: float | None = None, present: bool = False) -> int:
    """Open the window (at ``start_tdb``, else the most recent flown perijove) and run;
    ``present``: in presentation mode (``jovianview --present``)."""
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

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("jovianview")
    app.setDesktopFileName("org.jovianview.jovianview")  # matches the installed .desktop
    _set_icon(app)
    from jovianview.qt.dialogs import show_no_opengl

    try:
        vispy.app.use_app("pyqt6")
        window = open_window(start_tdb)
    except Exception as exc:  # noqa: BLE001 - GL failures come as many exception types
        show_no_opengl(f"{exc}\n\n{OPENGL_HELP}")
        return 1
    window.show()
    if present:
        window.presentation.set_presentation(True)
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


def _set_icon(app) -> None:  # noqa: ANN001 - a QApplication
    """The window icon drawn by tools/make_icon.py, when the assets carry it."""
    from PyQt6.QtGui import QIcon

    from jovianview.core.assets import assets_dir

    path = assets_dir() / "icons" / "jovianview.png"
    if path.exists():
        app.setWindowIcon(QIcon(str(path)))


def _quit_after_first_frame(window, app, linger_s: float) -> None:  # noqa: ANN001 - Qt types
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


def open_window(start_tdb: float | None = None, store: SettingsStore | None = None):  # noqa: ANN201
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
