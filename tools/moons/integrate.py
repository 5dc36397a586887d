"""Fixed-step Adams-Bashforth-Moulton (PECE) integration of the moons, batched.

A fixed step lets the Sun's position be evaluated for every step time in one vectorised call,
and keeps copies of the system (for finite-difference partials) on the same step sequence, so
their differences carry no step-size noise. Order 10 with 0.02-day steps (88 steps per Io orbit)
keeps truncation error far below a metre over fifteen years.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from tools.moons.force import ForceModel, acceleration


def _adams_coefficients(order: int) -> tuple[np.ndarray, np.ndarray]:
    """Adams-Bashforth and Adams-Moulton weights (newest derivative first), exact rationals."""

    def integrate_lagrange(nodes: list[int]) -> list[Fraction]:
        # Weights w_j = integral over s in [0, 1] of the Lagrange basis at nodes (in steps).
        weights = []
        for j, xj in enumerate(nodes):
            poly = [Fraction(1)]  # coefficients, lowest power first
            denom = Fraction(1)
            for m, xm in enumerate(nodes):
                if m == j:
                    continue
                poly = [Fraction(0)] + poly  # multiply by s
                for i in range(len(poly) - 1):
                    poly[i] -= xm * poly[i + 1]
                denom *= xj - xm
            weights.append(sum(c / (i + 1) for i, c in enumerate(poly)) / denom)
        return weights

    ab = integrate_lagrange([-i for i in range(order)])  # f_n, f_{n-1}, ...
    am = integrate_lagrange([1 - i for i in range(order)])  # f_{n+1}, f_n, ...
    return np.array([float(w) for w in ab]), np.array([float(w) for w in am])


ORDER = 10
AB, AM = _adams_coefficients(ORDER)


def _derivative(y, sun, tdb, model):
    out = np.empty_like(y)
    out[..., :3] = y[..., 3:]
    out[..., 3:] = acceleration(y[..., :3], sun, tdb, model)
    return out


def integrate(
    y0: np.ndarray,
    t0: float,
    t_end: float,
    step: float,
    sun_func,
    model: ForceModel,
    record_every: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Integrate states ``y0`` (K, 4, 6) from ``t0`` to ``t_end`` (either direction).

    Returns the times (M,) and states (M, K, 4, 6) at every ``record_every``-th step, t0 first.
    """
    n_steps = int(round(abs(t_end - t0) / step))
    h = np.copysign(step, t_end - t0)
    times = t0 + h * np.arange(n_steps + 1)
    sun = np.asarray(sun_func(times)).T  # (N, 3), one vectorised call
    h_sec = h * 86400.0

    y = np.array(y0, dtype=float)
    history = [_derivative(y, sun[0], times[0], model)]
    rec_t = [times[0]]
    rec_y = [y.copy()]

    # Start-up: classical RK4 with 32 sub-steps per step for the first ORDER - 1 steps.
    sub = 32
    for n in range(min(ORDER - 1, n_steps)):
        dt = h_sec / sub
        for s in range(sub):
            frac0 = s / sub
            frac1 = (s + 0.5) / sub
            frac2 = (s + 1) / sub
            s0 = sun[n] + (sun[n + 1] - sun[n]) * frac0
            s1 = sun[n] + (sun[n + 1] - sun[n]) * frac1
            s2 = sun[n] + (sun[n + 1] - sun[n]) * frac2
            t_sub = times[n] + h * np.array([frac0, frac1, frac2])
            k1 = _derivative(y, s0, t_sub[0], model)
            k2 = _derivative(y + 0.5 * dt * k1, s1, t_sub[1], model)
            k3 = _derivative(y + 0.5 * dt * k2, s1, t_sub[1], model)
            k4 = _derivative(y + dt * k3, s2, t_sub[2], model)
            y = y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        history.insert(0, _derivative(y, sun[n + 1], times[n + 1], model))
        if (n + 1) % record_every == 0:
            rec_t.append(times[n + 1])
            rec_y.append(y.copy())

    hist = np.stack(history)  # newest first, (ORDER, K, 4, 6)
    for n in range(ORDER - 1, n_steps):
        pred = y + h_sec * np.tensordot(AB, hist, axes=1)
        f_pred = _derivative(pred, sun[n + 1], times[n + 1], model)
        corr = y + h_sec * (AM[0] * f_pred + np.tensordot(AM[1:], hist[:-1], axes=1))
        f_new = _derivative(corr, sun[n + 1], times[n + 1], model)
        hist = np.roll(hist, 1, axis=0)
        hist[0] = f_new
        y = corr
        if (n + 1) % record_every == 0:
            rec_t.append(times[n + 1])
            rec_y.append(y.copy())
    return np.array(rec_t), np.stack(rec_y)
