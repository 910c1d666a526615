using Erp.Companies.Data;
using Erp.Companies.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Companies.Application;

/// <summary>The teams of the request's company (the company filter keeps every other company's out), and who is on them.</summary>
internal sealed class TeamService(CompaniesDbContext db, TeamDirectory directory, ICurrentCompany current)
{
    public async Task<IReadOnlyList<TeamDto>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.Teams.AsNoTracking().Where(InCurrentCompany()).OrderBy(t => t.Name).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<TeamDto> GetAsync(Guid id, CancellationToken cancellationToken) => ToDto(await FindAsync(id, cancellationToken));

    public async Task<TeamDto> CreateAsync(SaveTeamRequest request, CancellationToken cancellationToken)
    {
        await CheckAsync(null, request, cancellationToken);
        var team = db.Teams.Add(new Team(request.Name, request.Description, request.Members)).Entity;
        await db.SaveChangesAsync(cancellationToken);
        await directory.ForgetAsync(team.Members, cancellationToken);
        return ToDto(team);
    }

    public async Task<TeamDto> UpdateAsync(Guid id, SaveTeamRequest request, CancellationToken cancellationToken)
    {
        var team = await FindAsync(id, cancellationToken);
        await CheckAsync(team, request, cancellationToken);
        db.Entry(team).Property(t => t.Version).OriginalValue = request.Version;
        var before = team.Members;
        team.Change(request.Name, request.Description, request.Members);
        await db.SaveChangesAsync(cancellationToken);
        await directory.ForgetAsync(before.Union(team.Members), cancellationToken);
        return ToDto(team);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var team = await FindAsync(id, cancellationToken);
        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken);
        await directory.ForgetAsync(team.Members, cancellationToken);
    }

    // A team's name is its company's once; its members are users who work in the company.
    private async Task CheckAsync(Team? team, SaveTeamRequest request, CancellationToken cancellationToken)
    {
        var companyId = team?.CompanyId ?? current.Id ?? throw new ForbiddenException(CompaniesErrors.NotAMember);
        var name = request.Name.Trim();
        if (await db.Teams.AnyAsync(t => t.CompanyId == companyId && t.Name == name && t.Id != (team == null ? Guid.Empty : team.Id), cancellationToken))
            throw new BusinessRuleException(CompaniesErrors.TeamNameTaken, name);
        var members = request.Members.Distinct().ToArray();
        var working = await db.Members.Where(m => m.CompanyId == companyId && m.UserId != null && members.Contains(m.UserId.Value))
            .Select(m => m.UserId!.Value).ToListAsync(cancellationToken);
        if (members.Except(working).ToList() is [var stranger, ..]) throw new InvalidFieldsException("members", CompaniesErrors.TeamMemberNotInCompany, stranger);
    }

    private async Task<Team> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Teams.Where(InCurrentCompany()).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
        ?? throw new NotFoundException(CompaniesErrors.TeamNotFound, id);

    // The request's company's: one who works in several companies manages each one's teams while working in it.
    private System.Linq.Expressions.Expression<Func<Team, bool>> InCurrentCompany()
    {
        var companyId = current.Id;
        return t => t.CompanyId == companyId;
    }

    private static TeamDto ToDto(Team t) => new(t.Id, t.Name, t.Description, t.Members, t.Version);
}
