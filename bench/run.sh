#!/usr/bin/env bash
# Talon load harness: bench/run.sh <handshake|rpc|fanout|idle|invoke|startup> [options]
# Compiles bench/ on first use (or when its sources change) and runs dev.talon.bench.Main.
# See docs/PERFORMANCE.md. JVM flags: BENCH_JAVA_OPTS (default -Xmx1g). Extra Maven arguments for the
# build (e.g. MAVEN_ARGS=-Dmaven.repo.local=/path/to/repo): MAVEN_ARGS (Maven 3.8 does not read it itself;
# 3.9+ also does, and a repeated -D is harmless).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
cp_file="$target/classpath.txt"
stamp="$target/classes/.run-sh-built"

if [[ ! -f "$cp_file" || ! -f "$stamp" \
      || -n "$(find "$here/src/main" "$here/pom.xml" "$here/../pom.xml" -newer "$stamp" -print -quit)" ]]; then
  echo "bench: building (mvn -f bench/pom.xml compile)..." >&2
  # shellcheck disable=SC2086
  mvn -B -q ${MAVEN_ARGS:-} -f "$here/pom.xml" -DskipTests compile dependency:build-classpath \
      -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >&2
  touch "$stamp"
fi

# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "$target/classes:$(cat "$cp_file")" dev.talon.bench.Main "$@"
