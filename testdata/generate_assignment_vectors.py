#!/usr/bin/env python3
"""Writes testdata/assignment-vectors.json, the assignment test vectors shared by Java and JavaScript.

Run from the repository root:

    python3 testdata/generate_assignment_vectors.py > testdata/assignment-vectors.json

This is an implementation of docs/assignment.md written apart from the Java and JavaScript ones, so that
the three can check each other. FNV-1a follows IETF draft-eastlake-fnv (32-bit: offset basis
0x811C9DC5, prime 0x01000193). Hash version 2 and its bucket ranges are GrowthBook's; before writing
anything the script checks itself against GrowthBook's published cases (testdata/growthbook-hash-cases.json,
copied from GrowthBook's SDK test suite, its source named inside), and copies the cases that apply to
Uplift into the output. The cases are drawn from a seeded generator, so a run always writes the same file.
"""

import json
import random
from pathlib import Path

FNV_OFFSET_BASIS = 0x811C9DC5
FNV_PRIME = 0x01000193

# Published FNV-1a 32-bit values (draft-eastlake-fnv test vectors).
KNOWN_HASHES = [("", 0x811C9DC5), ("a", 0xE40C292C), ("foobar", 0xBF9CF968)]

GROWTHBOOK = json.loads((Path(__file__).parent / "growthbook-hash-cases.json").read_text(encoding="utf-8"))

VISITOR_IDS = [
    "v-8f2c", "visitor-1", "a", "0", "_", "-", "abcdefghijklmnopqrstuv", "Zx9_-Q",
    "550e8400-e29b-41d4-a716-446655440000", "user@example.com", "visiteur-é-日本", "Ünïcödé-ß",
    "用户-42", "🙂-smile", "naïve café", "x" * 80, "A1b2C3d4E5f6G7h8I9j0Kk",
]
TEST_IDS = [1, 2, 7, 12, 99, 1234, 28222, 100000, 2147483648, 9007199254740991]
SEEDS = ["1", "2", "12", "homepage-cta", "checkout_v2", "Prix-été", "a" * 100, "seed with spaces", "9007199254740991"]
ALLOCATIONS = [0, 0.5, 10, 33.3, 50, 75, 99.99, 100]
ROLLOUTS = [0, 0.01, 1, 10, 25, 33.3, 50, 75, 99.99, 100]
WEIGHTS = [
    [1, 1], [1, 1, 1], [50, 50], [1, 0, 1], [0, 1], [0, 0, 1], [1, 0], [0.1, 0.2, 0.7], [3, 1],
    [1, 1, 1, 1, 1, 1, 1], [33.3, 33.3, 33.4], [2.5, 7.5], [1, 2, 3, 4], [0, 5, 0, 5, 0], [20, 30, 50],
]
# Exclusion groups: member percents in member order, or None for an even split.
GROUP_SLICES = [None, [50, 50], [10, 90], [20, 30, 50], [33.3, 33.3, 33.4], None, [1, 99], [25, 25, 25, 25]]
GROUP_SIZES = [2, 2, 2, 3, 3, 5, 2, 4]
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def fnv1a32(text):
    value = FNV_OFFSET_BASIS
    for octet in text.encode("utf-8", errors="replace"):
        value ^= octet
        value = (value * FNV_PRIME) & 0xFFFFFFFF
    return value


def hash_v2(seed, visitor_id):
    """GrowthBook's hash version 2 over UTF-8 bytes."""
    return (fnv1a32(str(fnv1a32(seed + visitor_id))) % 10000) / 10000


def bucket_ranges(count, coverage, weights):
    """GrowthBook's getBucketRanges."""
    coverage = min(1, max(0, coverage))
    equal = [1 / count] * count if count > 0 else []
    if weights is None or len(weights) != count:
        weights = equal
    total = 0
    for weight in weights:
        total += weight
    if total < 0.99 or total > 1.01:
        weights = equal
    ranges = []
    cumulative = 0
    for weight in weights:
        start = cumulative
        cumulative += weight
        ranges.append([start, start + coverage * weight])
    return ranges


def choose_variation(point, ranges):
    for index, (start, end) in enumerate(ranges):
        if start <= point < end:
            return index
    return -1


