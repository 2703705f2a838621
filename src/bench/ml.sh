#!/usr/bin/env bash
# Spark ML API benchmark: prints one table, asserts nothing (MlBench). Runs the reference pipeline
# (`run`, full archive) once for a bundle and an evaluation, then, in one Spark application:
# SentimentModel.transform against predict's dataset path on the 25,000 test reviews (alternating,
# median of the repetitions), the largest probability difference to evaluate's, and the test accuracy
# of a SentimentClassifier fitted with the default settings beside train + evaluate, for each seed.
# Usage: src/bench/ml.sh [archive] [repetitions]   (build first: mvn -B verify, or package + test-compile)
# Environment: SKIP_FIT=1 skips the fits; SEEDS=42,1,2 chooses the seeds.
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
export SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1
submit/local.sh run --input "$archive" --work-dir "$work/run" 2>"$work/run.log"
grep 'Evaluated model' "$work/run.log" | sed -E 's/.*(on [0-9]+ test reviews: accuracy [0-9.]+).*/reference run: \1/'
props=()
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  props+=("-D${line%%[[:space:]]*}=$(sed -E 's/^[^[:space:]]+[[:space:]]+//' <<<"$line")")
done <conf/spark-local.properties
java -Xmx6g "${ADD_OPENS[@]}" "${ADD_MODULES[@]}" "${props[@]}" \
  -Dlog4j2.configurationFile="file:$top/src/test/resources/log4j2-test.properties" \
  -cp "target/spark-lib/*:target/$JAR_NAME:target/test-classes" \
  io.imdbrnn.bench.MlBench "$work/run/model" "$work/run/reviews" "$work/run/evaluation" \
  "$work/run/prepared" "$reps" "$([[ -n "${SKIP_FIT:-}" ]] && echo false || echo true)" \
  "${SEEDS:-42,1,2}" 2>"$work/ml.log"
