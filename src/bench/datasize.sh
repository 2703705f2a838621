#!/usr/bin/env bash
# Cost against data size: ingest, prepare, one training epoch and evaluate on 1x, 2x and 4x the reviews
# (the real reviews repeated under new ids, ScaledArchive), each stage as a user runs it
# (submit/local.sh, local[*]). Prints time per review and the largest live heap after a GC (the JVM
# holds driver and executors in local mode, so this includes Spark's in-memory cache), and draws
# time per review of the stage work (start-up excluded) against size (DataSizePlot, the report's chart code) to [png], its figures beside it
# as .tsv. Asserts nothing.
# Usage: src/bench/datasize.sh [archive] [repetitions, unused: one run per size] [png]
#   (build first: mvn -B verify, or package + test-compile)
# CLUSTER=1 runs every stage on a Spark standalone cluster started here from target/spark-lib (a
# Master and two Workers of one core each, separate JVMs on 127.0.0.1), submitted in client mode
# with conf/spark-cluster.properties as submit/cluster.sh does: the heap column is then the
# driver's alone, which shows whether the driver holds data.
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
png="${3:-$work/datasize.png}"
export SPARK_LOCAL_IP=127.0.0.1
bench_cp="target/spark-lib/*:target/$JAR_NAME:target/test-classes"
# ScaledArchive needs commons-compress under its own name (the cluster jar holds a relocated copy).
compress_jar="$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null |
  tr ':' '\n' | grep -m1 '/commons-compress-[0-9.]*\.jar$' || true)"
[[ -n "$compress_jar" ]] || { echo "datasize.sh: cannot resolve commons-compress (run mvn -B verify first)" >&2; exit 2; }

# Peak live heap (MB after a collection) from a -Xlog:gc file, 0 if no collection ran.
live_mb() { grep -oE '[0-9]+M->[0-9]+M' "$1" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1 || true; }

# Starts the standalone cluster (CLUSTER=1); its daemons are killed on exit.
start_cluster() {
  local home="$work/spark-home" port i
  mkdir -p "$home"
  ln -s "$top/target/spark-lib" "$home/jars"
  echo "Spark 3.5 (target/spark-lib)" >"$home/RELEASE"  # Workers trust a release layout only
  port=$((20000 + RANDOM % 20000))
  master="spark://127.0.0.1:$port"
  daemon() {
    SPARK_HOME="$home" SPARK_NO_DAEMONIZE=1 SPARK_SCALA_VERSION=2.12 \
      java -Xmx512m "${ADD_OPENS[@]}" -cp "target/spark-lib/*" "$@" &
    pids+=($!)
  }
  pids=()
  # A Worker stopped with SIGTERM stops its executors.
  trap 'kill "${pids[@]}" 2>/dev/null; wait; rm -rf "$work"' EXIT
  daemon org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
    >"$work/master.log" 2>&1
  for i in 1 2; do
    daemon org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 --cores 1 \
      --memory 6g --work-dir "$work/worker$i" "$master" >"$work/worker$i.log" 2>&1
  done
  for i in 1 2; do
    for _ in $(seq 60); do grep -q "Successfully registered" "$work/worker$i.log" 2>/dev/null && break; sleep 1; done
  done
}

# One stage as a user runs it: submit/local.sh, or SparkSubmit in client mode on the cluster (the
# driver is this JVM, so the GC log is the driver's).
run_stage() {
  local gc="$1"
  shift
  if [[ -n "${CLUSTER:-}" ]]; then
    java -Xmx4g "${ADD_OPENS[@]}" "${ADD_MODULES[@]}" "-Xlog:gc:file=$gc" \
      -Dlog4j2.configurationFile="file:$top/conf/log4j2.properties" -cp "target/spark-lib/*" \
      org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
      --properties-file conf/spark-cluster.properties --conf spark.driver.host=127.0.0.1 \
      --conf spark.driver.bindAddress=127.0.0.1 --conf spark.executor.cores=1 \
      --conf spark.cores.max=2 --conf spark.executor.memory=3g --conf spark.executor.memoryOverhead=2g \
      --class "$MAIN_CLASS" "target/$JAR_NAME" "$@"
  else
    IMDB_RNN_JAVA_OPTS="-Xlog:gc:file=$gc" submit/local.sh "$@"
  fi
}

