using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Roles;
using Erp.Kernel.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erp.Identity.Application;

/// <summary>Role administration. Built-in roles cannot be renamed or deleted; a deleted role's grants go with it.</summary>
internal sealed class RoleService(IdentityDbContext db, RoleManager<Role> roles, SecurityLog log)
{
    public async Task<IReadOnlyList<RoleDto>> ListAsync(CancellationToken cancellationToken) =>
        await db.Roles.AsNoTracking().OrderBy(r => r.NormalizedName)
            .Select(r => new RoleDto(r.Id, r.Name!, r.IsStatic, db.UserRoles.Count(ur => ur.RoleId == r.Id)))
            .ToListAsync(cancellationToken);

    public async Task<RoleDto> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Roles.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new RoleDto(r.Id, r.Name!, r.IsStatic, db.UserRoles.Count(ur => ur.RoleId == r.Id)))
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(IdentityErrors.RoleNotFound, id);

    public async Task<RoleDto> CreateAsync(CreateRoleRequest request, CancellationToken cancellationToken)
    {
        var role = new Role(request.Name);
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await roles.CreateAsync(role));
            await log.WriteAsync(SecurityActions.RoleCreated, null, detail: $"role '{role.Name}'", cancellationToken: cancellationToken);
        }, cancellationToken);
        return await GetAsync(role.Id, cancellationToken);
    }

    public async Task<RoleDto> RenameAsync(Guid id, RenameRoleRequest request, CancellationToken cancellationToken)
    {
        var role = await FindAsync(id);
        var previous = role.Name;
        role.Rename(request.Name);
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await roles.UpdateAsync(role)); // normalizes the name and checks it is free
            await log.WriteAsync(SecurityActions.RoleRenamed, null, detail: $"role '{previous}' to '{role.Name}'", cancellationToken: cancellationToken);
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Deletes the role and its memberships; the role announces it (<see cref="RoleDeleted"/>), and the deletion is
    /// published in the same save: the permissions module then removes the role's grants, and its former members'
    /// permissions change on every instance.
    /// </summary>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var role = await FindAsync(id);
        role.Delete();
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await roles.DeleteAsync(role));
            await log.WriteAsync(SecurityActions.RoleDeleted, null, detail: $"role '{role.Name}'", cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    private async Task<Role> FindAsync(Guid id) =>
        await roles.FindByIdAsync(id.ToString()) ?? throw new NotFoundException(IdentityErrors.RoleNotFound, id);
}
