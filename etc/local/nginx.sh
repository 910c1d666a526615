#!/usr/bin/env bash
# Runs nginx on loopback in front of local Erp instances with etc/nginx/erp.conf's own proxy rules (its upstream servers
# replaced by the given loopback ports; TLS left out, the proxy saying X-Forwarded-Proto https as the TLS terminator in
# front of it would): for the two-instance drill, and for trying a load-balanced set-up by hand. Uses nginx on PATH, else
# Debian's, unpacked once into ~/.cache/erp/nginx (no service installed, nothing started on port 80).
#   etc/local/nginx.sh start DIR PORT UPSTREAM_PORT...   # runs in the background; its pid in DIR/nginx.pid
#   etc/local/nginx.sh stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?state directory}
root=$(cd "$(dirname "$0")/../.." && pwd)

nginx_binary() {
  if command -v nginx >/dev/null; then command -v nginx; return; fi
  local cache=${ERP_TOOLS_CACHE:-$HOME/.cache/erp}/nginx
  if [ ! -x "$cache/usr/sbin/nginx" ]; then
    local work; work=$(mktemp -d)
    (cd "$work" && { apt-get download nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get download nginx >/dev/null; }; })
    mkdir -p "$cache" && dpkg -x "$work"/nginx_*.deb "$cache"
    rm -rf "$work"
  fi
  echo "$cache/usr/sbin/nginx"
}

case "$action" in
  start)
    port=${3:?port}; shift 3
    [ $# -gt 0 ] || { echo "name at least one upstream port" >&2; exit 2; }
    mkdir -p "$dir/temp"
    python3 - "$root/etc/nginx/erp.conf" "$dir/erp.conf" "$port" "$root/etc/nginx/erp-locations.conf" "$@" <<'PY'
import re, sys
source, target, port, locations, upstreams = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
conf = open(source).read()
options = re.search(r"^\s*server \S+:\d+ ([^;]*);", conf, re.M).group(1)
conf = re.sub(r"(^\s*server \S+:\d+ [^;]*;\n)+", "".join(f"    server 127.0.0.1:{p} {options};\n" for p in upstreams), conf, count=1, flags=re.M)
conf = conf.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};").replace("set $erp_forwarded_proto $scheme;", "set $erp_forwarded_proto https;")
conf = conf.replace("include /etc/nginx/erp-locations.conf;", f"include {locations};")
conf = "".join(l for l in conf.splitlines(True) if not re.match(r"\s*(http2 on|ssl_certificate)", l))
open(target, "w").write(conf)
PY
    cat > "$dir/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log $dir/access.log;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/erp.conf;
}
CONF
    "$(nginx_binary)" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
    for _ in $(seq 1 50); do [ -s "$dir/nginx.pid" ] && exit 0; sleep 0.1; done
    echo "nginx did not start; its log:" >&2; cat "$dir/error.log" >&2; exit 1
    ;;
  stop)
    [ -s "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    ;;
esac
