using System.ComponentModel.DataAnnotations;

namespace Erp.Companies;

/// <summary>People who work together in a company (a sales team); record rules may let them work with each other's records.</summary>
public sealed record TeamDto(Guid Id, string Name, string? Description, IReadOnlyList<Guid> Members, uint Version);

/// <param name="Members">The users on the team, each one who works in the team's company.</param>
public sealed record SaveTeamRequest(
    [Required, StringLength(TeamLimits.MaxName, MinimumLength = 1)] string Name,
    [StringLength(TeamLimits.MaxDescription)] string? Description,
    [Required, MaxLength(TeamLimits.MaxMembers)] IReadOnlyList<Guid> Members,
    uint Version = 0);

public static class TeamLimits
{
    public const int MaxName = 100;
    public const int MaxDescription = 500;
    public const int MaxMembers = 1000;
}

/// <summary>A user who shares a team with another, in that team's company.</summary>
public readonly record struct Teammate(Guid CompanyId, Guid UserId);

/// <summary>Who shares a team with whom: what rules such as "only records of my team" are decided by, current on every instance.</summary>
public interface ITeamDirectory
{
    /// <summary>Everyone on a team with <paramref name="userId"/> (the user too), by the team's company; none without a team.</summary>
    ValueTask<IReadOnlyList<Teammate>> TeammatesAsync(Guid userId, CancellationToken cancellationToken);
}
