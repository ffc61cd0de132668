#!/usr/bin/env bash
# Registry throughput benchmark: register and pull a large model with the embedded and the OCI backend, against
# cp and curl moving the same bytes in the same run. Needs: java, mvn, curl, docker-registry, htpasswd
# (Debian: apt-get install docker-registry apache2-utils curl).
# Usage: scripts/bench-registry.sh [size-MiB, default 1024] [work-dir, default mlops-core/target]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1024}"
work="${2:-$PWD/mlops-core/target}"
mvn -q -B -pl mlops-core test-compile
mvn -q -B -pl mlops-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cp="mlops-core/target/classes:mlops-core/target/test-classes:$(cat mlops-core/target/bench-classpath.txt)"
exec java -cp "$cp" io.jenkins.plugins.mlops.core.registry.RegistryBenchmark "$size" "$work"
