#!/usr/bin/env bash
# Runs the JMH microbenchmarks of src/bench/java (CellBenchmark, AdamBenchmark, SerializerBenchmark)
# on the packaged jar and Spark's jars, one native thread. Arguments go to JMH, e.g.
#   src/bench/jmh.sh AdamBenchmark
#   src/bench/jmh.sh CellBenchmark -p cell=gru,lstm -wi 2 -i 3
#   src/bench/jmh.sh -l          (lists the benchmarks)
# Build first: mvn -B verify.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$top"
# shellcheck source=submit/app.env
source submit/app.env
# shellcheck source=submit/java-opts.sh
source submit/java-opts.sh
for f in "target/$JAR_NAME" target/spark-lib target/test-classes/META-INF/BenchmarkList; do
  [[ -e "$f" ]] || { echo "jmh.sh: $f missing; build with: mvn -B verify" >&2; exit 2; }
done
# JMH and its two dependencies are test-scoped: taken from Maven's local repository.
jmh_jars="$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null |
  tr ':' '\n' | grep -E '/(jmh-core|jopt-simple|commons-math3)-[0-9.]+\.jar$' | paste -sd: -)"
[[ "$jmh_jars" == *jmh-core* ]] || { echo "jmh.sh: cannot resolve jmh-core (run mvn -B verify first)" >&2; exit 2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# JMH forks a JVM per benchmark with these same options and class path.
exec java -Xmx6g "${ADD_OPENS[@]}" "${ADD_MODULES[@]}" \
  -Dlog4j2.configurationFile="file:$top/src/test/resources/log4j2-test.properties" \
  -cp "target/spark-lib/*:target/$JAR_NAME:target/test-classes:$jmh_jars" org.openjdk.jmh.Main "$@"
