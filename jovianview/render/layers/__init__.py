"""Drawable layers of the scene; each takes a :class:`~jovianview.render.frame.FrameData`."""
