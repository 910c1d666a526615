namespace Erp.Companies;

/// <summary>The installation's companies, for work that is not a request: seeders and jobs that go company by company.</summary>
public interface ICompanyDirectory
{
    /// <summary>Every company, oldest first (the first is the one the installation started with).</summary>
    Task<IReadOnlyList<CompanyRef>> AllAsync(CancellationToken cancellationToken);
}

public sealed record CompanyRef(Guid Id, string Name, string BaseCurrency);
