using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>
/// A mailed password reset link stops working after Identity:Links:PasswordResetLifetime (two seconds here); a new account's
/// welcome link has its own, longer lifetime.
/// </summary>
public sealed class LinkLifetimeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync() => _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
        settings: new Dictionary<string, string?> { ["Identity:Links:PasswordResetLifetime"] = "00:00:02" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task APasswordResetLink_ExpiresAfterItsLifetime()
    {
        var admin = await _host.CreateSignedInClientAsync();
        var userName = "late" + Guid.NewGuid().ToString("N")[..8];
        await _host.CreateUserAsync(admin, userName, "Correct-Horse-42");
        var flow = new OidcFlow(_host.CreateBrowser());
        var address = $"{userName}@erp.test";
        var seen = (await Mailbox.ToAsync(_host.MailSender, address)).Count;

        await flow.SubmitFormAsync("/account/forgot-password", new() { ["email"] = address });
        var link = await Mailbox.NextLinkAsync(_host.MailSender, address, seen);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        var reset = await flow.SubmitFormAsync(link, new() { ["password"] = "Brand-New-Pass-7", ["confirmPassword"] = "Brand-New-Pass-7" });
        (await reset.Content.ReadAsStringAsync(Ct)).ShouldContain("used already or has expired");
    }

    [Fact]
    public async Task AWelcomeLink_OutlivesTheResetLifetime_AndWorksOnce()
    {
        var admin = await _host.CreateSignedInClientAsync();
        var userName = "invited" + Guid.NewGuid().ToString("N")[..8];
        var address = $"{userName}@erp.test";
        var created = await admin.PostAsJsonAsync("/api/identity/users", new { userName, email = address, roles = Array.Empty<string>() }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var link = await Mailbox.NextLinkAsync(_host.MailSender, address, seen: 0);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        // A fresh form each time: SubmitFormAsync adds the page's hidden fields (its anti-forgery token) to the one it gets.
        Dictionary<string, string> Password() => new() { ["password"] = "First-Pass-Word-9", ["confirmPassword"] = "First-Pass-Word-9" };
        var set = await new OidcFlow(_host.CreateBrowser()).SubmitFormAsync(link, Password());
        (await set.Content.ReadAsStringAsync(Ct)).ShouldContain("Your password is changed");

        var again = await new OidcFlow(_host.CreateBrowser()).SubmitFormAsync(link, Password());
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("used already or has expired");
    }
}
