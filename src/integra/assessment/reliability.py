"""Inter-rater agreement for calibration: Cohen's weighted κ for two raters, Krippendorff's α (the `krippendorff`
package) for more, each with the number of units rated (n) shown beside it. κ is written here (a dozen lines of
arithmetic; scikit-learn or statsmodels would be a heavy dependency for it); α comes from the package."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    statistic: str  # "weighted kappa" or "Krippendorff's alpha"
    value: float | None  # None: not computable (too few units, or no variation at all)
    n: int  # units (items × cases) rated by enough raters to count
    raters: int


def weighted_kappa(first: list, second: list, categories: list, *, weights: str = "linear") -> Agreement:
    """Cohen's weighted κ of two raters over ordered `categories`; pairs where either rating is missing (None)
    are left out. weights: "linear" (|i-j|/(k-1)) or "quadratic" ((i-j)²/(k-1)²) disagreement weights."""
    index = {c: i for i, c in enumerate(categories)}
    pairs = [(index[a], index[b]) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    k, n = len(categories), len(pairs)
    if n == 0 or k < 2:
        return Agreement("weighted kappa", None, n, 2)
    power = 1 if weights == "linear" else 2
    weight = [[(abs(i - j) / (k - 1)) ** power for j in range(k)] for i in range(k)]
    observed = [[0.0] * k for _ in range(k)]
    for i, j in pairs:
        observed[i][j] += 1 / n
    rows = [sum(observed[i]) for i in range(k)]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    disagreement_observed = sum(weight[i][j] * observed[i][j] for i in range(k) for j in range(k))
    disagreement_expected = sum(weight[i][j] * rows[i] * cols[j] for i in range(k) for j in range(k))
    if disagreement_expected == 0:
        return Agreement("weighted kappa", None, n, 2)
    return Agreement("weighted kappa", 1 - disagreement_observed / disagreement_expected, n, 2)


def krippendorff_alpha(ratings: list[list], categories: list, *, level: str = "ordinal") -> Agreement:
    """Krippendorff's α: `ratings` is one list per rater, one value per unit (None when not rated)."""
    import numpy as np
    from krippendorff import alpha

    index = {c: i for i, c in enumerate(categories)}
    data = np.array([[np.nan if v is None else float(index[v]) for v in row] for row in ratings], dtype=float)
    counted = int((np.sum(~np.isnan(data), axis=0) >= 2).sum()) if data.size else 0
    if counted == 0 or len({v for row in ratings for v in row if v is not None}) < 2:
        return Agreement("Krippendorff's alpha", None, counted, len(ratings))
    value = float(alpha(reliability_data=data, level_of_measurement=level, value_domain=list(range(len(categories)))))
    return Agreement("Krippendorff's alpha", value, counted, len(ratings))


def agreement(ratings: list[list], categories: list) -> Agreement:
    """κ (linear weights) for two raters, α (ordinal) for three or more."""
    if len(ratings) == 2:
        return weighted_kappa(ratings[0], ratings[1], categories)
    return krippendorff_alpha(ratings, categories)
