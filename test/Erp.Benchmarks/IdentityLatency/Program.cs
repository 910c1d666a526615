using System.Diagnostics;
using System.Net.Http.Json;
using Erp.Testing;

// Figures, not assertions. Each measured call is one HTTP request through the whole pipeline (TestServer, no
// sockets), against a real PostgreSQL (ERP_TEST_POSTGRES, or a throwaway cluster).
const int Calls = 1000;
// The test host finds the host's content root through MvcTestingAppManifest.json in the working directory, which
// `dotnet run --project` leaves wherever it was started: run from beside the binaries, as test runners do.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var database = await TestDatabases.CreateMigratedAsync();
await using var host = new ErpHost(database, [TestPlugins.Sample, "Erp.ManyPermissions"]);
await host.MigrateAsync();
using var admin = await host.CreateSignedInClientAsync();

// A user in 10 roles, each role granted the 100 permissions of one area: 1,000 permissions held.
var roleNames = new List<string>();
for (var area = 0; area < 10; area++)
{
    var role = await Read(await admin.PostAsJsonAsync("/api/identity/roles", new { name = $"bench-area-{area}" }));
    var id = role.GetProperty("id").GetGuid();
    var grants = Enumerable.Range(0, 100).Select(i => i == 0 ? $"Bench.Area{area}" : $"Bench.Area{area}.Action{i}").ToArray();
    await Ensure(await admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "Role", key = id.ToString(), grant = grants }));
    roleNames.Add($"bench-area-{area}");
}

var userId = await host.CreateUserAsync(admin, "bench", "Bench-Password-1", [.. roleNames]);
using var user = await host.CreateSignedInClientAsync("bench", "Bench-Password-1");
var config = await Read(await user.GetAsync("/api/app-config"));
Console.WriteLine($"the user holds {config.GetProperty("permissions").GetArrayLength()} permissions through {roleNames.Count} roles (the benchmark plugin defines 1,000)");

for (var i = 0; i < 200; i++) await Ensure(await user.GetAsync("/api/app-config")); // warm-up
Report("GET /api/app-config, warm", await TimeAsync(() => user.GetAsync("/api/app-config")));

// Right after a grant change: the user's cached set is dropped, so this call reloads it (one query).
var afterChange = new List<double>();
for (var i = 0; i < Calls; i++)
{
    await Ensure(await admin.PutAsJsonAsync("/api/permissions/grants",
        new { kind = "User", key = userId.ToString(), grant = i % 2 == 0 ? new[] { "Identity.Users" } : null, revoke = i % 2 == 1 ? new[] { "Identity.Users" } : null }));
    afterChange.Add(await TimeOneAsync(() => user.GetAsync("/api/app-config")));
}

Report("GET /api/app-config, right after a grant change", afterChange);

// The token endpoint: the SPA's refresh (rotating), and an integration's client credentials.
var flow = new OidcFlow(host.CreateBrowser());
var tokens = await flow.SignInAsync("bench", "Bench-Password-1");
var refreshToken = tokens.RefreshToken!;
var refresh = new List<double>();
for (var i = 0; i < Calls; i++)
{
    var watch = Stopwatch.StartNew();
    var response = await flow.RefreshAsync(refreshToken);
    refresh.Add(watch.Elapsed.TotalMilliseconds);
    refreshToken = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.RefreshToken!;
}

Report("POST /connect/token, refresh_token", refresh);

var client = await Read(await admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "bench-client", displayName = "Bench" }));
var secret = client.GetProperty("clientSecret").GetString()!;
Report("POST /connect/token, client_credentials", await TimeAsync(() => flow.Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
{
    ["grant_type"] = "client_credentials", ["client_id"] = "bench-client", ["client_secret"] = secret, ["scope"] = "erp_api",
}))));
return 0;

static async Task<List<double>> TimeAsync(Func<Task<HttpResponseMessage>> call)
{
    var times = new List<double>(Calls);
    for (var i = 0; i < Calls; i++) times.Add(await TimeOneAsync(call));
    return times;
}

static async Task<double> TimeOneAsync(Func<Task<HttpResponseMessage>> call)
{
    var watch = Stopwatch.StartNew();
    using var response = await call();
    await response.Content.ReadAsByteArrayAsync();
    var elapsed = watch.Elapsed.TotalMilliseconds;
    await Ensure(response);
    return elapsed;
}

static void Report(string what, List<double> times)
{
    times.Sort();
    double At(double p) => times[(int)Math.Ceiling(p * times.Count) - 1];
    Console.WriteLine($"{what}: p50 {At(0.50):F2} ms, p95 {At(0.95):F2} ms, max {times[^1]:F2} ms over {times.Count} calls");
}

static async Task Ensure(HttpResponseMessage response)
{
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

static async Task<System.Text.Json.JsonElement> Read(HttpResponseMessage response)
{
    await Ensure(response);
    return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}
