#!/usr/bin/env python3
"""Reference values for dev.uplift.stats.RevenuePerVisitor, computed from per-visitor samples.

Produced with (from the repository root, scipy 1.17.1, numpy 2.4.6):

    python3 server/src/test/resources/stats/revenue_reference.py > server/src/test/resources/stats/revenue_reference.csv

Each case draws per-visitor revenue in cents (most visitors 0, buyers log-normal, some with
several orders) for Control and a treatment. The p-value is scipy.stats.ttest_ind(...,
equal_var=False) on the samples themselves; the interval of the relative lift is the delta
method of docs/statistics.md with means and variances from numpy and the quantile from
scipy.stats.t. The Java side sees only the sums (visitors, sum, sum of squares).
"""
import csv
import math
import sys

import numpy as np
from scipy import stats

CASES = [
    # name, seed, control visitors, treatment visitors, buy rate C, buy rate T, mean order C, mean order T, confidence
    ("small-equal", 1, 40, 45, 0.3, 0.3, 40.0, 40.0, 95),
    ("medium-lift", 2, 2000, 2100, 0.05, 0.06, 55.0, 60.0, 95),
    ("large-drop", 3, 20000, 19500, 0.04, 0.035, 80.0, 78.0, 90),
    ("heavy-tail", 4, 5000, 5000, 0.02, 0.02, 30.0, 45.0, 99),
    ("unequal-sizes", 5, 300, 3000, 0.10, 0.12, 25.0, 25.0, 80),
]


def sample(rng, n, rate, mean):
    buyers = rng.random(n) < rate
    orders = rng.integers(1, 4, n)
    # Whole cents, like the server's storage.
    spend = np.round(rng.lognormal(math.log(mean), 0.9, n) * orders * 100)
    return np.where(buyers, spend, 0.0)


def main():
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["case", "n_c", "sum_c", "sumsq_c", "n_t", "sum_t", "sumsq_t", "confidence", "lift",
                     "p_value", "ci_low", "ci_high"])
    for name, seed, n_c, n_t, rate_c, rate_t, mean_c, mean_t, confidence in CASES:
        rng = np.random.default_rng(seed)
        c = sample(rng, n_c, rate_c, mean_c)
        t = sample(rng, n_t, rate_t, mean_t)
        m_c, m_t = c.mean(), t.mean()
        v_c, v_t = c.var(ddof=1), t.var(ddof=1)
        p_value = stats.ttest_ind(t, c, equal_var=False).pvalue
        a = v_t / (n_t * m_c ** 2)
        b = m_t ** 2 * v_c / (n_c * m_c ** 4)
        df = (a + b) ** 2 / (a ** 2 / (n_t - 1) + b ** 2 / (n_c - 1))
        q = stats.t.ppf(1 - (1 - confidence / 100) / 2, df)
        lift = m_t / m_c - 1
        half = q * math.sqrt(a + b)
        writer.writerow([name, n_c, int(c.sum()), int((c * c).sum()), n_t, int(t.sum()), int((t * t).sum()),
                         confidence, repr(float(lift * 100)), repr(float(p_value)), repr(float((lift - half) * 100)),
                         repr(float((lift + half) * 100))])


if __name__ == "__main__":
    main()
