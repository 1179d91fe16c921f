#!/usr/bin/env python3
"""Reference values for dev.uplift.stats, computed independently of the Java code with scipy.

Produced with (from the repository root, scipy 1.17.1, numpy 2.4.6):

    python3 server/src/test/resources/stats/reference.py > server/src/test/resources/stats/reference.csv

The formulas are those of docs/statistics.md; only the distribution functions come from scipy
(scipy.stats.t, scipy.stats.norm, scipy.stats.chi2). One row per treatment of each case; the
columns are documented in docs/statistics.md and read by StatisticsReferenceTests.
"""
import csv
import math
import sys

from scipy import stats


def rate_variance(n, x):
    p = x / n
    if x == 0:
        p = 0.5 / n
    elif x == n:
        p = 1 - 0.5 / n
    return p * (1 - p)


def relative_lift(control, treatment):
    (n_c, x_c), (n_t, x_t) = control, treatment
    p_c, p_t = x_c / n_c, x_t / n_t
    a = rate_variance(n_t, x_t) / (n_t * p_c ** 2)
    b = rate_variance(n_c, x_c) * p_t ** 2 / (n_c * p_c ** 4)
    return (p_t - p_c) / p_c, a, b


def welch(estimate, a, n_t, b, n_c, alpha):
    df = (a + b) ** 2 / (a ** 2 / max(n_t - 1, 1) + b ** 2 / max(n_c - 1, 1))
    se = math.sqrt(a + b)
    t = estimate / se
    p = 2 * stats.t.sf(abs(t), df)
    q = stats.t.ppf(1 - alpha / 2, df)
    return p, estimate - q * se, estimate + q * se


def confidence_sequence(estimate, se, size, alpha, n_star):
    l = -2 * math.log(alpha)
    rho2 = (l + math.log(l + 1)) / n_star
    v = size * rho2
    half = se * math.sqrt((v + 1) / v * (math.log(v + 1) - 2 * math.log(alpha)))
    z = estimate / se
    p = min(1.0, math.sqrt(v + 1) * math.exp(-z * z * v / (2 * (v + 1))))
    return p, estimate - half, estimate + half


def bayesian(estimate, variance, prior_mean, prior_variance, alpha):
    precision = 1 / variance + (0 if prior_variance is None else 1 / prior_variance)
    mean = (estimate / variance + (0 if prior_variance is None else prior_mean / prior_variance)) / precision
    sd = math.sqrt(1 / precision)
    z = mean / sd
    chance = stats.norm.cdf(z)
    q = stats.norm.ppf(1 - alpha / 2)
    loss = max(0.0, sd * stats.norm.pdf(z) - mean * stats.norm.cdf(-z))
    return chance, mean - q * sd, mean + q * sd, loss


def srm(visitors, weights):
    total_weight = sum(weights)
    if any(w == 0 and n > 0 for n, w in zip(visitors, weights)):
        return 0.0
    pairs = [(n, w / total_weight) for n, w in zip(visitors, weights) if w > 0]
    total = sum(n for n, _ in pairs)
    if total == 0 or len(pairs) < 2:
        return 1.0
    chi2 = sum((n - total * w) ** 2 / (total * w) for n, w in pairs)
    return stats.chi2.sf(chi2, len(pairs) - 1)


