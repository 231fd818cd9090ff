#!/usr/bin/env bash
# Runs the whole test suite against real PostgreSQL and Redis, started (and afterwards stopped) here
# when this clone's are not already running. Exit code = the tests' result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

env_lines="$(bash scripts/services.sh up)"
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done <<<"$env_lines"

stop_started() {
  # shellcheck disable=SC2086 # ACGS_STARTED is a space-separated list of service names.
  [ -z "${ACGS_STARTED:-}" ] || bash scripts/services.sh down $ACGS_STARTED
}
trap stop_started EXIT

# Each test project derives its own database from this server connection; none uses the
# database ./run.sh serves.
export ACGS_TEST_POSTGRES="$ACGS_POSTGRES_SERVER"
export ACGS_TEST_REDIS="$ACGS_REDIS"

dotnet restore Acgs.sln --locked-mode
dotnet build Acgs.sln --no-restore -c Release
results="$(mktemp -d)"
status=0
dotnet test Acgs.sln --no-build -c Release --results-directory "$results" --logger "trx" "$@" || status=$?

# One closing line for the whole suite, summed over every project's TRX counters.
cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); gsub("\"", "", kv[2]); sum[kv[1]] += kv[2] } }
  END { printf "tests: %d passed, %d failed, %d skipped\n", sum["passed"], sum["failed"], sum["notExecuted"] }'
rm -rf "$results"
exit "$status"
