#!/usr/bin/env bash
# The end-to-end benchmark: builds what is missing, then runs the load generator, which
# starts Uplift itself through bin/uplift. Pass --short for the CI size; see docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--postgresql-scale" ] || [ "${1:-}" = "--postgresql-segments" ]; then
  # On a fresh PostgreSQL database (docs/scaling.md), PostgreSQL as for the tests
  # (UPLIFT_TEST_PG_URL, UPLIFT_TEST_PG_USER, UPLIFT_TEST_PG_PASSWORD; localhost, uplift/uplift).
  # --postgresql-scale: N Uplift JVMs on one project. Arguments: nodes, events, events per
  # batch, client threads, round trip added by a proxy in front of PostgreSQL (microseconds),
  # seconds of the raw-rate run.
  # --postgresql-segments: segment queries of one node by the scan and by the index, idle and
  # while clients collect. Arguments: visitors, collect clients, requests per figure.
  measurement=ScaleMeasurement
  [ "$1" = "--postgresql-segments" ] && measurement=SegmentMeasurement
  shift
  ./mvnw -q -B -pl server test-compile dependency:build-classpath -Dmdep.outputFile=target/scale-classpath.txt
  cd server
  UPLIFT_TEST_DATABASE=postgresql exec java -cp "target/test-classes:target/classes:$(cat target/scale-classpath.txt)" \
    "dev.uplift.scale.$measurement" "$@"
fi
if [ "${1:-}" = "--dashboard-view" ]; then
  # The dashboard's experiment view timed in Debian's headless Chromium against a running
  # Uplift (docs/dashboard.md). Arguments: base URL, project key, API key, experiment id,
  # reloads, report file.
  shift
  ./mvnw -q -B -pl server test-compile dependency:build-classpath -Dmdep.outputFile=target/browser-classpath.txt
  cd server
  exec java -cp "target/test-classes:target/classes:$(cat target/browser-classpath.txt)" \
    dev.uplift.dashboard.DashboardViewTiming "$@"
fi
if [ ! -f server/target/uplift-exec.jar ] || [ ! -f bench/target/benchmarks.jar ]; then
  ./mvnw -q -B -DskipTests package
fi
exec java -Xmx2g -cp bench/target/benchmarks.jar dev.uplift.bench.load.LoadBenchmark --root "$root" "$@"
