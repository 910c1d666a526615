using Erp.Kernel.Domain;

namespace Erp.Sample.Domain.Currencies;

public sealed class Currency : AuditedAggregateRoot, ISoftDelete
{
    private Currency() { } // for EF Core

    public Currency(string code, string name, int decimalPlaces, bool isBase = false)
    {
        Code = code;
        Name = name.Trim();
        DecimalPlaces = decimalPlaces;
        IsBase = isBase;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int DecimalPlaces { get; private set; }

    /// <summary>The currency amounts are booked in; exactly the seeded one.</summary>
    public bool IsBase { get; private set; }

    public bool IsDeleted { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedBy { get; private set; }
    public string? DeletedByClient { get; private set; }

    public void Rename(string newName)
    {
        newName = newName.Trim();
        if (newName == Name) return;
        var oldName = Name;
        Name = newName;
        Raise(new CurrencyRenamed(Id, oldName, newName));
    }

    /// <summary>Checks the currency may go; the DbContext's Remove then soft-deletes it.</summary>
    public void EnsureCanBeDeleted() => Check(CurrencyRules.BaseCurrencyCannotBeDeleted(this));
}

/// <summary>An entry of a currency's name history, written by <see cref="RecordNameChange"/>.</summary>
public sealed class CurrencyNameChange
{
    private CurrencyNameChange() { } // for EF Core

    public CurrencyNameChange(Guid currencyId, string oldName, string newName, DateTimeOffset changedAt) =>
        (CurrencyId, OldName, NewName, ChangedAt) = (currencyId, oldName, newName, changedAt);

    public long Id { get; private set; }
    public Guid CurrencyId { get; private set; }
    public string OldName { get; private set; } = "";
    public string NewName { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }
}
