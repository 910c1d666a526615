namespace Erp.Kernel.Messaging;

/// <summary>
/// Reacts to an integration event another module (or this one) published. Delivery is at least once, after
/// the publisher's commit, with retries. Work done through module DbContexts resolved in the handler's scope
/// joins the delivery's transaction, so that work and "delivered" commit together: exactly once. Side effects
/// outside PostgreSQL (mail, cache) happen at least once and must tolerate a repeat.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken);
}

/// <param name="EventId">The event's id: the same on every attempt and for every handler.</param>
/// <param name="Attempt">1 on the first delivery to this handler, 2 on the first retry, and so on.</param>
/// <param name="CompanyId">The company the event was published in, which the handler runs in; null when the system published it.</param>
/// <param name="IsLastAttempt">A failure now makes the delivery dead: a handler that keeps its own state records it as failed.</param>
public sealed record IntegrationEventContext(Guid EventId, DateTimeOffset PublishedAt, int Attempt, Guid? CompanyId, bool IsLastAttempt = false);

/// <summary>One handler registered for one event type, with a stable name deliveries are stored under.</summary>
public sealed record IntegrationEventHandlerRegistration(
    Type EventType, string EventName, string HandlerName, Func<IServiceProvider, object, IntegrationEventContext, CancellationToken, Task> Invoke);
