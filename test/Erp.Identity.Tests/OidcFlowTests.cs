using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>The SPA's sign-in as a browser and the SPA drive it: code + PKCE, API calls, refresh rotation, revocation, sign-out.</summary>
public sealed class OidcFlowTests : IAsyncLifetime
{
    private ErpHost _host = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The defaults, as production runs them.
    public async ValueTask InitializeAsync() => _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CodeFlowWithPkce_SignsIn_CallsTheApi_RotatesRefreshTokens_AndRevokes()
    {
        var flow = new OidcFlow(_host.CreateBrowser());
        var tokens = await flow.SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        tokens.RefreshToken.ShouldNotBeNull();
        tokens.IdToken.ShouldNotBeNull();

        var config = await (await Api(tokens.AccessToken).GetAsync("/api/app-config", Ct)).ReadAsync<AppConfig>();
        config.User.Name.ShouldBe(ErpHost.Admin);
        config.User.Roles.ShouldContain("admin");
        config.Permissions.ShouldContain("Identity.Users.Create");
        config.Permissions.ShouldContain("Sample.Currencies.Manage"); // the admin role holds plugins' permissions too

        var refreshed = await (await flow.RefreshAsync(tokens.RefreshToken!)).ReadAsync<TokenResponse>();
        refreshed.RefreshToken.ShouldNotBe(tokens.RefreshToken);
        (await Api(refreshed.AccessToken).GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Rotation: the used refresh token is spent.
        (await flow.RefreshAsync(tokens.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A revoked token that was just used (its valid status remembered) is refused within a second.
        (await Revoke(flow, refreshed.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Eventually.StatusAsync(() => Api(refreshed.AccessToken).GetAsync("/api/app-config", Ct), HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1)))
            .Value.ShouldBe(HttpStatusCode.Unauthorized);
        await (await Api(refreshed.AccessToken).GetAsync("/api/app-config", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        (await Revoke(flow, refreshed.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.RefreshAsync(refreshed.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ARefreshTokenReplayed_IsRefused_AndEndsTheWholeSignIn()
    {
        var flow = new OidcFlow(_host.CreateBrowser());
        var stolen = await flow.SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        var legitimate = await (await flow.RefreshAsync(stolen.RefreshToken!)).ReadAsync<TokenResponse>();
        (await Api(legitimate.AccessToken).GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The thief replays the spent token at once: refused, and the sign-in it belongs to (the token family) ends.
        var replay = await flow.RefreshAsync(stolen.RefreshToken!);
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await replay.Content.ReadAsStringAsync(Ct)).ShouldContain("invalid_grant");
        (await flow.RefreshAsync(legitimate.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Eventually.StatusAsync(() => Api(legitimate.AccessToken).GetAsync("/api/app-config", Ct), HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1)))
            .Value.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAccessTokenNotIssuedForTheApi_IsRefusedByIt()
    {
        var withoutApiScope = await new OidcFlow(_host.CreateBrowser()).SignInAsync(ErpHost.Admin, ErpHost.AdminPassword, scopes: "openid profile");
        await (await Api(withoutApiScope.AccessToken).GetAsync("/api/app-config", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        var forTheApi = await new OidcFlow(_host.CreateBrowser()).SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        (await Api(forTheApi.AccessToken).GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AStolenSessionCookie_MintsNoCode_OnceThePasswordWasReset()
    {
        using var admin = await _host.CreateSignedInClientAsync();
        var userName = "victim" + Guid.NewGuid().ToString("N")[..8];
        var userId = await _host.CreateUserAsync(admin, userName, "Correct-Horse-42");
        var thief = new OidcFlow(_host.CreateBrowser()); // holds the victim's session cookie
        await thief.SignInAsync(userName, "Correct-Horse-42");

        (await admin.PostAsync($"/api/identity/users/{userId}/force-password-reset", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (_, challenge) = OidcFlow.Pkce();
        var answer = await thief.Browser.GetAsync(OidcFlow.AuthorizeUrl(challenge, "s"), Ct);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task SigningOut_NeedsTheFormsToken_AndRevokesOnlyTheSignedInUsersOwnSignIn()
    {
        using var admin = await _host.CreateSignedInClientAsync();
        var userName = "other" + Guid.NewGuid().ToString("N")[..8];
        await _host.CreateUserAsync(admin, userName, "Correct-Horse-42");
        var victim = await new OidcFlow(_host.CreateBrowser()).SignInAsync(userName, "Correct-Horse-42");
        var attacker = new OidcFlow(_host.CreateBrowser());
        var own = await attacker.SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        var endSession = $"/connect/endsession?id_token_hint={victim.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString(OidcFlow.PostLogoutRedirectUri)}";

        // A cross-site post (no form token) is refused and changes nothing.
        var forged = await attacker.Browser.PostAsync(endSession, new FormUrlEncodedContent([]), Ct);
        await forged.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        (await Api(own.AccessToken).GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The form, with someone else's id_token as the hint: the attacker's own session ends, the victim's sign-in lives.
        (await attacker.SubmitFormAsync(endSession, [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Api(victim.AccessToken).GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await new OidcFlow(_host.CreateBrowser()).RefreshAsync(victim.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_AndRevokesTheTokensOfThatSignIn()
    {
        var flow = new OidcFlow(_host.CreateBrowser());
        var tokens = await flow.SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);

        var signOut = await flow.SubmitFormAsync($"/connect/endsession?id_token_hint={tokens.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString(OidcFlow.PostLogoutRedirectUri)}", []);
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signOut.Headers.Location!.ToString().ShouldStartWith(OidcFlow.PostLogoutRedirectUri);

        await (await Api(tokens.AccessToken).GetAsync("/api/app-config", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        (await flow.RefreshAsync(tokens.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // The server session is gone: a new authorization request asks for the password again.
        var (_, challenge) = OidcFlow.Pkce();
        (await flow.Browser.GetAsync(OidcFlow.AuthorizeUrl(challenge, "s"), Ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }

    [Fact]
    public async Task AuthorizationRequest_WithoutPkce_IsRefused()
    {
        using var browser = _host.CreateBrowser();
        var url = OidcFlow.AuthorizeUrl("unused", "s").Replace("&code_challenge=unused&code_challenge_method=S256", "", StringComparison.Ordinal);
        var response = await browser.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("code_challenge");
    }

    [Theory]
    [InlineData("https://spa.erp.test/auth/callback/")]
    [InlineData("https://spa.erp.test/auth/callback?next=/")]
    [InlineData("https://SPA.erp.test/auth/callback")]
    [InlineData("https://evil.test/auth/callback")]
    public async Task RedirectUris_AreMatchedExactly(string redirectUri)
    {
        using var browser = _host.CreateBrowser();
        var (_, challenge) = OidcFlow.Pkce();
        var response = await browser.GetAsync(OidcFlow.AuthorizeUrl(challenge, "s", redirectUri), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task CodeExchange_WithTheWrongVerifier_IsRefused()
    {
        var flow = new OidcFlow(_host.CreateBrowser());
        var (_, challenge) = OidcFlow.Pkce();
        var signIn = await flow.Browser.GetAsync(OidcFlow.AuthorizeUrl(challenge, "s"), Ct);
        var afterSignIn = await flow.SubmitFormAsync(signIn.Headers.Location!.ToString(), new() { ["userName"] = ErpHost.Admin, ["password"] = ErpHost.AdminPassword });
        var code = await flow.FollowToCodeAsync(afterSignIn.Headers.Location!.ToString());

        var (otherVerifier, _) = OidcFlow.Pkce();
        var response = await flow.Browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = OidcFlow.RedirectUri, ["client_id"] = OidcFlow.ClientId, ["code_verifier"] = otherVerifier,
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("invalid_grant");
    }

    [Fact]
    public async Task ForgedTokens_Get401()
    {
        var tokens = await new OidcFlow(_host.CreateBrowser()).SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        var tampered = tokens.AccessToken[..^8] + (tokens.AccessToken[^8] == 'A' ? 'B' : 'A') + tokens.AccessToken[^7..];
        foreach (var forged in new[] { "not-a-token", tampered, tokens.IdToken! })
        {
            var response = await Api(forged).GetAsync("/api/app-config", Ct);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
            response.Headers.WwwAuthenticate.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task ExpiredAccessTokens_Get401()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            ["Identity:Tokens:AccessTokenLifetime"] = "00:00:01",
        });
        var tokens = await new OidcFlow(host.CreateBrowser()).SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
        using var api = host.CreateApiClient(tokens.AccessToken);
        await (await api.GetAsync("/api/app-config", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private HttpClient Api(string accessToken) => _host.CreateApiClient(accessToken);

    private static Task<HttpResponseMessage> Revoke(OidcFlow flow, string token) =>
        flow.Browser.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = OidcFlow.ClientId }));
}

internal sealed record AppConfig(AppUser User, string[] Permissions, Dictionary<string, string?> Settings, MenuNode[] Menu, LoadedPlugin[] Plugins);
internal sealed record AppUser(string Id, string Name, string[] Roles);
internal sealed record MenuNode(string Name, string? Route, int Order, MenuNode[] Children);
internal sealed record LoadedPlugin(string Id, string Version, string DisplayName);
