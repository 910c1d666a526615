namespace Erp.Kernel.Domain;

/// <summary>
/// An entity that belongs to one company (legal entity). Every query of it, in any module or plugin, sees only the
/// companies the caller may use (a global query filter every module context applies); a new one is stamped with the
/// caller's current company on save, and a save touching another company's row is refused with 403. Entities declare
/// <c>public Guid CompanyId { get; private set; }</c> and never set it.
/// </summary>
public interface ICompanyOwned
{
    Guid CompanyId { get; }
}

/// <summary>
/// A record about a company that is not company-owned data itself (the company, its members, its settings): its changes
/// in the audit log are shown only to those who work in <see cref="AuditCompanyId"/>, as company-owned rows' are.
/// </summary>
public interface IAuditedInCompany
{
    Guid? AuditCompanyId { get; }
}

/// <summary>The problem codes of company ownership.</summary>
public static class CompanyErrors
{
    /// <summary>The request names a company the caller does not work in, or writes a row of one.</summary>
    public const string Forbidden = "company.forbidden";

    /// <summary>The caller works in no company, so a new company-owned row has none to belong to.</summary>
    public const string NoCompany = "company.none";
}
