using Erp.Kernel.Domain;

namespace Erp.Sample.Domain.ExchangeRates;

/// <summary>A company's rate for a foreign currency from a day on. Company-owned: each company sees and keeps its own.</summary>
public sealed class ExchangeRate : AuditedAggregateRoot, ICompanyOwned
{
    private ExchangeRate() { } // for EF Core

    public ExchangeRate(string currency, decimal rate, DateOnly validFrom) => (Currency, Rate, ValidFrom) = (currency, rate, validFrom);

    public Guid CompanyId { get; private set; }
    public string Currency { get; private set; } = "";
    public decimal Rate { get; private set; }
    public DateOnly ValidFrom { get; private set; }
}
