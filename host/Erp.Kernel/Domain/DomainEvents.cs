namespace Erp.Kernel.Domain;

/// <summary>Something that happened inside an aggregate. Past tense, no suffix; never leaves its module.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marker for domain events.")]
public interface IDomainEvent;

/// <summary>
/// Reacts to a domain event inside the save that raised it, in the same transaction: changes it makes to
/// the same DbContext are saved with the aggregate, or not at all.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
