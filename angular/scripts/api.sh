#!/usr/bin/env bash
# Regenerates the SPA's API client: the host's OpenAPI document (built-in modules, no plugin) into angular/api/openapi.json,
# written by the contract test that keeps it current, then the typed client from it into src/app/api (ng-openapi-gen).
# Needs the test services (ERP_TEST_POSTGRES etc., see test/run-all.sh) or starts none: run it where the tests run.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build test/Erp.Host.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
ERP_WRITE_SPA_OPENAPI=1 dotnet test --project test/Erp.Host.Tests -c Release --no-build --filter-class "*SpaApiContractTests*" >/dev/null
cd angular
npx ng-openapi-gen --input api/openapi.json --output src/app/api --ignoreUnusedModels false
