using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>What must hold of inventory's tables after any use case, whichever plugin ran it.</summary>
public static class StockLedgerChecks
{
    /// <summary>
    /// Every balance's on-hand is the sum of its location's moves of the product, and its reserved units are what open
    /// reservation lines promise there; every product's cost quantity is the sum of its company's moves.
    /// </summary>
    public static async Task ShouldAgreeAsync(string database)
    {
        (await PostgresServer.ScalarAsync<string>(database, """
            SELECT coalesce(string_agg(location_id || '/' || product_id || ': ' || coalesce(on_hand, 0) || ' on hand, ' || coalesce(moved, 0) || ' moved', '; '), '')
            FROM inventory.stock_balances b
            FULL JOIN (SELECT location_id, product_id, sum(quantity) AS moved FROM inventory.stock_moves GROUP BY 1, 2) m USING (location_id, product_id)
            WHERE coalesce(on_hand, 0) <> coalesce(moved, 0)
            """)).ShouldBeEmpty("the ledger's sums are the balances");
        (await PostgresServer.ScalarAsync<string>(database, """
            SELECT coalesce(string_agg(location_id || '/' || product_id || ': ' || coalesce(reserved, 0) || ' reserved, ' || coalesce(open, 0) || ' open', '; '), '')
            FROM inventory.stock_balances b
            FULL JOIN (SELECT location_id, product_id, sum(quantity - delivered - released) AS open FROM inventory.reservation_lines GROUP BY 1, 2) r USING (location_id, product_id)
            WHERE coalesce(reserved, 0) <> coalesce(open, 0)
            """)).ShouldBeEmpty("the open reservations are what the balances hold reserved");
        (await PostgresServer.ScalarAsync<string>(database, """
            SELECT coalesce(string_agg(company_id || '/' || product_id, '; '), '')
            FROM inventory.product_costs c
            FULL JOIN (SELECT company_id, product_id, sum(quantity) AS moved FROM inventory.stock_moves GROUP BY 1, 2) m USING (company_id, product_id)
            WHERE coalesce(c.quantity, 0) <> coalesce(moved, 0)
            """)).ShouldBeEmpty("every product's valued quantity is its moves' sum");
    }
}
