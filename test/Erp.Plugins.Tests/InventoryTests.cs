using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// The inventory plugin over HTTP: warehouses and locations, the append-only stock ledger and the balances beside it,
/// moving average cost, reservations that never oversell, reorder levels.
/// </summary>
public sealed class InventoryTests(InventoryTests.Fixture fixture) : IClassFixture<InventoryTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Receipts_Issues_Transfers_AndAdjustments_KeepTheLedgerTheBalancesAndTheAverageCostInStep()
    {
        var (client, _) = await CompanyAsync("Moves");
        var hammer = await ProductAsync(client, "HAM-1");
        var (warehouse, front, back) = await WarehouseAsync(client, "MAIN");

        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, reference = "PO-1", lines = new[] { new { productId = hammer, quantity = 10m, unitCost = 2m } } });
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, reference = "PO-2", lines = new[] { new { productId = hammer, quantity = 10m, unitCost = 4m } } });
        var issued = await PostOkAsync(client, "/api/inventory/issues", new { warehouseId = warehouse, lines = new[] { new { productId = hammer, quantity = 5m } } });
        issued[0].GetProperty("unitCost").GetDecimal().ShouldBe(3m, "an issue leaves at the moving average of 10 at 2 and 10 at 4");
        issued[0].GetProperty("quantity").GetDecimal().ShouldBe(-5m);
        await PostOkAsync(client, "/api/inventory/transfers", new { productId = hammer, fromLocationId = front, toLocationId = back, quantity = 3m });
        (await client.PostAsJsonAsync("/api/inventory/adjustments", new { locationId = front, productId = hammer, change = -1m, reason = "Damaged" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = hammer, quantity = 6m, unitCost = 5.5m } } });

        (await BalancesAsync(client, hammer)).ShouldBe([(front, 17m, 0m), (back, 3m, 0m)]);
        var stock = (await client.GetFromJsonAsync<JsonElement[]>($"/api/inventory/stock?productId={hammer}", Ct))!.Single();
        stock.GetProperty("onHand").GetDecimal().ShouldBe(20m);
        stock.GetProperty("averageCost").GetDecimal().ShouldBe(3.75m, "14 at 3, then 6 at 5.5: (42 + 33) / 20");
        var ledger = (await client.GetFromJsonAsync<JsonElement>($"/api/inventory/moves?productId={hammer}", Ct)).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("kind").GetString()).ToList();
        // Newest first; a transfer's two moves are written by one save, in either order.
        ledger.ShouldBe(["Receipt", "Adjustment", ledger[2], ledger[3], "Issue", "Receipt", "Receipt"]);
        ledger.Skip(2).Take(2).ShouldBe(["TransferIn", "TransferOut"], ignoreOrder: true);
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task TheLedgerIsNeverChanged_AMistakeIsReversedOnce_AndATransferIsReversedWhole()
    {
        var (client, _) = await CompanyAsync("Reversals");
        var nail = await ProductAsync(client, "NAIL-1");
        var (warehouse, front, back) = await WarehouseAsync(client, "MAIN");
        var receipt = (await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = nail, quantity = 8m, unitCost = 1m } } }))[0];
        var transfer = await PostOkAsync(client, "/api/inventory/transfers", new { productId = nail, fromLocationId = front, toLocationId = back, quantity = 5m });

        var id = receipt.GetProperty("id").GetGuid();
        await Should.ThrowAsync<Npgsql.PostgresException>(() => PostgresServer.ExecuteAsync($"UPDATE inventory.stock_moves SET quantity = 100 WHERE id = '{id}'", fixture.Database));
        await Should.ThrowAsync<Npgsql.PostgresException>(() => PostgresServer.ExecuteAsync($"DELETE FROM inventory.stock_moves WHERE id = '{id}'", fixture.Database));

        await (await client.PostAsync($"/api/inventory/moves/{id}/reversal", null, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.stock.insufficient", "5 of the 8 received have moved on: the receipt cannot be taken back whole");
        var reversed = await PostOkAsync(client, $"/api/inventory/moves/{transfer[1].GetProperty("id").GetGuid()}/reversal", null);
        reversed.Select(m => m.GetProperty("quantity").GetDecimal()).ShouldBe([5m, -5m], ignoreOrder: true);
        (await BalancesAsync(client, nail)).ShouldBe([(front, 8m, 0m)]);
        await (await client.PostAsync($"/api/inventory/moves/{transfer[0].GetProperty("id").GetGuid()}/reversal", null, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.move.already-reversed");
        await (await client.PostAsync($"/api/inventory/moves/{reversed[0].GetProperty("id").GetGuid()}/reversal", null, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.move.reversal");

        await PostOkAsync(client, $"/api/inventory/moves/{id}/reversal", null);
        (await BalancesAsync(client, nail)).ShouldBeEmpty();
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task SixtyFourConcurrentReservations_OfTheLastTenUnits_ReserveExactlyTen()
    {
        var (client, _) = await CompanyAsync("Rush");
        var widget = await ProductAsync(client, "WID-1");
        var (warehouse, front, back) = await WarehouseAsync(client, "MAIN");
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, locationId = front, lines = new[] { new { productId = widget, quantity = 6m, unitCost = 1m } } });
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, locationId = back, lines = new[] { new { productId = widget, quantity = 4m, unitCost = 1m } } });

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => client.PostAsJsonAsync("/api/inventory/reservations",
            new { reference = $"SO-{i:D3}", warehouseId = warehouse, lines = new[] { new { productId = widget, quantity = 1m } } }, Ct), Ct)));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(10);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.stock.insufficient");
        (await BalancesAsync(client, widget)).ShouldBe([(front, 6m, 6m), (back, 4m, 4m)]);
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task AReservation_IsDeliveredInParts_AndItsRestReleased()
    {
        var (client, _) = await CompanyAsync("Reservations");
        var (bolt, nut) = (await ProductAsync(client, "BOLT-1"), await ProductAsync(client, "NUT-1"));
        var (warehouse, front, back) = await WarehouseAsync(client, "MAIN");
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, locationId = front, lines = new[] { new { productId = bolt, quantity = 3m, unitCost = 1m } } });
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, locationId = back, lines = new[] { new { productId = bolt, quantity = 5m, unitCost = 1m }, new { productId = nut, quantity = 2m, unitCost = 0.1m } } });

        var reserve = new { reference = "SO-2026-00001", warehouseId = warehouse, lines = new[] { new { productId = bolt, quantity = 7m }, new { productId = nut, quantity = 2m } } };
        (await client.PostAsJsonAsync("/api/inventory/reservations", reserve, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/inventory/reservations", reserve, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.reservation.exists");
        (await BalancesAsync(client, bolt)).ShouldBe([(front, 3m, 3m), (back, 5m, 4m)], "taken from the first location first");
        await (await client.PostAsJsonAsync("/api/inventory/issues", new { warehouseId = warehouse, locationId = back, lines = new[] { new { productId = bolt, quantity = 2m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.stock.insufficient", "4 of the 5 are promised");

        var delivered = await PostOkAsync(client, "/api/inventory/reservations/SO-2026-00001/deliveries",
            new { reference = "DN-1", lines = new[] { new { productId = bolt, quantity = 4m } } });
        delivered.Select(m => (m.GetProperty("locationId").GetGuid(), m.GetProperty("quantity").GetDecimal())).ShouldBe([(front, -3m), (back, -1m)]);
        await (await client.PostAsJsonAsync("/api/inventory/reservations/SO-2026-00001/deliveries", new { lines = new[] { new { productId = bolt, quantity = 4m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.reservation.exceeded");

        var released = await (await client.PostAsync("/api/inventory/reservations/SO-2026-00001/release", null, Ct)).ReadAsync<JsonElement>();
        released.GetProperty("status").GetString().ShouldBe("Released");
        (await BalancesAsync(client, bolt)).ShouldBe([(back, 4m, 0m)]);
        (await BalancesAsync(client, nut)).ShouldBe([(back, 2m, 0m)]);
        await (await client.PostAsync("/api/inventory/reservations/SO-2026-00001/release", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.reservation.closed");
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task BadStockRequests_AreRefusedWithProblems_AndNothingIsWritten()
    {
        var (client, company) = await CompanyAsync("Refusals");
        var screw = await ProductAsync(client, "SCREW-1");
        var service = await ProductAsync(client, "FIT-1", kind: "Service");
        var (warehouse, front, _) = await WarehouseAsync(client, "MAIN");
        var (otherClient, _) = await CompanyAsync("Others");
        var (otherWarehouse, _, _) = await WarehouseAsync(otherClient, "MAIN");
        var otherProduct = await ProductAsync(otherClient, "SCREW-1");

        await (await client.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = screw, quantity = -2m, unitCost = 1m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = Array.Empty<object>() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = screw, quantity = 1m, unitCost = 1m }, new { productId = Guid.NewGuid(), quantity = 1m, unitCost = 1m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.product.not-found");
        await (await client.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = otherProduct, quantity = 1m, unitCost = 1m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.product.not-found", "another company's product");
        await (await client.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = otherWarehouse, lines = new[] { new { productId = screw, quantity = 1m, unitCost = 1m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "inventory.warehouse.not-found", "another company's warehouse");
        await (await client.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = service, quantity = 1m, unitCost = 1m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "inventory.product.not-stocked");
        await (await client.PostAsJsonAsync("/api/inventory/issues", new { warehouseId = warehouse, lines = new[] { new { productId = screw, quantity = 1m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.stock.insufficient");
        await (await client.PostAsJsonAsync("/api/inventory/adjustments", new { locationId = front, productId = screw, change = 2m, reason = "Other" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "Other needs a note");
        await (await client.PostAsJsonAsync("/api/inventory/transfers", new { productId = screw, fromLocationId = front, toLocationId = front, quantity = 1m }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "inventory.transfer.same-location");

        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM inventory.stock_moves WHERE company_id = '{company}'")).ShouldBe(0);
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM inventory.stock_balances WHERE company_id = '{company}' AND (on_hand <> 0 OR reserved <> 0)")).ShouldBe(0);
    }

    [Fact]
    public async Task AWarehouseThatAllowsNegativeStock_IssuesAndReservesBeyondWhatItHolds()
    {
        var (client, _) = await CompanyAsync("Negative");
        var cable = await ProductAsync(client, "CABLE-1");
        var (warehouse, front, _) = await WarehouseAsync(client, "DROP", allowNegativeStock: true);

        await PostOkAsync(client, "/api/inventory/issues", new { warehouseId = warehouse, lines = new[] { new { productId = cable, quantity = 2m } } });
        (await client.PostAsJsonAsync("/api/inventory/reservations", new { reference = "SO-9", warehouseId = warehouse, lines = new[] { new { productId = cable, quantity = 3m } } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await BalancesAsync(client, cable)).ShouldBe([(front, -2m, 3m)]);
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task Warehouses_KeepCodesUnique_AndNeverDropALocationTheLedgerNames()
    {
        var (client, _) = await CompanyAsync("Warehouses");
        var pipe = await ProductAsync(client, "PIPE-1");
        var (warehouse, front, back) = await WarehouseAsync(client, "MAIN");
        await (await client.PostAsJsonAsync("/api/inventory/warehouses", Warehouse("MAIN", [(null, "A")]), Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.warehouse.code-taken");
        await (await client.PostAsJsonAsync("/api/inventory/warehouses", Warehouse("TWICE", [(null, "A"), (null, "A")]), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.location.code-taken");
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, locationId = back, lines = new[] { new { productId = pipe, quantity = 1m, unitCost = 1m } } });
        var version = (await client.GetFromJsonAsync<JsonElement>($"/api/inventory/warehouses/{warehouse}", Ct)).GetProperty("version").GetUInt32();

        await (await client.PutAsJsonAsync($"/api/inventory/warehouses/{warehouse}", Warehouse("MAIN", [(front, "FRONT")]) with { Version = version }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.location.in-use");
        var changed = await client.PutAsJsonAsync($"/api/inventory/warehouses/{warehouse}", Warehouse("MAIN", [(back, "BACK"), (null, "YARD")]) with { Version = version }, Ct);
        var locations = (await changed.ReadAsync<JsonElement>()).GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("code").GetString()).ToList();
        locations.ShouldBe(["BACK", "YARD"], "the empty FRONT went; BACK is now the first location");
        await (await client.PutAsJsonAsync($"/api/inventory/warehouses/{warehouse}", Warehouse("MAIN", [(back, "BACK")]) with { Version = version }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
    }

    [Fact]
    public async Task FallingBelowAReorderLevel_PublishesAnEventOnce()
    {
        var (client, _) = await CompanyAsync("Reorder");
        var glue = await ProductAsync(client, "GLUE-1");
        var (warehouse, _, _) = await WarehouseAsync(client, "MAIN");
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = glue, quantity = 8m, unitCost = 1m } } });
        (await client.PutAsJsonAsync($"/api/inventory/warehouses/{warehouse}/reorder-levels/{glue}", new { minimum = 5m }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await PostOkAsync(client, "/api/inventory/issues", new { warehouseId = warehouse, lines = new[] { new { productId = glue, quantity = 3m } } }); // 5: not below
        (await EventsAboutAsync(glue)).ShouldBe(0);
        (await client.PostAsJsonAsync("/api/inventory/reservations", new { reference = "SO-1", warehouseId = warehouse, lines = new[] { new { productId = glue, quantity = 1m } } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created); // 4 available: below
        await PostOkAsync(client, "/api/inventory/issues", new { warehouseId = warehouse, lines = new[] { new { productId = glue, quantity = 1m } } }); // 3: still below
        (await EventsAboutAsync(glue)).ShouldBe(1);
        var payload = await PostgresServer.ScalarAsync<string>(fixture.Database,
            $"SELECT payload::text FROM messaging.outbox_messages WHERE event_name = 'Erp.Inventory.StockBelowReorderLevelIntegrationEvent' AND payload->>'productId' = '{glue}'");
        JsonDocument.Parse(payload).RootElement.GetProperty("available").GetDecimal().ShouldBe(4m);

        // The list of what is low says the same, and forgets the product once enough is received again.
        var low = (await client.GetFromJsonAsync<JsonElement[]>($"/api/inventory/low-stock?warehouseId={warehouse}", Ct))!;
        low.Select(l => (l.GetProperty("productId").GetGuid(), l.GetProperty("available").GetDecimal(), l.GetProperty("minimum").GetDecimal())).ShouldBe([(glue, 3m, 5m)]);
        await PostOkAsync(client, "/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = glue, quantity = 2m, unitCost = 1m } } });
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/inventory/low-stock?warehouseId={warehouse}", Ct))!.ShouldBeEmpty("5 available: at the level, not below");
    }

    [Fact]
    public async Task WithoutTheMovePermission_StockCanBeSeenButNotMoved()
    {
        var (client, company) = await CompanyAsync("Viewers");
        var tape = await ProductAsync(client, "TAPE-1");
        var (warehouse, _, _) = await WarehouseAsync(client, "MAIN");
        using var viewer = await fixture.MemberOfAsync(company, "Inventory.Stock");

        (await viewer.GetAsync($"/api/inventory/stock?warehouseId={warehouse}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = tape, quantity = 1m, unitCost = 1m } } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.PostAsJsonAsync("/api/inventory/warehouses", Warehouse("MINE", [(null, "A")]), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private Task<long> EventsAboutAsync(Guid product) => PostgresServer.ScalarAsync<long>(fixture.Database,
        $"SELECT count(*) FROM messaging.outbox_messages WHERE event_name = 'Erp.Inventory.StockBelowReorderLevelIntegrationEvent' AND payload->>'productId' = '{product}'");

    private async Task<(HttpClient Client, Guid Company)> CompanyAsync(string name)
    {
        var company = await fixture.Admin.CreateCompanyAsync(name);
        return (await fixture.AdminInAsync(company), company);
    }

    private static async Task<Guid> ProductAsync(HttpClient client, string sku, string kind = "Stocked")
    {
        var response = await client.PostAsJsonAsync("/api/catalog/products",
            new { sku, name = sku, kind, salesPrice = 10m, purchasePrice = 4m, currency = "EUR", active = true }, Ct);
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A warehouse with the locations FRONT (the first) and BACK.</summary>
    private static async Task<(Guid Warehouse, Guid Front, Guid Back)> WarehouseAsync(HttpClient client, string code, bool allowNegativeStock = false)
    {
        var response = await client.PostAsJsonAsync("/api/inventory/warehouses", Warehouse(code, [(null, "FRONT"), (null, "BACK")]) with { AllowNegativeStock = allowNegativeStock }, Ct);
        var warehouse = await response.ReadAsync<JsonElement>();
        var locations = warehouse.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        return (warehouse.GetProperty("id").GetGuid(), locations[0], locations[1]);
    }

    private static WarehouseRequest Warehouse(string code, (Guid? Id, string Code)[] locations) =>
        new(code, $"Warehouse {code}", [.. locations.Select(l => new LocationRequest(l.Id, l.Code, $"Location {l.Code}"))], false, true, 0);

    private static async Task<JsonElement[]> PostOkAsync(HttpClient client, string url, object? body)
    {
        var response = body is null ? await client.PostAsync(url, null, Ct) : await client.PostAsJsonAsync(url, body, Ct);
        return await response.ReadAsync<JsonElement[]>();
    }

    /// <summary>Each location's on-hand and reserved units of the product, in the locations' order (a location holding nothing left out).</summary>
    private static async Task<(Guid Location, decimal OnHand, decimal Reserved)[]> BalancesAsync(HttpClient client, Guid product) =>
        [.. (await client.GetFromJsonAsync<JsonElement[]>($"/api/inventory/balances?productId={product}", Ct))!
            .Select(b => (b.GetProperty("locationId").GetGuid(), b.GetProperty("onHand").GetDecimal(), b.GetProperty("reserved").GetDecimal()))];

    private sealed record WarehouseRequest(string Code, string Name, LocationRequest[] Locations, bool AllowNegativeStock, bool Active, uint Version);

    private sealed record LocationRequest(Guid? Id, string Code, string Name);

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory);
}
