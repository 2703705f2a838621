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
