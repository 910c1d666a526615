using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json.Serialization;
using Erp.Kernel;
using Erp.Kernel.Security;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Permissions.Application;

/// <summary>
/// The permissions that exist now: the modules' (<see cref="PermissionDefinitions"/>, fixed at start-up) and those
/// sources make at run time (<see cref="IRuntimePermissionSource"/>), cached as one entry beside the granted sets and
/// dropped with them, on every instance, when a source changes.
/// </summary>
internal sealed class PermissionCatalog(HybridCache cache, PermissionDefinitions definitions, IServiceScopeFactory scopes) : IPermissionCatalog
{
    public const string Tag = "permissions";
    private const string Key = "permissions:catalog";
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromMinutes(30), LocalCacheExpiration = TimeSpan.FromMinutes(30) };
    private static readonly string[] Tags = [Tag];

    public async ValueTask<PermissionCatalogEntry> GetAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(Key, this, static (catalog, ct) => catalog.LoadAsync(ct), Entry, Tags, cancellationToken);

    public Task ChangedAsync(CancellationToken cancellationToken) => cache.RemoveByTagAsync(Tag, cancellationToken).AsTask();

    private async ValueTask<PermissionCatalogEntry> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var groups = definitions.Groups.ToList();
        var names = definitions.Names.ToHashSet(StringComparer.Ordinal);
        foreach (var source in scope.ServiceProvider.GetServices<IRuntimePermissionSource>())
        {
            foreach (var group in await source.GetAsync(cancellationToken))
            {
                // A run-time name never takes over one a module defines.
                var own = group.Permissions.Where(p => names.Add(p.Name)).ToList();
                if (own.Count > 0) groups.Add(new PermissionGroup(group.Module, group.DisplayName, own));
            }
        }

        return new PermissionCatalogEntry { Groups = [.. groups], Names = [.. names] };
    }
}

/// <summary>The cached catalog. Immutable, so the in-process cache hands out the same instance and its set.</summary>
[ImmutableObject(true)]
internal sealed class PermissionCatalogEntry
{
    private FrozenSet<string>? _set;

    public PermissionGroup[] Groups { get; init; } = [];
    public string[] Names { get; init; } = [];

    [JsonIgnore]
    public FrozenSet<string> Set => _set ??= Names.ToFrozenSet(StringComparer.Ordinal);
}
