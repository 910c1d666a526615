using Erp.Invoicing.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Invoicing.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.ToTable("invoices");
        invoice.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        invoice.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        invoice.Property(i => i.TaxRounding).HasConversion<string>().HasMaxLength(20);
        invoice.Property(i => i.Number).HasMaxLength(40);
        invoice.Property(i => i.SalesOrderNumber).HasMaxLength(40);
        invoice.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        invoice.Property(i => i.Note).HasMaxLength(2000);
        foreach (var total in new[] { nameof(Invoice.NetTotal), nameof(Invoice.TaxTotal), nameof(Invoice.GrossTotal) }) invoice.Property(total).HasPrecision(19, 2);
        invoice.Ignore(i => i.Settled);
        invoice.Ignore(i => i.Open);
        invoice.HasIndex(i => new { i.CompanyId, i.Number }).IsUnique();
        invoice.HasIndex(i => i.SalesOrderId);
        invoice.HasIndex(i => i.CreditedInvoiceId);
        invoice.HasIndex(i => new { i.CustomerId, i.Status });
        invoice.HasOne<Invoice>().WithMany().HasForeignKey(i => i.CreditedInvoiceId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasMany(i => i.Lines).WithOne().HasForeignKey("InvoiceId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        invoice.HasMany(i => i.Payments).WithOne().HasForeignKey("InvoiceId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        invoice.Navigation(i => i.Lines).AutoInclude();
        invoice.Navigation(i => i.Payments).AutoInclude();
        invoice.Ignore(i => i.DomainEvents);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> line)
    {
        line.ToTable("invoice_lines");
        line.Property(l => l.Id).ValueGeneratedNever();
        line.Property(l => l.Description).HasMaxLength(500);
        line.Property(l => l.Unit).HasMaxLength(10);
        line.Property(l => l.Quantity).HasPrecision(19, 4);
        line.Property(l => l.UnitPrice).HasPrecision(19, 4);
        line.Property(l => l.DiscountPercent).HasPrecision(5, 2);
        line.Property(l => l.TaxRate).HasPrecision(5, 2);
        foreach (var amount in new[] { nameof(InvoiceLine.NetAmount), nameof(InvoiceLine.TaxAmount), nameof(InvoiceLine.GrossAmount) }) line.Property(amount).HasPrecision(19, 2);
        line.HasIndex("InvoiceId", nameof(InvoiceLine.LineNumber)).IsUnique();
        line.HasIndex(l => l.CreditedLineId);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.Property(p => p.Id).ValueGeneratedNever();
        payment.Property(p => p.Amount).HasPrecision(19, 2);
        payment.Property(p => p.Reference).HasMaxLength(100);
    }
}
