using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// dotnet Erp.Benchmarks.SalesLoad.dll BASE TOKEN COMPANY CUSTOMER WAREHOUSE PRODUCTS(comma) WRITERS SECONDS [QUOTES-PATH CONFIRM-SUFFIX]
// Each writer loops: POST a quotation with a line per product (1 unit each), then POST its confirmation with the version
// read; for SECONDS after a warm-up of a fifth of that. Prints: orders confirmed per second, p50 and p95 of the pair, and
// refusals by status. The same loop runs against the host (/api/sales/orders) and the bare endpoints (/bare/sales/orders).
var (baseUrl, token, company, customer, warehouse) = (args[0], args[1], args[2], Guid.Parse(args[3]), Guid.Parse(args[4]));
var products = args[5].Split(',').Select(Guid.Parse).ToArray();
var (writers, seconds) = (int.Parse(args[6], CultureInfo.InvariantCulture), int.Parse(args[7], CultureInfo.InvariantCulture));
var path = args.Length > 8 ? args[8] : "/api/sales/orders";

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = writers,
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, // the benchmark's own certificate
};
using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
http.DefaultRequestHeaders.Add("X-Company", company);
var quotation = new { customerId = customer, warehouseId = warehouse, lines = products.Select(p => new { productId = p, quantity = 1m }).ToArray() };

var warmUp = TimeSpan.FromSeconds(Math.Max(1, seconds / 5));
var measured = new List<double>[writers];
var refused = new Dictionary<int, int>();
var start = Stopwatch.GetTimestamp();
var end = start + (long)((warmUp.TotalSeconds + seconds) * Stopwatch.Frequency);
var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
{
    measured[w] = [];
    while (Stopwatch.GetTimestamp() < end)
    {
        var began = Stopwatch.GetTimestamp();
        using var created = await http.PostAsJsonAsync(path, quotation);
        if (!created.IsSuccessStatusCode)
        {
            Refuse((int)created.StatusCode);
            continue;
        }

        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        using var confirmed = await http.PostAsJsonAsync($"{path}/{body.GetProperty("id").GetGuid()}/confirmation",
            new { version = body.GetProperty("version").GetUInt32() });
        if (!confirmed.IsSuccessStatusCode)
        {
            Refuse((int)confirmed.StatusCode);
            continue;
        }

        if (began >= measureFrom) measured[w].Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
    }
}));

var all = measured.SelectMany(m => m).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(all.Length * p))];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{all.Length / (double)seconds:F1} orders/s p50 {Percentile(0.5):F1}ms p95 {Percentile(0.95):F1}ms refused {(refused.Count == 0 ? "none" : string.Join(" ", refused.Select(r => $"{r.Key}x{r.Value}")))}"));

void Refuse(int status)
{
    lock (refused) refused[status] = refused.GetValueOrDefault(status) + 1;
}
