#!/usr/bin/env bash
# Cost against data size: ingest, prepare, one training epoch and evaluate on 1/50, 1x, 2x, 4x, 8x
# and 16x the reviews (SIZES="1 2 4" for fewer multiples; the real reviews repeated under new ids, or
# every 50th kept: ScaledArchive), each stage as a user runs it (submit/local.sh, local[*]), sizes interleaved in every repetition. Prints each run's
# time (the whole command, and the stage's own work without JVM and Spark start-up) and largest live
# heap after a GC (in local mode the JVM holds driver and executors, so this includes Spark's
# in-memory cache); then, from the medians, each stage's fixed cost (the 1/50 size) and its time per
# review above that cost at each multiple, which is the same at every size when cost grows linearly,
# drawn against size to [png] (DataSizePlot, the report's chart code), the runs beside it as .tsv.
# Asserts nothing.
# Usage: src/bench/datasize.sh [archive] [repetitions] [png]
#   (build first: mvn -B verify, or package + test-compile)
# CLASSES=K ROWS=N: instead of the reviews, synthetic labeled texts of K classes in a CSV
# (SyntheticTexts: 10 words each, prepare.max-len 16), N/4 rows at 1x, so the sizes are N/200, N/4,
# N/2, N, 2N and 4N rows; e.g. CLASSES=1000 ROWS=1000000 SIZES="1 2 4" is the 1,000-class,
# million-row check.
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
echo "| size | rep | stage | reviews | command s | stage work s | µs per review: command / stage work | peak live heap MB |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
: >"$work/results.tsv"
# Sizes: 1/50 of the reviews (1,000: what a stage costs whatever the data), then the multiples.
read -r -a multiples <<<"${SIZES:-1 2 4 8 16}"
for m in "${multiples[@]}"; do
  [[ $m =~ ^[1-9][0-9]*$ ]] || { echo "datasize.sh: SIZES takes whole multiples (1 2 4 ...), not '$m'" >&2; exit 2; }
done
sizes=("1/50" "${multiples[@]}")
ingest_args=()
prepare_args=()
for size in "${sizes[@]}"; do
  if [[ -n "${CLASSES:-}" ]]; then
    rows="$(awk -v s="$size" -v n="${ROWS:?ROWS is needed with CLASSES}" 'BEGIN { split(s, f, "/"); printf "%d", (f[2] ? f[1] / f[2] : s) * n / 4 }')"
    java -cp "$bench_cp" io.imdbrnn.bench.SyntheticTexts "$work/x${size//\//-}.csv" "$rows" "$CLASSES" 7
    # At the small size a class may fall in the test split only: its rows go to _rejected.
    ingest_args=(--set ingest.id-column=id --set ingest.mode=dropmalformed)
    prepare_args=(--set prepare.max-len=16)
    continue
  fi
  [[ $size == 1 ]] && continue
  java -cp "$bench_cp:$compress_jar" io.imdbrnn.bench.ScaledArchive "$archive" \
    "$work/x${size//\//-}.tar.gz" "$size" >/dev/null
