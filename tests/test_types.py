"""The named value types (core/types.py, model/types.py) match the tables that use them."""

from __future__ import annotations

from typing import get_args


def test_bodies_match_the_ephemeris_table() -> None:
    from jovianview.core.ephemeris.bodies import MOONS, NAIF_IDS
    from jovianview.core.types import BODIES, MOON_NAMES, Body

    assert set(BODIES) == set(NAIF_IDS) and len(BODIES) == len(NAIF_IDS)
    assert MOON_NAMES == MOONS
    assert get_args(Body) == BODIES


def test_frames_match_core_frames() -> None:
    from jovianview.core.frames import FRAMES
    from jovianview.core.types import FRAME_NAMES

    assert FRAME_NAMES == FRAMES


def test_views_are_the_camera_presets_and_have_titles() -> None:
    from jovianview.model.camera import PRESET_TITLES, PRESETS
    from jovianview.model.types import VIEW_NAMES

    assert PRESETS == VIEW_NAMES and set(PRESET_TITLES) == set(VIEW_NAMES)


def test_settings_choices_come_from_the_types() -> None:
    from typing import get_type_hints

    from jovianview.model import types
    from jovianview.model.settings import Settings

    hints = get_type_hints(Settings)
    assert hints["scale_mode"] == types.ScaleMode
    assert hints["view"] == types.ViewName
    assert hints["distance_unit"] == types.DistanceUnit
    assert hints["background"] == types.Background
