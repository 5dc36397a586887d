"""Per-frame draws of gloo programs by direct GL calls, and GL state set at once.

VisPy's gloo turns every uniform assignment, state change and draw into GLIR commands that
are queued, filtered and parsed before they reach GL: about 0.1 ms per draw in Python, which
is most of a frame's CPU time with a dozen draws. VisPy still creates, links and uploads
everything here (programs, buffers, textures, static uniforms): :class:`DirectDraw` has it
run its queued commands for a program, then reads back what it set up (program handle,
attribute bindings, texture units) and issues the per-frame uniforms and the draw itself as
plain GL calls.

Ordering: anything still queued in VisPy (a buffer upload, a static uniform, a viewport or
framebuffer change) is executed first (``flush_commands``), so direct calls never overtake
queued ones. GL state set here (:func:`set_state`) takes effect at once, so callers use it
only after such a flush, i.e. between draws of this module.
"""

from __future__ import annotations

import ctypes
import weakref
from typing import Any

import numpy as np
from vispy import gloo
from vispy.gloo import gl as G

from jovianview.render import vispy_private as vp

MODES = {"triangles": G.GL_TRIANGLES, "triangle_strip": G.GL_TRIANGLE_STRIP,
         "lines": G.GL_LINES, "line_strip": G.GL_LINE_STRIP, "points": G.GL_POINTS}
INDEX_TYPES = {np.dtype(np.uint32): G.GL_UNSIGNED_INT, np.dtype(np.uint16): G.GL_UNSIGNED_SHORT,
               np.dtype(np.uint8): G.GL_UNSIGNED_BYTE}
CAPABILITIES = {"depth_test": G.GL_DEPTH_TEST, "blend": G.GL_BLEND,
                "cull_face": G.GL_CULL_FACE}


def context() -> Any:
    """The current canvas's gloo context (None without one)."""
    canvas = gloo.get_current_canvas()
    return canvas.context if canvas is not None else None


def flush_queued() -> None:
    """Execute VisPy's queued GL commands now (before direct calls that must follow them)."""
    ctx = context()
    if ctx is not None:
        ctx.flush_commands()


def _flush_pending(ctx: Any) -> None:
    """``ctx.flush_commands()`` when something is queued: with an empty queue it would still
    filter and parse an empty list (a dozen times a frame, for nothing)."""
    if vp.queue_pending(ctx):
        ctx.flush_commands()


def upload(buffer: gloo.buffer.DataBuffer, data: np.ndarray) -> None:
    """Write ``data`` at the start of ``buffer``: at once by ``glBufferSubData`` when the
    buffer exists on the GPU and holds it, else through VisPy (``set_subdata`` when it fits,
    ``set_data`` when it must grow).

    A per-frame upload through VisPy queues two or three GLIR commands that are filtered
    and parsed in Python before the one GL call; a moving label or JunoCam's outline pays
    that every frame. Anything queued earlier is run first, so no older write to the buffer
    can land after this one.
    """
    data = np.ascontiguousarray(data)
    ctx = context()
    if ctx is not None and data.nbytes <= buffer.nbytes:
        _flush_pending(ctx)
        ob = vp.glir_object(ctx, buffer)
        handle = vp.gl_handle(ob) if ob is not None else None
        if handle is not None and vp.buffer_size(ob) == buffer.nbytes:
            target = G.GL_ELEMENT_ARRAY_BUFFER if isinstance(buffer, gloo.IndexBuffer) \
                else G.GL_ARRAY_BUFFER
            bind = _native("glBindBuffer")
            bind(target, handle)
            _buffer_subdata(target, data)
            bind(target, 0)
            return
    if data.nbytes <= buffer.nbytes:
        buffer.set_subdata(data)
    else:
        buffer.set_data(data)


def _buffer_subdata(target: int, data: np.ndarray) -> None:
    native = vp.native_gl_function(G.glBufferSubData)
    if native is None:
        G.glBufferSubData(target, 0, data)  # the wrapper binds the native function
    else:
        native(target, 0, data.nbytes, data.ctypes.data)


def clear(viewport: tuple[int, int, int, int], colour: tuple[float, ...]) -> None:
    """Set the viewport and clear colour and depth (depth writes enabled first)."""
    G.glViewport(*viewport)
    G.glClearColor(*colour)
    G.glDepthMask(True)
    G.glClear(G.GL_COLOR_BUFFER_BIT | G.GL_DEPTH_BUFFER_BIT)


