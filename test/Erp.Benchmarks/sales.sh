#!/usr/bin/env bash
# Writing and confirming sales orders on the real host run as production runs it (catalog, inventory and sales plugins,
# row-level security, audit, outbox), beside the bare endpoints of Program.cs (/bare/sales/orders) doing the same reads,
# inserts and updates in one transaction each with hand-written SQL, on the same database; both get the same token.
#   bash test/Erp.Benchmarks/sales.sh [seconds-per-round] [writers]      (ROUNDS=2, WARMUP=20 seconds by default)
# TRACE=file.nettrace samples the host's threads (dotnet-trace) through its last round of 5-line orders (warm), to profile:
# python3 test/Erp.Benchmarks/cpu-profile.py file.speedscope.json [regex] lists where the CPU time went. COUNTERS=file.csv
# records the host's runtime counters through the load (dotnet-counters: allocations, GC, JIT time, contention);
# HOST_ENV="DOTNET_gcServer=0 ..." starts the host with extra environment, to try a runtime setting.
# Prints orders per second (a quotation of 5 lines written, then confirmed: number, stock reserved), the pair's p50 and
# p95 and the server process's CPU per order, host beside bare, with the ratio; then the same with 64 writers of 1-line
# orders of one hot product.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}; writers=${2:-16}; rounds=${ROUNDS:-2}; warmup=${WARMUP:-20}
for tool in openssl curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

source test/Erp.Benchmarks/production-host.sh
bench_start erp-sales-bench
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "$1" "${2:-erp_bench}"; }

dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks/SalesLoad -c Release -nologo -v quiet -clp:ErrorsOnly
for plugin in Catalog Inventory Sales; do
  dotnet build "plugins/$plugin/Erp.$plugin" -c Release -nologo -v quiet -clp:ErrorsOnly
  mkdir -p "$work/plugins/Erp.$plugin" && cp -r "plugins/$plugin/Erp.$plugin/bin/Release/net10.0/." "$work/plugins/Erp.$plugin/"
done

https_port=$(free_port); http_port=$(free_port); bare_port=$(free_port)
production_env "$work" "$port" "$https_port"
host_dir=host/Erp.Host/bin/Release/net10.0
(cd "$host_dir" && dotnet Erp.Host.dll migrate >/dev/null)
(cd "$host_dir" && exec env ${HOST_ENV:-} dotnet Erp.Host.dll --urls "https://127.0.0.1:$https_port;http://127.0.0.1:$http_port" </dev/null >"$work/host.log" 2>&1) & pids+=($!)
host_pid=$!
(cd test/Erp.Benchmarks/bin/Release/net10.0 && exec dotnet Erp.Benchmarks.dll --urls "http://127.0.0.1:$bare_port" </dev/null >"$work/bare.log" 2>&1) & pids+=($!)
bare_pid=$!
for address in "http://127.0.0.1:$http_port/health/ready" "http://127.0.0.1:$bare_port/blobs/0"; do
  for _ in $(seq 1 60); do curl -s -o /dev/null "$address" && break; sleep 0.5; done
done

