#!/usr/bin/env bash
# Prints the path of a promtool (Prometheus's rule checker): the one on PATH, else Debian's, unpacked once from the
# prometheus package into ~/.cache/erp/promtool without installing the server (no daemon, no user).
set -euo pipefail
if command -v promtool >/dev/null; then command -v promtool; exit 0; fi
cache="${XDG_CACHE_HOME:-$HOME/.cache}/erp/promtool"
if [ ! -x "$cache/usr/bin/promtool" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && { apt-get download prometheus >/dev/null 2>&1 || { apt-get update -qq && apt-get download prometheus >/dev/null; }; })
  dpkg -x "$work"/prometheus_*.deb "$work/x"
  mkdir -p "$cache/usr/bin" && cp "$work/x/usr/bin/promtool" "$cache/usr/bin/promtool"
fi
echo "$cache/usr/bin/promtool"
