#!/usr/bin/env bash
# Averaging-round cost: Spark training throughput (local[2], 2 workers, fused simple-rnn, reference
# settings) at several train.averaging-frequency values, 2 epochs each, epoch 2's fitting time counted.
# Every round costs the same fixed overhead (a Spark job, the parameter and updater broadcast, a
# network rebuild per task, the aggregation), so fitting time per epoch is
#     T(f) = compute + rounds(f) * overhead,   rounds(f) = train rows / (workers * batch * f),
# and a least-squares fit over the runs gives both terms: the figures the performance page's cluster
# projection starts from. Prints tables, asserts nothing.
# Usage: src/bench/averaging.sh [archive] [repetitions] [frequencies...]
#   (build first: mvn -B verify, or package + test-compile)
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
shift $(( $# < 2 ? $# : 2 ))
freqs=("$@")
[[ ${#freqs[@]} -gt 0 ]] || freqs=(5 10 20 50)
export SPARK_LOCAL_IP=127.0.0.1

submit/local.sh ingest --input "$archive" --output "$work/reviews" 2>"$work/ingest.log"
submit/local.sh prepare --input "$work/reviews" --output "$work/prepared" 2>"$work/prepare.log"

echo "== local[2], 2 workers, batch 32, epoch 2 of 2 ($reps runs per frequency, interleaved)"
echo "| averaging-frequency | rounds/epoch | fit s (median, min-max) | samples/s (median) |"
echo "| ---: | ---: | ---: | ---: |"
: >"$work/points"
declare -A fits
for r in $(seq 1 "$reps"); do
  for f in "${freqs[@]}"; do
    IMDB_RNN_JAVA_OPTS="-Dspark.master=local[2]" submit/local.sh train --input "$work/prepared" \
      --output "$work/m-$f-$r" --epochs 2 --workers 2 --set "train.averaging-frequency=$f" \
      2>"$work/train-$f-$r.log"
    secs="$(grep 'epoch 2/2: fitting done' "$work/train-$f-$r.log" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"
    rows="$(grep -o 'on [0-9]* rows' "$work/train-$f-$r.log" | head -1 | tr -dc 0-9)"
    fits[$f]="${fits[$f]:-} $secs"
    awk -v f="$f" -v s="$secs" -v n="$rows" 'BEGIN { printf "%f %f %d\n", n / (2 * 32 * f), s, n }' >>"$work/points"
    rm -rf "$work/m-$f-$r"
  done
done
for f in "${freqs[@]}"; do
  # shellcheck disable=SC2086
  printf '%s\n' ${fits[$f]} | sort -n | awk -v f="$f" -v n="$(awk 'NR==1{print $3}' "$work/points")" '
    { v[NR] = $1 } END {
      med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "| %d | %.1f | %.2f (%.2f-%.2f) | %.0f |\n", f, n / (64 * f), med, v[1], v[NR], n / med }'
done
echo
awk '{ x += $1; y += $2; xx += $1 * $1; xy += $1 * $2; k++ } END {
  b = (k * xy - x * y) / (k * xx - x * x); a = (y - b * x) / k
  printf "least squares over %d runs: compute %.2f s per epoch, overhead %.0f ms per averaging round\n", k, a, b * 1000 }' "$work/points"
