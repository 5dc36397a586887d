"""One guard for every Qt slot: an exception becomes a message box, the window keeps running.

PyQt6 aborts the process (``qFatal``) when an exception escapes a slot while ``sys.excepthook``
is Python's default. :func:`install_excepthook` replaces the hook for the event loop: the
traceback goes to the log (stderr), a non-blocking message box says what failed in one line,
and the program continues. :func:`guarded` does the same around one callable, for slots
that must not depend on the hook (menu actions; tests under pytest-qt, which installs a
hook of its own). Only one box is open at a time, so an error that repeats every frame
cannot bury the window under boxes.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from PyQt6.QtWidgets import QApplication, QMessageBox, QWidget

from jovianview.core.errors import JovianviewError

log = logging.getLogger("jovianview")
F = TypeVar("F", bound=Callable[..., Any])
TITLE = "jovianview: something went wrong"

_open_box: list[QMessageBox] = []  # the box shown now, if any


def describe(exc: BaseException) -> str:
    """One line for a user: what failed, without a traceback."""
    if isinstance(exc, JovianviewError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename if exc.filename is not None else ""
        return f"{exc.strerror}: {where}" if where else exc.strerror
    text = str(exc) or "no details"
    return f"{type(exc).__name__}: {text}"


def report(exc: BaseException, parent: QWidget | None = None,
           traceback: TracebackType | None = None) -> QMessageBox | None:
    """Log ``exc`` with its traceback and show it in a message box; returns the box (None
    when another is still open, or without a QApplication)."""
    log.error("unexpected error: %s", describe(exc),
              exc_info=(type(exc), exc, traceback or exc.__traceback__))
    if QApplication.instance() is None:
        return None
    if _open_box and _open_box[0].isVisible():
        return None
    _open_box.clear()
    if parent is None:
        parent = QApplication.activeWindow()
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE,
                      f"That did not work: {describe(exc)}", QMessageBox.StandardButton.Ok,
                      parent)
    box.setInformativeText("jovianview keeps running. The details were written to the "
                           "console (standard error).")
    box.setObjectName("jovianview_error_box")
    box.open()  # not exec(): the event loop (and playback) carries on
    _open_box.append(box)
    return box


def guarded(slot: F) -> F:
    """``slot`` wrapped so that an exception is reported (:func:`report`), never raised."""

    @functools.wraps(slot)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return slot(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - this is the guard
            report(exc)
            return None

    # functools.wraps keeps slot's signature, but mypy types wrapper as (*Any) -> Any, not F
    return wrapper  # type: ignore[return-value]


def _hook(exc_type: type[BaseException], exc: BaseException,
          traceback: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, traceback)
        return
    report(exc, traceback=traceback)


def install_excepthook() -> Callable[..., Any]:
    """Route uncaught exceptions (any slot's) to :func:`report`; returns the previous hook."""
    previous = sys.excepthook
    sys.excepthook = _hook
    return previous
