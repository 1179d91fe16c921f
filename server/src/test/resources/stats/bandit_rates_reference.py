#!/usr/bin/env python3
"""Reference values for the period-weighted comparison of a multi-armed bandit's arms
(dev.uplift.stats.PeriodWeightedRate through dev.uplift.stats.Statistics).

Produced with (from the repository root, scipy 1.17.1, numpy 2.4.6):

    python3 server/src/test/resources/stats/bandit_rates_reference.py > server/src/test/resources/stats/bandit_rates_reference.csv

Each case lists, per period of one split, the visitors and converted visitors of Control and
one treatment, and the split. An arm's rate is r = sum_p W_p c_p / n_p with W_p = N_p / N, the
period's share of all visitors, and Var(r) = sum_p W_p^2 s2_p / n_p, s2 = p (1 - p) with half a
conversion for a rate of 0 or 1. The relative lift (r_T - r_C) / r_C has the delta-method
variance a + b, a = Var(r_T) / r_C^2, b = Var(r_C) r_T^2 / r_C^4; the p-value and the 95%
interval come from scipy.stats.t with the Welch-Satterthwaite degrees of freedom over the arms'
visitors. The pooled lift (sums over periods) is written beside it: in "simpson" both arms
convert alike in every period, and only the pooled lift sees a difference.
"""
import csv
import math
import sys

from scipy import stats

CASES = [
    # name, [((n_C, c_C), (n_T, c_T), (w_C, w_T)), ...]
    ("simpson", [((1000, 20), (1000, 20), (1, 1)), ((200, 20), (1800, 180), (1000, 9000))]),
    ("lift", [((500, 25), (500, 40), (1, 1)), ((300, 15), (1700, 140), (1500, 8500)),
              ((250, 14), (1750, 150), (1250, 8750))]),
    ("no-conversions-once", [((400, 0), (400, 3), (1, 1)), ((100, 4), (900, 50), (1000, 9000))]),
]


def s2(n, c):
    p = c / n
    if c == 0:
        p = 0.5 / n
    elif c == n:
        p = 1 - 0.5 / n
    return p * (1 - p)


def weighted(periods, arm):
    total = sum(p[0][0] + p[1][0] for p in periods)
    rate = variance = 0.0
    visitors = 0
    for period in periods:
        n, c = period[arm]
        w = (period[0][0] + period[1][0]) / total
        rate += w * c / n
        variance += w * w * s2(n, c) / n
        visitors += n
    return rate, variance, visitors


def main():
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["case", "periods", "lift", "p_value", "ci_low", "ci_high", "pooled_lift"])
    for name, periods in CASES:
        r_c, v_c, n_c = weighted(periods, 0)
        r_t, v_t, n_t = weighted(periods, 1)
        lift = (r_t - r_c) / r_c
        a = v_t / r_c ** 2
        b = v_c * r_t ** 2 / r_c ** 4
        df = (a + b) ** 2 / (a ** 2 / (n_t - 1) + b ** 2 / (n_c - 1))
        se = math.sqrt(a + b)
        p_value = 2 * stats.t.sf(abs(lift) / se, df)
        half = stats.t.ppf(0.975, df) * se
        pooled_c = sum(p[0][1] for p in periods) / sum(p[0][0] for p in periods)
        pooled_t = sum(p[1][1] for p in periods) / sum(p[1][0] for p in periods)
        encoded = "|".join(f"{p[0][0]} {p[0][1]} {p[1][0]} {p[1][1]}:{p[2][0]} {p[2][1]}" for p in periods)
        writer.writerow([name, encoded, repr(lift * 100), repr(float(p_value)), repr(float((lift - half) * 100)),
                         repr(float((lift + half) * 100)), repr((pooled_t / pooled_c - 1) * 100)])


if __name__ == "__main__":
    main()
