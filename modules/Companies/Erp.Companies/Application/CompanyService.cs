using Erp.Companies.Data;
using Erp.Companies.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Companies.Application;

/// <summary>
/// Companies and their members for administrators; a caller's own companies and default for everyone. An administrator
/// of companies manages the companies they work in (all of them with <c>Companies.AllCompanies</c>): one who works in A
/// neither sees B nor makes themselves a member of it.
/// </summary>
internal sealed class CompanyService(CompaniesDbContext db, CallerCompanies callers, ICurrentUser caller, ICurrentCompany current)
{
    public async Task<IReadOnlyList<CompanyDto>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await Visible().AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<CompanyDto> CreateAsync(SaveCompanyRequest request, CancellationToken cancellationToken)
    {
        var company = new Company(Details(request));
        db.Companies.Add(company);
        // Whoever creates a company works in it.
        if (caller.UserId is { } userId) db.Members.Add(CompanyMember.User(company.Id, userId));
        else if (caller.ClientId is { } clientId) db.Members.Add(CompanyMember.Client(company.Id, clientId));
        await db.SaveChangesAsync(cancellationToken);
        await callers.ForgetAsync(caller.UserId, caller.ClientId, cancellationToken);
        await callers.ForgetAllAsync(cancellationToken);
        return ToDto(company);
    }

    public async Task<CompanyDto> UpdateAsync(Guid id, SaveCompanyRequest request, CancellationToken cancellationToken)
    {
        var company = await FindAsync(id, cancellationToken);
        db.Entry(company).Property(c => c.Version).OriginalValue = request.Version;
        company.Change(Details(request));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(company);
    }

    public async Task<CompanyMembersDto> MembersAsync(Guid id, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => m.CompanyId == id).ToListAsync(cancellationToken);
        return new CompanyMembersDto([.. members.Where(m => m.UserId is not null).Select(m => m.UserId!.Value)],
            [.. members.Where(m => m.ClientId is not null).Select(m => m.ClientId!)]);
    }

    /// <summary>Adds and removes members in one save; adding a member twice or removing a non-member is a no-op.</summary>
    public async Task UpdateMembersAsync(Guid id, UpdateCompanyMembersRequest request, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        var members = await db.Members.Where(m => m.CompanyId == id).ToListAsync(cancellationToken);
        var (addUsers, removeUsers) = ((request.AddUsers ?? []).ToHashSet(), (request.RemoveUsers ?? []).ToHashSet());
        var (addClients, removeClients) = ((request.AddClients ?? []).ToHashSet(StringComparer.Ordinal), (request.RemoveClients ?? []).ToHashSet(StringComparer.Ordinal));
        db.Members.RemoveRange(members.Where(m => (m.UserId is { } u && removeUsers.Contains(u)) || (m.ClientId is { } c && removeClients.Contains(c))));
        db.Members.AddRange(addUsers.Except(members.Where(m => m.UserId is not null).Select(m => m.UserId!.Value)).Select(u => CompanyMember.User(id, u)));
        db.Members.AddRange(addClients.Except(members.Where(m => m.ClientId is not null).Select(m => m.ClientId!)).Select(c => CompanyMember.Client(id, c)));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var user in addUsers.Concat(removeUsers)) await callers.ForgetAsync(user, null, cancellationToken);
        foreach (var client in addClients.Concat(removeClients)) await callers.ForgetAsync(null, client, cancellationToken);
    }

    public async Task<IReadOnlyList<MyCompanyDto>> MineAsync(CancellationToken cancellationToken)
    {
        var allowed = current.Allowed.ToArray();
        var companies = await db.Companies.AsNoTracking().Where(c => allowed.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var defaultId = caller.UserId is { } userId
            ? await db.Members.Where(m => m.UserId == userId && m.IsDefault).Select(m => (Guid?)m.CompanyId).FirstOrDefaultAsync(cancellationToken)
            : null;
        return [.. companies.Select(c => new MyCompanyDto(c.Id, c.Name, c.BaseCurrency, c.TimeZone, c.Id == current.Id, c.Id == defaultId))];
    }

    /// <summary>Remembers the company the user's requests without the company header work in.</summary>
    public async Task SetDefaultAsync(SetDefaultCompanyRequest request, CancellationToken cancellationToken)
    {
        var userId = caller.UserId ?? throw new ForbiddenException(CompaniesErrors.NotAMember);
        var members = await db.Members.Where(m => m.UserId == userId).ToListAsync(cancellationToken);
        if (members.All(m => m.CompanyId != request.CompanyId))
            throw new ForbiddenException(CompaniesErrors.NotAMember);
        foreach (var member in members) member.MakeDefault(member.CompanyId == request.CompanyId);
        await db.SaveChangesAsync(cancellationToken);
        await callers.ForgetAsync(userId, null, cancellationToken);
    }

    private async Task<Company> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await Visible().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(CompaniesErrors.NotFound, id);

    /// <summary>
    /// Whether <paramref name="id"/> is the company this request works in: a company's attachments belong to it, as every
    /// company-owned row does, so they are read and added while working in it.
    /// </summary>
    public async Task<bool> IsCurrentAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var companyId) && companyId == current.Id && await Visible().AnyAsync(c => c.Id == companyId, cancellationToken);

    private IQueryable<Company> Visible()
    {
        if (current.IsUnrestricted) return db.Companies;
        var allowed = current.Allowed.ToArray();
        return db.Companies.Where(c => allowed.Contains(c.Id));
    }

    private static CompanyDetails Details(SaveCompanyRequest r) => new(r.Name, r.LegalName, r.TaxId, r.Address.Street, r.Address.PostalCode,
        r.Address.City, r.Address.Country, r.BaseCurrency, r.TimeZone, r.FiscalYearStartMonth);

    internal static CompanyDto ToDto(Company c) => new(c.Id, c.Name, c.LegalName, c.TaxId, new AddressDto(c.Street, c.PostalCode, c.City, c.Country),
        c.BaseCurrency, c.TimeZone, c.FiscalYearStartMonth, c.Version);
}
