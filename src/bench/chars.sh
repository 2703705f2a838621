#!/usr/bin/env bash
# Next-char benchmark, one thread: our next-char training (JMH CharBenchmark: batch 32, windows of 100
# characters out of 99 ids, softmax at every step) and sampling (1,000 characters, one sample or eight
# side by side) in characters/s; then, in the same rounds, the PyTorch peer's next-char training and
# inference at the same shapes (task=next-char, seq=100, 99 classes; rnn, lstm, gru at E 32 / H 32 and
# gru at H 256), its samples/s x 100 steps. Rounds interleave both sides so they see the same machine. Prints tables;
# asserts nothing.
# Usage: src/bench/chars.sh [unused-archive] [rounds=5]   (build first: mvn -B verify)
# Environment: SKIP_TORCH=1 skips the peer; BATCHES=20 the peer's timed batches.
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
batches="${BATCHES:-20}"
machine_line
torch="$(torch_peer)"

for round in $(seq 1 "$reps"); do
  # One fork per shape, 2 warm-up and 3 timed iterations of 2 s: the round's figure is their mean.
  src/bench/jmh.sh CharBenchmark -f 1 -rf csv -rff "$work/chars.csv" >>"$work/bench.log" 2>&1
  # Training ops are batches of 32 x 100 characters; generation ops are 1,000 characters (ms each).
  awk -F, 'NR > 1 { gsub(/["\r]/, ""); bench = $1; sub(/.*\./, "", bench); shape = $8
      cell = shape; sub(/-[0-9]+$/, "", cell); h = shape; sub(/.*-/, "", h)
      if (bench == "train") printf "| %s E32/H%s, next-char train chars/s | %.0f |\n", cell, h, $5 * 3200
      else if (bench == "generate") printf "| %s E32/H%s, generate chars/s, 1 sample | %.0f |\n", cell, h, $5 * 1000
      else if (bench == "generateEight") printf "| %s E32/H%s, generate chars/s, 8 samples | %.0f |\n", cell, h, $5 * 8000 }' \
    "$work/chars.csv" >>"$work/ours.md"
  if [[ -n "$torch" ]]; then
    for shape in rnn-32 lstm-32 gru-32 gru-256; do
      cell="${shape%-*}" hidden="${shape#*-}"
      (cd "$torch" && java -cp "target/torch-peer.jar:target/lib/*" TorchPeer threads=1 reps=1 \
        mode=train task=next-char seq=100 cell="$cell" hidden="$hidden" batches="$batches" \
        >"$work/torch.log" 2>&1) || true
      tr="$(grep -E '^train +threads=1' "$work/torch.log" | sed -E 's/.*median +([0-9.]+).*/\1/')"
      name="$cell"; [[ "$cell" == rnn ]] && name=simple-rnn
      echo "| $name E32/H$hidden, PyTorch next-char train chars/s | $(awk -v s="${tr:-0}" 'BEGIN { printf "%.0f", s * 100 }') |" >>"$work/torch.md"
      # Its next-char inference (256 sequences of 100 known characters at once) against our sampling.
      (cd "$torch" && java -cp "target/torch-peer.jar:target/lib/*" TorchPeer threads=1 reps=1 \
        mode=infer task=next-char seq=100 cell="$cell" hidden="$hidden" batches="$batches" \
        >"$work/torch.log" 2>&1) || true
      inf="$(grep -E '^infer +threads=1' "$work/torch.log" | sed -E 's/.*median +([0-9.]+).*/\1/')"
      echo "| $name E32/H$hidden, PyTorch next-char inference chars/s | $(awk -v s="${inf:-0}" 'BEGIN { printf "%.0f", s * 100 }') |" >>"$work/torch.md"
    done
  fi
done

# Median (min-max) per name over the rounds, from rows "| name | value |".
summarize() {
  awk -F'|' '{
      name=$2; gsub(/^ +| +$/, "", name); split($3, f, " "); v=f[1]; gsub(/,/, "", v);
      vals[name]=vals[name] " " v; if (!(name in seen)) { order[++k]=name; seen[name]=1 }
    }
    function stats(list,   a, n, j, m, s) {
      n = split(list, a, " ");
      for (j = 1; j <= n; j++) for (m = j + 1; m <= n; m++) if (a[m] + 0 < a[j] + 0) { s = a[j]; a[j] = a[m]; a[m] = s }
      return sprintf("%.0f (%.0f-%.0f)", a[int((n + 1) / 2)], a[1], a[n])
    }
    END { print "| what | median of rounds (min-max) |"; print "| --- | ---: |";
      for (j = 1; j <= k; j++) print "| " order[j] " | " stats(vals[order[j]]) " |" }' "$1"
}

echo
echo "== next-char training (chars/s) and generation (ms), one thread, $reps rounds"
summarize "$work/ours.md"
if [[ -n "$torch" ]]; then
  echo
  echo "== PyTorch peer, next-char training (task=next-char seq=100), threads=1, same rounds"
  summarize "$work/torch.md"
fi