def set_state(depth_test: bool | None = None, blend: bool | None = None,
              cull_face: bool | None = None, depth_mask: bool | None = None,
              alpha_blend: bool = False, additive: bool = False) -> None:
    """Enable or disable GL capabilities at once (None: leave as is).

    ``additive`` sets ``src_alpha, one`` blending (a glow), keeping the destination's alpha.

    ``alpha_blend`` also sets the usual ``src_alpha, one_minus_src_alpha`` blending of
    colours, keeping the destination's alpha: the frame stays opaque (alpha 1 from the
    clear), so the window needs no extra pass to make it so (see ``canvas``).
    """
    for name, value in (("depth_test", depth_test), ("blend", blend),
                        ("cull_face", cull_face)):
        if value is not None:
            (G.glEnable if value else G.glDisable)(CAPABILITIES[name])
    if depth_mask is not None:
        G.glDepthMask(bool(depth_mask))
    if alpha_blend:
        G.glBlendFuncSeparate(G.GL_SRC_ALPHA, G.GL_ONE_MINUS_SRC_ALPHA, G.GL_ZERO, G.GL_ONE)
    if additive:
        G.glBlendFuncSeparate(G.GL_SRC_ALPHA, G.GL_ONE, G.GL_ZERO, G.GL_ONE)


class DirectDraw:
    """Draws one :class:`gloo.Program` with direct GL calls once VisPy has set it up.

    Per-frame uniforms go to :meth:`draw` as ``{name: value}``: a float, or a float32 array
    of 2, 3, 4 or 16 (a column-major 4x4 matrix) values. They must not also be assigned
    through the program (VisPy would not know about the direct values). Static uniforms,
    textures and attributes stay with VisPy. A uniform whose value is what this program
    was last given is not sent again: most of a body's dozen lighting values stay the same
    from frame to frame, and each GL call costs Python time and makes the driver re-read
    the program's constants.
    """

    def __init__(self, program: gloo.Program) -> None:
        self.program = program
        # VisPy's GLIR program object and parser (untyped VisPy internals, see vispy_private)
        self._glir_program: Any = None
        self._parser: Any = None
        self._locations: dict[str, int] = {}
        self._attr_key: tuple | None = None
        self._attr_list: list[tuple[Any, tuple]] = []
        # uniform -> the value (float or bytes) the GL program holds, shared by every
        # DirectDraw of this program
        self._sent: dict[str, Any] = _SENT.setdefault(program, {})

    def _setup(self, ctx: Any) -> bool:
        parser = vp.glir_parser(ctx)
        ob = vp.glir_object(ctx, self.program)
        if ob is None or not vp.program_linked(ob) or vp.gl_handle(ob) is None:
            return False
        self._glir_program, self._parser = ob, parser
        self._locations = {}
        self._sent.clear()  # a new (or re-linked) GL program holds none of them
        return True

    def _location(self, name: str) -> int:
        loc = self._locations.get(name)
        if loc is None:
            loc = self._locations[name] = G.glGetUniformLocation(self._glir_program.handle, name)
        return loc

    def draw(self, mode: str, uniforms: dict[str, Any],
             indices: gloo.IndexBuffer | None = None, count: int | None = None,
             ranges: list[tuple[int, int]] | None = None) -> None:
        """Set ``uniforms`` and draw ``mode`` primitives: indexed, or the first ``count``
        vertices, or each (first, count) of ``ranges`` (several strips, one setup). With
        ``indices``, ``ranges`` count indices (parts of the index buffer)."""
        ctx = context()
        if ctx is None:
            return
        if (self._glir_program is None or self._parser is not vp.glir_parser(ctx)) \
                and not self._setup_after_vispy(ctx, mode, uniforms, indices, count):
            return
        if indices is not None:
            ctx.glir.associate(indices.glir)  # its upload joins the context's queue
        _flush_pending(ctx)  # uploads and static uniforms queued since the last draw
        ob = self._glir_program
        handle = ob.handle
        _native("glUseProgram")(handle)
        vp.mark_current_program(self._parser, handle)  # VisPy skips glUseProgram by this
        locations, sent = self._locations, self._sent
        for name, value in uniforms.items():
            key = value if isinstance(value, float | int) else value.tobytes()
            if sent.get(name) == key:
                continue
            sent[name] = key
            loc = locations.get(name)
            if loc is None:
                loc = self._location(name)
            _uniform(loc, value)
        for func, args in self._binding_calls(ob):
            func(*args)
        gl_mode = MODES[mode]
        if indices is not None:
            ibo = self._parser.get_object(indices.id)
            bind = _native("glBindBuffer")
            bind(G.GL_ELEMENT_ARRAY_BUFFER, ibo.handle)
            index_type = INDEX_TYPES[indices.dtype]
            draw_elements = _native("glDrawElements")
            if ranges is None:
                draw_elements(gl_mode, indices.size, index_type, None)
            else:
                size = indices.dtype.itemsize
                for first, n in ranges:
                    draw_elements(gl_mode, n, index_type, first * size)
            bind(G.GL_ELEMENT_ARRAY_BUFFER, 0)
        elif ranges is not None:
            draw_arrays = _native("glDrawArrays")
            for first, n in ranges:
                draw_arrays(gl_mode, first, n)
        else:
            _native("glDrawArrays")(gl_mode, 0, count)
        _native("glBindBuffer")(G.GL_ARRAY_BUFFER, 0)
        _native("glBindTexture")(G.GL_TEXTURE_2D, 0)

    def _binding_calls(self, ob: Any) -> list[tuple[Any, tuple]]:
        """The program's textures and attribute bindings as ready-made GL calls, rebuilt
        when VisPy's change: the native functions, offsets already pointers."""
        key = vp.program_bindings(ob)
        if key != self._attr_key:
            calls: list[tuple[Any, tuple]] = []
            for target, tex, unit in key[0]:
                calls.append((_native("glActiveTexture"), (G.GL_TEXTURE0 + unit,)))
                calls.append((_native("glBindTexture"), (target, tex)))
            bound = None
            for vbo, attr, func, args, _ in key[1]:
                if not vbo:
                    continue
                if vbo != bound:  # attributes interleaved in one buffer: bind it once
                    calls.append((_native("glBindBuffer"), (G.GL_ARRAY_BUFFER, vbo)))
                    bound = vbo
                calls.append((_native("glEnableVertexAttribArray"), (attr,)))
                native = vp.native_gl_function(func)
                if native is not None and func is G.glVertexAttribPointer \
                        and isinstance(args[-1], int):
                    calls.append((native, (attr, *args[:-1], ctypes.c_void_p(args[-1]))))
                else:
                    calls.append((func, (attr, *args)))
            self._attr_key, self._attr_list = key, calls
        return self._attr_list

    def _setup_after_vispy(self, ctx: Any, mode: str, uniforms: dict[str, Any],
                           indices: gloo.IndexBuffer | None, count: int | None) -> bool:
        """Let VisPy create and link the program and bind its textures and attributes (its
        queued commands run; no draw), then read them back. True when that worked; else
        this frame is drawn by VisPy itself."""
        ctx.glir.associate(self.program.glir)
        ctx.flush_commands()
        if self._setup(ctx):
            return True
        for name, value in uniforms.items():
            self.program[name] = value
        self.program.draw(mode, indices)
        return False


