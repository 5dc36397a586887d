"""Start the desktop program: a Qt application, the settings, the main window.

Failures to get OpenGL end in a dialog and a console message naming what to try, never a
traceback.
"""

from __future__ import annotations

import sys

from jovianview.model.settings import SettingsStore
from jovianview.render.headless import OPENGL_HELP


def run_gui(start_tdb: float | None = None) -> int:
    """Open the window (at ``start_tdb``, else the most recent flown perijove) and run."""
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
    from jovianview.qt.dialogs import show_no_opengl

    try:
        vispy.app.use_app("pyqt6")
        window = open_window(start_tdb)
    except Exception as exc:  # noqa: BLE001 - GL failures come as many exception types
        show_no_opengl(f"{exc}\n\n{OPENGL_HELP}")
        return 1
    window.show()
    return app.exec()


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
