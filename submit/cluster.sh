#!/usr/bin/env bash
# Submits imdb-rnn to a cluster through $SPARK_HOME/bin/spark-submit. Works for any master:
#   submit/cluster.sh --master yarn --deploy-mode cluster -- ingest --input hdfs:///data/aclImdb_v1.tar.gz --output hdfs:///imdb/reviews
#   submit/cluster.sh --master k8s://https://host:6443 --conf spark.kubernetes.container.image=IMG -- prepare ...
#   submit/cluster.sh --master spark://host:7077 -- ingest ...
# Everything before "--" goes to spark-submit, everything after to imdb-rnn. Spark settings come from
# conf/spark-cluster.properties (override with IMDB_RNN_SPARK_CONF) and any --conf you add; spark-submit's
# own --executor-cores, --executor-memory, --driver-memory and --total-executor-cores override the
# conf's sizes, e.g. for 2-core workers with 6 GB:
#   submit/cluster.sh --master spark://host:7077 --executor-cores 1 --executor-memory 2g \
#     --conf spark.executor.memoryOverhead=1g -- prepare ...
# A job that no worker can run fails after cluster.executor-wait-seconds (120) with exit 1.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/.." && pwd)"
# shellcheck source=submit/app.env
source "$here/app.env"

if [[ -z "${SPARK_HOME:-}" || ! -x "$SPARK_HOME/bin/spark-submit" ]]; then
  echo "cluster.sh: set SPARK_HOME to a Spark 3.5 installation (bin/spark-submit not found)" >&2
  exit 2
fi
# IMDB_RNN_JAR may also be a URI every node can read, as cluster deploy mode needs (the worker that
# runs the driver downloads the jar): hdfs://..., or local:/path for a copy on every node.
jar="${IMDB_RNN_JAR:-$top/target/$JAR_NAME}"
if [[ "$jar" == local:* && ! -f "${jar#local:}" ]] || [[ "$jar" != *:* && ! -f "$jar" ]]; then
  echo "cluster.sh: $jar is missing; build first with: mvn -B package -DskipTests" >&2
  exit 2
fi

submit_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  submit_args+=("$1")
  shift
done
if [[ $# -eq 0 ]]; then
  echo "usage: cluster.sh [spark-submit options] -- <command> [options]" >&2
  exit 2
fi
shift

# The JVM spark-submit starts (the driver in client mode, the submission client in cluster mode) logs
# as submit/local.sh does; drivers and executors elsewhere get the same levels from the
# ProjectLogging plugin in the conf.
export SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:-} -Dlog4j2.configurationFile=file:$top/conf/log4j2.properties"

exec "$SPARK_HOME/bin/spark-submit" \
  --properties-file "${IMDB_RNN_SPARK_CONF:-$top/conf/spark-cluster.properties}" \
  --class "$MAIN_CLASS" \
  "${submit_args[@]}" \
  "$jar" "$@"
