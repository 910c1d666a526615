using Microsoft.EntityFrameworkCore;
using Npgsql;

// GET /currencies: the same query and JSON shape as the host's GET /api/sample/currencies, with none of the
// host (no modules, EF Core, middleware). load.sh runs both under the same load and prints the ratio.
// Kestrel's default body limit (30 MB) would refuse blobs.sh's files before the copy starts.
var builder = WebApplication.CreateSlimBuilder(args);
// The pool and preparation settings the host uses too (ErpDbContextOptions.PooledConnectionString: no reset on close,
// repeated statements prepared), so the ratio measures the host, not a connection option.
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Erp"))
    { NoResetOnClose = true, MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
// The same read through EF Core alone (load.sh FLOOR=1): a pooled context on the same data source, the host's naming
// convention and soft-delete filter, no tracking, the same projection. What the data access costs, without the host.
builder.Services.AddDbContextPool<BareCurrencies>((services, options) =>
    options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()).UseSnakeCaseNamingConvention());
var app = builder.Build();

app.MapGet("/currencies", async (NpgsqlDataSource db, CancellationToken ct) =>
{
    await using var command = db.CreateCommand(
        "SELECT id, code, name, decimal_places, is_base, xmin, created_at, modified_at FROM sample.currencies WHERE NOT is_deleted ORDER BY code");
    await using var reader = await command.ExecuteReaderAsync(ct);
    var currencies = new List<Currency>();
    while (await reader.ReadAsync(ct))
    {
        currencies.Add(new Currency(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetBoolean(4),
            reader.GetFieldValue<uint>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
    }

    return TypedResults.Ok(currencies);
});
app.MapGet("/currencies-ef", async (BareCurrencies db, CancellationToken ct) =>
    TypedResults.Ok(await db.Currencies.AsNoTracking().OrderBy(c => c.Code)
        .Select(c => new Currency(c.Id, c.Code, c.Name, c.DecimalPlaces, c.IsBase, c.Version, c.CreatedAt, c.ModifiedAt)).ToListAsync(ct)));
// POST and GET /blobs/{name}: the request body copied to a file and served back, with no checks, as blobs.sh's baseline.
var blobs = Directory.CreateDirectory(builder.Configuration["Blobs:Path"] ?? Path.Combine(Path.GetTempPath(), "erp-bare-blobs")).FullName;
app.MapPost("/blobs/{name:int}", async (int name, HttpRequest request, CancellationToken ct) =>
{
    await using var file = File.Create(Path.Combine(blobs, name.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    await request.Body.CopyToAsync(file, ct);
    return TypedResults.NoContent();
});
app.MapGet("/blobs/{name:int}", (int name) =>
    TypedResults.PhysicalFile(Path.Combine(blobs, name.ToString(System.Globalization.CultureInfo.InvariantCulture)), "application/pdf", enableRangeProcessing: true));
// GET /lowcode/{page|expanded|count}: the statements the low-code data API makes for lowcode.sh's list page, the page with
// the customer expanded, and the capped count, on the same tables, sent the same way (one batch, after the statement
// that names the caller's companies for row-level security), with none of the host (no model, permissions, middleware).
const string orderColumns = "id, xmin AS version, company_id, created_at, created_by, modified_at, modified_by, \"customer\", \"status\", \"amount\", \"placed\"";
const string customerRecord = ", (SELECT jsonb_build_object('id', r.id, 'name', r.\"name\", 'city', r.\"city\") FROM data.\"bench_customer\" r " +
                              "WHERE r.id = t.\"customer\" AND r.company_id = $5) AS \"customer$\"";
const string page = $"SELECT {orderColumns}{{0}} FROM data.\"bench_order\" t WHERE company_id = $1 AND \"status\" = $2 " +
                    "ORDER BY \"placed\" DESC, id DESC OFFSET $3 LIMIT $4";
app.MapGet("/lowcode/{shape}", async (string shape, Guid company, string status, NpgsqlDataSource db, CancellationToken ct) =>
{
    await using var batch = db.CreateBatch();
    batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('erp.companies', $1, true)") { Parameters = { new() { Value = company.ToString() } } });
    var statement = new NpgsqlBatchCommand(shape switch
    {
        "count" => "SELECT count(*) FROM (SELECT 1 FROM data.\"bench_order\" t WHERE company_id = $1 AND \"status\" = $2 LIMIT 10001) AS capped",
        "expanded" => string.Format(System.Globalization.CultureInfo.InvariantCulture, page, customerRecord),
        _ => string.Format(System.Globalization.CultureInfo.InvariantCulture, page, ""),
    });
    statement.Parameters.Add(new() { Value = company });
    statement.Parameters.Add(new() { Value = status });
    if (shape != "count")
    {
        statement.Parameters.Add(new() { Value = 0 });
        statement.Parameters.Add(new() { Value = 20 });
        if (shape == "expanded") statement.Parameters.Add(new() { Value = company });
    }

    batch.BatchCommands.Add(statement);
    await using var reader = await batch.ExecuteReaderAsync(ct);
    await reader.NextResultAsync(ct);
    if (shape == "count")
    {
        await reader.ReadAsync(ct);
        var total = reader.GetInt64(0);
        return Results.Ok(new { total = Math.Min(total, 10_000), totalIsCapped = total > 10_000 });
    }

    var items = new List<Dictionary<string, object?>>();
    while (await reader.ReadAsync(ct))
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
            record[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetDataTypeName(i) == "jsonb" ? reader.GetFieldValue<System.Text.Json.JsonElement>(i) : reader.GetValue(i);
        items.Add(record);
    }

    return Results.Ok(new { items });
});
// POST /bare/sales/orders and /bare/sales/orders/{id}/confirmation: what the sales plugin's quotation and confirmation
// write, in one transaction each, as hand-written SQL on the same tables (sales.sh runs both against the host's): the
// customer, products and prices read, a number drawn, the order and lines inserted with their audit records; then the
// order locked, a number drawn, the stock balances and costs upserted and locked, the units reserved, the reservation
// inserted, the order confirmed, the event put in the outbox, the audit records written. None of the host's checks.
app.MapPost("/bare/sales/orders", async (BareQuotation body, HttpRequest request, NpgsqlDataSource db, CancellationToken ct) =>
{
    var company = Guid.Parse(request.Headers["X-Company"].ToString());
    await using var connection = await db.OpenConnectionAsync(ct);
    await using var transaction = await connection.BeginTransactionAsync(ct);
    await NameCompanyAsync(connection, transaction, company, ct);
    var products = body.Lines.Select(l => l.ProductId).ToArray();
    await using (var read = new NpgsqlBatch(connection, transaction))
    {
        read.BatchCommands.Add(Command("SELECT currency FROM catalog.partners WHERE id = $1 AND company_id = $2", body.CustomerId, company));
        read.BatchCommands.Add(Command("SELECT id, name, unit, sales_price, tax_category FROM catalog.products WHERE id = ANY($1) AND company_id = $2", products, company));
        read.BatchCommands.Add(Command("SELECT l.product_id, l.unit_price FROM catalog.price_list_line l JOIN catalog.price_lists p ON p.id = l.price_list_id " +
            "WHERE p.company_id = $1 AND p.customer_id = $2 AND l.product_id = ANY($3)", company, body.CustomerId, products));
        await using var reader = await read.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
        var lines = new Dictionary<Guid, (string Name, string Unit, decimal Price)>();
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) lines[reader.GetGuid(0)] = (reader.GetString(1), reader.GetString(2), reader.GetDecimal(3));
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) { }
        await reader.DisposeAsync();

        var id = Guid.CreateVersion7();
        var number = await NextNumberAsync(connection, transaction, company, "Bare.Quotation", ct);
        var net = body.Lines.Sum(l => Math.Round(l.Quantity * lines[l.ProductId].Price, 2));
        var tax = body.Lines.Sum(l => Math.Round(Math.Round(l.Quantity * lines[l.ProductId].Price, 2) * 0.19m, 2));
        await using var write = new NpgsqlBatch(connection, transaction);
        write.BatchCommands.Add(Command("INSERT INTO sales.orders (id, company_id, quotation_number, status, customer_id, warehouse_id, currency, order_date, " +
            "prices_include_tax, tax_rounding, net_total, tax_total, gross_total, created_at) VALUES ($1, $2, $3, 'Quotation', $4, $5, 'EUR', current_date, false, 'Line', $6, $7, $8, now())",
            id, company, $"QT-{number:D5}", body.CustomerId, body.WarehouseId, net, tax, net + tax));
        var lineNumber = 0;
        foreach (var line in body.Lines)
        {
            var (name, unit, price) = lines[line.ProductId];
            var amount = Math.Round(line.Quantity * price, 2);
            write.BatchCommands.Add(Command("INSERT INTO sales.order_lines (id, company_id, order_id, line_number, product_id, description, quantity, unit, unit_price, " +
                "discount_percent, tax_category, tax_rate, stocked, net_amount, tax_amount, gross_amount, delivered, invoiced) " +
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 'standard', 19, true, $10, $11, $12, 0, 0)",
                Guid.CreateVersion7(), company, id, ++lineNumber, line.ProductId, name, line.Quantity, unit, price, amount, Math.Round(amount * 0.19m, 2), amount + Math.Round(amount * 0.19m, 2)));
        }

        AddAudit(write, company, "Erp.Sales.Domain.SalesOrder", 1 + body.Lines.Length);
        await write.ExecuteNonQueryAsync(ct);
        await using var versionOf = new NpgsqlCommand("SELECT xmin::text::bigint FROM sales.orders WHERE id = $1", connection, transaction) { Parameters = { new() { Value = id } } };
        var version = (long)(await versionOf.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return Results.Ok(new { id, version = (uint)version });
    }
});
app.MapPost("/bare/sales/orders/{id:guid}/confirmation", async (Guid id, HttpRequest request, NpgsqlDataSource db, CancellationToken ct) =>
{
    var company = Guid.Parse(request.Headers["X-Company"].ToString());
    await using var connection = await db.OpenConnectionAsync(ct);
    await using var transaction = await connection.BeginTransactionAsync(ct);
    await NameCompanyAsync(connection, transaction, company, ct);
    Guid warehouse;
    var lines = new List<(Guid Product, decimal Quantity)>();
    await using (var read = new NpgsqlBatch(connection, transaction))
    {
        read.BatchCommands.Add(Command("SELECT warehouse_id FROM sales.orders WHERE id = $1 AND company_id = $2 AND status = 'Quotation' FOR UPDATE", id, company));
        read.BatchCommands.Add(Command("SELECT product_id, quantity FROM sales.order_lines WHERE order_id = $1 ORDER BY line_number", id));
        await using var reader = await read.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return Results.Conflict();
        warehouse = reader.GetGuid(0);
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct)) lines.Add((reader.GetGuid(0), reader.GetDecimal(1)));
    }

    var number = await NextNumberAsync(connection, transaction, company, "Bare.Order", ct);
    var products = lines.Select(l => l.Product).Distinct().Order().ToArray();
    var location = Guid.Empty;
    var available = new Dictionary<Guid, decimal>();
    await using (var locks = new NpgsqlBatch(connection, transaction))
    {
        locks.BatchCommands.Add(Command("INSERT INTO inventory.stock_balances (location_id, product_id, company_id, warehouse_id, on_hand, reserved) " +
            "SELECT (SELECT id FROM inventory.locations WHERE warehouse_id = $1 ORDER BY position LIMIT 1), p, $2, $1, 0, 0 FROM unnest($3) AS p ON CONFLICT DO NOTHING", warehouse, company, products));
        locks.BatchCommands.Add(Command("SELECT location_id, product_id, on_hand - reserved FROM inventory.stock_balances WHERE warehouse_id = $1 AND product_id = ANY($2) " +
            "ORDER BY product_id, location_id FOR UPDATE", warehouse, products));
        locks.BatchCommands.Add(Command("INSERT INTO inventory.product_costs (company_id, product_id, quantity, average_cost) SELECT $1, p, 0, 0 FROM unnest($2) AS p ON CONFLICT DO NOTHING", company, products));
        locks.BatchCommands.Add(Command("SELECT product_id FROM inventory.product_costs WHERE company_id = $1 AND product_id = ANY($2) ORDER BY product_id FOR UPDATE", company, products));
        await using var reader = await locks.ExecuteReaderAsync(ct); // on the balances: Npgsql skips the INSERTs' results
        while (await reader.ReadAsync(ct))
        {
            location = reader.GetGuid(0);
            available[reader.GetGuid(1)] = reader.GetDecimal(2);
        }
    }

    if (lines.Any(l => available.GetValueOrDefault(l.Product) < l.Quantity)) return Results.Conflict();
    var reservation = Guid.CreateVersion7();
    await using var write = new NpgsqlBatch(connection, transaction);
    write.BatchCommands.Add(Command("INSERT INTO inventory.reservations (id, company_id, reference, warehouse_id, status, created_at) VALUES ($1, $2, $3, $4, 'Open', now())",
        reservation, company, $"SO-{number:D5}", warehouse));
    var lineNumber = 0;
    foreach (var (product, quantity) in lines)
    {
        write.BatchCommands.Add(Command("UPDATE inventory.stock_balances SET reserved = reserved + $1 WHERE location_id = $2 AND product_id = $3", quantity, location, product));
        write.BatchCommands.Add(Command("INSERT INTO inventory.reservation_lines (id, company_id, reservation_id, number, product_id, location_id, quantity, delivered, released) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0)", Guid.CreateVersion7(), company, reservation, ++lineNumber, product, location, quantity));
    }

    write.BatchCommands.Add(Command("UPDATE sales.orders SET number = $1, status = 'Confirmed', confirmed_at = now(), modified_at = now() WHERE id = $2", $"SO-{number:D5}", id));
    write.BatchCommands.Add(Command("INSERT INTO messaging.outbox_messages (id, event_name, payload, published_at, company_id) VALUES ($1, 'Bare.OrderConfirmed', $2::jsonb, now(), $3)",
        Guid.CreateVersion7(), $"{{\"orderId\": \"{id}\"}}", company));
    AddAudit(write, company, "Erp.Sales.Domain.SalesOrder", 2 + lines.Count);
    await write.ExecuteNonQueryAsync(ct);
    await transaction.CommitAsync(ct);
    return Results.Ok(new { id, number = $"SO-{number:D5}" });
});

