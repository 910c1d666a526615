namespace Erp.LowCode.Domain;

/// <summary>
/// An entity's workflow (<see cref="WorkflowDto"/>), checked: the choice field holding the state, the states and the
/// transitions, each transition a permission of its own (<see cref="DataPermissions.Transition"/>).
/// </summary>
public sealed record Workflow(string Field, IReadOnlyList<WorkflowState> States, IReadOnlyList<WorkflowTransition> Transitions)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public WorkflowState Initial => States.First(s => s.Initial);

    public bool IsReadOnly(string? state) => States.Any(s => s.Name == state && s.ReadOnly);

    public WorkflowTransition? Transition(string name) => Transitions.FirstOrDefault(t => t.Name == name);
}

public sealed record WorkflowState(string Name, string Label, bool Initial, bool ReadOnly);

public sealed record WorkflowTransition(string Name, string Label, IReadOnlyList<string> From, string To, RecordFilter? Condition);

/// <summary>
/// One step of a record's state history, kept with the record's company: its first state (no <see cref="From"/>) or a
/// transition, by whom and why. Written in the transaction that changes the state.
/// </summary>
public sealed class StateChange : Kernel.Domain.Entity<Guid>, Kernel.Domain.ICompanyOwned
{
    private StateChange() { }

    public Guid CompanyId { get; private set; }

    /// <summary>The entity's name.</summary>
    public string Entity { get; private set; } = null!;

    public Guid RecordId { get; private set; }
    public string? From { get; private set; }
    public string To { get; private set; } = null!;
    public string? Transition { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? By { get; private set; }

    /// <param name="company">The record's company, which the history belongs to.</param>
    public static StateChange Of(string entity, Guid record, Guid company, string? from, string to, string? transition, string? comment, DateTimeOffset at, Guid? by) =>
        new()
        {
            Id = Guid.CreateVersion7(), Entity = entity, RecordId = record, CompanyId = company, From = from, To = to, Transition = transition, Comment = comment,
            At = at, By = by,
        };
}
