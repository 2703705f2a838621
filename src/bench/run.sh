#!/usr/bin/env bash
# Benchmarks ingest + prepare on the real archive; prints numbers, asserts nothing.
#   1. cold: each stage as a user runs it (submit/local.sh, new JVM and Spark session each), wall time;
#   2. warm: both stages repeated inside one Spark application (IngestPrepareBench), per-stage times.
# Usage: src/bench/run.sh [archive] [repetitions]   (build first: mvn -B verify, or package + test-compile)
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
echo "== cold: submit/local.sh, one JVM per stage ($(nproc) cores)"
echo "| run | ingest s | prepare s | total s |"
echo "| --- | ---: | ---: | ---: |"
for i in $(seq 1 "$reps"); do
  s0=$(date +%s.%N)
  submit/local.sh ingest --input "$archive" --output "$work/r$i" 2>"$work/ingest$i.log"
  s1=$(date +%s.%N)
  submit/local.sh prepare --input "$work/r$i" --output "$work/p$i" 2>"$work/prepare$i.log"
  s2=$(date +%s.%N)
  awk -v i="$i" -v a="$s0" -v b="$s1" -v c="$s2" 'BEGIN { printf "| %d | %.1f | %.1f | %.1f |\n", i, b-a, c-b, c-a }'
done

echo
echo "== warm: one Spark application (local[*])"
props=()
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  props+=("-D${line%%[[:space:]]*}=$(sed -E 's/^[^[:space:]]+[[:space:]]+//' <<<"$line")")
done <conf/spark-local.properties
SPARK_LOCAL_IP=127.0.0.1 java -Xmx6g "${ADD_OPENS[@]}" "${ADD_MODULES[@]}" "${props[@]}" \
  -Dlog4j2.configurationFile="file:$top/src/test/resources/log4j2-test.properties" \
  -cp "target/spark-lib/*:target/$JAR_NAME:target/test-classes" \
  io.imdbrnn.bench.IngestPrepareBench "$archive" "$reps" 2>"$work/warm.log"
