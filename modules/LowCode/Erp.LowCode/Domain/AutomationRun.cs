using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// One run of an automation for a record, in the record's company's history: done, or refused and why (in the language
/// of the change that triggered it). Written in the run's own transaction, after its actions or after they were undone.
/// </summary>
public sealed class AutomationRun : Entity<Guid>, ICompanyOwned
{
    private AutomationRun() { }

    public Guid CompanyId { get; private set; }
    public string Entity { get; private set; } = null!;
    public string Automation { get; private set; } = null!;
    public Guid RecordId { get; private set; }
    public bool Succeeded { get; private set; }

    /// <summary>Why it was refused: the problems by the part of the action they concern (<c>actions[1].priority</c>).</summary>
    public Dictionary<string, string[]>? Problems { get; private set; }

    public DateTimeOffset At { get; private set; }
}