def _native(name: str) -> Any:
    """The ctypes function behind VisPy's wrapper ``gl.<name>`` (the wrapper itself until
    it has been called once): calling it directly skips a Python frame per GL call."""
    func = _NATIVE.get(name)
    if func is None:
        wrapper = getattr(G, name)
        func = vp.native_gl_function(wrapper)
        if func is None:
            return wrapper
        _NATIVE[name] = func
    return func


_NATIVE: dict[str, Any] = {}
_SENT: weakref.WeakKeyDictionary[gloo.Program, dict[str, Any]] = weakref.WeakKeyDictionary()

# One reusable ctypes array for matrices: building a ctypes pointer to each numpy matrix
# (what the gl wrapper does) costs more than the GL call itself.
_MAT4 = (ctypes.c_float * 16)()
_MAT4_VIEW = np.ctypeslib.as_array(_MAT4)  # float32, shares _MAT4's memory


def _uniform_matrix4(loc: int, value: np.ndarray) -> None:
    _MAT4_VIEW[:] = value.reshape(16)
    native = vp.native_gl_function(G.glUniformMatrix4fv)
    if native is None:
        G.glUniformMatrix4fv(loc, 1, False, value)  # the wrapper binds the native function
    else:
        native(loc, 1, False, _MAT4)


def _uniform(loc: int, value: Any) -> None:
    if loc < 0:  # optimised out of the shader
        return
    if isinstance(value, float | int):
        _native("glUniform1f")(loc, float(value))
        return
    n = value.size
    if n == 16:
        _uniform_matrix4(loc, value)
    elif n == 3:
        _native("glUniform3f")(loc, float(value[0]), float(value[1]), float(value[2]))
    elif n == 2:
        _native("glUniform2f")(loc, float(value[0]), float(value[1]))
    elif n == 4:
        _native("glUniform4f")(loc, float(value[0]), float(value[1]), float(value[2]),
                               float(value[3]))
    else:
        raise ValueError(f"uniform of {n} values: expected 1, 2, 3, 4 or 16")
