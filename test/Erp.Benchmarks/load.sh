#!/usr/bin/env bash
# Load run: the host's authenticated GET /api/sample/currencies (modules, plugin, EF Core, middleware, access-token
# validation with its revocation checks, permission check) against a bare ASP.NET Core + Npgsql endpoint running
# the same query, on the same database, in the same run. The host runs as production runs it: Production
# environment, real signing keys (generated here), no development settings. Both sides warm up until two rounds
# agree within 10 %; then rounds alternate. Prints req/s, p50/p99, SQL statements per request (from
# pg_stat_statements) and CPU milliseconds per request (the server process's and PostgreSQL's, from /proc) of each
# side, and the host/bare throughput ratio. No pass/fail: figures only.
#   bash test/Erp.Benchmarks/load.sh [seconds-per-round=10] [connections=32]    (ROUNDS=n measured rounds per side, default 2)
# HOST_TRACE=1 also records a CPU trace of the host during its first measured round (dotnet-trace, speedscope);
# HOST_COUNTERS=1 its runtime counters instead (dotnet-counters: GC, allocation rate, thread pool, lock contention).
# AUDIT=1 adds two more hosts on the same database, measured in the same rounds: one that records no requests
# (AuditLogging:Requests:Enabled=false), and one that records every request, reads included; it prints what request
# auditing costs the host (default: changes, failures and sensitive reads recorded) and when every read is recorded.
# COMPANIES=1 adds the company-owned read, GET /api/sample/exchange-rates (as many rows as the currencies), on the host
# (company filter and row-level security, as by default) and on a second host with row-level security off (connected
# as the superuser, which no policy holds, and Data:RowLevelSecurity=false, so no SET LOCAL either), which also
# serves the currencies: it prints what row-level security costs, and the company-owned read against the same-shaped
# read of a table no company owns (what the company filter costs).
# FLOOR=1 adds the same read through EF Core alone, served by the bare process (a pooled context, the host's naming
# convention and soft-delete filter, no tracking, the same projection): the part of the gap the data access makes.
# Every host connects as production does: an ordinary role (erp_app) that owns the database.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd); seconds=${1:-10}; connections=${2:-32}
for tool in wrk openssl curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

source test/Erp.Benchmarks/production-host.sh
bench_start erp-bench "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "$1" "${2:-erp_bench}"; }
sql "CREATE EXTENSION pg_stat_statements"

dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
bench_sample_plugin
# The trace and counter tools are the repository's local tools (.config/dotnet-tools.json); a fresh clone restores them.
if [ -n "${HOST_TRACE:-}${HOST_COUNTERS:-}" ]; then dotnet tool restore >/dev/null; mkdir -p "$root/artifacts"; rm -f "$root"/artifacts/host-trace.*; fi

https_port=$(free_port); http_port=$(free_port); bare_port=$(free_port)
production_env "$work" "$port" "$https_port"
host_dir=host/Erp.Host/bin/Release/net10.0
(cd "$host_dir" && dotnet Erp.Host.dll migrate --demo-data >/dev/null)
# Sign-in over HTTPS (the server's pages and token endpoint require it); the API load over plain HTTP, as behind a
# TLS-terminating proxy, so neither side pays for TLS.
(cd "$host_dir" && exec dotnet Erp.Host.dll --urls "https://127.0.0.1:$https_port;http://127.0.0.1:$http_port" </dev/null >"$work/host.log" 2>&1) & pids+=($!)
host_pid=$!
(cd test/Erp.Benchmarks/bin/Release/net10.0 && exec dotnet Erp.Benchmarks.dll --urls "http://127.0.0.1:$bare_port" </dev/null >"$work/bare.log" 2>&1) & pids+=($!)
bare_pid=$!
# Each side: its URL and its server process.
sides=(host bare)
declare -A url=([host]="http://127.0.0.1:$http_port/api/sample/currencies" [bare]="http://127.0.0.1:$bare_port/currencies")
declare -A server=([host]=$host_pid [bare]=$bare_pid)
ready=("http://127.0.0.1:$http_port/health/ready" "http://127.0.0.1:$bare_port/currencies")
if [ -n "${AUDIT:-}" ]; then
  audit_off_port=$(free_port); all_reads_port=$(free_port)
  (cd "$host_dir" && exec dotnet Erp.Host.dll --urls "http://127.0.0.1:$audit_off_port" --AuditLogging:Requests:Enabled=false \
    </dev/null >"$work/audit-off.log" 2>&1) & pids+=($!)
  server[audit-off]=$!
  (cd "$host_dir" && exec dotnet Erp.Host.dll --urls "http://127.0.0.1:$all_reads_port" --Settings:AuditLogging:RecordSuccessfulReads=true \
    </dev/null >"$work/all-reads.log" 2>&1) & pids+=($!)
  server[all-reads]=$!
  sides+=(audit-off all-reads)
  url[audit-off]="http://127.0.0.1:$audit_off_port/api/sample/currencies"; url[all-reads]="http://127.0.0.1:$all_reads_port/api/sample/currencies"
  ready+=("http://127.0.0.1:$audit_off_port/health/ready" "http://127.0.0.1:$all_reads_port/health/ready")
