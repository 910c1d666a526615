using Erp.Kernel.Domain;

namespace Erp.Companies.Domain;

/// <summary>
/// People who work together in a company: a sales team, a warehouse shift. Its members are users who work in the company
/// (checked by <see cref="Application.TeamService"/>, which knows who does); record rules can let them work with each
/// other's records.
/// </summary>
public sealed class Team : AuditedAggregateRoot, ICompanyOwned
{
    private Team() { } // for EF Core

    public Team(string name, string? description, IEnumerable<Guid> members) => Change(name, description, members);

    public Guid CompanyId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>The users on the team, each once.</summary>
    public List<Guid> Members { get; private set; } = [];

    public void Change(string name, string? description, IEnumerable<Guid> members) =>
        (Name, Description, Members) = (name.Trim(), string.IsNullOrWhiteSpace(description) ? null : description.Trim(), [.. members.Distinct()]);
}