static NpgsqlBatchCommand Command(string sql, params object[] values)
{
    var command = new NpgsqlBatchCommand(sql);
    foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    return command;
}

// Row-level security holds the bare side too (it connects as the host does): the transaction names its company first.
static async Task NameCompanyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid company, CancellationToken ct)
{
    await using var name = new NpgsqlCommand("SELECT set_config('erp.companies', $1, true)", connection, transaction) { Parameters = { new() { Value = company.ToString() } } };
    await name.ExecuteNonQueryAsync(ct);
}

static async Task<long> NextNumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid company, string series, CancellationToken ct)
{
    await using var next = new NpgsqlCommand("INSERT INTO companies.number_series AS s (company_id, series, year, last_number) VALUES ($1, $2, $3, 1) " +
        "ON CONFLICT (company_id, series, year) DO UPDATE SET last_number = s.last_number + 1 RETURNING s.last_number", connection, transaction)
    {
        Parameters = { new() { Value = company }, new() { Value = series }, new() { Value = DateTime.UtcNow.Year } },
    };
    return (long)(await next.ExecuteScalarAsync(ct))!;
}

// One audit record per row written, as the host's save writes (smaller: the bare side does not list the values).
static void AddAudit(NpgsqlBatch batch, Guid company, string entityType, int rows)
{
    for (var i = 0; i < rows; i++)
    {
        batch.BatchCommands.Add(Command("INSERT INTO audit.entity_changes (id, occurred_at, entity_type, entity_id, company_id, change_type, properties) " +
            "VALUES ($1, now(), $2, $3, $4, 'Created', '[]'::jsonb)", Guid.CreateVersion7(), entityType, Guid.NewGuid().ToString(), company));
    }
}

await app.RunAsync();

internal sealed record Currency(
    Guid Id, string Code, string Name, int DecimalPlaces, bool IsBase, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? ModifiedAt);

internal sealed record BareQuotation(Guid CustomerId, Guid WarehouseId, BareLine[] Lines);

internal sealed record BareLine(Guid ProductId, decimal Quantity);

internal sealed class BareCurrencies(DbContextOptions<BareCurrencies> options) : DbContext(options)
{
    public DbSet<CurrencyRow> Currencies => Set<CurrencyRow>();

    protected override void OnModelCreating(ModelBuilder model) =>
        model.Entity<CurrencyRow>(currency =>
        {
            currency.ToTable("currencies", "sample");
            currency.Property(c => c.Version).IsRowVersion(); // xmin
            currency.HasQueryFilter(c => !c.IsDeleted);
        });
}

internal sealed class CurrencyRow
{
    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int DecimalPlaces { get; private set; }
    public bool IsBase { get; private set; }
    public bool IsDeleted { get; private set; }
    public uint Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ModifiedAt { get; private set; }
}
