namespace Erp.Kernel.Hosting;

/// <summary>Tags a module puts on the health checks it adds, choosing the probe that runs them.</summary>
public static class HealthTags
{
    /// <summary><c>/health/ready</c>: a dependency requests need. Unhealthy answers 503; degraded still 200.</summary>
    public const string Ready = "ready";

    /// <summary><c>/health/startup</c>: start-up work (migrations, module initialization).</summary>
    public const string Startup = "startup";
}
