"""Installed HD packs read back at start: anything damaged is set aside with a message."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from jovianview.data.pack_cache import SET_ASIDE, load_installed


def good_pack(maps: Path, body: str = "io", **meta: object) -> None:
    maps.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((8, 16, 3), 90, np.uint8)).save(maps / f"{body}.png")
    (maps / f"{body}.json").write_text(json.dumps({"title": "t", "grs_u": None, **meta}))


def short_png_header(maps: Path) -> None:
    good_pack(maps)
    (maps / "io.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0")


def unknown_body(maps: Path) -> None:
    good_pack(maps, "pluto")


def grey_png(maps: Path) -> None:
    good_pack(maps)
    Image.fromarray(np.full((8, 16), 90, np.uint8)).save(maps / "io.png")


def json_list(maps: Path) -> None:
    good_pack(maps)
    (maps / "io.json").write_text("[1, 2, 3]")


def grs_u_text(maps: Path) -> None:
    good_pack(maps, "jupiter", grs_u="abc")


BAD = {"short PNG header": (short_png_header, "truncated or damaged"),
       "unknown body": (unknown_body, "unknown body 'pluto'"),
       "grey PNG": (grey_png, "not an RGB map"),
       "JSON list": (json_list, "not a JSON object"),
       "grs_u text": (grs_u_text, "grs_u must be a number from 0 to 1, got 'abc'")}


@pytest.mark.parametrize("case", list(BAD))
def test_a_damaged_pack_is_set_aside_with_a_message(tmp_path: Path, case: str) -> None:
    maps = tmp_path / "maps"
    make, reason = BAD[case]
    make(maps)
    good_pack(maps, "europa")  # a good one beside it still loads
    packs, problems = load_installed(tmp_path)
    assert list(packs) == ["europa"]
    assert len(problems) == 1 and reason in problems[0] and "set aside" in problems[0]
    assert list((maps / SET_ASIDE).glob("*.json"))  # moved out of the way
    again, problems_again = load_installed(tmp_path)
    assert list(again) == ["europa"] and problems_again == []  # the next start is clean


@pytest.mark.parametrize("value", [float("nan"), 1.5, -0.1, True, [0.5]])
def test_grs_u_must_be_a_finite_fraction(tmp_path: Path, value: object) -> None:
    good_pack(tmp_path / "maps", "jupiter")
    (tmp_path / "maps" / "jupiter.json").write_text(json.dumps({"grs_u": value}))
    packs, problems = load_installed(tmp_path)
    assert packs == {} and "grs_u" in problems[0]


def test_a_good_pack_keeps_its_grs_u(tmp_path: Path) -> None:
    good_pack(tmp_path / "maps", "jupiter", grs_u=0.25)
    packs, problems = load_installed(tmp_path)
    assert problems == [] and packs["jupiter"].grs_u == 0.25
    assert packs["jupiter"].title == "HD pack: t"
