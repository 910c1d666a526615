using Erp.Inventory.Data;
using Erp.Kernel.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Inventory.Application;

/// <summary>Business metrics of inventory for Prometheus and etc/grafana: stock-outs.</summary>
internal static class InventoryMetrics
{
    private static readonly string Schema = InventoryDbContext.Schema;

    public static IServiceCollection AddInventoryMetrics(this IServiceCollection services) => services
        .AddDatabaseGauge("Erp.Inventory", "erp.inventory.stock_outs", "{product}",
            "Products with nothing available (on hand less reserved) in a warehouse that stocks them or keeps a reorder level for them.",
            $"""
            SELECT count(*) FROM (SELECT product_id, warehouse_id FROM {Schema}.stock_balances UNION SELECT product_id, warehouse_id FROM {Schema}.reorder_levels) p
            WHERE coalesce((SELECT sum(b.on_hand - b.reserved) FROM {Schema}.stock_balances b WHERE b.product_id = p.product_id AND b.warehouse_id = p.warehouse_id), 0) <= 0
            """);
}
