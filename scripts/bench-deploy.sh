#!/usr/bin/env bash
# Benchmarks mlDeploy under load (see DeployBenchmark's Javadoc): the example's model server behind the HAProxy proxy
# at a fixed rate (200 requests/s by default, -Dbench.rps=... in BENCH_JAVA_OPTS), against the same requests sent
# straight to the serving container; failed requests and latency before, during and after an upgrade and a rollback;
# time from the mlDeploy call to serving. Needs a running Docker Engine with the images scripts/docker-env.sh builds
# (mlops-haproxy:bookworm, movie-predictor:train, movie-predictor:serve). Not part of the build: performance targets
# are measured here, against a baseline taken in the same run, never in timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl mlops-core -am test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -pl mlops-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java ${BENCH_JAVA_OPTS:-} -cp "mlops-core/target/test-classes:mlops-core/target/classes:$(cat "$cp_file")" \
    io.jenkins.plugins.mlops.core.deploy.DeployBenchmark "$@"
