using Erp.Kernel;

namespace Erp.Companies;

public static class CompaniesPermissions
{
    public const string Default = "Companies";
    public const string Manage = "Companies.Manage";

    /// <summary>Work in every company without being a member of each (administrators hold it).</summary>
    public const string AllCompanies = "Companies.AllCompanies";

    public const string Teams = "Companies.Teams";
    public const string ManageTeams = "Companies.Teams.Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Default, "See companies"),
        new(Manage, "Create and change companies and their members", Default),
        new(AllCompanies, "Work in every company"),
        new(Teams, "See the teams of a company"),
        new(ManageTeams, "Create and change teams and who is on them", Teams),
    ];
}

/// <summary>How a request names the company it works in; without it, the caller's default company.</summary>
public static class CompanyHeader
{
    public const string Name = "X-Company";
}

public static class CompaniesErrors
{
    public const string NotFound = "companies.company.not-found";
    public const string NotAMember = "companies.member.not-a-member";
    public const string TeamNotFound = "companies.team.not-found";
    public const string TeamNameTaken = "companies.team.name-taken";
    public const string TeamMemberNotInCompany = "companies.team.member-not-in-company";
}
