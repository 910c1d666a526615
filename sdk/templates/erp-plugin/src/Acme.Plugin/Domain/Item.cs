using Erp.Kernel.Domain;

namespace Acme.Plugin.Domain;

/// <summary>
/// An item of a company. Its state changes only through its methods, which keep it valid; the kernel stamps who
/// created and changed it, keeps it to its company, and records every change in the audit log.
/// </summary>
public sealed class Item : AuditedAggregateRoot, ICompanyOwned
{
    private Item() { } // for EF Core

    public Item(string code, string name, bool active) => (Code, Name, Active) = (code, name, active);

    public Guid CompanyId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool Active { get; private set; }

    public void Change(string code, string name, bool active) => (Code, Name, Active) = (code, name, active);
}

/// <summary>The rules an item keeps, each with the code its refusal carries.</summary>
public static class ItemRules
{
    public static BusinessRule CodeMustBeUnique(string code, bool taken) => new(PluginErrors.ItemCodeTaken, taken, code);

    public static BusinessRule CompanyMayHaveNoMoreThan(long limit, int count) => new(PluginErrors.ItemLimitReached, count >= limit, limit);
}
