"""Statistics of the paper's Tables 2 and 3, on numpy and scipy (``pip install 'forum[research]'``).

The libraries are optional: without them the results page and export still give Table 1, length
of use and the descriptive counts, and say what to install for the rest (``StatsUnavailable``).
Every function returns None where a statistic is undefined (too few members, no spread), never NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

INSTALL_HINT = "pip install 'forum[research]'"


class StatsUnavailable(RuntimeError):
    """numpy or scipy is not installed."""


def _libraries() -> tuple[ModuleType, ModuleType]:
    try:
        import numpy
        from scipy import stats
    except ImportError as error:
        raise StatsUnavailable(f"{error.name} is not installed; {INSTALL_HINT}") from None
    return numpy, stats


def require() -> None:
    """Raise StatsUnavailable (saying what to install) unless numpy and scipy import."""
    _libraries()


def available() -> bool:
    try:
        require()
    except StatsUnavailable:
        return False
    return True


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class Description:
    n: int
    mean: float | None
    sd: float | None  # sample standard deviation (n - 1)


def describe(values: Sequence[float]) -> Description:
    """n, mean and sample SD (pure Python: needs no optional library)."""
    n = len(values)
    if n == 0:
        return Description(0, None, None)
    mean = math.fsum(values) / n
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None
    return Description(n, mean, sd)


@dataclass(frozen=True)
class Correlation:
    n: int
    rho: float | None
    p: float | None  # two-sided


def spearman(xs: Sequence[float], ys: Sequence[float]) -> Correlation:
    """Spearman's rho with its two-sided P (scipy's t approximation), ties given average ranks."""
    _numpy, stats = _libraries()
    n = len(xs)
    if n < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return Correlation(n, None, None)
    result = stats.spearmanr(xs, ys)
    return Correlation(n, _finite(result.statistic), _finite(result.pvalue))


@dataclass(frozen=True)
class Coefficient:
    name: str  # "const" or a predictor
    estimate: float
    se: float | None
    t: float | None
    p: float | None  # two-sided


@dataclass(frozen=True)
class Regression:
    n: int
    coefficients: list[Coefficient]
    r_squared: float | None
    adj_r_squared: float | None
    dropped: list[str]  # predictors left out: no variation among these members


def ols(names: Sequence[str], rows: Sequence[Sequence[float]], outcome: Sequence[float]) -> Regression | None:
    """Ordinary least squares of ``outcome`` on the predictors (columns of ``rows``) with an
    intercept; None when there are no more members than parameters or the design is singular."""
    numpy, stats = _libraries()
    x = numpy.asarray(rows, dtype=float).reshape(len(rows), len(names))
    y = numpy.asarray(outcome, dtype=float)
    varying = [i for i in range(len(names)) if len(rows) and numpy.ptp(x[:, i]) > 0]
    dropped = [names[i] for i in range(len(names)) if i not in varying]
    design = numpy.column_stack([numpy.ones(len(y)), x[:, varying]])
    n, k = design.shape
    if n <= k or numpy.linalg.matrix_rank(design) < k:
        return None
    pseudo_inverse = numpy.linalg.pinv(design)  # as statsmodels does: stable on near-collinear data
    beta = pseudo_inverse @ y
    xtx_inv = pseudo_inverse @ pseudo_inverse.T
    residuals = y - design @ beta
    df = n - k
    rss = float(residuals @ residuals)
    tss = float(((y - y.mean()) ** 2).sum())
    se = numpy.sqrt(numpy.diag(xtx_inv) * rss / df)
    coefficients = []
    for name, estimate, error in zip(["const", *(names[i] for i in varying)], beta, se, strict=True):
        t = estimate / error if error > 0 else math.nan
        coefficients.append(Coefficient(name, float(estimate), _finite(error), _finite(t),
                                        _finite(2 * stats.t.sf(abs(t), df)) if math.isfinite(t) else None))
    r2 = 1 - rss / tss if tss > 0 else None
    adj = 1 - (1 - r2) * (n - 1) / df if r2 is not None else None
    return Regression(n, coefficients, r2, adj, dropped)