def assign_v2(seed, visitor_id, allocation, weights):
    total = 0
    for weight in weights:
        total += weight
    shares = [weight / total for weight in weights]
    arm = choose_variation(hash_v2(seed, visitor_id), bucket_ranges(len(weights), allocation / 100, shares))
    return None if arm < 0 else arm


def assign_v1(test_id, visitor_id, allocation, weights):
    """Hash version 1, the first scheme: kept for the experiments created under it."""
    if fnv1a32(f"{test_id}:{visitor_id}") / 2**32 >= allocation / 100:
        return None
    point = fnv1a32(f"{visitor_id}:{test_id}") / 2**32
    total = 0.0
    for weight in weights:
        total += weight
    running = 0.0
    for index, weight in enumerate(weights):
        running += weight
        if weight > 0 and point < running / total:
            return index
    raise AssertionError("a point below 1 always falls in an arm")


def exclusion_slice(group_id, visitor_id, size, percents):
    """The member (by position) whose slice of [0, 1) holds the visitor's group hash, or None."""
    if percents is None:
        percents = [100 / size] * size
    point = hash_v2(f"__exclusion_{group_id}", visitor_id)
    cumulative = 0
    for index, percent in enumerate(percents):
        start = cumulative / 100
        cumulative += percent
        if start <= point < cumulative / 100:
            return index
    return None


def serving_seed(hash_seed):
    """The seed of a served winner's rollout: apart from the experiment's own, so that who gets the winner does
    not depend on the arm the visitor had."""
    return f"__serving_{hash_seed}"


def in_rollout(hash_seed, visitor_id, rollout):
    """Whether the visitor is in the rollout share of a served winner: the bucket range [0, rollout / 100)."""
    return hash_v2(serving_seed(hash_seed), visitor_id) < rollout / 100


def check_growthbook():
    for seed, value, version, expected in GROWTHBOOK["hash"]:
        if version == 2:
            assert hash_v2(seed, value) == expected, (seed, value)
    for name, (count, coverage, weights), expected in GROWTHBOOK["getBucketRange"]:
        got = bucket_ranges(count, coverage, weights)
        assert all(round(a, 8) == round(b, 8) for g, e in zip(got, expected) for a, b in zip(g, e)), name
    for name, point, ranges, expected in GROWTHBOOK["chooseVariation"]:
        assert choose_variation(point, ranges) == expected, name


def v2_case(seed, visitor_id, allocation, weights):
    variant = assign_v2(seed, visitor_id, allocation, weights)
    return {
        "hash_seed": seed,
        "visitor_id": visitor_id,
        "traffic_allocation": allocation,
        "weights": weights,
        "hash": hash_v2(seed, visitor_id),
        "expected_variant": None if variant is None else str(variant),
    }


def v1_case(test_id, visitor_id, allocation, weights):
    variant = assign_v1(test_id, visitor_id, allocation, weights)
    return {
        "test_id": test_id,
        "visitor_id": visitor_id,
        "traffic_allocation": allocation,
        "weights": weights,
        "expected_variant": None if variant is None else str(variant),
        "fnv_test_visitor": fnv1a32(f"{test_id}:{visitor_id}"),
        "fnv_visitor_test": fnv1a32(f"{visitor_id}:{test_id}"),
    }


def exclusion_case(group_id, visitor_id, size, percents):
    return {
        "group_id": group_id,
        "visitor_id": visitor_id,
        "members": size,
        "percents": percents,
        "hash": hash_v2(f"__exclusion_{group_id}", visitor_id),
        "expected_member": exclusion_slice(group_id, visitor_id, size, percents),
    }


def serving_case(seed, visitor_id, rollout):
    return {
        "hash_seed": seed,
        "visitor_id": visitor_id,
        "rollout": rollout,
        "hash": hash_v2(serving_seed(seed), visitor_id),
        "in_rollout": in_rollout(seed, visitor_id, rollout),
    }


def random_id(rng):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24)))


