using Erp.Companies.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Companies.Http;

internal static class TeamEndpoints
{
    public static void MapTeamEndpoints(this IEndpointRouteBuilder api)
    {
        var teams = api.MapGroup("/api/teams").WithTags("Teams").WithStandardProblems();
        teams.MapGet("", ListAsync).WithName("ListTeams").RequirePermission(CompaniesPermissions.Teams)
            .WithSummary("The teams of the company the request works in.");
        teams.MapGet("/{id:guid}", GetAsync).WithName("GetTeam").RequirePermission(CompaniesPermissions.Teams)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        teams.MapPost("", CreateAsync).WithName("CreateTeam").RequirePermission(CompaniesPermissions.ManageTeams)
            .WithProblemResponses(StatusCodes.Status409Conflict)
            .WithSummary("Creates a team in the request's company; its members are users who work there.");
        teams.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTeam").RequirePermission(CompaniesPermissions.ManageTeams)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Renames a team and sets who is on it (optimistic concurrency: the team's version).");
        teams.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTeam").RequirePermission(CompaniesPermissions.ManageTeams)
            .WithProblemResponses(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<TeamDto>>> ListAsync(TeamService teams, CancellationToken ct) => TypedResults.Ok(await teams.ListAsync(ct));

    private static async Task<Ok<TeamDto>> GetAsync(Guid id, TeamService teams, CancellationToken ct) => TypedResults.Ok(await teams.GetAsync(id, ct));

    private static async Task<Created<TeamDto>> CreateAsync(SaveTeamRequest body, TeamService teams, CancellationToken ct)
    {
        var team = await teams.CreateAsync(body, ct);
        return TypedResults.Created($"/api/teams/{team.Id}", team);
    }

    private static async Task<Ok<TeamDto>> UpdateAsync(Guid id, SaveTeamRequest body, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(await teams.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, TeamService teams, CancellationToken ct)
    {
        await teams.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
