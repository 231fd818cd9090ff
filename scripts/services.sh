#!/usr/bin/env bash
# The local PostgreSQL and Redis that ./run.sh and ./test.sh use: installed from Debian when absent,
# run as a non-root user (PostgreSQL refuses root), data under .local, loopback only, passwords set.
#
#   scripts/services.sh up            install if needed, start (or reuse) both, print KEY=VALUE lines
#   scripts/services.sh down [postgresql] [redis]   stop what `up` started (by pid files)
#   scripts/services.sh pg-start NAME PORT | pg-stop NAME          throwaway instances for fault tests
#   scripts/services.sh redis-start NAME PORT | redis-stop NAME | scratch-remove NAME
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${ACGS_DATA_DIR:-$ROOT/.local}"
PG_PORT="${ACGS_PG_PORT:-5435}"
REDIS_PORT="${ACGS_REDIS_PORT:-6382}"
SERVICE_USER="${ACGS_SERVICE_USER:-acgs}"
PG_ROLE="acgs"

log() { printf 'services: %s\n' "$*" >&2; }
die() { printf 'services: error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a command as the user that owns the service data.
as_service() {
  # From /, because the service user may not be allowed into the caller's folder.
  if is_root; then (cd / && runuser -u "$SERVICE_USER" -- "$@"); else "$@"; fi
}

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && printf '%s' "$dir"
}

install_missing() {
  local want=()
  [ -n "${ACGS_POSTGRES:-}" ] || [ -n "$(pg_bin)" ] || want+=(postgresql)
  [ -n "${ACGS_REDIS:-}" ] || command -v redis-server >/dev/null 2>&1 || want+=(redis-server)
  [ "${#want[@]}" -eq 0 ] && return 0
  local sudo=()
  if ! is_root; then
    command -v sudo >/dev/null 2>&1 || die "${want[*]} missing and not root: install ${want[*]} or run as root"
    sudo=(sudo)
  fi
  log "installing ${want[*]} from Debian"
  # Debian's packages would create and start their own cluster and server on the default ports;
  # we run our own instances, so keep the package scripts from starting anything.
  "${sudo[@]}" mkdir -p /etc/postgresql-common
  [ -e /etc/postgresql-common/createcluster.conf ] ||
    printf 'create_main_cluster = false\n' | "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
  local added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
    added_policy=1
  fi
  local rc=0
  { "${sudo[@]}" apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null; } || rc=$?
  [ "$added_policy" -eq 1 ] && "${sudo[@]}" rm -f /usr/sbin/policy-rc.d
  [ "$rc" -eq 0 ] || die "apt-get install ${want[*]} failed (exit $rc)"
}

ensure_service_user() {
  is_root || return 0
  id -u "$SERVICE_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SERVICE_USER"
}

# The folder the service user keeps its data in: .local/services when that user can reach it,
# otherwise (a clone under a parent it cannot enter, such as /root) a folder under /tmp named after
# the data folder, so two clones or data folders never share one.
service_dir() {
  local dir="$DATA_DIR/services"
  mkdir -p "$dir"
  if is_root; then
    chown "$SERVICE_USER": "$dir"
    chmod 700 "$dir"
    if ! runuser -u "$SERVICE_USER" -- test -w "$dir" 2>/dev/null; then
      dir="${TMPDIR:-/tmp}/acgs-$(printf '%s' "$DATA_DIR" | sha256sum | cut -c1-16)"
      mkdir -p "$dir"
      chown "$SERVICE_USER": "$dir"
      chmod 700 "$dir"
    fi
  fi
  printf '%s' "$dir"
}

