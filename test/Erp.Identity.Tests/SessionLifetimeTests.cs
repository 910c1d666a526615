using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>A sign-in has an absolute age limit however active it is: three seconds here, for the cookie and the refresh-token family.</summary>
public sealed class SessionLifetimeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync() => _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
        settings: new Dictionary<string, string?>
        {
            ["Identity:Sessions:CookieAbsoluteLifetime"] = "00:00:03",
            ["Identity:Sessions:RefreshAbsoluteLifetime"] = "00:00:03",
        });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ASignIn_EndsAtItsAbsoluteLifetime_ThoughItKeepsRefreshing()
    {
        var flow = new OidcFlow(_host.CreateBrowser());
        var tokens = await flow.SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        var refreshed = await (await flow.RefreshAsync(tokens.RefreshToken!)).ReadAsync<TokenResponse>(); // within the limit: fine

        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        var late = await flow.RefreshAsync(refreshed.RefreshToken!);
        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await late.Content.ReadAsStringAsync(Ct)).ShouldContain("invalid_grant");

        var (_, challenge) = OidcFlow.Pkce();
        (await flow.Browser.GetAsync(OidcFlow.AuthorizeUrl(challenge, "s"), Ct)).Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
    }
}
