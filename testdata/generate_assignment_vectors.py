#!/usr/bin/env python3
"""Writes testdata/assignment-vectors.json, the assignment test vectors shared by Java and JavaScript.

Run from the repository root:

    python3 testdata/generate_assignment_vectors.py > testdata/assignment-vectors.json

This is an implementation of api.md section 5 written apart from the Java and JavaScript ones, so that
the three can check each other. FNV-1a follows IETF draft-eastlake-fnv (32-bit: offset basis
0x811C9DC5, prime 0x01000193). The cases are drawn from a seeded generator, so a run always writes
the same file.
"""

import json
import random

FNV_OFFSET_BASIS = 0x811C9DC5
FNV_PRIME = 0x01000193

# Published FNV-1a 32-bit values (draft-eastlake-fnv test vectors).
KNOWN_HASHES = [("", 0x811C9DC5), ("a", 0xE40C292C), ("foobar", 0xBF9CF968)]

VISITOR_IDS = [
    "v-8f2c", "visitor-1", "a", "0", "_", "-", "abcdefghijklmnopqrstuv", "Zx9_-Q",
    "550e8400-e29b-41d4-a716-446655440000", "user@example.com", "visiteur-é-日本", "Ünïcödé-ß",
    "用户-42", "🙂-smile", "naïve café", "x" * 80, "A1b2C3d4E5f6G7h8I9j0Kk",
]
TEST_IDS = [1, 2, 7, 12, 99, 1234, 28222, 100000, 2147483648, 9007199254740991]
ALLOCATIONS = [0, 0.5, 10, 33.3, 50, 75, 99.99, 100]
WEIGHTS = [
    [1, 1], [1, 1, 1], [50, 50], [1, 0, 1], [0, 1], [0, 0, 1], [1, 0], [0.1, 0.2, 0.7], [3, 1],
    [1, 1, 1, 1, 1, 1, 1], [33.3, 33.3, 33.4], [2.5, 7.5], [1, 2, 3, 4], [0, 5, 0, 5, 0],
]
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def fnv1a32(text):
    value = FNV_OFFSET_BASIS
    for octet in text.encode("utf-8"):
        value ^= octet
        value = (value * FNV_PRIME) & 0xFFFFFFFF
    return value


def assign(test_id, visitor_id, allocation, weights):
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


def case(test_id, visitor_id, allocation, weights):
    variant = assign(test_id, visitor_id, allocation, weights)
    return {
        "test_id": test_id,
        "visitor_id": visitor_id,
        "traffic_allocation": allocation,
        "weights": weights,
        "expected_variant": None if variant is None else str(variant),
        "fnv_test_visitor": fnv1a32(f"{test_id}:{visitor_id}"),
        "fnv_visitor_test": fnv1a32(f"{visitor_id}:{test_id}"),
    }


def main():
    for text, expected in KNOWN_HASHES:
        assert fnv1a32(text) == expected, text
    rng = random.Random(20260101)
    cases = [case(TEST_IDS[i % len(TEST_IDS)], visitor, ALLOCATIONS[i % len(ALLOCATIONS)],
                  WEIGHTS[i % len(WEIGHTS)]) for i, visitor in enumerate(VISITOR_IDS)]
    while len(cases) < 200:
        visitor = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 24)))
        # Most cases include the visitor, so that the arm choice is well covered.
        allocation = 100 if rng.random() < 0.6 else rng.choice(ALLOCATIONS)
        cases.append(case(rng.choice(TEST_IDS), visitor, allocation, rng.choice(WEIGHTS)))
    # One case a line keeps the file readable and its diffs small.
    def line(value):
        return json.dumps(value, ensure_ascii=False)

    print("{")
    print(' "description": ' + line("Assignment vectors for api.md section 5, written by "
                                     "testdata/generate_assignment_vectors.py") + ",")
    print(' "fnv1a32": [')
    print(",\n".join("  " + line({"input": text, "hash": value}) for text, value in KNOWN_HASHES))
    print(" ],")
    print(' "cases": [')
    print(",\n".join("  " + line(item) for item in cases))
    print(" ]")
    print("}")


if __name__ == "__main__":
    main()
