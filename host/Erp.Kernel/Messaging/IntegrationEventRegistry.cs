using System.Text.Json;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;

namespace Erp.Kernel.Messaging;

/// <summary>
/// Every integration event handler the running modules and plugins registered, by event name. Event names are
/// the event type's full name, stable as long as the type keeps its name and namespace.
/// </summary>
public sealed class IntegrationEventRegistry
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly RunningModules<Handlers> _handlers;

    public IntegrationEventRegistry(ModuleCatalog catalog, PluginRegistry plugins) =>
        _handlers = new(catalog, plugins, modules => new Handlers([.. modules.SelectMany(m => m.IntegrationEventHandlers)]));

    public static string NameOf(Type eventType) => eventType.FullName!;

    /// <summary>The handlers an event of this type goes to (none is fine: the event is still stored).</summary>
    public IReadOnlyList<IntegrationEventHandlerRegistration> HandlersOf(string eventName) =>
        _handlers.Value.ByEvent.TryGetValue(eventName, out var handlers) ? handlers : [];

    /// <summary>Runs one handler on a stored event; throws when no running module has that handler any more.</summary>
    public Task InvokeAsync(IServiceProvider services, string eventName, string handler, string payload, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (!_handlers.Value.ByHandler.TryGetValue((eventName, handler), out var registration))
            throw new InvalidOperationException($"No running module handles {eventName} with {handler}.");
        var integrationEvent = JsonSerializer.Deserialize(payload, registration.EventType, Json)
            ?? throw new InvalidOperationException($"The payload of {eventName} {context.EventId} is empty.");
        return registration.Invoke(services, integrationEvent, context, cancellationToken);
    }

    private sealed class Handlers(IntegrationEventHandlerRegistration[] all)
    {
        public Dictionary<string, IntegrationEventHandlerRegistration[]> ByEvent { get; } =
            all.GroupBy(h => h.EventName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        public Dictionary<(string Event, string Handler), IntegrationEventHandlerRegistration> ByHandler { get; } =
            all.ToDictionary(h => (h.EventName, h.HandlerName));
    }
}
