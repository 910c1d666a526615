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
await app.RunAsync();

internal sealed record Currency(
    Guid Id, string Code, string Name, int DecimalPlaces, bool IsBase, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? ModifiedAt);
