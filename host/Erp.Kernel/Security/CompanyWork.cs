namespace Erp.Kernel.Security;

/// <summary>
/// The company background work of this scope runs in. A request settles its company from the caller; work outside a
/// request is the system, unrestricted, until it says which company it does: the outbox for an event published in a
/// company, or a recurring job that goes company by company (one scope each). Once set, <see cref="ICurrentCompany"/>
/// reads exactly that company, so the company filter, the stamps on new rows and the settings' company level follow it.
/// </summary>
public sealed class CompanyWork
{
    public Guid? CompanyId { get; private set; }

    /// <summary>Runs the rest of this scope in <paramref name="companyId"/>; a scope does the work of one company only.</summary>
    public void RunIn(Guid companyId)
    {
        if (CompanyId is { } current && current != companyId)
            throw new InvalidOperationException($"This scope already runs in company {current}; start a scope per company.");
        CompanyId = companyId;
    }
}
