#!/usr/bin/env bash
# Runs a module's JMH benchmarks: etc/bench.sh MODULE [JMH arguments, e.g. a benchmark name and -p key=value].
# Builds the module's test classes first; benchmarks live in each module's src/test/java/**/bench.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
module=${1:?usage: etc/bench.sh MODULE [JMH arguments]}
shift
cd "$root"
# One Maven session, so sibling modules resolve to their freshly compiled classes.
./mvnw -q -B -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
. etc/find-jdk.sh
java_home=$(kiln_find_jdk)
exec "$java_home/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Dkiln.testdata="${KILN_TESTDATA:-$root/../shared/testdata}" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
  org.openjdk.jmh.Main "$@"
