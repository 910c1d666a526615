using Erp.Sample.Domain.ExchangeRates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Sample.Data.Configurations;

internal sealed class ExchangeRateConfiguration : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> rate)
    {
        rate.ToTable("exchange_rates");
        rate.Property(r => r.Currency).HasMaxLength(3);
        rate.Property(r => r.Rate).HasPrecision(18, 6);
        rate.HasIndex(r => new { r.CompanyId, r.Currency, r.ValidFrom }).IsUnique();
    }
}
