using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>Integration clients: created by an admin with a secret shown once, signing in with client credentials, holding only what is granted.</summary>
public sealed class ClientCredentialsTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AClient_GetsTokensWithItsSecret_AndCallsWhatItWasGranted_UntilDeleted()
    {
        var created = await (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "warehouse-sync", displayName = "Warehouse sync" }, Ct))
            .ReadAsync<CreatedClient>();
        created.ClientSecret.Length.ShouldBeGreaterThanOrEqualTo(40);
        (await fixture.Admin.GetStringAsync("/api/identity/clients", Ct)).ShouldNotContain(created.ClientSecret);

        using var browser = fixture.Host.CreateBrowser();
        await ShouldBeInvalidClientAsync(await TokenAsync(browser, created.ClientId, "wrong-secret"));
        var token = await (await TokenAsync(browser, created.ClientId, created.ClientSecret)).ReadAsync<TokenResponse>();
        token.RefreshToken.ShouldBeNull();

        using var api = fixture.Host.CreateApiClient(token.AccessToken);
        await (await api.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        (await fixture.Admin.PutAsJsonAsync("/api/permissions/grants",
            new { kind = "Client", key = created.ClientId, grant = new[] { "Sample.Currencies" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var config = await (await api.GetAsync("/api/app-config", Ct)).ReadAsync<AppConfig>();
        config.User.Id.ShouldBe("warehouse-sync");
        config.Permissions.ShouldBe(["Sample.Currencies"]);

        await (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "warehouse-sync", displayName = "Again" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "identity.client.id-taken");
        (await fixture.Admin.DeleteAsync("/api/identity/clients/warehouse-sync", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Its token, just used (its valid status remembered for half a second), is refused within a second.
        (await Eventually.StatusAsync(() => api.GetAsync("/api/sample/currencies", Ct), HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1)))
            .Value.ShouldBe(HttpStatusCode.Unauthorized);
        await (await api.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await ShouldBeInvalidClientAsync(await TokenAsync(browser, created.ClientId, created.ClientSecret));

        // Its grants went with it (the permissions module handles the deletion event): a new client of that id holds nothing.
        (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "warehouse-sync", displayName = "Reborn" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var (granted, _) = await Eventually.ValueAsync(async () => (await (await fixture.Admin.GetAsync(
                "/api/permissions/grants?kind=Client&key=warehouse-sync", Ct)).ReadAsync<JsonElement>())
            .EnumerateArray().SelectMany(g => g.GetProperty("permissions").EnumerateArray()).Count(p => p.GetProperty("granted").GetBoolean()),
            count => count == 0, TimeSpan.FromSeconds(1));
        granted.ShouldBe(0);
    }

    [Fact]
    public async Task WhatAClientChanges_IsStampedWithTheClient_AndWhatAUserChanges_WithTheUser()
    {
        var created = await (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "rates-feed", displayName = "Rates feed" }, Ct))
            .ReadAsync<CreatedClient>();
        (await fixture.Admin.PutAsJsonAsync("/api/permissions/grants",
            new { kind = "Client", key = created.ClientId, grant = new[] { "Sample.Currencies", "Sample.Currencies.Manage" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var browser = fixture.Host.CreateBrowser();
        var token = await (await TokenAsync(browser, created.ClientId, created.ClientSecret)).ReadAsync<TokenResponse>();
        using var client = fixture.Host.CreateApiClient(token.AccessToken);
        (await client.GetAsync("/connect/userinfo", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // a client is not a user

        var byClient = await (await client.PostAsJsonAsync("/api/sample/currencies", new { code = "XCL", name = "Client dollar", decimalPlaces = 2 }, Ct)).ReadAsync<JsonElement>();
        var id = byClient.GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"/api/sample/currencies/{id}/name", new { name = "Client dollar (renamed)", version = byClient.GetProperty("version").GetUInt32() }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.DeleteAsync($"/api/sample/currencies/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var byUser = await (await fixture.Admin.PostAsJsonAsync("/api/sample/currencies", new { code = "XUS", name = "User dollar", decimalPlaces = 2 }, Ct)).ReadAsync<JsonElement>();

        (await StampsAsync(id)).ShouldBe("|rates-feed||rates-feed||rates-feed");
        var adminId = (await (await fixture.Admin.GetAsync("/api/app-config", Ct)).ReadAsync<AppConfig>()).User.Id;
        (await StampsAsync(byUser.GetProperty("id").GetGuid())).ShouldBe($"{adminId}|||||");
    }

    // created_by|created_by_client|modified_by|modified_by_client|deleted_by|deleted_by_client, soft-deleted rows included.
    private Task<string> StampsAsync(Guid currencyId) => PostgresServer.ScalarAsync<string>(fixture.Database,
        $"SELECT concat_ws('|', coalesce(created_by::text, ''), coalesce(created_by_client, ''), coalesce(modified_by::text, ''), coalesce(modified_by_client, ''), " +
        $"coalesce(deleted_by::text, ''), coalesce(deleted_by_client, '')) FROM sample.currencies WHERE id = '{currencyId}'");

    [Fact]
    public async Task AClientId_ShapedLikeAUserId_IsRefused()
    {
        var (userId, _, _) = await fixture.SignedInUserAsync();
        foreach (var id in new[] { userId.ToString(), userId.ToString("N") })
        {
            await (await fixture.Admin.PostAsJsonAsync("/api/identity/clients", new { clientId = id, displayName = "Impostor" }, Ct))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "identity.client.id-like-user-id");
            (await fixture.Admin.GetStringAsync("/api/identity/clients", Ct)).ShouldNotContain(id);
        }
    }

    private static async Task ShouldBeInvalidClientAsync(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.ShouldBeFalse();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("invalid_client");
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient browser, string clientId, string secret) =>
        browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "erp_api",
        }), Ct);
}

internal sealed record CreatedClient(string ClientId, string ClientSecret);
