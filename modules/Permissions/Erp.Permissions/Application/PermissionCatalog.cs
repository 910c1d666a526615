using System.Collections.Frozen;
using System.ComponentModel;
using Erp.Kernel;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Permissions.Application;

/// <summary>
/// The permissions that exist now: this instance's modules' (<see cref="PermissionDefinitions"/>) and those sources make
/// at run time (<see cref="IRuntimePermissionSource"/>). Only the run-time part is cached, as one entry beside the granted
/// sets and dropped with them on every instance when a source changes: instances share the database but not
/// necessarily their plugins (one may have a plugin that failed at start-up), so each adds its own modules' part.
/// </summary>
internal sealed class PermissionCatalog(HybridCache cache, PermissionDefinitions definitions, IServiceScopeFactory scopes, IHttpContextAccessor http)
    : IPermissionCatalog
{
    public const string Tag = "permissions";
    private const string Key = "permissions:runtime";
    private static readonly string[] Tags = [Tag];

    private PermissionCatalogEntry? _last;

    public async ValueTask<PermissionCatalogEntry> GetAsync(CancellationToken cancellationToken)
    {
        var runtime = await cache.GetOrCreateAsync(Key, this, static (catalog, ct) => catalog.LoadAsync(ct), tags: Tags, cancellationToken: cancellationToken);
        var defined = definitions.Groups;
        // The in-process cache hands out the same immutable entry until it changes: combine once per change.
        if (_last is { } last && ReferenceEquals(last.Runtime, runtime) && ReferenceEquals(last.Defined, defined)) return last;
        return _last = PermissionCatalogEntry.Combine(defined, runtime);
    }

    public Task ChangedAsync(CancellationToken cancellationToken)
    {
        GrantedInRequest.Forget(http);
        return cache.RemoveByTagAsync(Tag, cancellationToken).AsTask();
    }

    private async ValueTask<RuntimePermissions> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var groups = new List<PermissionGroup>();
        foreach (var source in scope.ServiceProvider.GetServices<IRuntimePermissionSource>())
            groups.AddRange((await source.GetAsync(cancellationToken)).Select(g => new PermissionGroup(g.Module, g.DisplayName, g.Permissions)));
        return new RuntimePermissions { Groups = [.. groups] };
    }
}

/// <summary>The cached run-time permissions. Immutable, so the in-process cache hands out the same instance.</summary>
[ImmutableObject(true)]
internal sealed class RuntimePermissions
{
    public PermissionGroup[] Groups { get; init; } = [];
}

/// <summary>Every permission this instance knows: its modules' first, then the run-time ones.</summary>
internal sealed class PermissionCatalogEntry
{
    private PermissionCatalogEntry(IReadOnlyList<PermissionGroup> defined, RuntimePermissions runtime, IReadOnlyList<PermissionGroup> groups, FrozenSet<string> set) =>
        (Defined, Runtime, Groups, Set) = (defined, runtime, groups, set);

    public IReadOnlyList<PermissionGroup> Groups { get; }

    public FrozenSet<string> Set { get; }

    internal IReadOnlyList<PermissionGroup> Defined { get; }

    internal RuntimePermissions Runtime { get; }

    public static PermissionCatalogEntry Combine(IReadOnlyList<PermissionGroup> defined, RuntimePermissions runtime)
    {
        var groups = defined.ToList();
        var names = defined.SelectMany(g => g.Permissions).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in runtime.Groups)
        {
            // A run-time name never takes over one a module defines.
            var own = group.Permissions.Where(p => names.Add(p.Name)).ToList();
            if (own.Count > 0) groups.Add(group with { Permissions = own });
        }

        return new PermissionCatalogEntry(defined, runtime, groups, names.ToFrozenSet(StringComparer.Ordinal));
    }
}