def holm(p_values):
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def analyze(arms, weights, engine_bayesian, threshold, sequential, n_star, prior_mean, prior_variance):
    alpha = 1 - threshold / 100
    control = arms[0]
    rows = []
    for index, treatment in enumerate(arms[1:], start=1):
        if control[0] == 0 or control[1] == 0 or treatment[0] == 0:
            rows.append(dict(treatment=index, estimable=0, lift=0.0, p_value=1.0, ci_low=0.0, ci_high=0.0,
                             chance=50.0, cred_low=0.0, cred_high=0.0, expected_loss=0.0))
            continue
        estimate, a, b = relative_lift(control, treatment)
        if sequential:
            p, low, high = confidence_sequence(estimate, math.sqrt(a + b), control[0] + treatment[0], alpha, n_star)
        else:
            p, low, high = welch(estimate, a, treatment[0], b, control[0], alpha)
        chance, cred_low, cred_high, loss = bayesian(estimate, a + b, prior_mean, prior_variance, alpha)
        rows.append(dict(treatment=index, estimable=1, lift=100 * estimate, p_value=p, ci_low=100 * low,
                         ci_high=100 * high, chance=100 * chance, cred_low=100 * cred_low,
                         cred_high=100 * cred_high, expected_loss=100 * loss))
    for row, adjusted in zip(rows, holm([row["p_value"] for row in rows])):
        row["p_value_adjusted"] = adjusted
        if not row["estimable"]:
            row["significant"] = 0
        elif engine_bayesian:
            row["significant"] = int(row["chance"] >= threshold or row["chance"] <= 100 - threshold)
        else:
            row["significant"] = int(adjusted < alpha)
    srm_p = srm([n for n, _ in arms], weights)
    for row in rows:
        row["srm_p_value"] = srm_p
        row["srm_detected"] = int(srm_p < 0.001)
    return rows


