using Erp.Kernel.Domain;

namespace Erp.Inventory.Domain;

/// <summary>A company's store of goods, divided into locations; stock is counted per location.</summary>
public sealed class Warehouse : AuditedAggregateRoot, ICompanyOwned
{
    private Warehouse() { } // for EF Core

    public Warehouse(WarehouseDetails details) => Apply(details, new HashSet<Guid>());

    public Guid CompanyId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool AllowNegativeStock { get; private set; }
    public bool Active { get; private set; }
    public List<Location> Locations { get; private set; } = [];

    /// <summary>Where stock goes when a document names no location: the first one listed.</summary>
    public Location DefaultLocation => Locations.OrderBy(l => l.Position).First();

    public Location? LocationOf(Guid id) => Locations.Find(l => l.Id == id);

    /// <param name="used">The locations stock has moved through or been reserved at: they stay, for the ledger that names them.</param>
    public void Change(WarehouseDetails details, IReadOnlySet<Guid> used) => Apply(details, used);

    private void Apply(WarehouseDetails details, IReadOnlySet<Guid> used)
    {
        Check(WarehouseRules.LocationCodesMustBeUnique(details.Locations));
        foreach (var given in details.Locations.Where(l => l.Id is { } id && LocationOf(id) is null))
            throw new NotFoundException(InventoryErrors.LocationNotFound, given.Id);
        foreach (var removed in Locations.Where(l => details.Locations.All(d => d.Id != l.Id)).ToList())
        {
            Check(WarehouseRules.UsedLocationStays(removed.Code, used.Contains(removed.Id)));
            Locations.Remove(removed);
        }

        (Code, Name, AllowNegativeStock, Active) = (details.Code, details.Name.Trim(), details.AllowNegativeStock, details.Active);
        for (var position = 0; position < details.Locations.Count; position++)
        {
            var (id, code, name) = details.Locations[position];
            if (id is { } existing) LocationOf(existing)!.Change(code, name, position);
            else Locations.Add(new Location(code, name, position));
        }
    }
}

/// <summary>A place in a warehouse (a shelf, a bay, a zone).</summary>
public sealed class Location : Entity<Guid>, ICompanyOwned
{
    private Location() { } // for EF Core

    internal Location(string code, string name, int position)
    {
        Id = Guid.CreateVersion7();
        Change(code, name, position);
    }

    public Guid CompanyId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Its place in the warehouse's list; the first is where unplaced stock goes.</summary>
    public int Position { get; private set; }

    internal void Change(string code, string name, int position) => (Code, Name, Position) = (code, name.Trim(), position);
}

public sealed record WarehouseDetails(string Code, string Name, bool AllowNegativeStock, bool Active, IReadOnlyList<(Guid? Id, string Code, string Name)> Locations);

public static class WarehouseRules
{
    public static BusinessRule CodeMustBeUnique(string code, bool taken) => new(InventoryErrors.WarehouseCodeTaken, taken, code);

    public static BusinessRule LocationCodesMustBeUnique(IReadOnlyList<(Guid? Id, string Code, string Name)> locations) =>
        locations.GroupBy(l => l.Code).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? new BusinessRule(InventoryErrors.LocationCodeTaken, true, twice.Key)
            : new BusinessRule(InventoryErrors.LocationCodeTaken, false);

    /// <summary>Stock and its history are never lost by editing a warehouse: a location the ledger names stays (renamed, if need be).</summary>
    public static BusinessRule UsedLocationStays(string code, bool used) => new(InventoryErrors.LocationInUse, used, code);

    public static BusinessRule MustBeActive(Warehouse warehouse) => new(InventoryErrors.WarehouseInactive, !warehouse.Active, warehouse.Code);
}
