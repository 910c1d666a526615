#!/usr/bin/env bash
# Builds the SPA into angular/dist/browser (what the host serves), after its checks:
#   the locked packages (npm ci, once per lock file), the generated API client as angular/api/openapi.json gives it
#   (a hand edit or a stale client fails), PrimeNG's theme variables as scripts/primeng-theme.mjs makes them, the
#   unit tests (Vitest, headless), the production build, its first scripts marked to be compiled while they download
#   (scripts/compile-hints.mjs), and a Brotli and a gzip copy beside each of its text files.
# Writes the unit tests' totals to artifacts/test-results/spa-unit-tests.txt as "N passed, N failed, N skipped"
# (test/run-all.sh adds them up).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 NG_CLI_ANALYTICS=false

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
npx ng-openapi-gen --input api/openapi.json --output "$generated" --ignoreUnusedModels false --silent true >/dev/null
if ! diff -r -q "$generated" src/app/api >/dev/null; then
  echo "src/app/api is not the client angular/api/openapi.json generates: run bash angular/scripts/api.sh" >&2
  diff -r -q "$generated" src/app/api >&2 || true
  exit 1
fi

node scripts/primeng-theme.mjs "$generated/primeng-theme.css"
if ! diff -q "$generated/primeng-theme.css" src/primeng-theme.css >/dev/null; then
  echo "src/primeng-theme.css is not what the preset and this PrimeNG make: run node angular/scripts/primeng-theme.mjs" >&2
  exit 1
fi

results=../artifacts/test-results
mkdir -p "$results"
set +e
npx ng test --watch=false 2>&1 | tee "$results/spa-unit-tests.log"
tests=${PIPESTATUS[0]}
set -e
count() { grep -E '^\s+Tests ' "$results/spa-unit-tests.log" | grep -oE "[0-9]+ $1" | grep -oE '[0-9]+' || echo 0; }
echo "$(count passed) passed, $(count failed) failed, $(count skipped) skipped" > "$results/spa-unit-tests.txt"
[ "$tests" -eq 0 ] || { echo "SPA unit tests failed" >&2; exit 1; }

# One chunk for what the first page needs, not a dozen small ones: the build preloads at most ten of them, and the
# browser found the rest (Angular's core among them) only once it had parsed the first, a round trip later.
NG_BUILD_OPTIMIZE_CHUNKS=1 npx ng build
node scripts/compile-hints.mjs dist/browser
node scripts/precompress.mjs dist/browser
