using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// A list one user keeps for themselves on an entity: its filter, sort, columns and search, checked as a list would run
/// them when saved. At most one of a user's views of an entity is their default (saving a default unsets the others). A
/// preference, not company data: it follows its user into every company.
/// </summary>
public sealed class SavedView : AggregateRoot
{
    private SavedView() { }

    public Guid UserId { get; private set; }
    public string Entity { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public RecordFilter? Filter { get; private set; }
    public string? Sort { get; private set; }
    public List<string>? Columns { get; private set; }
    public string? Search { get; private set; }
    public bool IsDefault { get; private set; }

    public static SavedView New(Guid user, string entity) => new() { UserId = user, Entity = entity };

    public void Change(SaveViewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        (Name, Filter, Sort, Columns, Search, IsDefault) = (request.Name.Trim(), request.Filter, request.Sort, request.Columns?.ToList(), request.Search, request.IsDefault);
    }

    /// <summary>Another of the user's views became the default.</summary>
    public void NotDefault() => IsDefault = false;
}
