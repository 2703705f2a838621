#!/usr/bin/env bash
# Where the cluster time goes. Ingest, prepare, one training epoch and evaluate on the full reviews,
# each through bin/spark-submit of a Spark installation made from Apache Spark's own client scripts
# (../shared/spark-client): on a standalone cluster of one worker started with its sbin/ scripts
# (client mode, submit/cluster.sh, one executor of all the worker's cores), and on local[N] with the
# same N cores (conf/spark-local.properties, as submit/local.sh). Modes alternate within every
# repetition. For each run it prints:
#   command s      the whole spark-submit, JVM start to exit;
#   start-up s     executor start-up (cluster only), before the stage's work starts: from the Spark
#                  session to the first registered executor, plus the warm-up job that fetches the jar
#                  and loads ND4J's native backend on it (ExecutorWarmUp);
#   work s         the stage's own work ("finished its work in"), which the target compares;
#   tasks, task s, cpu s, deser s, gc s, fetch-wait s: sums over the run's Spark tasks, from
#                  sparkMeasure's flight recorder (FlightRecorderStageMetrics);
#   stage s        the sum of the Spark stages' wall times; work s minus this is driver-only time;
#   exec heap MB, exec rss MB, driver heap MB: peaks from Spark's executor metrics (event log,
#                  polled every 0.5 s): the executor's JVM heap in use, its whole process (heap and
#                  ND4J's off-heap memory), the driver's heap in use.
# Then the medians (min-max) per stage and mode and the cluster/local ratio of work. Asserts nothing.
# Usage: src/bench/cluster.sh [archive] [repetitions]     (build first: mvn -B verify)
# Environment: CORES (2), WORKER_MEMORY (12g); MODES ("local cluster"); SIZES, the spark-submit
# options of the cluster runs (default: one executor of all the cores and 4 GB of heap, the shape of
# local[N] with its 6 GB, so that the comparison is about the deployment), e.g. to find the smallest
# sizes that work:
#   MODES=cluster SIZES="--executor-cores 1 --executor-memory 1g --conf spark.executor.memoryOverhead=1g
#   --driver-memory 1g" src/bench/cluster.sh ARCHIVE 1
set -euo pipefail
# shellcheck source=src/bench/prelude.sh
source "$(dirname "${BASH_SOURCE[0]}")/prelude.sh"
cores="${CORES:-2}"
read -r -a sizes <<<"${SIZES:---executor-cores $cores --executor-memory 4g}"
read -r -a modes <<<"${MODES:-local cluster}"
client="../shared/spark-client"
[[ -x "$client/make-spark-home.sh" ]] || { echo "cluster.sh: $client (Spark's client scripts) is missing" >&2; exit 2; }
measure_jar="$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null |
  tr ':' '\n' | grep -m1 -oE '^/.*/spark-measure_[0-9.]+-[0-9.]+\.jar' || true)"
[[ -n "$measure_jar" ]] || { echo "cluster.sh: cannot resolve sparkMeasure (run mvn -B verify first)" >&2; exit 2; }
archive="$(realpath "$archive")"

export SPARK_HOME="$work/spark-home" SPARK_LOCAL_IP=127.0.0.1 SPARK_PID_DIR="$work/pids" \
  SPARK_LOG_DIR="$work/logs" SPARK_WORKER_DIR="$work/worker-dir" SPARK_WORKER_CORES="$cores" \
  SPARK_WORKER_MEMORY="${WORKER_MEMORY:-12g}"
