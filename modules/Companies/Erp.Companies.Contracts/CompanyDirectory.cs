namespace Erp.Companies;

/// <summary>The installation's companies, for work that is not a request (seeders and jobs that go company by company) and for documents printed on a company's letterhead.</summary>
public interface ICompanyDirectory
{
    /// <summary>Every company, oldest first (the first is the one the installation started with).</summary>
    Task<IReadOnlyList<CompanyRef>> AllAsync(CancellationToken cancellationToken);

    /// <summary>A company's details (a printed document's letterhead), whoever asks; null when there is no such company.</summary>
    Task<CompanyDto?> FindAsync(Guid id, CancellationToken cancellationToken);
}

public sealed record CompanyRef(Guid Id, string Name, string BaseCurrency);