if [[ -n "${CLUSTER:-}" ]]; then
  archive="$(realpath "$archive")"  # executors run in the Workers' directories
  start_cluster
fi
echo "| size | stage | reviews | command s | stage work s | µs per review: command / stage work | peak live heap MB |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
: >"$work/results.tsv"
for scale in 1 2 4; do
  input="$archive"
  if [[ $scale -gt 1 ]]; then
    input="$work/x$scale.tar.gz"
    java -cp "$bench_cp:$compress_jar" io.imdbrnn.bench.ScaledArchive "$archive" "$input" "$scale" >/dev/null
  fi
  d="$work/s$scale"
  stages=(
    "ingest:--input $input --output $d/reviews"
    "prepare:--input $d/reviews --output $d/prepared"
    "train:--input $d/prepared --output $d/model --epochs 1"
    "evaluate:--model $d/model --input $d/prepared --output $d/evaluation"
  )
  for s in "${stages[@]}"; do
    stage="${s%%:*}"
    s0=$(date +%s.%N)
    # shellcheck disable=SC2086
    run_stage "$d-$stage-gc.log" "$stage" ${s#*:} >"$d-$stage.log" 2>&1
    s1=$(date +%s.%N)
    case "$stage" in
      ingest | prepare) n=$((50000 * scale)) ;;
      train) n="$(grep -o 'on [0-9]* rows' "$d-$stage.log" | head -1 | tr -dc 0-9)" ;;
      evaluate) n=$((25000 * scale)) ;;
    esac
    heap="$(live_mb "$d-$stage-gc.log")"
    # The command's own figure for its work, JVM and Spark session start-up left out (StageCommand).
    w="$(grep -o 'finished its work in [0-9.]*' "$d-$stage.log" | tail -1 | tr -dc 0-9.)"
    [[ -n "$w" ]] || { echo "datasize.sh: $stage at ${scale}x failed; see its log:" >&2; tail -20 "$d-$stage.log" >&2; exit 1; }
    awk -v sc="$scale" -v st="$stage" -v a="$s0" -v b="$s1" -v w="$w" -v n="$n" -v h="${heap:-0}" 'BEGIN {
      printf "| %dx | %s | %d | %.1f | %.1f | %.0f / %.0f | %d |\n", sc, st, n, b - a, w, (b - a) * 1e6 / n, w * 1e6 / n, h }'
    awk -v sc="$scale" -v st="$stage" -v a="$s0" -v b="$s1" -v w="$w" -v n="$n" -v h="${heap:-0}" 'BEGIN {
      printf "%d\t%s\t%.3f\t%d\t%d\t%.3f\n", sc, st, w, n, h, b - a }' >>"$work/results.tsv"
  done
  rm -rf "$d" "$work/x$scale.tar.gz"
done
cp "$work/results.tsv" "${png%.png}.tsv"
java -Djava.awt.headless=true -cp "$bench_cp" io.imdbrnn.bench.DataSizePlot "$work/results.tsv" "$png"
echo
echo "plot: $png"
# Start-up (JVM, Spark session, about 4-5 s per command) is paid once per command whatever the size,
# so the figures below are of the stage work alone (column 3 of results.tsv; column 6 is the whole
# command): time per review at 4x against 1x, and the marginal cost (extra seconds per extra review
# between sizes), which fixed costs inside the stage (first-job JIT, native library loading) leave out.
awk -F'\t' '{ t[$1 FS $2] = $3; n[$1 FS $2] = $4 } END {
  split("ingest prepare train evaluate", s, " ")
  for (i = 1; i <= 4; i++) {
    a = s[i]
    m12 = (t[2 FS a] - t[1 FS a]) * 1e6 / (n[2 FS a] - n[1 FS a])
    m24 = (t[4 FS a] - t[2 FS a]) * 1e6 / (n[4 FS a] - n[2 FS a])
    p1 = t[1 FS a] * 1e6 / n[1 FS a]; p4 = t[4 FS a] * 1e6 / n[4 FS a]
    printf "%s: stage work µs per review 1x %.0f, 4x %.0f (4x/1x %.2f); marginal µs per extra review 1x->2x %.0f, 2x->4x %.0f (ratio %.2f)\n",
      a, p1, p4, p4 / p1, m12, m24, m24 / m12 }
}' "$work/results.tsv"
