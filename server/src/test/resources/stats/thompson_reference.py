#!/usr/bin/env python3
"""Reference values for the Thompson sampling of dev.uplift.stats.ThompsonSampling.

Produced with (from the repository root, scipy 1.17.1, numpy 2.4.6):

    python3 server/src/test/resources/stats/thompson_reference.py > server/src/test/resources/stats/thompson_reference.csv

For each case of (visitors, conversions) per arm, the probability that each arm has the highest
conversion rate under the posteriors Beta(1 + conversions, 1 + visitors - conversions), by
numerical integration: P(arm i best) = integral of pdf_i(x) * prod_{j != i} cdf_j(x) dx over
[0, 1] (scipy.integrate.quad with scipy.stats.beta). The Java side estimates these shares by
joint draws, so the test compares within a few Monte Carlo standard errors.
"""
import csv
import sys

from scipy import integrate, stats

CASES = [
    # name, [(visitors, conversions), ...]
    ("no-data", [(0, 0), (0, 0)]),
    ("clear-winner", [(1000, 50), (1000, 80)]),
    ("close", [(500, 50), (500, 55)]),
    ("three-arms", [(300, 30), (300, 36), (300, 24)]),
    ("small", [(10, 1), (12, 3), (8, 0), (9, 2)]),
]


def best_shares(arms):
    posteriors = [stats.beta(1 + c, 1 + n - c) for n, c in arms]
    shares = []
    for i, own in enumerate(posteriors):
        others = [p for j, p in enumerate(posteriors) if j != i]

        def integrand(x, own=own, others=others):
            value = own.pdf(x)
            for other in others:
                value *= other.cdf(x)
            return value

        lo, hi = own.ppf(1e-12), own.ppf(1 - 1e-12)
        value, _ = integrate.quad(integrand, lo, hi, limit=500, epsabs=1e-12)
        shares.append(value)
    return shares


def main():
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["case", "arms", "best_shares"])
    for name, arms in CASES:
        shares = best_shares(arms)
        assert abs(sum(shares) - 1) < 1e-6, (name, shares)
        writer.writerow([name, " ".join(f"{n}:{c}" for n, c in arms), " ".join(repr(float(s)) for s in shares)])


if __name__ == "__main__":
    main()
