namespace Erp.Kernel.Jobs;

/// <summary>
/// Work a module runs on a schedule, registered with <c>ModuleServices.AddRecurringJob</c>. Each occurrence runs
/// once across all instances; a run that throws is retried with back-off and, after the last attempt, stays failed
/// where administrators see it. Resolved in a scope of its own, so it may use the module's services and DbContext.
/// (One-off work that must commit or roll back with a business change is an integration event and its handler.)
/// </summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <param name="Id">Stable and unique across modules: <c>&lt;Module&gt;.&lt;Job&gt;</c>, e.g. <c>Messaging.PurgeDelivered</c>.</param>
/// <param name="Cron">When it runs, in UTC: five fields, or six with seconds first.</param>
public sealed record RecurringJobRegistration(string Id, string Cron, Func<IServiceProvider, CancellationToken, Task> Run);
