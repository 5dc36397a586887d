"""Canary for VisPy's private state that render/vispy_private.py relies on (issue 17).

If VisPy changes an attribute jovianview reads, these tests fail naming it; then adapt
render/vispy_private.py and widen the pin in pyproject.toml (``vispy>=0.14,<0.18``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from jovianview.render import vispy_private
from tests.conftest import REPO


def test_nothing_missing_without_opengl() -> None:
    problems = vispy_private.canary()
    assert not problems, "VisPy changed what jovianview relies on:\n" + "\n".join(problems)


def test_the_pin_in_pyproject_matches_the_checked_versions() -> None:
    with (REPO / "pyproject.toml").open("rb") as fh:
        deps = tomllib.load(fh)["project"]["dependencies"]
    (vispy,) = [d for d in deps if re.match(r"vispy\b", d)]
    assert vispy.replace(" ", "") == "vispy" + ",".join(vispy_private.CHECKED_VERSIONS)


def test_only_vispy_private_reads_vispy_internals() -> None:
    """The private names gathered in vispy_private.py appear nowhere else in the package."""
    private = re.compile(r"(?<!self)\._(samplers|attributes|linked|font|kernel|shared|commands|"
                         r"native|do_CURRENT_command|vispy_canvas|buffer_size)\b|_default_app|\.shared\.parser|"
                         r"\"_native\"|\"_vispy_canvas\"|\"_linked\"")
    offenders = []
    for path in (REPO / "jovianview" / "render").rglob("*.py"):
        if path.name == "vispy_private.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if private.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.gui
def test_nothing_missing_with_a_context_and_a_drawn_program() -> None:
    from vispy import gloo

    from jovianview.render.gldirect import DirectDraw
    from tests.render.tiny_canvas import tiny_canvas

    canvas = tiny_canvas()
    try:
        program = gloo.Program("attribute vec2 a_pos; uniform float u_k; void main() "
                               "{ gl_Position = vec4(a_pos * u_k, 0.0, 1.0); }",
                               "void main() { gl_FragColor = vec4(1.0); }")
        program["a_pos"] = np.zeros((3, 2), np.float32)
        fbo = gloo.FrameBuffer(gloo.Texture2D((32, 32, 4)))
        with fbo:
            DirectDraw(program).draw("triangles", {"u_k": 1.0}, count=3)
            DirectDraw(program).draw("triangles", {"u_k": 1.0}, count=3)  # the direct path
        problems = vispy_private.canary(canvas.context, program)
        assert not problems, "VisPy changed what jovianview relies on:\n" + "\n".join(problems)
        ob = vispy_private.glir_object(canvas.context, program)
        assert vispy_private.gl_handle(ob) is not None and vispy_private.program_linked(ob)
        samplers, attributes = vispy_private.program_bindings(ob)
        assert samplers == () and len(attributes) == 1
    finally:
        canvas.close()


def test_canary_names_a_missing_attribute(monkeypatch) -> None:
    """It fails loudly: a VisPy without the font kernel is reported by name."""
    from vispy.visuals.text import text

    real = text.TextureFont.__init__

    def without_kernel(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        real(self, *a, **k)
        del self._kernel

    monkeypatch.setattr(text.TextureFont, "__init__", without_kernel)
    assert any("TextVisual._font._kernel" in p for p in vispy_private.canary())


def test_versions_outside_the_pin_are_reported(monkeypatch) -> None:
    import vispy

    monkeypatch.setattr(vispy, "__version__", "0.19.0")
    assert any("0.19.0 is outside" in p for p in vispy_private.canary())


def test_repo_path_is_the_checkout() -> None:
    assert (REPO / "jovianview" / "render" / "vispy_private.py").exists()
    assert isinstance(REPO, Path)
