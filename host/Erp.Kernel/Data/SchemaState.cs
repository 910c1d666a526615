using Erp.Kernel.Hosting;
using Microsoft.Extensions.Logging;

namespace Erp.Kernel.Data;

/// <summary>
/// Whether the database's schemas are the ones this build expects (<see cref="DatabaseMigrator.GetOutdatedSchemasAsync"/>),
/// remembered once they are: a schema does not fall behind a running build. The start-up probe reports it; work that needs
/// the modules' tables (start-up warm-ups, the job server, event deliveries) waits for it, so an instance started before
/// <c>migrate</c> waits for the migration instead of failing on tables it does not find, and begins once it ran.
/// </summary>
public sealed class SchemaState(DatabaseMigrator migrator, StartupState startup, ILogger<SchemaState> logger)
{
    /// <summary>How often waiting work looks again by itself; every start-up probe looks too, and wakes it sooner.</summary>
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _becameCurrent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<IReadOnlyList<string>>? _check;
    private volatile bool _current;
    private bool _reportedBehind;

    /// <summary>The modules whose schema is behind this build, and why; none once the schemas were found current.</summary>
    public Task<IReadOnlyList<string>> OutdatedAsync(CancellationToken cancellationToken)
    {
        if (_current) return Task.FromResult<IReadOnlyList<string>>([]);
        lock (_lock)
        {
            // Whoever asks while a check runs gets its answer: the probe, the warm-ups and the job server ask at once.
            if (_check is null || _check.IsCompleted) _check = CheckAsync();
            return _check.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes once module start-up has finished and the schemas are current: at once on a migrated database.</summary>
    public async Task WhenCurrentAsync(CancellationToken cancellationToken)
    {
        await startup.WhenStarted.WaitAsync(cancellationToken);
        while (!_current)
        {
            try
            {
                await OutdatedAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // The start-up probe reports an unreachable database; anything else is unexpected. Either way, look again.
                if (!DatabaseFailures.IsUnavailable(e)) logger.LogWarning(e, "The schema check failed; trying again");
            }

            // A probe that finds the schemas current wakes this sooner; a cancelled delay ends the wait.
            if (!_current) await await Task.WhenAny(_becameCurrent.Task, Task.Delay(RecheckEvery, cancellationToken));
        }
    }

    private async Task<IReadOnlyList<string>> CheckAsync()
    {
        // Not the caller's token: others may wait for this check; its queries have their command timeout.
        var outdated = await migrator.GetOutdatedSchemasAsync(CancellationToken.None);
        lock (_lock)
        {
            if (outdated.Count == 0)
            {
                _current = true;
                if (_reportedBehind) logger.LogInformation("The database is migrated: the work that waited for it begins.");
                _becameCurrent.TrySetResult();
            }
            else if (!_reportedBehind)
            {
                _reportedBehind = true;
                logger.LogWarning("The database is behind this build ({Outdated}): background jobs, event deliveries and start-up warm-ups " +
                    "wait until it is migrated. Run Erp.Host migrate.", string.Join("; ", outdated));
            }
        }

        return outdated;
    }
}
