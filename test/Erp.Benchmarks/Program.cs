using Npgsql;

// GET /currencies: the same query and JSON shape as the host's GET /api/sample/currencies, with none of the
// host (no modules, EF Core, middleware). load.sh runs both under the same load and prints the ratio.
// Kestrel's default body limit (30 MB) would refuse blobs.sh's files before the copy starts.
var builder = WebApplication.CreateSlimBuilder(args);
// The pool setting the host uses too (No Reset On Close), so the ratio measures the host, not a pool option.
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(
    new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Erp")) { NoResetOnClose = true }.ConnectionString));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
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
await app.RunAsync();

internal sealed record Currency(
    Guid Id, string Code, string Name, int DecimalPlaces, bool IsBase, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? ModifiedAt);
