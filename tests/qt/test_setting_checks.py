"""The View menu's toggles stay checked as the settings say, whoever changes them (a tour, a
bookmark, the settings file)."""

from __future__ import annotations

import pytest

from jovianview.qt.setting_checks import STARS_KEY, TOGGLE_KEYS, _action_for

pytestmark = pytest.mark.gui


def test_every_toggle_follows_its_setting(window) -> None:
    for field, key in TOGGLE_KEYS.items():
        action = _action_for(window, key)
        assert action is not None, f"no View menu toggle with key {key} for {field}"
        for _ in range(2):  # on -> off -> on, or off -> on -> off
            setattr(window.settings, field, not getattr(window.settings, field))
            assert action.isChecked() == getattr(window.settings, field), field


def test_the_stars_toggle_follows_the_background(window) -> None:
    action = _action_for(window, STARS_KEY)
    assert action is not None
    window.settings.background = "plain"
    assert not action.isChecked()
    window.settings.background = "stars"
    assert action.isChecked()
