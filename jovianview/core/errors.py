"""Exceptions raised by the core, each with a message a user can act on.

Every error is a ``JovianviewError`` (itself a ``ValueError``), so the CLI can catch one
class, print the message on one line and exit with status 2.
"""

from __future__ import annotations


class JovianviewError(ValueError):
    """Base class of every error jovianview reports to a user."""


class UnknownBodyError(JovianviewError):
    """A body name that no ephemeris source knows."""


class TimeRangeError(JovianviewError):
    """A time outside the span an ephemeris covers."""


class InvalidTimeError(JovianviewError):
    """A time that is not a number, is NaN, or is a malformed date string."""


class DataFileError(JovianviewError):
    """A data file (asset, kernel, settings) that is missing, corrupt or unreadable."""


class JovianviewWarning(UserWarning):
    """Warnings jovianview emits; the test suite turns them into errors."""