def main():
    for text, expected in KNOWN_HASHES:
        assert fnv1a32(text) == expected, text
    check_growthbook()
    rng = random.Random(20261207)
    cases = [v2_case(SEEDS[i % len(SEEDS)], visitor, ALLOCATIONS[i % len(ALLOCATIONS)], WEIGHTS[i % len(WEIGHTS)])
             for i, visitor in enumerate(VISITOR_IDS)]
    while len(cases) < 300:
        # Most cases include the visitor, so that the arm choice is well covered.
        allocation = 100 if rng.random() < 0.6 else rng.choice(ALLOCATIONS)
        cases.append(v2_case(rng.choice(SEEDS), random_id(rng), allocation, rng.choice(WEIGHTS)))
    legacy = [v1_case(TEST_IDS[i % len(TEST_IDS)], visitor, ALLOCATIONS[i % len(ALLOCATIONS)],
                      WEIGHTS[i % len(WEIGHTS)]) for i, visitor in enumerate(VISITOR_IDS)]
    while len(legacy) < 100:
        legacy.append(v1_case(rng.choice(TEST_IDS), random_id(rng), rng.choice(ALLOCATIONS), rng.choice(WEIGHTS)))
    exclusions = []
    for i in range(200):
        group = GROUP_SLICES[i % len(GROUP_SLICES)]
        size = len(group) if group is not None else GROUP_SIZES[i % len(GROUP_SIZES)]
        visitor = VISITOR_IDS[i] if i < len(VISITOR_IDS) else random_id(rng)
        exclusions.append(exclusion_case(rng.randint(1, 5000), visitor, size, group))
    # A generator of its own, so that the cases above stay as they were.
    serving_rng = random.Random(20261208)
    serving = []
    for i in range(200):
        visitor = VISITOR_IDS[i] if i < len(VISITOR_IDS) else random_id(serving_rng)
        rollout = ROLLOUTS[i % len(ROLLOUTS)] if i < 2 * len(ROLLOUTS) else serving_rng.choice(ROLLOUTS)
        serving.append(serving_case(serving_rng.choice(SEEDS), visitor, rollout))
    # Visitors whose hash is a whole percent: at that rollout they are out (the range is half-open), just above
    # it they are in.
    edges = 0
    while edges < 10:
        seed, visitor = serving_rng.choice(SEEDS), random_id(serving_rng)
        percent = round(hash_v2(serving_seed(seed), visitor) * 10000) / 100
        if percent == int(percent) and percent > 0:
            serving.append(serving_case(seed, visitor, int(percent)))
            serving.append(serving_case(seed, visitor, int(percent) + 0.01))
            edges += 1

    # One case a line keeps the file readable and its diffs small.
    def line(value):
        return json.dumps(value, ensure_ascii=False)

    growthbook_hash = [case for case in GROWTHBOOK["hash"] if case[2] == 2]
    print("{")
    print(' "description": ' + line("Assignment vectors for docs/assignment.md, written by "
                                     "testdata/generate_assignment_vectors.py") + ",")
    print(' "growthbook_source": ' + line(GROWTHBOOK["source"]) + ",")
    print(' "growthbook_hash_v2": [')
    print(",\n".join("  " + line(item) for item in growthbook_hash))
    print(" ],")
    print(' "growthbook_bucket_ranges": [')
    print(",\n".join("  " + line(item) for item in GROWTHBOOK["getBucketRange"]))
    print(" ],")
    print(' "growthbook_choose_variation": [')
    print(",\n".join("  " + line(item) for item in GROWTHBOOK["chooseVariation"]))
    print(" ],")
    print(' "fnv1a32": [')
    print(",\n".join("  " + line({"input": text, "hash": value}) for text, value in KNOWN_HASHES))
    print(" ],")
    print(' "cases": [')
    print(",\n".join("  " + line(item) for item in cases))
    print(" ],")
    print(' "legacy_cases": [')
    print(",\n".join("  " + line(item) for item in legacy))
    print(" ],")
    print(' "exclusion_cases": [')
    print(",\n".join("  " + line(item) for item in exclusions))
    print(" ],")
    print(' "serving_cases": [')
    print(",\n".join("  " + line(item) for item in serving))
    print(" ]")
    print("}")


if __name__ == "__main__":
    main()
