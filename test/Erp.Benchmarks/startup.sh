#!/usr/bin/env bash
# Start-up figures: how fast a new instance can take traffic, and what it holds idle. The host and the plugins are
# published as the Dockerfile publishes them (ReadyToRun), with every module, the business plugins (plugins/) and the
# sample plugin, on its own PostgreSQL (migrated once, with demo data, before the runs: production migrates as a separate
# step). Beside it, the bare ASP.NET Core + Npgsql app of Program.cs, in the same run.
# For each of Production (as production_env sets it up), Development (MigrateOnStart, readable console) and bare: time
# from process start until the instance is ready (/health/startup and /health/ready both 200: modules started,
# migrations applied, dependencies answer; bare: its first answer from PostgreSQL), how long the host's first request
# then takes (an API call without a token: request culture from the settings, limits, authentication, a translated 401;
# probes skip that work, so its first use falls here), and resident memory idle, 20 s after start (the job server joins
# at 5 s, the instance gives back its start-up memory at 15 s: StartupMemory:ReleaseAfter).
# Prints each run and the median of N (default 5).
#   bash test/Erp.Benchmarks/startup.sh [runs=5]
# HOST_ENV="DOTNET_TieredPGO=0 ..." starts the hosts with runtime settings to try.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
source test/Erp.Benchmarks/production-host.sh
bench_start erp-startup

app="$work/app"
dotnet publish host/Erp.Host/Erp.Host.csproj -c Release -o "$app" -a x64 --no-self-contained -p:PublishReadyToRun=true -p:UseAppHost=false -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
for manifest in plugins/*/*/plugin.json test/SamplePlugin/Erp.Sample/plugin.json; do
  project=$(dirname "$manifest")
  dotnet publish "$project" -c Release -o "$work/plugins/$(basename "$project")" -a x64 --no-self-contained -p:PublishReadyToRun=true -nologo -v quiet -clp:ErrorsOnly
done

https_port=$(free_port); http_port=$(free_port)
production_env "$work" "$port" "$https_port"
# Plain HTTP only (below), as the image serves behind a TLS-terminating balancer: no server certificate to load.
unset Kestrel__Certificates__Default__Path Kestrel__Certificates__Default__Password
(cd "$app" && dotnet Erp.Host.dll migrate --demo-data >/dev/null)

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure NAME DIR DLL URLS FIRST-URL READY-URL...: starts the app N times; prints start-to-ready, the time FIRST-URL then
# takes to answer ("-": none) and idle RSS of each run.
measure() {
  local name=$1 dir=$2 dll=$3 urls=$4 first_url=$5; shift 5
  local ready=() first=() rss=() start pid url
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    (cd "$dir" && exec env ${HOST_ENV:-} dotnet "$dll" --urls "$urls" </dev/null >"$work/$name.log" 2>&1) & pid=$!
    for url in "$@"; do
      until curl -ksf -o /dev/null "$url"; do
        kill -0 "$pid" 2>/dev/null || { echo "$name exited before it was ready:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
        sleep 0.01
      done
    done
    ready+=($(( ($(date +%s%N) - start) / 1000000 )))
    if [ "$first_url" != - ]; then first+=($(curl -ks -o /dev/null -w '%{time_total}' "$first_url" | awk '{printf "%d", $1 * 1000}')); fi
    while [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 20 ]; do sleep 0.2; done
    rss+=($(( $(ps -o rss= -p "$pid") / 1024 )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  printf '%-12s start-to-ready ms: %-28s (median %5s)' "$name" "${ready[*]}" "$(median "${ready[@]}")"
  if [ ${#first[@]} -gt 0 ]; then printf '   first request ms: %-22s (median %4s)' "${first[*]}" "$(median "${first[@]}")"; fi
  printf '   idle RSS MiB: %-22s (median %s)\n' "${rss[*]}" "$(median "${rss[@]}")"
}

# Plain HTTP, as the image serves (ASPNETCORE_HTTP_PORTS; TLS ends at the load balancer) and as the README's run command
# does: an HTTPS listener would add loading its certificate and the system's trust store (~0.15 s) to every start.
host_urls="http://127.0.0.1:$http_port"
host_ready=("http://127.0.0.1:$http_port/health/startup" "http://127.0.0.1:$http_port/health/ready")
echo "== $runs runs each, $(nproc) cores"
host_first="http://127.0.0.1:$http_port/api/plugins"
measure production "$app" Erp.Host.dll "$host_urls" "$host_first" "${host_ready[@]}"
ASPNETCORE_ENVIRONMENT=Development measure development "$app" Erp.Host.dll "$host_urls" "$host_first" "${host_ready[@]}"
measure bare test/Erp.Benchmarks/bin/Release/net10.0 Erp.Benchmarks.dll "http://127.0.0.1:$http_port" - "http://127.0.0.1:$http_port/currencies"
