# Sourced by the bench scripts: moves to the project root, reads the launcher settings, checks the
# build is there, takes [archive] [repetitions] from the script's arguments and makes a work directory
# that is removed on exit.
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$top"
archive="${1:-../shared/data/aclImdb-labeled.tar.gz}"
reps="${2:-3}"
# shellcheck source=submit/app.env
source submit/app.env
# shellcheck source=submit/java-opts.sh
source submit/java-opts.sh
for f in "target/$JAR_NAME" target/spark-lib target/test-classes/io/imdbrnn/bench; do
  [[ -e "$f" ]] || { echo "$(basename "$0"): $f missing; build with: mvn -B verify" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# OpenBLAS picks its kernels by CPU when it loads, unless OPENBLAS_CORETYPE names them. A host may set
# it for every process (this project's VM sets Haswell, AVX2 kernels, on an AVX-512 processor), which
# slows both sides' matrix products alike. Benchmarks measure what each side chooses for the CPU by
# itself: this program through runtime.OpenBlasKernels (SkylakeX on AMD processors with AVX-512), the
# peer's newer OpenBLAS from its own table. KEEP_CORETYPE=1 keeps the host's value for both.
if [[ -n "${OPENBLAS_CORETYPE:-}" && -z "${KEEP_CORETYPE:-}" ]]; then
  echo "== OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment left out: each side's OpenBLAS chooses (KEEP_CORETYPE=1 keeps it)"
  unset OPENBLAS_CORETYPE
fi

# Builds the PyTorch peer (../shared/bench/torch-peer) in a copy under $work; prints its directory,
# or nothing (with the reason on stderr) when it is absent, skipped (SKIP_TORCH=1) or does not build.
torch_peer() {
  [[ -z "${SKIP_TORCH:-}" && -d ../shared/bench/torch-peer ]] || return 0
  cp -r ../shared/bench/torch-peer "$work/torch-peer"
  if (cd "$work/torch-peer" && mvn -q -B package >"$work/torch-build.log" 2>&1); then
    echo "$work/torch-peer"
  else
    echo "(PyTorch peer did not build; see its log) $(tail -3 "$work/torch-build.log")" >&2
  fi
}

# Which recurrent kernels the peer's libtorch picks on this host, for one configuration ($1: the peer's
# directory, then its options): the oneDNN RNN primitive's implementation per kind of pass (PyTorch
# sends nn::LSTM through oneDNN, whose choice depends on the CPU: on the AMD host its training pass is
# the unoptimised "ref" one), or ATen's own kernels when oneDNN is not used.
peer_kernels() {
  local dir="$1" log="$work/peer-kernels.log"
  shift
  (cd "$dir" && ONEDNN_VERBOSE=1 java -cp "target/torch-peer.jar:target/lib/*" TorchPeer threads=1 \
    reps=1 warmup=1 batches=1 "$@" >"$log" 2>&1) || true
  local found
  found="$(awk -F, '$3 == "primitive" && $4 == "exec" && $6 == "rnn" { print $8 ": " $7 }' "$log" |
    sort -u | paste -sd';' - | sed 's/;/; /g')"
  echo "${found:-ATen kernels (no oneDNN RNN primitive)}"
}

# The machine line every bench table starts with.
machine_line() {
  echo "== machine: $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
}

# Runs a bench main class (from target/test-classes) on the packaged jar and Spark's jars; its log
# goes to $work/bench.log.
bench_java() {
  java -Xmx6g "${ADD_OPENS[@]}" "${ADD_MODULES[@]}" \
    -Dlog4j2.configurationFile="file:$top/src/test/resources/log4j2-test.properties" \
    -cp "target/spark-lib/*:target/$JAR_NAME:target/test-classes" "$@" 2>>"$work/bench.log"
}
