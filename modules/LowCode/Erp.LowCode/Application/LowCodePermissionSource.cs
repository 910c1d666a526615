using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.LowCode.Application;

/// <summary>
/// Each entity's permissions (<see cref="DataPermissions"/>), and the transitions of extended entities' workflows: they exist
/// from the moment the entity, rule, restricted field or transition does.
/// </summary>
internal sealed class LowCodePermissionSource(IServiceScopeFactory scopes, ExtensionModels extensions) : IRuntimePermissionSource
{
    public const string Module = "Erp.LowCode";

    public async Task<IReadOnlyList<RuntimePermissionGroup>> GetAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LowCodeDbContext>();
        var entities = await db.Entities.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
        var extended = await db.Extensions.AsNoTracking().Where(e => e.Workflow != null).OrderBy(e => e.Entity).ToListAsync(cancellationToken);
        return
        [
            .. entities.Select(e => new RuntimePermissionGroup(Module, e.PluralLabel, DataPermissions.Of(e))),
            .. extended.Where(e => extensions.Owners.ContainsKey(e.Entity)).Select(e => Transitions(extensions.Owners[e.Entity], e.Workflow!)),
        ];
    }

    // Each transition of an extended entity's workflow, under the permission to see the entity.
    private static RuntimePermissionGroup Transitions(ExtensibleEntityDefinition owner, Workflow workflow) => new(Module, owner.Label,
        [.. workflow.Transitions.Select(t => new PermissionDefinition(DataPermissions.Transition(owner.Name, t.Name), $"{owner.Label}: {t.Label}", owner.ReadPermission))]);
}
