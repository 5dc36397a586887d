"""Every use of VisPy's private state, in one place, each behind a small named function.

jovianview draws most things with direct GL calls (``gldirect.py``) once VisPy has created
and linked them, which needs VisPy's GLIR objects (program handles, texture units, attribute
bindings, the command queue); it also re-uses one VisPy font texture and replaces the Qt
widget's ``paintGL``. None of that is public API. It was checked with the VisPy versions in
:data:`CHECKED_VERSIONS` (pinned in ``pyproject.toml``); :func:`canary` lists what is missing
in the installed VisPy, and ``tests/render/test_vispy_private.py`` fails naming it.
"""

from __future__ import annotations

from typing import Any

CHECKED_VERSIONS = (">=0.14", "<0.18")  # keep equal to the pin in pyproject.toml


# ---------------------------------------------------------------- application
def current_app_backend() -> str | None:
    """The backend name of VisPy's default application, None before one was chosen (read
    without creating one, which ``vispy.app.use_app()`` would do)."""
    from vispy.app import _default_app

    current = _default_app.default_app
    return None if current is None else str(current.backend_name)


def is_vispy_qt_widget(native: Any) -> bool:
    """True while ``native`` is a VisPy Qt canvas widget still bound to its canvas."""
    return getattr(native, "_vispy_canvas", None) is not None


def make_hidden_canvas_current(canvas: Any) -> None:
    """Make a canvas's GL context current, a hidden Qt canvas's included.

    A VisPy Qt canvas that was never shown has no context of its own yet: VisPy created a
    secondary context on an offscreen surface (``_secondary_context``, ``_surface``) and made
    it current once, at creation, and ``set_current()`` does nothing until the widget is
    shown. In the window, the 3D view then makes its own context current between two frames
    of a movie; this makes the hidden canvas's context current again, for GL and for gloo
    (whose commands go to the canvas ``set_current()`` names). Other backends (EGL) need only
    ``set_current()``.
    """
    canvas.set_current()
    native: Any = getattr(canvas, "native", None)
    secondary = getattr(native, "_secondary_context", None)
    if secondary is not None and not native.isValid():
        secondary.makeCurrent(native._surface)


# ---------------------------------------------------------------- GLIR objects
def glir_object(ctx: Any, gloo_object: Any) -> Any:
    """The GLIR parser's object (program, texture, buffer) for a gloo object, or None."""
    return ctx.shared.parser.get_object(gloo_object.id)


def glir_parser(ctx: Any) -> Any:
    """The GLIR parser of ``ctx`` (one per set of shared contexts)."""
    return ctx.shared.parser


def gl_handle(ob: Any) -> int | None:
    """The GL name of a GLIR object, None before it exists on the GPU."""
    handle = getattr(ob, "handle", None)
    return None if handle in (None, -1) else int(handle)


def buffer_size(ob: Any) -> int:
    """Bytes a GLIR buffer object has allocated on the GPU (0 before its first size)."""
    return int(getattr(ob, "_buffer_size", 0) or 0)


def program_linked(ob: Any) -> bool:
    """True once the GLIR program was linked (its uniforms and attributes known)."""
    return bool(getattr(ob, "_linked", False))


def program_bindings(ob: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """A linked GLIR program's textures ``(target, handle, unit)`` and attribute bindings
    ``(vbo, location, gl_function, args, divisor)``, as tuples (comparable between frames)."""
    return tuple(ob._samplers.values()), tuple(ob._attributes.values())


def mark_current_program(parser: Any, handle: int) -> None:
    """Tell the parser that program ``handle`` is in use (it skips glUseProgram by this)."""
    parser.env["current_program"] = handle


def queue_pending(ctx: Any) -> bool:
    """True when ``ctx`` has GLIR commands queued (or must make itself current first)."""
    shared = getattr(getattr(ctx, "glir", None), "_shared", None)
    return shared is None or bool(shared._commands) or getattr(ctx, "_do_CURRENT_command", True)


def native_gl_function(wrapper: Any) -> Any:
    """The ctypes function behind a ``vispy.gloo.gl`` wrapper (None until first called)."""
    return getattr(wrapper, "_native", None)


# ---------------------------------------------------------------- text
def font_kernel(text_visual: Any) -> Any:
    """The glyph-filter kernel of a TextVisual's font (a numpy array or a Texture2D)."""
    return text_visual._font._kernel


def set_font_kernel(text_visual: Any, kernel: Any) -> None:
    """Replace the font's kernel (an uploaded Texture2D instead of an array re-sent each draw)."""
    text_visual._font._kernel = kernel


# ---------------------------------------------------------------- canary
def canary(ctx: Any | None = None, program: Any | None = None) -> list[str]:
    """What this module relies on and the installed VisPy lacks, one line each (empty: all
    there). Without ``ctx``/``program`` (a context and a gloo Program drawn once in it),
    only what needs no OpenGL is checked."""
    import inspect

    import vispy
    from vispy.app import _default_app
    from vispy.gloo import glir
    from vispy.visuals import TextVisual

    problems = []
    if not _version_checked(vispy.__version__):
        problems.append(f"vispy {vispy.__version__} is outside the checked versions "
                        f"{', '.join(CHECKED_VERSIONS)}")
    if not hasattr(_default_app, "default_app"):
        problems.append("vispy.app._default_app.default_app is gone")
    queue = glir.GlirQueue()
    if not hasattr(getattr(queue, "_shared", None), "_commands"):
        problems.append("GlirQueue._shared._commands is gone")
    text = TextVisual("x")
    try:
        font_kernel(text)
    except AttributeError as exc:
        problems.append(f"TextVisual._font._kernel is gone ({exc})")
    if not hasattr(glir.GlirParser, "get_object"):
        problems.append("GlirParser.get_object is gone")
    if "_buffer_size" not in inspect.getsource(glir.GlirBuffer.set_size):
        problems.append("GlirBuffer._buffer_size is gone")
    if ctx is not None:
        if not hasattr(ctx, "_do_CURRENT_command"):
            problems.append("GLContext._do_CURRENT_command is gone")
        parser = glir_parser(ctx)
        if not isinstance(getattr(parser, "env", None), dict):
            problems.append("GlirParser.env (a dict) is gone")
        if program is not None:
            ob = glir_object(ctx, program)
            for name in ("handle", "_linked", "_samplers", "_attributes"):
                if not hasattr(ob, name):
                    problems.append(f"GlirProgram.{name} is gone")
            if not problems and not program_linked(ob):
                problems.append("GlirProgram._linked is False after a draw")
        from vispy.gloo import gl

        if native_gl_function(gl.glUseProgram) is None:  # called by any draw
            problems.append("vispy.gloo.gl wrappers have no _native ctypes function")
    return problems


def _version_checked(version: str) -> bool:
    parts = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    return (0, 14) <= parts < (0, 18)
