#!/usr/bin/env bash
# Training-speed benchmark: prints one table and asserts nothing. In order:
#   1. stock vs fused SimpleRnn, train and inference samples/s on one thread, and two threads training
#      side by side without Spark (the machine's ceiling for two workers) (JMH CellBenchmark);
#   2. fused training on real IMDB reviews, padded vs masked + length-bucketed, one and two threads
#      (JMH ReviewBenchmark); JMH runs $reps forks of each and gives their mean ± its 99.9 % error;
#   3. Spark training throughput, local[1] / 1 worker and local[2] / 2 workers (4 epochs, epoch 4
#      counted), each against its ceilings from step 1 (one thread, two threads);
#   4. end-to-end `run` on the full archive with the default settings, wall time;
#   5. the PyTorch peer (../shared/bench/torch-peer, built in a temp copy) on the same machine, for ratios;
#   6. every cell beside the peer, interleaved round by round (src/bench/cells.sh).
# Usage: src/bench/rnn.sh [archive] [repetitions]   (build first: mvn -B verify, or package + test-compile)
# Environment: SKIP_STOCK=1 skips the slow stock measurements; SKIP_RUN=1 skips step 4; SKIP_TORCH=1 step 5;
# SKIP_CELLS=1 step 6; SKIP_SPARK=1 step 3.
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
export SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
echo "== machine: $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"

submit/local.sh ingest --input "$archive" --output "$work/reviews" 2>"$work/ingest.log"
submit/local.sh prepare --input "$work/reviews" --output "$work/prepared" 2>"$work/prepare.log"

echo
echo "== 1-2. no Spark, JMH: $reps forks each, mean (± 99.9 % error)"
# One JMH run; its CSV rows are: benchmark, mode, threads, samples, score, error, unit, params...
jmh() { local out="$1"; shift
  src/bench/jmh.sh "$@" -f "$reps" -rf csv -rff "$out" >>"$work/jmh.log" 2>&1; }
# The score (and error) of the row whose benchmark and first parameter match, times a factor:
# samples per operation for throughput (JMH sums the threads), or for seconds per operation the
# operation's size / score times the threads (JMH gives each thread's average time).
score() { awk -F, -v b="$2" -v p="$3" -v f="$4" -v inv="${5:-}" 'NR > 1 { gsub(/["\r]/, "")
    if ($1 ~ b"$" && $8 == p) { v = inv ? f * $3 / $5 : $5 * f; e = inv ? v * $6 / $5 : $6 * f
      printf "%.0f %.0f\n", v, e } }' "$1"; }
stock_cell="$([[ -n "${SKIP_STOCK:-}" ]] || echo ,simple-rnn-stock)"
jmh "$work/cells.csv" CellBenchmark -p cell="simple-rnn$stock_cell"
jmh "$work/two.csv" 'CellBenchmark.train' -p cell=simple-rnn -t 2
jmh "$work/reviews.csv" ReviewBenchmark -p prepared="$work/prepared"
jmh "$work/reviews2.csv" ReviewBenchmark -p prepared="$work/prepared" -p masked=false -t 2
read -r ft fte <<<"$(score "$work/cells.csv" train simple-rnn 32)"
read -r fi fie <<<"$(score "$work/cells.csv" infer simple-rnn 256)"
read -r st ste <<<"$(score "$work/cells.csv" train simple-rnn-stock 32)"
read -r si sie <<<"$(score "$work/cells.csv" infer simple-rnn-stock 256)"
read -r two twoe <<<"$(score "$work/two.csv" train simple-rnn 32)"
# ReviewBenchmark's first parameter column is masked, then prepared.
read -r pad pade <<<"$(score "$work/reviews.csv" epoch false 6400 inv)"
read -r buck bucke <<<"$(score "$work/reviews.csv" epoch true 6400 inv)"
read -r pad2 pad2e <<<"$(score "$work/reviews2.csv" epoch false 6400 inv)"
{
  echo "| measure | stock SimpleRnn | fused | fused / stock |"
  echo "| --- | ---: | ---: | ---: |"
  awk -v s="${st:-}" -v f="$ft" -v e="$fte" 'BEGIN { printf "| train samples/s, batch 32, T 500, 1 thread | %s | %s (± %s) | %s |\n", s == "" ? "skipped" : s, f, e, s == "" ? "" : sprintf("%.1fx", f / s) }'
  awk -v s="${si:-}" -v f="$fi" -v e="$fie" 'BEGIN { printf "| inference samples/s, batch 256, T 500, 1 thread | %s | %s (± %s) | %s |\n", s == "" ? "skipped" : s, f, e, s == "" ? "" : sprintf("%.1fx", f / s) }'
  echo
  echo "| two threads, each training its own fused network, no Spark | samples/s |"
  echo "| --- | ---: |"
  echo "| one thread (above) | $ft (± $fte) |"
  awk -v t="$two" -v e="$twoe" -v o="$ft" 'BEGIN { printf "| two threads together | %s (± %s) (%.2fx) |\n", t, e, t / o }'
  echo "| one thread, real reviews (below) | $pad (± $pade) |"
  awk -v t="$pad2" -v e="$pad2e" -v o="$pad" 'BEGIN { printf "| two threads together, real reviews | %s (± %s) (%.2fx) |\n", t, e, t / o }'
  echo
  echo "| fused training on 6400 real reviews | reviews/s |"
  echo "| --- | ---: |"
  echo "| padded to 500, unmasked | $pad (± $pade) |"
  echo "| masked + bucketed (pools of 50 batches) | $buck (± $bucke) |"
  awk -v b="$buck" -v p="$pad" 'BEGIN { printf "| ratio | %.2fx |\n", b / p }'
} | tee "$work/rnn.md"

