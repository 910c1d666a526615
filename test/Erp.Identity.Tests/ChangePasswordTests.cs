using System.Net;
using System.Text.RegularExpressions;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>The account page that changes a password: behind the sign-in session, proven by the current password, ending every other session.</summary>
public sealed partial class ChangePasswordTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private const string Password = "Correct-Horse-42";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutASession_ThePageSendsTheUserThroughSignIn_AndBackToIt()
    {
        var (_, userName, _) = await fixture.SignedInUserAsync();
        var flow = new OidcFlow(fixture.Host.CreateBrowser());

        var page = await flow.Browser.GetAsync("/account/change-password?returnUrl=%2Fprofile", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signIn = page.Headers.Location!.ToString();
        signIn.ShouldBe("/account/sign-in?returnUrl=" + Uri.EscapeDataString("/account/change-password?returnUrl=%2Fprofile"));

        var signedIn = await flow.SubmitFormAsync(signIn, new() { ["userName"] = userName, ["password"] = Password });
        signedIn.Headers.Location!.ToString().ShouldBe("/account/change-password?returnUrl=%2Fprofile");
        var form = await flow.Browser.GetStringAsync(signedIn.Headers.Location, Ct);
        form.ShouldContain("Change your password");
        form.ShouldContain("""<a href="/profile">""");
    }

    [Fact]
    public async Task AChange_UpdatesTheStamp_EndsOtherSessionsAndTokens_IsLoggedAndMailed_AndReturnsToTheLocalAddress()
    {
        var (userId, userName, otherSession) = await fixture.SignedInUserAsync();
        var flow = await SignedInBrowserAsync(userName, Password);
        var stampBefore = await StampAsync(userId);

        var changed = await flow.SubmitFormAsync("/account/change-password?returnUrl=%2Fprofile",
            new() { ["currentPassword"] = Password, ["newPassword"] = "Brand-New-Pass-7", ["confirmPassword"] = "Brand-New-Pass-7" });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        changed.Headers.Location!.ToString().ShouldBe("/profile");

        (await StampAsync(userId)).ShouldNotBe(stampBefore);
        await (await otherSession.GetAsync("/api/app-config", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        // This browser stays signed in under the new stamp: the SPA gets new tokens without the password.
        var (verifier, challenge) = OidcFlow.Pkce();
        (await flow.ExchangeAsync(await flow.FollowToCodeAsync(OidcFlow.AuthorizeUrl(challenge, "s")), verifier)).AccessToken.ShouldNotBeNullOrEmpty();

        (await SignInAsync(userName, Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password no longer signs in");
        (await SignInAsync(userName, "Brand-New-Pass-7")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var log = await (await fixture.Admin.GetAsync($"/api/identity/users/{userId}/security-log", Ct)).ReadAsync<SecurityLogPage>();
        log.Items.Select(e => e.Action).ShouldContain("password-changed");
        var (notices, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(fixture.Host.MailSender, $"{userName}@erp.test"),
            mails => mails.Any(m => m.Subject == "Your Erp password changed"), TimeSpan.FromSeconds(10));
        notices.Single(m => m.Subject == "Your Erp password changed").TextBody.ShouldContain(userName);
    }

    [Fact]
    public async Task AWrongCurrentPassword_DifferingOrWeakNewOnes_AreRefusedOnThePage_AndChangeNothing()
    {
        var (userId, userName, otherSession) = await fixture.SignedInUserAsync();
        var flow = await SignedInBrowserAsync(userName, Password);

        async Task<string> RefusedAsync(string current, string next, string confirm)
        {
            var answer = await flow.SubmitFormAsync("/account/change-password?returnUrl=%2Fprofile",
                new() { ["currentPassword"] = current, ["newPassword"] = next, ["confirmPassword"] = confirm });
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            return await answer.Content.ReadAsStringAsync(Ct);
        }

        (await RefusedAsync("Wrong-Horse-42", "Brand-New-Pass-7", "Brand-New-Pass-7")).ShouldContain("The current password is not right.");
        (await RefusedAsync(Password, "Brand-New-Pass-7", "Brand-New-Pass-8")).ShouldContain("The two passwords differ.");
        (await RefusedAsync(Password, "short", "short")).ShouldContain("at least");
        (await RefusedAsync("", "Brand-New-Pass-7", "Brand-New-Pass-7")).ShouldContain("Enter your current password and the new one.");

        (await otherSession.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SignInAsync(userName, Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var log = await (await fixture.Admin.GetAsync($"/api/identity/users/{userId}/security-log", Ct)).ReadAsync<SecurityLogPage>();
        log.Items.Select(e => e.Action).ShouldContain("password-change-failed");
        log.Items.Select(e => e.Action).ShouldNotContain("password-changed");
    }

    /// <summary>The attacker links to the page with their own site as returnUrl: the change happens, the browser stays here.</summary>
    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task AnAddressOffTheSite_IsNeverFollowed_NorLinked(string attackerUrl)
    {
        var (_, userName, _) = await fixture.SignedInUserAsync();
        var escaped = Uri.EscapeDataString(attackerUrl);
        var anonymous = await fixture.Host.CreateBrowser().GetAsync($"/account/change-password?returnUrl={escaped}", Ct);
        anonymous.Headers.Location!.ToString().ShouldBe("/account/sign-in?returnUrl=%2Faccount%2Fchange-password");

        var flow = await SignedInBrowserAsync(userName, Password);
        (await flow.Browser.GetStringAsync($"/account/change-password?returnUrl={escaped}", Ct)).ShouldNotContain("evil.example");
        // Posted straight to the attacker's address: the page's own form would not carry it.
        var form = await flow.Browser.GetStringAsync("/account/change-password", Ct);
        var antiforgery = AntiforgeryField().Match(form);
        var changed = await flow.Browser.PostAsync($"/account/change-password?returnUrl={escaped}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
            ["currentPassword"] = Password, ["newPassword"] = "Brand-New-Pass-7", ["confirmPassword"] = "Brand-New-Pass-7",
        }), Ct);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.Location.ShouldBeNull();
        var page = await changed.Content.ReadAsStringAsync(Ct);
        page.ShouldContain("Your password is changed.");
        page.ShouldNotContain("evil.example");
    }

    /// <summary>A browser holding the sign-in pages' session (the cookie), as after the SPA's sign-in.</summary>
    private async Task<OidcFlow> SignedInBrowserAsync(string userName, string password)
    {
        var flow = new OidcFlow(fixture.Host.CreateBrowser());
        await flow.SignInAsync(userName, password);
        return flow;
    }

    /// <summary>The sign-in page's answer: a redirect when the password is right, the page again when not.</summary>
    private async Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        await new OidcFlow(fixture.Host.CreateBrowser()).SubmitFormAsync("/account/sign-in?returnUrl=%2F", new() { ["userName"] = userName, ["password"] = password });

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)""")]
    private static partial Regex AntiforgeryField();

    private Task<string> StampAsync(Guid userId) =>
        PostgresServer.ScalarAsync<string>(fixture.Database, $"SELECT security_stamp FROM identity.users WHERE id = '{userId}'");
}
