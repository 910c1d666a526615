# Sourced by the benchmark scripts: the host configured as production runs it, and the SPA's sign-in.
#   production_env WORK PG_PORT HTTPS_PORT   exports the host's configuration (sets admin_password)
#   sign_in_admin HTTPS_BASE WORK            prints an access token for the administrator

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
