using System.Net;
using System.Text;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Bad input gets an RFC 9457 problem with the right status and code, never a crash, and writes nothing.</summary>
public sealed class ProblemDetailsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownRoute_Is404Problem() =>
        await (await _client.GetAsync("/api/no-such-thing", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

    [Fact]
    public async Task WrongMethod_Is405Problem() =>
        await (await _client.PatchAsync("/api/plugins", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");

    [Fact]
    public async Task MissingResource_Is404ProblemWithTheModulesCode() =>
        await (await _client.GetAsync($"/api/sample/currencies/{Guid.NewGuid()}", Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "sample.currency.not-found");

    [Fact]
    public async Task ARaceOnAUniqueKey_Is409Problem_WithoutTheDatabasesConstraintName()
    {
        // The race, made certain: another transaction holds an uncommitted row with the code, so the module's check
        // (which cannot see it) lets the create through, and the create then waits on the unique index until that
        // transaction commits, and fails there.
        var code = "Q" + (char)('A' + Random.Shared.Next(26)) + (char)('A' + Random.Shared.Next(26));
        await using var other = new Npgsql.NpgsqlConnection(PostgresServer.For(fixture.Database));
        await other.OpenAsync(Ct);
        await using var transaction = await other.BeginTransactionAsync(Ct);
        await using (var insert = new Npgsql.NpgsqlCommand(
            $"INSERT INTO sample.currencies (id, code, name, decimal_places, is_base, is_deleted, created_at) VALUES (gen_random_uuid(), '{code}', 'First', 2, false, false, now())",
            other, transaction))
            await insert.ExecuteNonQueryAsync(Ct);

        var create = _client.PostAsync("/api/sample/currencies", Json($$"""{"code":"{{code}}","name":"Raced","decimalPlaces":2}"""), Ct);
        var (waiting, _) = await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(fixture.Database,
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO sample.currencies%'"), n => n > 0, TimeSpan.FromSeconds(10));
        waiting.ShouldBe(1, "the create did not reach the unique index");
        await transaction.CommitAsync(Ct);

        var problem = await (await create).ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict");
        problem.GetProperty("detail").GetString().ShouldBe("A record with the same key already exists.");
    }

    [Fact]
    public async Task MalformedJson_Is400Problem_AndWritesNothing()
    {
        var count = await CountCurrenciesAsync();
        var response = await _client.PostAsync("/api/sample/currencies", Json("{\"code\": \"XAU\", \"name\": "), Ct);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        (await CountCurrenciesAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task InvalidFields_Are400ValidationProblem_NamingEachField()
    {
        var response = await _client.PostAsync("/api/sample/currencies", Json("""{"code":"eu","name":"","decimalPlaces":9}"""), Ct);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["Code", "Name", "DecimalPlaces"], ignoreOrder: true);
    }

    [Fact]
    public async Task WrongContentType_Is415Problem() =>
        await (await _client.PostAsync("/api/sample/currencies", new StringContent("code=EUR", Encoding.UTF8, "text/plain"), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

    [Fact]
    public async Task UnexpectedException_Is500Problem_WithTraceIdAndNoInternals()
    {
        var response = await _client.GetAsync("/api/faulty/boom", Ct);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "unexpected");
        var body = problem.GetRawText();
        body.ShouldNotContain("hunter2");
        body.ShouldNotContain("InvalidOperationException");
        body.ShouldNotContain(" at ");
        // The test host keeps the exception for the assertion that meets such a 500 (UnexpectedErrors), beside the body.
        (await response.DescribeAsync()).ShouldContain("InvalidOperationException");
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var response = await _client.GetAsync("/api/plugins", Ct);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<long> CountCurrenciesAsync() => PostgresServer.ScalarAsync<long>(fixture.Database, "SELECT count(*) FROM sample.currencies");
}

/// <summary>Body size limits are enforced by Kestrel, so this runs the host on a real socket.</summary>
public sealed class OversizeBodyTests
{
    [Fact]
    public async Task BodyOverTheLimit_Is413Problem()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["Kestrel:Limits:MaxRequestBodySize"] = "1024",
        });
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();

        // The sign-in form is public and reads its body: the limit holds before anyone is signed in.
        var response = await client.PostAsync("/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "someone", ["password"] = new string('x', 4096) }),
            TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }
}
