#!/usr/bin/env bash
# The low-code data API on a 1,000,000-row entity, on the real host run as production runs it, beside the bare endpoint
# (Program.cs, /lowcode/...) running the same statements on the same tables; both get the same real token.
#   bash test/Erp.Benchmarks/lowcode.sh [seconds-per-round] [connections]     (ROWS=1000000 ROUNDS=2 by default)
# Prints: the time to add a field with an index to the large table through the definitions API and how long writes
# waited meanwhile; then req/s, p50, p95, p99 and SQL statements per request of a filtered, sorted 20-row page, the same
# page with a reference expanded, and a capped count, host beside bare, with the ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}; connections=${2:-16}; rows=${ROWS:-1000000}; rounds=${ROUNDS:-2}
for tool in wrk openssl curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

source test/Erp.Benchmarks/production-host.sh
bench_start erp-lowcode-bench "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "$1" "${2:-erp_bench}"; }
sql "CREATE EXTENSION pg_stat_statements"

dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p "$work/plugins"

https_port=$(free_port); http_port=$(free_port); bare_port=$(free_port)
production_env "$work" "$port" "$https_port"
host_dir=host/Erp.Host/bin/Release/net10.0
(cd "$host_dir" && dotnet Erp.Host.dll migrate >/dev/null)
(cd "$host_dir" && exec dotnet Erp.Host.dll --urls "https://127.0.0.1:$https_port;http://127.0.0.1:$http_port" </dev/null >"$work/host.log" 2>&1) & pids+=($!)
(cd test/Erp.Benchmarks/bin/Release/net10.0 && exec dotnet Erp.Benchmarks.dll --urls "http://127.0.0.1:$bare_port" </dev/null >"$work/bare.log" 2>&1) & pids+=($!)
for address in "http://127.0.0.1:$http_port/health/ready" "http://127.0.0.1:$bare_port/blobs/0"; do
  for _ in $(seq 1 60); do curl -s -o /dev/null "$address" && break; sleep 0.5; done
done

token=$(sign_in_admin "https://127.0.0.1:$https_port" "$work")
company=$(sql "SELECT id FROM companies.companies ORDER BY name LIMIT 1")
auth=(-H "Authorization: Bearer $token" -H "X-Company: $company") # the bare endpoint ignores them; both sides carry the same headers
api() { curl -s "${auth[@]}" -H 'Content-Type: application/json' "$@"; }
define() { # entity, JSON fields, version: fails the run unless the definition applies
  local status; status=$(api -o "$work/define.json" -w '%{http_code}' -X PUT "http://127.0.0.1:$http_port/api/low-code/entities/$1" \
    -d "{\"label\": \"$1\", \"pluralLabel\": \"$1\", \"version\": ${3:-0}, \"fields\": $2}")
  [ "$status" = 200 ] || { echo "defining $1 answered $status: $(cat "$work/define.json")"; exit 1; }
}
define bench_customer '[{"name": "name", "label": "Name", "type": "Text", "required": true}, {"name": "city", "label": "City", "type": "Text"}]'
define bench_order '[{"name": "customer", "label": "Customer", "type": "Reference", "references": "bench_customer"},
  {"name": "status", "label": "Status", "type": "Choice", "choices": ["open", "paid", "cancelled"], "indexed": true},
  {"name": "amount", "label": "Amount", "type": "Number"}, {"name": "placed", "label": "Placed", "type": "Date", "indexed": true}]'

echo "loading 10,000 customers and $rows orders"
load_started=$(date +%s.%N)
sql "INSERT INTO data.bench_customer (id, company_id, name, city)
     SELECT gen_random_uuid(), '$company', 'Customer ' || n, (ARRAY['Oslo', 'Bergen', 'Lyon', 'Porto'])[1 + n % 4] FROM generate_series(1, 10000) n"
sql "INSERT INTO data.bench_order (id, company_id, created_at, customer, status, amount, placed)
     SELECT gen_random_uuid(), '$company', now() - make_interval(secs => n), c.ids[1 + n % 10000],
            (ARRAY['open', 'paid', 'paid', 'paid', 'cancelled'])[1 + n % 5], round((random() * 5000)::numeric, 2), date '2024-01-01' + (n % 1000)
     FROM generate_series(1, $rows) n, (SELECT array_agg(id) AS ids FROM data.bench_customer) c"
sql "VACUUM ANALYZE data.bench_order"; sql "VACUUM ANALYZE data.bench_customer"
echo "loaded in $(awk -v s="$load_started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e - s}') s; table $(sql "SELECT pg_size_pretty(pg_total_relation_size('data.bench_order'))")"

