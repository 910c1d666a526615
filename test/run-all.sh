#!/usr/bin/env bash
# Runs the whole test suite: builds the solution, starts a throwaway PostgreSQL cluster (unless
# ERP_TEST_POSTGRES names a server), a throwaway Redis (unless ERP_TEST_REDIS does), an SMTP capture server
# (maildev, unless ERP_TEST_SMTP and ERP_TEST_SMTP_API name one) and an S3-compatible server (moto, unless ERP_TEST_S3
# names one), builds the SPA (its unit tests first), runs every test project (the browser tests in Debian's Chromium), and
# ends with one line of totals:
#   N passed, N failed, N skipped
# Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log_dir="$root/artifacts/test-results"
mkdir -p "$log_dir"

work=$(mktemp -d /tmp/erp-tests.XXXXXX)
chmod 755 "$work"
cleanup() {
  [ -n "${started_pg:-}" ] && bash "$root/etc/local/postgres.sh" stop "$work/pg"
  [ -n "${redis_pid:-}" ] && kill "$redis_pid" 2>/dev/null
  [ -n "${started_smtp:-}" ] && bash "$root/etc/local/maildev.sh" stop "$work/smtp"
  [ -n "${started_s3:-}" ] && bash "$root/etc/local/s3.sh" stop "$work/s3"
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${ERP_TEST_POSTGRES:-}" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  bash etc/local/postgres.sh start "$work/pg" "$port" --fast || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  started_pg=1
  export ERP_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi

# Redis: the shared one every test host uses (tests that stop Redis start their own redis-server).
command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
if [ -z "${ERP_TEST_REDIS:-}" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" </dev/null >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$port" ping >/dev/null || { echo "redis-server did not start"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  export ERP_TEST_REDIS="127.0.0.1:$port"
fi

# SMTP capture: every test host hands its mail to it, as production hands mail to a relay.
if [ -z "${ERP_TEST_SMTP:-}" ]; then
  smtp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  web_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  bash etc/local/maildev.sh start "$work/smtp" "$smtp_port" "$web_port" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  started_smtp=1
  export ERP_TEST_SMTP="127.0.0.1:$smtp_port" ERP_TEST_SMTP_API="http://127.0.0.1:$web_port/"
fi

# S3: the object storage blob containers use in production (tests that stop it start their own).
if [ -z "${ERP_TEST_S3:-}" ]; then
  s3_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  bash etc/local/s3.sh start "$work/s3" "$s3_port" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  started_s3=1
  export ERP_TEST_S3="http://127.0.0.1:$s3_port"
fi

# The SPA first: its unit tests, and the build the browser tests open (angular/dist/browser).
echo "== SPA"
rm -f "$log_dir/spa-unit-tests.txt"
bash angular/scripts/build.sh >"$log_dir/spa-build.log" 2>&1
spa_status=$?
read -r spa_passed spa_failed spa_skipped < <(grep -oE '[0-9]+' "$log_dir/spa-unit-tests.txt" 2>/dev/null | tr '\n' ' '; echo)
if [ "$spa_status" -ne 0 ]; then
  cat "$log_dir/spa-build.log"
  echo "The SPA did not build or its unit tests failed."
  echo "${spa_passed:-0} passed, $(( ${spa_failed:-0} > 0 ? ${spa_failed:-0} : 1 )) failed, ${spa_skipped:-0} skipped"
  exit 1
fi

echo "== build"
if ! dotnet build Erp.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The browser tests run on their own after the rest: beside four other test assemblies on two cores, a page missed its
# 30 s timeouts. The rest run in parallel, through a solution filter made from Erp.sln, so a new project is never left out.
python3 - "$root/Erp.sln" "$work/server-tests.slnf" <<'PY'
import json, re, sys
projects = [p for p in re.findall(r'"([^"]+\.csproj)"', open(sys.argv[1]).read()) if "Erp.Browser.Tests" not in p]
json.dump({"solution": {"path": sys.argv[1], "projects": projects}}, open(sys.argv[2], "w"))
PY

# The Microsoft.Testing.Platform summary of a log: "total: N / failed: N / succeeded: N / skipped: N".
summary() { grep -E "^\s+$2: [0-9]+" "$1" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=${spa_passed:-0}; failed=${spa_failed:-0}; skipped=${spa_skipped:-0}; status=0
# The drills (backup and restore, an instance killed under load) write their figures here.
export ERP_DRILL_REPORT="$log_dir/drills.txt"
rm -f "$ERP_DRILL_REPORT"
# Each test assembly's results as CTRF (JSON): the failed ones are named again at the end, where a CI log's tail shows them.
results="$log_dir/results"
rm -rf "$results"
run_tests() { # <name> <dotnet test target arguments...>
  local name=$1 log="$log_dir/$1-tests.log"; shift
  echo "== test: $name"
  dotnet test "$@" -c Release --no-build --report-xunit-ctrf --results-directory "$results" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]} f
  f=$(summary "$log" failed)
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # a runner that crashed counts as a failure
  passed=$((passed + $(summary "$log" succeeded))); failed=$((failed + f)); skipped=$((skipped + $(summary "$log" skipped)))
  [ "$code" -eq 0 ] || status=$code
}
run_tests server --solution "$work/server-tests.slnf"
run_tests browser --project test/Erp.Browser.Tests

if [ -s "$ERP_DRILL_REPORT" ]; then echo "== drills"; cat "$ERP_DRILL_REPORT"; fi
python3 - "$results" <<'PY'
import glob, json, sys
failed = [t for f in sorted(glob.glob(sys.argv[1] + "/*.ctrf")) for t in json.load(open(f))["results"]["tests"] if t["status"] == "failed"]
if failed:
    print("== failed tests")
    for test in failed:
        print(test["name"][:300])
        # Shouldly spreads one assertion over several lines (expected, actual, the additional info): keep them.
        lines = [line for line in (test.get("message") or "").splitlines() if line.strip()]
        # An unexpected 500 met by an assertion brings the host's exception (UnexpectedErrors): its first frames too.
        for line in lines[:16]: print("    " + line[:1000])
PY

echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
