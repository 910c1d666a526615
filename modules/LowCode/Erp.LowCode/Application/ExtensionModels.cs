using Erp.Kernel.Data;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>
/// The compiled extra fields of each extensible entity, as <see cref="EntityModels"/> keeps entities': the current revision
/// is one shared cache entry, dropped on every instance when a change commits; a revision is compiled once per instance.
/// </summary>
internal sealed class ExtensionModels(HybridCache cache, IServiceScopeFactory scopes, IEnumerable<ExtensibleEntityDefinition> owners)
{
    private readonly CompiledModels<ExtensionModel> _compiled = new();

    /// <summary>The entities modules and plugins let administrators extend, by name.</summary>
    public IReadOnlyDictionary<string, ExtensibleEntityDefinition> Owners { get; } = owners.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The entity's extra fields (none before its first), or null when no module declared it extensible.</summary>
    public async ValueTask<ExtensionModel?> GetAsync(string entity, CancellationToken cancellationToken)
    {
        if (!Owners.TryGetValue(entity, out var owner)) return null;
        var revision = await cache.GetOrCreateAsync(Key(entity), (this, entity), static (state, ct) => state.Item1.RevisionAsync(state.entity, ct),
            cancellationToken: cancellationToken);
        if (_compiled.Find(entity, revision) is { } model) return model;

        await using var scope = scopes.CreateAsyncScope();
        var extension = await scope.ServiceProvider.GetRequiredService<LowCodeDbContext>().Extensions.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Entity == entity, cancellationToken);
        model = new ExtensionModel(owner, extension);
        return _compiled.Keep(entity, model.Revision, model);
    }

    /// <summary>After a change commits: every instance reads the extension's revision again.</summary>
    public Task ChangedAsync(string entity) => cache.RemoveAsync(Key(entity)).AsTask();

    private static string Key(string entity) => $"lowcode:extension:{entity}";

    private async ValueTask<int> RevisionAsync(string entity, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LowCodeDbContext>().Extensions.AsNoTracking()
            .Where(e => e.Entity == entity).Select(e => e.Revision).FirstOrDefaultAsync(cancellationToken);
    }
}
