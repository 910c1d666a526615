#!/usr/bin/env bash
# Load run: the host's GET /api/sample/currencies (modules, plugin, EF Core, middleware, access-token
# validation with its revocation lookups) against a bare
# ASP.NET Core + Npgsql endpoint running the same query, on the same database, in the same run.
# Prints requests/s and latency of each and the host/bare throughput ratio. No pass/fail: figures only.
#   bash test/Erp.Benchmarks/load.sh [seconds-per-round=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd); seconds=${1:-10}; connections=${2:-32}
for tool in wrk openssl curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

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
# Development, so the script can sign in over plain HTTP with the development signing keys; the request
# pipeline is the same as in Production.
export ASPNETCORE_ENVIRONMENT=Development Plugins__Path="$work/plugins" Serilog__MinimumLevel__Default=Warning
admin_password=$(cd "$host_dir" && dotnet Erp.Host.dll migrate --demo-data | sed -n "s/.*administrator 'admin' created with password \([^ ]*\).*/\1/p")
(cd "$host_dir" && exec dotnet Erp.Host.dll --urls http://127.0.0.1:5101 </dev/null >"$work/host.log" 2>&1) & pids+=($!)
(cd test/Erp.Benchmarks/bin/Release/net10.0 && exec dotnet Erp.Benchmarks.dll --urls http://127.0.0.1:5102 </dev/null >"$work/bare.log" 2>&1) & pids+=($!)
for url in http://127.0.0.1:5101/health/ready http://127.0.0.1:5102/currencies; do
  for _ in $(seq 1 60); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
done

# Sign in as the SPA does (authorization code + PKCE through the sign-in page) for an access token.
base=http://127.0.0.1:5101; jar="$work/cookies"; redirect=http://localhost:4200/auth/callback
verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
sign_in=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  "$base/connect/authorize?client_id=erp-spa&redirect_uri=$redirect&response_type=code&scope=openid%20erp_api&code_challenge=$challenge&code_challenge_method=S256&state=bench")
page=$(curl -s -c "$jar" -b "$jar" "$sign_in")
action=$(grep -o 'action="[^"]*"' <<<"$page" | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g')
antiforgery=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
back=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode userName=admin \
  --data-urlencode "password=$admin_password" --data-urlencode "__RequestVerificationToken=$antiforgery" "$base$action")
callback=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$back")
code=$(sed 's/.*[?&]code=\([^&]*\).*/\1/' <<<"$callback")
access_token=$(curl -s -d grant_type=authorization_code -d "code=$code" -d "redirect_uri=$redirect" -d client_id=erp-spa \
  -d "code_verifier=$verifier" "$base/connect/token" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

host_url=$base/api/sample/currencies; bare_url=http://127.0.0.1:5102/currencies
auth=(-H "Authorization: Bearer $access_token") # the bare endpoint ignores it; both sides carry the same header
wrk -t2 -c"$connections" -d6s "${auth[@]}" "$host_url" >/dev/null; wrk -t2 -c"$connections" -d6s "${auth[@]}" "$bare_url" >/dev/null # warm-up (JIT, pools)

run() { wrk -t2 -c"$connections" -d"${seconds}s" --latency "${auth[@]}" "$1" > "$work/$2.txt"; }
rps() { awk '/Requests\/sec/ {print $2}' "$work/$1.txt"; }
lat() { awk -v p="$2" '$1 == p {print $2}' "$work/$1.txt"; }
# Alternate rounds so drift on a noisy machine hits both sides alike.
curl -s -o /dev/null -w "host answers %{http_code} in %{time_total}s\n" "${auth[@]}" "$host_url"
for round in 1 2; do run "$host_url" "host$round"; run "$bare_url" "bare$round"; done

printf '%-6s %12s %10s %10s\n' side "req/s" p50 p99
for side in host bare; do
  for round in 1 2; do printf '%-6s %12s %10s %10s\n' "$side$round" "$(rps $side$round)" "$(lat $side$round 50%)" "$(lat $side$round 99%)"; done
done
host_rps=$(echo "$(rps host1) $(rps host2)" | awk '{print ($1+$2)/2}')
bare_rps=$(echo "$(rps bare1) $(rps bare2)" | awk '{print ($1+$2)/2}')
echo "host/bare throughput ratio: $(awk -v h="$host_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", h/b}') (host $host_rps req/s, bare $bare_rps req/s, ${connections} connections, 2x${seconds}s each)"