done
for r in $(seq 1 "$reps"); do
  for size in "${sizes[@]}"; do
    input="$archive"
    [[ $size == 1 ]] || input="$work/x${size//\//-}.tar.gz"
    [[ -z "${CLASSES:-}" ]] || input="$work/x${size//\//-}.csv"
    scale="$(awk -v s="$size" 'BEGIN { split(s, f, "/"); printf "%g", f[2] ? f[1] / f[2] : s }')"
    d="$work/s${size//\//-}"
    stages=(
      "ingest:--input $input --output $d/reviews ${ingest_args[*]}"
      "prepare:--input $d/reviews --output $d/prepared ${prepare_args[*]}"
      "train:--input $d/prepared --output $d/model --epochs 1"
      "evaluate:--model $d/model --input $d/prepared --output $d/evaluation"
    )
    for s in "${stages[@]}"; do
      stage="${s%%:*}"
      s0=$(date +%s.%N)
      # shellcheck disable=SC2086
      run_stage "$d-$stage-gc.log" "$stage" ${s#*:} >"$d-$stage.log" 2>&1 ||
        { echo "datasize.sh: $stage at ${size}x failed; see its log:" >&2; tail -20 "$d-$stage.log" >&2; exit 1; }
      s1=$(date +%s.%N)
      # Rows as each command counted them (ingest's count serves prepare, which reads its output).
      case "$stage" in
        ingest | prepare) n="$(grep -oE 'Ingested [0-9]+ (reviews|texts)' "$d-ingest.log" | tr -dc 0-9)" ;;
        train) n="$(grep -o 'on [0-9]* rows' "$d-$stage.log" | head -1 | tr -dc 0-9)" ;;
        evaluate) n="$(grep -oE 'on [0-9]+ test (reviews|texts)' "$d-$stage.log" | tail -1 | tr -dc 0-9)" ;;
      esac
      heap="$(live_mb "$d-$stage-gc.log")"
      # The command's own figure for its work, JVM and Spark session start-up left out (StageCommand).
      w="$(grep -o 'finished its work in [0-9.]*' "$d-$stage.log" | tail -1 | tr -dc 0-9.)"
      [[ -n "$w" ]] || { echo "datasize.sh: $stage at ${size}x failed; see its log:" >&2; tail -20 "$d-$stage.log" >&2; exit 1; }
      awk -v sc="$size" -v r="$r" -v st="$stage" -v a="$s0" -v b="$s1" -v w="$w" -v n="$n" -v h="${heap:-0}" 'BEGIN {
        printf "| %sx | %d | %s | %d | %.1f | %.1f | %.0f / %.0f | %d |\n", sc, r, st, n, b - a, w, (b - a) * 1e6 / n, w * 1e6 / n, h }'
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$scale" "$stage" "$w" "$n" "${heap:-0}" \
        "$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.3f", b - a }')" "$r" >>"$work/results.tsv"
    done
    rm -rf "$d"
  done
done
cp "$work/results.tsv" "${png%.png}.tsv"

# Summary, medians over the repetitions. A stage costs a fixed part (JIT warm-up, Spark's first jobs,
# native libraries, writing a dataset's files) plus a part per review. The 1/50 size measures the fixed
# part, so "per review above the fixed cost" at size n is (t(n) - t(1/50)) / (n - n(1/50)): equal at
# every size when the cost grows linearly. The plot draws that figure. The last column compares the
# largest size with the one a quarter of it (16x against 4x by default), or with the smallest.
last="${multiples[-1]}"
ref="${multiples[0]}"
for m in "${multiples[@]}"; do (( m * 4 == last )) && ref="$m"; done
joined="$(printf '%sx / ' "${multiples[@]}")"
echo
echo "| stage | fixed cost s (1/50 size) | µs per review above it: ${joined% / } | ${last}x against ${ref}x | stage work µs per review ${ref}x / ${last}x | peak live heap MB: ${joined% / } |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
sort -t$'\t' -k1,1g -k2,2 -k3,3g "$work/results.tsv" | awk -F'\t' -v plot="$work/plot.tsv" \
  -v sizes="${multiples[*]}" -v ref="$ref" -v last="$last" '
  { k = $1 FS $2; c[k]++; v[k, c[k]] = $3; n[k] = $4; if ($5 > h[k]) h[k] = $5 }
  function med(k,   m) { m = c[k]; return (m % 2) ? v[k, (m + 1) / 2] : (v[k, m / 2] + v[k, m / 2 + 1]) / 2 }
  END {
    split("ingest prepare train evaluate", s, " ")
    ns = split(sizes, x, " ")
    for (i = 1; i <= 4; i++) {
      a = s[i]; z = 0.02 FS a; t0 = med(z); n0 = n[z]; per = ""; heaps = ""
      for (j = 1; j <= ns; j++) {
        k = x[j] FS a
        p[x[j]] = (med(k) - t0) * 1e6 / (n[k] - n0)
        per = per (j > 1 ? " / " : "") sprintf("%.0f", p[x[j]])
        heaps = heaps (j > 1 ? " / " : "") sprintf("%d", h[k])
        printf "%d\t%s\t%.3f\t%d\t%d\n", x[j], a, med(k) - t0, n[k] - n0, h[k] >plot
      }
      printf "| %s | %.1f | %s | %.2f | %.0f / %.0f | %s |\n", a, t0, per, p[last] / p[ref],
        med(ref FS a) * 1e6 / n[ref FS a], med(last FS a) * 1e6 / n[last FS a], heaps
    }
  }'
java -Djava.awt.headless=true -cp "$bench_cp" io.imdbrnn.bench.DataSizePlot "$work/plot.tsv" "$png"
echo
echo "plot: $png"
