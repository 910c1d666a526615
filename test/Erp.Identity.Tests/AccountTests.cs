using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Identity.Tests;

/// <summary>Password reset by mail, two-step sign-in with an authenticator app and recovery codes.</summary>
public sealed class AccountTests(IdentityFixture fixture) : IClassFixture<IdentityFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForgotPassword_DoesTheSameWork_ForAKnownAndAnUnknownAddress()
    {
        var (_, userName, _) = await fixture.SignedInUserAsync();
        var flow = new OidcFlow(fixture.Host.CreateBrowser());

        async Task<(long LogEntries, long Queued, string Answer)> AskAsync(string address)
        {
            // The request itself, not the mail its handler may already have asked for (which names the address too).
            var queued = $"SELECT count(*) FROM messaging.outbox_messages WHERE event_name LIKE '%PasswordResetRequestedForAddress%' AND payload::text LIKE '%{address}%'";
            var queuedBefore = await CountAsync(queued);
            var answer = await (await flow.SubmitFormAsync("/account/forgot-password", new() { ["email"] = address })).Content.ReadAsStringAsync(Ct);
            return (await CountAsync(ResetLogEntries), await CountAsync(queued) - queuedBefore,
                System.Text.RegularExpressions.Regex.Replace(answer, "value=\"[^\"]*\"", "")); // the form token differs per answer
        }

        var before = await CountAsync(ResetLogEntries);
        var known = await AskAsync($"{userName}@erp.test");
        var unknown = await AskAsync($"nobody-{userName}@erp.test");

        (known.LogEntries - before).ShouldBe(1);
        (unknown.LogEntries - known.LogEntries).ShouldBe(1);
        known.Queued.ShouldBe(1);
        unknown.Queued.ShouldBe(1);
        unknown.Answer.ShouldBe(known.Answer);
    }

    [Fact]
    public async Task LinksNamingNoUser_AreInvalid_NotServerErrors()
    {
        var flow = new OidcFlow(fixture.Host.CreateBrowser());
        foreach (var user in new[] { "not-a-guid", "' OR 1=1 --", Guid.NewGuid().ToString() })
        {
            var reset = await flow.SubmitFormAsync($"/account/reset-password?user={Uri.EscapeDataString(user)}&token=x",
                new() { ["password"] = "Brand-New-Pass-7", ["confirmPassword"] = "Brand-New-Pass-7" });
            reset.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await reset.Content.ReadAsStringAsync(Ct)).ShouldContain("used already or has expired");

            var confirm = await flow.Browser.GetAsync($"/account/confirm-email?user={Uri.EscapeDataString(user)}&email=a%40erp.test&token=x", Ct);
            confirm.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await confirm.Content.ReadAsStringAsync(Ct)).ShouldContain("not valid");
        }
    }

    private const string ResetLogEntries = "SELECT count(*) FROM identity.security_log WHERE action = 'password-reset-requested'";

    private Task<long> CountAsync(string sql) => PostgresServer.ScalarAsync<long>(fixture.Database, sql);

    [Fact]
    public async Task ForgotPassword_MailsASingleUseLink_ThatSetsANewPassword_AndEndsExistingSessions()
    {
        var (userId, userName, user) = await fixture.SignedInUserAsync();
        var flow = new OidcFlow(fixture.Host.CreateBrowser());
        var address = $"{userName}@erp.test";
        var seen = (await Mailbox.ToAsync(fixture.Host.MailSender, address)).Count;
        // An unknown address gets the same answer as a known one, and no mail (checked once the known one's mail is in).
        (await (await flow.SubmitFormAsync("/account/forgot-password", new() { ["email"] = "nobody@erp.test" })).Content.ReadAsStringAsync(Ct))
            .ShouldContain("If an account uses that address");
        var answer = await flow.SubmitFormAsync("/account/forgot-password", new() { ["email"] = address });
        (await answer.Content.ReadAsStringAsync(Ct)).ShouldContain("If an account uses that address");

        var link = await Mailbox.NextLinkAsync(fixture.Host.MailSender, address, seen);
        (await Mailbox.ToAsync(fixture.Host.MailSender, "nobody@erp.test")).ShouldBeEmpty();
        var reset = await flow.SubmitFormAsync(link, new() { ["password"] = "Brand-New-Pass-7", ["confirmPassword"] = "Brand-New-Pass-7" });
        (await reset.Content.ReadAsStringAsync(Ct)).ShouldContain("Your password is changed");
        var again = await flow.SubmitFormAsync(link, new() { ["password"] = "Another-Pass-77", ["confirmPassword"] = "Another-Pass-77" });
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("used already or has expired");

        await (await user.GetAsync("/api/app-config", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        (await new OidcFlow(fixture.Host.CreateBrowser()).SignInAsync(userName, "Brand-New-Pass-7")).AccessToken.ShouldNotBeNullOrEmpty();
        var log = await (await fixture.Admin.GetAsync($"/api/identity/users/{userId}/security-log", Ct)).ReadAsync<SecurityLogPage>();
        log.Items.Select(e => e.Action).ShouldContain("password-reset");
    }

    [Fact]
    public async Task TwoStepSignIn_WithAnAuthenticatorCode_OrARecoveryCodeOnce()
    {
        var (_, userName, user) = await fixture.SignedInUserAsync();
        var setup = await (await user.GetAsync("/api/account/two-factor", Ct)).ReadAsync<TwoFactorSetup>();
        setup.Enabled.ShouldBeFalse();
        setup.QrCodeSvg.ShouldStartWith("<svg");
        await (await user.PostAsJsonAsync("/api/account/two-factor/enable", new { code = "000000" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "identity.two-factor.code-invalid");
        var recovery = await (await user.PostAsJsonAsync("/api/account/two-factor/enable", new { code = Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow) }, Ct))
            .ReadAsync<RecoveryCodes>();
        recovery.Codes.Length.ShouldBe(10);

        // With the app's code.
        (await SignInWithSecondStepAsync(userName, Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow))).ShouldNotBeNull();
        // With a recovery code, which works once.
        (await SignInWithSecondStepAsync(userName, recovery.Codes[0])).ShouldNotBeNull();
        (await SignInWithSecondStepAsync(userName, recovery.Codes[0])).ShouldBeNull();
        (await SignInWithSecondStepAsync(userName, "123456")).ShouldBeNull();
    }

    [Fact]
    public async Task LookingAtTwoStepSetUp_KeepsTheUsersSignIns()
    {
        // The profile page reads the set-up as it opens; making the key must not end the sign-in that opened it.
        var (_, userName, user) = await fixture.SignedInUserAsync();
        var flow = new OidcFlow(fixture.Host.CreateBrowser());
        var tokens = await flow.SignInAsync(userName, "Correct-Horse-42");

        var first = await (await user.GetAsync("/api/account/two-factor", Ct)).ReadAsync<TwoFactorSetup>();
        var again = await (await user.GetAsync("/api/account/two-factor", Ct)).ReadAsync<TwoFactorSetup>();

        again.SharedKey.ShouldBe(first.SharedKey, "the key the app scanned stays until two-step sign-in is on or off");
        (await flow.RefreshAsync(tokens.RefreshToken!)).StatusCode.ShouldBe(HttpStatusCode.OK, "the user's other sign-in goes on");
    }

    [Fact]
    public async Task TwoFactor_KeyIsShownOnlyDuringSetUp_CodesAreStoredHashed_AndOnlyTheOwnerWeakensIt()
    {
        const string password = "Correct-Horse-42";
        var (userId, userName, user) = await fixture.SignedInUserAsync(); // signed in with that password
        var setup = await (await user.GetAsync("/api/account/two-factor", Ct)).ReadAsync<TwoFactorSetup>();
        var recovery = await (await user.PostAsJsonAsync("/api/account/two-factor/enable", new { code = Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow) }, Ct))
            .ReadAsync<RecoveryCodes>();

        // A stolen access token reads no second factor.
        var after = await user.GetAsync("/api/account/two-factor", Ct);
        after.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var shown = await after.ReadAsync<TwoFactorSetup>();
        (shown.Enabled, shown.SharedKey, shown.AuthenticatorUri, shown.QrCodeSvg).ShouldBe((true, null, null, null));
        var stored = await PostgresServer.ScalarAsync<string>(fixture.Database,
            $"SELECT value FROM identity.user_tokens WHERE user_id = '{userId}' AND name = 'RecoveryCodes'");
        foreach (var code in recovery.Codes) stored.ShouldNotContain(code);

        // Nor replaces the recovery codes or turns the second step off.
        foreach (var proof in new object[] { new { }, new { password = "Wrong-Horse-42" }, new { code = "000000" } })
        {
            await (await user.PostAsJsonAsync("/api/account/two-factor/recovery-codes", proof, Ct))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "identity.account.confirmation-invalid");
            await (await user.PostAsJsonAsync("/api/account/two-factor/disable", proof, Ct))
                .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "identity.account.confirmation-invalid");
        }

        (await (await user.PostAsJsonAsync("/api/account/two-factor/recovery-codes", new { password }, Ct)).ReadAsync<RecoveryCodes>())
            .Codes.Length.ShouldBe(10);
        (await user.PostAsJsonAsync("/api/account/two-factor/disable", new { code = Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow) }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The owner heard of each change (turned on, new codes, turned off) and of no refused attempt.
        var subjects = (await Eventually.ValueAsync(() => NoticesToAsync(userName), n => n.Length >= 3, TimeSpan.FromSeconds(10))).Value;
        subjects.ShouldBe(["turned on", "New recovery codes", "turned off"], ignoreOrder: true);
    }

    private async Task<string[]> NoticesToAsync(string userName) => [.. (await Mailbox.ToAsync(fixture.Host.MailSender, $"{userName}@erp.test"))
        .Where(m => m.Subject.Contains("two-step", StringComparison.Ordinal))
        .Select(m => new[] { "turned on", "New recovery codes", "turned off" }.Single(k => m.TextBody.Contains(k, StringComparison.Ordinal)))];

    [Fact]
    public async Task ASignInAddress_ChangesOnlyThroughTheLinkMailedToIt_AndTheOldAddressIsTold()
    {
        var (userId, userName, _) = await fixture.SignedInUserAsync();
        var (oldAddress, newAddress) = ($"{userName}@erp.test", $"{userName}.new@erp.test");
        var seenOld = (await Mailbox.ToAsync(fixture.Host.MailSender, oldAddress)).Count;

        (await fixture.Admin.PutAsJsonAsync($"/api/identity/users/{userId}", new { email = newAddress }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await fixture.Admin.GetAsync($"/api/identity/users/{userId}", Ct)).ReadAsync<User>()).Email.ShouldBe(oldAddress);

        var link = await Mailbox.NextLinkAsync(fixture.Host.MailSender, newAddress, seen: 0);
        (await Eventually.ValueAsync(async () => (await Mailbox.ToAsync(fixture.Host.MailSender, oldAddress)).Count, n => n > seenOld, TimeSpan.FromSeconds(10)))
            .Value.ShouldBe(seenOld + 1);
        var toOld = await Mailbox.ToAsync(fixture.Host.MailSender, oldAddress);
        toOld[^1].TextBody.ShouldContain(newAddress);

        // A link for another address (the token is bound to the one it was mailed to) changes nothing.
        var tampered = System.Text.RegularExpressions.Regex.Replace(link, "email=[^&]*", "email=" + Uri.EscapeDataString("thief@evil.test"));
        tampered.ShouldNotBe(link);
        (await fixture.Host.CreateBrowser().GetStringAsync(tampered, Ct)).ShouldContain("not valid");

        (await fixture.Host.CreateBrowser().GetStringAsync(link, Ct)).ShouldContain("Your sign-in address is changed");
        var changed = await (await fixture.Admin.GetAsync($"/api/identity/users/{userId}", Ct)).ReadAsync<User>();
        (changed.Email, changed.EmailConfirmed).ShouldBe((newAddress, true));
    }

    /// <summary>Password, then the second step; the token response, or null when the second step is refused.</summary>
    private async Task<TokenResponse?> SignInWithSecondStepAsync(string userName, string code)
    {
        var flow = new OidcFlow(fixture.Host.CreateBrowser());
        var (verifier, challenge) = OidcFlow.Pkce();
        var signIn = await flow.Browser.GetAsync(OidcFlow.AuthorizeUrl(challenge, "s"), Ct);
        var afterPassword = await flow.SubmitFormAsync(signIn.Headers.Location!.ToString(), new() { ["userName"] = userName, ["password"] = "Correct-Horse-42" });
        afterPassword.Headers.Location!.ToString().ShouldStartWith("/account/two-factor");

        var afterCode = await flow.SubmitFormAsync(afterPassword.Headers.Location!.ToString(), new() { ["code"] = code });
        if (afterCode.StatusCode != HttpStatusCode.Redirect)
        {
            (await afterCode.Content.ReadAsStringAsync(Ct)).ShouldContain("That code is not right");
            return null;
        }

        return await flow.ExchangeAsync(await flow.FollowToCodeAsync(afterCode.Headers.Location!.ToString()), verifier);
    }
}

internal sealed record TwoFactorSetup(bool Enabled, string? SharedKey, string? AuthenticatorUri, string? QrCodeSvg, int RecoveryCodesLeft);
internal sealed record RecoveryCodes(string[] Codes);
