#!/usr/bin/env bash
# Cell benchmark: one thread, batch 32 / 256, T 500, the reference shape (E 32, H 32), synthetic fresh
# batches. Each fused cell (simple-rnn, lstm, gru, lstm and gru bidirectional) and the stock LSTM
# (JMH's CellBenchmark: a fork per cell, warm-up, 3 timed iterations of 2 s, their mean is the round's
# figure; then simple-rnn training on two threads at once), then the PyTorch peer (../shared/bench/torch-peer, built in a temp copy) for
# the same cells, heads and widths, in the same session, interleaved round by round so
# both sides see the same machine. Prints tables (first, which kernels the peer's libtorch picks on
# this host); asserts nothing.
# Usage: src/bench/cells.sh [unused-archive] [rounds=5]   (build first: mvn -B verify)
# Environment: CELLS=gru,lstm-bi picks cells (default every fused one); CLASSES=6,1000 measures
# softmax heads of that many classes instead of the sigmoid (default 1), on both sides; EMB=128
# HIDDEN=256 other widths (default 32 and 32), on both sides;
# SKIP_STOCK=1 skips the stock LSTM; SKIP_TORCH=1 the peer; BATCHES=20 the peer's timed batches.
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
batches="${BATCHES:-20}"
machine_line

torch="$(torch_peer)"
if [[ -n "$torch" ]]; then
  # The peer's LSTM speed follows oneDNN's kernel choice, which differs between hosts: say which ran.
  echo "== PyTorch peer's recurrent kernels on this host"
  echo "| PyTorch cell | kernels |"
  echo "| --- | --- |"
  for cell in rnn lstm gru; do
    echo "| $cell | $(peer_kernels "$torch" cell="$cell") |"
  done
fi

# One round: every fused/stock cell once (one repetition each), then every peer configuration once.
cells="${CELLS:-simple-rnn,lstm,gru,lstm-bi,gru-bi}$([[ -n "${SKIP_STOCK:-}" ]] || echo ,lstm-stock)"
classes="${CLASSES:-1}"
emb="${EMB:-32}"
hidden="${HIDDEN:-32}"
for round in $(seq 1 "$reps"); do
  src/bench/jmh.sh CellBenchmark -p cell="$cells" -p classes="$classes" -p embedding="$emb" \
    -p hidden="$hidden" -f 1 -wi 2 -w 2 -i 3 -r 2 \
    -rf csv -rff "$work/cells.csv" >>"$work/bench.log" 2>&1
  if [[ ",$cells," == *,simple-rnn,* && ",$classes," == *,1,* ]]; then
    src/bench/jmh.sh 'CellBenchmark.train' -p cell=simple-rnn -t 2 -f 1 -wi 2 -w 2 -i 3 -r 2 \
      -rf csv -rff "$work/two.csv" >>"$work/bench.log" 2>&1
    awk -F, 'NR > 1 { gsub(/"/, ""); printf "| simple-rnn, two threads at once (sum) | %.0f | nan |\n", $5 * 32 }' \
      "$work/two.csv" >>"$work/two.md"
  fi
  # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit", then a
  # "Param: x" column per parameter, found by name. Operations/s to samples/s: a training op is a
  # batch of 32, an inference op a batch of 256.
  awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) { h = $c; gsub(/["\r]/, "", h); col[h] = c }; next }
    {
      gsub(/["\r]/, ""); bench = $1; sub(/.*\./, "", bench); name = $col["Param: cell"];
      sub(/-bi$/, ", bidirectional", name);
      if ($col["Param: classes"] > 1) name = name ", " $col["Param: classes"] " classes";
      if ($col["Param: embedding"] != 32 || $col["Param: hidden"] != 32)
        name = name ", " $col["Param: embedding"] "/" $col["Param: hidden"];
      rate[name, bench] = $5 * (bench == "train" ? 32 : 256);
      if (!(name in seen)) { order[++k] = name; seen[name] = 1 }
    }
    END { for (j = 1; j <= k; j++) printf "| %s | %.0f | %.0f |\n", order[j], rate[order[j], "train"], rate[order[j], "infer"] }' \
    "$work/cells.csv" >>"$work/ours.md"
  if [[ -n "$torch" ]]; then
    for ours in ${cells//,/ }; do
      [[ "$ours" == *-stock ]] && continue
      cell="${ours%-bi}"
      cell="${cell/simple-rnn/rnn}"
      bi=false
      [[ "$ours" == *-bi ]] && bi=true
      for k in ${classes//,/ }; do
        (cd "$torch" && java -cp "target/torch-peer.jar:target/lib/*" TorchPeer threads=1 reps=1 \
          cell="$cell" bidirectional="$bi" classes="$k" emb="$emb" hidden="$hidden" batches="$batches" >"$work/torch.log" 2>&1) || true
        tr="$(grep -E '^train +threads=1' "$work/torch.log" | sed -E 's/.*median +([0-9.]+).*/\1/')"
        inf="$(grep -E '^infer +threads=1' "$work/torch.log" | sed -E 's/.*median +([0-9.]+).*/\1/')"
        name="${ours%-bi}"
        [[ "$bi" == true ]] && name="$name, bidirectional"
        [[ "$k" != 1 ]] && name="$name, $k classes"
        [[ "$emb/$hidden" != 32/32 ]] && name="$name, $emb/$hidden"
        echo "| $name | ${tr:-nan} | ${inf:-nan} |" >>"$work/torch.md"
      done
    done
  fi
done
[[ -f "$work/two.md" ]] && cat "$work/two.md" >>"$work/ours.md"

# Median (min-max) per name over the rounds, from rows "| name | train ... | infer ... |".
summarize() {
  awk -F'|' -v title="$2" '{
      name=$2; gsub(/^ +| +$/, "", name); split($3, t, " "); split($4, i, " ");
      gsub(/,/, "", t[1]); gsub(/,/, "", i[1]);
      tr[name]=tr[name] " " t[1]; inf[name]=inf[name] " " i[1]; if (!(name in seen)) { order[++k]=name; seen[name]=1 }
    }
    function stats(list,   a, n, j, m, s) {
      n = split(list, a, " ");
      for (j = 1; j <= n; j++) for (m = j + 1; m <= n; m++) if (a[m] + 0 < a[j] + 0) { s = a[j]; a[j] = a[m]; a[m] = s }
      return sprintf("%.0f (%.0f-%.0f)", a[int((n + 1) / 2)], a[1], a[n])
    }
    END {
      print "| " title " | train samples/s | inference samples/s |"; print "| --- | ---: | ---: |";
      for (j = 1; j <= k; j++) print "| " order[j] " | " stats(tr[order[j]]) " | " stats(inf[order[j]]) " |"
    }' "$1"
}

echo
echo "== fused and stock cells, one thread (median of $reps rounds, min-max)"
summarize "$work/ours.md" "cell"
if [[ -n "$torch" ]]; then
  echo
  echo "== PyTorch peer, threads=1, same rounds (median of $reps, min-max)"
  summarize "$work/torch.md" "PyTorch cell"
fi
