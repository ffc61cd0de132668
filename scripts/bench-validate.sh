#!/usr/bin/env bash
# Benchmark of the gate's bootstrap: percentile CI of RMSE over 1,000,000 predictions with 1,000 resamples.
# Prints wall time (target: under 2 s on 2 cores), the ratio against a naive single-threaded loop measured in the
# same run, and peak memory. Usage: scripts/bench-validate.sh [examples] [resamples]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -pl mlops-core -am test-compile -DskipTests
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -q -B -pl mlops-core dependency:build-classpath -Dmdep.outputFile="$classpath_file" >/dev/null

# A fixed heap so the numbers do not depend on the machine's default sizing.
java -Xms512m -Xmx512m \
    -cp "mlops-core/target/classes:mlops-core/target/test-classes:$(cat "$classpath_file")" \
    io.jenkins.plugins.mlops.core.validate.stats.BootstrapBenchmark "$@"
