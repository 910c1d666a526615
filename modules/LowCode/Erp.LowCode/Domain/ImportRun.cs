using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// One import of a file into an entity, in its company's import history: how far it got while it runs, and what it did.
/// Written beside the import's own transaction (so others see it move), never by it.
/// </summary>
public sealed class ImportRun : Entity<Guid>, ICompanyOwned
{
    private ImportRun() { }

    public Guid CompanyId { get; private set; }
    public string Entity { get; private set; } = null!;
    public bool DryRun { get; private set; }
    public ImportMode Mode { get; private set; }
    public int Rows { get; private set; }
    public int Processed { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Failed { get; private set; }

    /// <summary>Whether its rows were kept; null while it runs (or if it never finished).</summary>
    public bool? Committed { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public Guid? StartedBy { get; private set; }
}
