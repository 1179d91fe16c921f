#!/usr/bin/env bash
# The JMH benchmarks of the server's internals (the collect body reader, the batch writer): they
# live in the server's test sources, beside the package-private classes they time. Compiles them,
# then runs JMH with the arguments given, e.g. "EventParser|BatchWriter" -f 1; see docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -B -pl server test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh-classpath.txt
# Logback with no configuration logs at DEBUG, and Spring's JDBC lines would be timed with the
# writer: without it, SLF4J discards everything.
classpath="$(tr ':' '\n' < server/target/jmh-classpath.txt | grep -v '/logback-' | paste -sd: -)"
exec java -cp "server/target/test-classes:server/target/classes:$classpath" org.openjdk.jmh.Main "$@"