spread() { sort -n | awk '{ v[NR] = $1 } END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%.0f (%.0f-%.0f)\n", m, v[1], v[NR] }'; }

if [[ -z "${SKIP_SPARK:-}" ]]; then
echo
echo "== 3. Spark training throughput: fused, default settings, 4 epochs, epoch 4 counted (warm JIT,"
echo "   as the ceilings are): fit rows / epoch 4's fitting time (the epoch's batching and every"
echo "   averaging round; not validation); $reps runs of each, interleaved"
# Configurations: workers, then extra settings (the third is the averaging frequency that was the
# default before 40; see the Spark efficiency section of src/site/markdown/performance.md).
configs=("1" "2" "2 --set train.averaging-frequency=20")
for r in $(seq 1 "$reps"); do
  for c in "${!configs[@]}"; do
    read -r n extra <<<"${configs[$c]}"
    # shellcheck disable=SC2086
    IMDB_RNN_JAVA_OPTS="-Dspark.master=local[$n]" submit/local.sh train --input "$work/prepared" \
      --output "$work/model$c" --overwrite --epochs 4 --workers "$n" $extra 2>"$work/train$c-$r.log"
    rows="$(grep -o 'on [0-9]* rows' "$work/train$c-$r.log" | head -1 | tr -dc 0-9)"
    secs="$(grep 'epoch 4/4: fitting done' "$work/train$c-$r.log" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"
    awk -v n="$rows" -v s="$secs" 'BEGIN { printf "%.1f\n", n / s }' >>"$work/spark$c"
  done
done
# The ceilings of section 1: one and two threads, on synthetic ids and on real reviews.
ceiling() { grep "^| $1 |" "$work/rnn.md" | awk -F'|' '{print $3}' | sed -E 's/\(.*//' | tr -d ', '; }
echo "| master | workers, settings | samples/s, median (min-max) | share of the ceiling: synthetic ids | share: real reviews |"
echo "| --- | --- | ---: | ---: | ---: |"
for c in "${!configs[@]}"; do
  read -r n extra <<<"${configs[$c]}"
  if [[ $n == 1 ]]; then
    syn="$(ceiling 'one thread (above)')" real="$(ceiling 'one thread, real reviews (below)')"
  else
    syn="$(ceiling 'two threads together')" real="$(ceiling 'two threads together, real reviews')"
  fi
  med="$(spread <"$work/spark$c")"
  awk -v n="$n" -v x="${extra:-defaults}" -v m="$med" -v c="$syn" -v r="$real" 'BEGIN { split(m, a, " ")
    printf "| local[%d] | %d, %s | %s | %.0f %% of %.0f | %.0f %% of %.0f |\n", n, n, x, m, 100 * a[1] / c, c, 100 * a[1] / r, r }'
done
fi

if [[ -z "${SKIP_RUN:-}" ]]; then
  echo
  echo "== 4. end to end: submit/local.sh run, full archive, default settings (10 epochs), $reps runs"
  : >"$work/runs"
  for r in $(seq 1 "$reps"); do
    s0=$(date +%s.%N)
    submit/local.sh run --input "$archive" --work-dir "$work/run$r" 2>"$work/run$r.log"
    s1=$(date +%s.%N)
    acc="$(grep -o 'accuracy [0-9.]*' "$work/run$r.log" | tail -1 | awk '{print $2}')"
    awk -v a="$s0" -v b="$s1" -v acc="$acc" 'BEGIN { printf "%.1f %s\n", b - a, acc }' | tee -a "$work/runs" |
      awk '{ printf "   run: %s s, test accuracy %s\n", $1, $2 }'
    rm -rf "$work/run$r"
  done
  echo "| run wall time, median (min-max) | $(awk '{print $1}' "$work/runs" | spread) s |"
fi

if [[ -z "${SKIP_TORCH:-}" && -d ../shared/bench/torch-peer ]]; then
  echo
  echo "== 5. PyTorch peer, same machine, same session (threads=1)"
  cp -r ../shared/bench/torch-peer "$work/torch-peer"
  (cd "$work/torch-peer" && mvn -q -B package >"$work/torch-build.log" 2>&1 &&
    java -cp "target/torch-peer.jar:target/lib/*" TorchPeer threads=1 reps="$reps" >"$work/torch.log" 2>&1)
  torch_train="$(grep -E '^train +threads=1' "$work/torch.log" | sed -E 's/.*median +([0-9.]+).*/\1/')"
  torch_infer="$(grep -E '^infer +threads=1' "$work/torch.log" | sed -E 's/.*median +([0-9.]+).*/\1/')"
  fused_train="$ft" fused_infer="$fi"
  echo "| measure (1 thread) | PyTorch | fused DL4J | fused / PyTorch |"
  echo "| --- | ---: | ---: | ---: |"
  awk -v t="$torch_train" -v f="$fused_train" 'BEGIN { printf "| train samples/s, batch 32 | %.0f | %.0f | %.2fx |\n", t, f, f / t }'
  awk -v t="$torch_infer" -v f="$fused_infer" 'BEGIN { printf "| inference samples/s, batch 256 | %.0f | %.0f | %.2fx |\n", t, f, f / t }'
fi

if [[ -z "${SKIP_CELLS:-}" ]]; then
  echo
  echo "== 6. every cell (fused simple-rnn, lstm, gru, bidirectional; stock LSTM) beside the PyTorch peer"
  "$top/src/bench/cells.sh" "$archive" "$reps"
fi
