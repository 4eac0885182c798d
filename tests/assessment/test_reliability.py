"""κ and α against values computed by hand."""

import pytest

from integra.assessment.reliability import agreement, krippendorff_alpha, weighted_kappa

LMH = ["low", "moderate", "high"]


def test_weighted_kappa_by_hand():
    # Rater A: L L M M H H ; rater B: L M M M H L (n = 6, k = 3, linear weights 0, .5, 1).
    # Observed disagreement: (L,M)=.5 once, (H,L)=1 once → (0.5 + 1) / 6 = 0.25.
    # Marginals A: L 2/6, M 2/6, H 2/6 ; B: L 2/6, M 3/6, H 1/6.
    # Expected: Σ w_ij a_i b_j = (1/3)·[L: 0·2/6 + .5·3/6 + 1·1/6] + (1/3)·[M: .5·2/6 + 0 + .5·1/6]
    #           + (1/3)·[H: 1·2/6 + .5·3/6 + 0] = (1/3)(5/12 + 3/12 + 7/12) = 15/36 = 0.41667.
    # κ_w = 1 − 0.25 / 0.41667 = 0.4.
    result = weighted_kappa(["low", "low", "moderate", "moderate", "high", "high"],
                            ["low", "moderate", "moderate", "moderate", "high", "low"], LMH)
    assert result.value == pytest.approx(0.4)
    assert result.n == 6 and result.raters == 2


def test_kappa_perfect_missing_and_degenerate():
    assert weighted_kappa(["low", "high"], ["low", "high"], LMH).value == pytest.approx(1.0)
    result = weighted_kappa(["low", None, "high"], ["low", "high", "high"], LMH)
    assert result.n == 2 and result.value == pytest.approx(1.0)
    assert weighted_kappa(["low", "low"], ["low", "low"], LMH).value is None  # no variation: not computable


def test_krippendorff_alpha_by_hand():
    # Three raters, four units, nominal-equivalent data on two values (0/1): units (0,0,0) (1,1,1) (0,0,1) (1,1,1).
    # Pairable values: 12 (every unit has three ratings). By hand, with the standard formula:
    # n0 = 5, n1 = 7, n = 12; D_o = (1/n) Σ_u (1/(m_u − 1)) · #disagreeing ordered pairs = (1/12)(2·2/2) = 1/6;
    # D_e = 2·n0·n1 / (n(n − 1)) = 70/132 ; α = 1 − D_o / D_e = 1 − (1/6)/(70/132) = 1 − 132/420 = 0.685714.
    ratings = [["low", "high", "low", "high"], ["low", "high", "low", "high"], ["low", "high", "high", "high"]]
    result = krippendorff_alpha(ratings, ["low", "high"], level="nominal")
    assert result.value == pytest.approx(0.685714, abs=1e-6)
    assert result.n == 4 and result.raters == 3


def test_agreement_chooses_the_statistic():
    assert agreement([["low"], ["low"]], LMH).statistic == "weighted kappa"
    assert agreement([["low", "high"], ["low", "high"], [None, "high"]], LMH).statistic == "Krippendorff's alpha"
