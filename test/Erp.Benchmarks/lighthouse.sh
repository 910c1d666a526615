#!/usr/bin/env bash
# Lighthouse scores of the SPA's dashboard, signed in as the administrator, on the host run as production runs it
# (Production environment, HTTPS with a certificate made here, demo data, the sample plugin) serving the SPA's
# production build; as a phone (Lighthouse's default throttling) and as a desktop. Reports go to
# artifacts/lighthouse/. Figures only, no pass/fail.
#   bash test/Erp.Benchmarks/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; }

work=$(mktemp -d /tmp/erp-lighthouse.XXXXXX); chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; bash etc/local/postgres.sh stop "$work/pg"; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
bash etc/local/postgres.sh start "$work/pg" "$port"
psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "CREATE ROLE erp_app LOGIN NOSUPERUSER NOBYPASSRLS" postgres
psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "CREATE DATABASE erp_bench OWNER erp_app" postgres

bash angular/scripts/build.sh >/dev/null
dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/SamplePlugin/Erp.Sample -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p "$work/plugins/Erp.Sample" && cp -r test/SamplePlugin/Erp.Sample/bin/Release/net10.0/. "$work/plugins/Erp.Sample/"
(cd test/Erp.Benchmarks/lighthouse && npm ci --no-audit --no-fund --loglevel=error)

https_port=$(free_port)
source test/Erp.Benchmarks/production-host.sh
production_env "$work" "$port" "$https_port"
origin="https://127.0.0.1:$https_port"
export Spa__Path="$root/angular/dist/browser" Identity__Spa__RedirectUris__1="$origin/auth/callback" Identity__Spa__PostLogoutRedirectUris__0="$origin/"
host_dir=host/Erp.Host/bin/Release/net10.0
(cd "$host_dir" && dotnet Erp.Host.dll migrate --demo-data >/dev/null)
(cd "$host_dir" && exec dotnet Erp.Host.dll --urls "$origin" </dev/null >"$work/host.log" 2>&1) & pids+=($!)
for _ in $(seq 1 120); do curl -ksf "$origin/health/ready" >/dev/null && break; sleep 0.5; done
curl -ksf "$origin/health/ready" >/dev/null || { cat "$work/host.log"; echo "The host did not start." >&2; exit 1; }

mkdir -p artifacts/lighthouse
node test/Erp.Benchmarks/lighthouse/dashboard.mjs "$origin" admin "$admin_password" "$root/artifacts/lighthouse"
