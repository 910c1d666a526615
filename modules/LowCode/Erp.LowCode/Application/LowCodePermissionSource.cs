using Erp.Kernel;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>Each entity's permissions (<see cref="DataPermissions"/>): they exist from the moment the entity, rule or restricted field does.</summary>
internal sealed class LowCodePermissionSource(IServiceScopeFactory scopes) : IRuntimePermissionSource
{
    public const string Module = "Erp.LowCode";

    public async Task<IReadOnlyList<RuntimePermissionGroup>> GetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LowCodeDbContext>();
        var entities = await db.Entities.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
        return [.. entities.Select(e => new RuntimePermissionGroup(Module, e.PluralLabel, DataPermissions.Of(e)))];
    }
}
