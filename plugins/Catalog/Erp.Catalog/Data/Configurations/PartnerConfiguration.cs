using Erp.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Catalog.Data.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.Property(p => p.Number).HasMaxLength(PartnerLimits.MaxNumber);
        partner.Property(p => p.Name).HasMaxLength(PartnerLimits.MaxName);
        partner.Property(p => p.TaxId).HasMaxLength(30);
        partner.Property(p => p.Email).HasMaxLength(256);
        partner.Property(p => p.Phone).HasMaxLength(50);
        partner.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        partner.Property(p => p.CreditLimit).HasPrecision(19, 4);
        // Addresses and contacts are JSON in the partner's row: they belong to it alone, and row-level security covers them.
        partner.OwnsMany(p => p.Addresses, address => address.ToJson());
        partner.OwnsMany(p => p.Contacts, contact => contact.ToJson());
        partner.HasOne<PriceList>().WithMany().HasForeignKey(p => p.DefaultPriceListId).OnDelete(DeleteBehavior.SetNull);
        partner.HasIndex(p => new { p.CompanyId, p.Number }).IsUnique();
        partner.HasIndex(p => new { p.CompanyId, p.Name });
        partner.Ignore(p => p.DomainEvents);
    }
}
