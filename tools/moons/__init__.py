"""Generator of the embedded Galilean-moon ephemeris (see fit_moons.py)."""
