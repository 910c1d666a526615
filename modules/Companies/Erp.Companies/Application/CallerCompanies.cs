using System.ComponentModel;
using Erp.Companies.Data;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Companies.Application;

/// <summary>
/// The companies each caller works in, one cache entry per user or client (and one for the list of all companies, for
/// holders of <see cref="CompaniesPermissions.AllCompanies"/>); a membership change drops the member's entry on every
/// instance.
/// </summary>
internal sealed class CallerCompanies(HybridCache cache, IServiceScopeFactory scopes, IPermissionChecker permissions)
{
    private const string AllKey = "companies:all";

    public async ValueTask<CompanyAccess> OfAsync(HttpContext context, ICurrentUser caller)
    {
        if (caller.UserId is null && caller.ClientId is null) return CompanyAccess.None;
        var own = await cache.GetOrCreateAsync(KeyOf(caller.UserId, caller.ClientId), (this, caller.UserId, caller.ClientId),
            static (state, ct) => state.Item1.LoadAsync(state.UserId, state.ClientId, ct), cancellationToken: context.RequestAborted);
        var granted = await permissions.GetGrantedAsync(caller.Principal, context.RequestAborted);
        if (!granted.Contains(CompaniesPermissions.AllCompanies)) return own;
        var all = await cache.GetOrCreateAsync(AllKey, this, static (self, ct) => self.LoadAllAsync(ct), cancellationToken: context.RequestAborted);
        return new CompanyAccess { Allowed = all.Allowed, Default = own.Default };
    }

    public async Task ForgetAsync(Guid? userId, string? clientId, CancellationToken cancellationToken) =>
        await cache.RemoveAsync(KeyOf(userId, clientId), cancellationToken);

    public async Task ForgetAllAsync(CancellationToken cancellationToken) => await cache.RemoveAsync(AllKey, cancellationToken);

    private static string KeyOf(Guid? userId, string? clientId) => userId is { } id ? $"companies:user:{id:N}" : $"companies:client:{clientId}";

    private async ValueTask<CompanyAccess> LoadAsync(Guid? userId, string? clientId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CompaniesDbContext>();
        var members = userId is { } user ? db.Members.Where(m => m.UserId == user) : db.Members.Where(m => m.ClientId == clientId);
        var rows = await members.AsNoTracking().Select(m => new { m.CompanyId, m.IsDefault }).ToListAsync(cancellationToken);
        return new CompanyAccess { Allowed = [.. rows.Select(r => r.CompanyId)], Default = rows.FirstOrDefault(r => r.IsDefault)?.CompanyId };
    }

    private async ValueTask<CompanyAccess> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CompaniesDbContext>();
        return new CompanyAccess { Allowed = await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).ToArrayAsync(cancellationToken) };
    }
}

/// <summary>The cached value: the companies a caller may use, and their default. Immutable.</summary>
[ImmutableObject(true)]
internal sealed class CompanyAccess
{
    public static CompanyAccess None { get; } = new();

    public Guid[] Allowed { get; init; } = [];
    public Guid? Default { get; init; }
}
