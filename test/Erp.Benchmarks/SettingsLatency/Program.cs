using System.Collections.Frozen;
using System.Diagnostics;
using System.Net.Http.Json;
using Erp.Kernel.Settings;
using Erp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Figures, not assertions. Two hosts in-process on one PostgreSQL and one Redis (ERP_TEST_POSTGRES / ERP_TEST_REDIS,
// else throwaway servers), as two instances run; the sample plugin defines the settings read.
const int Reads = 200_000;
const int Changes = 200;
Directory.SetCurrentDirectory(AppContext.BaseDirectory); // see IdentityLatency/Program.cs
var database = await TestDatabases.CreateMigratedAsync();
await using var a = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?> { ["Settings:Sample:Rounding"] = "half-up" });
await using var b = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?> { [ErpHost.MailSenderSetting] = a.MailSender });
using var admin = await a.CreateSignedInClientAsync();
await Update(new() { ["Sample.MaxDecimals"] = "3", ["Sample.RatesApiKey"] = "rk_live_" + Guid.NewGuid().ToString("N") });

await using var scope = a.Services.CreateAsyncScope();
var settings = scope.ServiceProvider.GetRequiredService<ISettingProvider>();
var configuration = a.Services.GetRequiredService<IConfiguration>();
var dictionary = new Dictionary<string, string> { ["Sample.MaxDecimals"] = "3" }.ToFrozenDictionary();

Report("ISettingProvider.GetAsync, global value, cached", await PerReadAsync(() => settings.GetAsync("Sample.MaxDecimals")));
Report("ISettingProvider.GetAsync, secret (decrypted per read), cached", await PerReadAsync(() => settings.GetAsync("Sample.RatesApiKey")));
Report("baseline: IConfiguration[\"Settings:Sample:Rounding\"]", await PerReadAsync(() => ValueTask.FromResult(configuration["Settings:Sample:Rounding"])));
Report("baseline: FrozenDictionary lookup", await PerReadAsync(() => ValueTask.FromResult<string?>(dictionary["Sample.MaxDecimals"])));

// A change through A, then reads through B until B returns the new value.
await using var scopeOnB = b.Services.CreateAsyncScope();
var settingsOnB = scopeOnB.ServiceProvider.GetRequiredService<ISettingProvider>();
var seen = new List<double>(Changes);
for (var i = 0; i < Changes; i++)
{
    var value = (i % 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
    if (await settingsOnB.GetAsync("Sample.MaxDecimals") == value) continue;
    var watch = Stopwatch.StartNew();
    await Update(new() { ["Sample.MaxDecimals"] = value });
    while (await settingsOnB.GetAsync("Sample.MaxDecimals") != value) await Task.Yield();
    seen.Add(watch.Elapsed.TotalMilliseconds);
}

seen.Sort();
Console.WriteLine($"change through A (PUT /api/settings/global/Sample) until read through B: p50 {Percentile(seen, 0.50):F2} ms, " +
    $"p95 {Percentile(seen, 0.95):F2} ms, max {seen[^1]:F2} ms over {seen.Count} changes");
return 0;

async Task Update(Dictionary<string, string?> values)
{
    var response = await admin.PutAsJsonAsync("/api/settings/global/Sample", new { values });
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

static async Task<double[]> PerReadAsync(Func<ValueTask<string?>> read)
{
    for (var i = 0; i < Reads / 10; i++) await read(); // warm-up
    var batches = new double[100]; // ns per read, per batch of Reads / 100
    for (var batch = 0; batch < batches.Length; batch++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Reads / batches.Length; i++) await read();
        batches[batch] = watch.Elapsed.TotalNanoseconds / (Reads / batches.Length);
    }

    Array.Sort(batches);
    return batches;
}

static void Report(string what, double[] nanosecondsPerRead) => Console.WriteLine(
    $"{what}: {Percentile(nanosecondsPerRead, 0.50) / 1000:F2} µs per read (median batch), {Percentile(nanosecondsPerRead, 0.95) / 1000:F2} µs (p95 batch), {Reads:N0} reads");

static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