fi
if [ -n "${COMPANIES:-}" ]; then
  # As many exchange rates in the demo company as there are currencies, so both reads return five rows.
  sql "INSERT INTO sample.exchange_rates (id, company_id, currency, rate, valid_from, created_at)
       SELECT gen_random_uuid(), (SELECT id FROM companies.companies ORDER BY name LIMIT 1), code, 1.1, date '2026-12-01', now()
       FROM sample.currencies WHERE NOT is_base UNION ALL
       SELECT gen_random_uuid(), (SELECT id FROM companies.companies ORDER BY name LIMIT 1), 'XAU', 1.1, date '2026-12-01', now()"
  no_rls_port=$(free_port)
  (cd "$host_dir" && exec dotnet Erp.Host.dll --urls "http://127.0.0.1:$no_rls_port" --Data:RowLevelSecurity=false \
    --ConnectionStrings:Erp="Host=127.0.0.1;Port=$port;Database=erp_bench;Username=postgres;Password=bench-only-not-a-secret;Maximum Pool Size=64" \
    </dev/null >"$work/no-rls.log" 2>&1) & pids+=($!)
  server[rates]=$host_pid; server[rates-norls]=$!; server[cur-norls]=$!
  sides+=(rates rates-norls cur-norls)
  url[rates]="http://127.0.0.1:$http_port/api/sample/exchange-rates"
  url[rates-norls]="http://127.0.0.1:$no_rls_port/api/sample/exchange-rates"; url[cur-norls]="http://127.0.0.1:$no_rls_port/api/sample/currencies"
  ready+=("http://127.0.0.1:$no_rls_port/health/ready")
fi
if [ -n "${FLOOR:-}" ]; then
  server[bare-ef]=$bare_pid; sides+=(bare-ef); url[bare-ef]="http://127.0.0.1:$bare_port/currencies-ef"
fi
for address in "${ready[@]}"; do
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$address" && break; sleep 0.5; done
done

access_token=$(sign_in_admin "https://127.0.0.1:$https_port" "$work")

auth=(-H "Authorization: Bearer $access_token") # the bare endpoint ignores it; every side carries the same header
for side in "${sides[@]}"; do curl -s -o /dev/null -w "$side answers %{http_code} in %{time_total}s\n" "${auth[@]}" "${url[$side]}"; done

run() { wrk -t2 -c"$connections" -d"$3s" --latency "${auth[@]}" "$1" > "$work/$2.txt"; }
rps() { awk '/Requests\/sec/ {print $2}' "$work/$1.txt"; }
requests() { awk '/requests in/ {print $1}' "$work/$1.txt"; }
lat() { awk -v p="$2" '$1 == p {print $2}' "$work/$1.txt"; }
# Warm-up (JIT, pools, caches) until two consecutive rounds agree within 10 %, at most 10 rounds per side.
warm() {
  local previous=0 current
  for round in $(seq 1 10); do
    run "$1" "warm-$2" "$seconds"; current=$(rps "warm-$2")
    if awk -v a="$previous" -v b="$current" 'BEGIN {exit !(a > 0 && (a - b < 0 ? b - a : a - b) / b <= 0.10)}'; then
      echo "$2 warm after $round rounds ($previous, $current req/s)"; return; fi
    previous=$current
  done
  echo "$2 did not settle within 10 % in 10 rounds (last $previous, $current req/s)"
}
for side in "${sides[@]}"; do warm "${url[$side]}" "$side"; done

# CPU time (user + system, in clock ticks) of a server process, and of PostgreSQL: the postmaster, its live backends
# and the ones that have exited (counted in the postmaster's children times).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() {
  local postmaster; postmaster=$(head -1 "$work/pg/data/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat"
    for child in $(cat "/proc/$postmaster/task/$postmaster/children"); do awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || true; done
  } | awk '{sum += $1} END {print sum}'
}
tick_ms=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN {print 1000 / hz}')

