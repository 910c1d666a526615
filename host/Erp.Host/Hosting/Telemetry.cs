using System.Net;
using Erp.Caching;
using Erp.Kernel.Diagnostics;
using Erp.Kernel.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ZiggyCreatures.Caching.Fusion;

namespace Erp.Host.Hosting;

/// <summary>
/// OpenTelemetry: traces of requests, outgoing HTTP calls, PostgreSQL and Redis commands, cache operations and the
/// platform's own work (integration event deliveries, background jobs) exported over OTLP when an endpoint is configured (the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>); and metrics
/// (request latency histograms, HTTP client calls, the .NET runtime, Npgsql's connection pools, cache hits and misses
/// (FusionCache's <c>fusioncache_*</c>), and the modules' meters
/// <c>Erp.*</c>: outbox backlog and lag, jobs, sign-in failures and lockouts, ...) for Prometheus at <c>/metrics</c>.
/// </summary>
/// <remarks>
/// <c>/metrics</c> is not public: it answers only a direct connection (no <c>X-Forwarded-For</c> or <c>Forwarded</c>
/// header: nothing that came through the load balancer) from <c>Metrics:AllowedNetworks</c> (CIDR ranges, loopback by
/// default), as Prometheus scrapes each instance on its own address; anything else gets a 404, as if there were none.
/// <c>Metrics:Enabled=false</c> turns it off.
/// </remarks>
internal static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void AddErpTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var metrics = builder.Configuration.GetValue("Metrics:Enabled", true);
        if (metrics) builder.Services.AddSingleton(MetricsAccess.From(builder.Configuration));
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("erp", serviceVersion: ErpComposition.HostVersion.ToString()))
            .WithMetrics(meters =>
            {
                meters.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter("Npgsql").AddMeter(FusionCacheDiagnostics.MeterName).AddMeter(ErpTelemetry.MetersOfModules);
                if (metrics) meters.AddPrometheusExporter();
            });
        // Traces (and metrics, for a collector that wants them pushed) only where an operator named a collector: spans
        // recorded for nobody would cost every request their allocations.
        if (!otlp) return;
        telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                // Commands are collected from the multiplexer's profiler and flushed each second.
                .AddRedisInstrumentation(redis => redis.FlushInterval = TimeSpan.FromSeconds(1))
                .ConfigureRedisInstrumentation((services, redis) =>
                {
                    if (services.GetRequiredService<IRedisConnection>().Multiplexer is { } multiplexer) redis.AddConnection(multiplexer);
                })
                .AddSource(FusionCacheDiagnostics.ActivitySourceName)
                .AddSource(ErpTelemetry.SourceName))
            .UseOtlpExporter();
    }

    /// <summary>
    /// Serves <see cref="MetricsPath"/> to those <see cref="MetricsAccess"/> lets in: first in the pipeline, so it judges the
    /// connection and headers as they came (before forwarded headers are applied), and a scrape every 15 s is no logged
    /// request.
    /// </summary>
    public static void UseErpMetrics(this WebApplication app)
    {
        if (app.Services.GetService<MetricsAccess>() is not { } access) return; // Metrics:Enabled=false
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal) && !access.Allows(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal));
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.Equals(MetricsPath, StringComparison.Ordinal);
}

/// <summary>Who may read <c>/metrics</c>: a direct connection from one of the allowed networks.</summary>
internal sealed class MetricsAccess(IReadOnlyList<IPNetwork> networks)
{
    public static MetricsAccess From(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? ["127.0.0.0/8", "::1/128"];
        return new MetricsAccess([.. configured.Select(IPNetwork.Parse)]);
    }

    public bool Allows(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded")) return false;
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return networks.Any(network => network.Contains(address));
    }
}
