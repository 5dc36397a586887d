"""The per-user folders for settings and caches (platformdirs, with overrides for tests).

Paths (unchanged from earlier versions, so users' files are found): Linux
``$XDG_CONFIG_HOME/jovianview`` (default ``~/.config/jovianview``) and
``$XDG_CACHE_HOME/jovianview``; Windows ``%APPDATA%\\jovianview`` and
``%LOCALAPPDATA%\\jovianview``; macOS ``~/Library/Application Support/jovianview`` and
``~/Library/Caches/jovianview``. ``JOVIANVIEW_CONFIG_DIR`` and ``JOVIANVIEW_CACHE_DIR``
override them (tests and portable installs use this).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "jovianview"
CONFIG_OVERRIDE = "JOVIANVIEW_CONFIG_DIR"
CACHE_OVERRIDE = "JOVIANVIEW_CACHE_DIR"


def config_dir(app_name: str = APP_NAME) -> Path:
    """The per-user configuration folder (``JOVIANVIEW_CONFIG_DIR`` overrides it)."""
    override = os.environ.get(CONFIG_OVERRIDE)
    if override:
        return Path(override)
    # roaming: %APPDATA% on Windows, as before; no author folder in the path
    return Path(platformdirs.user_config_dir(app_name, appauthor=False, roaming=True))


def cache_dir(app_name: str = APP_NAME) -> Path:
    """The per-user cache folder, for downloaded texture packs (``JOVIANVIEW_CACHE_DIR``)."""
    override = os.environ.get(CACHE_OVERRIDE)
    if override:
        return Path(override)
    # opinion=False: no extra "Cache" folder on Windows, where earlier versions had none
    return Path(platformdirs.user_cache_dir(app_name, appauthor=False, opinion=False))
