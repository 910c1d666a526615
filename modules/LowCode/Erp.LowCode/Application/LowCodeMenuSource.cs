using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>
/// The entities administrators published in the menu (<see cref="MenuEntryDto"/>), each to holders of its read
/// permission, routed to the SPA's generic list (<c>/data/&lt;entity&gt;</c>). One shared cache entry, dropped on every
/// instance when a definition changes.
/// </summary>
internal sealed class LowCodeMenuSource(HybridCache cache, IServiceScopeFactory scopes) : IRuntimeMenuSource
{
    private const string Key = "lowcode:menu";

    public async ValueTask<IReadOnlyList<MenuItemDefinition>> GetAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(Key, scopes, static async (scopes, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var entities = await scope.ServiceProvider.GetRequiredService<LowCodeDbContext>().Entities.AsNoTracking().Where(e => e.Ui != null).ToListAsync(ct);
            return entities.Where(e => e.Ui?.Menu is not null)
                .Select(e => new MenuItemDefinition(e.Ui!.Menu!.Path, $"/data/{e.Name}", DataPermissions.Read(e.Name), e.Ui.Menu.Order)).ToArray();
        }, cancellationToken: cancellationToken);

    public Task ChangedAsync() => cache.RemoveAsync(Key).AsTask();
}
