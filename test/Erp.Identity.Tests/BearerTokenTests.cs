using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>
/// An instance remembers the access tokens it has validated: what it remembers must never let through a token it
/// would refuse. Its access tokens live three seconds here, so expiry is seen within the test.
/// </summary>
public sealed class BearerTokenTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(3);
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync() => _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
        settings: new Dictionary<string, string?> { ["Identity:Tokens:AccessTokenLifetime"] = TokenLifetime.ToString() });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ATokenAlteredAfterItWasAccepted_IsRefused()
    {
        var (token, signedIn) = await SignInAsync();
        (await signedIn.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var parts = token.Split('.');
        parts.Length.ShouldBe(3);
        string[] forgeries =
        [
            $"{parts[0]}.{parts[1]}.{Flip(parts[2])}",            // signature changed
            $"{parts[0]}.{Flip(parts[1])}.{parts[2]}",            // claims changed, signature kept
            $"{parts[0]}.{parts[1]}.",                            // signature dropped
            token + "x",                                          // a longer token with the same beginning
        ];
        foreach (var forged in forgeries)
        {
            using var attacker = _host.CreateApiClient(forged);
            await (await attacker.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        }

        (await signedIn.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnAcceptedToken_IsRefusedOnceItExpires()
    {
        var (_, signedIn) = await SignInAsync();
        var issued = DateTimeOffset.UtcNow;
        (await signedIn.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Task.Delay(issued + TokenLifetime + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow, Ct);
        await (await signedIn.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private async Task<(string Token, HttpClient Client)> SignInAsync()
    {
        var tokens = await new OidcFlow(_host.CreateBrowser()).SignInAsync(ErpHost.Admin, ErpHost.AdminPassword);
        return (tokens.AccessToken, _host.CreateApiClient(tokens.AccessToken));
    }

    // Changes one character in the middle, keeping the base64url alphabet.
    private static string Flip(string segment)
    {
        var chars = segment.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
