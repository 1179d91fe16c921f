#!/usr/bin/env bash
# The end-to-end benchmark: builds what is missing, then runs the load generator, which
# starts Uplift itself through bin/uplift. Pass --short for the CI size; see docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ ! -f server/target/uplift-exec.jar ] || [ ! -f bench/target/benchmarks.jar ]; then
  ./mvnw -q -B -DskipTests package
fi
exec java -Xmx2g -cp bench/target/benchmarks.jar dev.uplift.bench.load.LoadBenchmark --root "$root" "$@"
