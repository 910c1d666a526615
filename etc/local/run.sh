#!/usr/bin/env bash
# Sets up and runs Erp on local defaults, with demo data:
#   a PostgreSQL cluster under .data/ (port 55432), uploaded files in .data/blobs, the host and the plugins built in Release,
#   the SPA built (angular/, served by the host), migrations and seeders applied (with demo data), then the host on
#   http://127.0.0.1:5000.
# Safe to run again: everything it creates is reused. Stop with Ctrl+C.
#   --plugins DIR   also deploys plugins built outside the repository: every folder in DIR holding a plugin.json (a
#                   plugin's bin/Release/net10.0 copied there under its id), as docs/plugins.md describes.
set -euo pipefail
extra_plugins=""
if [ "${1:-}" = "--plugins" ]; then
  extra_plugins=$(realpath "${2:?--plugins needs a folder}")
  [ -d "$extra_plugins" ] || { echo "No folder $extra_plugins" >&2; exit 1; }
fi
cd "$(dirname "$0")/../.."
root=$(pwd)
export ASPNETCORE_ENVIRONMENT=Development DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Uploaded files beside the database, under .data/ (the host's own default is relative to its binaries).
export BlobStoring__FileSystem__Path="$root/.data/blobs"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL server binaries are missing: run as root once, or: sudo apt-get install postgresql" >&2; exit 1
fi

echo "== PostgreSQL"
bash etc/local/postgres.sh start "$root/.data/postgres" 55432
if ! psql -h 127.0.0.1 -p 55432 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'erp'" postgres | grep -q 1; then
  psql -h 127.0.0.1 -p 55432 -U postgres -qc "CREATE DATABASE erp" postgres
fi

echo "== build"
dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
out=host/Erp.Host/bin/Release/net10.0

echo "== SPA"
command -v npm >/dev/null || { echo "Node.js 20 (npm) is required to build the SPA." >&2; exit 1; }
bash angular/scripts/build.sh >/dev/null
rm -rf "$out/wwwroot" && cp -r angular/dist/browser "$out/wwwroot"

# Plugins: every project beside a plugin.json under plugins/, and the sample plugin as demo content.
for manifest in $(ls plugins/*/*/plugin.json test/SamplePlugin/*/plugin.json 2>/dev/null); do
  project_dir=$(dirname "$manifest")
  name=$(basename "$project_dir")
  dotnet build "$project_dir" -c Release -nologo -v quiet -clp:ErrorsOnly
  mkdir -p "$out/plugins/$name"
  cp -r "$project_dir/bin/Release/net10.0/." "$out/plugins/$name/" # with its wwwroot/, if it has screens
  echo "plugin $name deployed"
done
if [ -n "$extra_plugins" ]; then
  for folder in "$extra_plugins"/*/; do
    [ -f "$folder/plugin.json" ] || { echo "skipped $folder: no plugin.json" >&2; continue; }
    name=$(basename "$folder")
    rm -rf "$out/plugins/$name" && cp -r "$folder" "$out/plugins/$name"
    echo "plugin $name deployed from $extra_plugins"
  done
fi

echo "== migrate and seed (with demo data)"
# Exit code 3: some plugins were refused or failed (said above, with why); the host serves everything else.
migrated=0
(cd "$out" && dotnet Erp.Host.dll migrate --demo-data) || migrated=$?
if [ "$migrated" = 3 ]; then
  echo "warning: the plugins named above are not running; Erp starts without them (see /api/plugins)." >&2
elif [ "$migrated" != 0 ]; then
  exit "$migrated"
fi

echo
echo "Erp is starting on http://127.0.0.1:5000"
echo "  open:          http://127.0.0.1:5000  (user admin; its password was printed once, at first set-up)"
echo "  API reference: http://127.0.0.1:5000/scalar"
echo "  API token:     (cd $out && dotnet Erp.Host.dll token --user admin)"
echo "  health:        http://127.0.0.1:5000/health/ready"
cd "$out"
exec dotnet Erp.Host.dll --urls http://127.0.0.1:5000
