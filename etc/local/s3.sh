#!/usr/bin/env bash
# Starts an S3-compatible server for tests: moto's server (Python), which the Debian image ships. It keeps objects in
# memory, accepts any keys, and speaks the S3 API AWSSDK.S3 uses (path style): buckets, multipart, ranges, presigning.
#   etc/local/s3.sh start DIR PORT   # runs in the background; its pid in DIR/s3.pid
#   etc/local/s3.sh stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?state directory}

case "$action" in
  start)
    port=${3:?port}
    command -v moto_server >/dev/null || { echo "moto_server (Python moto[server]) is needed for the S3 tests" >&2; exit 1; }
    mkdir -p "$dir"
    moto_server -H 127.0.0.1 -p "$port" </dev/null >"$dir/s3.log" 2>&1 &
    echo $! > "$dir/s3.pid"
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/" && exit 0; sleep 0.1; done
    kill "$(cat "$dir/s3.pid")" 2>/dev/null || true # not left running behind a failed start
    echo "moto_server did not start; its log:" >&2; cat "$dir/s3.log" >&2; exit 1
    ;;
  stop)
    [ -f "$dir/s3.pid" ] && kill "$(cat "$dir/s3.pid")" 2>/dev/null || true
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
