namespace Erp.Kernel.Security;

/// <summary>
/// The companies the current caller works in: the one chosen for this request (new company-owned rows go there) and
/// every one they may read. The companies module implements it; outside a request (start-up, migrations, jobs not
/// yet bound to a company) the caller is the system, which is not restricted.
/// </summary>
public interface ICurrentCompany
{
    /// <summary>The company of this request, or null when the caller has none.</summary>
    Guid? Id { get; }

    /// <summary>Every company the caller may read; empty for anonymous callers and callers without companies.</summary>
    IReadOnlyList<Guid> Allowed { get; }

    /// <summary>System work, which sees and writes every company's rows.</summary>
    bool IsUnrestricted { get; }
}

public static class CurrentCompanyExtensions
{
    public static bool MayUse(this ICurrentCompany company, Guid companyId) => company.IsUnrestricted || company.Allowed.Contains(companyId);
}
