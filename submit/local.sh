#!/usr/bin/env bash
# Runs imdb-rnn in local[*] mode with no Spark installation: the cluster jar plus the Spark jars the
# build copied to target/spark-lib. Spark's jars come first on the classpath, as under spark-submit. Usage: submit/local.sh <command> [options]   (e.g. ingest --help)
# Environment: IMDB_RNN_DRIVER_MEMORY (default 6g), IMDB_RNN_SPARK_CONF (default conf/spark-local.properties),
#              IMDB_RNN_JAVA_OPTS (extra JVM flags), JAVA_HOME.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/.." && pwd)"
# shellcheck source=submit/app.env
source "$here/app.env"
# shellcheck source=submit/java-opts.sh
source "$here/java-opts.sh"

jar="$top/target/$JAR_NAME"
libs="$top/target/spark-lib"
if [[ ! -f "$jar" || ! -d "$libs" ]]; then
  echo "local.sh: $jar or $libs is missing; build first with: mvn -B package -DskipTests" >&2
  exit 2
fi

spark_conf="${IMDB_RNN_SPARK_CONF:-$top/conf/spark-local.properties}"
props=()
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  key="${line%%[[:space:]]*}"
  value="$(sed -E 's/^[^[:space:]]+[[:space:]]+//' <<<"$line")"
  props+=("-D$key=$value")
done <"$spark_conf"

# One native (OpenMP) thread per Spark task: local[*] already runs one task per core.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"  # bind to loopback in local mode
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086
exec "$java_bin" -Xmx"${IMDB_RNN_DRIVER_MEMORY:-6g}" "${ADD_OPENS[@]}" "${ADD_MODULES[@]}" \
  -Dlog4j2.configurationFile="file:$top/conf/log4j2.properties" \
  "${props[@]}" ${IMDB_RNN_JAVA_OPTS:-} \
  -cp "$libs/*:$jar" "$MAIN_CLASS" "$@"