# A field with an index added to the large table while a client keeps creating orders: how long the change takes and
# how long the creates waited meanwhile (each create's time, against the creates before the change).
customer=$(sql "SELECT id FROM data.bench_customer LIMIT 1")
writer() {
  local until=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$until" ]; do
    api -o /dev/null -w '%{time_total} %{http_code}\n' -X POST "http://127.0.0.1:$http_port/api/data/bench_order" \
      -d "{\"customer\": \"$customer\", \"status\": \"open\", \"amount\": 10, \"placed\": \"2026-12-01\"}"
  done
}
summary() { sort -n "$1" | awk '{t[NR] = $1 * 1000; if ($2 != 201) bad++} END {printf "%d creates, p50 %.0f ms, max %.0f ms, %d failed", NR, t[int(NR * 0.5) + 1], t[NR], bad}'; }
writer 4 > "$work/writes-before.txt"
echo "creates before any change: $(summary "$work/writes-before.txt")"
change() { # what, the new fields as a Python expression over the current ones (f), version
  local fields started seconds writer_pid
  fields=$(python3 -c "import json,sys; f=json.load(open(sys.argv[1]))['fields']; print(json.dumps($2))" "$work/define.json")
  writer 120 > "$work/writes-$3.txt" & writer_pid=$!
  sleep 1
  started=$(date +%s.%N)
  define bench_order "$fields" "$3"
  seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  sleep 1
  kill "$writer_pid" 2>/dev/null || true; wait "$writer_pid" 2>/dev/null || true
  echo "$1 on $rows rows: $seconds s; creates meanwhile (and 1 s either side): $(summary "$work/writes-$3.txt")"
}
change "adding a field with an index" 'f + [{"name": "priority", "label": "Priority", "type": "WholeNumber", "indexed": True}]' 1
change "indexing a field that has a value in every row (amount)" '[dict(x, indexed=True) if x["name"] == "amount" else x for x in f]' 2
echo "  indexes now: $(sql "SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE tablename = 'bench_order' AND (indexdef LIKE '%priority%' OR indexdef LIKE '%amount%')")"

# The three reads, host beside bare. wrk's Lua hook prints the 95th percentile, which its table leaves out.
cat > "$work/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
LUA
page="filter.status=open&sort=-placed&take=20"
declare -A url=(
  [page-host]="http://127.0.0.1:$http_port/api/data/bench_order?$page"
  [page-bare]="http://127.0.0.1:$bare_port/lowcode/page?company=$company&status=open"
  [expanded-host]="http://127.0.0.1:$http_port/api/data/bench_order?$page&expand=customer"
  [expanded-bare]="http://127.0.0.1:$bare_port/lowcode/expanded?company=$company&status=open"
  [count-host]="http://127.0.0.1:$http_port/api/data/bench_order?filter.status=open&take=0&count=true"
  [count-bare]="http://127.0.0.1:$bare_port/lowcode/count?company=$company&status=open"
)
sides=(page-host page-bare expanded-host expanded-bare count-host count-bare)
for side in "${sides[@]}"; do
  curl -s "${auth[@]}" -o "$work/$side.json" -w "$side answers %{http_code} in %{time_total}s" "${url[$side]}"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(", %d items" % len(d["items"]) if "items" in d else "", "total %s%s" % (d.get("total"), "+" if d.get("totalIsCapped") else "") if "total" in d else "")' "$work/$side.json"
done

run() { wrk -t2 -c"$connections" -d"$3s" --latency -s "$work/p95.lua" "${auth[@]}" "$1" > "$work/$2.txt"; }
rps() { awk '/Requests\/sec/ {print $2}' "$work/$1.txt"; }
lat() { awk -v p="$2" '$1 == p {print $2}' "$work/$1.txt"; }
statements() { sql "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'erp_bench' AND query NOT LIKE '%pg_stat_statements%'"; }
for side in "${sides[@]}"; do run "${url[$side]}" "warm-$side" "$seconds"; done
for round in $(seq 1 "$rounds"); do
  for side in "${sides[@]}"; do
    sql "SELECT pg_stat_statements_reset()" >/dev/null
    run "${url[$side]}" "$side$round" "$seconds"
    echo "$(statements) $(awk '/requests in/ {print $1}' "$work/$side$round.txt")" > "$work/$side$round.sql"
    [ "$side$round" = expanded-host1 ] && sql "SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 200) FROM pg_stat_statements s
      JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'erp_bench' AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 4" > "$work/expanded-top.txt"
  done
done

printf '%-16s %10s %10s %10s %10s %12s\n' side "req/s" p50 p95 p99 "SQL/request"
for side in "${sides[@]}"; do
  for round in $(seq 1 "$rounds"); do
    printf '%-16s %10s %10s %10s %10s %12s\n' "$side$round" "$(rps "$side$round")" "$(lat "$side$round" 50%)" "$(awk '/^p95/ {print $2}' "$work/$side$round.txt")" \
      "$(lat "$side$round" 99%)" "$(awk '{printf "%.2f", $1 / $2}' "$work/$side$round.sql")"
  done
done
mean_rps() { for round in $(seq 1 "$rounds"); do rps "$1$round"; done | awk '{sum += $1} END {print sum / NR}'; }
for read in page expanded count; do
  echo "$read: host/bare throughput ratio $(awk -v h="$(mean_rps "$read-host")" -v b="$(mean_rps "$read-bare")" 'BEGIN {printf "%.2f", h / b}')" \
    "(host $(mean_rps "$read-host") req/s, bare $(mean_rps "$read-bare") req/s; $connections connections, ${rounds}x${seconds}s each)"
done
echo "the host's statements in expanded-host1 (calls, statement):"; sed 's/^/  /' "$work/expanded-top.txt"
