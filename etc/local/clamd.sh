#!/usr/bin/env bash
# Starts ClamAV's daemon for tests, on loopback, with one signature of its own: the EICAR test file (the industry's
# harmless stand-in for a virus), since the signature downloads (freshclam) need the internet. Production runs clamd
# with freshclam's databases and points BlobStoring:Clamd:Host at it.
#   etc/local/clamd.sh start DIR PORT   # runs in the background; its pid in DIR/clamd.pid
#   etc/local/clamd.sh stop DIR
set -euo pipefail
action=${1:?start|stop}; dir=${2:?state directory}

case "$action" in
  start)
    port=${3:?port}
    if ! command -v clamd >/dev/null; then
      [ "$(id -u)" = 0 ] || { echo "clamd is missing: apt-get install clamav-daemon" >&2; exit 1; }
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null
    fi
    mkdir -p "$dir/db"
    # md5:size:name of the 68-byte EICAR test string.
    echo "44d88612fea8a8f36de82e1278abb02f:68:Erp.Test.EICAR" > "$dir/db/erp-test.hdb"
    cat > "$dir/clamd.conf" <<CONF
DatabaseDirectory $dir/db
TCPSocket $port
TCPAddr 127.0.0.1
Foreground yes
LogFile $dir/clamd.log
User $(id -un)
CONF
    clamd -c "$dir/clamd.conf" </dev/null >"$dir/out.log" 2>&1 &
    echo $! > "$dir/clamd.pid"
    for _ in $(seq 1 100); do
      python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1', $port), 1); s.sendall(b'zPING\0'); sys.exit(0 if s.recv(16).startswith(b'PONG') else 1)" 2>/dev/null && exit 0
      sleep 0.2
    done
    kill "$(cat "$dir/clamd.pid")" 2>/dev/null || true
    echo "clamd did not start; its log:" >&2; cat "$dir/clamd.log" "$dir/out.log" >&2 2>/dev/null; exit 1
    ;;
  stop)
    [ -f "$dir/clamd.pid" ] && kill "$(cat "$dir/clamd.pid")" 2>/dev/null || true
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
