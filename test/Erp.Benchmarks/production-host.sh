# Sourced by the benchmark scripts (from the repository's root): a scratch workspace with its own PostgreSQL, the host
# configured as production runs it, the sample plugin, and the SPA's sign-in.
#   free_port                                 prints a free TCP port on loopback
#   bench_start PREFIX [POSTGRES OPTIONS]     makes $work (removed at exit with the processes in $pids and the services
#                                             started in it) and PostgreSQL on $port, whose database erp_bench an
#                                             ordinary role, erp_app, owns (as production connects)
#   bench_sample_plugin                       builds the sample plugin into $work/plugins
#   production_env WORK PG_PORT HTTPS_PORT    exports the host's configuration (sets admin_password)
#   sign_in_admin HTTPS_BASE WORK             prints an access token for the administrator

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

bench_start() {
  work=$(mktemp -d "/tmp/$1.XXXXXX"); chmod 755 "$work"
  pids=()
  trap bench_stop EXIT
  port=$(free_port)
  PG_EXTRA_OPTS="${2:-}" bash etc/local/postgres.sh start "$work/pg" "$port"
  psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "CREATE ROLE erp_app LOGIN NOSUPERUSER NOBYPASSRLS" postgres
  psql -h 127.0.0.1 -p "$port" -U postgres -qAtc "CREATE DATABASE erp_bench OWNER erp_app" postgres
}

bench_stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -d "$work/s3" ]; then bash etc/local/s3.sh stop "$work/s3"; fi
  bash etc/local/postgres.sh stop "$work/pg"
  rm -rf "$work"
}

bench_sample_plugin() {
  dotnet build test/SamplePlugin/Erp.Sample -c Release -nologo -v quiet -clp:ErrorsOnly
  mkdir -p "$work/plugins/Erp.Sample" && cp -r test/SamplePlugin/Erp.Sample/bin/Release/net10.0/. "$work/plugins/Erp.Sample/"
}

# Production, as an operator would set it up: a key certificate, a database password, the admin's password.
# Nothing mails during the runs, so the SMTP relay it requires is a port nobody listens on.
production_env() {
  local work=$1 pg_port=$2 https_port=$3
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 -subj "/CN=127.0.0.1" 2>/dev/null
  openssl pkcs12 -export -out "$work/keys.pfx" -inkey "$work/key.pem" -in "$work/cert.pem" -passout pass:bench
  admin_password="Bench-$(openssl rand -hex 12)"
  export ASPNETCORE_ENVIRONMENT=Production Plugins__Path="$work/plugins" Serilog__MinimumLevel__Default=Warning Logging__LogLevel__Default=Warning \
    ConnectionStrings__Erp="Host=127.0.0.1;Port=$pg_port;Database=erp_bench;Username=erp_app;Password=bench-only-not-a-secret;Maximum Pool Size=64" \
    Identity__Keys__SigningCertificate="$work/keys.pfx" Identity__Keys__SigningCertificatePassword=bench \
    Identity__Keys__EncryptionCertificate="$work/keys.pfx" Identity__Keys__EncryptionCertificatePassword=bench \
    Identity__Admin__UserName=admin Identity__Admin__Email=admin@erp.test Identity__Admin__Password="$admin_password" \
    Identity__PublicOrigin="https://127.0.0.1:$https_port" Identity__Spa__RedirectUris__0=http://localhost:4200/auth/callback \
    Settings__Emailing__Smtp__Host=127.0.0.1 Settings__Emailing__Smtp__Port="$(free_port)" \
    Kestrel__Certificates__Default__Path="$work/keys.pfx" Kestrel__Certificates__Default__Password=bench \
    RateLimiting__Authentication__PermitLimit=1000 RateLimiting__PerUserName__PermitLimit=1000
}

# Sign in as the SPA does (authorization code + PKCE through the sign-in page) for an access token.
sign_in_admin() {
  local base=$1 jar="$2/cookies" redirect=http://localhost:4200/auth/callback verifier challenge sign_in page action antiforgery back callback code
  rm -f "$jar" # a fresh browser: a session cookie of an earlier host would skip the sign-in page
  verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
  sign_in=$(curl -ks -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    "$base/connect/authorize?client_id=erp-spa&redirect_uri=$redirect&response_type=code&scope=openid%20erp_api&code_challenge=$challenge&code_challenge_method=S256&state=bench")
  page=$(curl -ks -c "$jar" -b "$jar" "$sign_in")
  action=$(grep -o 'action="[^"]*"' <<<"$page" | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g')
  antiforgery=$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//')
  back=$(curl -ks -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode userName=admin \
    --data-urlencode "password=$admin_password" --data-urlencode "__RequestVerificationToken=$antiforgery" "$base$action")
  callback=$(curl -ks -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$back")
  code=$(sed 's/.*[?&]code=\([^&]*\).*/\1/' <<<"$callback")
  curl -ks -d grant_type=authorization_code -d "code=$code" -d "redirect_uri=$redirect" -d client_id=erp-spa \
    -d "code_verifier=$verifier" "$base/connect/token" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