# name, arms (visitors, conversions), weights, bayesian, threshold, sequential, N*, prior mean, prior variance
CASES = [
    ("small-positive", [(20, 2), (20, 5)], [1, 1], 0, 95, 0, 5000, None, None),
    ("small-positive-sequential", [(20, 2), (20, 5)], [1, 1], 0, 95, 1, 5000, None, None),
    ("small-bayesian", [(20, 2), (20, 5)], [1, 1], 1, 95, 1, 5000, None, None),
    ("seed-example", [(1500, 120), (1480, 148)], [1, 1], 0, 95, 0, 5000, None, None),
    ("seed-example-sequential", [(1500, 120), (1480, 148)], [1, 1], 0, 95, 1, 5000, None, None),
    ("seed-example-bayesian", [(1500, 120), (1480, 148)], [1, 1], 1, 95, 1, 5000, None, None),
    ("large-small-lift", [(1000000, 50000), (1000000, 50800)], [1, 1], 0, 95, 0, 5000, None, None),
    ("large-small-lift-sequential", [(1000000, 50000), (1000000, 50800)], [1, 1], 0, 95, 1, 5000, None, None),
    ("large-bayesian", [(1000000, 50000), (1000000, 50800)], [1, 1], 1, 99, 1, 5000, None, None),
    ("huge-strong-effect", [(50000000, 1000000), (50000000, 1300000)], [1, 1], 0, 95, 0, 5000, None, None),
    ("negative-lift", [(5000, 400), (5000, 330)], [1, 1], 0, 95, 0, 5000, None, None),
    ("negative-lift-sequential", [(5000, 400), (5000, 330)], [1, 1], 0, 95, 1, 5000, None, None),
    ("negative-lift-bayesian", [(5000, 400), (5000, 330)], [1, 1], 1, 95, 1, 5000, None, None),
    ("unequal-weights", [(2000, 100), (8000, 460)], [20, 80], 0, 90, 0, 5000, None, None),
    ("unequal-weights-srm", [(2600, 130), (7400, 420)], [20, 80], 0, 90, 1, 5000, None, None),
    ("srm-equal-weights", [(10000, 500), (10600, 530)], [1, 1], 1, 95, 1, 5000, None, None),
    ("three-arms", [(3000, 300), (3000, 345), (3000, 280)], [1, 1, 1], 0, 95, 0, 5000, None, None),
    ("three-arms-sequential", [(3000, 300), (3000, 345), (3000, 280)], [1, 1, 1], 0, 95, 1, 5000, None, None),
    ("three-arms-bayesian", [(3000, 300), (3000, 345), (3000, 280)], [1, 1, 1], 1, 90, 1, 5000, None, None),
    ("four-arms-unequal", [(4000, 200), (2000, 130), (2000, 95), (2000, 104)], [40, 20, 20, 20], 0, 95, 0, 5000,
     None, None),
    ("ten-arms", [(10000, 1000), (10000, 1010), (10000, 1100), (10000, 950), (10000, 1000), (10000, 1200),
                  (10000, 990), (10000, 1050), (10000, 900), (10000, 1020)], [1] * 10, 0, 95, 1, 5000, None, None),
    ("ten-arms-fixed", [(10000, 1000), (10000, 1010), (10000, 1100), (10000, 950), (10000, 1000), (10000, 1200),
                        (10000, 990), (10000, 1050), (10000, 900), (10000, 1020)], [1] * 10, 0, 95, 0, 5000, None,
     None),
    ("tuning-1000", [(1500, 120), (1480, 148)], [1, 1], 0, 95, 1, 1000, None, None),
    ("tuning-100000", [(1500, 120), (1480, 148)], [1, 1], 0, 95, 1, 100000, None, None),
    ("threshold-99", [(1500, 120), (1480, 148)], [1, 1], 0, 99, 0, 5000, None, None),
    ("threshold-50", [(1500, 120), (1480, 148)], [1, 1], 0, 50, 1, 5000, None, None),
    ("prior-informative", [(1500, 120), (1480, 148)], [1, 1], 1, 95, 1, 5000, 0.0, 0.01),
    ("prior-shifted", [(200, 20), (200, 26)], [1, 1], 1, 95, 0, 5000, 0.05, 0.0025),
    ("guard-control-no-visitors", [(0, 0), (100, 10)], [1, 1], 0, 95, 1, 5000, None, None),
    ("guard-control-no-conversions", [(100, 0), (100, 10)], [1, 1], 1, 95, 1, 5000, None, None),
    ("guard-treatment-no-visitors", [(100, 10), (0, 0)], [1, 1], 0, 95, 0, 5000, None, None),
    ("guard-no-visitors-at-all", [(0, 0), (0, 0), (0, 0)], [1, 1, 1], 0, 95, 1, 5000, None, None),
    ("guard-treatment-zero-rate", [(100, 10), (100, 0)], [1, 1], 0, 95, 0, 5000, None, None),
    ("guard-treatment-zero-rate-bayesian", [(100, 10), (100, 0)], [1, 1], 1, 95, 1, 5000, None, None),
    ("guard-treatment-full-rate", [(50, 40), (50, 50)], [1, 1], 0, 95, 0, 5000, None, None),
    ("guard-control-full-rate", [(50, 50), (50, 45)], [1, 1], 0, 95, 1, 5000, None, None),
    ("guard-both-full-rate", [(30, 30), (30, 30)], [1, 1], 1, 95, 0, 5000, None, None),
    ("guard-single-visitor-arms", [(1, 1), (1, 0)], [1, 1], 0, 95, 0, 5000, None, None),
    ("guard-zero-weight-arm-empty", [(1000, 100), (1000, 120), (0, 0)], [1, 1, 0], 0, 95, 0, 5000, None, None),
    ("guard-zero-weight-arm-with-visitors", [(1000, 100), (1000, 120), (3, 1)], [1, 1, 0], 0, 95, 0, 5000, None,
     None),
    ("guard-mixed-estimable", [(1000, 100), (0, 0), (1000, 80)], [1, 1, 1], 0, 95, 0, 5000, None, None),
]

COLUMNS = ["case", "arms", "weights", "bayesian", "threshold", "sequential", "n_star", "prior_mean",
           "prior_variance", "treatment", "estimable", "lift", "p_value", "ci_low", "ci_high",
           "p_value_adjusted", "chance", "cred_low", "cred_high", "expected_loss", "significant", "srm_p_value",
           "srm_detected"]


def main():
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    for name, arms, weights, engine, threshold, sequential, n_star, prior_mean, prior_variance in CASES:
        for row in analyze(arms, weights, engine, threshold, sequential, n_star, prior_mean, prior_variance):
            writer.writerow([name, " ".join(f"{n}/{x}" for n, x in arms), " ".join(str(w) for w in weights), engine,
                             threshold, sequential, n_star, "" if prior_mean is None else repr(prior_mean),
                             "" if prior_variance is None else repr(prior_variance)]
                            + [repr(float(row[c])) if isinstance(row[c], float) or hasattr(row[c], "dtype")
                               else row[c] for c in COLUMNS[9:]])


if __name__ == "__main__":
    main()