# Each measured round starts from empty statement statistics, so its statements are its own.
statements() { sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'erp_bench' AND query NOT LIKE '%pg_stat_statements%'"; }
measure() {
  sql "SELECT pg_stat_statements_reset()" >/dev/null
  if [ "$2" = host1 ] && [ -n "${HOST_TRACE:-}" ]; then
    dotnet tool run dotnet-trace collect -p "$host_pid" --format Speedscope --duration "00:00:00:$(printf %02d "$seconds")" -o "$root/artifacts/host-trace.nettrace" >"$work/trace.log" 2>&1 &
    trace_pid=$!
  fi
  if [ "$2" = host1 ] && [ -n "${HOST_COUNTERS:-}" ]; then
    dotnet tool run dotnet-counters collect -p "$host_pid" --refresh-interval 1 --format csv -o "$root/artifacts/host-counters.csv" \
      --counters System.Runtime --duration "00:00:00:$(printf %02d "$seconds")" >/dev/null 2>&1 &
    trace_pid=$!
  fi
  local process=${server[$3]}
  local server_before pg_before; server_before=$(ticks "$process"); pg_before=$(pg_ticks)
  run "$1" "$2" "$seconds"
  echo "$(statements) $(requests "$2")" > "$work/$2.sql"
  echo "$(( $(ticks "$process") - server_before )) $(( $(pg_ticks) - pg_before )) $(requests "$2")" > "$work/$2.cpu"
  [ "$2" = host1 ] && sql "SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'erp_bench' AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 6" > "$work/host-top.txt"
  [ -n "${trace_pid:-}" ] && { wait "$trace_pid" || true; trace_pid=; }
  return 0
}
rounds=${ROUNDS:-2}
for round in $(seq 1 "$rounds"); do for side in "${sides[@]}"; do measure "${url[$side]}" "$side$round" "$side"; done; done
per_request() { awk '{printf "%.2f", $1 / $2}' "$work/$1.sql"; }
# CPU milliseconds per request: the server process's, then PostgreSQL's.
cpu_per_request() { awk -v ms="$tick_ms" -v field="$2" '{printf "%.3f", $field * ms / $3}' "$work/$1.cpu"; }

printf '%-10s %12s %10s %10s %14s %16s %14s\n' side "req/s" p50 p99 "SQL/request" "server CPU ms/req" "PG CPU ms/req"
for side in "${sides[@]}"; do
  for round in $(seq 1 "$rounds"); do printf '%-10s %12s %10s %10s %14s %16s %14s\n' "$side$round" "$(rps $side$round)" "$(lat $side$round 50%)" \
    "$(lat $side$round 99%)" "$(per_request $side$round)" "$(cpu_per_request $side$round 1)" "$(cpu_per_request $side$round 2)"; done
done
echo "host's statements in round 1 (calls, statement):"; sed 's/^/  /' "$work/host-top.txt"
mean_rps() { for round in $(seq 1 "$rounds"); do rps "$1$round"; done | awk '{sum += $1} END {print sum / NR}'; }
host_rps=$(mean_rps host); bare_rps=$(mean_rps bare)
echo "host/bare throughput ratio: $(awk -v h="$host_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", h/b}') (host $host_rps req/s, bare $bare_rps req/s, ${connections} connections, ${rounds}x${seconds}s each)"
if [ -n "${AUDIT:-}" ]; then
  off_rps=$(mean_rps audit-off); all_rps=$(mean_rps all-reads)
  cost() { awk -v on="$1" -v off="$off_rps" 'BEGIN {printf "%.1f %%", (off - on) / off * 100}'; }
  echo "request auditing costs: $(cost "$host_rps") of throughput as configured by default, $(cost "$all_rps") recording every read" \
    "(audit off $off_rps req/s, default $host_rps, every read $all_rps)"
  echo "request records written by the every-read host: $(sql "SELECT count(*) FROM audit.requests WHERE route = '/api/sample/currencies'")"
fi
if [ -n "${COMPANIES:-}" ]; then
  rates_rps=$(mean_rps rates); norls_rps=$(mean_rps rates-norls); cur_norls_rps=$(mean_rps cur-norls)
  pct() { awk -v on="$1" -v off="$2" 'BEGIN {printf "%.1f %%", (off - on) / off * 100}'; }
  echo "row-level security costs: $(pct "$rates_rps" "$norls_rps") on the company-owned read (on $rates_rps req/s, off $norls_rps)," \
    "$(pct "$host_rps" "$cur_norls_rps") on the currencies of the same module (on $host_rps, off $cur_norls_rps)"
  echo "the company-owned read against the same-shaped read of a table no company owns, both without row-level security:" \
    "$(pct "$norls_rps" "$cur_norls_rps") ($norls_rps against $cur_norls_rps req/s)"
  echo "rows: $(curl -s "${auth[@]}" "${url[rates]}" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') exchange rates with, $(curl -s "${auth[@]}" "${url[rates-norls]}" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') without row-level security, $(curl -s "${auth[@]}" "${url[cur-norls]}" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') currencies"
fi
if [ -n "${FLOOR:-}" ]; then
  ef_rps=$(mean_rps bare-ef)
  echo "EF Core alone: $(awk -v e="$ef_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", e/b}') of bare ($ef_rps req/s); the host reaches" \
    "$(awk -v h="$host_rps" -v e="$ef_rps" 'BEGIN {printf "%.2f", h/e}') of that"
fi
if [ -n "${HOST_TRACE:-}" ]; then
  if [ -f "$root/artifacts/host-trace.speedscope.json" ]; then echo "host CPU trace: artifacts/host-trace.speedscope.json"
  else echo "host CPU trace: not written; dotnet-trace said:" >&2; cat "$work/trace.log" >&2; exit 1; fi
fi
exit 0
