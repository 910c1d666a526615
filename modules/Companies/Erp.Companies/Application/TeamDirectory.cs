using Erp.Companies.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Companies.Application;

/// <summary>
/// Each user's teammates, one cache entry per user, read on every request a team's record rule restricts; a team's
/// change drops the entries of everyone it had or has on every instance.
/// </summary>
internal sealed class TeamDirectory(HybridCache cache, IServiceScopeFactory scopes) : ITeamDirectory
{
    public async ValueTask<IReadOnlyList<Teammate>> TeammatesAsync(Guid userId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(KeyOf(userId), (this, userId), static (state, ct) => state.Item1.LoadAsync(state.userId, ct),
            cancellationToken: cancellationToken);

    public async Task ForgetAsync(IEnumerable<Guid> users, CancellationToken cancellationToken) =>
        await cache.RemoveAsync(users.Distinct().Select(KeyOf), cancellationToken);

    private static string KeyOf(Guid userId) => $"companies:teammates:{userId:N}";

    private async ValueTask<Teammate[]> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CompaniesDbContext>();
        var teams = await db.Teams.AsNoTracking().Where(t => t.Members.Contains(userId)).Select(t => new { t.CompanyId, t.Members }).ToListAsync(cancellationToken);
        return [.. teams.SelectMany(t => t.Members.Select(member => new Teammate(t.CompanyId, member))).Distinct()];
    }
}
