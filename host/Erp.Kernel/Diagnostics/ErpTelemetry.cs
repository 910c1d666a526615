using System.Diagnostics;

namespace Erp.Kernel.Diagnostics;

/// <summary>
/// The names the platform's telemetry goes under. Spans of the platform's own work (an integration event delivered, a
/// background job run) come from <see cref="Source"/>; each module measures with a meter of its own named
/// <c>Erp.&lt;Module&gt;</c> (<c>IMeterFactory.Create("Erp.Messaging")</c>), instruments named <c>erp.&lt;module&gt;.&lt;what&gt;</c>,
/// which the host exports with every other <c>Erp.*</c> meter.
/// </summary>
public static class ErpTelemetry
{
    public const string SourceName = "Erp";

    /// <summary>The meters the host exports: every module's and plugin's.</summary>
    public const string MetersOfModules = "Erp.*";

    public static ActivitySource Source { get; } = new(SourceName);
}
