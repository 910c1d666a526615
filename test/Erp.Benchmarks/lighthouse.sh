#!/usr/bin/env bash
# Lighthouse scores of the SPA's dashboard, signed in as the administrator, on the host run as production runs it
# (Production environment, HTTPS with a certificate made here, demo data, the sample plugin) serving the SPA's
# production build; as a phone (Lighthouse's default throttling) and as a desktop, ROUNDS times each (default 3), with
# the median performance. Reports go to artifacts/lighthouse/. Figures only, no pass/fail.
#   [ROUNDS=N] [FORM_FACTORS=phone or desktop] bash test/Erp.Benchmarks/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; }

source test/Erp.Benchmarks/production-host.sh
bench_start erp-lighthouse

bash angular/scripts/build.sh >/dev/null
dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
bench_sample_plugin
(cd test/Erp.Benchmarks/lighthouse && npm ci --no-audit --no-fund --loglevel=error)

https_port=$(free_port)
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
