#!/usr/bin/env bash
# Starts an SMTP capture server (maildev, from npm) for tests: it accepts mail on SMTP and shows it over HTTP
# (GET /api/email: JSON with subject, from, to, text, html). Installed once into ~/.cache/erp/maildev.
#   etc/local/maildev.sh start DIR SMTP_PORT WEB_PORT   # runs in the background; its pid in DIR/maildev.pid
#   etc/local/maildev.sh stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?state directory}
version=3.0.0
prefix=${ERP_TOOLS_CACHE:-$HOME/.cache/erp}/maildev-$version
bin=$prefix/node_modules/.bin/maildev

case "$action" in
  start)
    smtp_port=${3:?smtp port}; web_port=${4:?web port}
    if [ ! -x "$bin" ]; then
      command -v npm >/dev/null || { echo "npm is needed to install maildev (Node.js 20)" >&2; exit 1; }
      mkdir -p "$prefix"
      npm install --prefix "$prefix" "maildev@$version" --no-audit --no-fund --loglevel=error >&2
    fi
    mkdir -p "$dir"
    # Both addresses bound to loopback: maildev's defaults listen on every interface.
    # MAILDEV_ARGS adds options, e.g. "--incoming-user u --incoming-pass p" for a relay that wants a sign-in.
    # shellcheck disable=SC2086
    "$bin" --smtp "$smtp_port" --ip 127.0.0.1 --web "$web_port" --web-ip 127.0.0.1 --silent ${MAILDEV_ARGS:-} </dev/null >"$dir/maildev.log" 2>&1 &
    echo $! > "$dir/maildev.pid"
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$web_port/api/email" && exit 0; sleep 0.1; done
    kill "$(cat "$dir/maildev.pid")" 2>/dev/null || true # not left running behind a failed start
    echo "maildev did not start; its log:" >&2; cat "$dir/maildev.log" >&2; exit 1
    ;;
  stop)
    [ -f "$dir/maildev.pid" ] && kill "$(cat "$dir/maildev.pid")" 2>/dev/null || true
    ;;
  *) echo "usage: $0 start DIR SMTP_PORT WEB_PORT | stop DIR" >&2; exit 2 ;;
esac
