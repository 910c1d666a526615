using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Npgsql;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Writes sent with an Idempotency-Key run once across two instances: a repeat gets the first answer, a repeat with
/// another body is refused, a racing repeat on the other instance waits for the first and gets its answer, a failed
/// request gives its key back, and one caller's key never answers another caller.
/// </summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TwoInstances _instances = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        // Long enough for a racing request to outwait the first on a busy machine; the in-progress test waits it out once.
        _instances = await TwoInstances.StartAsync([TestPlugins.Sample], new() { ["Messaging:IdempotencyWait"] = "00:00:05" });
        _admin = _instances.AdminOnA;
    }

    public async ValueTask DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task ARepeatedCreate_RunsOnce_AndTheRepeatGetsTheFirstAnswer()
    {
        using var first = await CreateCurrencyAsync(_admin, "key-1", "NOK", "Norwegian krone");
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.DescribeAsync());
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();

        using var repeat = await CreateCurrencyAsync(_admin, "key-1", "NOK", "Norwegian krone");
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        repeat.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        repeat.Headers.Location.ShouldBe(first.Headers.Location);
        repeat.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await repeat.Content.ReadAsStringAsync(Ct)).ShouldBe(await first.Content.ReadAsStringAsync(Ct));
        (await CurrenciesAsync("NOK")).ShouldBe(1);

        // The same key sent without: the request runs again, and the unique code refuses it.
        using var unkeyed = await CreateCurrencyAsync(_admin, key: null, "NOK", "Norwegian krone");
        unkeyed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBody_Is422_AndWritesNothing()
    {
        (await CreateCurrencyAsync(_admin, "key-2", "SEK", "Swedish krona")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var other = await CreateCurrencyAsync(_admin, "key-2", "DKK", "Danish krone");
        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemCodeAsync(other)).ShouldBe("messaging.idempotency.key-reused");
        (await CurrenciesAsync("DKK")).ShouldBe(0);
    }

    [Fact]
    public async Task TheSameKeySentToBothInstancesAtOnce_WritesOnce_AndBothGetTheSameAnswer()
    {
        using var adminOnB = await _instances.B.CreateSignedInClientAsync();
        // A cold instance's first keyed write can take seconds on a busy machine (JIT, first queries): warm both first,
        // so the race is between two requests, not between two start-ups.
        (await CreateCurrencyAsync(_admin, "warm-a", "THB", "Baht")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CreateCurrencyAsync(adminOnB, "warm-b", "INR", "Indian rupee")).StatusCode.ShouldBe(HttpStatusCode.Created);
        string[] codes = ["CZK", "HUF", "PLN", "RON", "BGN"];
        foreach (var code in codes)
        {
            var key = "race-" + code;
            var onA = CreateCurrencyAsync(_admin, key, code, "Race " + code);
            var onB = CreateCurrencyAsync(adminOnB, key, code, "Race " + code);
            using var a = await onA;
            using var b = await onB;
            a.StatusCode.ShouldBe(HttpStatusCode.Created, await a.DescribeAsync());
            b.StatusCode.ShouldBe(HttpStatusCode.Created, await b.DescribeAsync());
            (await a.Content.ReadAsStringAsync(Ct)).ShouldBe(await b.Content.ReadAsStringAsync(Ct));
            new[] { a, b }.Count(r => r.Headers.Contains("Idempotent-Replayed")).ShouldBe(1, "one ran, the other was answered from it");
            (await CurrenciesAsync(code)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task ARepeatWhileTheFirstStillRuns_Is409WithRetryAfter_ThenGetsTheAnswer()
    {
        (await CreateCurrencyAsync(_admin, "key-owner", "ISK", "Icelandic krona")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var owner = await PostgresServer.ScalarAsync<string>(_instances.Database,
            "SELECT owner FROM messaging.idempotent_requests WHERE key = 'key-owner'");

        // A first request that is still running: its uncommitted claim of the key.
        await using var running = new NpgsqlConnection(PostgresServer.For(_instances.Database));
        await running.OpenAsync(Ct);
        await using var transaction = await running.BeginTransactionAsync(Ct);
        await using (var claim = new NpgsqlCommand(
            "INSERT INTO messaging.idempotent_requests (owner, key, fingerprint, created_at) VALUES ($1, 'key-slow', '\\x00', now())", running, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = owner });
            await claim.ExecuteNonQueryAsync(Ct);
        }

        using var waiting = await CreateCurrencyAsync(_admin, "key-slow", "CHF", "Swiss franc");
        waiting.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemCodeAsync(waiting)).ShouldBe("messaging.idempotency.in-progress");
        waiting.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));

        await transaction.RollbackAsync(Ct); // the first request failed: its key is free
        (await CreateCurrencyAsync(_admin, "key-slow", "CHF", "Swiss franc")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CurrenciesAsync("CHF")).ShouldBe(1);
    }

    [Fact]
    public async Task ARefusedRequest_GivesItsKeyBack_SoTheCorrectedOneRuns()
    {
        using var refused = await CreateCurrencyAsync(_admin, "key-3", "eur", "lower case code");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var corrected = await CreateCurrencyAsync(_admin, "key-3", "GBP", "Pound sterling");
        corrected.StatusCode.ShouldBe(HttpStatusCode.Created);
        corrected.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }

    [Fact]
    public async Task AnotherCallersKey_NeverAnswersThem()
    {
        (await CreateCurrencyAsync(_admin, "shared-key", "JPY", "Yen")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var userName = "keys" + Guid.NewGuid().ToString("N")[..8];
        var userId = await _instances.A.CreateUserAsync(_admin, userName, "Correct-Horse-42");
        (await _admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = new[] { "Sample.Currencies.Manage" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var attacker = await _instances.B.CreateSignedInClientAsync(userName, "Correct-Horse-42");

        // The admin's key and body: the request runs as the attacker's own (the code is taken), no replay of the admin's answer.
        using var same = await CreateCurrencyAsync(attacker, "shared-key", "JPY", "Yen");
        same.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        same.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();

        // The admin's key with another body: not refused as reused, since the key is not the attacker's.
        (await CreateCurrencyAsync(attacker, "shared-key", "CNY", "Renminbi")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task MalformedKeys_Are400_AndWriteNothing()
    {
        using var tooLong = await CreateCurrencyAsync(_admin, new string('k', 256), "AUD", "Australian dollar");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemCodeAsync(tooLong)).ShouldBe("messaging.idempotency.key-invalid");

        using var twice = new HttpRequestMessage(HttpMethod.Post, "/api/sample/currencies") { Content = JsonContent.Create(new { code = "AUD", name = "Australian dollar" }) };
        twice.Headers.TryAddWithoutValidation("Idempotency-Key", ["one", "two"]);
        using var sentTwice = await _admin.SendAsync(twice, Ct);
        sentTwice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CurrenciesAsync("AUD")).ShouldBe(0);

        // Sent as a structured-field string, as the draft writes it: the same key as bare.
        (await CreateCurrencyAsync(_admin, "\"quoted\"", "AUD", "Australian dollar")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var bare = await CreateCurrencyAsync(_admin, "quoted", "AUD", "Australian dollar");
        bare.Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
    }

    [Fact]
    public async Task AKeyOlderThanADay_IsFreeAgain_AndThePurgeRemovesIt()
    {
        (await CreateCurrencyAsync(_admin, "key-old", "CAD", "Canadian dollar")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await PostgresServer.ExecuteAsync("UPDATE messaging.idempotent_requests SET created_at = now() - interval '25 hours' WHERE key = 'key-old'", _instances.Database);

        using var reused = await CreateCurrencyAsync(_admin, "key-old", "MXN", "Mexican peso");
        reused.StatusCode.ShouldBe(HttpStatusCode.Created, "an expired key is taken again, with the new request");

        await PostgresServer.ExecuteAsync("UPDATE messaging.idempotent_requests SET created_at = now() - interval '25 hours' WHERE key = 'key-old'", _instances.Database);
        (await _admin.PostAsync("/api/background-jobs/recurring/Messaging.PurgeIdempotencyKeys/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (left, _) = await Eventually.ValueAsync(
            () => PostgresServer.ScalarAsync<long>(_instances.Database, "SELECT count(*) FROM messaging.idempotent_requests WHERE key = 'key-old'"),
            n => n == 0, TimeSpan.FromSeconds(15));
        left.ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> CreateCurrencyAsync(HttpClient client, string? key, string code, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sample/currencies") { Content = JsonContent.Create(new { code, name }) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    private Task<long> CurrenciesAsync(string code) =>
        PostgresServer.ScalarAsync<long>(_instances.Database, $"SELECT count(*) FROM sample.currencies WHERE code = '{code}'");

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
}
