#!/usr/bin/env bash
# Packs the plugin SDK: Erp.Plugin.Sdk (what a plugin references), the kernel and every module's Contracts it may
# compile against, and the `dotnet new erp-plugin` template, all at the product version (common.props), into a folder:
#   bash etc/sdk/pack.sh [OUTPUT_DIR] [extra dotnet pack arguments, e.g. -p:PackageVersion=0.1.0-dev.1]
# Then, outside the repository: dotnet new install OUTPUT_DIR/Erp.Plugin.Templates.*.nupkg (see docs/plugins.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "${1:-artifacts/packages}")
shift || true
mkdir -p "$out"
dotnet pack Erp.sln -c Release -o "$out" -nologo -v quiet -clp:ErrorsOnly "$@"
ls "$out"/*.nupkg
