"""What the scene shows, computed from ``core``: settings, clock, camera, scene snapshots.

Evented (psygnal) models that the render and qt layers follow; no VisPy or Qt here.
"""
