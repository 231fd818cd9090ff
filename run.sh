#!/usr/bin/env bash
# Runs the ledger: installs and starts PostgreSQL and Redis when absent, then the API in the foreground.
#   ./run.sh        start (or reuse) the services and run the API on $ACGS_URL (http://127.0.0.1:8011)
#   ./run.sh stop   stop the PostgreSQL and Redis this clone started
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ "${1:-}" = "stop" ]; then
  exec bash scripts/services.sh down
fi

env_lines="$(bash scripts/services.sh up)"
while IFS='=' read -r key value; do
  [ -n "$key" ] && export "$key=$value"
done <<<"$env_lines"

keys="$(realpath -m "${ACGS_KEYS_DIR:-.local/keys}")"
if [ ! -f "$keys/genesis.json" ]; then
  echo "run: first start: creating a new ledger in $keys"
  dotnet run --project src/Cli -c Release -- init --constitution "${ACGS_CONSTITUTION:-examples/constitution.json}" \
    --out "$keys" --host "${ACGS_ORIGIN_HOST:-localhost}"
  chmod 700 "$keys"
fi
export Acgs__GenesisFile="$keys/genesis.json"
export Acgs__LedgerKeyFile="$keys/ledger.key"
export Acgs__SystemKeyFile="$keys/system.key"
echo "run: admin key: $keys/admin.key; ledger public key: $keys/ledger.pub"

export ConnectionStrings__Postgres="$ACGS_POSTGRES"
export ConnectionStrings__Redis="$ACGS_REDIS"
url="${ACGS_URL:-http://127.0.0.1:8011}"
# Signed reads cover the URL clients address the ledger by, never a Host header (docs/PROTOCOL.md §10).
export Acgs__PublicBaseUrl="${ACGS_PUBLIC_BASE_URL:-$url}"
port="${url##*:}"
port="${port%%/*}"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run: error: port $port is already in use; set ACGS_URL to another address" >&2
  exit 1
fi

dotnet build src/Api -c Release -nologo -v quiet >/dev/null
echo "run: ledger API listening on $url (health: $url/health/ready, metrics: $url/metrics)"
# The built assembly itself, not `dotnet run`, so Ctrl+C and signals reach the ledger directly.
exec dotnet src/Api/bin/Release/net10.0/Acgs.Api.dll --contentRoot "$PWD/src/Api" --urls "$url"
