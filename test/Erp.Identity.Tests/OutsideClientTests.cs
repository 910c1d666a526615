using System.Net;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>
/// The server checked from outside with the defaults, by a certified client library (Duende's OidcClient), not by our
/// own helpers: discovery, code + PKCE with its ID token validated against the published keys, userinfo, refresh with rotation,
/// a replayed refresh token refused (and its sign-in ended), revocation.
/// </summary>
public sealed class OutsideClientTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnIndependentClient_SignsInWithCodeAndPkce_RefreshesWithRotation_IsRefusedAReplay_AndRevokes()
    {
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = "https://localhost",
            ClientId = OidcFlow.ClientId,
            RedirectUri = OidcFlow.RedirectUri,
            Scope = "openid profile email offline_access erp_api",
            BackchannelHandler = fixture.Host.Server.CreateHandler(),
        });

        var login = await SignInAsync(client);
        login.IsError.ShouldBeFalse(login.Error);
        // The profile comes from the userinfo endpoint (the client's default), read with the access token.
        login.User.FindFirst("preferred_username")?.Value.ShouldBe(ErpHost.Admin);
        login.User.FindFirst("email_verified")?.Value.ShouldBe("true");
        (await ApiStatusAsync(login.AccessToken)).ShouldBe(HttpStatusCode.OK);

        var refreshed = await client.RefreshTokenAsync(login.RefreshToken, cancellationToken: Ct);
        refreshed.IsError.ShouldBeFalse(refreshed.Error);
        refreshed.RefreshToken.ShouldNotBe(login.RefreshToken);
        (await ApiStatusAsync(refreshed.AccessToken)).ShouldBe(HttpStatusCode.OK);

        var replayed = await client.RefreshTokenAsync(login.RefreshToken, cancellationToken: Ct);
        replayed.IsError.ShouldBeTrue();
        replayed.Error.ShouldBe("invalid_grant");
        (await client.RefreshTokenAsync(refreshed.RefreshToken, cancellationToken: Ct)).IsError.ShouldBeTrue("a replay ends the whole sign-in");

        var second = await SignInAsync(client);
        using var backchannel = new HttpClient(fixture.Host.Server.CreateHandler());
        var discovery = await backchannel.GetDiscoveryDocumentAsync("https://localhost", Ct);
        discovery.IsError.ShouldBeFalse(discovery.Error);
        var revoked = await backchannel.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = discovery.RevocationEndpoint, ClientId = OidcFlow.ClientId, Token = second.RefreshToken, TokenTypeHint = "refresh_token",
        }, Ct);
        revoked.IsError.ShouldBeFalse(revoked.Error);
        (await client.RefreshTokenAsync(second.RefreshToken, cancellationToken: Ct)).IsError.ShouldBeTrue("a revoked refresh token is spent");
    }

    // The user's part: open the start URL in a browser, sign in on the server's page, land on the redirect URI.
    private async Task<LoginResult> SignInAsync(OidcClient client)
    {
        var state = await client.PrepareLoginAsync(cancellationToken: Ct);
        var flow = new OidcFlow(fixture.Host.CreateBrowser());
        var signInPage = await flow.Browser.GetAsync(state.StartUrl, Ct);
        signInPage.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signedIn = await flow.SubmitFormAsync(signInPage.Headers.Location!.ToString(), new() { ["userName"] = ErpHost.Admin, ["password"] = ErpHost.AdminPassword });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = await flow.Browser.GetAsync(signedIn.Headers.Location, Ct);
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await client.ProcessResponseAsync(callback.Headers.Location!.ToString(), state, cancellationToken: Ct);
    }

    private async Task<HttpStatusCode> ApiStatusAsync(string accessToken)
    {
        using var api = fixture.Host.CreateApiClient(accessToken);
        return (await api.GetAsync("/api/app-config", Ct)).StatusCode;
    }
}
