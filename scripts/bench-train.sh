#!/usr/bin/env bash
# Benchmarks the training engine against the docker CLI on the local engine (see TrainBenchmark's Javadoc).
# Needs a running Docker Engine with the mlops-base:bookworm image. Not part of the build: performance targets are
# measured here, against a baseline taken in the same run, never in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl mlops-core -am test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -pl mlops-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java ${BENCH_JAVA_OPTS:-} -cp "mlops-core/target/test-classes:mlops-core/target/classes:$(cat "$cp_file")" \
    io.jenkins.plugins.mlops.core.train.TrainBenchmark "$@"
