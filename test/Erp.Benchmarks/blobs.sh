#!/usr/bin/env bash
# Blob streaming: uploads and downloads one file (100 MB by default) through the attachments API of the host, run as
# production runs it, with its containers on the file system and then on S3 (moto, etc/local/s3.sh), beside a bare
# ASP.NET Core endpoint that copies the request body to a file and serves it back (no checks, no database). Prints
# MB/s per side and direction, and the host's peak resident memory (VmHWM) after a 10 MB and after a 100 MB round:
# streaming means the second barely differs from the first. No pass/fail: figures only.
#   bash test/Erp.Benchmarks/blobs.sh [megabytes=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
megabytes=${1:-100}
for tool in openssl curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

source test/Erp.Benchmarks/production-host.sh
bench_start erp-bench
s3_port=$(free_port)
bash etc/local/s3.sh start "$work/s3" "$s3_port"
curl -sf -X PUT "http://127.0.0.1:$s3_port/erp-bench" -o /dev/null # the bucket, as an operator creates it

dotnet build host/Erp.Host -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build test/Erp.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
https_port=$(free_port); http_port=$(free_port); bare_port=$(free_port)
production_env "$work" "$port" "$https_port"
export BlobStoring__Containers__attachments__MaxSize=$((200 * 1024 * 1024))
host_dir=host/Erp.Host/bin/Release/net10.0
(cd "$host_dir" && dotnet Erp.Host.dll migrate --demo-data >/dev/null)

make_pdf() { { printf '%%PDF-1.7\n'; head -c "${1}M" /dev/urandom; printf '\n%%%%EOF\n'; } > "$work/$1.pdf"; }
make_pdf 10; make_pdf "$megabytes"
mb_per_s() { python3 -c "print(f'{$1 / 1048576:.0f}')"; }
peak_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

(cd test/Erp.Benchmarks/bin/Release/net10.0 && exec dotnet Erp.Benchmarks.dll --urls "http://127.0.0.1:$bare_port" --Blobs:Path="$work/bare" \
  </dev/null >"$work/bare.log" 2>&1) & pids+=($!)
bare_pid=$!

# One provider: a host with its containers there, signed in, working in the demo company.
measure() {
  local provider=$1; shift
  (cd "$host_dir" && exec env "$@" dotnet Erp.Host.dll --urls "https://127.0.0.1:$https_port;http://127.0.0.1:$http_port" </dev/null >"$work/host-$provider.log" 2>&1) &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$http_port/health/ready" && break; sleep 0.5; done
  local token company api
  token=$(sign_in_admin "https://127.0.0.1:$https_port" "$work")
  company=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$http_port/api/companies/mine" \
    | python3 -c 'import json, sys; print(next(c["id"] for c in json.load(sys.stdin) if c["isCurrent"]))')
  api="http://127.0.0.1:$http_port/api/attachments/companies/$company"
  for size in 10 "$megabytes"; do
    local up id down
    up=$(curl -s -H "Authorization: Bearer $token" -F "file=@$work/$size.pdf;type=application/pdf" -w '\n%{speed_upload}' "$api")
    id=$(head -1 <<<"$up" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    down=$(curl -s -H "Authorization: Bearer $token" -o "$work/back.pdf" -w '%{speed_download}' "$api/$id/content")
    cmp -s "$work/back.pdf" "$work/$size.pdf" || { echo "$provider: the $size MB download differs from the upload" >&2; exit 1; }
    printf '%-11s %4s MB  upload %5s MB/s  download %5s MB/s  host peak memory %s MB\n' "$provider" "$size" \
      "$(mb_per_s "$(tail -1 <<<"$up")")" "$(mb_per_s "$down")" "$(peak_mb "$pid")"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "== $megabytes MB through the attachments API (and 10 MB first, for the memory comparison)"
measure file-system BlobStoring__Provider=FileSystem BlobStoring__FileSystem__Path="$work/blobs"
measure s3 BlobStoring__Provider=S3 BlobStoring__S3__ServiceUrl="http://127.0.0.1:$s3_port" BlobStoring__S3__ForcePathStyle=true \
  BlobStoring__S3__Bucket=erp-bench BlobStoring__S3__AccessKey=bench BlobStoring__S3__SecretKey=bench-only-not-a-secret
for size in 10 "$megabytes"; do
  up=$(curl -s -X POST --data-binary "@$work/$size.pdf" -w '%{speed_upload}' "http://127.0.0.1:$bare_port/blobs/$size")
  down=$(curl -s -o /dev/null -w '%{speed_download}' "http://127.0.0.1:$bare_port/blobs/$size")
  printf '%-11s %4s MB  upload %5s MB/s  download %5s MB/s  peak memory %s MB\n' bare "$size" "$(mb_per_s "$up")" "$(mb_per_s "$down")" "$(peak_mb "$bare_pid")"
done
