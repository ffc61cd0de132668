#!/usr/bin/env bash
# Benchmark of the gate's bootstrap over 1,000,000 predictions with 1,000 resamples: unpaired (one model, the baseline)
# and paired (candidate and baseline from the same draws, with the interval of their difference), taking turns, each
# with its BCa intervals. Prints the median times (targets: unpaired under 2 s on 2 cores, paired under 2x unpaired),
# a naive single-threaded loop for scale, and peak heap per case.
# Usage: scripts/bench-validate.sh [examples] [resamples] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=$(mktemp)
build_log=$(mktemp)
trap 'rm -f "$classpath_file" "$build_log"' EXIT
# Maven's output only when the build fails, so the benchmark's own lines stand alone.
mvn -q -B -Dstyle.color=never -pl mlops-core -am test-compile -DskipTests >"$build_log" 2>&1 || { cat "$build_log"; exit 1; }
mvn -q -B -Dstyle.color=never -pl mlops-core dependency:build-classpath -Dmdep.outputFile="$classpath_file" >"$build_log" 2>&1 \
    || { cat "$build_log"; exit 1; }

# A fixed heap so the numbers do not depend on the machine's default sizing.
java -Xms512m -Xmx512m \
    -cp "mlops-core/target/classes:mlops-core/target/test-classes:$(cat "$classpath_file")" \
    io.jenkins.plugins.mlops.core.validate.stats.BootstrapBenchmark "$@"
