"""Drawing the scene with VisPy: the canvas, the renderer, its layers and headless output.

Reads the models' per-frame snapshot; computes no astronomy and never imports Qt.
"""