bash "$client/make-spark-home.sh" target/spark-lib "$SPARK_HOME" >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export SPARK_MASTER_PORT="$(free_port)" SPARK_MASTER_WEBUI_PORT="$(free_port)" SPARK_WORKER_WEBUI_PORT="$(free_port)"
master="spark://127.0.0.1:$SPARK_MASTER_PORT"
stop_cluster() {
  local f
  for f in "$SPARK_PID_DIR"/*.pid; do
    [[ -f "$f" ]] || continue
    pkill -KILL -P "$(cat "$f")" 2>/dev/null || true
    kill -KILL "$(cat "$f")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_cluster EXIT
"$SPARK_HOME/sbin/start-master.sh" >/dev/null
"$SPARK_HOME/sbin/start-worker.sh" "$master" >/dev/null
for _ in $(seq 90); do grep -qs "Successfully registered" "$SPARK_LOG_DIR"/*Worker*.out && break; sleep 1; done

# One stage through spark-submit; $1 is local or cluster, $2 the metrics file, the rest imdb-rnn's.
run() {
  local mode="$1" metrics="$2"
  shift 2
  mkdir -p "$metrics.events"
  local measure=(--jars "$measure_jar" --conf spark.extraListeners=ch.cern.sparkmeasure.FlightRecorderStageMetrics
    --conf "spark.sparkmeasure.outputFilename=$metrics" --conf spark.eventLog.enabled=true
    --conf "spark.eventLog.dir=$metrics.events" --conf spark.eventLog.logStageExecutorMetrics=true
    --conf spark.executor.processTreeMetrics.enabled=true --conf spark.executor.metrics.pollingInterval=500ms)
  if [[ "$mode" == cluster ]]; then
    submit/cluster.sh --master "$master" --deploy-mode client "${sizes[@]}" "${measure[@]}" -- "$@"
  else
    SPARK_SUBMIT_OPTS="-Dlog4j2.configurationFile=file:$top/conf/log4j2.properties" \
      OMP_NUM_THREADS=1 "$SPARK_HOME/bin/spark-submit" --master "local[$cores]" --driver-memory 6g \
      --properties-file conf/spark-local.properties --driver-java-options "${ADD_MODULES[*]}" \
      --class "$MAIN_CLASS" "${measure[@]}" "target/$JAR_NAME" "$@"
  fi
}

# Sums of the recorder's per-stage figures: tasks, task s, cpu s, deser s, gc s, fetch-wait s, stage s;
# then the memory peaks from the event log.
sums() {
  python3 - "$1" <<'EOF'
import glob, json, sys
stages = json.load(open(sys.argv[1]))
peaks = {}
for log in glob.glob(sys.argv[1] + ".events/*"):
    for line in open(log):
        e = json.loads(line)
        if e.get("Event") not in ("SparkListenerStageExecutorMetrics", "SparkListenerExecutorMetricsUpdate"):
            continue
        who = "driver" if e.get("Executor ID") == "driver" else "executor"
        metrics = [e.get("Executor Metrics", {})] + [u.get("Executor Metrics", {}) for u in e.get("Executor Metrics Updated", [])]
        for m in metrics:
            for key in ("JVMHeapMemory", "ProcessTreeJVMRSSMemory"):
                peaks[(who, key)] = max(peaks.get((who, key), 0), m.get(key, 0))
def total(key, scale=1000.0):
    return sum(s.get(key, 0) for s in stages) / scale
mb = lambda who, key: "%d" % (peaks.get((who, key), 0) / 2**20) if peaks.get((who, key)) else "-"
print("%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s" % (
    total("numTasks", 1), total("executorRunTime"), total("executorCpuTime"),
    total("executorDeserializeTime"), total("jvmGCTime"), total("shuffleFetchWaitTime"),
    total("stageDuration"), mb("executor", "JVMHeapMemory"), mb("executor", "ProcessTreeJVMRSSMemory"),
    mb("driver", "JVMHeapMemory")))
EOF
}

machine_line
echo "== Spark: $master, 1 worker, $cores cores, ${WORKER_MEMORY:-12g}; cluster runs: ${sizes[*]}; local[$cores]; archive $archive"
table="$work/runs.tsv"
printf "rep\tstage\tmode\tcommand s\tstart-up s\twork s\ttasks\ttask s\tcpu s\tdeser s\tgc s\tfetch-wait s\tstage s\texec heap MB\texec rss MB\tdriver heap MB\n" | tee "$table"
for rep in $(seq "$reps"); do
  for mode in "${modes[@]}"; do
    d="$work/$mode"
    stages=(
      "ingest --input $archive --output $d/reviews --overwrite"
      "prepare --input $d/reviews --output $d/prepared --overwrite"
      "train --input $d/prepared --output $d/model --epochs 1 --overwrite"
      "evaluate --model $d/model --input $d/prepared --output $d/evaluation --overwrite"
    )
    for s in "${stages[@]}"; do
      name="${s%% *}"
      log="$work/$mode-$name-$rep.log"
      metrics="$work/$mode-$name-$rep.json"
      start=$(date +%s.%N)
      # shellcheck disable=SC2086
      run "$mode" "$metrics" $s >"$log" 2>&1 || { echo "$mode $name failed:" >&2; tail -20 "$log" >&2; exit 1; }
      end=$(date +%s.%N)
      work_s=$(grep -oE "$name finished its work in [0-9.]+" "$log" | grep -oE '[0-9.]+$')
      startup=$(grep -oE '(registered [0-9.]+ s after the session started|core\(s\) in [0-9.]+ s)' "$log" |
        grep -oE '[0-9]+\.[0-9]+' | paste -sd+ | bc || true)
      [[ -n "$startup" ]] || startup="-"
      printf "%s\t%s\t%s\t%.1f\t%s\t%s\t%s\n" "$rep" "$name" "$mode" "$(echo "$end - $start" | bc)" \
        "$startup" "$work_s" "$(sums "$metrics")" | tee -a "$table"
    done
  done
done

echo
echo "== medians (min-max) over $reps repetitions; ratio = cluster work / local work, pair by pair"
python3 - "$table" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def fmt(values):
    values = [float(v) for v in values if v not in ("-", "")]
    if not values:
        return "-"
    return "%.1f (%.1f-%.1f)" % (statistics.median(values), min(values), max(values))
cols = ["command s", "start-up s", "work s", "task s", "cpu s", "deser s", "gc s", "fetch-wait s", "stage s",
        "exec heap MB", "exec rss MB", "driver heap MB"]
print("| stage | mode | " + " | ".join(cols) + " | tasks |")
print("| --- | --- |" + " ---: |" * (len(cols) + 1))
for stage in ["ingest", "prepare", "train", "evaluate"]:
    for mode in ["local", "cluster"]:
        sel = [r for r in rows if r["stage"] == stage and r["mode"] == mode]
        print("| %s | %s | %s | %s |" % (stage, mode, " | ".join(fmt(r[c] for r in sel) for c in cols),
                                         sel[0]["tasks"] if sel else "-"))
print()
print("| stage | cluster/local work |")
print("| --- | ---: |")
for stage in ["ingest", "prepare", "train", "evaluate"]:
    by = {(r["rep"], r["mode"]): float(r["work s"]) for r in rows if r["stage"] == stage}
    ratios = [by[(rep, "cluster")] / by[(rep, "local")] for rep, m in by if m == "local" and (rep, "cluster") in by]
    if ratios:
        print("| %s | %.2f (%.2f-%.2f) |" % (stage, statistics.median(ratios), min(ratios), max(ratios)))
EOF
