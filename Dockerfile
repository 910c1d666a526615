# syntax=docker/dockerfile:1
# Erp's image: the host with the SPA and the business plugins, on the ASP.NET Core runtime. Built from the repository root:
#   docker build -t erp .
# Runs as the non-root user `app` on a read-only root file system: writable paths are /tmp and the volumes an operator
# mounts (blobs when they stay on the file system, backups). Configuration comes from the environment (docs: README).

# The SPA (angular/): its production build, served by the host at /.
FROM node:20-bookworm-slim AS spa
WORKDIR /src/angular
COPY angular/package.json angular/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY angular/ ./
RUN NG_BUILD_OPTIMIZE_CHUNKS=1 npx ng build

# The host and every plugin under plugins/, published for the runtime image: ReadyToRun, so a new instance runs
# precompiled code instead of compiling it first (test/Erp.Benchmarks/startup.sh publishes the same way and measures it).
# A plugin's publish ships its own assemblies only, as its build does (sdk/Erp.Plugin.Sdk/build/Erp.Plugin.Publish.targets).
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN arch=$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64) \
 && dotnet publish host/Erp.Host/Erp.Host.csproj -c Release -o /app -a "$arch" --no-self-contained -p:PublishReadyToRun=true -p:UseAppHost=false \
 && for manifest in plugins/*/*/plugin.json; do \
      project=$(dirname "$manifest"); name=$(basename "$project"); \
      dotnet publish "$project" -c Release -o "/app/plugins/$name" -a "$arch" --no-self-contained -p:PublishReadyToRun=true -nologo -v quiet; \
    done
COPY --from=spa /src/angular/dist/browser /app/wwwroot

FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim AS runtime
# PostgreSQL's client programs for backups and restore checks; Chromium and fonts to print documents to PDF.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Plugins__Path=/app/plugins \
    BlobStoring__FileSystem__Path=/data/blobs \
    TMPDIR=/tmp
USER app
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "/app/Erp.Host.dll", "probe"]
ENTRYPOINT ["dotnet", "/app/Erp.Host.dll"]
