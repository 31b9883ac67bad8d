"""Sparse rows and L2-regularised logistic regression in NumPy (no SciPy, no scikit-learn).

Training and inference share these few operations so that the committed model
needs nothing but NumPy.  Every step is deterministic: sums run in a fixed
order (``np.bincount``), and the optimiser (L-BFGS with a backtracking line
search) has no random start, so the same data and parameters give the same
weights on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Rows", "fit_logistic", "fit_platt", "sigmoid"]

Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Rows:
    """A sparse matrix in compressed-row form, with each entry's row index kept."""

    indptr: NDArray[np.int64]
    indices: NDArray[np.int64]
    data: Floats
    n_cols: int

    @classmethod
    def from_lists(cls, rows: list[dict[int, float]], n_cols: int) -> Rows:
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(row) for row in rows])
        indices = np.fromiter((i for row in rows for i in row), np.int64, int(indptr[-1]))
        data = np.fromiter((v for row in rows for v in row.values()), np.float64, len(indices))
        return cls(indptr, indices, data, n_cols)

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    @property
    def row_of(self) -> NDArray[np.int64]:
        return np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.indptr))

    def dot(self, w: Floats) -> Floats:
        """X @ w."""
        out = np.asarray(
            np.bincount(self.row_of, self.data * w[self.indices], self.n_rows), np.float64
        )
        return out

    def tdot(self, r: Floats) -> Floats:
        """X.T @ r."""
        out = np.asarray(
            np.bincount(self.indices, self.data * r[self.row_of], self.n_cols), np.float64
        )
        return out

    def take(self, rows: NDArray[np.int64]) -> Rows:
        lengths = np.diff(self.indptr)[rows]
        starts = self.indptr[rows]
        pick = np.concatenate(
            [np.arange(s, s + n, dtype=np.int64) for s, n in zip(starts, lengths, strict=True)]
            or [np.zeros(0, dtype=np.int64)]
        )
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(lengths)
        return Rows(indptr, self.indices[pick], self.data[pick], self.n_cols)


def sigmoid(z: Floats) -> Floats:
    return np.exp(-np.logaddexp(0.0, -z))


def _lbfgs(
    f: Callable[[Floats], tuple[float, Floats]], x0: Floats, max_iter: int, tol: float
) -> Floats:
    """Minimise a smooth convex function; deterministic, memory of 10 steps."""
    x = x0.copy()
    fx, g = f(x)
    s_hist: list[Floats] = []
    y_hist: list[Floats] = []
    for _ in range(max_iter):
        if float(np.max(np.abs(g))) < tol:
            break
        q = g.copy()
        alphas = []
        for s, y in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = float(s @ q) / float(y @ s)
            alphas.append(a)
            q -= a * y
        if s_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        else:
            q /= max(1.0, float(np.linalg.norm(g)))
        for (s, y), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            b = float(y @ q) / float(y @ s)
            q += (a - b) * s
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            s_hist.clear()
            y_hist.clear()
            direction, slope = -g, -float(g @ g)
        step = 1.0
        while True:
            x_new = x + step * direction
            f_new, g_new = f(x_new)
            if f_new <= fx + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s_vec, y_vec = x_new - x, g_new - g
        if float(s_vec @ y_vec) > 1e-10:
            s_hist.append(s_vec)
            y_hist.append(y_vec)
            if len(s_hist) > 10:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(fx - f_new) <= 1e-10 * max(1.0, abs(fx))
        x, fx, g = x_new, f_new, g_new
        if converged:
            break
    return x


def fit_logistic(
    X: Rows,
    y: Floats,
    *,
    C: float = 1.0,
    sample_weight: Floats | None = None,
    max_iter: int = 1000,
    tol: float = 1e-5,
) -> tuple[Floats, float]:
    """Minimise C * sum(weighted log loss) + ||w||^2 / 2 (the scikit-learn objective).

    The intercept is not penalised.  Returns (weights, intercept).
    """
    sw = np.ones_like(y) if sample_weight is None else sample_weight
    n_cols = X.n_cols

    def objective(theta: Floats) -> tuple[float, Floats]:
        w, b = theta[:n_cols], theta[n_cols]
        z = X.dot(w) + b
        loss = C * float(sw @ (np.logaddexp(0.0, z) - y * z)) + 0.5 * float(w @ w)
        r = C * sw * (sigmoid(z) - y)
        grad = np.empty_like(theta)
        grad[:n_cols] = X.tdot(r) + w
        grad[n_cols] = r.sum()
        return loss, grad

    theta = _lbfgs(objective, np.zeros(n_cols + 1), max_iter, tol)
    return theta[:n_cols], float(theta[n_cols])


def fit_platt(z: Floats, y: Floats) -> tuple[float, float]:
    """Calibrate decision values: P(yes) = sigmoid(a * z + b), fitted by Newton's method.

    Uses Platt's smoothed targets so that a separable fold cannot push the
    slope to infinity.
    """
    n_pos, n_neg = float(y.sum()), float(len(y) - y.sum())
    t = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a, b = 1.0, 0.0
    for _ in range(100):
        p = sigmoid(a * z + b)
        g = np.array([float((p - t) @ z), float((p - t).sum())])
        h = p * (1 - p) + 1e-12
        hess = np.array([[float(h @ (z * z)), float(h @ z)], [float(h @ z), float(h.sum())]])
        step = np.linalg.solve(hess + 1e-9 * np.eye(2), g)
        a, b = a - float(step[0]), b - float(step[1])
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return a, b
