#!/usr/bin/env bash
# Load run: the host's GET /api/sample/currencies (modules, plugin, EF Core, middleware) against a bare
# ASP.NET Core + Npgsql endpoint running the same query, on the same database, in the same run.
# Prints requests/s and latency of each and the host/bare throughput ratio. No pass/fail: figures only.
#   bash test/Erp.Benchmarks/load.sh [seconds-per-round=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd); seconds=${1:-10}; connections=${2:-32}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d /tmp/erp-bench.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; bash etc/local/postgres.sh stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
bash etc/local/postgres.sh start "$work/pg" "$port"
psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE erp_bench" postgres
export ConnectionStrings__Erp="Host=127.0.0.1;Port=$port;Database=erp_bench;Username=postgres;Password=bench-only-not-a-secret;Maximum Pool Size=64"

dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/SamplePlugin/Erp.Sample -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p "$work/plugins/Erp.Sample" && cp test/SamplePlugin/Erp.Sample/bin/Release/net10.0/*.* "$work/plugins/Erp.Sample/"

host_dir=host/Erp.Host/bin/Release/net10.0
export ASPNETCORE_ENVIRONMENT=Production Plugins__Path="$work/plugins" Serilog__MinimumLevel__Default=Warning
(cd "$host_dir" && dotnet Erp.Host.dll migrate --demo-data >/dev/null)
(cd "$host_dir" && exec dotnet Erp.Host.dll --urls http://127.0.0.1:5101 </dev/null >"$work/host.log" 2>&1) & pids+=($!)
(cd test/Erp.Benchmarks/bin/Release/net10.0 && exec dotnet Erp.Benchmarks.dll --urls http://127.0.0.1:5102 </dev/null >"$work/bare.log" 2>&1) & pids+=($!)
for url in http://127.0.0.1:5101/health/ready http://127.0.0.1:5102/currencies; do
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
done

host_url=http://127.0.0.1:5101/api/sample/currencies; bare_url=http://127.0.0.1:5102/currencies
wrk -t2 -c"$connections" -d6s "$host_url" >/dev/null; wrk -t2 -c"$connections" -d6s "$bare_url" >/dev/null # warm-up (JIT, pools)

run() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" > "$work/$2.txt"; }
rps() { awk '/Requests\/sec/ {print $2}' "$work/$1.txt"; }
lat() { awk -v p="$2" '$1 == p {print $2}' "$work/$1.txt"; }
# Alternate rounds so drift on a noisy machine hits both sides alike.
for round in 1 2; do run "$host_url" "host$round"; run "$bare_url" "bare$round"; done

printf '%-6s %12s %10s %10s\n' side "req/s" p50 p99
for side in host bare; do
  for round in 1 2; do printf '%-6s %12s %10s %10s\n' "$side$round" "$(rps $side$round)" "$(lat $side$round 50%)" "$(lat $side$round 99%)"; done
done
host_rps=$(echo "$(rps host1) $(rps host2)" | awk '{print ($1+$2)/2}')
bare_rps=$(echo "$(rps bare1) $(rps bare2)" | awk '{print ($1+$2)/2}')
echo "host/bare throughput ratio: $(awk -v h="$host_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", h/b}') (host $host_rps req/s, bare $bare_rps req/s, ${connections} connections, 2x${seconds}s each)"
