using Erp.Identity.Data;
using Erp.Permissions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Erp.Identity.Application;

/// <summary>Tells the permissions module who holds which roles and whether a role, user or client exists.</summary>
internal sealed class PermissionSubjects(IdentityDbContext db, IOpenIddictApplicationManager applications) : IPermissionSubjects
{
    public async Task<IReadOnlyList<UserRole>> GetRolesAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.RolesOf(userId).Select(role => new UserRole(role.Id, role.Name)).ToListAsync(cancellationToken);

    public async Task<bool> ExistsAsync(PermissionSubject subject, CancellationToken cancellationToken) => subject.Kind switch
    {
        PermissionSubjectKind.Role => Guid.TryParse(subject.Key, out var roleId) && await db.Roles.AnyAsync(r => r.Id == roleId, cancellationToken),
        PermissionSubjectKind.User => Guid.TryParse(subject.Key, out var userId) && await db.Users.AnyAsync(u => u.Id == userId, cancellationToken),
        PermissionSubjectKind.Client => await applications.FindByClientIdAsync(subject.Key, cancellationToken) is not null,
        _ => false,
    };

    public async Task<string?> GetRoleNameAsync(Guid roleId, CancellationToken cancellationToken) =>
        await db.Roles.Where(r => r.Id == roleId).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken);
}
