using Erp.Sales.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Sales.Data.Configurations;

// Amounts to the cent as stored totals, unit prices and quantities to 4 places.
internal sealed class SalesOrderConfiguration : IEntityTypeConfiguration<SalesOrder>
{
    public void Configure(EntityTypeBuilder<SalesOrder> order)
    {
        order.ToTable("orders");
        order.Property(o => o.QuotationNumber).HasMaxLength(40);
        order.Property(o => o.Number).HasMaxLength(40);
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.TaxRounding).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.Currency).HasMaxLength(3).IsFixedLength();
        foreach (var total in new[] { nameof(SalesOrder.NetTotal), nameof(SalesOrder.TaxTotal), nameof(SalesOrder.GrossTotal) }) order.Property(total).HasPrecision(19, 2);
        order.HasIndex(o => new { o.CompanyId, o.QuotationNumber }).IsUnique();
        order.HasIndex(o => new { o.CompanyId, o.Number }).IsUnique();
        order.HasIndex(o => new { o.CustomerId, o.Status });
        order.HasMany(o => o.Lines).WithOne().HasForeignKey("OrderId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        order.HasMany(o => o.Deliveries).WithOne().HasForeignKey("OrderId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        order.Navigation(o => o.Lines).AutoInclude();
        order.Navigation(o => o.Deliveries).AutoInclude();
        order.Ignore(o => o.DomainEvents);
    }
}

internal sealed class SalesOrderLineConfiguration : IEntityTypeConfiguration<SalesOrderLine>
{
    public void Configure(EntityTypeBuilder<SalesOrderLine> line)
    {
        line.ToTable("order_lines");
        line.Property(l => l.Id).ValueGeneratedNever();
        line.Property(l => l.Description).HasMaxLength(SalesLimits.MaxDescription);
        line.Property(l => l.Unit).HasMaxLength(10);
        line.Property(l => l.TaxCategory).HasMaxLength(20);
        foreach (var quantity in new[] { nameof(SalesOrderLine.Quantity), nameof(SalesOrderLine.Delivered), nameof(SalesOrderLine.Invoiced), nameof(SalesOrderLine.UnitPrice) })
            line.Property(quantity).HasPrecision(19, 4);
        line.Property(l => l.DiscountPercent).HasPrecision(5, 2);
        line.Property(l => l.TaxRate).HasPrecision(5, 2);
        foreach (var amount in new[] { nameof(SalesOrderLine.NetAmount), nameof(SalesOrderLine.TaxAmount), nameof(SalesOrderLine.GrossAmount) }) line.Property(amount).HasPrecision(19, 2);
        line.HasIndex("OrderId", nameof(SalesOrderLine.LineNumber)).IsUnique();
        line.HasIndex(l => l.ProductId);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.ToTable("deliveries");
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Number).HasMaxLength(40);
        delivery.HasIndex(d => new { d.CompanyId, d.Number }).IsUnique();
        // A delivery note's lines are written once, with it, and read with it: JSON in its row.
        delivery.OwnsMany(d => d.Lines, line => line.ToJson());
    }
}
