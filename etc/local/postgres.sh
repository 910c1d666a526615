#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL cluster from the machine's binaries.
#   etc/local/postgres.sh start DIR PORT [--fast]   # --fast: no fsync, for throwaway test clusters only
#   etc/local/postgres.sh standby DIR PORT PRIMARY_PORT [--fast]   # a streaming replica of the cluster on PRIMARY_PORT
#   etc/local/postgres.sh stop DIR
# PG_EXTRA_OPTS adds server options at start (e.g. "-c shared_preload_libraries=pg_stat_statements").
# postgres refuses to run as root, so as root the cluster runs as the `postgres` user.
set -euo pipefail
action=${1:?start|standby|stop}; dir=${2:?data directory}; port=${3:-55432}; fast=${4:-}
if [ "$action" = standby ]; then primary=${4:?primary port}; fast=${5:-}; fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found; installing postgresql (Debian)..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

own_directory() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir"
    # every parent must be enterable by the postgres user
    d=$dir; while [ "$d" != / ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
  fi
}

run_cluster() {
  opts="-c listen_addresses=127.0.0.1 -c port=$port -k $dir -c max_connections=300"
  # Test clusters serve many hosts at once (each test class starts one or two, the test projects run in parallel):
  # 228 connections at the peak of a local run, so 300 left no room on a slower machine.
  [ "$fast" = "--fast" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000"
  opts="$opts ${PG_EXTRA_OPTS:-}" # e.g. the load benchmark's pg_stat_statements
  if as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "PostgreSQL already running in $dir"
  else
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 -o "$opts" start >/dev/null
    echo "PostgreSQL running on 127.0.0.1:$port (data in $dir/data)"
  fi
}

case "$action" in
  start)
    own_directory
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    fi
    run_cluster
    ;;
  standby)
    # A hot standby (reads only) streaming from the primary: a base backup that writes its own standby.signal and
    # primary_conninfo (-R); initdb's trust rules let 127.0.0.1 replicate. A fast checkpoint: the default spreads it over
    # minutes.
    own_directory
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary" -U postgres -D "$dir/data" -R -X stream --checkpoint=fast --no-sync >/dev/null
    fi
    run_cluster
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|standby|stop DIR [PORT] [PRIMARY_PORT] [--fast]" >&2; exit 2 ;;
esac
