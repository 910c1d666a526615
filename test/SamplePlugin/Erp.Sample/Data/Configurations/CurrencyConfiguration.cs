using Erp.Sample.Currencies;
using Erp.Sample.Domain.Currencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Sample.Data.Configurations;

internal sealed class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
{
    public void Configure(EntityTypeBuilder<Currency> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(CurrencyLimits.CodeLength).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(CurrencyLimits.MaxName);
        // Unique among all rows, deleted ones included: a code is never reused.
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class CurrencyNameChangeConfiguration : IEntityTypeConfiguration<CurrencyNameChange>
{
    public void Configure(EntityTypeBuilder<CurrencyNameChange> builder)
    {
        builder.Property(c => c.OldName).HasMaxLength(CurrencyLimits.MaxName);
        builder.Property(c => c.NewName).HasMaxLength(CurrencyLimits.MaxName);
        builder.HasOne<Currency>().WithMany().HasForeignKey(c => c.CurrencyId);
        builder.HasIndex(c => c.CurrencyId);
    }
}
