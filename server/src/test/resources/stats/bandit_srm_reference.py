#!/usr/bin/env python3
"""Reference values for the sample-ratio check of a multi-armed bandit (dev.uplift.stats.SampleRatioTest).

Produced with (from the repository root, scipy 1.17.1, numpy 2.4.6):

    python3 server/src/test/resources/stats/bandit_srm_reference.py > server/src/test/resources/stats/bandit_srm_reference.csv

Each case lists, per period of one split, the visitors per arm and the split (weights, any scale).
Arm i expects E_i = sum_p n_p w_pi (n_p the period's visitors, w_p its split divided by its sum);
the deviations d = O - E have the covariance S = sum_p n_p (diag(w_p) - w_p w_p^T) of a sum of
independent multinomials. The statistic is d^T S^+ d with the Moore-Penrose inverse of the whole
k x k matrix (numpy.linalg.pinv; the Java side solves the system of the first k - 1 arms
instead), and the p-value is scipy.stats.chi2.sf with k - 1 degrees of freedom. Cases with one
period are also checked against scipy.stats.chisquare (Pearson), which the statistic equals then.
"""
import csv
import sys

import numpy as np
from scipy import stats

CASES = [
    # name, [(visitors per arm, weights), ...]
    ("one-period", [([5050, 4950], [1, 1])]),
    ("two-periods-match", [([500, 500], [1, 1]), ([100, 900], [1000, 9000])]),
    ("two-periods-drift", [([520, 480], [1, 1]), ([140, 860], [1000, 9000])]),
    ("mismatch", [([500, 500], [1, 1]), ([300, 700], [1000, 9000])]),
    ("three-arms", [([1000, 1010, 990], [1, 1, 1]), ([520, 1580, 900], [1733, 5267, 3000]),
                    ([410, 2040, 550], [1378, 6889, 1733])]),
    ("three-arms-one-period", [([1000, 1010, 990], [1, 1, 1])]),
    ("small", [([3, 2], [1, 1]), ([1, 4], [2000, 8000]), ([0, 6], [1000, 9000])]),
]


def check(periods):
    k = len(periods[0][0])
    observed = np.zeros(k)
    expected = np.zeros(k)
    cov = np.zeros((k, k))
    for visitors, weights in periods:
        v = np.array(visitors, dtype=float)
        w = np.array(weights, dtype=float)
        w = w / w.sum()
        n = v.sum()
        observed += v
        expected += n * w
        cov += n * (np.diag(w) - np.outer(w, w))
    d = observed - expected
    statistic = float(d @ np.linalg.pinv(cov) @ d)
    p = float(stats.chi2.sf(statistic, k - 1))
    if len(periods) == 1:
        pearson = stats.chisquare(observed, expected).pvalue
        assert abs(pearson - p) < 1e-9, (pearson, p)
    return statistic, p, expected / expected.sum()


def encode(periods):
    return "|".join(" ".join(str(x) for x in v) + ":" + " ".join(str(x) for x in w) for v, w in periods)


def main():
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["case", "periods", "statistic", "p_value", "expected_shares"])
    for name, periods in CASES:
        statistic, p, shares = check(periods)
        writer.writerow([name, encode(periods), repr(statistic), repr(p), " ".join(repr(float(s)) for s in shares)])


if __name__ == "__main__":
    main()
