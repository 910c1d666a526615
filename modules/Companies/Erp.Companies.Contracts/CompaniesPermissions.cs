using Erp.Kernel;

namespace Erp.Companies;

public static class CompaniesPermissions
{
    public const string Default = "Companies";
    public const string Manage = "Companies.Manage";

    /// <summary>Work in every company without being a member of each (administrators hold it).</summary>
    public const string AllCompanies = "Companies.AllCompanies";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Default, "See companies"),
        new(Manage, "Create and change companies and their members", Default),
        new(AllCompanies, "Work in every company"),
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
}
