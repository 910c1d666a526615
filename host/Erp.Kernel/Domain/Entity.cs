namespace Erp.Kernel.Domain;

/// <summary>An object with an identity that outlives changes to its state.</summary>
public abstract class Entity<TId> where TId : notnull
{
    public TId Id { get; protected set; } = default!;
}

/// <summary>
/// The consistency boundary: loaded, changed and saved as a whole. Raises domain events, which the kernel
/// dispatches to the module's handlers inside the same save, and carries the row version used for
/// optimistic concurrency (PostgreSQL's <c>xmin</c>).
/// </summary>
public abstract class AggregateRoot : Entity<Guid>
{
    private readonly List<IDomainEvent> _domainEvents = [];

    protected AggregateRoot() => Id = Guid.CreateVersion7();

    /// <summary>Row version: clients send it back on update; a stale one is a 409 concurrency conflict.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    protected static void Check(BusinessRule rule) => rule.ThrowIfBroken();

    internal IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = _domainEvents.ToArray();
        _domainEvents.Clear();
        return events;
    }
}

/// <summary>An aggregate root stamped with who created and last changed it, and when.</summary>
public abstract class AuditedAggregateRoot : AggregateRoot, IAuditedEntity
{
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public string? CreatedByClient { get; private set; }
    public DateTimeOffset? ModifiedAt { get; private set; }
    public Guid? ModifiedBy { get; private set; }
    public string? ModifiedByClient { get; private set; }
}
