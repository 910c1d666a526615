using Erp.Kernel.Domain;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// An import's record in the import history (<see cref="Domain.ImportRun"/>), written on connections of its own beside
/// the import's transaction, each write committed at once: every instance sees the import move while it runs, and a
/// rolled-back import still leaves its record.
/// </summary>
internal sealed class ImportProgress(NpgsqlDataSource data)
{
    /// <summary>How many rows go by between two reports.</summary>
    public const int Every = 100;

    /// <summary>Records the start of an import; an id already taken (the client names it) is a 409.</summary>
    public async Task StartAsync(Guid id, Guid company, string entity, bool dryRun, ImportMode mode, int rows, Guid? user, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        try
        {
            await CommittedApart.ExecuteAsync(data, company, "INSERT INTO lowcode.import_runs (id, company_id, entity, dry_run, mode, rows, processed, created, updated, failed, started_at, started_by) " +
                                        "VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, $7, $8)",
                cancellationToken, id, company, entity, dryRun, mode.ToString(), rows, at, user);
        }
        catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new BusinessRuleException(LowCodeErrors.ImportIdTaken, id);
        }
    }

    /// <summary>How far it got; with <paramref name="committed"/> (whether its rows were kept), that it is done.</summary>
    public Task ReportAsync(Guid id, Guid company, IReadOnlyCollection<ImportRowDto> done, bool? committed, DateTimeOffset? finishedAt,
        CancellationToken cancellationToken) =>
        CommittedApart.ExecuteAsync(data, company, "UPDATE lowcode.import_runs SET processed = $2, created = $3, updated = $4, failed = $5, committed = $6, finished_at = $7 WHERE id = $1",
            cancellationToken, id, done.Count, done.Count(r => r.Action == ImportAction.Created), done.Count(r => r.Action == ImportAction.Updated),
            done.Count(r => r.Action == ImportAction.Failed), committed, finishedAt);
}
