#!/usr/bin/env bash
# Start-up figures of the Release host with the sample plugin, on the local PostgreSQL of etc/local/run.sh
# (run that once first): time from process start to /health/startup answering 200 (modules started,
# migrations applied), and resident memory after 10 s idle. Prints the median of N runs (default 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
out=host/Erp.Host/bin/Release/net10.0
[ -f "$out/plugins/Erp.Sample/plugin.json" ] || { echo "run etc/local/run.sh once first" >&2; exit 1; }
export ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning
ready=(); rss=()
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  (cd "$out" && exec dotnet Erp.Host.dll --urls http://127.0.0.1:5199 </dev/null >/dev/null 2>&1) & pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:5199/health/startup; do sleep 0.02; done
  ready+=($(( ($(date +%s%N) - start) / 1000000 )))
  sleep 10
  rss+=($(( $(ps -o rss= -p "$(pgrep -P "$pid" -f Erp.Host.dll || echo "$pid")") / 1024 )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "start-to-ready ms: ${ready[*]} (median $(median "${ready[@]}"))"
echo "idle RSS MiB:      ${rss[*]} (median $(median "${rss[@]}"))"