token=$(sign_in_admin "https://127.0.0.1:$https_port" "$work")
company=$(sql "SELECT id FROM companies.companies ORDER BY name LIMIT 1")
api() { # method, path, JSON: prints the answer's id, or fails the run
  local status; status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $token" -H "X-Company: $company" \
    -H 'Content-Type: application/json' "http://127.0.0.1:$http_port$2" -d "$3")
  case "$status" in 2*) python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("id", "") if isinstance(d, dict) else "")' "$work/answer.json" ;;
    *) echo "$1 $2 answered $status: $(cat "$work/answer.json")" >&2; exit 1 ;; esac
}
customer=$(api POST /api/catalog/partners '{"number": "C-BENCH", "name": "Bench customer", "isCustomer": true, "currency": "EUR"}')
products=()
for n in 1 2 3 4 5; do
  products+=("$(api POST /api/catalog/products "{\"sku\": \"BENCH-$n\", \"name\": \"Bench product $n\", \"kind\": \"Stocked\", \"salesPrice\": $((10 * n)).5, \"purchasePrice\": $n, \"currency\": \"EUR\"}")")
done
warehouse=$(api POST /api/inventory/warehouses '{"code": "BENCH", "name": "Bench", "locations": [{"code": "A", "name": "A"}]}')
lines=$(for p in "${products[@]}"; do printf '{"productId": "%s", "quantity": 100000000, "unitCost": 1},' "$p"; done)
api POST /api/inventory/receipts "{\"warehouseId\": \"$warehouse\", \"lines\": [${lines%,}]}" >/dev/null
five=$(IFS=,; echo "${products[*]}")

load() { # base, path, writers, products[, seconds]
  (cd test/Erp.Benchmarks/SalesLoad/bin/Release/net10.0 && dotnet Erp.Benchmarks.SalesLoad.dll "$1" "$token" "$company" "$customer" "$warehouse" "$4" "$3" "${5:-$seconds}" "$2")
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in 1/100 s
declare -A server=([host]=$host_pid [bare]=$bare_pid)
declare -A base=([host]="https://127.0.0.1:$https_port" [bare]="http://127.0.0.1:$bare_port")
declare -A path=([host]=/api/sales/orders [bare]=/bare/sales/orders)
if [ -n "${COUNTERS:-}" ]; then # the host's runtime counters (GC, JIT, thread pool, CPU) every 2 s through the load, as CSV
  dotnet tool run dotnet-counters collect -p "$host_pid" --counters System.Runtime --format csv -o "$COUNTERS" --refresh-interval 2 >"$work/counters.log" 2>&1 &
  counters=$!
fi
# Both servers first take the same unmeasured load: the rounds then measure them warm, as a long-running instance serves. The
# host has far more code for the JIT to compile and tier up: ~1 s of JIT per 2 s through its first 30 s of load (COUNTERS),
# which runs out while the bare side warms up.
for side in host bare; do
  [ "$warmup" -gt 0 ] && printf '%-6s %-5s warm-up (%2s writers, %s s, not counted): %s\n' five "$side" "$writers" "$warmup" "$(load "${base[$side]}" "${path[$side]}" "$writers" "$five" "$warmup")"
done
for shape in five hot; do
  if [ "$shape" = five ]; then n=$writers; set_of=$five; else n=64; set_of=${products[0]}; fi
  for round in $(seq 1 "$rounds"); do
    for side in host bare; do
      if [ -n "${TRACE:-}" ] && [ "$shape$side$round" = "fivehost$rounds" ]; then
        dotnet tool run dotnet-trace collect -p "$host_pid" --profile dotnet-common,dotnet-sampled-thread-time --format Speedscope -o "$TRACE" \
          --duration "00:00:00:$seconds" >"$work/trace.log" 2>&1 &
        tracer=$!
      fi
      ticks=$(cpu_ticks "${server[$side]}")
      result=$(load "${base[$side]}" "${path[$side]}" "$n" "$set_of")
      cpu=$(awk -v t="$(( $(cpu_ticks "${server[$side]}") - ticks ))" -v rate="${result%% *}" -v s="$seconds" 'BEGIN {printf "%.1f", t * 10 / (rate * s)}')
      echo "$result cpu ${cpu}ms/order" > "$work/$shape-$side$round.txt"
      printf '%-6s %-5s round %s (%2s writers): %s\n' "$shape" "$side" "$round" "$n" "$(cat "$work/$shape-$side$round.txt")"
      if [ -n "${tracer:-}" ]; then wait "$tracer" || cat "$work/trace.log"; tracer=; fi
    done
  done
  mean() { for round in $(seq 1 "$rounds"); do awk '{print $1}' "$work/$shape-$1$round.txt"; done | awk '{s += $1} END {print s / NR}'; }
  echo "$shape: host/bare orders per second $(awk -v h="$(mean host)" -v b="$(mean bare)" 'BEGIN {printf "%.2f", h / b}') (host $(mean host), bare $(mean bare))"
done
if [ -n "${counters:-}" ]; then pkill -TERM -P "$counters"; wait "$counters" 2>/dev/null || true; fi # a background job ignores SIGINT
echo "confirmed orders (host and bare): $(sql "SELECT count(*) FROM sales.orders WHERE status = 'Confirmed' AND quotation_number LIKE 'QT-%'");" \
  "ledger check (reserved = open reservation lines): $(sql "SELECT count(*) FROM inventory.stock_balances b WHERE reserved <> (SELECT coalesce(sum(quantity - delivered - released), 0) FROM inventory.reservation_lines l WHERE l.location_id = b.location_id AND l.product_id = b.product_id)") differing"
if grep -q "refused [0-9]" "$work"/*-bare*.txt; then echo "the bare side refused requests; its log:"; grep -m1 -A12 "fail:" "$work/bare.log" || tail -20 "$work/bare.log"; fi