# A password generated once per clone, readable only by the invoking user.
secret() {
  local file="$DATA_DIR/secrets/$1.password"
  if [ ! -s "$file" ]; then
    mkdir -p "$DATA_DIR/secrets"
    chmod 700 "$DATA_DIR/secrets"
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
  fi
  cat "$file"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

refuse_foreign_port() {
  die "port $1 on 127.0.0.1 is held by another process (not started by this clone); it was left untouched. Set $2 to a free port."
}

pg_running() { [ -f "$1/postmaster.pid" ] && as_service "$(pg_bin)/pg_ctl" -D "$1" status >/dev/null 2>&1; }

pg_start() {
  local data="$1" port="$2" var="${3:-ACGS_PG_PORT}" bin
  bin="$(pg_bin)" || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  if pg_running "$data"; then
    return 0
  fi
  port_open "$port" && refuse_foreign_port "$port" "$var"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_service mkdir -p "$data"
    as_service chmod 700 "$data"
    local pwfile
    pwfile="$(dirname "$data")/.pwfile.$$"
    secret postgres | as_service tee "$pwfile" >/dev/null
    as_service "$bin/initdb" -D "$data" -U "$PG_ROLE" --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null || { as_service rm -f "$pwfile"; die "initdb failed in $data"; }
    as_service rm -f "$pwfile"
  fi
  as_service mkdir -p "$data/socket"
  # max_connections: a test process runs several API hosts at once, each with Marten's, Wolverine's
  # and the sealer's connection pools.
  as_service "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c max_connections=300 -p $port -k $data/socket" start >/dev/null ||
    die "PostgreSQL did not start on port $port; see $data/server.log"
}

pg_stop() {
  local data="$1"
  pg_running "$data" && as_service "$(pg_bin)/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  return 0
}

redis_running() {
  local pid
  [ -f "$1/redis.pid" ] || return 1
  pid="$(cat "$1/redis.pid")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null
}

redis_start() {
  local dir="$1" port="$2" var="${3:-ACGS_REDIS_PORT}"
  command -v redis-server >/dev/null 2>&1 || die "redis-server not found"
  redis_running "$dir" && return 0
  port_open "$port" && refuse_foreign_port "$port" "$var"
  as_service mkdir -p "$dir"
  as_service chmod 700 "$dir"
  # The password goes in a private config file, never on a command line that `ps` shows.
  {
    printf 'bind 127.0.0.1\nport %s\nprotected-mode yes\ndaemonize yes\n' "$port"
    printf 'dir %s\npidfile %s/redis.pid\nlogfile %s/redis.log\n' "$dir" "$dir" "$dir"
    printf 'requirepass %s\n' "$(secret redis)"
  } | as_service tee "$dir/redis.conf" >/dev/null
  as_service chmod 600 "$dir/redis.conf"
  as_service redis-server "$dir/redis.conf" || die "Redis did not start on port $port; see $dir/redis.log"
  local i
  for i in $(seq 1 100); do
    port_open "$port" && redis_running "$dir" && return 0
    sleep 0.1
  done
  die "Redis did not answer on port $port; see $dir/redis.log"
}

redis_stop() {
  local dir="$1" pid
  redis_running "$dir" || return 0
  pid="$(cat "$dir/redis.pid")"
  kill "$pid"
  local i
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  die "Redis (pid $pid) did not stop"
}

wait_pg() {
  local i
  for i in $(seq 1 120); do
    PGPASSWORD="$(secret postgres)" "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$1" -U "$PG_ROLE" -d postgres && return 0
    sleep 0.5
  done
  die "PostgreSQL did not become ready on port $1"
}

create_database() {
  local port="$1" name="$2"
  PGPASSWORD="$(secret postgres)" psql -qAtX -h 127.0.0.1 -p "$port" -U "$PG_ROLE" -d postgres \
    -c "select 1 from pg_database where datname = '$name'" | grep -q 1 ||
    PGPASSWORD="$(secret postgres)" psql -qAtX -h 127.0.0.1 -p "$port" -U "$PG_ROLE" -d postgres \
      -c "create database \"$name\"" >/dev/null
}

pg_connection() { printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s' "$1" "$PG_ROLE" "$(secret postgres)" "$2"; }
redis_connection() { printf '127.0.0.1:%s,password=%s,abortConnect=false' "$1" "$(secret redis)"; }

up() {
  install_missing
  ensure_service_user
  local dir started=()
  dir="$(service_dir)"
  # Check both ports before starting either, so a refusal leaves nothing half started.
  if [ -z "${ACGS_POSTGRES:-}" ] && ! pg_running "$dir/pg" && port_open "$PG_PORT"; then
    refuse_foreign_port "$PG_PORT" ACGS_PG_PORT
  fi
  if [ -z "${ACGS_REDIS:-}" ] && ! redis_running "$dir/redis" && port_open "$REDIS_PORT"; then
    refuse_foreign_port "$REDIS_PORT" ACGS_REDIS_PORT
  fi
  if [ -z "${ACGS_POSTGRES:-}" ]; then
    pg_running "$dir/pg" || started+=(postgresql)
    pg_start "$dir/pg" "$PG_PORT"
    wait_pg "$PG_PORT"
    create_database "$PG_PORT" "${ACGS_DATABASE:-acgs}"
    printf 'ACGS_POSTGRES=%s\n' "$(pg_connection "$PG_PORT" "${ACGS_DATABASE:-acgs}")"
    printf 'ACGS_POSTGRES_SERVER=%s\n' "$(pg_connection "$PG_PORT" postgres)"
  fi
  if [ -z "${ACGS_REDIS:-}" ]; then
    redis_running "$dir/redis" || started+=(redis)
    redis_start "$dir/redis" "$REDIS_PORT"
    printf 'ACGS_REDIS=%s\n' "$(redis_connection "$REDIS_PORT")"
  fi
  printf 'ACGS_STARTED=%s\n' "${started[*]:-}"
}

# Without arguments both; otherwise only the named ones (what `up` reported in ACGS_STARTED).
down() {
  local dir which=("$@")
  dir="$(service_dir)"
  [ "${#which[@]}" -gt 0 ] || which=(postgresql redis)
  local service
  for service in "${which[@]}"; do
    case "$service" in
      postgresql) pg_stop "$dir/pg" ;;
      redis) redis_stop "$dir/redis" ;;
      *) die "unknown service $service" ;;
    esac
  done
}

case "${1:-}" in
  pg-start | pg-stop | redis-start | redis-stop | scratch-remove)
    [[ "${2:-}" =~ ^[a-z0-9-]+$ ]] || die "a throwaway instance's NAME is lowercase letters, digits and dashes"
    ;;
esac

case "${1:-}" in
  up) up ;;
  down) shift; down "$@" ;;
  pg-start)
    ensure_service_user
    d="$(service_dir)/scratch/$2"
    as_service mkdir -p "$(dirname "$d")"
    pg_start "$d" "$3" "the throwaway port"
    wait_pg "$3"
    printf 'ACGS_POSTGRES=%s\nACGS_SCRATCH_DIR=%s\n' "$(pg_connection "$3" postgres)" "$d"
    ;;
  pg-stop) pg_stop "$(service_dir)/scratch/$2" ;;
  scratch-remove) rm -rf "$(service_dir)/scratch/$2" ;;
  redis-start)
    ensure_service_user
    d="$(service_dir)/scratch/$2"
    as_service mkdir -p "$(dirname "$d")"
    redis_start "$d" "$3" "the throwaway port"
    printf 'ACGS_REDIS=%s\nACGS_SCRATCH_DIR=%s\n' "$(redis_connection "$3")" "$d"
    ;;
  redis-stop) redis_stop "$(service_dir)/scratch/$2" ;;
  *) die "usage: services.sh up|down|pg-start NAME PORT|pg-stop NAME|redis-start NAME PORT|redis-stop NAME|scratch-remove NAME" ;;
esac
