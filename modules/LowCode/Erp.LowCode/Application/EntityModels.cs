using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>
/// The compiled model of each entity's current revision. Which revision is current is one small shared cache entry per
/// entity, dropped on every instance (through the cache's backplane) when a change commits; a revision is compiled once
/// per instance and then reused by every request.
/// </summary>
internal sealed class EntityModels(HybridCache cache, IServiceScopeFactory scopes)
{
    private readonly CompiledModels<EntityModel> _compiled = new();

    /// <summary>The entity's model, or null when there is no such entity.</summary>
    public async ValueTask<EntityModel?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var revision = await cache.GetOrCreateAsync(Key(name), (this, name), static (state, ct) => state.Item1.RevisionAsync(state.name, ct),
            cancellationToken: cancellationToken);
        if (revision == 0) return null;
        if (_compiled.Find(name, revision) is { } model) return model;

        await using var scope = scopes.CreateAsyncScope();
        var definition = await scope.ServiceProvider.GetRequiredService<LowCodeDbContext>().Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, cancellationToken);
        if (definition is null) return null;
        return _compiled.Keep(name, definition.Revision, new EntityModel(definition));
    }

    /// <summary>After a change commits: every instance reads the entity's revision again.</summary>
    public Task ChangedAsync(string name) => cache.RemoveAsync(Key(name)).AsTask();

    private static string Key(string name) => $"lowcode:revision:{name}";

    private async ValueTask<int> RevisionAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LowCodeDbContext>().Entities.AsNoTracking()
            .Where(e => e.Name == name).Select(e => e.Revision).FirstOrDefaultAsync(cancellationToken);
    }
}
