using Erp.Inventory.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Inventory.Data.Configurations;

// Quantities to 4 places (grams of a kilogram, minutes of an hour); costs to 6, so averages do not drift.
internal sealed class StockMoveConfiguration : IEntityTypeConfiguration<StockMove>
{
    public const string Sequence = "Sequence";

    public void Configure(EntityTypeBuilder<StockMove> move)
    {
        move.ToTable("stock_moves");
        move.Property(m => m.Id).ValueGeneratedNever();
        // The ledger's own order: the order moves were written in (the moves of one save, such as a transfer's two, in any order).
        move.Property<long>(StockMoveConfiguration.Sequence).UseIdentityAlwaysColumn();
        move.HasIndex(StockMoveConfiguration.Sequence).IsUnique();
        move.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        move.Property(m => m.Reason).HasConversion<string>().HasMaxLength(20);
        move.Property(m => m.Quantity).HasPrecision(19, 4);
        move.Property(m => m.UnitCost).HasPrecision(19, 6);
        move.Property(m => m.Reference).HasMaxLength(StockLimits.MaxReference);
        move.Property(m => m.Note).HasMaxLength(StockLimits.MaxNote);
        move.HasOne<Location>().WithMany().HasForeignKey(m => m.LocationId).OnDelete(DeleteBehavior.Restrict);
        move.HasIndex(m => new { m.ProductId, m.WarehouseId, m.At });
        move.HasIndex(m => m.Reference);
        move.HasIndex(m => m.ReversesId).IsUnique(); // a move is taken back once
        // The ledger is its own audit trail (who, when, why, on every row), and it is never changed.
        move.IsNotAudited();
    }
}

internal sealed class StockBalanceConfiguration : IEntityTypeConfiguration<StockBalance>
{
    public void Configure(EntityTypeBuilder<StockBalance> balance)
    {
        balance.ToTable("stock_balances"); // named in StockLedger's locking SQL
        balance.HasKey(b => new { b.LocationId, b.ProductId });
        balance.Property(b => b.OnHand).HasPrecision(19, 4);
        balance.Property(b => b.Reserved).HasPrecision(19, 4);
        balance.Ignore(b => b.Available);
        balance.HasOne<Location>().WithMany().HasForeignKey(b => b.LocationId).OnDelete(DeleteBehavior.Restrict);
        balance.HasIndex(b => new { b.WarehouseId, b.ProductId });
        balance.IsNotAudited(); // follows the ledger, which is
    }
}

internal sealed class ProductCostConfiguration : IEntityTypeConfiguration<ProductCost>
{
    public void Configure(EntityTypeBuilder<ProductCost> cost)
    {
        cost.ToTable("product_costs"); // named in StockLedger's locking SQL
        cost.HasKey(c => new { c.CompanyId, c.ProductId });
        cost.Property(c => c.Quantity).HasPrecision(19, 4);
        cost.Property(c => c.AverageCost).HasPrecision(19, 6);
        cost.IsNotAudited(); // follows the ledger, which is
    }
}

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        reservation.Property(r => r.Reference).HasMaxLength(StockLimits.MaxReference);
        reservation.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        reservation.HasIndex(r => new { r.CompanyId, r.Reference }).IsUnique();
        reservation.HasOne<Warehouse>().WithMany().HasForeignKey(r => r.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        reservation.HasMany(r => r.Lines).WithOne().HasForeignKey("ReservationId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        reservation.Navigation(r => r.Lines).AutoInclude();
        reservation.Ignore(r => r.DomainEvents);
    }
}

internal sealed class ReservationLineConfiguration : IEntityTypeConfiguration<ReservationLine>
{
    public void Configure(EntityTypeBuilder<ReservationLine> line)
    {
        line.ToTable("reservation_lines");
        line.Property(l => l.Id).ValueGeneratedNever();
        line.Property(l => l.Quantity).HasPrecision(19, 4);
        line.Property(l => l.Delivered).HasPrecision(19, 4);
        line.Property(l => l.Released).HasPrecision(19, 4);
        line.Ignore(l => l.Open);
        line.HasIndex("ReservationId", nameof(ReservationLine.Number)).IsUnique();
        line.HasOne<Location>().WithMany().HasForeignKey(l => l.LocationId).OnDelete(DeleteBehavior.Restrict);
    }
}
