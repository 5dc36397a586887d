"""Set a gloo uniform only when its value changed.

Every ``program[name] = value`` in VisPy queues a GLIR command that is parsed and sent to GL
on the next draw, changed or not; under software GL those calls are a good part of a frame's
CPU time. :class:`Uniforms` remembers what each program last received and skips repeats.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class Uniforms:
    """A program with a memory of its uniform values."""

    def __init__(self, program: Any) -> None:
        self.program = program
        self._last: dict[str, np.ndarray] = {}

    def __setitem__(self, name: str, value: Any) -> None:
        v = np.asarray(value, dtype=np.float32)
        last = self._last.get(name)
        if last is not None and last.shape == v.shape and np.array_equal(last, v):
            return
        self._last[name] = v.copy()
        self.program[name] = v

    def log_depth(self) -> Uniforms:
        """Set the logarithmic-depth constants every 3D program shares (once, at creation)."""
        from jovianview.render.frame import FCOEF
        from jovianview.render.view import LOG_C

        self["u_logc"] = LOG_C
        self["u_fcoef"] = FCOEF
        return self
