"""View > Quality: each level sets its setting, and the menu follows changes made elsewhere."""

from __future__ import annotations

import pytest

from jovianview.qt.quality_menu import QUALITY_ENTRIES

pytestmark = pytest.mark.gui


def _menu(window, title: str):  # noqa: ANN001, ANN202
    for act in window.menuBar().actions():
        if act.text() == "&View":
            for sub in act.menu().actions():
                if sub.text() == title:
                    return sub.menu()
    raise AssertionError(f"no {title!r} in the View menu")


def _levels(window, field: str) -> dict[str, object]:  # noqa: ANN001
    title, levels = QUALITY_ENTRIES[field]
    quality = _menu(window, "&Quality (for slow computers)")
    sub = next(a.menu() for a in quality.actions() if a.text() == title)
    by_text = {a.text(): a for a in sub.actions()}
    return {level: by_text[text] for level, text in levels.items()}


@pytest.mark.parametrize("field", sorted(QUALITY_ENTRIES))
def test_each_level_sets_its_setting(window, field: str) -> None:
    actions = _levels(window, field)
    assert [a.isChecked() for a in actions.values()].count(True) == 1
    assert actions[getattr(window.settings, field)].isChecked()
    for level in ("off", "high", "normal"):
        actions[level].trigger()
        assert getattr(window.settings, field) == level


def test_the_menu_follows_a_change_made_elsewhere(window) -> None:
    window.settings.map_quality = "high"
    actions = _levels(window, "map_quality")
    assert actions["high"].isChecked() and not actions["normal"].isChecked()
