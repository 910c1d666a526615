using Erp.Kernel;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>
/// Each entity's permissions, granted to roles like any module's: <c>Data.&lt;entity&gt;</c> to read its records, and under
/// it create, update, delete, export and import. They exist from the moment the entity does.
/// </summary>
internal sealed class LowCodePermissionSource(IServiceScopeFactory scopes) : IRuntimePermissionSource
{
    public const string Module = "Erp.LowCode";

    public static string Read(string entity) => $"Data.{entity}";

    public async Task<IReadOnlyList<RuntimePermissionGroup>> GetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LowCodeDbContext>();
        var entities = await db.Entities.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Name, e.PluralLabel }).ToListAsync(cancellationToken);
        return [.. entities.Select(e => new RuntimePermissionGroup(Module, e.PluralLabel,
        [
            new PermissionDefinition(Read(e.Name), $"See {e.PluralLabel}"),
            new PermissionDefinition($"{Read(e.Name)}.Create", $"Create {e.PluralLabel}", Read(e.Name)),
            new PermissionDefinition($"{Read(e.Name)}.Update", $"Change {e.PluralLabel}", Read(e.Name)),
            new PermissionDefinition($"{Read(e.Name)}.Delete", $"Delete {e.PluralLabel}", Read(e.Name)),
            new PermissionDefinition($"{Read(e.Name)}.Export", $"Export {e.PluralLabel}", Read(e.Name)),
            new PermissionDefinition($"{Read(e.Name)}.Import", $"Import {e.PluralLabel}", Read(e.Name)),
        ]))];
    }
}
